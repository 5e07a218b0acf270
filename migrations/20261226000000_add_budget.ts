import { sql, type Kysely } from 'kysely';

/**
 * The budget as agencies keep it (src/domain/budget): one budget per event in its currency, with
 * the pricing model (OPEN_BOOK or MARKUP) and a budget rate per foreign currency; versions the
 * client approves (the original and reforecasts); lines FIXED or VARIABLE (a unit cost × a live
 * count), each ESTIMATED → CONTRACTED → INVOICED → PAID, with service charge, tax and markup; the
 * agency fee as a line of its own; internal lines (agency staff cost) the client never reads.
 * Vendors' invoices are the actuals; each payment may carry its own rate to the budget currency.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TYPE pricing_model AS ENUM ('OPEN_BOOK', 'MARKUP');
    CREATE TYPE budget_version_kind AS ENUM ('ORIGINAL', 'REFORECAST');
    CREATE TYPE budget_version_status AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED');
    CREATE TYPE budget_line_kind AS ENUM ('FIXED', 'VARIABLE');
    CREATE TYPE budget_driver AS ENUM ('GUARANTEE', 'PICKUP', 'REGISTERED');
    CREATE TYPE budget_line_status AS ENUM ('ESTIMATED', 'CONTRACTED', 'INVOICED', 'PAID');

    CREATE TABLE budget (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL UNIQUE REFERENCES event (id) ON DELETE CASCADE,
      currency char(3) NOT NULL,
      pricing_model pricing_model NOT NULL DEFAULT 'MARKUP',
      rates jsonb NOT NULL DEFAULT '[]',
      unsigned_warning_days integer NOT NULL DEFAULT 60 CHECK (unsigned_warning_days BETWEEN 0 AND 1000),
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE budget_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      name text NOT NULL,
      kind budget_version_kind NOT NULL,
      status budget_version_status NOT NULL DEFAULT 'DRAFT',
      approved_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
      approved_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX budget_version_event_idx ON budget_version (event_id, created_at);

    CREATE TABLE budget_line (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      version_id uuid NOT NULL REFERENCES budget_version (id) ON DELETE CASCADE,
      category text NOT NULL,
      item text NOT NULL,
      kind budget_line_kind NOT NULL DEFAULT 'FIXED',
      driver budget_driver,
      function_order_id uuid REFERENCES function_order (id) ON DELETE SET NULL,
      contract_id uuid REFERENCES contract (id) ON DELETE SET NULL,
      currency char(3) NOT NULL,
      unit_cost_minor bigint NOT NULL CHECK (unit_cost_minor >= 0),
      quantity integer CHECK (quantity >= 0),
      service_charge_percent numeric(6, 3) NOT NULL DEFAULT 0 CHECK (service_charge_percent BETWEEN 0 AND 100),
      tax_percent numeric(6, 3) NOT NULL DEFAULT 0 CHECK (tax_percent BETWEEN 0 AND 100),
      markup_percent numeric(6, 3) NOT NULL DEFAULT 0 CHECK (markup_percent BETWEEN 0 AND 1000),
      status budget_line_status NOT NULL DEFAULT 'ESTIMATED',
      is_fee boolean NOT NULL DEFAULT false,
      internal boolean NOT NULL DEFAULT false,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'FIXED') = (driver IS NULL)),
      CHECK (kind = 'VARIABLE' OR quantity IS NOT NULL)
    );
    CREATE INDEX budget_line_version_idx ON budget_line (version_id, category, created_at);
    CREATE INDEX budget_line_event_idx ON budget_line (event_id);
    CREATE INDEX budget_line_contract_idx ON budget_line (contract_id) WHERE contract_id IS NOT NULL;

    CREATE TABLE invoice (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      contract_id uuid NOT NULL REFERENCES contract (id) ON DELETE RESTRICT,
      number text NOT NULL,
      issued_on date NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      rate numeric(20, 10) CHECK (rate > 0),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (contract_id, number)
    );
    CREATE INDEX invoice_event_idx ON invoice (event_id, issued_on);

    ALTER TABLE contract_payment ADD COLUMN rate numeric(20, 10) CHECK (rate > 0);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE contract_payment DROP COLUMN rate;
    DROP TABLE invoice;
    DROP TABLE budget_line;
    DROP TABLE budget_version;
    DROP TABLE budget;
    DROP TYPE budget_line_status;
    DROP TYPE budget_driver;
    DROP TYPE budget_line_kind;
    DROP TYPE budget_version_status;
    DROP TYPE budget_version_kind;
    DROP TYPE pricing_model;
  `.execute(db);
}
