import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../src/db/types.js';
import { useTestDatabase } from './helpers/db.js';

const { db } = await useTestDatabase();

describe('timestamps from PostgreSQL', () => {
  it('reads every instant exactly (to the millisecond), whatever time zone the session is in', async () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'America/St_Johns', 'Asia/Kathmandu', 'Europe/Amsterdam'];
    const instants = [
      '2027-09-15 07:00:00Z',
      '2027-03-28 00:59:59.999999Z', // Berlin's spring-forward night
      '2027-11-07 05:30:00.5Z', // New York's fall-back hour
      '1999-12-31 23:59:59.123456Z',
      '1890-06-01 12:00:00Z', // local mean time: offsets with seconds
      '0099-01-01 00:00:00Z',
      '0044-03-15 12:00:00Z BC',
      '12345-01-01 00:00:00Z',
    ];
    for (const zone of zones) {
      const rows = await db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('TimeZone', ${zone}, true)`.execute(tx);
        return (
          await sql<{ text: string; at: Date; ms: string }>`
            SELECT v::text AS text, v AS at, floor(extract(epoch FROM v) * 1000)::bigint::text AS ms
            FROM unnest(${instants}::timestamptz[]) AS v`.execute(tx)
        ).rows;
      });
      for (const row of rows) expect({ zone, text: row.text, ms: row.at.getTime() }).toEqual({ zone, text: row.text, ms: Number(row.ms) });
    }
  });
});

describe('the schema as the code knows it', () => {
  it('lists exactly the columns the migrations create, for every table', async () => {
    const rows = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = ANY(${Object.keys(COLUMNS)})`.execute(db);
    const actual: Record<string, string[]> = {};
    for (const row of rows.rows) (actual[row.table_name] ??= []).push(row.column_name);
    const listed = Object.fromEntries(Object.entries(COLUMNS).map(([table, columns]) => [table, [...columns].sort()]));
    expect(Object.fromEntries(Object.entries(actual).map(([table, columns]) => [table, columns.sort()]))).toEqual(listed);
  });
});
