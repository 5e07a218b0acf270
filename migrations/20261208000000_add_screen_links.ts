import { sql, type Kysely } from 'kysely';

/**
 * Read-only links for control-room screens (the screens area, src/domain/screens): one event,
 * optionally one room or one session. Only the secret's hash is kept; a revoked link stays listed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE screen_link (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      room_id uuid REFERENCES room (id) ON DELETE CASCADE,
      session_id uuid REFERENCES session (id) ON DELETE CASCADE,
      label text NOT NULL,
      token_hash bytea NOT NULL UNIQUE,
      organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
      created_by_user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      last_used_at timestamptz,
      revoked_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (room_id IS NULL OR session_id IS NULL)
    );
    CREATE INDEX screen_link_event_idx ON screen_link (event_id, created_at, id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE screen_link`.execute(db);
}
