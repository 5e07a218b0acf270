import { sql, type Kysely } from 'kysely';

/**
 * Function orders (BEOs, src/domain/beo): one per function the venue serves — sessions, meals,
 * the registration desk, the green room, offices, storage, rehearsals, crew meals — with its room
 * and set, counts (expected, guaranteed, set with the venue's overset, actual), set-up and strike,
 * F&B lines priced in the order's currency (integer minor units), service charge and tax, the AV
 * order and the billing account, the BEO's version and the client's sign-off of one version.
 * Seats at meals get a table, which the allergy list names.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TYPE function_kind AS ENUM ('GENERAL_SESSION', 'BREAKOUT', 'MEAL', 'RECEPTION', 'BREAK', 'REGISTRATION', 'GREEN_ROOM', 'OFFICE', 'STORAGE', 'REHEARSAL', 'CREW_MEAL', 'OTHER');
    CREATE TYPE set_style AS ENUM ('THEATER', 'CLASSROOM', 'ROUNDS', 'CRESCENT_ROUNDS', 'CABARET', 'BOARDROOM', 'U_SHAPE', 'HOLLOW_SQUARE', 'RECEPTION', 'EXHIBIT', 'CUSTOM');

    CREATE TABLE function_order (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      name text NOT NULL,
      kind function_kind NOT NULL,
      room_id uuid REFERENCES room (id) ON DELETE SET NULL,
      session_id uuid REFERENCES session (id) ON DELETE SET NULL,
      meal_id uuid REFERENCES meal (id) ON DELETE SET NULL,
      contract_id uuid REFERENCES contract (id) ON DELETE SET NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      setup_at timestamptz,
      strike_at timestamptz,
      set_style set_style,
      set_notes text,
      expected_count integer CHECK (expected_count >= 0),
      guaranteed_count integer CHECK (guaranteed_count >= 0),
      guarantee_notice_hours integer NOT NULL DEFAULT 72 CHECK (guarantee_notice_hours BETWEEN 0 AND 2000),
      overset_percent numeric(5, 2) NOT NULL DEFAULT 0 CHECK (overset_percent BETWEEN 0 AND 100),
      actual_count integer CHECK (actual_count >= 0),
      currency char(3) NOT NULL,
      fb_lines jsonb NOT NULL DEFAULT '[]',
      service_charge_percent numeric(6, 3) NOT NULL DEFAULT 0 CHECK (service_charge_percent BETWEEN 0 AND 100),
      tax_percent numeric(6, 3) NOT NULL DEFAULT 0 CHECK (tax_percent BETWEEN 0 AND 100),
      tax_on_service_charge boolean NOT NULL DEFAULT true,
      av_order text,
      billing_account text,
      beo_version integer NOT NULL DEFAULT 1,
      signed_off_version integer,
      signed_off_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
      signed_off_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at),
      CHECK (setup_at IS NULL OR setup_at <= starts_at),
      CHECK (strike_at IS NULL OR strike_at >= ends_at)
    );
    CREATE INDEX function_order_event_idx ON function_order (event_id, starts_at);
    CREATE INDEX function_order_meal_idx ON function_order (meal_id) WHERE meal_id IS NOT NULL;
    CREATE INDEX function_order_contract_idx ON function_order (contract_id) WHERE contract_id IS NOT NULL;

    ALTER TABLE meal_opt_in ADD COLUMN table_label text;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE meal_opt_in DROP COLUMN table_label;
    DROP TABLE function_order;
    DROP TYPE set_style;
    DROP TYPE function_kind;
  `.execute(db);
}
