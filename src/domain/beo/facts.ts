import { sql } from 'kysely';
import type { Executor } from '../../db/client.js';
import type { Allergy, FunctionOrder } from '../../db/types.js';
import { SEVERITY_ORDER } from '../meals/health.js';
import { billedCount, billing, guaranteeDueAt } from './rules.js';

/**
 * What function orders read from other areas, a whole list at a time: a meal's expected count
 * (people REGISTERED who opted in — each person once), the F&B a contract's orders add up to, and
 * a meal's allergy list.
 */

/** A function order's expected count, for a row aliased `f`: its meal's REGISTERED eaters, or the count entered. */
export const expectedCountOfF = sql<number | null>`CASE WHEN f.meal_id IS NULL THEN f.expected_count
  ELSE (SELECT count(*)::int FROM meal_opt_in o JOIN attendee a ON a.id = o.attendee_id
         WHERE o.meal_id = f.meal_id AND a.status = 'REGISTERED') END`;

/** Per meal, how many REGISTERED people opted in. */
export async function eatersOf(db: Executor, mealIds: readonly string[]): Promise<number[]> {
  const rows = await db
    .selectFrom('meal_opt_in as o')
    .innerJoin('attendee as a', 'a.id', 'o.attendee_id')
    .select(['o.meal_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('o.meal_id', 'in', mealIds)
    .where('a.status', '=', 'REGISTERED')
    .groupBy('o.meal_id')
    .execute();
  const byMeal = new Map(rows.map((r) => [r.meal_id, Number(r.n)]));
  return mealIds.map((id) => byMeal.get(id) ?? 0);
}

/** Per contract, the F&B subtotal (before service charge and tax) of the orders it bills, at their billed counts. */
export async function fbSpendOf(db: Executor, contractIds: readonly string[]): Promise<bigint[]> {
  const { rows } = await sql<{
    contract_id: string;
    fb_lines: never;
    service_charge_percent: string;
    tax_percent: string;
    tax_on_service_charge: boolean;
    guaranteed_count: number | null;
    actual_count: number | null;
    expected: number | null;
  }>`
    SELECT f.contract_id, f.fb_lines, f.service_charge_percent, f.tax_percent, f.tax_on_service_charge,
           f.guaranteed_count, f.actual_count, ${expectedCountOfF} AS expected
      FROM function_order f WHERE f.contract_id = ANY(${contractIds as string[]}::uuid[])`.execute(db);
  const spend = new Map<string, bigint>();
  for (const r of rows) spend.set(r.contract_id, (spend.get(r.contract_id) ?? 0n) + billing(r, billedCount(r, r.expected)).subtotal);
  return contractIds.map((id) => spend.get(id) ?? 0n);
}

export type AllergyListEntry = {
  attendeeId: string;
  name: string;
  table: string | null;
  allergies: Allergy[];
  dietary: string[];
  dietaryNotes: string | null;
};

/**
 * The people eating at a meal with an allergy or a dietary need — by name, with their table — most
 * severe first, then by table and name: what the banquet captain and the kitchen work from.
 */
export async function allergyListOf(db: Executor, mealId: string): Promise<AllergyListEntry[]> {
  const { rows } = await sql<{
    id: string;
    name: string;
    table_label: string | null;
    allergies: Allergy[];
    dietary: string[];
    dietary_notes: string | null;
    worst: number;
  }>`
    SELECT a.id, a.name, o.table_label, a.allergies, a.dietary, a.dietary_notes,
           coalesce((SELECT max(array_position(${SEVERITY_ORDER}, al->>'severity'))
                       FROM jsonb_array_elements(a.allergies) al), 0) AS worst
      FROM meal_opt_in o JOIN attendee a ON a.id = o.attendee_id
     WHERE o.meal_id = ${mealId} AND a.status = 'REGISTERED'
       AND (jsonb_array_length(a.allergies) > 0 OR jsonb_array_length(a.dietary) > 0 OR a.dietary_notes IS NOT NULL)
     ORDER BY worst DESC, nullif(regexp_replace(o.table_label, '\\D', '', 'g'), '')::numeric NULLS LAST, o.table_label NULLS LAST, a.name`.execute(
    db,
  );
  return rows.map((r) => ({
    attendeeId: r.id,
    name: r.name,
    table: r.table_label,
    allergies: r.allergies,
    dietary: r.dietary,
    dietaryNotes: r.dietary_notes,
  }));
}

/** An event's function orders whose guarantee falls due from `from` up to `until` (still open to change), by when it is due. */
export async function guaranteesDueOf(db: Executor, eventId: string, timeZone: string, from: Date, until: Date): Promise<FunctionOrder[]> {
  // A deadline is at least its notice in hours before the start, and at most its notice spread over
  // weekdays (seven days for every five, plus a weekend) before it: only orders starting in that band are computed.
  const orders = await db
    .selectFrom('function_order')
    .selectAll()
    .where('event_id', '=', eventId)
    .where(sql<boolean>`starts_at >= ${from}::timestamptz + make_interval(hours => guarantee_notice_hours)`)
    .where(sql<boolean>`starts_at <= ${until}::timestamptz + make_interval(hours => guarantee_notice_hours * 7 / 5 + 72)`)
    .execute();
  return orders
    .map((order) => ({ order, due: guaranteeDueAt(order, timeZone) }))
    .filter(({ due }) => due >= from && due <= until)
    .sort((a, b) => a.due.getTime() - b.due.getTime())
    .map(({ order }) => order);
}
