import { sql, type Kysely } from 'kysely';

/**
 * An index under every list a page is read from (tests/lists.test.ts checks them all): a page of
 * many parents reads one index range per parent (src/db/pagination.ts), and these four lists had
 * none, so each parent's page scanned its whole table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX crew_vendor_event_idx ON crew_vendor (event_id, name, id);
    CREATE INDEX labor_rule_set_event_idx ON labor_rule_set (event_id, name, id);
    CREATE INDEX crew_call_block_idx ON crew_call (block_id, starts_at, id);
    CREATE INDEX hotel_block_contract_idx ON hotel_block (contract_id, night, hotel, room_type, id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP INDEX crew_vendor_event_idx;
    DROP INDEX labor_rule_set_event_idx;
    DROP INDEX crew_call_block_idx;
    DROP INDEX hotel_block_contract_idx;
  `.execute(db);
}
