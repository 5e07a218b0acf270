import { sql, type Kysely } from 'kysely';

/**
 * The T-minus timeline (src/domain/timeline): an event's milestones and tasks, each owned by an
 * organization of the event, due a number of days from an anchor (the event's first or last day, a
 * contract's cut-off or date-hold expiry, a payment's due date, or a fixed day) so that a task moves
 * when its anchor moves; and organizations' task templates, applied to an event to make its tasks.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TYPE task_status AS ENUM ('TODO', 'IN_PROGRESS', 'DONE', 'CANCELLED');
    CREATE TYPE task_anchor AS ENUM ('EVENT_START', 'EVENT_END', 'CONTRACT_CUT_OFF', 'CONTRACT_DATE_HOLD', 'PAYMENT_DUE', 'FIXED');
    CREATE TYPE milestone_kind AS ENUM ('SITE_VISIT', 'CONTRACTS_SIGNED', 'AGENDA_FINAL', 'PRODUCTION_BRIEF', 'REHEARSALS', 'SHOW_DAYS', 'WRAP', 'OTHER');

    CREATE TABLE task (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      title text NOT NULL,
      notes text,
      organization_id uuid NOT NULL REFERENCES organization (id),
      assignee_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
      for_organization_id uuid REFERENCES organization (id),
      status task_status NOT NULL DEFAULT 'TODO',
      internal boolean NOT NULL DEFAULT false,
      milestone milestone_kind,
      anchor task_anchor NOT NULL DEFAULT 'EVENT_START',
      offset_days integer NOT NULL DEFAULT 0 CHECK (offset_days BETWEEN -1000 AND 1000),
      contract_id uuid REFERENCES contract (id) ON DELETE RESTRICT,
      payment_id uuid REFERENCES contract_payment (id) ON DELETE RESTRICT,
      fixed_on date,
      depends_on uuid[] NOT NULL DEFAULT '{}',
      subject_type text,
      subject_id uuid,
      automatic boolean NOT NULL DEFAULT false,
      completed_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((anchor IN ('CONTRACT_CUT_OFF', 'CONTRACT_DATE_HOLD')) = (contract_id IS NOT NULL)),
      CHECK ((anchor = 'PAYMENT_DUE') = (payment_id IS NOT NULL)),
      CHECK ((anchor = 'FIXED') = (fixed_on IS NOT NULL)),
      CHECK ((subject_type IS NULL) = (subject_id IS NULL))
    );
    CREATE INDEX task_event_idx ON task (event_id, created_at);
    CREATE INDEX task_contract_idx ON task (contract_id) WHERE contract_id IS NOT NULL;
    CREATE INDEX task_payment_idx ON task (payment_id) WHERE payment_id IS NOT NULL;
    -- A contract's date makes one task of its own, however often the contract is saved.
    CREATE UNIQUE INDEX task_automatic_idx ON task (anchor, coalesce(payment_id, contract_id)) WHERE automatic;

    CREATE TABLE task_template (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
      name text NOT NULL,
      items jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, name)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE task_template;
    DROP TABLE task;
    DROP TYPE milestone_kind;
    DROP TYPE task_anchor;
    DROP TYPE task_status;
  `.execute(db);
}
