import { sql, type Kysely } from 'kysely';

/** How an event numbers its cues: per session, or per department across a room's show day, as consoles do (#15). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE event ADD COLUMN cue_numbering text NOT NULL DEFAULT 'SESSION' CHECK (cue_numbering IN ('SESSION', 'ROOM_DAY'))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE event DROP COLUMN cue_numbering`.execute(db);
}
