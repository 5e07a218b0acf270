import { sql, type Kysely } from 'kysely';

/**
 * Housing (src/domain/housing): hotel room blocks per hotel × room type × night — rooms
 * contracted and held back, the rate, the cut-off date, the attrition percentage the contract
 * holds the event to, comps and staff rooms — and the rooming list: each person's room, its dates
 * (shoulder nights outside the block included), a roommate, and who pays what.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TYPE billing_party AS ENUM ('MASTER_ACCOUNT', 'GUEST');
    CREATE TABLE hotel_block (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      hotel text NOT NULL,
      room_type text NOT NULL,
      night date NOT NULL,
      contracted integer NOT NULL CHECK (contracted >= 0),
      held integer NOT NULL DEFAULT 0 CHECK (held >= 0),
      rate_minor integer NOT NULL CHECK (rate_minor >= 0),
      currency char(3) NOT NULL DEFAULT 'USD',
      cut_off_date date NOT NULL,
      cut_off_warning_days integer NOT NULL DEFAULT 14 CHECK (cut_off_warning_days >= 0),
      attrition_percent integer NOT NULL DEFAULT 80 CHECK (attrition_percent BETWEEN 0 AND 100),
      comp_ratio integer CHECK (comp_ratio > 0),
      staff_rooms integer NOT NULL DEFAULT 0 CHECK (staff_rooms >= 0),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (event_id, hotel, room_type, night)
    );
    CREATE INDEX hotel_block_event_idx ON hotel_block (event_id, night, id);
    CREATE TABLE room_reservation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      attendee_id uuid REFERENCES attendee (id) ON DELETE CASCADE,
      speaker_id uuid REFERENCES speaker (id) ON DELETE CASCADE,
      hotel text NOT NULL,
      room_type text NOT NULL,
      arrives date NOT NULL,
      departs date NOT NULL,
      roommate_attendee_id uuid REFERENCES attendee (id) ON DELETE SET NULL,
      room_billing billing_party NOT NULL DEFAULT 'MASTER_ACCOUNT',
      incidentals_billing billing_party NOT NULL DEFAULT 'GUEST',
      confirmation text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((attendee_id IS NULL) <> (speaker_id IS NULL)),
      CHECK (departs > arrives)
    );
    CREATE INDEX room_reservation_event_idx ON room_reservation (event_id, arrives, id);
    CREATE INDEX room_reservation_attendee_idx ON room_reservation (attendee_id, arrives, id);
    CREATE INDEX room_reservation_speaker_idx ON room_reservation (speaker_id, arrives, id);
    CREATE INDEX room_reservation_roommate_idx ON room_reservation (roommate_attendee_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE room_reservation;
    DROP TABLE hotel_block;
    DROP TYPE billing_party;
  `.execute(db);
}
