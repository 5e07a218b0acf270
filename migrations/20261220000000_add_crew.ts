import { sql, type Kysely } from 'kysely';

/**
 * Crew calls under labor rules (src/domain/crew): rule sets per venue or union local, the
 * companies that send crews (with the insurance certificate the venue asks for), the crew with
 * their private details, calls for N people in a role over one or several rooms, and who is on them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TYPE crew_role AS ENUM ('SHOW_CALLER', 'STAGE_MANAGER', 'A1', 'A2', 'V1', 'LD', 'CAMERA', 'GRAPHICS', 'RIGGER', 'LED_TECH', 'STAGEHAND', 'HOUSE_LABOR');
    CREATE TYPE crew_assignment_status AS ENUM ('TENTATIVE', 'CONFIRMED');
    CREATE TABLE labor_rule_set (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      venue_id uuid REFERENCES venue (id) ON DELETE SET NULL,
      name text NOT NULL,
      minimum_call_minutes integer NOT NULL DEFAULT 240 CHECK (minimum_call_minutes >= 0),
      meal_after_minutes integer NOT NULL DEFAULT 300 CHECK (meal_after_minutes > 0),
      meal_penalty_step_minutes integer NOT NULL DEFAULT 30 CHECK (meal_penalty_step_minutes > 0),
      overtime_after_minutes integer NOT NULL DEFAULT 600 CHECK (overtime_after_minutes > 0),
      minimum_rest_minutes integer NOT NULL DEFAULT 600 CHECK (minimum_rest_minutes >= 0),
      -- The night premium's window on the venue's wall clock, in minutes after midnight (22:00 is 1320).
      night_starts_minute integer CHECK (night_starts_minute BETWEEN 0 AND 1439),
      night_ends_minute integer CHECK (night_ends_minute BETWEEN 0 AND 1439),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((night_starts_minute IS NULL) = (night_ends_minute IS NULL))
    );
    CREATE TABLE crew_vendor (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      name text NOT NULL,
      trade text NOT NULL,
      insurance_expires_on date,
      insurance_location text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE crew_member (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      vendor_id uuid REFERENCES crew_vendor (id) ON DELETE RESTRICT,
      name text NOT NULL,
      role crew_role NOT NULL,
      phone text,
      email text,
      day_rate_minor integer CHECK (day_rate_minor >= 0),
      currency char(3),
      address text,
      date_of_birth date,
      passport_number text,
      emergency_contact text,
      medical_notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((day_rate_minor IS NULL) = (currency IS NULL))
    );
    CREATE INDEX crew_member_event_idx ON crew_member (event_id, name, id);
    CREATE TABLE crew_call (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      role crew_role NOT NULL,
      headcount integer NOT NULL CHECK (headcount >= 1),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
      room_ids uuid[] NOT NULL DEFAULT '{}',
      block_id uuid REFERENCES production_block (id) ON DELETE SET NULL,
      rule_set_id uuid REFERENCES labor_rule_set (id) ON DELETE SET NULL,
      meal_starts_at timestamptz,
      meal_minutes integer NOT NULL DEFAULT 60 CHECK (meal_minutes >= 0),
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX crew_call_event_idx ON crew_call (event_id, starts_at, id);
    CREATE TABLE crew_assignment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      call_id uuid NOT NULL REFERENCES crew_call (id) ON DELETE CASCADE,
      member_id uuid NOT NULL REFERENCES crew_member (id) ON DELETE CASCADE,
      status crew_assignment_status NOT NULL DEFAULT 'TENTATIVE',
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (call_id, member_id)
    );
    CREATE INDEX crew_assignment_member_idx ON crew_assignment (member_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE crew_assignment;
    DROP TABLE crew_call;
    DROP TABLE crew_member;
    DROP TABLE crew_vendor;
    DROP TABLE labor_rule_set;
    DROP TYPE crew_assignment_status;
    DROP TYPE crew_role;
  `.execute(db);
}
