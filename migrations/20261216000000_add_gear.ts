import { sql, type Kysely } from 'kysely';

/**
 * Gear (src/domain/gear): the production company's inventory across all its events — items with
 * their stock, unit weight and power draw, kits of items, units out of service — and, per event,
 * bookings of items or kits from the day they leave the warehouse until they are back (plus the
 * item's return buffer), QUOTED, HELD or CONFIRMED with a priority, and subrentals that add stock
 * for their own dates from a named vendor.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TYPE gear_booking_status AS ENUM ('QUOTED', 'HELD', 'CONFIRMED');
    CREATE TABLE gear_item (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
      name text NOT NULL,
      category text,
      quantity integer NOT NULL CHECK (quantity >= 0),
      unit_weight_grams integer NOT NULL DEFAULT 0 CHECK (unit_weight_grams >= 0),
      unit_power_watts integer NOT NULL DEFAULT 0 CHECK (unit_power_watts >= 0),
      return_buffer_hours integer NOT NULL DEFAULT 24 CHECK (return_buffer_hours >= 0),
      day_rate_minor integer CHECK (day_rate_minor >= 0),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, name)
    );
    CREATE TABLE gear_outage (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
      item_id uuid NOT NULL REFERENCES gear_item (id) ON DELETE CASCADE,
      quantity integer NOT NULL CHECK (quantity > 0),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz,
      reason text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at IS NULL OR ends_at > starts_at)
    );
    CREATE INDEX gear_outage_item_idx ON gear_outage (item_id, starts_at);
    CREATE TABLE gear_kit (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
      name text NOT NULL,
      items jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array'),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, name)
    );
    CREATE TABLE gear_booking (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      item_id uuid REFERENCES gear_item (id) ON DELETE RESTRICT,
      kit_id uuid REFERENCES gear_kit (id) ON DELETE RESTRICT,
      quantity integer NOT NULL CHECK (quantity > 0),
      status gear_booking_status NOT NULL DEFAULT 'QUOTED',
      priority integer NOT NULL DEFAULT 0,
      leaves_at timestamptz NOT NULL,
      returns_at timestamptz NOT NULL,
      room_id uuid REFERENCES room (id) ON DELETE SET NULL,
      block_id uuid REFERENCES production_block (id) ON DELETE SET NULL,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((item_id IS NULL) <> (kit_id IS NULL)),
      CHECK (returns_at > leaves_at)
    );
    CREATE INDEX gear_booking_event_idx ON gear_booking (event_id, leaves_at, id);
    CREATE INDEX gear_booking_item_idx ON gear_booking (item_id, leaves_at);
    CREATE INDEX gear_booking_kit_idx ON gear_booking (kit_id, leaves_at);
    CREATE TABLE gear_subrental (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      item_id uuid NOT NULL REFERENCES gear_item (id) ON DELETE RESTRICT,
      quantity integer NOT NULL CHECK (quantity > 0),
      vendor text NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      cost_minor integer CHECK (cost_minor >= 0),
      currency char(3) NOT NULL DEFAULT 'USD',
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at)
    );
    CREATE INDEX gear_subrental_event_idx ON gear_subrental (event_id, starts_at, id);
    CREATE INDEX gear_subrental_item_idx ON gear_subrental (item_id, starts_at);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE gear_subrental;
    DROP TABLE gear_booking;
    DROP TABLE gear_kit;
    DROP TABLE gear_outage;
    DROP TABLE gear_item;
    DROP TYPE gear_booking_status;
  `.execute(db);
}
