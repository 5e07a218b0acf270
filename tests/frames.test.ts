import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { frameOf, writeFrame } from '../src/realtime/frames.js';
import { until } from './helpers/wait.js';

/** A real ws server and client over loopback: what the client reads is what a screen reads. */
async function pair(perMessageDeflate = false) {
  const server = http.createServer();
  const wss = new WebSocketServer({ server, perMessageDeflate });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate });
  const received: { text: string; binary: boolean }[] = [];
  client.on('message', (data, binary) => received.push({ text: String(data), binary }));
  await new Promise((resolve) => client.once('open', resolve));
  const socket = await accepted;
  opened.push(() => {
    client.terminate();
    wss.close();
    server.close();
  });
  return { socket, client, received };
}
const opened: (() => void)[] = [];
afterEach(() => opened.splice(0).forEach((close) => close()));

describe('shared frames written whole to each socket', () => {
  it('arrive as the text message they frame, at every length form (7-bit, 16-bit, 64-bit)', async () => {
    const { socket, received } = await pair();
    const jsons = ['{"a":1}', JSON.stringify({ s: 'é'.repeat(200) }), JSON.stringify({ s: 'x'.repeat(70_000) })];
    for (const json of jsons) writeFrame(socket, frameOf('{"id":"1","type":"next","payload":', json));
    await until(() => received.length === 3, 5000);
    expect(received.map((m) => m.binary)).toEqual([false, false, false]);
    expect(received.map((m) => JSON.parse(m.text) as unknown)).toEqual(
      jsons.map((json) => ({ id: '1', type: 'next', payload: JSON.parse(json) as unknown })),
    );
  });

  it("keep their place among ws's own messages, and ws counts their unsent bytes", async () => {
    const { socket, client, received } = await pair();
    socket.send('{"type":"ping"}');
    writeFrame(socket, frameOf('{"id":"1","type":"next","payload":', '{"n":1}'));
    socket.send('{"id":"1","type":"complete"}');
    await until(() => received.length === 3, 5000);
    expect(received.map((m) => (JSON.parse(m.text) as { type: string }).type)).toEqual(['ping', 'next', 'complete']);

    // A client that stops reading: the frames queue in the server's socket, where the slow-consumer check looks.
    (client as unknown as { _socket: { pause(): void } })._socket.pause();
    const big = frameOf('{"id":"1","type":"next","payload":', JSON.stringify({ s: 'x'.repeat(60_000) }));
    for (let i = 0; i < 200 && socket.bufferedAmount === 0; i++) writeFrame(socket, big);
    expect(socket.bufferedAmount).toBeGreaterThan(0);
  });

  it('go through ws, in order, when a message of its own is being compressed (permessage-deflate)', async () => {
    const { socket, received } = await pair(true);
    expect(socket.extensions).toContain('permessage-deflate');
    socket.send(JSON.stringify({ type: 'first', s: 'y'.repeat(50_000) })); // compressed off the loop
    writeFrame(socket, frameOf('{"id":"1","type":"next","payload":', '{"n":2}'));
    await until(() => received.length === 2, 5000);
    expect(received.map((m) => (JSON.parse(m.text) as { type: string }).type)).toEqual(['first', 'next']);
  });
});
