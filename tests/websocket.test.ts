import type { Socket } from 'node:net';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApp, type App } from '../src/app.js';
import { useTestDatabase } from './helpers/db.js';
import { gid, makeWorld } from './helpers/world.js';
import { updateSession } from '../src/domain/schedule/schedule.js';
import { createApiToken } from '../src/auth/tokens.js';
import { until } from './helpers/wait.js';

let t: Awaited<ReturnType<typeof useTestDatabase>>;
let app: App;
let url: string;
let world: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({
    db: t.db,
    databaseUrl: t.url,
    limits: { wsMaxSubscriptions: 2, wsInitTimeoutMs: 300, wsMaxMessageBytes: 4096, wsKeepAliveMs: 200 },
  });
  url = (await app.listen(0, '127.0.0.1')).replace('http', 'ws') + '/graphql';
  world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 1 });
});
afterAll(() => app.stop());

/** A raw socket speaking graphql-transport-ws by hand, to see exactly what the server does. */
function raw(to = url) {
  const socket = new WebSocket(to, 'graphql-transport-ws');
  const messages: { type: string; id?: string; payload?: unknown }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
  const opened = new Promise((resolve) => socket.on('open', resolve));
  return { socket, messages, closed, opened };
}

describe('graphql-ws limits and hygiene', () => {
  it('closes a socket that never sends connection_init with 4408', async () => {
    const { closed } = raw();
    expect(await closed).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
  });

  it('closes a socket that sends a message over the size limit with 1009', async () => {
    const { socket, closed, opened } = raw();
    await opened;
    socket.send(JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(5000) } }));
    expect((await closed).code).toBe(1009);
  });

  it('closes a socket that sends a broken frame with 1002, twice, and serves the next socket as before', async () => {
    for (let i = 0; i < 2; i++) {
      const { socket, closed, opened } = raw();
      await opened;
      // A masked, empty text frame with RSV1 set, which no extension was agreed for: ws emits an
      // error on the server's socket (an unheard 'error' would end the process).
      (socket as unknown as { _socket: Socket })._socket.write(Buffer.from([0xc1, 0x80, 1, 2, 3, 4]));
      expect((await closed).code).toBe(1002);
    }
    const { socket, opened, messages } = raw();
    await opened;
    socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${world.client.token}` } }));
    expect(await until(() => messages.some((m) => m.type === 'connection_ack'))).toBe(true);
    socket.close();
  });

  it('closes a socket that breaks the protocol with 4400', async () => {
    const { socket, closed, opened } = raw();
    await opened;
    socket.send('{"type":"nonsense"}');
    expect((await closed).code).toBe(4400);
  });

  it('closes a socket that subscribes before connection_ack with 4401', async () => {
    const { socket, closed, opened } = raw();
    await opened;
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ __typename }' } }));
    expect((await closed).code).toBe(4401);
  });

  it('closes a socket that sends connection_init twice with 4429', async () => {
    const { socket, closed, opened } = raw();
    await opened;
    const init = JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${world.client.token}` } });
    socket.send(init);
    socket.send(init);
    expect((await closed).code).toBe(4429);
  });

  it('closes a socket that reuses a running subscription id with 4409', async () => {
    const { socket, closed, opened, messages } = raw();
    await opened;
    socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${world.client.token}` } }));
    expect(await until(() => messages.some((m) => m.type === 'connection_ack'))).toBe(true);
    const subscribe = JSON.stringify({
      id: 'same',
      type: 'subscribe',
      payload: {
        query: 'subscription($id: ID!) { eventChanges(eventId: $id) { revision } }',
        variables: { id: gid('Event', world.event.id) },
      },
    });
    socket.send(subscribe);
    socket.send(subscribe);
    expect((await closed).code).toBe(4409);
  });

  it('refuses a subscription over the operation limits, naming the limit, and strangers get no suggestions', async () => {
    const { socket, opened, messages } = raw();
    await opened;
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    expect(await until(() => messages.some((m) => m.type === 'connection_ack'))).toBe(true);
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: revision`).join(' ');
    socket.send(
      JSON.stringify({
        id: 'wide',
        type: 'subscribe',
        payload: {
          query: `subscription($id: ID!) { eventChanges(eventId: $id) { ${aliases} } }`,
          variables: { id: gid('Event', world.event.id) },
        },
      }),
    );
    socket.send(JSON.stringify({ id: 'typo', type: 'subscribe', payload: { query: 'subscription { eventChange { revision } }' } }));
    expect(await until(() => messages.filter((m) => m.type === 'error').length === 2)).toBe(true);
    socket.send(
      JSON.stringify({
        id: 'query',
        type: 'subscribe',
        payload: { query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: __typename`).join(' ')} }` },
      }),
    );
    expect(await until(() => messages.some((m) => m.id === 'query' && m.type === 'next'))).toBe(true);
    // A query over the socket runs through the same envelop as over HTTP, limits included.
    expect(JSON.stringify(messages.find((m) => m.id === 'query'))).toMatch(/16 aliases .*\(LIMIT_ALIASES\)/);
    const text = JSON.stringify(messages.filter((m) => m.type === 'error'));
    expect(text).toMatch(/16 aliases .*at most 15 .*\(LIMIT_ALIASES\)/);
    expect(text).toMatch(/Cannot query field \\"eventChange\\" on type \\"Subscription\\"\./);
    expect(text).not.toMatch(/Did you mean/);
    socket.close();
  });

  it('pings to keep the connection alive', async () => {
    const { socket, opened, messages } = raw();
    await opened;
    let pings = 0;
    socket.on('ping', () => pings++);
    socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${world.client.token}` } }));
    expect(await until(() => messages.some((m) => m.type === 'connection_ack'))).toBe(true);
    expect(await until(() => pings >= 2, 2000)).toBe(true);
    socket.close();
  });

  it('terminates a socket that stops answering pings', async () => {
    const socket = new WebSocket(url, 'graphql-transport-ws', { autoPong: false });
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${world.client.token}` } }));
    // Pinged, no pong by the next ping: cut off without a closing handshake (1006 on this side).
    expect(await closed).toBe(1006);
  });

  /** Holds this process's event loop — the server's included — as a swamped server's is held. */
  const busy = (ms: number) => {
    const end = performance.now() + ms;
    while (performance.now() < end);
  };

  /** A raw socket that has sent its connection_init, and the code it closed with (null while open). */
  async function initialised() {
    const { socket, opened, messages, closed } = raw();
    const state = { closedWith: null as number | null };
    void closed.then(({ code }) => (state.closedWith = code));
    await opened;
    socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${world.client.token}` } }));
    return { socket, state, acknowledged: () => messages.some((m) => m.type === 'connection_ack') };
  }

  it('keeps a socket whose pong came while the server was too busy to read it', async () => {
    const { socket, state, acknowledged } = await initialised();
    expect(await until(acknowledged)).toBe(true);
    // ws answers the ping before this listener runs; the server then cannot read the pong for three
    // keep-alive intervals, and its deadline passes before it gets to.
    await new Promise<void>((resolve) => socket.once('ping', () => (busy(700), resolve())));
    let pings = 0;
    socket.on('ping', () => pings++);
    expect(await until(() => pings >= 3 || state.closedWith !== null, 3000)).toBe(true);
    expect(state.closedWith).toBe(null);
    socket.close();
  });

  it('does not ping a client that keeps talking (its own graphql-ws pings, as the screens send), and keeps it', async () => {
    const { socket, state, acknowledged } = await initialised();
    expect(await until(acknowledged)).toBe(true);
    let pings = 0;
    socket.on('ping', () => pings++);
    const talking = setInterval(() => socket.send('{"type":"ping"}'), 50);
    // Ten keep-alive intervals.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    clearInterval(talking);
    expect({ pings, closedWith: state.closedWith }).toEqual({ pings: 0, closedWith: null });
    // Silent from now on, it is asked again.
    expect(await until(() => pings >= 1, 2000)).toBe(true);
    socket.close();
  });

  it('acknowledges a connection_init that came while the server was too busy to read it', async () => {
    const { socket, state, acknowledged } = await initialised();
    // Past the 300 ms deadline before the server reads it.
    busy(700);
    expect(await until(() => acknowledged() || state.closedWith !== null)).toBe(true);
    expect(state.closedWith).toBe(null);
    socket.close();
  });

  it('refuses more subscriptions per socket than the cap, with a clear error', async () => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { Authorization: `Bearer ${world.client.token}` },
    });
    const errors: unknown[] = [];
    const subscribe = () =>
      client.subscribe(
        { query: 'subscription($id: ID!) { eventChanges(eventId: $id) { revision } }', variables: { id: gid('Event', world.event.id) } },
        { next: () => undefined, error: (e) => errors.push(e), complete: () => undefined },
      );
    subscribe();
    subscribe();
    subscribe();
    expect(await until(() => errors.length === 1)).toBe(true);
    expect(JSON.stringify(errors[0])).toMatch(/Too many operations on this socket: at most 2 at once/);
    await client.dispose();
  });
});

describe('a consumer that cannot keep up', () => {
  let slowApp: App;
  let slowUrl: string;
  beforeAll(async () => {
    slowApp = createApp({ db: t.db, databaseUrl: t.url, limits: { wsMaxPendingChanges: 20 } });
    slowUrl = (await slowApp.listen(0, '127.0.0.1')).replace('http', 'ws') + '/graphql';
  });
  afterAll(() => slowApp.stop());

  it('is closed with 4008 while every other screen gets every change on time', async () => {
    const query = `subscription($id: ID!) { eventChanges(eventId: $id) { revision entity { ... on Session { description } } } }`;
    const attached = slowApp.hub.listening(world.event.id);
    const slow = raw(slowUrl);
    await slow.opened;
    slow.socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${world.client.token}` } }));
    expect(await until(() => slow.messages.some((m) => m.type === 'connection_ack'))).toBe(true);
    slow.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables: { id: gid('Event', world.event.id) } } }));

    const fast = createClient({
      url: slowUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { Authorization: `Bearer ${world.production.token}` },
    });
    const received: number[] = [];
    fast.subscribe<{ eventChanges: { revision: number } }>(
      { query, variables: { id: gid('Event', world.event.id) } },
      { next: (m) => m.data && received.push(m.data.eventChanges.revision), error: () => undefined, complete: () => undefined },
    );
    expect(await until(() => slowApp.hub.listening(world.event.id) === attached + 2)).toBe(true);
    // The slow screen stops reading: what the server sends piles up in the network buffers.
    (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();

    const big = 'x'.repeat(200_000);
    const sessionId = world.sessionIds[0]!;
    const changes = 80;
    for (let i = 0; i < changes; i++) {
      const { version } = await t.db.selectFrom('session').select('version').where('id', '=', sessionId).executeTakeFirstOrThrow();
      await updateSession(t.db, world.management.actor, sessionId, version, { description: `${i} ${big}` });
    }
    (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await until(() => received.length === changes, 15_000)).toBe(true);
    const { code, reason } = await slow.closed;
    expect(code).toBe(4008);
    expect(reason).toMatch(/Slow consumer: resubscribe with afterRevision/);
    await fast.dispose();
  }, 60_000);
});

describe("the token over WebSocket: connection_init or the operation's extensions.headers (GraphiQL)", () => {
  const CHANGES = 'subscription($id: ID!) { eventChanges(eventId: $id) { revision kind } }';
  const headers = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

  async function signedIn(payload: Record<string, unknown>) {
    const s = raw();
    await s.opened;
    s.socket.send(JSON.stringify({ type: 'connection_init', payload }));
    expect(await until(() => s.messages.some((m) => m.type === 'connection_ack'))).toBe(true);
    return s;
  }

  it('runs a subscription whose token came in extensions.headers, as GraphiQL sends it, on an empty connection_init', async () => {
    const attached = app.hub.listening(world.event.id);
    const s = await signedIn({});
    s.socket.send(
      JSON.stringify({
        id: 'g',
        type: 'subscribe',
        payload: { query: CHANGES, variables: { id: gid('Event', world.event.id) }, extensions: headers(world.client.token) },
      }),
    );
    expect(await until(() => app.hub.listening(world.event.id) === attached + 1)).toBe(true);
    const session = await t.db.selectFrom('session').select('version').where('id', '=', world.sessionIds[0]!).executeTakeFirstOrThrow();
    await updateSession(t.db, world.management.actor, world.sessionIds[0]!, session.version, { title: `From GraphiQL ${session.version}` });
    expect(await until(() => s.messages.some((m) => m.id === 'g' && m.type === 'next'))).toBe(true);
    expect(JSON.stringify(s.messages.find((m) => m.id === 'g'))).toMatch(/Session\.updated/);
    // The live screens' subscriptions the same way: each sends its state at once (two at most per socket here).
    s.socket.send(JSON.stringify({ id: 'g', type: 'complete' }));
    s.socket.send(
      JSON.stringify({
        id: 'show',
        type: 'subscribe',
        payload: {
          query: 'subscription($id: ID!) { showState(sessionId: $id) { session { title } } }',
          variables: { id: gid('Session', world.sessionIds[0]!) },
          extensions: headers(world.client.token),
        },
      }),
    );
    s.socket.send(
      JSON.stringify({
        id: 'overview',
        type: 'subscribe',
        payload: {
          query: 'subscription($id: ID!) { liveOverview(eventId: $id) { rooms { room { name } } } }',
          variables: { id: gid('Event', world.event.id) },
          extensions: headers(world.client.token),
        },
      }),
    );
    expect(await until(() => ['show', 'overview'].every((id) => s.messages.some((m) => m.id === id && m.type === 'next')))).toBe(true);
    expect(JSON.stringify(s.messages.find((m) => m.id === 'show'))).toMatch(/From GraphiQL/);
    expect(JSON.stringify(s.messages.find((m) => m.id === 'overview'))).toMatch(/Room 1/);
    s.socket.close();
  });

  it('binds a socket to its first token: an operation bringing another one is refused, whichever way the first came', async () => {
    for (const first of ['connection_init', 'extensions'] as const) {
      const s = await signedIn(first === 'connection_init' ? { Authorization: `Bearer ${world.client.token}` } : {});
      if (first === 'extensions')
        s.socket.send(
          JSON.stringify({
            id: 'first',
            type: 'subscribe',
            payload: { query: '{ viewer { organization { kind } } }', extensions: headers(world.client.token) },
          }),
        );
      s.socket.send(
        JSON.stringify({
          id: 'other',
          type: 'subscribe',
          payload: { query: '{ viewer { organization { kind } } }', extensions: headers(world.production.token) },
        }),
      );
      s.socket.send(
        JSON.stringify({
          id: 'same',
          type: 'subscribe',
          payload: { query: '{ viewer { organization { kind } } }', extensions: headers(world.client.token) },
        }),
      );
      expect(await until(() => ['other', 'same'].every((id) => s.messages.some((m) => m.id === id)))).toBe(true);
      expect(s.messages.find((m) => m.id === 'other')).toMatchObject({
        type: 'error',
        payload: [{ message: expect.stringMatching(/signed in with another token/), extensions: { code: 'FORBIDDEN' } }],
      });
      expect(s.messages.find((m) => m.id === 'same')).toMatchObject({
        type: 'next',
        payload: { data: { viewer: { organization: { kind: 'CLIENT' } } } },
      });
      s.socket.close();
    }
  });

  it('closes the socket 4403 for an unknown token in extensions.headers, and when that token is revoked later', async () => {
    const unknown = await signedIn({});
    unknown.socket.send(
      JSON.stringify({
        id: 'x',
        type: 'subscribe',
        payload: { query: CHANGES, variables: { id: gid('Event', world.event.id) }, extensions: headers('sc_unknown') },
      }),
    );
    expect((await unknown.closed).code).toBe(4403);

    const { id, token } = await createApiToken(t.db, world.client.userId, 'graphiql tab');
    const attached = app.hub.listening(world.event.id);
    const s = await signedIn({});
    s.socket.send(
      JSON.stringify({
        id: 'live',
        type: 'subscribe',
        payload: { query: CHANGES, variables: { id: gid('Event', world.event.id) }, extensions: headers(token) },
      }),
    );
    expect(await until(() => app.hub.listening(world.event.id) === attached + 1)).toBe(true);
    await t.db.updateTable('api_token').set({ revoked_at: new Date() }).where('id', '=', id).execute();
    expect(await s.closed).toEqual({ code: 4403, reason: 'Forbidden: token revoked' });
  });
});
