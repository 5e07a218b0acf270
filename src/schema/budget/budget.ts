import { rowCondition } from '../../auth/row-rules.js';
import { operationLoader, type Context } from '../../context.js';
import type { Budget, BudgetLine } from '../../db/types.js';
import { quantitiesOf } from '../../domain/budget/facts.js';
import { invoicesOfContract, linesOfVersion, versionsOfEvent } from '../../domain/budget/lists.js';
import { lineAmounts } from '../../domain/budget/rules.js';
import { budgetSummary, type BudgetSummary, type CategorySummary } from '../../domain/budget/summary.js';
import { localDay } from '../../domain/time.js';
import { builder } from '../builder.js';
import { childList, connectionOf } from '../connections.js';
import { money, MoneyRef } from '../money.js';
import { declarePrivateFields, privately, readsNet, showsPrivate, managementOnly } from '../private-fields.js';
import { reads, refersTo } from '../selection.js';
import { BudgetLineRef, BudgetRef, BudgetVersionRef, ContractRef, EventRef, FunctionOrderRef, InvoiceRef, UserRef } from '../refs.js';

/**
 * The budget in the API: management's and the client's (production reads none of it — row rules).
 * Billed prices are the client's to read; net prices (unit costs, markups, costs, and what
 * contracts commit, vendors invoice and was paid) only under OPEN_BOOK; internal lines and notes
 * never. The same rules hold in the history and the change stream.
 */

const lineNet = declarePrivateFields('BudgetLine', { table: 'budget_line', fields: ['unitCostMinor', 'markupPercent', 'serviceChargePercent', 'taxPercent'], shows: readsNet, dependsOnRow: false });
const lineNotes = declarePrivateFields('BudgetLine', { table: 'budget_line', fields: ['notes'], shows: managementOnly, dependsOnRow: false });
const budgetNotes = declarePrivateFields('Budget', { table: 'budget', fields: ['notes'], shows: managementOnly, dependsOnRow: false });
const budgetNet = declarePrivateFields('Budget', { table: 'budget', fields: [], shows: readsNet, dependsOnRow: false });

const values = <V extends string>(d: Record<V, string>) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, { description: v as string }])) as Record<V, { description: string }>;
export const PricingModel = builder.enumType('PricingModel', { description: 'What the client is shown of the money.', values: values({ OPEN_BOOK: 'Net prices, the agency fee and commissions.', MARKUP: 'Billed prices only.' }) });
export const BudgetVersionKind = builder.enumType('BudgetVersionKind', { description: 'What a budget version is.', values: values({ ORIGINAL: 'The budget as first approved.', REFORECAST: 'A later forecast.' }) });
export const BudgetVersionStatus = builder.enumType('BudgetVersionStatus', { description: 'Where a version stands.', values: values({ DRAFT: 'Being written.', SUBMITTED: 'With the client for approval.', APPROVED: 'Approved by the client: on record as it was.' }) });
export const BudgetLineKind = builder.enumType('BudgetLineKind', { description: 'How a line is counted.', values: values({ FIXED: 'Unit cost × a fixed quantity.', VARIABLE: 'Unit cost × a live count (its driver).' }) });
export const BudgetDriver = builder.enumType('BudgetDriver', { description: 'The live count a VARIABLE line follows.', values: values({ GUARANTEE: 'Its function order’s billed count.', PICKUP: 'Room nights picked up on its hotel contract.', REGISTERED: 'People REGISTERED for the event.' }) });
export const BudgetLineStatus = builder.enumType('BudgetLineStatus', { description: 'Where a line’s money is.', values: values({ ESTIMATED: 'An estimate.', CONTRACTED: 'Under contract.', INVOICED: 'Invoiced.', PAID: 'Paid.' }) });

export const BudgetRateRef = builder.objectRef<{ currency: string; rate: string }>('BudgetRate').implement({
  description: 'The budget rate of a foreign currency: units of the budget currency for one unit of it.',
  fields: (t) => ({
    currency: t.exposeString('currency', { description: 'The foreign currency.' }),
    rate: t.exposeString('rate', { description: 'Decimal text ("1.0845").' }),
  }),
});

type Category = CategorySummary & { currency: string; net: boolean };
const net = (c: Category, minor: bigint) => (c.net ? money(minor, c.currency) : null);
const CategoryRef = builder.objectRef<Category>('BudgetCategory').implement({
  description: 'One category of the budget, in the budget currency. Net amounts are null for a client shown billed prices only (MARKUP).',
  fields: (t) => ({
    category: t.exposeString('category', { description: 'The category ("Venue", "F&B", "Production"…); "Total" for the sum.' }),
    approvedBilled: t.field({ type: MoneyRef, description: 'Billed, in the approved version.', resolve: (c) => money(c.approvedBilled, c.currency)! }),
    forecastBilled: t.field({ type: MoneyRef, description: 'Billed, in the forecast (the latest reforecast).', resolve: (c) => money(c.forecastBilled, c.currency)! }),
    billedVariance: t.field({ type: MoneyRef, description: 'Approved less forecast, billed; negative when over.', resolve: (c) => money(c.billedVariance, c.currency)! }),
    approvedCost: t.field({ type: MoneyRef, nullable: true, description: 'Net cost in the approved version.', resolve: (c) => net(c, c.approvedCost) }),
    forecastCost: t.field({ type: MoneyRef, nullable: true, description: 'Net cost in the forecast.', resolve: (c) => net(c, c.forecastCost) }),
    committed: t.field({ type: MoneyRef, nullable: true, description: 'What contracts commit: a signed one its value (a hotel its attrition minimum), a cancelled one its fee; approved change orders.', resolve: (c) => net(c, c.committed) }),
    invoiced: t.field({ type: MoneyRef, nullable: true, description: 'What vendors invoiced (the actuals), each invoice at its own rate.', resolve: (c) => net(c, c.invoiced) }),
    paid: t.field({ type: MoneyRef, nullable: true, description: 'What was paid (deposits are prepayments), each payment at its own rate.', resolve: (c) => net(c, c.paid) }),
    variance: t.field({ type: MoneyRef, nullable: true, description: 'Approved cost less the projection (the higher of forecast and committed); negative when over.', resolve: (c) => net(c, c.variance) }),
  }),
});
const WarningRef = builder.objectRef<BudgetSummary['warnings'][number]>('BudgetWarning').implement({
  description: 'Something in the money that needs the event manager.',
  fields: (t) => ({
    kind: t.string({ description: 'CATEGORY_OVER, PAYMENT_OVERDUE, CONTRACT_UNSIGNED or DATE_HOLD_EXPIRING.', resolve: (w) => w.kind }),
    message: t.exposeString('message', { description: 'In words, with the amounts.' }),
    contract: t.field({ type: ContractRef, nullable: true, description: 'The contract it is about.', resolve: (w) => w.contractId }),
  }),
});
type Summary = BudgetSummary & { net: boolean; management: boolean };
const perAttendee = (s: Summary, minor: bigint) => (s.registered ? money((minor + BigInt(s.registered) / 2n) / BigInt(s.registered), s.currency) : null);
const SummaryRef = builder.objectRef<Summary>('BudgetSummary').implement({
  description: 'The budget by category: approved and forecast, committed, invoiced and paid, variance; change orders; cost per attendee; warnings.',
  fields: (t) => ({
    approvedVersion: t.field({ type: BudgetVersionRef, nullable: true, description: 'The version the client approved last.', resolve: (s) => s.approvedVersion }),
    forecastVersion: t.field({ type: BudgetVersionRef, nullable: true, description: 'The forecast: the latest reforecast (else the approved version).', resolve: (s) => s.forecastVersion }),
    categories: t.field({ type: [CategoryRef], description: 'Per category, by name.', resolve: (s) => s.categories.map((c) => ({ ...c, currency: s.currency, net: s.net })) }),
    total: t.field({ type: CategoryRef, description: 'All categories.', resolve: (s) => ({ ...s.total, currency: s.currency, net: s.net }) }),
    registered: t.exposeInt('registered', { description: 'People REGISTERED: what per-attendee amounts divide by.' }),
    billedPerAttendee: t.field({ type: MoneyRef, nullable: true, description: 'The forecast billed, per person REGISTERED.', resolve: (s) => perAttendee(s, s.total.forecastBilled) }),
    costPerAttendee: t.field({ type: MoneyRef, nullable: true, description: 'The forecast net cost per person REGISTERED (net readers).', resolve: (s) => (s.net ? perAttendee(s, s.total.forecastCost) : null) }),
    changeOrdersApproved: t.field({ type: MoneyRef, description: 'Change orders the client approved (committed, in their own category).', resolve: (s) => money(s.changeOrders.approved, s.currency)! }),
    changeOrdersAwaiting: t.field({ type: MoneyRef, description: 'Change orders awaiting the client.', resolve: (s) => money(s.changeOrders.awaiting, s.currency)! }),
    warnings: t.field({ type: [WarningRef], nullable: true, description: 'Categories over their approved amount, overdue payments, contracts unsigned close to the event, date holds expiring. Management’s; null for others.', resolve: (s) => (s.management ? s.warnings : null) }),
  }),
});

const eventOf = (ctx: Context, id: string) => EventRef.getDataloader(ctx).load(id);
async function summaryOf(ctx: Context, b: Budget): Promise<Summary> {
  const event = await eventOf(ctx, b.event_id);
  const management = await showsPrivate(ctx, budgetNotes, b);
  const summary = await budgetSummary(ctx.db, b, {
    includeInternal: management,
    today: localDay(new Date(), event.timezone),
    startDate: event.start_date,
    requestsVisible: rowCondition('request', ctx.viewer),
  });
  return { ...summary, net: await showsPrivate(ctx, budgetNet, b), management };
}

BudgetRef.implement({
  description: 'The event’s budget, in its currency: management keeps it, the client reads and approves it; production reads none of it.',
  fields: (t) => ({
    currency: t.exposeString('currency', { description: 'The budget currency (ISO 4217).' }),
    pricingModel: t.expose('pricing_model', { type: PricingModel, description: 'What the client is shown.' }),
    rates: t.field({ type: [BudgetRateRef], description: 'The budget rate per foreign currency.', resolve: (b) => b.rates }),
    unsignedWarningDays: t.exposeInt('unsigned_warning_days', { description: 'A contract not signed this many days before the event is a warning.' }),
    notes: t.string({ nullable: true, description: 'Management’s notes; null for anyone else.', extensions: reads('budget', 'notes', 'event_id'), resolve: privately(budgetNotes, (b: Budget) => b.notes) }),
    versions: childList(t, 'budget', { type: connectionOf(BudgetVersionRef, 'BudgetVersion', 'budget versions'), description: 'Its versions, oldest first.', spec: versionsOfEvent, node: BudgetVersionRef, parentColumn: 'event_id' }),
    summary: t.field({ type: SummaryRef, description: 'The budget by category, with its warnings.', extensions: reads('budget', 'id', 'event_id', 'currency', 'rates', 'unsigned_warning_days', 'pricing_model'), resolve: (b, _a, ctx) => summaryOf(ctx, b) }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('budget', 'event_id'), resolve: (b) => b.event_id }),
  }),
});

BudgetVersionRef.implement({
  description: 'A version of the budget: the original or a reforecast, approved by the client.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name ("Approved budget", "Reforecast, October").' }),
    kind: t.expose('kind', { type: BudgetVersionKind, description: 'Original or reforecast.' }),
    status: t.expose('status', { type: BudgetVersionStatus, description: 'Where it stands.' }),
    approvedBy: t.field({ type: UserRef, nullable: true, description: 'Who approved it.', extensions: reads('budget_version', 'approved_by'), resolve: (v) => v.approved_by }),
    approvedAt: t.expose('approved_at', { type: 'DateTime', nullable: true, description: 'When.' }),
    lines: childList(t, 'budget_version', { type: connectionOf(BudgetLineRef, 'BudgetLine', 'budget lines'), description: 'Its lines you may read, by category.', spec: linesOfVersion, node: BudgetLineRef }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

const quantity = operationLoader<BudgetLine, number>((ctx, lines) => quantitiesOf(ctx.db, lines));
const LINE = ['id', 'event_id', 'kind', 'driver', 'quantity', 'function_order_id', 'contract_id', 'unit_cost_minor', 'service_charge_percent', 'tax_percent', 'markup_percent', 'is_fee', 'currency'] as const;
const amounts = async (ctx: Context, l: BudgetLine) => lineAmounts(l, await quantity(ctx).load(l));

BudgetLineRef.implement({
  description: 'One line of a budget version. Its billed price is the client’s to read; its net cost only under OPEN_BOOK.',
  fields: (t) => ({
    budgetVersion: t.field({ type: BudgetVersionRef, description: 'The version.', ...refersTo('budget_line', 'version_id') }),
    category: t.exposeString('category', { description: 'Its category.' }),
    item: t.exposeString('item', { description: 'What it is.' }),
    kind: t.expose('kind', { type: BudgetLineKind, description: 'FIXED or VARIABLE.' }),
    driver: t.expose('driver', { type: BudgetDriver, nullable: true, description: 'What a VARIABLE line’s quantity follows.' }),
    functionOrder: t.field({ type: FunctionOrderRef, nullable: true, description: 'The function order a GUARANTEE line follows.', ...refersTo('budget_line', 'function_order_id') }),
    contract: t.field({ type: ContractRef, nullable: true, description: 'The contract behind it (null if you may not read it).', ...refersTo('budget_line', 'contract_id') }),
    currency: t.exposeString('currency', { description: 'Its currency.' }),
    quantity: t.int({ description: 'Its quantity now: its own, or its driver’s live count.', extensions: reads('budget_line', ...LINE), resolve: (l, _a, ctx) => quantity(ctx).load(l) }),
    unitCost: t.field({ type: MoneyRef, nullable: true, description: 'Net cost per unit; null for a client shown billed prices only.', extensions: reads('budget_line', 'unit_cost_minor', 'currency', 'event_id'), resolve: privately(lineNet, (l: BudgetLine) => money(l.unit_cost_minor, l.currency)) }),
    serviceChargePercent: t.string({ nullable: true, description: 'Service charge, decimal text; null when net is not yours to read.', extensions: reads('budget_line', 'service_charge_percent', 'event_id'), resolve: privately(lineNet, (l: BudgetLine) => l.service_charge_percent) }),
    taxPercent: t.string({ nullable: true, description: 'Tax, decimal text; null when net is not yours to read.', extensions: reads('budget_line', 'tax_percent', 'event_id'), resolve: privately(lineNet, (l: BudgetLine) => l.tax_percent) }),
    markupPercent: t.string({ nullable: true, description: 'The agency’s markup, decimal text; null when net is not yours to read.', extensions: reads('budget_line', 'markup_percent', 'event_id'), resolve: privately(lineNet, (l: BudgetLine) => l.markup_percent) }),
    cost: t.field({ type: MoneyRef, nullable: true, description: 'Net cost with service charge and tax; null when net is not yours to read.', extensions: reads('budget_line', ...LINE), resolve: async (l, _a, ctx) => ((await showsPrivate(ctx, lineNet, l)) ? money((await amounts(ctx, l)).cost, l.currency) : null) }),
    billed: t.field({ type: MoneyRef, description: 'What the client is billed: cost plus markup (the fee as it stands).', extensions: reads('budget_line', ...LINE), resolve: async (l, _a, ctx) => money((await amounts(ctx, l)).billed, l.currency)! }),
    status: t.expose('status', { type: BudgetLineStatus, description: 'ESTIMATED → CONTRACTED → INVOICED → PAID.' }),
    isFee: t.exposeBoolean('is_fee', { description: 'The agency’s fee, billed as it stands.' }),
    internal: t.exposeBoolean('internal', { description: 'Management’s alone (agency staff cost); the client never reads it.' }),
    notes: t.string({ nullable: true, description: 'Management’s notes; null for anyone else.', extensions: reads('budget_line', 'notes', 'event_id'), resolve: privately(lineNotes, (l: BudgetLine) => l.notes) }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

InvoiceRef.implement({
  description: 'A vendor’s invoice against a contract: the actuals. Read by whoever reads the contract.',
  fields: (t) => ({
    contract: t.field({ type: ContractRef, description: 'The contract.', ...refersTo('invoice', 'contract_id') }),
    number: t.exposeString('number', { description: 'The vendor’s invoice number.' }),
    issuedOn: t.field({ type: 'Date', description: 'When it was issued.', resolve: (i) => i.issued_on }),
    amount: t.field({ type: MoneyRef, description: 'How much, in the contract’s currency.', extensions: reads('invoice', 'amount_minor', 'contract_id'), resolve: async (i, _a, ctx) => money(i.amount_minor, (await ContractRef.getDataloader(ctx).load(i.contract_id)).currency)! }),
    rate: t.exposeString('rate', { nullable: true, description: 'Its own rate to the budget currency; null when the budget rate applies.' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

builder.objectFields(ContractRef, (t) => ({
  invoices: childList(t, 'contract', { type: connectionOf(InvoiceRef, 'Invoice', 'invoices'), description: 'Vendors’ invoices against it, by date.', spec: invoicesOfContract, node: InvoiceRef }),
}));

export const budgetIdOf = operationLoader<string, string | null>(async (ctx, eventIds) => {
  const rows = await ctx.db.selectFrom('budget').select(['id', 'event_id']).where('event_id', 'in', eventIds).execute();
  return eventIds.map((id) => rows.find((r) => r.event_id === id)?.id ?? null);
});
builder.objectFields(EventRef, (t) => ({
  budget: t.field({ type: BudgetRef, nullable: true, description: 'Its budget: null without one, and for production.', extensions: reads('event', 'id'), resolve: (e, _a, ctx) => budgetIdOf(ctx).load(e.id) }),
}));
