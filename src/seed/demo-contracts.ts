import type { Database } from '../db/client.js';
import type { Actor } from '../db/write.js';
import { createContract, createPayment, createVendor, signContract, updateContract, updatePayment } from '../domain/contracts/contracts.js';
import { updateBlock } from '../domain/housing/housing.js';
import { addDays } from '../domain/time.js';

/**
 * The demo's vendors and contracts: the headquarters hotel's room block (signed, night-by-night
 * attrition over its King blocks, a cancellation scale, the deposit paid and an instalment due),
 * the caterer (sent, its date hold running out), and the production agency's show contract
 * (signed, which the agency reads as its own).
 */
export async function seedContracts(db: Database, management: Actor, productionOrganizationId: string, eventId: string): Promise<void> {
  const event = await db.selectFrom('event').select(['start_date']).where('id', '=', eventId).executeTakeFirstOrThrow();
  const before = (days: number) => addDays(event.start_date, -days);

  const { result: hotel } = await createVendor(db, management, eventId, {
    name: 'Harborview Marriott',
    kind: 'HOTEL',
    contactName: 'Lena Ortiz, group sales',
    email: 'groups@harborview.example',
    notes: 'Will waive the resort fee if we rebook for next year.',
  });
  const { result: block } = await createContract(db, management, eventId, {
    vendorId: hotel.id,
    title: 'Harborview Marriott room block',
    scope: 'King rooms, the night before and the event nights; meeting space on a separate addendum.',
    currency: 'USD',
    value: '138720.00',
    cancellationScale: [
      { from: before(365), percent: '25' },
      { from: before(180), percent: '50' },
      { from: before(60), percent: '80' },
      { from: before(30), percent: '100' },
    ],
    attritionBasis: 'NIGHT_BY_NIGHT',
    attritionPercent: 80,
    commissionPercent: '10',
    cutOffDate: before(30),
  });
  await signContract(db, management, block.id, block.version, before(200));
  const { result: deposit } = await createPayment(db, management, {
    contractId: block.id,
    label: 'Deposit',
    dueOn: before(190),
    amount: '27744.00',
  });
  await updatePayment(db, management, deposit.id, deposit.version, { paidOn: before(192) });
  await createPayment(db, management, { contractId: block.id, label: 'Second instalment', dueOn: before(45), amount: '55488.00' });
  // Through the write path, so the blocks' history shows them joining the contract.
  const blocks = await db
    .selectFrom('hotel_block')
    .select(['id', 'version'])
    .where('event_id', '=', eventId)
    .where('hotel', '=', 'Harborview Marriott')
    .execute();
  for (const b of blocks) await updateBlock(db, management, b.id, b.version, { contractId: block.id });

  const { result: caterer } = await createVendor(db, management, eventId, {
    name: 'Coastline Catering',
    kind: 'CATERER',
    contactName: 'Sam Patel',
  });
  const { result: catering } = await createContract(db, management, eventId, {
    vendorId: caterer.id,
    title: 'Catering: breakfasts, lunches and breaks',
    currency: 'USD',
    value: '86400.00',
    fbMinimum: '75000.00',
    cancellationScale: [{ from: before(90), percent: '50' }],
    dateHoldExpiresOn: before(40),
  });
  await updateContract(db, management, catering.id, catering.version, { status: 'SENT' });

  const { result: agency } = await createVendor(db, management, eventId, {
    name: 'Lumen Live Productions',
    kind: 'PRODUCTION_AGENCY',
    organizationId: productionOrganizationId,
  });
  const { result: show } = await createContract(db, management, eventId, {
    vendorId: agency.id,
    title: 'Show production: general sessions and breakouts',
    currency: 'USD',
    value: '412000.00',
    cancellationScale: [
      { from: before(120), percent: '30' },
      { from: before(30), percent: '75' },
    ],
    notes: 'Their crew rates came in 8 % under the other bid.',
  });
  await signContract(db, management, show.id, show.version, before(150));
  await createPayment(db, management, {
    contractId: show.id,
    label: 'Deposit',
    dueOn: before(140),
    amount: '123600.00',
    paidOn: before(141),
  });
  await createPayment(db, management, { contractId: show.id, label: 'Balance', dueOn: addDays(event.start_date, 30), amount: '288400.00' });
}
