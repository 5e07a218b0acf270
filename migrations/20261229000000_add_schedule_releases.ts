import { sql, type Kysely } from 'kysely';

/**
 * Schedule releases (src/domain/releases): management publishes numbered, immutable snapshots of
 * an event's public schedule — sessions, rooms, speakers, times — at a revision, with a note.
 * Exports publish the latest release; a changelog compares any two.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE schedule_release (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      number integer NOT NULL CHECK (number >= 1),
      revision bigint NOT NULL,
      note text,
      published_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
      sessions jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (event_id, number)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE schedule_release;`.execute(db);
}
