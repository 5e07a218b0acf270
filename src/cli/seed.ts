import { loadConfig } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { DEMO_EVENT_NAME, demoToday, isDemoSeeded, seedDemo } from '../seed/demo.js';
import { describeTokens, tokensFile, writeTokensFile } from '../seed/tokens-file.js';

/**
 * `npm run seed`: the demo event into the configured database, once. `-- --today` moves it to start
 * today (in its time zone, Los Angeles), so its sessions can be run live now.
 */
const today = process.argv.includes('--today');
const config = loadConfig();
// While `npm start` runs on the embedded database, the tools use that server instead of starting another.
const database = await openDatabase(config, { shareRunning: true });
try {
  await migrateToLatest(database.db);
  if (await isDemoSeeded(database.db)) {
    console.log(
      `"${DEMO_EVENT_NAME}" is already in this database; nothing to do. (To start over with the embedded database: stop it, rm -rf .data, npm start.)`,
    );
  } else {
    const tokens = await seedDemo(database.db, today ? { firstDay: demoToday() } : {});
    const file = writeTokensFile(tokensFile(config.dataDir, config.databaseUrl), tokens);
    console.log(
      `Seeded "${DEMO_EVENT_NAME}"${today ? ` starting today, ${demoToday()}` : ''}. Bearer tokens (also in ${file}):\n${describeTokens(tokens)}`,
    );
  }
} finally {
  await database.close();
}
