import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileMigrationProvider, Migrator, type MigrationResultSet } from 'kysely';
import type { UntypedDb } from './client.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** Files are imported by URL so that the same code works under tsx, vitest and plain Node. */
const provider = new FileMigrationProvider({
  fs,
  path: {
    ...path,
    join: (...parts: string[]) => pathToFileURL(path.join(...parts)).href,
  },
  migrationFolder: MIGRATIONS_DIR,
});

export function createMigrator(db: UntypedDb): Migrator {
  return new Migrator({ db, provider });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: UntypedDb): Promise<string[]> {
  const result: MigrationResultSet = await createMigrator(db).migrateToLatest();
  const failed = result.results?.find((r) => r.status === 'Error');
  if (result.error || failed) {
    const reason = result.error instanceof Error ? result.error.message : String(result.error ?? 'unknown error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
