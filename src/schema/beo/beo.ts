import { operationLoader, type Context } from '../../context.js';
import type { FunctionOrder } from '../../db/types.js';
import { allergyListOf, eatersOf, fbSpendOf, guaranteesDueOf, type AllergyListEntry } from '../../domain/beo/facts.js';
import * as fields from '../../domain/fields.js';
import { functionOrdersOfContract, functionOrdersOfEvent } from '../../domain/beo/lists.js';
import { billedCount, billing, guaranteeDueAt, setCount, warningsOf, type BilledLine, type Billing } from '../../domain/beo/rules.js';
import { builder } from '../builder.js';
import { childList, connectionOf } from '../connections.js';
import { AllergyRef, DietaryRequirement, showsHealthDetailsOf } from '../meals/health.js';
import { money, MoneyRef } from '../money.js';
import { declarePrivateFields, privately, readsNet, showsPrivate } from '../private-fields.js';
import { reads, refersTo } from '../selection.js';
import { ContractRef, EventRef, FunctionOrderRef, MealRef, RoomRef, SessionRef, UserRef } from '../refs.js';

/**
 * Function orders (BEOs) in the API. Every member reads what the venue sets and serves; the money
 * on them — F&B prices, service charge, tax, the billing account — is the venue's net rate:
 * management's, the client's only when the budget is kept open book, never production's. A meal's allergy list names people: it follows the health rule.
 */

const prices = declarePrivateFields('FunctionOrder', {
  table: 'function_order',
  fields: ['fbLines', 'serviceChargePercent', 'taxPercent', 'taxOnServiceCharge', 'billingAccount'],
  shows: readsNet,
  dependsOnRow: false,
});

export const FunctionKind = builder.enumType('FunctionKind', {
  description: 'What a function is: every one the venue sets gets an order, not only meals.',
  values: {
    GENERAL_SESSION: { description: 'A general session.' },
    BREAKOUT: { description: 'A breakout.' },
    MEAL: { description: 'A breakfast, lunch or dinner.' },
    RECEPTION: { description: 'A reception.' },
    BREAK: { description: 'A coffee break.' },
    REGISTRATION: { description: 'The registration desk.' },
    GREEN_ROOM: { description: 'The speakers’ green room.' },
    OFFICE: { description: 'An office (the event office, production office).' },
    STORAGE: { description: 'Storage.' },
    REHEARSAL: { description: 'A rehearsal.' },
    CREW_MEAL: { description: 'A crew meal.' },
    OTHER: { description: 'Anything else.' },
  },
});
export const SetStyle = builder.enumType('SetStyle', {
  description: 'How the room is set.',
  values: Object.fromEntries(
    ['THEATER', 'CLASSROOM', 'ROUNDS', 'CRESCENT_ROUNDS', 'CABARET', 'BOARDROOM', 'U_SHAPE', 'HOLLOW_SQUARE', 'RECEPTION', 'EXHIBIT', 'CUSTOM'].map((v) => [
      v,
      { description: v === 'CUSTOM' ? 'As the set notes say.' : `${v.toLowerCase().replace(/_/g, ' ')} style.` },
    ]),
  ) as Record<'THEATER' | 'CLASSROOM' | 'ROUNDS' | 'CRESCENT_ROUNDS' | 'CABARET' | 'BOARDROOM' | 'U_SHAPE' | 'HOLLOW_SQUARE' | 'RECEPTION' | 'EXHIBIT' | 'CUSTOM', { description: string }>,
});
const WarningKind = builder.enumType('FunctionOrderWarningKind', {
  description: 'What needs attention on a function order.',
  values: {
    GUARANTEE_DUE: { description: 'The guarantee deadline is within a week.' },
    GUARANTEE_MISSING: { description: 'The deadline passed without a guarantee.' },
    OVER_GUARANTEE: { description: 'More are expected than the venue sets (guarantee + overset).' },
    UNDER_GUARANTEE: { description: 'Fewer are expected than the guarantee: meals billed that no one eats.' },
    NOT_SIGNED_OFF: { description: 'The current version is not signed off by the client and the deadline is near or past.' },
  },
});
const WarningRef = builder.objectRef<{ kind: string; message: string }>('FunctionOrderWarning').implement({
  description: 'Something on a function order that needs someone’s attention.',
  fields: (t) => ({
    kind: t.field({ type: WarningKind, description: 'What kind.', resolve: (w) => w.kind as never }),
    message: t.exposeString('message', { description: 'In words, with the numbers.' }),
  }),
});

type Line = BilledLine & { currency: string };
const FbLineRef = builder.objectRef<Line>('FbLine').implement({
  description: 'One food-and-beverage line of a function order.',
  fields: (t) => ({
    item: t.exposeString('item', { description: 'What is served ("Plated lunch", "Coffee, per gallon").' }),
    unitPrice: t.field({ type: MoneyRef, description: 'Its price per unit, net of service charge and tax.', resolve: (l) => money(l.unitPriceMinor, l.currency)! }),
    perPerson: t.exposeBoolean('perPerson', { description: 'Whether it is billed per person (for the billed count).' }),
    quantity: t.exposeInt('quantity', { nullable: true, description: 'The fixed quantity of a line that is not per person.' }),
    quantityBilled: t.exposeInt('quantityBilled', { description: 'What is billed: the billed count for a per-person line, else its quantity.' }),
    amount: t.field({ type: MoneyRef, description: 'Unit price × quantity billed.', resolve: (l) => money(l.amountMinor, l.currency)! }),
  }),
});
type Bill = Billing & { currency: string };
const BillingRef = builder.objectRef<Bill>('FunctionOrderBilling').implement({
  description: 'What the venue bills for a function at its billed count: each amount rounded once, half away from zero.',
  fields: (t) => ({
    subtotal: t.field({ type: MoneyRef, description: 'The F&B lines (what counts toward an F&B minimum).', resolve: (b) => money(b.subtotal, b.currency)! }),
    serviceCharge: t.field({ type: MoneyRef, description: 'The service charge on the subtotal.', resolve: (b) => money(b.serviceCharge, b.currency)! }),
    tax: t.field({ type: MoneyRef, description: 'Tax on the subtotal (and the service charge where it is taxed).', resolve: (b) => money(b.tax, b.currency)! }),
    total: t.field({ type: MoneyRef, description: 'All of it.', resolve: (b) => money(b.total, b.currency)! }),
  }),
});

const eaters = operationLoader<string, number>((ctx, ids) => eatersOf(ctx.db, ids));
const fbSpend = operationLoader<string, bigint>((ctx, ids) => fbSpendOf(ctx.db, ids));
const expectedOf = async (ctx: Context, f: FunctionOrder) => (f.meal_id ? eaters(ctx).load(f.meal_id) : f.expected_count);
const zoneOf = async (ctx: Context, eventId: string) => (await EventRef.getDataloader(ctx).load(eventId)).timezone;
const billOf = async (ctx: Context, f: FunctionOrder): Promise<Bill> => ({ ...billing(f, billedCount(f, await expectedOf(ctx, f))), currency: f.currency });

const COUNTS = ['meal_id', 'expected_count', 'guaranteed_count', 'actual_count'] as const;
const MONEY = ['fb_lines', 'service_charge_percent', 'tax_percent', 'tax_on_service_charge', 'currency', 'event_id', ...COUNTS] as const;
const DEADLINE = ['event_id', 'starts_at', 'guarantee_notice_hours'] as const;

FunctionOrderRef.implement({
  description: 'A function order (BEO): what the venue sets, serves and bills for one function. Every member reads it; its prices are management’s (and the client’s under an open-book budget).',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The function ("Day 1 lunch", "Green room").' }),
    kind: t.expose('kind', { type: FunctionKind, description: 'What kind of function.' }),
    room: t.field({ type: RoomRef, nullable: true, description: 'Where.', ...refersTo('function_order', 'room_id') }),
    session: t.field({ type: SessionRef, nullable: true, description: 'The session it serves, if any.', ...refersTo('function_order', 'session_id') }),
    meal: t.field({ type: MealRef, nullable: true, description: 'The meal whose opt-ins are its expected count (its entrée and dietary counts are there).', ...refersTo('function_order', 'meal_id') }),
    contract: t.field({ type: ContractRef, nullable: true, description: 'The contract that bills it (null if you may not read contracts).', ...refersTo('function_order', 'contract_id') }),
    startsAt: t.expose('starts_at', { type: 'DateTime', description: 'When it starts.' }),
    endsAt: t.expose('ends_at', { type: 'DateTime', description: 'When it ends.' }),
    setupAt: t.expose('setup_at', { type: 'DateTime', nullable: true, description: 'When the venue sets the room.' }),
    strikeAt: t.expose('strike_at', { type: 'DateTime', nullable: true, description: 'When the room is struck.' }),
    setStyle: t.expose('set_style', { type: SetStyle, nullable: true, description: 'How the room is set.' }),
    setNotes: t.exposeString('set_notes', { nullable: true, description: 'The set in words: stage, head table, risers…' }),
    expectedCount: t.int({ nullable: true, description: 'How many are expected: the REGISTERED people who opted in to its meal (each once), or the count entered.', extensions: reads('function_order', ...COUNTS), resolve: (f, _a, ctx) => expectedOf(ctx, f) }),
    guaranteedCount: t.exposeInt('guaranteed_count', { nullable: true, description: 'The guarantee given to the venue.' }),
    guaranteeNoticeHours: t.exposeInt('guarantee_notice_hours', { description: 'How many business hours (weekday hours on the event’s calendar) before the start the guarantee is due.' }),
    guaranteeDueAt: t.field({ type: 'DateTime', description: 'When the guarantee is due; after it, it can only go up.', extensions: reads('function_order', ...DEADLINE), resolve: async (f, _a, ctx) => guaranteeDueAt(f, await zoneOf(ctx, f.event_id)) }),
    oversetPercent: t.exposeString('overset_percent', { description: 'How much the venue sets over the guarantee, decimal text ("3.00").' }),
    setCount: t.int({ nullable: true, description: 'The places the venue sets: the guarantee plus its overset, rounded up.', extensions: reads('function_order', 'guaranteed_count', 'overset_percent'), resolve: (f) => setCount(f) }),
    actualCount: t.exposeInt('actual_count', { nullable: true, description: 'How many were served, once known.' }),
    billedCount: t.int({ description: 'The count the venue bills: the higher of the guarantee and the actual count (until that is known, the expected count).', extensions: reads('function_order', ...COUNTS), resolve: async (f, _a, ctx) => billedCount(f, await expectedOf(ctx, f)) }),
    currency: t.exposeString('currency', { description: 'The ISO 4217 currency of its prices.' }),
    fbLines: t.field({
      type: [FbLineRef],
      nullable: true,
      description: 'Its food and beverage, priced at the billed count. Null for production, and for the client unless the budget is open book.',
      extensions: reads('function_order', ...MONEY),
      resolve: async (f, _a, ctx) => ((await showsPrivate(ctx, prices, f)) ? (await billOf(ctx, f)).lines.map((l) => ({ ...l, currency: f.currency })) : null),
    }),
    serviceChargePercent: t.string({ nullable: true, description: 'The service charge, decimal text. Null for production, and for the client unless the budget is open book.', extensions: reads('function_order', 'service_charge_percent', 'event_id'), resolve: privately(prices, (f: FunctionOrder) => f.service_charge_percent) }),
    taxPercent: t.string({ nullable: true, description: 'The tax rate, decimal text. Null for production, and for the client unless the budget is open book.', extensions: reads('function_order', 'tax_percent', 'event_id'), resolve: privately(prices, (f: FunctionOrder) => f.tax_percent) }),
    taxOnServiceCharge: t.boolean({ nullable: true, description: 'Whether the service charge is taxed too. Null for production, and for the client unless the budget is open book.', extensions: reads('function_order', 'tax_on_service_charge', 'event_id'), resolve: privately(prices, (f: FunctionOrder) => f.tax_on_service_charge) }),
    billing: t.field({ type: BillingRef, nullable: true, description: 'Subtotal, service charge, tax and total at the billed count. Null for production, and for the client unless the budget is open book.', extensions: reads('function_order', ...MONEY), resolve: async (f, _a, ctx) => ((await showsPrivate(ctx, prices, f)) ? billOf(ctx, f) : null) }),
    billingAccount: t.string({ nullable: true, description: 'The account the venue bills (the master account). Null for production, and for the client unless the budget is open book.', extensions: reads('function_order', 'billing_account', 'event_id'), resolve: privately(prices, (f: FunctionOrder) => f.billing_account) }),
    avOrder: t.exposeString('av_order', { nullable: true, description: 'The AV the function needs from the venue or the production agency.' }),
    beoVersion: t.exposeInt('beo_version', { description: 'The order’s version: a change to what is set or served after the client signed off makes the next one.' }),
    signedOffVersion: t.exposeInt('signed_off_version', { nullable: true, description: 'The last version the client signed off.' }),
    signedOff: t.boolean({ description: 'Whether the client signed off the current version.', resolve: (f) => f.signed_off_version === f.beo_version }),
    signedOffBy: t.field({ type: UserRef, nullable: true, description: 'Who signed it off.', extensions: reads('function_order', 'signed_off_by'), resolve: (f) => f.signed_off_by }),
    signedOffAt: t.expose('signed_off_at', { type: 'DateTime', nullable: true, description: 'When.' }),
    warnings: t.field({
      type: [WarningRef],
      description: 'What needs attention now: the guarantee deadline, counts against the guarantee and overset, sign-off.',
      extensions: reads('function_order', ...COUNTS, ...DEADLINE, 'overset_percent', 'beo_version', 'signed_off_version', 'ends_at'),
      resolve: async (f, _a, ctx) => warningsOf(f, await expectedOf(ctx, f), await zoneOf(ctx, f.event_id), new Date()),
    }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('function_order', 'event_id'), resolve: (f) => f.event_id }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  functionOrders: childList(t, 'event', { type: connectionOf(FunctionOrderRef, 'FunctionOrder', 'function orders'), description: 'Its function orders (BEOs), in time order.', spec: functionOrdersOfEvent, node: FunctionOrderRef }),
  guaranteesDue: t.field({
    type: [FunctionOrderRef],
    args: { withinDays: t.arg.int({ required: false, defaultValue: 7, description: 'How many days ahead (0–366).', validate: fields.capacity.max(366).nullish() }) },
    description: 'Function orders whose guarantee falls due from now to `withinDays` ahead, soonest first: the counts to send the venue.',
    extensions: reads('event', 'id', 'timezone'),
    resolve: (e, args, ctx) => {
      const now = new Date();
      return guaranteesDueOf(ctx.db, e.id, e.timezone, now, new Date(now.getTime() + (args.withinDays ?? 7) * 86_400_000));
    },
  }),
}));

builder.objectFields(ContractRef, (t) => ({
  functionOrders: childList(t, 'contract', { type: connectionOf(FunctionOrderRef, 'ContractFunctionOrder', 'function orders'), description: 'The function orders it bills, in time order.', spec: functionOrdersOfContract, node: FunctionOrderRef }),
  fbSpend: t.field({ type: MoneyRef, description: 'The F&B subtotal of the orders it bills, at their billed counts (service charge and tax do not count toward a minimum).', extensions: reads('contract', 'id', 'currency'), resolve: async (c, _a, ctx) => money(await fbSpend(ctx).load(c.id), c.currency)! }),
  fbShortfall: t.field({
    type: MoneyRef,
    nullable: true,
    description: 'What the F&B spend falls short of the minimum — billed as room rental; null without a minimum.',
    extensions: reads('contract', 'id', 'currency', 'fb_minimum_minor'),
    resolve: async (c, _a, ctx) => {
      if (c.fb_minimum_minor == null) return null;
      const short = BigInt(c.fb_minimum_minor) - (await fbSpend(ctx).load(c.id));
      return money(short > 0n ? short : 0n, c.currency);
    },
  }),
}));

const AllergyListEntryRef = builder.objectRef<AllergyListEntry>('AllergyListEntry').implement({
  description: 'Someone eating at a meal with an allergy or a dietary need, where they sit.',
  fields: (t) => ({
    attendeeId: t.exposeID('attendeeId', { description: 'The attendee’s id.' }),
    name: t.exposeString('name', { description: 'Their name.' }),
    table: t.exposeString('table', { nullable: true, description: 'Their table; null without one.' }),
    allergies: t.field({ type: [AllergyRef], description: 'Their allergies with severity.', resolve: (e) => e.allergies }),
    dietary: t.field({ type: [DietaryRequirement], description: 'Their dietary requirements.', resolve: (e) => e.dietary as never[] }),
    dietaryNotes: t.exposeString('dietaryNotes', { nullable: true, description: 'Their needs in words.' }),
  }),
});

builder.objectFields(MealRef, (t) => ({
  allergyList: t.field({
    type: [AllergyListEntryRef],
    nullable: true,
    description: 'The named allergy list for the kitchen and the banquet captain: those eating with an allergy or dietary need, most severe first, with their table. Null unless you read health details (management, the client’s health-data owners).',
    extensions: reads('meal', 'id', 'event_id'),
    resolve: async (m, _a, ctx) => ((await showsHealthDetailsOf(ctx, m.event_id)) ? allergyListOf(ctx.db, m.id) : null),
  }),
}));

