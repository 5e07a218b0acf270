import type { FbLine, FunctionOrder } from '../../db/types.js';
import { percentOf, parseDecimal } from '../../shared/money.js';
import { localDay, zonedInstant } from '../time.js';

/**
 * The catering rules venues apply to a function order, as pure functions of the order, its
 * expected count and the clock:
 *
 * - The guarantee is due `guarantee_notice_hours` business hours before the function starts. A
 *   business hour is an hour of a weekday (Monday to Friday) on the event's calendar: 72 business
 *   hours before a Monday noon lunch is the Wednesday before at noon. (Public holidays are not
 *   known here; a venue that skips one is given a longer notice.)
 * - Before the deadline the guarantee moves freely; after it, it can only go up.
 * - The venue sets the guarantee plus its overset, rounded up to a whole place (3 % of 120 is
 *   3.6: it sets 124).
 * - The venue bills the higher of the guarantee and the actual count; until the actual count is
 *   known, the higher of the guarantee and the expected count is what it will bill.
 * - Money: a line is its unit price × its quantity (exact); the service charge is a percentage of
 *   the lines' subtotal and the tax a percentage of the subtotal (plus the service charge where it
 *   is taxed), each rounded once at the currency's minor unit, half away from zero.
 */

const HOUR = 3_600_000;
const isWeekday = (day: string) => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5;
};

// Midnights by zone and day: deadlines of one event walk back over the same few days.
const midnights = new Map<string, number>();
function midnight(day: string, timeZone: string): number {
  const key = `${timeZone} ${day}`;
  let at = midnights.get(key);
  if (at === undefined) {
    if (midnights.size > 50_000) midnights.clear();
    at = zonedInstant(day, '00:00', timeZone).getTime();
    midnights.set(key, at);
  }
  return at;
}

/** `hours` business hours before `start` on the calendar of `timeZone`, exact across DST changes. */
export function businessHoursBefore(start: Date, hours: number, timeZone: string): Date {
  let cursor = start.getTime();
  let left = hours * HOUR;
  while (left > 0) {
    // The local day holding the instant just before the cursor, walked back one day at a time.
    const day = localDay(new Date(cursor - 1), timeZone);
    const dayStart = midnight(day, timeZone);
    if (isWeekday(day)) {
      if (cursor - dayStart >= left) return new Date(cursor - left);
      left -= cursor - dayStart;
    }
    cursor = dayStart;
  }
  return new Date(cursor);
}

type Counted = Pick<FunctionOrder, 'starts_at' | 'guarantee_notice_hours' | 'guaranteed_count' | 'overset_percent' | 'actual_count'>;

export const guaranteeDueAt = (order: Counted, timeZone: string): Date =>
  businessHoursBefore(new Date(order.starts_at), order.guarantee_notice_hours, timeZone);

/** The places the venue sets: the guarantee and its overset, rounded up. Null without a guarantee. */
export function setCount(order: Pick<Counted, 'guaranteed_count' | 'overset_percent'>): number | null {
  if (order.guaranteed_count == null) return null;
  const { units, scale } = parseDecimal(order.overset_percent, 'oversetPercent');
  const whole = 100n * 10n ** BigInt(scale);
  const over = (BigInt(order.guaranteed_count) * units + whole - 1n) / whole;
  return order.guaranteed_count + Number(over);
}

/** The count the venue bills (or will bill): the higher of the guarantee and the actual count, or the expected count until that is known. */
export function billedCount(order: Pick<Counted, 'guaranteed_count' | 'actual_count'>, expected: number | null): number {
  const counted = order.actual_count ?? expected ?? 0;
  return Math.max(order.guaranteed_count ?? 0, counted);
}

export type BilledLine = FbLine & { quantityBilled: number; amountMinor: bigint };
export type Billing = { lines: BilledLine[]; subtotal: bigint; serviceCharge: bigint; tax: bigint; total: bigint };

type Priced = Pick<FunctionOrder, 'fb_lines' | 'service_charge_percent' | 'tax_percent' | 'tax_on_service_charge'>;

export function billing(order: Priced, count: number): Billing {
  const lines = order.fb_lines.map((line) => {
    const quantityBilled = line.perPerson ? count : (line.quantity ?? 0);
    return { ...line, quantityBilled, amountMinor: BigInt(line.unitPriceMinor) * BigInt(quantityBilled) };
  });
  const subtotal = lines.reduce((sum, l) => sum + l.amountMinor, 0n);
  const serviceCharge = percentOf(subtotal, order.service_charge_percent);
  const tax = percentOf(subtotal + (order.tax_on_service_charge ? serviceCharge : 0n), order.tax_percent);
  return { lines, subtotal, serviceCharge, tax, total: subtotal + serviceCharge + tax };
}

export type WarningKind = 'GUARANTEE_DUE' | 'GUARANTEE_MISSING' | 'OVER_GUARANTEE' | 'UNDER_GUARANTEE' | 'NOT_SIGNED_OFF';
export type FunctionWarning = { kind: WarningKind; message: string };

/** How far ahead a guarantee deadline is announced. */
export const GUARANTEE_WARNING_DAYS = 7;

const when = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);

/** What needs someone's attention on a function order now. */
export function warningsOf(
  order: Counted & Pick<FunctionOrder, 'beo_version' | 'signed_off_version' | 'ends_at'>,
  expected: number | null,
  timeZone: string,
  now: Date,
): FunctionWarning[] {
  if (new Date(order.ends_at) <= now) return [];
  const warnings: FunctionWarning[] = [];
  const due = guaranteeDueAt(order, timeZone);
  const guarantee = order.guaranteed_count;
  if (due > now && due.getTime() - now.getTime() <= GUARANTEE_WARNING_DAYS * 24 * HOUR)
    warnings.push({
      kind: 'GUARANTEE_DUE',
      message:
        guarantee == null
          ? `no guarantee yet: it is due ${when(due, timeZone)}`
          : `the guarantee of ${guarantee} locks ${when(due, timeZone)}: after that it can only go up`,
    });
  if (due <= now && guarantee == null)
    warnings.push({ kind: 'GUARANTEE_MISSING', message: `the guarantee was due ${when(due, timeZone)} and none was given` });
  const set = setCount(order);
  if (expected != null && set != null && expected > set)
    warnings.push({
      kind: 'OVER_GUARANTEE',
      message: `${expected} expected but the venue sets ${set} (guarantee ${guarantee} + ${order.overset_percent} % overset): raise the guarantee`,
    });
  if (expected != null && guarantee != null && expected < guarantee)
    warnings.push({
      kind: 'UNDER_GUARANTEE',
      message: `${expected} expected, below the guarantee of ${guarantee}: ${guarantee - expected} billed that no one eats${due > now ? '; lower it before the deadline' : ''}`,
    });
  if (order.signed_off_version !== order.beo_version && due.getTime() - now.getTime() <= GUARANTEE_WARNING_DAYS * 24 * HOUR)
    warnings.push({
      kind: 'NOT_SIGNED_OFF',
      message:
        order.signed_off_version == null
          ? `version ${order.beo_version} is not signed off by the client`
          : `revised to version ${order.beo_version} after the client signed off version ${order.signed_off_version}`,
    });
  return warnings;
}
