import { sql, type Kysely } from 'kysely';

/**
 * Assets and approvals (src/domain/production/assets.ts): the files a session needs — slides,
 * videos, graphics, renders, the show file, stage designs, LED content — as metadata only (name,
 * kind, and per version its size, checksum and external location), with their review status. An
 * approval belongs to one version: a new version voids it. Slides lock at a cutoff before their
 * session (the event's `slide_lock_minutes`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TYPE asset_kind AS ENUM ('SLIDES', 'VIDEO', 'GRAPHICS', 'RENDER', 'SHOW_FILE', 'STAGE_DESIGN', 'LED_CONTENT');
    CREATE TYPE asset_status AS ENUM ('REQUESTED', 'RECEIVED', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED');
    ALTER TABLE event ADD COLUMN slide_lock_minutes integer NOT NULL DEFAULT 120 CHECK (slide_lock_minutes >= 0);
    CREATE TABLE asset (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      session_id uuid REFERENCES session (id) ON DELETE SET NULL,
      name text NOT NULL,
      kind asset_kind NOT NULL,
      status asset_status NOT NULL DEFAULT 'REQUESTED',
      due_at timestamptz,
      current_version integer NOT NULL DEFAULT 0 CHECK (current_version >= 0),
      size_bytes bigint CHECK (size_bytes >= 0),
      checksum text,
      location text,
      approved_version integer,
      approved_at timestamptz,
      review_note text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX asset_event_idx ON asset (event_id, name, id);
    CREATE INDEX asset_session_idx ON asset (session_id, name, id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE asset;
    ALTER TABLE event DROP COLUMN slide_lock_minutes;
    DROP TYPE asset_status;
    DROP TYPE asset_kind;
  `.execute(db);
}
