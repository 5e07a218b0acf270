import { sql, type Kysely } from 'kysely';

/**
 * Room specs (src/domain/production/specs.ts): a room's trim height and power service, its rigging
 * points with their load limits, and its setup styles with their capacity — gross, and the seats
 * the stage, front-of-house and camera risers take, so the net is what can be sold. Gear hung on a
 * rigging point counts against its limit; gear in a room draws on its power.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TYPE setup_style AS ENUM ('THEATER', 'CLASSROOM', 'BANQUET', 'CABARET', 'BOARDROOM', 'U_SHAPE');
    ALTER TABLE room
      ADD COLUMN trim_height_cm integer CHECK (trim_height_cm > 0),
      ADD COLUMN power_capacity_watts integer CHECK (power_capacity_watts >= 0);
    CREATE TABLE room_setup (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      room_id uuid NOT NULL REFERENCES room (id) ON DELETE CASCADE,
      style setup_style NOT NULL,
      capacity integer NOT NULL CHECK (capacity >= 0),
      stage_seats integer NOT NULL DEFAULT 0 CHECK (stage_seats >= 0),
      foh_seats integer NOT NULL DEFAULT 0 CHECK (foh_seats >= 0),
      riser_seats integer NOT NULL DEFAULT 0 CHECK (riser_seats >= 0),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (room_id, style)
    );
    CREATE INDEX room_setup_event_idx ON room_setup (event_id, id);
    CREATE TABLE rigging_point (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      room_id uuid NOT NULL REFERENCES room (id) ON DELETE CASCADE,
      name text NOT NULL,
      load_limit_kg integer NOT NULL CHECK (load_limit_kg > 0),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (room_id, name)
    );
    CREATE INDEX rigging_point_event_idx ON rigging_point (event_id, id);
    ALTER TABLE gear_booking ADD COLUMN rigging_point_id uuid REFERENCES rigging_point (id) ON DELETE SET NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE gear_booking DROP COLUMN rigging_point_id;
    DROP TABLE rigging_point;
    DROP TABLE room_setup;
    ALTER TABLE room DROP COLUMN trim_height_cm, DROP COLUMN power_capacity_watts;
    DROP TYPE setup_style;
  `.execute(db);
}
