import { sql, type Kysely } from 'kysely';

/**
 * Vendors and their contracts (src/domain/contracts): the terms that cost money as data — the
 * contract's value, the cancellation scale by date, attrition on the hotel blocks it covers, the
 * F&B minimum, cut-off, date-hold expiry, commission — and each contract's payment schedule.
 * Money is integer minor units of the contract's ISO 4217 currency (src/shared/money.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TYPE vendor_kind AS ENUM ('VENUE', 'HOTEL', 'CATERER', 'AV_RENTAL', 'PRODUCTION_AGENCY', 'TRANSPORT', 'DECOR', 'SECURITY', 'OTHER');
    CREATE TYPE contract_status AS ENUM ('DRAFT', 'SENT', 'SIGNED', 'CANCELLED');
    CREATE TYPE attrition_basis AS ENUM ('WHOLE_STAY', 'NIGHT_BY_NIGHT');

    CREATE TABLE vendor (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      name text NOT NULL,
      kind vendor_kind NOT NULL,
      organization_id uuid REFERENCES organization (id) ON DELETE SET NULL,
      contact_name text,
      email text,
      phone text,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX vendor_event_idx ON vendor (event_id, name);

    CREATE TABLE contract (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      vendor_id uuid NOT NULL REFERENCES vendor (id) ON DELETE RESTRICT,
      title text NOT NULL,
      scope text,
      status contract_status NOT NULL DEFAULT 'DRAFT',
      currency char(3) NOT NULL,
      value_minor bigint NOT NULL CHECK (value_minor >= 0),
      signed_on date,
      cancelled_on date,
      cancellation_fee_minor bigint,
      cancellation_scale jsonb NOT NULL DEFAULT '[]',
      attrition_basis attrition_basis,
      attrition_percent integer CHECK (attrition_percent BETWEEN 0 AND 100),
      resold_credit boolean NOT NULL DEFAULT true,
      fb_minimum_minor bigint CHECK (fb_minimum_minor >= 0),
      commission_percent numeric(6, 3) CHECK (commission_percent BETWEEN 0 AND 100),
      cut_off_date date,
      date_hold_expires_on date,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX contract_event_idx ON contract (event_id, created_at);
    CREATE INDEX contract_vendor_idx ON contract (vendor_id);

    CREATE TABLE contract_payment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      contract_id uuid NOT NULL REFERENCES contract (id) ON DELETE CASCADE,
      label text NOT NULL,
      due_on date NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      paid_on date,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX contract_payment_contract_idx ON contract_payment (contract_id, due_on);
    CREATE INDEX contract_payment_event_idx ON contract_payment (event_id, due_on);

    ALTER TABLE hotel_block
      ADD COLUMN contract_id uuid REFERENCES contract (id) ON DELETE SET NULL,
      ADD COLUMN resold integer NOT NULL DEFAULT 0 CHECK (resold >= 0);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE hotel_block DROP COLUMN contract_id, DROP COLUMN resold;
    DROP TABLE contract_payment;
    DROP TABLE contract;
    DROP TABLE vendor;
    DROP TYPE attrition_basis;
    DROP TYPE contract_status;
    DROP TYPE vendor_kind;
  `.execute(db);
}
