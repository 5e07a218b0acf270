/**
 * What one token can make one API process keep: its open operations at the largest size the
 * limits allow (WS_MAX_ID_CHARS ids, WS_MAX_SUBSCRIPTION_BYTES of query and variables), measured as
 * the growth of the server's heap per subscription, against the same number of small ones.
 *
 *   node --expose-gc --import tsx bench/subscription-memory.ts [subscriptions per run]
 */
import path from 'node:path';
import WebSocket from 'ws';
import { createApp } from '../src/app.js';
import { DEFAULT_LIMITS } from '../src/limits/limits.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open.js';
import { loadConfig } from '../src/config.js';
import { createApiToken } from '../src/auth/tokens.js';
import { gid } from '../tests/helpers/world.js';

const count = Number(process.argv[2] ?? DEFAULT_LIMITS.wsMaxSubscriptionsPerToken);
const config = loadConfig({
  ...process.env,
  DATA_DIR: process.env.DATA_DIR ?? path.resolve('.data/bench-memory'),
  EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? '54341',
});
const database = await openDatabase(config);
await migrateToLatest(database.db);
const org = await database.db
  .insertInto('organization')
  .values({ name: 'Memory', kind: 'CLIENT' })
  .returning('id')
  .executeTakeFirstOrThrow();
const user = await database.db
  .insertInto('app_user')
  .values({ organization_id: org.id, name: 'M', email: `m.${org.id}@example.test` })
  .returning('id')
  .executeTakeFirstOrThrow();
const event = await database.db
  .insertInto('event')
  .values({ name: 'Memory', timezone: 'UTC', start_date: '2027-01-01', end_date: '2027-01-01' })
  .returning('id')
  .executeTakeFirstOrThrow();
await database.db.insertInto('event_member').values({ event_id: event.id, organization_id: org.id, role: 'CLIENT' }).execute();
const app = createApp({ db: database.db, databaseUrl: database.url, logLevel: 'error', limits: { wsMaxConnectionsPerIp: 100_000 } });
const url = (await app.listen(0, '127.0.0.1')).replace('http', 'ws') + '/graphql';

const QUERY = 'subscription($id: ID!) { eventChanges(eventId: $id) { revision kind } }';

const refusals: string[] = [];

async function heapAfter(large: boolean): Promise<{ perSubscription: number; sockets: WebSocket[] }> {
  const { token } = await createApiToken(database.db, user.id, large ? 'large' : 'small');
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const sockets: WebSocket[] = [];
  let acknowledged = 0;
  const perSocket = DEFAULT_LIMITS.wsMaxSubscriptions;
  for (let s = 0; s * perSocket < count; s++) {
    const ws = new WebSocket(url, 'graphql-transport-ws');
    sockets.push(ws);
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } }));
    await new Promise((resolve) => ws.once('message', resolve));
    ws.on('message', (data) => refusals.push(String(data)));
    for (let i = 0; i < perSocket && s * perSocket + i < count; i++) {
      const id = large ? `${s}-${i}-`.padEnd(DEFAULT_LIMITS.wsMaxIdChars, 'x') : `${s}-${i}`;
      const room = DEFAULT_LIMITS.wsMaxSubscriptionBytes - QUERY.length - 200;
      // Variables the operation does not declare are kept with it all the same.
      ws.send(
        JSON.stringify({
          id,
          type: 'subscribe',
          payload: { query: QUERY, variables: { id: gid('Event', event.id), ...(large ? { padding: 'n'.repeat(room) } : {}) } },
        }),
      );
      acknowledged++;
    }
  }
  // Let every subscribe be processed.
  for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 100));
  global.gc?.();
  return { perSubscription: (process.memoryUsage().heapUsed - before) / acknowledged, sockets };
}

const small = await heapAfter(false);
if (refusals.length) throw new Error(`subscriptions were refused: ${refusals[0]}`);
const large = await heapAfter(true);
if (refusals.length) throw new Error(`subscriptions were refused: ${refusals[0]!.slice(0, 300)}`);
console.log(`${count} subscriptions on one token, heap growth per subscription (server and these clients in one process):`);
console.log(`  small (short id, no variables):                  ${Math.round(small.perSubscription)} bytes`);
console.log(`  largest allowed (128-char id, 16 KiB subscription): ${Math.round(large.perSubscription)} bytes`);
console.log(
  `  so one token at WS_MAX_SUBSCRIPTIONS_PER_TOKEN=${DEFAULT_LIMITS.wsMaxSubscriptionsPerToken}: at most ~${Math.round((large.perSubscription * DEFAULT_LIMITS.wsMaxSubscriptionsPerToken) / 1024 / 1024)} MiB`,
);
for (const ws of [...small.sockets, ...large.sockets]) ws.close();
await app.stop();
await database.close();
