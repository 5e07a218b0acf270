import { sql, type Kysely } from 'kysely';

/**
 * Production planning, first part (src/domain/production): the production schedule — blocks per
 * room from load-in to load-out that occupy the room like sessions do, a tech rehearsal covering
 * sessions, speakers' rehearsal slots inside a rehearsal block — with the venue's contracted access
 * hours and the trucks at its dock. When management moves a rehearsal, production acknowledges it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TYPE production_block_kind AS ENUM ('LOAD_IN', 'FOCUS', 'TECH', 'REHEARSAL', 'SHOW', 'STRIKE', 'LOAD_OUT');
    ALTER TABLE event ADD COLUMN doors_minutes integer NOT NULL DEFAULT 30 CHECK (doors_minutes >= 0);
    CREATE TABLE production_block (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      room_id uuid NOT NULL REFERENCES room (id) ON DELETE CASCADE,
      kind production_block_kind NOT NULL,
      title text NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      notes text,
      covers_session_ids jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(covers_session_ids) = 'array'),
      moved_at timestamptz,
      acknowledged_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at)
    );
    CREATE INDEX production_block_event_idx ON production_block (event_id, starts_at, id);
    CREATE INDEX production_block_room_idx ON production_block (room_id, starts_at, id);
    CREATE TABLE rehearsal_slot (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      block_id uuid NOT NULL REFERENCES production_block (id) ON DELETE CASCADE,
      speaker_id uuid NOT NULL REFERENCES speaker (id) ON DELETE CASCADE,
      session_id uuid REFERENCES session (id) ON DELETE SET NULL,
      -- Kept relative to its block, so a rehearsal that moves takes its slots with it.
      offset_seconds integer NOT NULL CHECK (offset_seconds >= 0),
      duration_seconds integer NOT NULL CHECK (duration_seconds > 0),
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX rehearsal_slot_block_idx ON rehearsal_slot (block_id, offset_seconds, id);
    CREATE INDEX rehearsal_slot_speaker_idx ON rehearsal_slot (speaker_id);
    CREATE INDEX rehearsal_slot_event_idx ON rehearsal_slot (event_id, id);
    CREATE TABLE venue_access_window (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      venue_id uuid NOT NULL REFERENCES venue (id) ON DELETE CASCADE,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at)
    );
    CREATE INDEX venue_access_window_venue_idx ON venue_access_window (venue_id, starts_at, id);
    CREATE INDEX venue_access_window_event_idx ON venue_access_window (event_id, starts_at, id);
    CREATE TABLE truck (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      venue_id uuid NOT NULL REFERENCES venue (id) ON DELETE CASCADE,
      name text NOT NULL,
      vendor text,
      arrives_at timestamptz NOT NULL,
      dock text,
      dock_starts_at timestamptz,
      dock_ends_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((dock_starts_at IS NULL) = (dock_ends_at IS NULL) AND (dock_starts_at IS NULL OR dock_ends_at > dock_starts_at)),
      CHECK ((dock IS NULL) = (dock_starts_at IS NULL))
    );
    CREATE INDEX truck_event_idx ON truck (event_id, arrives_at, id);
    CREATE INDEX truck_venue_idx ON truck (venue_id, dock_starts_at);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE truck;
    DROP TABLE venue_access_window;
    DROP TABLE rehearsal_slot;
    DROP TABLE production_block;
    ALTER TABLE event DROP COLUMN doors_minutes;
    DROP TYPE production_block_kind;
  `.execute(db);
}
