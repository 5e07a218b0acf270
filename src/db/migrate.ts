import { Migrator, sql, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations/index.js';
import type { UntypedDb } from './client.js';

export function createMigrator(db: UntypedDb): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: UntypedDb): Promise<string[]> {
  // A migration may rewrite a large table: the request timeouts of the pool do not apply to it.
  const result: MigrationResultSet = await db.connection().execute(async (connection) => {
    await sql`SET statement_timeout = 0`.execute(connection);
    await sql`SET lock_timeout = 0`.execute(connection);
    try {
      return await createMigrator(connection).migrateToLatest();
    } finally {
      await sql`RESET statement_timeout`.execute(connection).catch(() => undefined);
      await sql`RESET lock_timeout`.execute(connection).catch(() => undefined);
    }
  });
  const failed = result.results?.find((r) => r.status === 'Error');
  if (result.error || failed) {
    const reason = result.error instanceof Error ? result.error.message : String(result.error ?? 'unknown error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
