import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { updateSession } from '../src/domain/schedule/sessions.js';
import { useTestDatabase, type TestDatabase } from './helpers/db.js';
import { run } from './helpers/process.js';
import { gid, makeWorld } from './helpers/world.js';

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

async function until(check: () => boolean, ms = 15_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end && !check(); ) await new Promise((r) => setTimeout(r, 50));
  return check();
}

describe('examples/follow-changes.ts', () => {
  it('prints every change from the start, in order', async () => {
    const screen = follow(world.client.token, gid('Event', world.event.id));
    try {
      const revision = (await t.db.selectFrom('event').select('revision').where('id', '=', world.event.id).executeTakeFirstOrThrow()).revision;
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
