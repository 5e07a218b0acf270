import { sql, type Kysely } from 'kysely';

/**
 * Meals and health data (src/domain/meals): each person's dietary requirements (a fixed list plus
 * free text), allergies with their severity and accessibility needs, kept on the attendee; the
 * event's meals — plated with entrée choices, buffets, receptions — and who opted in to each (meals
 * are opt-in: staff, speakers, guests and crew eat too). The client names the users who may read
 * individual health details (`health_data_owner`); everyone else reads counts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TYPE meal_service AS ENUM ('PLATED', 'BUFFET', 'STATIONS', 'BOXED', 'RECEPTION');
    ALTER TABLE attendee
      ADD COLUMN dietary jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(dietary) = 'array'),
      ADD COLUMN dietary_notes text,
      ADD COLUMN allergies jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(allergies) = 'array'),
      ADD COLUMN accessibility jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(accessibility) = 'array'),
      ADD COLUMN accessibility_notes text;
    CREATE TABLE meal (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      name text NOT NULL,
      service meal_service NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      room_id uuid REFERENCES room (id) ON DELETE SET NULL,
      entree_options jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(entree_options) = 'array'),
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at)
    );
    CREATE INDEX meal_event_idx ON meal (event_id, starts_at, id);
    CREATE TABLE meal_opt_in (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      meal_id uuid NOT NULL REFERENCES meal (id) ON DELETE CASCADE,
      attendee_id uuid NOT NULL REFERENCES attendee (id) ON DELETE CASCADE,
      entree text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (meal_id, attendee_id)
    );
    CREATE INDEX meal_opt_in_meal_idx ON meal_opt_in (meal_id, created_at, id);
    CREATE INDEX meal_opt_in_attendee_idx ON meal_opt_in (attendee_id, created_at, id);
    CREATE INDEX meal_opt_in_event_idx ON meal_opt_in (event_id, id);
    CREATE TABLE health_data_owner (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (event_id, user_id)
    );
    CREATE INDEX health_data_owner_user_idx ON health_data_owner (user_id);
    CREATE INDEX health_data_owner_event_idx ON health_data_owner (event_id, created_at, id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE health_data_owner;
    DROP TABLE meal_opt_in;
    DROP TABLE meal;
    ALTER TABLE attendee DROP COLUMN dietary, DROP COLUMN dietary_notes, DROP COLUMN allergies, DROP COLUMN accessibility, DROP COLUMN accessibility_notes;
    DROP TYPE meal_service;
  `.execute(db);
}
