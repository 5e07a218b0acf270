import { sql, type Kysely } from 'kysely';

/**
 * Rehearsal runs (the show's state is set aside while a session is rehearsed, and comes back
 * untouched) and published run-of-show versions with a lock (#15).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE show_run (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      session_id uuid NOT NULL REFERENCES session (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('REHEARSAL')),
      started_at timestamptz NOT NULL,
      ended_at timestamptz,
      show_state jsonb NOT NULL,
      result jsonb,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX show_run_session_idx ON show_run (session_id, started_at);
    ALTER TABLE session ADD COLUMN rehearsal_id uuid REFERENCES show_run (id) ON DELETE SET NULL;

    CREATE TABLE run_of_show_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      session_id uuid NOT NULL REFERENCES session (id) ON DELETE CASCADE,
      number integer NOT NULL,
      label text NOT NULL,
      snapshot jsonb NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      published_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (session_id, number)
    );
    ALTER TABLE session ADD COLUMN run_of_show_status text NOT NULL DEFAULT 'DRAFT' CHECK (run_of_show_status IN ('DRAFT', 'LOCKED'));
    ALTER TABLE cue ADD COLUMN edited_under_lock boolean NOT NULL DEFAULT false;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE cue DROP COLUMN edited_under_lock;
    ALTER TABLE session DROP COLUMN run_of_show_status, DROP COLUMN rehearsal_id;
    DROP TABLE run_of_show_version, show_run;
  `.execute(db);
}
