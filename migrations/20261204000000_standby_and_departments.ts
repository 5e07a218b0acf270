import { sql, type Kysely } from 'kysely';

/**
 * Standby acknowledgement (the caller warns, the operator answers, a GO without an answer still
 * fires but is marked), department field definitions and values, a cue's speaker, and a session
 * speaker's mic and walk-up music (#15).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE cue
      ADD COLUMN warned_at timestamptz,
      ADD COLUMN acknowledged_at timestamptz,
      ADD COLUMN acknowledged_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
      ADD COLUMN called_without_standby boolean NOT NULL DEFAULT false,
      ADD COLUMN speaker_id uuid REFERENCES session_speaker (id) ON DELETE SET NULL,
      ADD COLUMN field_values jsonb NOT NULL DEFAULT '{}'::jsonb;

    ALTER TABLE session_speaker
      ADD COLUMN mic text,
      ADD COLUMN walk_up_music text;

    CREATE TABLE department_field (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      department text NOT NULL CHECK (department IN ('STAGE_MANAGEMENT', 'LIGHTING', 'AUDIO', 'VIDEO',
        'GRAPHICS', 'CAMERA', 'STAGING')),
      key text NOT NULL CHECK (key ~ '^[a-z][a-zA-Z0-9]{0,39}$'),
      label text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('TEXT', 'NUMBER', 'SELECT', 'ASSET')),
      options text[] NOT NULL DEFAULT '{}',
      position integer NOT NULL DEFAULT 0,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (event_id, department, key)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE department_field;
    ALTER TABLE session_speaker DROP COLUMN mic, DROP COLUMN walk_up_music;
    ALTER TABLE cue DROP COLUMN warned_at, DROP COLUMN acknowledged_at, DROP COLUMN acknowledged_by_user_id,
      DROP COLUMN called_without_standby, DROP COLUMN speaker_id, DROP COLUMN field_values;
  `.execute(db);
}
