import { sql, type Kysely } from 'kysely';

/**
 * Calendar feed links (src/domain/releases/feeds.ts): a secret in a URL, because calendar apps
 * cannot send headers. One event, optionally narrowed to a room, a track or a speaker; read-only;
 * listed and revocable like API tokens; only the secret's hash is kept. And the event's
 * `schedule_public`: management may publish the released schedule without any secret.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE feed_link (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      room_id uuid REFERENCES room (id) ON DELETE CASCADE,
      speaker_id uuid REFERENCES speaker (id) ON DELETE CASCADE,
      track text,
      label text NOT NULL,
      token_hash bytea NOT NULL UNIQUE,
      organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
      created_by_user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      last_used_at timestamptz,
      revoked_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (num_nonnulls(room_id, speaker_id, track) <= 1)
    );
    CREATE INDEX feed_link_event_idx ON feed_link (event_id, created_at, id);
    ALTER TABLE event ADD COLUMN schedule_public boolean NOT NULL DEFAULT false;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE feed_link; ALTER TABLE event DROP COLUMN schedule_public;`.execute(db);
}
