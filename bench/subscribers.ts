/**
 * The screens, in a process of their own so the server's cores stay its own: N raw WebSocket
 * clients, speaking graphql-ws (mode "graphql") or just listening (mode "raw"). Driven over IPC:
 * "arm" → report, for every socket, when its next message arrived; "stats" → what each screen
 * applied. A graphql screen whose socket is lost comes back as the screens app does: after a
 * jittered wait, resubscribing with afterRevision set to the last revision it applied.
 */
import WebSocket from 'ws';
import { monotonicMs as now } from '../src/shared/monotonic.js';

const [url, mode, countText, token, query, variablesJson] = process.argv.slice(2) as [
  string,
  'graphql' | 'raw',
  string,
  string,
  string,
  string,
];
const count = Number(countText);
const urls = url.split(',');
let armed: (number | null)[] = [];
let bytes = 0;
/** Per screen: its socket, the last revision it applied, and what went wrong. */
const screens = Array.from({ length: count }, () => ({
  socket: null as WebSocket | null,
  last: null as number | null,
  duplicates: 0,
  gaps: 0,
  drops: 0,
  droppedAt: 0,
  openAt: 0,
  ackAt: 0,
  backAt: 0,
}));
const REVISION = /"revision":(\d+)/;
/** Why sockets closed and why reopening failed, counted: what a failover report needs to name its cause. */
const closeCodes: Record<string, number> = {};
const openErrors: Record<string, number> = {};
const tally = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);

/** How long each reconnect attempt took until its socket opened, or failed. */
const attempts = { opened: [] as number[], failed: [] as number[] };

function open(i: number): Promise<void> {
  const screen = screens[i]!;
  return new Promise((resolve, reject) => {
    const began = now();
    const socket = new WebSocket(urls[i % urls.length]!, mode === 'graphql' ? 'graphql-transport-ws' : undefined);
    screen.socket = socket;
    let opened = false;
    socket.on('error', (error) => {
      if (opened) return;
      if (screen.drops) attempts.failed.push(now() - began);
      tally(openErrors, error.message.replace(/\d+\.\d+\.\d+\.\d+:\d+/, 'host'));
      reject(error);
    });
    // Until its subscription is on, a screen reads the protocol; after that it notes when each
    // message came and which revision it carries, exactly as the floor's screens do, so both sides cost the same here.
    let subscribed = mode === 'raw';
    socket.on('message', (data: Buffer) => {
      if (!subscribed) {
        if (data.toString().startsWith('{"type":"connection_ack"')) {
          subscribed = true;
          screen.ackAt = now();
          const variables = { ...JSON.parse(variablesJson), ...(screen.last === null ? {} : { afterRevision: screen.last }) };
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
          resolve();
        }
        return;
      }
      const t = now();
      if (armed[i] === null) {
        armed[i] = t;
        bytes = data.length;
      }
      const revision = REVISION.exec(data.toString());
      if (!revision) return;
      const r = Number(revision[1]);
      if (screen.drops && !screen.backAt) screen.backAt = t;
      if (screen.last !== null && r <= screen.last) screen.duplicates++;
      else {
        if (screen.last !== null && r !== screen.last + 1) screen.gaps++;
        screen.last = r;
      }
    });
    socket.on('open', () => {
      opened = true;
      screen.openAt = now();
      if (screen.drops) attempts.opened.push(screen.openAt - began);
      if (mode === 'graphql') socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } }));
      else resolve();
    });
    socket.on('close', (code: number, reason: Buffer) => {
      if (!opened || closing || mode !== 'graphql') return;
      tally(closeCodes, `${code} ${reason.toString()}`.trim());
      screen.drops++;
      screen.droppedAt = now();
      screen.backAt = 0;
      reconnect(i, 250);
    });
  });
}

/** A wait around `waitMs` (×0.5–1.5), and the next one: doubling to 4 s while refused. */
const jittered = (waitMs: number) => waitMs * (0.5 + Math.random());
const doubled = (waitMs: number) => Math.min(waitMs * 2, 4000);

/** Back after a jittered wait, doubling (to 4 s) while the balancer has nowhere to send it. */
let retries = 0;
function reconnect(i: number, waitMs: number) {
  setTimeout(
    () =>
      open(i).catch(() => {
        retries++;
        reconnect(i, doubled(waitMs));
      }),
    jittered(waitMs),
  );
}

let closing = false;
process.on('message', async (message: { type: string }) => {
  if (message.type === 'arm') {
    armed = screens.map(() => null);
    process.send!({ type: 'armed' });
  } else if (message.type === 'collect') {
    process.send!({ type: 'times', times: armed, bytes });
  } else if (message.type === 'stats') {
    const dropped = screens.filter((s) => s.drops > 0);
    process.send!({
      type: 'stats',
      lastRevisions: screens.map((s) => s.last),
      duplicates: screens.reduce((n, s) => n + s.duplicates, 0),
      gaps: screens.reduce((n, s) => n + s.gaps, 0),
      dropped: dropped.length,
      notBack: dropped.filter((s) => !s.backAt).length,
      lastBackAt: dropped.reduce((m, s) => Math.max(m, s.backAt), 0),
      backAt: dropped.map((s) => s.backAt),
      phases: dropped.map((s) => [s.openAt - s.droppedAt, s.ackAt - s.droppedAt, s.backAt - s.droppedAt]),
      retries,
      closeCodes,
      openErrors,
      attempts,
    });
  } else if (message.type === 'close') {
    closing = true;
    for (const screen of screens) screen.socket?.terminate();
    process.exit(0);
  }
});

/** The first connect of a screen: a server taking on many at once says 503, and it comes back as after a drop. */
async function first(i: number): Promise<void> {
  for (let waitMs = 250; ; waitMs = doubled(waitMs)) {
    try {
      return await open(i);
    } catch (error) {
      if (waitMs >= 4000 && !String(error).includes('503')) throw error;
      await new Promise((r) => setTimeout(r, jittered(waitMs)));
    }
  }
}

(async () => {
  for (let i = 0; i < count; i += 200) {
    await Promise.all(Array.from({ length: Math.min(200, count - i) }, (_, k) => first(i + k)));
  }
  process.send!({ type: 'ready' });
})().catch((error: unknown) => {
  process.send!({ type: 'error', message: String(error) });
  process.exit(1);
});
