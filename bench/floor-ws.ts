/**
 * The fan-out floor: a bare `ws` server that broadcasts the same bytes to every socket, in a process
 * of its own (the API's process already holds one set of 10,000 sockets, and both sets stay open
 * while their GOs alternate). It answers `/health` as the API does, so a balancer can front it too.
 * Driven over IPC: "broadcast" → report the instant it started sending and how long its loop took;
 * "drop" → cut every socket.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { monotonicMs as now } from '../src/shared/monotonic.js';

const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n'));
const sockets = new WebSocketServer({ server });
server.listen(0, '127.0.0.1', () => process.send!({ type: 'listening', port: (server.address() as AddressInfo).port }));

process.on('message', (message: { type: string; bytes?: number }) => {
  if (message.type === 'broadcast') {
    const payload = Buffer.alloc(message.bytes ?? 300, 'x');
    const t0 = now();
    for (const client of sockets.clients) client.send(payload);
    process.send!({ type: 'sent', t0, loopMs: now() - t0 });
  } else if (message.type === 'drop') {
    for (const client of sockets.clients) client.terminate();
    process.send!({ type: 'dropped' });
  } else if (message.type === 'close') {
    sockets.close();
    server.close();
    process.exit(0);
  }
});
