import { sql, type Kysely } from 'kysely';

/**
 * Sign-ups for sessions (src/domain/registration/signups.ts) and check-ins. Capacity has three
 * numbers, as planners count it: the room's fire-code limit (hard, never exceeded), the seats set
 * for the session's layout, and the session's registration cap (soft: over-registered for
 * no-shows, or held back for VIPs). A session's waitlist has its own cap and a close date; after it
 * closes, a freed seat is offered to the first in line for `claim_minutes`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE room ADD COLUMN fire_code_capacity integer CHECK (fire_code_capacity >= 0);
    ALTER TABLE session
      ADD COLUMN capacity integer CHECK (capacity >= 0),
      ADD COLUMN seats_set integer CHECK (seats_set >= 0),
      ADD COLUMN waitlist_capacity integer CHECK (waitlist_capacity >= 0),
      ADD COLUMN waitlist_closes_at timestamptz,
      ADD COLUMN claim_minutes integer NOT NULL DEFAULT 1440 CHECK (claim_minutes > 0);
    CREATE TYPE session_registration_status AS ENUM ('REGISTERED', 'WAITLISTED', 'OFFERED');
    CREATE SEQUENCE session_registration_position;
    CREATE TABLE session_registration (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      session_id uuid NOT NULL REFERENCES session (id) ON DELETE CASCADE,
      attendee_id uuid NOT NULL REFERENCES attendee (id),
      status session_registration_status NOT NULL,
      position bigint NOT NULL DEFAULT nextval('session_registration_position'),
      offered_until timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (session_id, attendee_id),
      CHECK ((status = 'OFFERED') = (offered_until IS NOT NULL))
    );
    CREATE INDEX session_registration_session_idx ON session_registration (session_id, status, position);
    CREATE INDEX session_registration_attendee_idx ON session_registration (attendee_id);
    CREATE INDEX session_registration_offer_idx ON session_registration (offered_until) WHERE status = 'OFFERED';
    CREATE INDEX session_registration_event_idx ON session_registration (event_id, position, id);
    CREATE TABLE check_in (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      attendee_id uuid NOT NULL REFERENCES attendee (id) ON DELETE CASCADE,
      day date NOT NULL,
      session_id uuid REFERENCES session (id) ON DELETE CASCADE,
      checked_in_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX check_in_once_idx ON check_in (attendee_id, day, coalesce(session_id, '00000000-0000-0000-0000-000000000000'::uuid));
    CREATE INDEX check_in_event_idx ON check_in (event_id, checked_in_at, id);
    CREATE INDEX check_in_session_idx ON check_in (session_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE check_in;
    DROP TABLE session_registration;
    DROP SEQUENCE session_registration_position;
    DROP TYPE session_registration_status;
    ALTER TABLE session DROP COLUMN capacity, DROP COLUMN seats_set, DROP COLUMN waitlist_capacity, DROP COLUMN waitlist_closes_at, DROP COLUMN claim_minutes;
    ALTER TABLE room DROP COLUMN fire_code_capacity;
  `.execute(db);
}
