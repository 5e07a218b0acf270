import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { updateSession } from '../src/domain/schedule/schedule.js';
import { useTestDatabase, type TestDatabase } from './helpers/db.js';
import { freePort, run } from './helpers/process.js';
import { gid, makeWorld } from './helpers/world.js';
import { until } from './helpers/wait.js';

/** examples/follow-changes.ts as its own process, the way the README runs it. */
let t: TestDatabase;
let app: App;
let url: string;
let world: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  t = await useTestDatabase();
  world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 1 });
  app = createApp({ db: t.db, databaseUrl: t.url, logLevel: 'error' });
  url = `${(await app.listen(0, '127.0.0.1')).replace('http', 'ws')}/graphql`;
});
afterAll(() => app.stop());

const follow = (token: string, eventId: string) => run('examples/follow-changes.ts', { TOKEN: token, SHOWCALL_URL: url }, [eventId]);

describe('examples/follow-changes.ts', () => {
  it('prints every change from the start, in order', async () => {
    const screen = follow(world.client.token, gid('Event', world.event.id));
    try {
      const revision = (await t.db.selectFrom('event').select('revision').where('id', '=', world.event.id).executeTakeFirstOrThrow())
        .revision;
      expect(await until(() => screen.output().includes(`${revision} `))).toBe(true);
      await updateSession(t.db, world.management.actor, world.sessionIds[0]!, 1, { title: 'Followed' });
      expect(await until(() => screen.output().includes(`${revision + 1} Session.updated`))).toBe(true);
    } finally {
      screen.child.kill();
    }
  });

  it('says why and stops when the server refuses the subscription (an event that does not exist)', async () => {
    const screen = follow(world.client.token, gid('Event', '00000000-0000-4000-8000-000000000000'));
    expect(await screen.exited, screen.output()).toBe(1);
    expect(screen.output()).toMatch(/The server refused the subscription: No Event with id/);
  });

  it('stops with a message instead of retrying forever when the token is refused', async () => {
    const screen = follow('sc_not_a_token', gid('Event', world.event.id));
    expect(await screen.exited).toBe(1);
    expect(screen.output()).toMatch(/The token was refused \(unknown or revoked\): stopping\./);
  });
});

describe('examples/follow-changes-urql.ts', () => {
  it('resumes after the server went away without a change twice or missing', async () => {
    const port = await freePort();
    let server = createApp({ db: t.db, databaseUrl: t.url, logLevel: 'error' });
    await server.listen(port, '127.0.0.1');
    const screen = run('examples/follow-changes-urql.ts', { TOKEN: world.client.token, SHOWCALL_URL: `ws://127.0.0.1:${port}/graphql` }, [
      gid('Event', world.event.id),
    ]);
    const revisions = () => [...screen.output().matchAll(/^(\d+) /gm)].map((m) => Number(m[1]));
    const current = async () =>
      (await t.db.selectFrom('event').select('revision').where('id', '=', world.event.id).executeTakeFirstOrThrow()).revision;
    try {
      const start = await current();
      expect(await until(() => revisions().at(-1) === start)).toBe(true);
      // The server goes away (a deploy), changes land meanwhile, and it comes back on the same address.
      await server.stop();
      const session = await t.db.selectFrom('session').select('version').where('id', '=', world.sessionIds[0]!).executeTakeFirstOrThrow();
      await updateSession(t.db, world.management.actor, world.sessionIds[0]!, session.version, { title: 'While it was away' });
      server = createApp({ db: t.db, databaseUrl: t.url, logLevel: 'error' });
      await server.listen(port, '127.0.0.1');
      await updateSession(t.db, world.management.actor, world.sessionIds[0]!, session.version + 1, { title: 'After it came back' });
      const end = await current();
      expect(await until(() => revisions().at(-1) === end, 20_000), screen.output()).toBe(true);
      expect(revisions()).toEqual(Array.from({ length: end }, (_, i) => i + 1));
    } finally {
      screen.child.kill();
      await server.stop();
    }
  });
});
