import { describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { historyText } from './helpers/history.js';
import { businessHoursBefore } from '../src/domain/beo/rules.js';
import { updateBudget } from '../src/domain/budget/budget.js';
import { createContract, createVendor } from '../src/domain/contracts/contracts.js';
import { updateAttendeeHealth } from '../src/domain/meals/health.js';
import { createMeal, createMealOptIn } from '../src/domain/meals/meals.js';
import { createAttendee } from '../src/domain/registration/registration.js';
import { allRows, as, gid, having, ok, revisionOf, servedSuite, subscribe, wsClient, type Served } from './helpers/index.js';

/**
 * Function orders (BEOs, #19): the guarantee due a number of business hours before the function
 * and only raised after that, the venue's overset and billing at the higher of guarantee and
 * actual, exact money in zero- and three-decimal currencies, a meal's counts per person and its
 * named allergy list, the F&B minimum's shortfall, versions and the client's sign-off — and who
 * reads the prices (management and the client, never production) through queries, `node`, the
 * history and a live subscription.
 */

const s = servedSuite();

const eventId = () => gid('Event', s.world.event.id);
const HOUR = 3_600_000;
const fromNow = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

async function order(input: Partial<ops.CreateFunctionOrderInput>) {
  const created = as(
    ok(
      await s.as.management(ops.CreateFunctionOrderDocument, {
        input: {
          eventId: eventId(),
          name: 'Lunch',
          kind: 'MEAL',
          startsAt: fromNow(24 * 40),
          endsAt: fromNow(24 * 40 + 2),
          currency: 'USD',
          ...input,
        },
      }),
    ).createFunctionOrder,
    'CreateFunctionOrderPayload',
  );
  return created.functionOrder;
}
/** The error a create is refused with (its message names the field). */
const refusedCreate = async (input: Partial<ops.CreateFunctionOrderInput>) =>
  as(
    ok(
      await s.as.management(ops.CreateFunctionOrderDocument, {
        input: {
          eventId: eventId(),
          name: 'x',
          kind: 'MEAL',
          startsAt: '2027-03-01T12:00:00Z',
          endsAt: '2027-03-01T13:00:00Z',
          currency: 'USD',
          ...input,
        },
      }),
    ).createFunctionOrder,
    'ValidationError',
  );
const update = async (
  o: { id: string; version: number },
  patch: Partial<ops.UpdateFunctionOrderInput>,
  who: keyof Served['as'] = 'management',
) =>
  ok(await s.as[who](ops.UpdateFunctionOrderDocument, { input: { id: o.id, expectedVersion: o.version, ...patch } })).updateFunctionOrder;
type Read = Extract<NonNullable<ops.FunctionOrderQuery['node']>, { name: string }>;
const read = async (id: string, who: keyof Served['as'] = 'management') =>
  ok(await s.as[who](ops.FunctionOrderDocument, { id })).node as Read;

describe('the guarantee deadline, in business hours', () => {
  it('counts back weekday hours on the event’s calendar, across a weekend and a DST change', () => {
    // Monday noon in Berlin, 72 business hours: the Wednesday before at noon.
    expect(businessHoursBefore(new Date('2027-03-15T11:00:00Z'), 72, 'Europe/Berlin').toISOString()).toBe('2027-03-10T11:00:00.000Z');
    // Tuesday 09:00 in New York, after the clocks went back on Sunday 7 November: Thursday 09:00 EDT.
    expect(businessHoursBefore(new Date('2027-11-09T14:00:00Z'), 72, 'America/New_York').toISOString()).toBe('2027-11-04T13:00:00.000Z');
    // A Saturday function: the weekend does not count, so 24 business hours end Friday 00:00.
    expect(businessHoursBefore(new Date('2027-03-13T11:00:00Z'), 24, 'Europe/Berlin').toISOString()).toBe('2027-03-11T23:00:00.000Z');
  });

  it('lets the guarantee move freely before the deadline and only up after it, refusing a lower one without writing anything', async () => {
    const early = await order({ name: 'Far off lunch', guaranteedCount: 100 });
    const lowered = as(await update(early, { guaranteedCount: 80 }), 'UpdateFunctionOrderPayload').functionOrder;
    expect(lowered.guaranteedCount).toBe(80);

    // Starts in an hour: 72 business hours before is long past.
    const late = await order({ name: 'Working lunch', startsAt: fromNow(1), endsAt: fromNow(2), guaranteedCount: 100 });
    expect(new Date(late.guaranteeDueAt).getTime()).toBeLessThan(Date.now());
    const before = await allRows(s.t.db);
    const refused = as(await update(late, { guaranteedCount: 90 }), 'ValidationError');
    expect(refused.field).toBe('guaranteedCount');
    expect(refused.message).toMatch(/^guaranteedCount: the guarantee was due .*; after that it can only go up \(it is 100\)$/);
    expect(as(await update(late, { guaranteedCount: null }), 'ValidationError').field).toBe('guaranteedCount');
    expect(await allRows(s.t.db)).toEqual(before);
    const raised = as(await update(late, { guaranteedCount: 110 }), 'UpdateFunctionOrderPayload').functionOrder;
    expect(raised.guaranteedCount).toBe(110);
  });
});

describe('overset and billing', () => {
  it('sets the guarantee plus overset rounded up, and bills the higher of guarantee and actual, with service charge and tax rounded once', async () => {
    const o = await order({
      name: 'Awards dinner',
      guaranteedCount: 120,
      oversetPercent: '3',
      fbLines: [
        { item: 'Plated dinner', unitPrice: '65.00', perPerson: true },
        { item: 'Coffee, per gallon', unitPrice: '95.00', quantity: 6 },
      ],
      serviceChargePercent: '24',
      taxPercent: '8.875',
    });
    expect([o.setCount, o.billedCount]).toEqual([124, 120]); // 3 % of 120 is 3.6: the venue sets 124
    const more = as(await update(o, { actualCount: 130 }), 'UpdateFunctionOrderPayload').functionOrder;
    expect(more.billedCount).toBe(130);
    // 130 × 65.00 + 6 × 95.00 = 9,020.00; 24 % = 2,164.80; 8.875 % of 11,184.80 = 992.651 → 992.65.
    expect(more.billing).toEqual({
      subtotal: { amount: '9020.00' },
      serviceCharge: { amount: '2164.80' },
      tax: { amount: '992.65' },
      total: { amount: '12177.45', formatted: 'USD 12,177.45' },
    });
    const fewer = as(await update(more, { actualCount: 110 }), 'UpdateFunctionOrderPayload').functionOrder;
    expect([fewer.billedCount, fewer.fbLines![0]!.quantityBilled, fewer.fbLines![0]!.amount.amount]).toEqual([120, 120, '7800.00']);
  });

  it('is exact in a zero-decimal and a three-decimal currency, and refuses amounts finer than the currency', async () => {
    const yen = await order({
      name: 'Bento lunch',
      currency: 'JPY',
      expectedCount: 3,
      fbLines: [{ item: 'Bento', unitPrice: '4555', perPerson: true }],
      serviceChargePercent: '10',
      taxPercent: '10',
    });
    // 3 × ¥4,555 = ¥13,665; 10 % = ¥1,366.5 → ¥1,367; 10 % of ¥15,032 = ¥1,503.2 → ¥1,503.
    expect(yen.billing!.total).toEqual({ amount: '16535', formatted: 'JPY 16,535' });
    const dinar = await order({
      name: 'Majlis dinner',
      currency: 'BHD',
      expectedCount: 3,
      fbLines: [{ item: 'Dinner', unitPrice: '12.345', perPerson: true }],
      serviceChargePercent: '15',
      taxPercent: '10',
    });
    // 37.035; 15 % = 5.55525 → 5.555; 10 % of 42.590 = 4.259.
    expect(dinar.billing).toMatchObject({ serviceCharge: { amount: '5.555' }, tax: { amount: '4.259' }, total: { amount: '46.849' } });
    const refused = await refusedCreate({ currency: 'JPY', fbLines: [{ item: 'Bento', unitPrice: '4555.5', perPerson: true }] });
    expect(refused.message).toBe('fbLines.0.unitPrice: JPY has no decimals: "4555.5" has 1');
  });

  it('names what is wrong with bad input and writes nothing', async () => {
    const before = await revisionOf(s.t.db, s.world.event.id);
    const attempt = async (input: Partial<ops.CreateFunctionOrderInput>) => (await refusedCreate(input)).message;
    expect(await attempt({ fbLines: [{ item: 'Lunch', unitPrice: '10', perPerson: true, quantity: 3 }] })).toBe(
      'fbLines.0.quantity: a per-person line is billed for the count: give no quantity',
    );
    expect(await attempt({ fbLines: [{ item: 'Coffee', unitPrice: '10' }] })).toBe(
      'fbLines.0.quantity: a line that is not per person needs a quantity of at least 1',
    );
    expect(await attempt({ fbLines: [{ item: 'Lunch', unitPrice: '-1', perPerson: true }] })).toBe(
      'fbLines.0.unitPrice: must not be negative',
    );
    expect(await attempt({ oversetPercent: '101' })).toBe('oversetPercent: must be from 0 to 100');
    expect(await attempt({ setupAt: '2027-03-01T12:30:00Z' })).toBe('setupAt: must be at or before startsAt');
    expect(await attempt({ strikeAt: '2027-03-01T12:30:00Z' })).toBe('strikeAt: must be at or after endsAt');
    expect(await attempt({ currency: null })).toBe('currency: is required when no contract bills the order');
    expect(await revisionOf(s.t.db, s.world.event.id)).toBe(before);
  });
});

describe('counts from people, warnings and the allergy list', () => {
  let mealId: string;
  let orderId: string;

  it('counts the people REGISTERED who opted in, once each however many needs they have, and warns against the guarantee', async () => {
    const { result: meal } = await createMeal(s.t.db, s.world.management.actor, s.world.event.id, {
      name: 'Gala dinner',
      service: 'BUFFET',
      startsAt: new Date(fromNow(24 * 6)),
      endsAt: new Date(fromNow(24 * 6 + 3)),
    });
    mealId = meal.id;
    const guests: [string, string, Parameters<typeof updateAttendeeHealth>[4] | null, 'REGISTERED' | 'INVITED'][] = [
      ['Ana Vegan', '4', { dietary: ['VEGAN', 'GLUTEN_FREE'], allergies: [{ allergen: 'PEANUTS', severity: 'SEVERE' }] }, 'REGISTERED'],
      ['Bo Veggie', '2', { dietary: ['VEGETARIAN'] }, 'REGISTERED'],
      ['Cy Shellfish', '7', { allergies: [{ allergen: 'SHELLFISH', severity: 'ANAPHYLACTIC' }] }, 'REGISTERED'],
      ['Di Anything', '7', null, 'REGISTERED'],
      ['Ed Invited', '1', { allergies: [{ allergen: 'FISH', severity: 'ANAPHYLACTIC' }] }, 'INVITED'],
    ];
    for (const [name, table, needs, status] of guests) {
      const { result: a } = await createAttendee(s.t.db, s.world.management.actor, s.world.event.id, {
        name,
        email: `${name.split(' ')[0]}@gala.test`,
        status,
      });
      if (needs) await updateAttendeeHealth(s.t.db, s.world.management.actor, a.id, a.version, needs);
      await createMealOptIn(s.t.db, s.world.management.actor, { mealId: meal.id, attendeeId: a.id, tableLabel: table });
    }
    const o = await order({
      name: 'Gala dinner',
      mealId: gid('Meal', meal.id),
      startsAt: fromNow(24 * 6),
      endsAt: fromNow(24 * 6 + 3),
      guaranteedCount: 6,
    });
    orderId = o.id;
    const seen = await read(o.id);
    expect(seen.expectedCount).toBe(4);
    expect(seen.meal!.counts.health).toMatchObject({ people: 4, withSpecialMeals: 3, withDietary: 2, withAllergies: 2 });
    expect(seen.meal!.counts.health.dietary).toEqual([
      { requirement: 'VEGETARIAN', people: 1 },
      { requirement: 'VEGAN', people: 1 },
      { requirement: 'GLUTEN_FREE', people: 1 },
    ]);
    // Six days out: the deadline is within the week; 4 expected is below the guarantee of 6.
    expect(seen.warnings.map((w) => w.kind)).toEqual(['GUARANTEE_DUE', 'UNDER_GUARANTEE', 'NOT_SIGNED_OFF']);
    expect(seen.warnings[1]!.message).toBe('4 expected, below the guarantee of 6: 2 billed that no one eats; lower it before the deadline');
    const over = as(await update(seen, { guaranteedCount: 2, oversetPercent: '10' }), 'UpdateFunctionOrderPayload').functionOrder;
    expect(over.warnings.find((w) => w.kind === 'OVER_GUARANTEE')?.message).toBe(
      '4 expected but the venue sets 3 (guarantee 2 + 10.00 % overset): raise the guarantee',
    );
  });

  it('names who has which allergy at which table, most severe first — for management and the client’s health-data owners only', async () => {
    const list = having(
      ok(await s.as.management(ops.MealAllergyListDocument, { id: gid('Meal', mealId) })).node,
      'allergyList',
    ).allergyList;
    expect(list!.map((e) => [e.name, e.table, e.allergies.map((a) => a.severity).join(), e.dietary.join()])).toEqual([
      ['Cy Shellfish', '7', 'ANAPHYLACTIC', ''],
      ['Ana Vegan', '4', 'SEVERE', 'VEGAN,GLUTEN_FREE'],
      ['Bo Veggie', '2', '', 'VEGETARIAN'],
    ]);
    for (const who of ['client', 'production'] as const)
      expect(
        having(ok(await s.as[who](ops.MealAllergyListDocument, { id: gid('Meal', mealId) })).node, 'allergyList').allergyList,
      ).toBeNull();
  });

  it('warns when the deadline passed without a guarantee', async () => {
    const o = await order({ name: 'Crew breakfast', kind: 'CREW_MEAL', startsAt: fromNow(2), endsAt: fromNow(3), expectedCount: 20 });
    expect(o.warnings.map((w) => w.kind)).toEqual(['GUARANTEE_MISSING', 'NOT_SIGNED_OFF']);
    expect(orderId).toBeTruthy();
  });
});

describe('versions and the client’s sign-off', () => {
  it('the client signs off the version they read; a change to what is served after that makes the next version', async () => {
    const o = await order({
      name: 'Breakfast',
      kind: 'MEAL',
      expectedCount: 50,
      guaranteedCount: 50,
      fbLines: [{ item: 'Continental', unitPrice: '28.00', perPerson: true }],
    });
    const sign = (who: keyof Served['as'], v: { id: string; version: number }, beoVersion: number) =>
      s.as[who](ops.SignOffFunctionOrderDocument, { input: { id: v.id, expectedVersion: v.version, beoVersion } }).then(ok);
    for (const who of ['management', 'production'] as const)
      expect((await sign(who, o, 1)).signOffFunctionOrder.__typename).toBe('ForbiddenError');
    const signed = as((await sign('client', o, 1)).signOffFunctionOrder, 'SignOffFunctionOrderPayload').functionOrder;
    expect([signed.signedOff, signed.signedOffVersion, signed.signedOffBy?.name]).toEqual([true, 1, 'client user']);
    // Counting who came is billing, not a new order.
    const counted = as(await update(signed, { actualCount: 48 }), 'UpdateFunctionOrderPayload').functionOrder;
    expect([counted.beoVersion, counted.signedOff]).toEqual([1, true]);
    const revised = as(
      await update(counted, { fbLines: [{ item: 'Hot buffet', unitPrice: '36.00', perPerson: true }] }),
      'UpdateFunctionOrderPayload',
    ).functionOrder;
    expect([revised.beoVersion, revised.signedOff, revised.signedOffVersion]).toEqual([2, false, 1]);
    const stale = as((await sign('client', revised, 1)).signOffFunctionOrder, 'ValidationError');
    expect(stale.message).toBe('beoVersion: the order is at version 2: read it before signing off');
    expect(as((await sign('client', revised, 2)).signOffFunctionOrder, 'SignOffFunctionOrderPayload').functionOrder.signedOff).toBe(true);
  });
});

describe('the F&B minimum', () => {
  it('adds up the F&B of the orders a contract bills and states the shortfall, in the contract’s currency only', async () => {
    const { result: vendor } = await createVendor(s.t.db, s.world.management.actor, s.world.event.id, {
      name: 'Harbor Catering',
      kind: 'CATERER',
    });
    const { result: contract } = await createContract(s.t.db, s.world.management.actor, s.world.event.id, {
      vendorId: vendor.id,
      title: 'Catering',
      currency: 'USD',
      value: '40000.00',
      fbMinimum: '20000.00',
    });
    const billed = { contractId: gid('Contract', contract.id), currency: null, serviceChargePercent: '24' };
    await order({
      ...billed,
      name: 'Lunch day 1',
      guaranteedCount: 100,
      fbLines: [{ item: 'Buffet lunch', unitPrice: '55.00', perPerson: true }],
    });
    await order({
      ...billed,
      name: 'Break day 1',
      kind: 'BREAK',
      fbLines: [{ item: 'Coffee, per gallon', unitPrice: '95.00', quantity: 10 }],
    });
    const fb = having(ok(await s.as.management(ops.ContractFbDocument, { id: gid('Contract', contract.id) })).node, 'fbSpend');
    // 100 × 55.00 + 10 × 95.00 = 6,450.00 (service charge does not count): 13,550.00 short, billed as room rental.
    expect([fb.fbMinimum?.amount, fb.fbSpend.amount, fb.fbShortfall?.amount, fb.functionOrders.totalCount]).toEqual([
      '20000.00',
      '6450.00',
      '13550.00',
      2,
    ]);
    const refused = await refusedCreate({ currency: 'EUR', contractId: gid('Contract', contract.id) });
    expect(refused.message).toBe('contractId: bills in USD; this order is in EUR');
  });
});

describe('who reads the prices', () => {
  it('management reads them, the client under an open-book budget only; production reads the order without them — in lists, node, history and live', async () => {
    const pricing = async (pricingModel: 'OPEN_BOOK' | 'MARKUP') => {
      const budget = await s.t.db.selectFrom('budget').selectAll().where('event_id', '=', s.world.event.id).executeTakeFirstOrThrow();
      await updateBudget(s.t.db, s.world.management.actor, budget.id, budget.version, { pricingModel });
    };
    await pricing('OPEN_BOOK');
    const from = await revisionOf(s.t.db, s.world.event.id);
    const live = {
      production: subscribe(wsClient(s.url, s.world.production.token), ops.FunctionOrderChangesDocument, {
        eventId: eventId(),
        afterRevision: from,
      }),
      client: subscribe(wsClient(s.url, s.world.client.token), ops.FunctionOrderChangesDocument, {
        eventId: eventId(),
        afterRevision: from,
      }),
    };
    const o = await order({
      name: 'Green room',
      kind: 'GREEN_ROOM',
      expectedCount: 12,
      avOrder: 'Program feed on a 55" monitor',
      billingAccount: 'Master account 4471',
      fbLines: [{ item: 'Fruit and pastries', unitPrice: '18.50', perPerson: true }],
    });
    const production = await read(o.id, 'production');
    expect([production.avOrder, production.fbLines, production.billing, production.billingAccount, production.expectedCount]).toEqual([
      'Program feed on a 55" monitor',
      null,
      null,
      null,
      12,
    ]);
    const client = await read(o.id, 'client');
    expect([client.billingAccount, client.billing?.total.amount]).toEqual(['Master account 4471', '222.00']);
    const listed = having(ok(await s.as.production(ops.EventFunctionOrdersDocument, { eventId: eventId() })).node, 'functionOrders');
    expect(listed.functionOrders.nodes.every((n) => n.billingAccount === null)).toBe(true);

    const step = {
      production: (await live.production.nextMessage(0)).eventChanges,
      client: (await live.client.nextMessage(0)).eventChanges,
    };
    expect(step.production.kind).toBe('FunctionOrder.created');
    expect(step.production.after).not.toHaveProperty('fbLines');
    expect(step.production.after).not.toHaveProperty('billingAccount');
    expect(step.production.entity).toMatchObject({ name: 'Green room', billingAccount: null, fbLines: null });
    expect(step.client.after).toMatchObject({ billingAccount: 'Master account 4471' });
    for (const s of Object.values(live)) s.stop();
    expect(await historyText(s.as.production, eventId(), /^FunctionOrder/)).not.toMatch(/Master account|1850|Fruit/);
    expect(await historyText(s.as.client, eventId(), /^FunctionOrder/)).toMatch(/Master account 4471/);
    // Kept MARKUP, the venue's prices are net rates the client does not read.
    await pricing('MARKUP');
    const marked = await read(o.id, 'client');
    expect([marked.billingAccount, marked.billing, marked.fbLines, marked.avOrder]).toEqual([
      null,
      null,
      null,
      'Program feed on a 55" monitor',
    ]);
    expect(await historyText(s.as.client, eventId(), /^FunctionOrder/)).not.toMatch(/Master account|Fruit/);
  });

  it('seats a person at a table through the opt-in, keeping their entrée', async () => {
    const optIn = await s.t.db
      .selectFrom('meal_opt_in')
      .select(['id', 'version', 'entree'])
      .where('meal_id', '=', s.world.mealId)
      .executeTakeFirstOrThrow();
    const seated = as(
      ok(
        await s.as.management(ops.SeatMealOptInDocument, {
          input: { id: gid('MealOptIn', optIn.id), expectedVersion: optIn.version, tableLabel: '12' },
        }),
      ).updateMealOptIn,
      'UpdateMealOptInPayload',
    ).mealOptIn;
    expect(seated).toEqual({ entree: optIn.entree, tableLabel: '12' });
  });
});
