import { sql, type Kysely } from 'kysely';

/**
 * Requests between agencies (src/domain/requests): a thread about any object of an event, opened
 * by one organization for another, with replies (internal ones read only by their author's
 * organization) and a status; one that changes scope becomes a change order with its cost and time
 * impact, awaiting the client's approval.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TYPE request_status AS ENUM ('OPEN', 'ANSWERED', 'DONE', 'DECLINED');
    CREATE TYPE change_order_status AS ENUM ('AWAITING_CLIENT', 'APPROVED', 'REJECTED');
    CREATE TABLE request (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      subject_type text NOT NULL,
      subject_id uuid NOT NULL,
      from_organization_id uuid NOT NULL REFERENCES organization (id),
      to_organization_id uuid NOT NULL REFERENCES organization (id),
      opened_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
      title text NOT NULL,
      body text,
      status request_status NOT NULL DEFAULT 'OPEN',
      change_order_status change_order_status,
      cost_minor bigint,
      currency char(3),
      time_impact_minutes integer,
      decided_at timestamptz,
      decided_by_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
      decision_note text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (from_organization_id <> to_organization_id),
      CHECK ((change_order_status IS NULL) = (cost_minor IS NULL) AND (cost_minor IS NULL) = (currency IS NULL))
    );
    CREATE INDEX request_event_idx ON request (event_id, created_at, id);
    CREATE INDEX request_subject_idx ON request (subject_id);
    CREATE TABLE request_message (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      request_id uuid NOT NULL REFERENCES request (id) ON DELETE CASCADE,
      author_organization_id uuid NOT NULL REFERENCES organization (id),
      author_user_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
      body text NOT NULL,
      internal boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX request_message_idx ON request_message (request_id, created_at, id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE request_message;
    DROP TABLE request;
    DROP TYPE change_order_status;
    DROP TYPE request_status;
  `.execute(db);
}
