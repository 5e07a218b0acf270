import { rowCondition } from '../../auth/row-rules.js';
import { operationLoader, type Context } from '../../context.js';
import type { Contract, ContractPayment, Vendor } from '../../db/types.js';
import { contractsOfEventWhere, nightsOf, paymentsOf, upcomingPaymentsOf } from '../../domain/contracts/facts.js';
import { blocksOfContract, contractsOfEvent, contractsOfVendor, paymentsOfContract, vendorsOfEvent } from '../../domain/contracts/lists.js';
import { attritionOwed, cancellationCost } from '../../domain/contracts/terms.js';
import * as fields from '../../domain/fields.js';
import { addDays, localDay } from '../../domain/time.js';
import { builder } from '../builder.js';
import { childList, connectionOf } from '../connections.js';
import { money, MoneyRef } from '../money.js';
import { declarePrivateFields, privately, managementOnly } from '../private-fields.js';
import { reads, refersTo } from '../selection.js';
import { ContractPaymentRef, ContractRef, EventRef, HotelBlockRef, OrganizationRef, VendorRef } from '../refs.js';

/**
 * The contracts area in the API. Management keeps vendors and contracts; the row rules
 * (src/auth/row-rules.ts) give a vendor organization — the production agency — its own contract
 * and payment schedule, and nothing else; the client reads none of them (its view of the money is
 * the budget's). Management's notes stay management's.
 */

const vendorNotes = declarePrivateFields('Vendor', { table: 'vendor', fields: ['notes'], shows: managementOnly, dependsOnRow: false });
const contractNotes = declarePrivateFields('Contract', { table: 'contract', fields: ['notes'], shows: managementOnly, dependsOnRow: false });

export const VendorKind = builder.enumType('VendorKind', {
  description: 'What a vendor supplies.',
  values: {
    VENUE: { description: 'The venue.' },
    HOTEL: { description: 'A hotel (room blocks).' },
    CATERER: { description: 'Food and beverage.' },
    AV_RENTAL: { description: 'Audio-visual rental.' },
    PRODUCTION_AGENCY: { description: 'The production agency.' },
    TRANSPORT: { description: 'Ground transport.' },
    DECOR: { description: 'Decor and furniture.' },
    SECURITY: { description: 'Security.' },
    OTHER: { description: 'Anything else.' },
  },
});
export const ContractStatus = builder.enumType('ContractStatus', {
  description: 'Where a contract stands.',
  values: {
    DRAFT: { description: 'Being written: binds no one.' },
    SENT: { description: 'With the vendor: binds no one yet.' },
    SIGNED: { description: 'Binding: the cancellation scale applies.' },
    CANCELLED: { description: 'Cancelled: the fee the scale said that day is owed.' },
  },
});
export const AttritionBasis = builder.enumType('AttritionBasis', {
  description: 'How a hotel contract counts attrition.',
  values: {
    WHOLE_STAY: { description: 'Over the whole stay: room revenue must reach the percentage of the contracted revenue.' },
    NIGHT_BY_NIGHT: { description: 'Each night must reach the percentage of its rooms; the rooms short cost that night’s rate.' },
  },
});

const CancellationTierRef = builder.objectRef<{ from: string; percent: string }>('CancellationTier').implement({
  description: 'Cancelling on or after `from` costs `percent` % of the contract’s value.',
  fields: (t) => ({
    from: t.field({ type: 'Date', description: 'From this day on.', resolve: (x) => x.from }),
    percent: t.string({ description: 'Decimal text ("50", "12.5").', resolve: (x) => x.percent }),
  }),
});
export const CancellationTierInput = builder.inputType('CancellationTierInput', {
  description: 'One step of a cancellation scale.',
  fields: (t) => ({
    from: t.field({ type: 'Date', required: true, description: 'From this day on.' }),
    percent: t.string({ required: true, description: 'Percentage of the value, decimal text from 0 to 100.', validate: fields.text(12) }),
  }),
});

type Cost = { fee: bigint; paid: bigint; stillOwed: bigint; currency: string; on: string };
const CancellationCostRef = builder.objectRef<Cost>('CancellationCost').implement({
  description: 'What cancelling a contract on a day costs.',
  fields: (t) => ({
    on: t.field({ type: 'Date', description: 'The day.', resolve: (c) => c.on }),
    fee: t.field({ type: MoneyRef, description: 'The fee: 0 before signing; the scale’s percentage of the value once signed; fixed once cancelled.', resolve: (c) => money(c.fee, c.currency)! }),
    paid: t.field({ type: MoneyRef, description: 'What was paid toward the contract so far.', resolve: (c) => money(c.paid, c.currency)! }),
    stillOwed: t.field({ type: MoneyRef, description: 'The fee less what was paid, never below zero.', resolve: (c) => money(c.stillOwed, c.currency)! }),
  }),
});
type Attrition = { owed: bigint; roomNightsShort: number; currency: string };
const AttritionRef = builder.objectRef<Attrition>('AttritionOwed').implement({
  description: 'Attrition owed at the rooming list’s pickup today.',
  fields: (t) => ({
    owed: t.field({ type: MoneyRef, description: 'What the clause costs at today’s pickup.', resolve: (a) => money(a.owed, a.currency)! }),
    roomNightsShort: t.int({ description: 'Room nights short of the clause’s floor.', resolve: (a) => a.roomNightsShort }),
  }),
});

const payments = operationLoader<string, { scheduled: bigint; paid: bigint }>((ctx, ids) => paymentsOf(ctx.db, ids));
const nights = operationLoader<string, Awaited<ReturnType<typeof nightsOf>>[number]>((ctx, ids) => nightsOf(ctx.db, ids));
const eventDay = async (ctx: Context, eventId: string, on: string | null | undefined) =>
  on ?? localDay(new Date(), (await EventRef.getDataloader(ctx).load(eventId)).timezone);

async function costOf(ctx: Context, c: Contract, on: string | null | undefined): Promise<Cost> {
  const day = await eventDay(ctx, c.event_id, on);
  return { ...cancellationCost(c, (await payments(ctx).load(c.id)).paid, day), currency: c.currency, on: day };
}
async function attritionOf(ctx: Context, c: Contract): Promise<Attrition | null> {
  if (!c.attrition_basis || c.attrition_percent == null || c.status === 'CANCELLED') return null;
  const { owedMinor, roomNightsShort } = attritionOwed(
    { basis: c.attrition_basis, percent: c.attrition_percent, resoldCredit: c.resold_credit },
    await nights(ctx).load(c.id),
  );
  return { owed: owedMinor, roomNightsShort, currency: c.currency };
}
const ALL = ['id', 'event_id', 'status', 'value_minor', 'currency', 'cancellation_scale', 'cancellation_fee_minor', 'attrition_basis', 'attrition_percent', 'resold_credit'] as const;

VendorRef.implement({
  description: 'Someone management contracts: the venue, a hotel, the caterer, the production agency…',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name.' }),
    kind: t.expose('kind', { type: VendorKind, description: 'What it supplies.' }),
    organization: t.field({ type: OrganizationRef, nullable: true, description: 'The vendor as an organization of the event (the production agency): its users read their own contracts.', extensions: reads('vendor', 'organization_id'), resolve: (v) => v.organization_id }),
    contactName: t.exposeString('contact_name', { nullable: true, description: 'Who to deal with.' }),
    email: t.exposeString('email', { nullable: true, description: 'Their e-mail.' }),
    phone: t.exposeString('phone', { nullable: true, description: 'Their phone.' }),
    notes: t.string({ nullable: true, description: 'Management’s notes; null for anyone else.', extensions: reads('vendor', 'notes', 'event_id'), resolve: privately(vendorNotes, (v: Vendor) => v.notes) }),
    contracts: childList(t, 'vendor', { type: connectionOf(ContractRef, 'VendorContract', 'contracts'), description: 'Its contracts (those you may read).', spec: contractsOfVendor, node: ContractRef }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('vendor', 'event_id'), resolve: (v) => v.event_id }),
  }),
});

ContractRef.implement({
  description: 'A contract with a vendor, with the clauses that cost money as data. Management’s, and the vendor’s own when it is an organization of the event.',
  fields: (t) => ({
    vendor: t.field({ type: VendorRef, description: 'With whom.', ...refersTo('contract', 'vendor_id') }),
    title: t.exposeString('title', { description: 'Its name ("Hotel Adlon room block").' }),
    scope: t.exposeString('scope', { nullable: true, description: 'What it covers.' }),
    status: t.expose('status', { type: ContractStatus, description: 'Where it stands.' }),
    value: t.field({ type: MoneyRef, description: 'What it is worth, net.', extensions: reads('contract', 'value_minor', 'currency'), resolve: (c) => money(c.value_minor, c.currency)! }),
    signedOn: t.field({ type: 'Date', nullable: true, description: 'When it was signed.', resolve: (c) => c.signed_on }),
    cancelledOn: t.field({ type: 'Date', nullable: true, description: 'When it was cancelled.', resolve: (c) => c.cancelled_on }),
    cancellationScale: t.field({ type: [CancellationTierRef], description: 'The cancellation scale, by date.', resolve: (c) => c.cancellation_scale }),
    cancellationCost: t.field({
      type: CancellationCostRef,
      args: { on: t.arg({ type: 'Date', required: false, description: 'The day; today on the event’s calendar unless given.' }) },
      description: 'What cancelling it costs on a day (“cost if cancelled today”), and what would still be owed after what was paid.',
      extensions: reads('contract', ...ALL),
      resolve: (c, args, ctx) => costOf(ctx, c, args.on),
    }),
    attrition: t.field({ type: AttritionRef, nullable: true, description: 'Attrition owed at today’s pickup of the hotel blocks it covers; null without an attrition clause or once cancelled.', extensions: reads('contract', ...ALL), resolve: (c, _a, ctx) => attritionOf(ctx, c) }),
    attritionBasis: t.expose('attrition_basis', { type: AttritionBasis, nullable: true, description: 'How attrition is counted; null without a clause.' }),
    attritionPercent: t.exposeInt('attrition_percent', { nullable: true, description: 'The share of the contracted rooms the event is held to.' }),
    resoldCredit: t.exposeBoolean('resold_credit', { description: 'Whether rooms the hotel resold count as picked up.' }),
    fbMinimum: t.field({ type: MoneyRef, nullable: true, description: 'The food-and-beverage minimum (a shortfall is billed as room rental).', extensions: reads('contract', 'fb_minimum_minor', 'currency'), resolve: (c) => money(c.fb_minimum_minor, c.currency) }),
    commissionPercent: t.exposeString('commission_percent', { nullable: true, description: 'The agency’s commission from the vendor, decimal text.' }),
    cutOffDate: t.field({ type: 'Date', nullable: true, description: 'The cut-off: unclaimed rooms or counts go back after it.', resolve: (c) => c.cut_off_date }),
    dateHoldExpiresOn: t.field({ type: 'Date', nullable: true, description: 'When the vendor releases its hold on the dates unless signed.', resolve: (c) => c.date_hold_expires_on }),
    paid: t.field({ type: MoneyRef, description: 'What was paid so far.', extensions: reads('contract', 'id', 'currency'), resolve: async (c, _a, ctx) => money((await payments(ctx).load(c.id)).paid, c.currency)! }),
    scheduled: t.field({ type: MoneyRef, description: 'What its payment schedule adds up to.', extensions: reads('contract', 'id', 'currency'), resolve: async (c, _a, ctx) => money((await payments(ctx).load(c.id)).scheduled, c.currency)! }),
    payments: childList(t, 'contract', { type: connectionOf(ContractPaymentRef, 'ContractPayment', 'payments'), description: 'The payment schedule, by due date.', spec: paymentsOfContract, node: ContractPaymentRef }),
    hotelBlocks: childList(t, 'contract', { type: connectionOf(HotelBlockRef, 'ContractHotelBlock', 'hotel blocks'), description: 'The hotel blocks its attrition clause covers.', spec: blocksOfContract, node: HotelBlockRef }),
    notes: t.string({ nullable: true, description: 'Management’s notes; null for anyone else.', extensions: reads('contract', 'notes', 'event_id'), resolve: privately(contractNotes, (c: Contract) => c.notes) }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('contract', 'event_id'), resolve: (c) => c.event_id }),
  }),
});

ContractPaymentRef.implement({
  description: 'One payment of a contract’s schedule: a deposit or an instalment.',
  fields: (t) => ({
    contract: t.field({ type: ContractRef, description: 'The contract.', ...refersTo('contract_payment', 'contract_id') }),
    label: t.exposeString('label', { description: '“Deposit”, “Second instalment”…' }),
    dueOn: t.field({ type: 'Date', description: 'When it is due.', resolve: (p) => p.due_on }),
    amount: t.field({ type: MoneyRef, description: 'How much, in the contract’s currency.', extensions: reads('contract_payment', 'amount_minor', 'contract_id'), resolve: async (p: ContractPayment, _a, ctx) => money(p.amount_minor, (await ContractRef.getDataloader(ctx).load(p.contract_id)).currency)! }),
    paidOn: t.field({ type: 'Date', nullable: true, description: 'When it was paid; null while it is open.', resolve: (p) => p.paid_on }),
    rate: t.exposeString('rate', { nullable: true, description: 'The rate it was paid at, to the budget currency; null when the budget rate applies.' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

type Exposure = { currency: string; cancellation: bigint; stillOwed: bigint; attrition: bigint; on: string };
const ExposureRef = builder.objectRef<Exposure>('ContractExposure').implement({
  description: 'What the contracts you may read would cost, in one currency: cancelled on a day, and attrition at today’s pickup.',
  fields: (t) => ({
    currency: t.string({ description: 'ISO 4217 code: contracts in other currencies are in their own entry.', resolve: (e) => e.currency }),
    on: t.field({ type: 'Date', description: 'The day cancellation is costed on.', resolve: (e) => e.on }),
    cancellation: t.field({ type: MoneyRef, description: 'The cancellation fees of all of them on that day.', resolve: (e) => money(e.cancellation, e.currency)! }),
    stillOwed: t.field({ type: MoneyRef, description: 'Those fees less what was paid toward each.', resolve: (e) => money(e.stillOwed, e.currency)! }),
    attrition: t.field({ type: MoneyRef, description: 'Attrition owed at today’s pickup.', resolve: (e) => money(e.attrition, e.currency)! }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  vendors: childList(t, 'event', { type: connectionOf(VendorRef, 'Vendor', 'vendors'), description: 'Management’s vendors, by name (a vendor organization reads its own).', spec: vendorsOfEvent, node: VendorRef }),
  contracts: childList(t, 'event', { type: connectionOf(ContractRef, 'Contract', 'contracts'), description: 'The contracts you may read, oldest first.', spec: contractsOfEvent, node: ContractRef }),
  upcomingPayments: t.field({
    type: [ContractPaymentRef],
    args: { withinDays: t.arg.int({ required: false, defaultValue: 30, description: 'How many days ahead (0–366).', validate: fields.capacity.max(366).nullish() }) },
    description: 'Unpaid payments of the contracts you may read, overdue or due within `withinDays`, by due date.',
    extensions: reads('event', 'id', 'timezone'),
    resolve: (e, args, ctx) => upcomingPaymentsOf(ctx.db, e.id, addDays(localDay(new Date(), e.timezone), args.withinDays ?? 30), rowCondition('contract_payment', ctx.viewer)),
  }),
  contractExposure: t.field({
    type: [ExposureRef],
    args: { on: t.arg({ type: 'Date', required: false, description: 'The day to cost cancellation on; today on the event’s calendar unless given.' }) },
    description: 'Per currency, what the contracts you may read would cost if cancelled on a day, and attrition owed at today’s pickup.',
    extensions: reads('event', 'id', 'timezone'),
    resolve: async (e, args, ctx) => {
      const day = args.on ?? localDay(new Date(), e.timezone);
      const rows = await contractsOfEventWhere(ctx.db, e.id, rowCondition('contract', ctx.viewer));
      // All contracts at once, so the payment and pickup loaders read each in one statement for the event.
      const terms = await Promise.all(rows.map(async (c) => ({ c, cost: await costOf(ctx, c, day), attrition: await attritionOf(ctx, c) })));
      const byCurrency = new Map<string, Exposure>();
      for (const { c, cost, attrition } of terms) {
        const entry = byCurrency.get(c.currency) ?? { currency: c.currency, cancellation: 0n, stillOwed: 0n, attrition: 0n, on: day };
        entry.cancellation += cost.fee;
        entry.stillOwed += cost.stillOwed;
        entry.attrition += attrition?.owed ?? 0n;
        byCurrency.set(c.currency, entry);
      }
      return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
    },
  }),
}));

