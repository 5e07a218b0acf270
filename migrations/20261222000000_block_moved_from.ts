import { sql, type Kysely } from 'kysely';

/**
 * Where a rehearsal stood when production last saw it: management's moves keep it until
 * production acknowledges, and acknowledging moves the block's crew calls by the distance since.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // A move made before this column existed has no known start to shift from: acknowledging it moves no call.
  await sql`ALTER TABLE production_block ADD COLUMN moved_from timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE production_block DROP COLUMN moved_from`.execute(db);
}
