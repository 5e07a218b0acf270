import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/client.js';
import type { Contract, ContractPayment } from '../../db/types.js';
import type { NightPickup } from './terms.js';

/** What the terms are computed from, read in one statement per batch of contracts. */

/** Per contract: what its schedule asks, and what of it was paid (minor units of its currency). */
export async function paymentsOf(db: Executor, contractIds: readonly string[]): Promise<{ scheduled: bigint; paid: bigint }[]> {
  if (contractIds.length === 0) return [];
  const rows = await db
    .selectFrom('contract_payment')
    .select([
      'contract_id',
      sql<string>`coalesce(sum(amount_minor), 0)::text`.as('scheduled'),
      sql<string>`coalesce(sum(amount_minor) FILTER (WHERE paid_on IS NOT NULL), 0)::text`.as('paid'),
    ])
    .where('contract_id', 'in', contractIds as string[])
    .groupBy('contract_id')
    .execute();
  const byId = new Map(rows.map((r) => [r.contract_id, { scheduled: BigInt(r.scheduled), paid: BigInt(r.paid) }]));
  return contractIds.map((id) => byId.get(id) ?? { scheduled: 0n, paid: 0n });
}

/** Per contract: the nights of the hotel blocks it covers, with the rooming list's pickup. */
export async function nightsOf(db: Executor, contractIds: readonly string[]): Promise<NightPickup[][]> {
  if (contractIds.length === 0) return [];
  const { rows } = await sql<{
    contract_id: string;
    night: string;
    contracted: number;
    resold: number;
    rate_minor: number;
    picked_up: number;
  }>`
    SELECT b.contract_id, b.night, b.contracted, b.resold, b.rate_minor, count(r.id)::int AS picked_up
      FROM hotel_block b
      LEFT JOIN room_reservation r ON r.event_id = b.event_id AND r.hotel = b.hotel AND r.room_type = b.room_type
                                  AND r.arrives <= b.night AND r.departs > b.night
     WHERE b.contract_id = ANY(${contractIds as string[]}::uuid[])
     GROUP BY b.id
     ORDER BY b.night, b.hotel, b.room_type`.execute(db);
  return contractIds.map((id) =>
    rows
      .filter((r) => r.contract_id === id)
      .map((r) => ({ night: r.night, contracted: r.contracted, pickedUp: r.picked_up, resold: r.resold, rateMinor: Number(r.rate_minor) })),
  );
}

/** An event's contracts that meet `visible` (a reader's row rule), for totals over them. */
export function contractsOfEventWhere(db: Executor, eventId: string, visible: Expression<SqlBool> | null): Promise<Contract[]> {
  let query = db.selectFrom('contract').selectAll().where('event_id', '=', eventId);
  if (visible) query = query.where(visible);
  return query.orderBy('created_at').execute();
}

/** An event's unpaid payments due up to `until` (overdue ones too) that meet `visible`, by due date; one statement. */
export function upcomingPaymentsOf(
  db: Executor,
  eventId: string,
  until: string,
  visible: Expression<SqlBool> | null,
): Promise<ContractPayment[]> {
  let query = db
    .selectFrom('contract_payment')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('paid_on', 'is', null)
    .where('due_on', '<=', until);
  if (visible) query = query.where(visible);
  return query.orderBy('due_on').orderBy('id').execute();
}
