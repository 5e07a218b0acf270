import { beforeAll } from 'vitest';
import { createApp, type AppOptions } from '../../src/app.js';
import { useTestDatabase } from './db.js';
import { client } from './graphql.js';
import { listening } from './live.js';
import { makeWorld } from './world.js';

/**
 * A file's usual start: its own database, the app listening on a free port, a world (one room,
 * session and cue unless told), and a client per member organization.
 */
export async function servedWorld(
  size: Parameters<typeof makeWorld>[1] = { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 1 },
  options: Partial<AppOptions> = {},
) {
  const t = await useTestDatabase();
  const app = createApp({ db: t.db, databaseUrl: t.url, catchUpMs: 500, ...options });
  const url = await listening(app);
  const world = await makeWorld(t.db, size);
  const as = {
    management: client(app, world.management.token),
    production: client(app, world.production.token),
    client: client(app, world.client.token),
  };
  return { t, app, url, world, as };
}

export type Served = Awaited<ReturnType<typeof servedWorld>>;

/** `servedWorld` for a whole file: filled in before its first test, the same for all of them. */
export function servedSuite(...args: Parameters<typeof servedWorld>): Served {
  const suite = {} as Served;
  beforeAll(async () => {
    Object.assign(suite, await servedWorld(...args));
  });
  return suite;
}
