import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { Database } from '../src/db/client.js';
import type { Actor } from '../src/db/write.js';
import { approveBudgetVersion, createBudget, createBudgetVersion, updateBudgetVersion } from '../src/domain/budget/budget.js';
import { createBudgetLine } from '../src/domain/budget/entries.js';
import { budgetSummary } from '../src/domain/budget/summary.js';
import { createFunctionOrder } from '../src/domain/beo/beo.js';
import { guaranteesDueOf } from '../src/domain/beo/facts.js';
import { guaranteeDueAt } from '../src/domain/beo/rules.js';
import { createContract, createPayment, createVendor, signContract } from '../src/domain/contracts/contracts.js';
import { nightsOf, paymentsOf } from '../src/domain/contracts/facts.js';
import { attritionOwed, cancellationCost } from '../src/domain/contracts/terms.js';
import { addDays, localDay } from '../src/domain/time.js';
import { dueOnSql, overdueSql } from '../src/domain/timeline/rules.js';
import { createTask } from '../src/domain/timeline/tasks.js';
import { formatAmount } from '../src/shared/money.js';

/**
 * The planning dashboard (#19): what an event manager opens three weeks out — the budget by
 * category with committed, invoiced, paid and variance, the contracts' exposure, overdue tasks,
 * payments coming due and guarantees due. The bench event gains a plan once (through the domain's
 * write path: a few hundred rows), and the floor answers the same from hand-written SQL.
 */
export const PLANNING = `query Planning($id: ID!) {
  node(id: $id) {
    ... on Event {
      budget {
        currency
        summary {
          categories { category approvedCost { amount } forecastCost { amount } committed { amount } invoiced { amount } paid { amount } variance { amount } }
          total { approvedCost { amount } forecastCost { amount } committed { amount } variance { amount } }
          warnings { kind message }
        }
      }
      contractExposure { currency cancellation { amount } stillOwed { amount } attrition { amount } }
      overdueTasks { title dueOn organization { name } }
      taskCounts { organization { name } open overdue done }
      upcomingPayments(withinDays: 30) { label dueOn amount { amount currency } contract { title } }
      guaranteesDue(withinDays: 7) { name guaranteeDueAt guaranteedCount }
    }
  }
}`;

const CATEGORIES = ['Venue', 'Hotel', 'Food and beverage', 'Production', 'Transport', 'Decor', 'Agency', 'Gifts'];

/** A plan for the bench event: 8 vendors with signed contracts and payments, a budget of 80 lines in two versions, 120 tasks, 40 function orders. */
export async function ensureBenchPlan(db: Database, eventId: string): Promise<void> {
  // Made last: its presence says the plan is whole (a run stopped halfway needs a fresh bench database).
  if (
    await db.selectFrom('function_order').select('id').where('event_id', '=', eventId).where('name', '=', 'Function 39').executeTakeFirst()
  )
    return;
  const member = async (role: string) => {
    const m = await db
      .selectFrom('event_member')
      .innerJoin('app_user', 'app_user.organization_id', 'event_member.organization_id')
      .select(['app_user.id', 'event_member.organization_id'])
      .where('event_member.event_id', '=', eventId)
      .where('event_member.role', '=', role as 'MANAGEMENT')
      .executeTakeFirstOrThrow();
    return { userId: m.id, organizationId: m.organization_id } as Actor;
  };
  const management = await member('MANAGEMENT');
  const production = await member('PRODUCTION');
  const event = await db.selectFrom('event').select(['start_date', 'timezone']).where('id', '=', eventId).executeTakeFirstOrThrow();
  const today = localDay(new Date(), event.timezone);
  await createBudget(db, management, eventId, { currency: 'USD', rates: [{ currency: 'EUR', rate: '1.0845' }] });
  const contracts: string[] = [];
  for (const [i, category] of CATEGORIES.entries()) {
    const { result: vendor } = await createVendor(db, management, eventId, {
      name: `${category} vendor`,
      kind: i === 0 ? 'VENUE' : i === 1 ? 'HOTEL' : 'OTHER',
    });
    const { result: contract } = await createContract(db, management, eventId, {
      vendorId: vendor.id,
      title: `${category} contract`,
      currency: i % 3 === 0 ? 'EUR' : 'USD',
      value: `${(i + 2) * 10_000}.00`,
      cancellationScale: [
        { from: addDays(today, -60), percent: '25' },
        { from: addDays(today, 20), percent: '75' },
      ],
      cutOffDate: addDays(today, 10 + i),
    });
    if (i % 4 !== 3) await signContract(db, management, contract.id, contract.version, addDays(today, -30));
    for (const n of [0, 1, 2])
      await createPayment(db, management, {
        contractId: contract.id,
        label: `Instalment ${n + 1}`,
        dueOn: addDays(today, -20 + n * 25 + i),
        amount: `${(i + 2) * 2_000}.00`,
      });
    contracts.push(contract.id);
  }
  const { result: original } = await createBudgetVersion(db, management, eventId, { name: 'Approved budget', kind: 'ORIGINAL' });
  for (let n = 0; n < 40; n++)
    await createBudgetLine(db, management, {
      versionId: original.id,
      category: CATEGORIES[n % 8]!,
      item: `Line ${n}`,
      currency: n < 8 && n % 3 === 0 ? 'EUR' : 'USD',
      unitCost: `${1_000 + n * 37}.50`,
      quantity: 1 + (n % 4),
      markupPercent: '12',
      contractId: n < 8 ? contracts[n] : null,
    });
  const submitted = await updateBudgetVersion(db, management, original.id, original.version, { status: 'SUBMITTED' });
  // The bench event has no client yet: one approves the budget.
  const clientOrg = await db
    .insertInto('organization')
    .values({ name: 'Bench Client', kind: 'CLIENT' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('app_user')
    .values({ organization_id: clientOrg.id, name: 'Bench client', email: `bench-client.${clientOrg.id}@bench.example` })
    .execute();
  await db.insertInto('event_member').values({ event_id: eventId, organization_id: clientOrg.id, role: 'CLIENT' }).execute();
  const client = await member('CLIENT');
  await approveBudgetVersion(db, client, original.id, submitted.result.version);
  const { result: reforecast } = await createBudgetVersion(db, management, eventId, {
    name: 'Reforecast',
    kind: 'REFORECAST',
    copyFromVersionId: original.id,
  });
  await createBudgetLine(db, management, {
    versionId: reforecast.id,
    category: 'Venue',
    item: 'Extra breakout room',
    currency: 'USD',
    unitCost: '8500.00',
    quantity: 1,
  });
  for (let n = 0; n < 120; n++) {
    const owner = n % 3 === 0 ? production : management;
    await createTask(db, owner, eventId, {
      title: `Task ${String(n).padStart(3, '0')}`,
      anchor: 'FIXED',
      fixedOn: addDays(today, -30 + n),
      forOrganizationId: owner === production ? management.organizationId : null,
    });
  }
  const first = new Date(Date.now() + 86_400_000);
  for (let n = 0; n < 40; n++) {
    const startsAt = new Date(first.getTime() + n * 6 * 3_600_000);
    await createFunctionOrder(db, management, eventId, {
      name: `Function ${n}`,
      kind: 'OTHER',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
      currency: 'USD',
      guaranteedCount: 100 + n,
    });
  }
}

const amount = (minor: bigint | number | null, currency: string) =>
  minor === null ? null : { amount: formatAmount(BigInt(minor), currency) };

/** The floor: the same answer from hand-written SQL (the budget summary's own statements, and one statement per other part), JSON.stringify-ed by bare node:http. */
export async function planningFloor(db: Database, eventId: string): Promise<{ url: string; close: () => void }> {
  const server = http.createServer(async (_req, res) => {
    const event = await db.selectFrom('event').select(['id', 'timezone', 'start_date']).where('id', '=', eventId).executeTakeFirstOrThrow();
    const today = localDay(new Date(), event.timezone);
    const budget = await db.selectFrom('budget').selectAll().where('event_id', '=', eventId).executeTakeFirstOrThrow();
    const now = new Date();
    const [summary, contracts, overdue, counts, payments, orders] = await Promise.all([
      budgetSummary(db, budget, { includeInternal: true, today, startDate: event.start_date }),
      db.selectFrom('contract').selectAll().where('event_id', '=', eventId).orderBy('created_at').execute(),
      sql<{
        title: string;
        due_on: string;
        name: string;
      }>`SELECT t.title, ${dueOnSql('t')} AS due_on, o.name FROM task t JOIN organization o ON o.id = t.organization_id
        WHERE t.event_id = ${eventId} AND ${overdueSql('t')} ORDER BY 2 NULLS LAST, t.title, t.id LIMIT 100`.execute(db),
      sql<{
        name: string;
        open: number;
        overdue: number;
        done: number;
      }>`SELECT o.name, count(*) FILTER (WHERE t.status IN ('TODO','IN_PROGRESS'))::int AS open,
        count(*) FILTER (WHERE ${overdueSql('t')})::int AS overdue, count(*) FILTER (WHERE t.status = 'DONE')::int AS done
        FROM task t JOIN organization o ON o.id = t.organization_id WHERE t.event_id = ${eventId} GROUP BY t.organization_id, o.name ORDER BY t.organization_id`.execute(
        db,
      ),
      sql<{
        label: string;
        due_on: string;
        amount_minor: string;
        currency: string;
        title: string;
      }>`SELECT p.label, p.due_on, p.amount_minor, c.currency, c.title FROM contract_payment p JOIN contract c ON c.id = p.contract_id
        WHERE p.event_id = ${eventId} AND p.paid_on IS NULL AND p.due_on <= ${addDays(today, 30)}::date ORDER BY p.due_on, p.id`.execute(
        db,
      ),
      guaranteesDueOf(db, eventId, event.timezone, now, new Date(now.getTime() + 7 * 86_400_000)),
    ]);
    const ids = contracts.map((c) => c.id);
    const [paid, nights] = await Promise.all([paymentsOf(db, ids), nightsOf(db, ids)]);
    const exposure = new Map<string, { currency: string; cancellation: bigint; stillOwed: bigint; attrition: bigint }>();
    for (const [i, c] of contracts.entries()) {
      const cost = cancellationCost(c, paid[i]!.paid, today);
      const owed =
        c.attrition_basis && c.attrition_percent != null && c.status !== 'CANCELLED'
          ? attritionOwed({ basis: c.attrition_basis, percent: c.attrition_percent, resoldCredit: c.resold_credit }, nights[i]!).owedMinor
          : 0n;
      const e = exposure.get(c.currency) ?? { currency: c.currency, cancellation: 0n, stillOwed: 0n, attrition: 0n };
      e.cancellation += cost.fee;
      e.stillOwed += cost.stillOwed;
      e.attrition += owed;
      exposure.set(c.currency, e);
    }
    const category = (x: (typeof summary.categories)[number]) => ({
      category: x.category,
      approvedCost: amount(x.approvedCost, budget.currency),
      forecastCost: amount(x.forecastCost, budget.currency),
      committed: amount(x.committed, budget.currency),
      invoiced: amount(x.invoiced, budget.currency),
      paid: amount(x.paid, budget.currency),
      variance: amount(x.variance, budget.currency),
    });
    const body = {
      data: {
        node: {
          budget: {
            currency: budget.currency,
            summary: {
              categories: summary.categories.map(category),
              total: {
                approvedCost: amount(summary.total.approvedCost, budget.currency),
                forecastCost: amount(summary.total.forecastCost, budget.currency),
                committed: amount(summary.total.committed, budget.currency),
                variance: amount(summary.total.variance, budget.currency),
              },
              warnings: summary.warnings.map((w) => ({ kind: w.kind, message: w.message })),
            },
          },
          contractExposure: [...exposure.values()]
            .sort((a, b) => a.currency.localeCompare(b.currency))
            .map((e) => ({
              currency: e.currency,
              cancellation: amount(e.cancellation, e.currency),
              stillOwed: amount(e.stillOwed, e.currency),
              attrition: amount(e.attrition, e.currency),
            })),
          overdueTasks: overdue.rows.map((t) => ({ title: t.title, dueOn: t.due_on, organization: { name: t.name } })),
          taskCounts: counts.rows.map((c) => ({ organization: { name: c.name }, open: c.open, overdue: c.overdue, done: c.done })),
          upcomingPayments: payments.rows.map((p) => ({
            label: p.label,
            dueOn: p.due_on,
            amount: { amount: formatAmount(BigInt(p.amount_minor), p.currency), currency: p.currency },
            contract: { title: p.title },
          })),
          guaranteesDue: orders.map((o) => ({
            name: o.name,
            guaranteeDueAt: guaranteeDueAt(o, event.timezone).toISOString(),
            guaranteedCount: o.guaranteed_count,
          })),
        },
      },
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}
