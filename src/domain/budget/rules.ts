import type { BudgetLine, BudgetRate, Contract } from '../../db/types.js';
import { ValidationError } from '../../shared/errors.js';
import { convert, percentOf } from '../../shared/money.js';

/**
 * The budget's arithmetic, as pure functions. Money is integer minor units (bigint) throughout;
 * every computed amount is rounded once at its currency's minor unit, half away from zero
 * (src/shared/money.ts):
 *
 * - A line's cost is unit cost × quantity, plus its service charge (a percentage of that), plus tax
 *   (a percentage of both), in the line's currency.
 * - Its billed price is the cost plus the markup (a percentage of the cost); the agency fee is
 *   billed as it stands.
 * - Amounts in another currency enter the budget at the budget rate for that currency (units of
 *   the budget currency per unit), rounded once; a payment or an invoice with its own rate enters
 *   at that rate instead.
 * - A contract commits, once signed, its value — a hotel contract with an attrition clause its
 *   minimum (the clause's share of the value); once cancelled, the fee fixed that day; before it is
 *   signed, nothing.
 */

export type LineAmounts = { base: bigint; serviceCharge: bigint; tax: bigint; cost: bigint; billed: bigint };

type Priced = Pick<BudgetLine, 'unit_cost_minor' | 'service_charge_percent' | 'tax_percent' | 'markup_percent' | 'is_fee'>;

export function lineAmounts(line: Priced, quantity: number): LineAmounts {
  const base = BigInt(line.unit_cost_minor) * BigInt(quantity);
  const serviceCharge = percentOf(base, line.service_charge_percent);
  const tax = percentOf(base + serviceCharge, line.tax_percent);
  const cost = base + serviceCharge + tax;
  return { base, serviceCharge, tax, cost, billed: line.is_fee ? cost : cost + percentOf(cost, line.markup_percent) };
}

/** The rate of a currency to the budget's: 1 for its own, the budget rate otherwise. */
export function rateOf(budget: { currency: string; rates: BudgetRate[] }, currency: string): string | null {
  if (currency === budget.currency) return '1';
  return budget.rates.find((r) => r.currency === currency)?.rate ?? null;
}

/** An amount in the budget currency, at its own rate or the budget rate. */
export function inBudget(
  budget: { currency: string; rates: BudgetRate[] },
  minor: bigint,
  currency: string,
  ownRate?: string | null,
): bigint {
  const rate = ownRate ?? rateOf(budget, currency);
  if (rate === null) throw new ValidationError({ field: 'currency', message: `the budget has no rate for ${currency}` });
  return convert(minor, currency, budget.currency, rate);
}

type Committing = Pick<Contract, 'status' | 'value_minor' | 'attrition_percent' | 'cancellation_fee_minor'>;

/** What a contract commits, in its own currency. */
export function commitment(contract: Committing): bigint {
  if (contract.status === 'CANCELLED') return BigInt(contract.cancellation_fee_minor ?? 0);
  if (contract.status !== 'SIGNED') return 0n;
  const value = BigInt(contract.value_minor);
  return contract.attrition_percent == null ? value : percentOf(value, String(contract.attrition_percent));
}
