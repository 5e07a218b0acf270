import { loadConfig } from '../config.js';
import { createMigrator, migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';

/**
 * `npm run migrate`: applies pending migrations to the configured database.
 * `npm run migrate -- --down`: undoes the most recent one.
 */
const config = loadConfig();
// While `npm start` runs on the embedded database, the tools use that server instead of starting another.
const database = await openDatabase(config, { shareRunning: true });
try {
  if (process.argv.includes('--down')) {
    const { error, results } = await createMigrator(database.direct()).migrateDown();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    console.log(results?.length ? `Undone: ${results.map((r) => r.migrationName).join(', ')}` : 'Nothing to undo.');
  } else {
    const applied = await migrateToLatest(database.direct());
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
  }
} finally {
  await database.close();
}
