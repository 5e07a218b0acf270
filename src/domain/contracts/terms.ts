import type { AttritionBasis, CancellationTier, ContractStatus } from '../../db/types.js';
import type { DateOnly } from '../../db/tables/columns.js';
import { divideRounded, percentOf } from '../../shared/money.js';

/**
 * What a contract's clauses cost, as pure functions over minor units (bigint): the cancellation
 * scale on a given day, and attrition at the current pickup. Each product is rounded once, half
 * away from zero (src/shared/money.ts).
 */

type Cancellable = {
  status: ContractStatus;
  value_minor: number;
  cancellation_scale: CancellationTier[];
  cancellation_fee_minor: number | null;
};

/** The tier in force on a day: the last one starting on or before it. */
export function tierOn(scale: readonly CancellationTier[], on: DateOnly): CancellationTier | null {
  return (
    [...scale]
      .sort((a, b) => a.from.localeCompare(b.from))
      .filter((t) => t.from <= on)
      .at(-1) ?? null
  );
}

/**
 * What cancelling on `on` costs: nothing before it is signed (a draft binds no one); the scale's
 * percentage of the value once signed; the fee fixed on the day it was cancelled afterwards.
 */
export function cancellationFee(contract: Cancellable, on: DateOnly): bigint {
  if (contract.status === 'CANCELLED') return BigInt(contract.cancellation_fee_minor ?? 0);
  if (contract.status !== 'SIGNED') return 0n;
  const tier = tierOn(contract.cancellation_scale, on);
  return tier ? percentOf(BigInt(contract.value_minor), tier.percent) : 0n;
}

/** The fee, what was paid toward the contract, and what would still be owed (never below zero). */
export function cancellationCost(contract: Cancellable, paidMinor: bigint, on: DateOnly) {
  const fee = cancellationFee(contract, on);
  return { fee, paid: paidMinor, stillOwed: fee > paidMinor ? fee - paidMinor : 0n };
}

/** One night of a block under the contract: rooms contracted, picked up, resold by the hotel, and the rate. */
export type NightPickup = { night: DateOnly; contracted: number; pickedUp: number; resold: number; rateMinor: number };

export type AttritionTerms = { basis: AttritionBasis; percent: number; resoldCredit: boolean };

/**
 * Attrition owed at the given pickup. NIGHT_BY_NIGHT: each night must reach `percent` % of its
 * rooms (rounded up to a whole room); the rooms short cost the night's rate. WHOLE_STAY: the stay's
 * room revenue must reach `percent` % of the contracted revenue; the shortfall is owed. Resold rooms
 * count as picked up when the contract credits them; nothing counts above what was contracted.
 */
export function attritionOwed(terms: AttritionTerms, nights: readonly NightPickup[]): { owedMinor: bigint; roomNightsShort: number } {
  const credited = (n: NightPickup) => Math.min(n.contracted, n.pickedUp + (terms.resoldCredit ? n.resold : 0));
  const pct = BigInt(terms.percent);
  if (terms.basis === 'NIGHT_BY_NIGHT') {
    let owedMinor = 0n;
    let roomNightsShort = 0;
    for (const n of nights) {
      const floor = Number(divideUp(BigInt(n.contracted) * pct, 100n));
      const short = Math.max(0, floor - credited(n));
      roomNightsShort += short;
      owedMinor += BigInt(short) * BigInt(n.rateMinor);
    }
    return { owedMinor, roomNightsShort };
  }
  const contractedRevenue = nights.reduce((sum, n) => sum + BigInt(n.contracted) * BigInt(n.rateMinor), 0n);
  const creditedRevenue = nights.reduce((sum, n) => sum + BigInt(credited(n)) * BigInt(n.rateMinor), 0n);
  const due = divideRounded(contractedRevenue * pct, 100n);
  const floorNights = Number(divideUp(BigInt(nights.reduce((s, n) => s + n.contracted, 0)) * pct, 100n));
  return {
    owedMinor: due > creditedRevenue ? due - creditedRevenue : 0n,
    roomNightsShort: Math.max(0, floorNights - nights.reduce((s, n) => s + credited(n), 0)),
  };
}

const divideUp = (n: bigint, d: bigint) => (n + d - 1n) / d;
