import type { Database } from '../db/client.js';
import type { Actor } from '../db/write.js';
import { approveBudgetVersion, createBudget, createBudgetVersion, updateBudgetVersion } from '../domain/budget/budget.js';
import { createBudgetLine, createInvoice, type LineInput } from '../domain/budget/entries.js';
import { addDays } from '../domain/time.js';

/**
 * The demo's budget, in dollars and kept MARKUP (the client reads billed prices): the original,
 * approved by the client's event lead, and a reforecast three weeks out, still a draft, in which the
 * venue runs over (an extra breakout room) — the warning an event manager would act on. Hotel rooms
 * follow the pickup, meals the function orders' billed counts, gifts the people registered; the
 * show production and the hotel are under signed contracts; the agency's fee is its own line and
 * its staff cost an internal one. The production agency invoiced its deposit.
 */
export async function seedBudget(db: Database, management: Actor, client: Actor, eventId: string): Promise<void> {
  const event = await db.selectFrom('event').select('start_date').where('id', '=', eventId).executeTakeFirstOrThrow();
  const contract = async (title: string) =>
    (
      await db
        .selectFrom('contract')
        .select('id')
        .where('event_id', '=', eventId)
        .where('title', 'like', `${title}%`)
        .executeTakeFirstOrThrow()
    ).id;
  const order = async (name: string) =>
    (
      await db
        .selectFrom('function_order')
        .select('id')
        .where('event_id', '=', eventId)
        .where('name', '=', name)
        .orderBy('starts_at')
        .executeTakeFirstOrThrow()
    ).id;
  const [hotel, catering, show, breakfast, lunch] = await Promise.all([
    contract('Harborview Marriott'),
    contract('Catering'),
    contract('Show production'),
    order('Breakfast'),
    order('Lunch'),
  ]);

  await createBudget(db, management, eventId, {
    currency: 'USD',
    pricingModel: 'MARKUP',
    rates: [{ currency: 'EUR', rate: '1.0845' }],
    notes: 'Target margin 14 % overall.',
  });
  const { result: original } = await createBudgetVersion(db, management, eventId, { name: 'Approved budget', kind: 'ORIGINAL' });
  const lines: Omit<LineInput, 'versionId'>[] = [
    {
      category: 'Venue',
      item: 'Meeting space rental',
      currency: 'USD',
      unitCost: '85000.00',
      quantity: 1,
      markupPercent: '10',
      status: 'CONTRACTED',
    },
    {
      category: 'Hotel',
      item: 'Harborview Marriott room nights',
      kind: 'VARIABLE',
      driver: 'PICKUP',
      contractId: hotel,
      currency: 'USD',
      unitCost: '289.00',
      taxPercent: '10.5',
      status: 'CONTRACTED',
    },
    {
      category: 'F&B',
      item: 'Breakfast, day 1',
      kind: 'VARIABLE',
      driver: 'GUARANTEE',
      functionOrderId: breakfast,
      contractId: catering,
      currency: 'USD',
      unitCost: '42.00',
      serviceChargePercent: '24',
      taxPercent: '7.75',
      markupPercent: '8',
    },
    {
      category: 'F&B',
      item: 'Lunch, day 1',
      kind: 'VARIABLE',
      driver: 'GUARANTEE',
      functionOrderId: lunch,
      currency: 'USD',
      unitCost: '58.00',
      serviceChargePercent: '24',
      taxPercent: '7.75',
      markupPercent: '8',
    },
    {
      category: 'Production',
      item: 'Show production: general sessions and breakouts',
      contractId: show,
      currency: 'USD',
      unitCost: '412000.00',
      quantity: 1,
      markupPercent: '12',
      status: 'INVOICED',
    },
    {
      category: 'Gifts',
      item: 'Attendee welcome gift',
      kind: 'VARIABLE',
      driver: 'REGISTERED',
      currency: 'USD',
      unitCost: '45.00',
      markupPercent: '10',
    },
    { category: 'Gifts', item: 'Speaker gifts from Lisbon', currency: 'EUR', unitCost: '120.00', quantity: 12, markupPercent: '10' },
    { category: 'Agency', item: 'Agency management fee', currency: 'USD', unitCost: '95000.00', quantity: 1, isFee: true },
    {
      category: 'Agency',
      item: 'Producer and two coordinators, on site',
      currency: 'USD',
      unitCost: '9500.00',
      quantity: 3,
      internal: true,
      notes: 'At cost; not shown to Northwind.',
    },
  ];
  for (const line of lines) await createBudgetLine(db, management, { ...line, versionId: original.id });
  const { result: submitted } = await updateBudgetVersion(db, management, original.id, original.version, { status: 'SUBMITTED' });
  await approveBudgetVersion(db, client, submitted.id, submitted.version);

  // Three weeks out: the client added a breakout, and the venue charges for the room.
  const { result: reforecast } = await createBudgetVersion(db, management, eventId, {
    name: 'Reforecast, three weeks out',
    kind: 'REFORECAST',
    copyFromVersionId: original.id,
  });
  await createBudgetLine(db, management, {
    versionId: reforecast.id,
    category: 'Venue',
    item: 'Additional breakout room (Marina 6)',
    currency: 'USD',
    unitCost: '8500.00',
    quantity: 1,
    markupPercent: '10',
    status: 'ESTIMATED',
  });

  await createInvoice(db, management, {
    contractId: show,
    number: 'LLP-2027-001',
    issuedOn: addDays(event.start_date, -142),
    amount: '123600.00',
  });
}
