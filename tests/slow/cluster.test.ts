import fs from 'node:fs';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApp } from '../../src/app.js';
import { createDatabase } from '../../src/db/client.js';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { updateCue } from '../../src/domain/runofshow/runofshow.js';
import { useTestDatabase } from '../helpers/db.js';
import { freePort, startServer } from '../helpers/process.js';
import { gid, makeWorld } from '../helpers/world.js';
import { until } from '../helpers/wait.js';

const SUBSCRIPTION = `subscription($eventId: ID!, $afterRevision: Int) {
  eventChanges(eventId: $eventId, afterRevision: $afterRevision) { revision kind }
}`;

const clients: Client[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
});

/** A control-room screen: applies each revision once and resumes from the last one it applied. */
function screen(token: string, eventId: string) {
  const applied: number[] = [];
  let closedCode: number | null = null;
  const connectTo = (url: string) => {
    closedCode = null;
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { Authorization: `Bearer ${token}` },
      on: { closed: (event) => (closedCode = (event as { code: number }).code) },
    });
    clients.push(client);
    client.subscribe<{ eventChanges: { revision: number } }>(
      { query: SUBSCRIPTION, variables: { eventId: gid('Event', eventId), afterRevision: applied.at(-1) ?? 0 } },
      { next: (m) => m.data && applied.push(m.data.eventChanges.revision), error: () => undefined, complete: () => undefined },
    );
  };
  return { applied, connectTo, closed: () => closedCode };
}

const wsUrl = (http: string) => `${http.replace('http', 'ws')}/graphql`;

describe('several API processes on one database', () => {
  it('a subscriber on one sees changes made through another, and after a kill -9 resumes elsewhere missing nothing', async () => {
    const { db, url } = await useTestDatabase();
    const world = await makeWorld(db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 3 });
    const env = { DATABASE_URL: url, DATA_DIR: path.resolve('.data'), LOG_LEVEL: 'error' };
    const [a, b] = await Promise.all([startServer(env), startServer(env)]);
    try {
      const start = (await db.selectFrom('event').select('revision').where('id', '=', world.event.id).executeTakeFirstOrThrow()).revision;
      const s = screen(world.client.token, world.event.id);
      s.connectTo(wsUrl(a.url));
      expect(await until(() => s.applied.length === start)).toBe(true);

      const edit = (title: string) =>
        fetch(`${b.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${world.production.token}` },
          body: JSON.stringify({
            query: 'mutation($input: UpdateCueInput!) { updateCue(input: $input) { __typename } }',
            variables: { input: { id: gid('Cue', world.cueIds[0]!), expectedVersion: Number(title.split(' ')[1]), title } },
          }),
        }).then((r) => r.json());
      await edit('version 1');
      expect(await until(() => s.applied.length === start + 1)).toBe(true);

      a.child.kill('SIGKILL');
      await a.exited;
      expect(await until(() => s.closed() !== null)).toBe(true);
      // While the screen is disconnected, the show goes on through the other process.
      await edit('version 2');
      await edit('version 3');
      s.connectTo(wsUrl(b.url));
      await edit('version 4');
      expect(await until(() => s.applied.length === start + 4)).toBe(true);
      expect(s.applied).toEqual(Array.from({ length: start + 4 }, (_, i) => i + 1));
    } finally {
      a.child.kill('SIGKILL');
      b.child.kill('SIGTERM');
      await b.exited;
    }
  }, 120_000);
});

describe('PostgreSQL restarts during a stream', () => {
  const dir = path.resolve(`.data/restart-pg-${process.pid}`);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loses no change once the database is back', async () => {
    const port = await freePort();
    let server = await startEmbeddedPostgres({ dir, port });
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE restart_test');
    await admin.end();
    const url = server.url.replace(/\/postgres$/, '/restart_test');
    const db = createDatabase(url);
    await migrateToLatest(db);
    const world = await makeWorld(db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 2 });
    const app = createApp({ db, databaseUrl: url, catchUpMs: 300 });
    const base = await app.listen(0, '127.0.0.1');
    try {
      const start = (await db.selectFrom('event').select('revision').where('id', '=', world.event.id).executeTakeFirstOrThrow()).revision;
      const s = screen(world.client.token, world.event.id);
      s.connectTo(wsUrl(base));
      expect(await until(() => s.applied.length === start)).toBe(true);

      await server.stop();
      await new Promise((r) => setTimeout(r, 500));
      server = await startEmbeddedPostgres({ dir, port });
      // Right after the restart: the pool and the LISTEN connection come back by themselves.
      for (let attempt = 0; ; attempt++) {
        try {
          await updateCue(db, world.production.actor, world.cueIds[0]!, 1, { title: 'After restart' });
          break;
        } catch (error) {
          if (attempt > 20) throw error;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      await updateCue(db, world.production.actor, world.cueIds[1]!, 1, { title: 'And again' });
      expect(await until(() => s.applied.length === start + 2)).toBe(true);
      expect(s.applied).toEqual(Array.from({ length: start + 2 }, (_, i) => i + 1));
      expect(s.closed()).toBeNull();
    } finally {
      await app.stop();
      await db.destroy();
      await server.stop();
    }
  }, 120_000);
});
