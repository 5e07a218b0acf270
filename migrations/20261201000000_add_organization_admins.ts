import { sql, type Kysely } from 'kysely';

/** An organization's own administrators add its users and give them tokens. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE app_user ADD COLUMN is_organization_admin boolean NOT NULL DEFAULT false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE app_user DROP COLUMN is_organization_admin`.execute(db);
}
