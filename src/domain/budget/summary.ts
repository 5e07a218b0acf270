import type { Expression, SqlBool } from 'kysely';
import type { Executor } from '../../db/client.js';
import type { Budget, BudgetLine, BudgetVersion, Contract } from '../../db/types.js';
import { formatMoney } from '../../shared/money.js';
import { addDays } from '../time.js';
import { quantitiesOf } from './facts.js';
import { commitment, inBudget, lineAmounts } from './rules.js';

/**
 * The budget as the event manager reads it, in the budget currency: per category the approved
 * version and the forecast (the latest reforecast), what contracts commit, what vendors invoiced and
 * what was paid, and the variance; change orders; cost per attendee; and the warnings — a category
 * projected over its approved amount, a payment overdue, a contract unsigned close to the event, a
 * date hold about to expire. A fixed number of statements whatever the size of the event.
 */

export type Amounts = {
  approvedCost: bigint;
  approvedBilled: bigint;
  forecastCost: bigint;
  forecastBilled: bigint;
  committed: bigint;
  invoiced: bigint;
  paid: bigint;
};
export type CategorySummary = Amounts & { category: string; variance: bigint; billedVariance: bigint };
export type BudgetWarning = {
  kind: 'CATEGORY_OVER' | 'PAYMENT_OVERDUE' | 'CONTRACT_UNSIGNED' | 'DATE_HOLD_EXPIRING';
  message: string;
  contractId: string | null;
};
export type BudgetSummary = {
  currency: string;
  approvedVersion: BudgetVersion | null;
  forecastVersion: BudgetVersion | null;
  categories: CategorySummary[];
  total: CategorySummary;
  registered: number;
  changeOrders: { approved: bigint; awaiting: bigint };
  warnings: BudgetWarning[];
};

const CHANGE_ORDERS = 'Change orders';
const zero = (): Amounts => ({
  approvedCost: 0n,
  approvedBilled: 0n,
  forecastCost: 0n,
  forecastBilled: 0n,
  committed: 0n,
  invoiced: 0n,
  paid: 0n,
});
const max = (a: bigint, b: bigint) => (a > b ? a : b);

/** A version's lines as amounts in the budget currency, by line. */
async function priced(db: Executor, budget: Budget, lines: BudgetLine[]) {
  const quantities = await quantitiesOf(db, lines);
  return lines.map((l, i) => {
    const a = lineAmounts(l, quantities[i]!);
    return {
      line: l,
      quantity: quantities[i]!,
      cost: inBudget(budget, a.cost, l.currency),
      billed: inBudget(budget, a.billed, l.currency),
    };
  });
}

export async function budgetSummary(
  db: Executor,
  budget: Budget,
  options: {
    includeInternal: boolean;
    today: string;
    startDate: string;
    /** The reader's row rule on requests: change orders they may not read do not count. */
    requestsVisible?: Expression<SqlBool> | null;
  },
): Promise<BudgetSummary> {
  const eventId = budget.event_id;
  const [versions, allLines, contracts, payments, invoices, changeOrders, registered] = await Promise.all([
    db.selectFrom('budget_version').selectAll().where('event_id', '=', eventId).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('budget_line').selectAll().where('event_id', '=', eventId).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('contract').selectAll().where('event_id', '=', eventId).orderBy('created_at').execute(),
    db.selectFrom('contract_payment').selectAll().where('event_id', '=', eventId).orderBy('due_on').execute(),
    db.selectFrom('invoice').selectAll().where('event_id', '=', eventId).execute(),
    db
      .selectFrom('request')
      .select(['change_order_status', 'cost_minor', 'currency'])
      .where('event_id', '=', eventId)
      .where('change_order_status', 'is not', null)
      .$if(options.requestsVisible != null, (q) => q.where(options.requestsVisible!))
      .execute(),
    db
      .selectFrom('attendee')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('event_id', '=', eventId)
      .where('status', '=', 'REGISTERED')
      .executeTakeFirstOrThrow(),
  ]);
  const approvedVersion =
    [...versions]
      .filter((v) => v.status === 'APPROVED')
      .sort((a, b) => +new Date(a.approved_at!) - +new Date(b.approved_at!))
      .at(-1) ?? null;
  const forecastVersion = [...versions].reverse().find((v) => v.kind === 'REFORECAST') ?? approvedVersion ?? versions.at(-1) ?? null;
  const lines = allLines.filter((l) => options.includeInternal || !l.internal);
  const ofVersion = (v: BudgetVersion | null) => (v ? lines.filter((l) => l.version_id === v.id) : []);
  const [approved, forecast] = await Promise.all([
    priced(db, budget, ofVersion(approvedVersion)),
    priced(db, budget, ofVersion(forecastVersion)),
  ]);

  const byCategory = new Map<string, Amounts>();
  const entry = (category: string) => byCategory.get(category) ?? byCategory.set(category, zero()).get(category)!;
  for (const p of approved)
    Object.assign(entry(p.line.category), add(entry(p.line.category), { approvedCost: p.cost, approvedBilled: p.billed }));
  for (const p of forecast)
    Object.assign(entry(p.line.category), add(entry(p.line.category), { forecastCost: p.cost, forecastBilled: p.billed }));

  // Each contract a forecast line names counts once, in the category of the first line naming it.
  const categoryOf = new Map<string, string>();
  for (const p of forecast)
    if (p.line.contract_id && !categoryOf.has(p.line.contract_id)) categoryOf.set(p.line.contract_id, p.line.category);
  const contractById = new Map(contracts.map((c) => [c.id, c]));
  for (const [contractId, category] of categoryOf) {
    const c = contractById.get(contractId)!;
    const e = entry(category);
    e.committed += inBudget(budget, commitment(c), c.currency);
    for (const i of invoices.filter((i) => i.contract_id === contractId))
      e.invoiced += inBudget(budget, BigInt(i.amount_minor), c.currency, i.rate);
    for (const p of payments.filter((p) => p.contract_id === contractId && p.paid_on))
      e.paid += inBudget(budget, BigInt(p.amount_minor), c.currency, p.rate);
  }
  const orders = { approved: 0n, awaiting: 0n };
  for (const o of changeOrders) {
    if (o.cost_minor == null || !o.currency) continue;
    const amount = inBudget(budget, BigInt(o.cost_minor), o.currency);
    if (o.change_order_status === 'APPROVED') {
      orders.approved += amount;
      entry(CHANGE_ORDERS).committed += amount;
    } else if (o.change_order_status === 'AWAITING_CLIENT') orders.awaiting += amount;
  }

  const categories = [...byCategory.entries()]
    .map(([category, a]) => ({
      category,
      ...a,
      variance: a.approvedCost - max(a.forecastCost, a.committed),
      billedVariance: a.approvedBilled - a.forecastBilled,
    }))
    .sort((a, b) => a.category.localeCompare(b.category));
  const sum = categories.reduce((t, c) => add(t, c), zero());
  const total = {
    category: 'Total',
    ...sum,
    variance: categories.reduce((v, c) => v + c.variance, 0n),
    billedVariance: sum.approvedBilled - sum.forecastBilled,
  };
  const warnings = warningsOf(budget, approvedVersion ? categories : [], contracts, payments, options);
  return {
    currency: budget.currency,
    approvedVersion,
    forecastVersion,
    categories,
    total,
    registered: Number(registered.n),
    changeOrders: orders,
    warnings,
  };
}

function add(a: Amounts, b: Partial<Amounts>): Amounts {
  const out = { ...a };
  for (const key of Object.keys(out) as (keyof Amounts)[]) out[key] += b[key] ?? 0n;
  return out;
}

const DATE_HOLD_WARNING_DAYS = 14;

function warningsOf(
  budget: Budget,
  categories: CategorySummary[],
  contracts: Contract[],
  payments: { contract_id: string; label: string; due_on: string; paid_on: string | null }[],
  { today, startDate }: { today: string; startDate: string },
): BudgetWarning[] {
  const warnings: BudgetWarning[] = [];
  for (const c of categories.filter((c) => c.variance < 0n))
    warnings.push({
      kind: 'CATEGORY_OVER',
      contractId: null,
      message: `${c.category} is projected ${formatMoney(-c.variance, budget.currency)} over its approved ${formatMoney(c.approvedCost, budget.currency)}`,
    });
  const byId = new Map(contracts.map((c) => [c.id, c]));
  for (const p of payments.filter((p) => !p.paid_on && p.due_on < today && byId.get(p.contract_id)?.status !== 'CANCELLED'))
    warnings.push({
      kind: 'PAYMENT_OVERDUE',
      contractId: p.contract_id,
      message: `${byId.get(p.contract_id)!.title}: ${p.label} was due ${p.due_on} and is not paid`,
    });
  const unsignedFrom = addDays(startDate, -budget.unsigned_warning_days);
  for (const c of contracts.filter((c) => c.status === 'DRAFT' || c.status === 'SENT')) {
    if (today >= unsignedFrom)
      warnings.push({
        kind: 'CONTRACT_UNSIGNED',
        contractId: c.id,
        message: `${c.title} is ${c.status} and the event starts ${startDate}`,
      });
    if (c.date_hold_expires_on && c.date_hold_expires_on <= addDays(today, DATE_HOLD_WARNING_DAYS))
      warnings.push({
        kind: 'DATE_HOLD_EXPIRING',
        contractId: c.id,
        message: `${c.title}: the hold on the dates ${c.date_hold_expires_on < today ? 'expired' : 'expires'} ${c.date_hold_expires_on}`,
      });
  }
  return warnings;
}
