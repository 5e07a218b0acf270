import { sql } from 'kysely';
import type { Executor } from '../../db/client.js';
import type { BudgetLine } from '../../db/types.js';
import { expectedCountOfF } from '../beo/facts.js';
import { billedCount } from '../beo/rules.js';

/** What the budget reads from other areas, a whole event or list at a time. */

/** Per event, whether its budget is kept open book. */
export async function openBookEvents(db: Executor, eventIds: readonly string[]): Promise<boolean[]> {
  const rows = await db
    .selectFrom('budget')
    .select('event_id')
    .where('event_id', 'in', eventIds)
    .where('pricing_model', '=', 'OPEN_BOOK')
    .execute();
  const open = new Set(rows.map((r) => r.event_id));
  return eventIds.map((id) => open.has(id));
}

type Driven = Pick<BudgetLine, 'id' | 'kind' | 'driver' | 'quantity' | 'function_order_id' | 'contract_id' | 'event_id'>;

/**
 * The quantity of each line: a FIXED line's own; a VARIABLE line's from its driver — the billed
 * count of its function order, the room nights picked up on its hotel contract's blocks, or the
 * people REGISTERED for the event. Three statements at most, whatever the number of lines.
 */
export async function quantitiesOf(db: Executor, lines: readonly Driven[]): Promise<number[]> {
  const orderIds = [...new Set(lines.filter((l) => l.driver === 'GUARANTEE' && l.function_order_id).map((l) => l.function_order_id!))];
  const contractIds = [...new Set(lines.filter((l) => l.driver === 'PICKUP' && l.contract_id).map((l) => l.contract_id!))];
  const eventIds = [...new Set(lines.filter((l) => l.driver === 'REGISTERED').map((l) => l.event_id))];
  const [orders, pickup, registered] = await Promise.all([
    orderIds.length
      ? sql<{ id: string; guaranteed_count: number | null; actual_count: number | null; expected: number | null }>`
          SELECT f.id, f.guaranteed_count, f.actual_count, ${expectedCountOfF} AS expected
            FROM function_order f WHERE f.id = ANY(${orderIds}::uuid[])`.execute(db)
      : { rows: [] },
    contractIds.length
      ? sql<{ contract_id: string; nights: number }>`
          SELECT b.contract_id, count(r.id)::int AS nights
            FROM hotel_block b
            JOIN room_reservation r ON r.event_id = b.event_id AND r.hotel = b.hotel AND r.room_type = b.room_type
                                   AND r.arrives <= b.night AND r.departs > b.night
           WHERE b.contract_id = ANY(${contractIds}::uuid[]) GROUP BY b.contract_id`.execute(db)
      : { rows: [] },
    eventIds.length
      ? sql<{ event_id: string; n: number }>`
          SELECT event_id, count(*)::int AS n FROM attendee WHERE event_id = ANY(${eventIds}::uuid[]) AND status = 'REGISTERED' GROUP BY event_id`.execute(
          db,
        )
      : { rows: [] },
  ]);
  const billed = new Map(orders.rows.map((o) => [o.id, billedCount(o, o.expected)]));
  const nights = new Map(pickup.rows.map((p) => [p.contract_id, p.nights]));
  const people = new Map(registered.rows.map((r) => [r.event_id, r.n]));
  return lines.map((l) => {
    if (l.kind === 'FIXED') return l.quantity ?? 0;
    if (l.driver === 'GUARANTEE') return billed.get(l.function_order_id!) ?? 0;
    if (l.driver === 'PICKUP') return nights.get(l.contract_id!) ?? 0;
    return people.get(l.event_id) ?? 0;
  });
}
