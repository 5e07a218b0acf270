import { sql, type Kysely } from 'kysely';

/**
 * Registration (src/domain/registration): an event's registration types, each with its own
 * capacity, and its attendees — invited, approved, registered, waitlisted, declined or cancelled —
 * with their guests and badges.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TYPE registration_kind AS ENUM ('ATTENDEE', 'STAFF', 'SPEAKER', 'VIP', 'GUEST', 'CLIENT_EXECUTIVE', 'CREW', 'PRESS');
    CREATE TYPE attendee_status AS ENUM ('INVITED', 'PENDING_APPROVAL', 'REGISTERED', 'WAITLISTED', 'DECLINED', 'CANCELLED');
    CREATE TABLE registration_type (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      name text NOT NULL,
      kind registration_kind NOT NULL,
      capacity integer CHECK (capacity >= 0),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (event_id, name)
    );
    CREATE TABLE attendee (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      registration_type_id uuid REFERENCES registration_type (id) ON DELETE RESTRICT,
      name text NOT NULL,
      email text NOT NULL,
      company text,
      status attendee_status NOT NULL DEFAULT 'INVITED',
      guest_of_attendee_id uuid REFERENCES attendee (id) ON DELETE SET NULL CHECK (guest_of_attendee_id <> id),
      badge_name text,
      badge_type text,
      badge_printed_at timestamptz,
      vip_notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX attendee_email_idx ON attendee (event_id, lower(email));
    CREATE INDEX attendee_event_idx ON attendee (event_id, name, id);
    CREATE INDEX attendee_type_idx ON attendee (registration_type_id, status);
    CREATE INDEX attendee_guest_idx ON attendee (guest_of_attendee_id);
    CREATE INDEX registration_type_event_idx ON registration_type (event_id, name, id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE attendee;
    DROP TABLE registration_type;
    DROP TYPE attendee_status;
    DROP TYPE registration_kind;
  `.execute(db);
}
