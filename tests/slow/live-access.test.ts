import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApp, type App } from '../../src/app.js';
import { createApiToken } from '../../src/auth/tokens.js';
import { removeEventMember } from '../../src/domain/event/event.js';
import { updateSession } from '../../src/domain/schedule/schedule.js';
import { useTestDatabase } from '../helpers/db.js';
import { gid, makeWorld } from '../helpers/world.js';
import { sleep, until } from '../helpers/wait.js';

/**
 * Rights on open sockets and subscriptions, through a listening server and real WebSocket clients:
 * what a revoked token, a removed membership or a changed role does to a stream that is already running.
 */
let t: Awaited<ReturnType<typeof useTestDatabase>>;
let app: App;
let url: string;
let world: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  t = await useTestDatabase();
  // Re-checked every 5 ms, so connections keep arriving while a re-check is in flight.
  app = createApp({ db: t.db, databaseUrl: t.url, tokenRecheckMs: 5, catchUpMs: 200 });
  url = (await app.listen(0, '127.0.0.1')).replace('http', 'ws') + '/graphql';
  world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 2 });
});
afterAll(() => app.stop());

/** A socket that says connection_init with `token` and resolves once acknowledged (or closed). */
function connect(token: string) {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  let closedWith: number | null = null;
  const closed = new Promise<number>((resolve) =>
    socket.on('close', (code) => {
      closedWith = code;
      resolve(code);
    }),
  );
  const acknowledged = new Promise<boolean>((resolve) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } })));
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack') resolve(true);
    });
    void closed.then(() => resolve(false));
  });
  return { socket, acknowledged, closed, closedWith: () => closedWith };
}

describe('the periodic token re-check', () => {
  it('never closes a socket whose token is valid, however many connect while it runs', async () => {
    const tokens = await Promise.all(Array.from({ length: 150 }, (_, i) => createApiToken(t.db, world.client.userId, `screen ${i}`)));
    const sockets: ReturnType<typeof connect>[] = [];
    for (let i = 0; i < tokens.length; i += 10) {
      const batch = tokens.slice(i, i + 10).map((token) => connect(token.token));
      sockets.push(...batch);
      expect(await Promise.all(batch.map((s) => s.acknowledged))).toEqual(batch.map(() => true));
    }
    // Many re-checks later, every socket is still open.
    await sleep(300);
    const closed = sockets.map((s) => s.closedWith()).filter((code) => code !== null);
    expect(closed).toEqual([]);
    for (const s of sockets) s.socket.close();
  });
});

/** A subscription over Server-Sent Events, as curl or an EventSource polyfill would hold it. */
function sse(token: string, query: string, variables: Record<string, unknown>) {
  const events: { event: string; data: Record<string, unknown> | null }[] = [];
  const done = (async () => {
    const response = await fetch(url.replace('ws', 'http'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event) events.push({ event, data: data ? (JSON.parse(data) as Record<string, unknown>) : null });
      }
    }
  })();
  return { events, done };
}

/** A graphql-ws subscription that records what it gets: data, the error that ended it, or its completion. */
function subscribe(client: Client, query: string, variables: Record<string, unknown>) {
  const got: { data: unknown[]; error: { message: string; extensions?: { code?: string } }[] | null; completed: boolean } = {
    data: [],
    error: null,
    completed: false,
  };
  client.subscribe(
    { query, variables },
    {
      next: (m) => got.data.push(m.data),
      error: (e) => (got.error = e as never),
      complete: () => (got.completed = true),
    },
  );
  return got;
}

const EVENT_CHANGES = 'subscription($id: ID!) { eventChanges(eventId: $id) { revision kind } }';
const SHOW_STATE = 'subscription($id: ID!) { showState(sessionId: $id) { revision session { title } } }';
const DEPARTMENT_FEED =
  'subscription($id: ID!) { departmentFeed(sessionId: $id, department: STAGE_MANAGEMENT) { revision session { title } } }';
const STAGE_OUTPUT = 'subscription($id: ID!) { stageOutput(roomId: $id) { revision stageOutput { blackout } } }';
const LIVE_OVERVIEW =
  'subscription($id: ID!) { liveOverview(eventId: $id) { revision rooms { room { name } now { title } next { title } } } }';

describe('open subscriptions after access ends', () => {
  it('ends every stream of an organization removed from the event, and sends it nothing changed after', async () => {
    const local = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 1 });
    const eventId = gid('Event', local.event.id);
    const sessionId = gid('Session', local.sessionIds[0]!);
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${local.client.token}` },
      retryAttempts: 0,
    });
    const changes = subscribe(client, EVENT_CHANGES, { id: eventId });
    const show = subscribe(client, SHOW_STATE, { id: sessionId });
    const overview = subscribe(client, LIVE_OVERVIEW, { id: eventId });
    const feed = subscribe(client, DEPARTMENT_FEED, { id: sessionId });
    const stage = subscribe(client, STAGE_OUTPUT, { id: gid('Room', local.roomIds[0]!) });
    const screens = [show, overview, feed, stage];
    const stream = sse(local.client.token, EVENT_CHANGES, { id: eventId });
    // Live: the first state arrives, and a change reaches every stream.
    expect(await until(() => screens.every((s) => s.data.length === 1))).toBe(true);
    await updateSession(t.db, local.management.actor, local.sessionIds[0]!, 1, { title: 'Before the removal' });
    expect(await until(() => changes.data.length === 1 && screens.every((s) => s.data.length === 2) && stream.events.length === 1)).toBe(
      true,
    );

    const member = await t.db
      .selectFrom('event_member')
      .select(['id', 'version'])
      .where('event_id', '=', local.event.id)
      .where('organization_id', '=', local.client.organizationId)
      .executeTakeFirstOrThrow();
    await removeEventMember(t.db, local.management.actor, member.id, member.version);
    await updateSession(t.db, local.management.actor, local.sessionIds[0]!, 2, { title: 'Secret new title' });

    for (const got of [changes, ...screens]) {
      expect(await until(() => got.error !== null)).toBe(true);
      expect(got.error![0]!.extensions?.code).toBe('NOT_FOUND');
      expect(got.error![0]!.message).toMatch(/^This subscription has ended: No (Event|Session|Room) with id/);
    }
    await stream.done;
    expect(stream.events.map((e) => e.event)).toEqual(['next', 'next', 'complete']);
    expect((stream.events[1]!.data!.errors as { extensions: { code: string } }[])[0]!.extensions.code).toBe('NOT_FOUND');
    await sleep(200);
    // Nothing after the removal reached the removed organization: no data, no new title.
    expect(changes.data).toHaveLength(1);
    for (const screen of screens) expect(screen.data).toHaveLength(2);
    expect(JSON.stringify([changes, ...screens, stream.events])).not.toMatch(/Secret new title/);
    await client.dispose();
  });

  it('ends a Server-Sent Events stream whose token is revoked', async () => {
    const { id, token } = await createApiToken(t.db, world.client.userId, 'sse screen');
    const stream = sse(token, EVENT_CHANGES, { id: gid('Event', world.event.id) });
    await sleep(300);
    await t.db.updateTable('api_token').set({ revoked_at: new Date() }).where('id', '=', id).execute();
    await stream.done;
    const codes = stream.events.map(
      (e) => (e.data?.errors as { extensions: { code: string } }[] | undefined)?.[0]?.extensions.code ?? e.event,
    );
    expect(codes).toEqual(['UNAUTHENTICATED', 'complete']);
  });
});
