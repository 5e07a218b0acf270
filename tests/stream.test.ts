import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createApp, type App } from '../src/app.js';
import { createDatabase } from '../src/db/client.js';
import { updateCue } from '../src/domain/runofshow/runofshow.js';
import { updateSession } from '../src/domain/schedule/schedule.js';
import { useTestDatabase, type TestDatabase } from './helpers/db.js';
import { gid, makeWorld, persona, type Persona } from './helpers/world.js';
import { until } from './helpers/wait.js';
import { revisionOf, wsClient } from './helpers/live.js';

let t: TestDatabase;
let app: App;
let url: string;
let world: Awaited<ReturnType<typeof makeWorld>>;
let stranger: Persona;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db, databaseUrl: t.url, catchUpMs: 500 });
  url = (await app.listen(0, '127.0.0.1')).replace('http', 'ws') + '/graphql';
  world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 2, cuesPerSession: 4 });
  stranger = await persona(t.db, 'MANAGEMENT_AGENCY', 'stranger');
});

afterAll(async () => {
  await app.stop();
});

const SUBSCRIPTION = `subscription($eventId: ID!, $afterRevision: Int) {
  eventChanges(eventId: $eventId, afterRevision: $afterRevision) {
    revision kind entityType actorOrganization { kind }
    entity { id ... on Cue { title version } ... on Session { title } }
  }
}`;

type Message = { revision: number; kind: string; entity: { title?: string } | null };

/** A screen: a real graphql-ws client collecting what it receives. */
function subscribe(token: string, afterRevision?: number, eventId = world.event.id, at = url) {
  const client = wsClient(at, token);
  const received: Message[] = [];
  const errors: unknown[] = [];
  client.subscribe<{ eventChanges: Message }>(
    { query: SUBSCRIPTION, variables: { eventId: gid('Event', eventId), afterRevision } },
    {
      next: (m) => (m.data ? received.push(m.data.eventChanges) : errors.push(m.errors)),
      error: (e) => errors.push(e),
      complete: () => undefined,
    },
  );
  return { received, errors };
}

const revision = () => revisionOf(t.db, world.event.id);
const cueVersion = async (id: string) => (await t.db.selectFrom('cue').select('version').where('id', '=', id).executeTakeFirst())?.version;

describe('eventChanges', () => {
  it('replays the history after a revision, then continues live, without gap or duplicate', async () => {
    const start = await revision();
    const screen = subscribe(world.client.token, 0);
    expect(await until(() => screen.received.length === start)).toBe(true);
    expect(screen.received.map((m) => m.revision)).toEqual(Array.from({ length: start }, (_, i) => i + 1));

    await updateCue(t.db, world.production.actor, world.cueIds[0]!, 1, { title: 'House to half' });
    expect(await until(() => screen.received.length === start + 1)).toBe(true);
    expect(screen.received.at(-1)).toMatchObject({
      revision: start + 1,
      kind: 'Cue.updated',
      entity: { title: 'House to half', version: 2 },
      actorOrganization: { kind: 'PRODUCTION_AGENCY' },
    });
    expect(screen.errors).toEqual([]);
  });

  it('resumes from an old revision with exactly the missing changes', async () => {
    const now = await revision();
    const screen = subscribe(world.management.token, now - 3);
    expect(await until(() => screen.received.length === 3)).toBe(true);
    expect(screen.received.map((m) => m.revision)).toEqual([now - 2, now - 1, now]);
  });

  it('delivers every revision of many concurrent writers to every subscriber, once and in order', async () => {
    const from = await revision();
    // Every earlier test's screens are gone (the kit closes them when their test ends).
    expect(await until(() => app.hub.listening(world.event.id) === 0)).toBe(true);
    const replaying = subscribe(world.client.token, from);
    const live = [subscribe(world.management.token), subscribe(world.production.token)];
    expect(await until(() => app.hub.listening(world.event.id) === 3)).toBe(true); // attached before the writes
    const writers = world.sessionIds.flatMap((sessionId) =>
      Array.from({ length: 4 }, (_, w) => async () => {
        for (let i = 0; i < 10; i++) {
          for (;;) {
            const { version } = await t.db.selectFrom('session').select('version').where('id', '=', sessionId).executeTakeFirstOrThrow();
            try {
              await updateSession(t.db, world.management.actor, sessionId, version, { description: `writer ${w} step ${i}` });
              break;
            } catch {
              // another writer took this version: read again and retry, as a client would
            }
          }
        }
      }),
    );
    const writing = Promise.all(writers.map((write) => write()));
    // One more screen replays the whole history while the writes go on, then joins the live broadcast.
    const catching = subscribe(world.client.token, 0);
    await writing;
    const to = await revision();
    expect(to - from).toBe(80);
    const expected = Array.from({ length: to - from }, (_, i) => from + i + 1);
    for (const screen of [replaying, ...live]) {
      expect(await until(() => screen.received.length >= expected.length)).toBe(true);
      expect(screen.received.map((m) => m.revision)).toEqual(expected);
    }
    expect(await until(() => catching.received.length >= to)).toBe(true);
    expect(catching.received.map((m) => m.revision)).toEqual(Array.from({ length: to }, (_, i) => i + 1));
    // Caught up, every screen is written to by its key's broadcaster: client, management, production.
    expect(await until(() => app.fanout.broadcasting.subscribers === 4)).toBe(true);
    expect(app.fanout.broadcasting.broadcasters).toBe(3);
    // …and keeps getting every change from there, once.
    await updateCue(t.db, world.production.actor, world.cueIds[2]!, 1, { title: 'After the handover' });
    for (const screen of [replaying, catching, ...live]) {
      expect(await until(() => screen.received.at(-1)?.revision === to + 1)).toBe(true);
      expect(screen.received.filter((m) => m.revision === to + 1)).toHaveLength(1);
    }
  });

  it('resumes a screen within what its process keeps of the event without reading the change table', async () => {
    expect(await until(() => app.hub.listening(world.event.id) === 0)).toBe(true);
    // One screen keeps the event's feed open in this process while three revisions are made.
    const watching = subscribe(world.production.token);
    expect(await until(() => app.hub.listening(world.event.id) === 1)).toBe(true);
    const from = await revision();
    const cue = world.cueIds[1]!;
    for (let i = 0; i < 3; i++) await updateCue(t.db, world.production.actor, cue, (await cueVersion(cue))!, { title: `Kept ${i}` });
    expect(await until(() => watching.received.length === 3)).toBe(true);
    // Ten screens come back at once from before those revisions, as after a failover.
    const reads = t.queries.length;
    const back = Array.from({ length: 10 }, () => subscribe(world.management.token, from));
    for (const screen of back) {
      expect(await until(() => screen.received.length === 3)).toBe(true);
      expect(screen.received.map((m) => [m.revision, m.kind])).toEqual([1, 2, 3].map((i) => [from + i, 'Cue.updated']));
    }
    const statements = t.queries.slice(reads);
    expect(statements.filter((q) => /from "change"/.test(q))).toEqual([]);
    expect(statements.filter((q) => /select "revision" from "event"/.test(q))).toEqual([]);
    // …and they go on live, once.
    await updateCue(t.db, world.production.actor, cue, (await cueVersion(cue))!, { title: 'Live again' });
    for (const screen of back) {
      expect(await until(() => screen.received.length === 4)).toBe(true);
      expect(screen.received.at(-1)).toMatchObject({ revision: from + 4, entity: { title: 'Live again' } });
      expect(screen.errors).toEqual([]);
    }
  });

  it('delivers a change late, not dropping its screens, when the pool is too busy but the database answers', async () => {
    // One pooled connection, given up on after 300 ms; while this process reads the change, the
    // connection is taken for 700 ms — so the first execution of the change cannot get it.
    let hold: Promise<unknown> | null = null;
    let holding = false;
    const busy = createDatabase(t.url, {
      poolSize: 1,
      timeouts: { connectMs: 300 },
      onQuery: (q) => {
        if (holding && !hold && /from "change"/.test(q)) hold = busy.transaction().execute((tx) => sql`SELECT pg_sleep(0.7)`.execute(tx));
      },
    });
    const small = createApp({ db: busy, databaseUrl: t.url });
    try {
      const at = (await small.listen(0, '127.0.0.1')).replace('http', 'ws') + '/graphql';
      expect(await until(() => small.hub.notified)).toBe(true);
      const screen = subscribe(world.production.token, undefined, world.event.id, at);
      expect(await until(() => small.fanout.broadcasting.subscribers === 1)).toBe(true);
      const before = await revision();
      holding = true;
      await updateCue(t.db, world.production.actor, world.cueIds[0]!, (await cueVersion(world.cueIds[0]!))!, { title: 'Late, not lost' });
      expect(await until(() => hold !== null)).toBe(true);
      expect(await until(() => screen.received.some((m) => m.revision === before + 1))).toBe(true);
      expect(screen.received.at(-1)?.entity?.title).toBe('Late, not lost');
      expect(screen.errors).toEqual([]);
      await hold;
    } finally {
      await small.stop();
      await busy.destroy();
    }
  });

  it('executes a change once for identical subscriptions and shares the result', async () => {
    expect(await until(() => app.hub.listening(world.event.id) === 0)).toBe(true);
    const screens = Array.from({ length: 20 }, () => subscribe(world.client.token));
    const other = subscribe(world.production.token);
    expect(await until(() => app.hub.listening(world.event.id) === 21)).toBe(true);
    // Caught up at once (nothing to replay): one broadcaster for the twenty client screens, one for production's.
    expect(await until(() => app.fanout.broadcasting.subscribers === 21)).toBe(true);
    expect(app.fanout.broadcasting.broadcasters).toBe(2);
    const before = { ...app.fanout.stats };
    await updateCue(t.db, world.production.actor, world.cueIds[3]!, 1, { title: 'Shared' });
    for (const screen of [...screens, other])
      expect(await until(() => screen.received.some((m) => m.entity?.title === 'Shared'))).toBe(true);
    // One execution for the twenty client screens, one for production's.
    expect(app.fanout.stats.executions - before.executions).toBe(2);
  });

  it('refuses a stranger exactly as it refuses an event that does not exist', async () => {
    const theirs = subscribe(stranger.token, 0);
    const ghostId = randomUUID();
    const missing = subscribe(stranger.token, 0, ghostId);
    expect(await until(() => theirs.errors.length > 0 && missing.errors.length > 0)).toBe(true);
    expect(theirs.received).toEqual([]);
    const text = (e: unknown) => JSON.stringify(e).replaceAll(world.event.id, 'X').replaceAll(ghostId, 'X');
    expect(text(theirs.errors[0])).toBe(text(missing.errors[0]));
    expect(text(theirs.errors[0])).toMatch(/No Event with id/);
  });

  it('refuses a revision ahead of the event with a clear error', async () => {
    const screen = subscribe(world.client.token, (await revision()) + 50);
    expect(await until(() => screen.errors.length > 0)).toBe(true);
    expect(JSON.stringify(screen.errors[0])).toMatch(/afterRevision: is \d+, ahead of this event's revision \d+/);
  });

  it('streams over Server-Sent Events too, sharing each execution with identical subscriptions on either transport', async () => {
    const base = url.replace('ws', 'http');
    const controller = new AbortController();
    expect(await until(() => app.hub.listening(world.event.id) === 0)).toBe(true);
    const open = () =>
      fetch(base, {
        method: 'POST',
        signal: controller.signal,
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${world.client.token}` },
        body: JSON.stringify({ query: SUBSCRIPTION, variables: { eventId: gid('Event', world.event.id) } }),
      });
    const responses = [await open(), await open()];
    const overWebSocket = subscribe(world.client.token);
    for (const response of responses) expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const before = await revision();
    expect(await until(() => app.hub.listening(world.event.id) === 3)).toBe(true);
    const executions = app.fanout.stats.executions;
    void updateCue(t.db, world.production.actor, world.cueIds[1]!, (await cueVersion(world.cueIds[1]!))!, { title: 'Roll opener' });
    for (const response of responses) {
      const reader = response.body!.getReader();
      let text = '';
      while (!/data: .*Roll opener/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
      const message = JSON.parse(/data: (.*Roll opener.*)/.exec(text)![1]!) as { data: { eventChanges: Message } };
      expect(message.data.eventChanges).toMatchObject({ revision: before + 1, kind: 'Cue.updated', entity: { title: 'Roll opener' } });
    }
    expect(await until(() => overWebSocket.received.some((m) => m.entity?.title === 'Roll opener'))).toBe(true);
    // Two streams over HTTP and one socket, the same subscription and reader: one execution.
    expect(app.fanout.stats.executions - executions).toBe(1);
    controller.abort();
  });
});
