import { sql, type Kysely } from 'kysely';

/**
 * Custom registration questions and their answers (kept on the attendee, keyed by question), and
 * invitation lists: an invitation-only event invites people list by list ("Sales — Americas",
 * "President's Club winners"), each list with the registration type its people get.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TYPE question_kind AS ENUM ('TEXT', 'CHOICE', 'MULTIPLE_CHOICE');
    CREATE TABLE registration_question (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      label text NOT NULL,
      kind question_kind NOT NULL,
      options jsonb NOT NULL DEFAULT '[]',
      required boolean NOT NULL DEFAULT false,
      position integer NOT NULL DEFAULT 0,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (event_id, label)
    );
    CREATE INDEX registration_question_event_idx ON registration_question (event_id, position, id);
    CREATE TABLE invitation_list (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      name text NOT NULL,
      registration_type_id uuid REFERENCES registration_type (id),
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (event_id, name)
    );
    CREATE INDEX invitation_list_event_idx ON invitation_list (event_id, name, id);
    ALTER TABLE attendee
      ADD COLUMN answers jsonb NOT NULL DEFAULT '{}',
      ADD COLUMN invitation_list_id uuid REFERENCES invitation_list (id);
    CREATE INDEX attendee_list_idx ON attendee (invitation_list_id, status);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE attendee DROP COLUMN answers, DROP COLUMN invitation_list_id;
    DROP TABLE invitation_list;
    DROP TABLE registration_question;
    DROP TYPE question_kind;
  `.execute(db);
}
