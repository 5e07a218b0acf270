/**
 * The API on the benchmark's event with a token and the dashboard request (or the production day's,
 * as the production agency), in this process, for the profiling scripts (profile-dashboard.ts,
 * load-dashboard.ts). Uses DATABASE_URL when set, otherwise the benchmark's embedded PostgreSQL (.data/bench).
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createApp } from '../src/app.js';
import { createApiToken } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open.js';
import { DASHBOARD, ensureBenchEvent } from './generate.js';
import { ensureBenchProduction, PRODUCTION_DAY } from './production.js';

export async function dashboardApp(document: 'dashboard' | 'production' = 'dashboard') {
  const config = loadConfig({
    ...process.env,
    DATA_DIR: process.env.DATA_DIR ?? '.data/bench',
    EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? '54339',
    LOG_LEVEL: 'error',
  });
  const database = await openDatabase(config, { log: console.log });
  await migrateToLatest(database.db);
  const { eventId, days } = await ensureBenchEvent(database.db);
  if (document === 'production') await ensureBenchProduction(database.db, eventId, days);
  const user = await database.db
    .selectFrom('app_user')
    .innerJoin('organization', 'organization.id', 'app_user.organization_id')
    .select('app_user.id')
    .where('app_user.email', 'like', 'bench.%')
    .$if(document === 'production', (q) => q.where('organization.kind', '=', 'PRODUCTION_AGENCY'))
    .executeTakeFirstOrThrow();
  const { token } = await createApiToken(database.db, user.id, 'profile');
  const app = createApp({ db: database.db, databaseUrl: database.url, logLevel: 'error' });
  const body = JSON.stringify({
    query: document === 'production' ? PRODUCTION_DAY : DASHBOARD,
    variables: { id: encodeGlobalID('Event', eventId), day: days[1] },
  });
  return {
    app,
    token,
    body,
    async close() {
      await app.stop();
      await database.close();
    },
  };
}
