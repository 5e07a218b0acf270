/**
 * The screens, in a process of their own so the server's cores stay its own: N raw WebSocket
 * clients, speaking graphql-ws (mode "graphql") or just listening (mode "raw"). Driven over IPC:
 * "arm" → report, for every socket, when its next message arrived.
 */
import WebSocket from 'ws';

const [url, mode, countText, token, query, variablesJson] = process.argv.slice(2) as [
  string,
  'graphql' | 'raw',
  string,
  string,
  string,
  string,
];
const count = Number(countText);
const sockets: WebSocket[] = [];
let armed: (number | null)[] = [];
let bytes = 0;
const now = () => performance.timeOrigin + performance.now();

function open(i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, mode === 'graphql' ? 'graphql-transport-ws' : undefined);
    socket.on('error', reject);
    // Until its subscription is on, a screen reads the protocol; after that it only notes when each
    // message came, exactly as the floor's screens do, so both sides cost the same here.
    let subscribed = mode === 'raw';
    socket.on('message', (data: Buffer) => {
      if (!subscribed) {
        if (data.toString().startsWith('{"type":"connection_ack"')) {
          subscribed = true;
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables: JSON.parse(variablesJson) } }));
          resolve();
        }
        return;
      }
      if (armed[i] === null) {
        armed[i] = now();
        bytes = data.length;
      }
    });
    socket.on('open', () => {
      if (mode === 'graphql') socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } }));
      else resolve();
    });
    sockets.push(socket);
  });
}

process.on('message', async (message: { type: string }) => {
  if (message.type === 'arm') {
    armed = sockets.map(() => null);
    process.send!({ type: 'armed' });
  } else if (message.type === 'collect') {
    process.send!({ type: 'times', times: armed, bytes });
  } else if (message.type === 'close') {
    for (const socket of sockets) socket.terminate();
    process.exit(0);
  }
});

(async () => {
  for (let i = 0; i < count; i += 200) {
    await Promise.all(Array.from({ length: Math.min(200, count - i) }, (_, k) => open(i + k)));
  }
  process.send!({ type: 'ready' });
})().catch((error: unknown) => {
  process.send!({ type: 'error', message: String(error) });
  process.exit(1);
});
