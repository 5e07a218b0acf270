import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDatabase } from '../../src/db/client.js';
import { useTestDatabase } from '../helpers/db.js';
import { PgBouncer } from '../helpers/pgbouncer.js';
import { startServer } from '../helpers/process.js';
import { until } from '../helpers/wait.js';
import { gid, makeWorld } from '../helpers/world.js';

/**
 * PostgreSQL in a production shape (#21): the query pool through PgBouncer in transaction mode,
 * LISTEN and migrations on a direct connection (LISTEN_DATABASE_URL). Through a transaction pooler
 * no session setting may be relied on: the timeouts are set per transaction (SET LOCAL), and leave
 * nothing behind on the server connection the next client gets.
 */

const SUBSCRIPTION = `subscription($eventId: ID!, $afterRevision: Int) { eventChanges(eventId: $eventId, afterRevision: $afterRevision) { revision } }`;
const RENAME = `mutation($input: UpdateCueInput!) { updateCue(input: $input) { __typename ... on UpdateCuePayload { revision } ... on Error { message } } }`;

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

describe('the query pool through PgBouncer in transaction mode', () => {
  it('serves a process whose writes and live stream go through it: every change arrives once, in order', async () => {
    const { db, url } = await useTestDatabase();
    const world = await makeWorld(db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 8 });
    const bouncer = await PgBouncer.start(new URL(url), 4);
    cleanup.push(() => bouncer.stop());
    const api = await startServer({
      DATABASE_URL: bouncer.through(url),
      DB_POOLER: 'transaction',
      LISTEN_DATABASE_URL: url,
      DB_POOL_SIZE: '20',
      // 80 edits in a burst from one token: the rate limit is not what this measures.
      LIMIT_MUTATIONS_PER_MINUTE: '0',
      DATA_DIR: path.resolve('.data'),
      LOG_LEVEL: 'error',
    });
    cleanup.push(async () => {
      api.child.kill('SIGTERM');
      await api.exited;
    });
    const start = (await db.selectFrom('event').select('revision').where('id', '=', world.event.id).executeTakeFirstOrThrow()).revision;

    // Three screens on the stream.
    const screens = Array.from({ length: 3 }, () => {
      const seen: number[] = [];
      const client: Client = createClient({
        url: `${api.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { Authorization: `Bearer ${world.client.token}` },
      });
      cleanup.push(async () => client.dispose());
      client.subscribe<{ eventChanges: { revision: number } }>(
        { query: SUBSCRIPTION, variables: { eventId: gid('Event', world.event.id), afterRevision: start } },
        { next: (m) => m.data && seen.push(m.data.eventChanges.revision), error: () => undefined, complete: () => undefined },
      );
      return seen;
    });

    // 8 callers at once, 10 edits each, through 20 client connections and 4 server connections.
    const post = async (query: string, variables: unknown) => {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${world.production.token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as {
        data?: { updateCue: { __typename: string; revision?: number; message?: string } };
        errors?: unknown;
      };
      expect(JSON.stringify(body.errors)).toBeUndefined();
      return body;
    };
    const results = await Promise.all(
      world.cueIds.map(async (cueId, c) => {
        const revisions: number[] = [];
        for (let n = 0; n < 10; n++) {
          // Each caller edits its own cue: its version is 1, then one more per edit.
          const answer = await post(RENAME, { input: { id: gid('Cue', cueId), expectedVersion: 1 + n, title: `Cue ${c} take ${n}` } });
          expect(answer.data?.updateCue.__typename, answer.data?.updateCue.message).toBe('UpdateCuePayload');
          revisions.push(answer.data!.updateCue.revision!);
        }
        return revisions;
      }),
    );
    const all = results.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 80 }, (_, i) => start + 1 + i));
    for (const seen of screens) {
      expect(await until(() => seen.length >= 80, 20_000)).toBe(true);
      expect(seen).toEqual(all);
    }
    expect(bouncer.output()).not.toMatch(/unsupported startup parameter/);
  });

  it('bounds each transaction by its own SET LOCAL timeouts, which leave nothing behind on the shared server connection', async () => {
    const { db, url } = await useTestDatabase();
    const bouncer = await PgBouncer.start(new URL(url), 1);
    cleanup.push(() => bouncer.stop());
    const pooled = createDatabase(bouncer.through(url), {
      pooler: 'transaction',
      poolSize: 4,
      timeouts: { statementMs: 800, lockMs: 300 },
    });
    cleanup.push(() => pooled.destroy());

    // A session setting would be refused by the pooler at connect: none is sent.
    const naive = createDatabase(bouncer.through(url), { poolSize: 1 });
    cleanup.push(() => naive.destroy());
    await expect(sql`SELECT 1`.execute(naive)).rejects.toThrow(/unsupported startup parameter/);

    const started = Date.now();
    await expect(pooled.transaction().execute((tx) => sql`SELECT pg_sleep(5)`.execute(tx))).rejects.toMatchObject({ code: '57014' });
    expect(Date.now() - started).toBeLessThan(4000);

    // A lock held elsewhere: the wait ends at lock_timeout.
    await sql`CREATE TABLE held (id int PRIMARY KEY)`.execute(db);
    await sql`INSERT INTO held VALUES (1)`.execute(db);
    await db.transaction().execute(async (holder) => {
      await sql`SELECT * FROM held WHERE id = 1 FOR UPDATE`.execute(holder);
      await expect(pooled.transaction().execute((tx) => sql`SELECT * FROM held WHERE id = 1 FOR UPDATE`.execute(tx))).rejects.toMatchObject(
        {
          code: '55P03',
        },
      );
    });

    // The one server connection all of them shared kept the server's defaults.
    const { rows } = await sql<{ statement_timeout: string }>`SHOW statement_timeout`.execute(pooled);
    expect(rows[0]!.statement_timeout).toBe('0');
  });
});
