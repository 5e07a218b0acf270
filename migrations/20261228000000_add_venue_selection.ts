import { sql, type Kysely } from 'kysely';

/**
 * Venue selection (src/domain/selection): candidate venues with their date holds, the agency's bid
 * for each (its quote), site visits, weighted criteria scored 1–5, a shortlist; a candidate becomes
 * one of the event's venues only once a signed contract with it is named.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TYPE candidate_status AS ENUM ('CANDIDATE', 'SHORTLISTED', 'CHOSEN', 'DECLINED', 'CONTRACTED');

    CREATE TABLE selection_criterion (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      name text NOT NULL,
      weight integer NOT NULL CHECK (weight BETWEEN 1 AND 10),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (event_id, name)
    );

    CREATE TABLE venue_candidate (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      name text NOT NULL,
      address text,
      city text,
      country text,
      capacity integer CHECK (capacity >= 0),
      status candidate_status NOT NULL DEFAULT 'CANDIDATE',
      date_hold_expires_on date,
      quote_currency char(3),
      quote_minor bigint CHECK (quote_minor >= 0),
      scores jsonb NOT NULL DEFAULT '{}',
      contract_id uuid REFERENCES contract (id) ON DELETE RESTRICT,
      venue_id uuid REFERENCES venue (id) ON DELETE SET NULL,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((quote_currency IS NULL) = (quote_minor IS NULL)),
      CHECK ((status = 'CONTRACTED') = (contract_id IS NOT NULL))
    );
    CREATE INDEX venue_candidate_event_idx ON venue_candidate (event_id, name);

    CREATE TABLE site_visit (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      candidate_id uuid NOT NULL REFERENCES venue_candidate (id) ON DELETE RESTRICT,
      visited_on date NOT NULL,
      attendees text[] NOT NULL DEFAULT '{}',
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX site_visit_candidate_idx ON site_visit (candidate_id, visited_on);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE site_visit;
    DROP TABLE venue_candidate;
    DROP TABLE selection_criterion;
    DROP TYPE candidate_status;
  `.execute(db);
}
