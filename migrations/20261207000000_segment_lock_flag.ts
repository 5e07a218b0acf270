import { sql, type Kysely } from 'kysely';

/** A segment edited while its run-of-show is locked is flagged, like a cue (#15). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE segment ADD COLUMN edited_under_lock boolean NOT NULL DEFAULT false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE segment DROP COLUMN edited_under_lock`.execute(db);
}
