import { sql, type Kysely } from 'kysely';

/**
 * Travel (src/domain/travel): each person's legs — flights, trains, cars — with carrier, number,
 * places and instants; arrivals and departures grouped into transfer waves by terminal and time
 * window, with the vehicles' capacity, meet-and-greet and VIP cars, and when the manifest went to
 * the transport company. A leg belongs to an attendee or to a speaker. The event says how long
 * before their first session a speaker must have landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TYPE travel_mode AS ENUM ('FLIGHT', 'TRAIN', 'CAR');
    CREATE TYPE travel_direction AS ENUM ('ARRIVAL', 'DEPARTURE');
    ALTER TABLE event ADD COLUMN speaker_arrival_buffer_minutes integer NOT NULL DEFAULT 120 CHECK (speaker_arrival_buffer_minutes >= 0);
    CREATE TABLE transfer_wave (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      name text NOT NULL,
      direction travel_direction NOT NULL,
      terminal text,
      window_start timestamptz NOT NULL,
      window_end timestamptz NOT NULL,
      vehicle text,
      vehicle_capacity integer NOT NULL CHECK (vehicle_capacity > 0),
      vehicles integer NOT NULL DEFAULT 1 CHECK (vehicles > 0),
      meet_and_greet boolean NOT NULL DEFAULT false,
      vip_car boolean NOT NULL DEFAULT false,
      manifest_sent_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (window_end > window_start)
    );
    CREATE INDEX transfer_wave_event_idx ON transfer_wave (event_id, window_start, id);
    CREATE TABLE travel_leg (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      attendee_id uuid REFERENCES attendee (id) ON DELETE CASCADE,
      speaker_id uuid REFERENCES speaker (id) ON DELETE CASCADE,
      direction travel_direction NOT NULL,
      mode travel_mode NOT NULL,
      carrier text,
      number text,
      from_place text NOT NULL,
      to_place text NOT NULL,
      departs_at timestamptz NOT NULL,
      arrives_at timestamptz NOT NULL,
      terminal text,
      transfer_wave_id uuid REFERENCES transfer_wave (id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((attendee_id IS NULL) <> (speaker_id IS NULL)),
      CHECK (arrives_at > departs_at)
    );
    CREATE INDEX travel_leg_event_idx ON travel_leg (event_id, arrives_at, id);
    CREATE INDEX travel_leg_wave_idx ON travel_leg (transfer_wave_id, arrives_at, id);
    CREATE INDEX travel_leg_attendee_idx ON travel_leg (attendee_id, arrives_at, id);
    CREATE INDEX travel_leg_speaker_idx ON travel_leg (speaker_id, arrives_at, id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE travel_leg;
    DROP TABLE transfer_wave;
    ALTER TABLE event DROP COLUMN speaker_arrival_buffer_minutes;
    DROP TYPE travel_direction;
    DROP TYPE travel_mode;
  `.execute(db);
}
