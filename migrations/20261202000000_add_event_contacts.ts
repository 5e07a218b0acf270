import { sql, type Kysely } from 'kysely';

/** Who to call on site: an event's contacts (the contacts area, src/domain/contacts). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE event_contact (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
      name text NOT NULL,
      organization_id uuid REFERENCES organization (id) ON DELETE SET NULL,
      company text,
      role text,
      phone text,
      email text,
      on_site_from timestamptz,
      on_site_until timestamptz,
      is_private boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (on_site_until > on_site_from)
    );
    CREATE INDEX event_contact_event_idx ON event_contact (event_id, name, id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE event_contact`.execute(db);
}
