/**
 * The benchmark's dashboard query, run N times in this process with nothing else going on, printing
 * how long each took. For profiling: `node --cpu-prof --import tsx bench/profile-dashboard.ts 60`.
 * Uses DATABASE_URL when set, otherwise the benchmark's embedded PostgreSQL (.data/bench).
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createApp } from '../src/app.js';
import { createApiToken } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open.js';
import { DASHBOARD, ensureBenchEvent } from './generate.js';

const config = loadConfig({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? '.data/bench', EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? '54339', LOG_LEVEL: 'error' });
const database = await openDatabase(config, { log: console.log });
await migrateToLatest(database.db);
const { eventId, days } = await ensureBenchEvent(database.db);
const user = await database.db.selectFrom('app_user').select('id').where('email', 'like', 'bench.%').executeTakeFirstOrThrow();
const { token } = await createApiToken(database.db, user.id, 'profile');
const app = createApp({ db: database.db, databaseUrl: database.url, logLevel: 'error' });
const body = JSON.stringify({ query: DASHBOARD, variables: { id: encodeGlobalID('Event', eventId), day: days[1] } });
const times: number[] = [];
for (let i = 0; i < Number(process.argv[2] ?? 30); i++) {
  const t0 = performance.now();
  const response = await app.yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  const text = await response.text();
  times.push(performance.now() - t0);
  if (i === 0) console.log(`${text.length} bytes: ${text.slice(0, 60)}…`);
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`${times.length} runs: first ${times[0]!.toFixed(1)} ms, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, best ${sorted[0]!.toFixed(1)} ms`);
await app.stop();
await database.close();
