import { describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { historyText } from './helpers/history.js';
import { createReservation } from '../src/domain/housing/housing.js';
import { createSpeaker } from '../src/domain/schedule/schedule.js';
import { as, gid, having, ok, revisionOf, servedSuite, subscribe, wsClient, type Served } from './helpers/index.js';

/**
 * Vendors and contracts with their terms as data (#19): a worked example of the cancellation scale
 * and of attrition at the rooming list's pickup (night by night and over the whole stay, resold
 * rooms credited), exact money, and who reads what — management everything, the production agency
 * its own contract and schedule without management's notes, the client none of it — through lists,
 * `node`, the history and a live subscription.
 */

const s = servedSuite();

const eventId = () => gid('Event', s.world.event.id);
const cost = async (id: string, on: string, who: keyof Served['as'] = 'management') =>
  having(ok(await s.as[who](ops.ContractCostDocument, { id, on })).node, 'cancellationCost').cancellationCost;

describe('a hotel contract’s terms, worked through', () => {
  let contract: { id: string; version: number };

  it('costs nothing to cancel before it is signed, then what its scale says on the day, less what was paid', async () => {
    const vendor = as(
      ok(
        await s.as.management(ops.CreateVendorDocument, {
          input: { eventId: eventId(), name: 'Hotel de Rome', kind: 'HOTEL', notes: 'Rate beat by 12 %' },
        }),
      ).createVendor,
      'CreateVendorPayload',
    ).vendor;
    const created = as(
      ok(
        await s.as.management(ops.CreateContractDocument, {
          input: {
            eventId: eventId(),
            vendorId: vendor.id,
            title: 'Hotel de Rome room block',
            currency: 'EUR',
            value: '2748.00',
            cancellationScale: [
              { from: '2026-12-01', percent: '50' },
              { from: '2026-06-01', percent: '25' },
              { from: '2027-02-01', percent: '100' },
            ],
            attritionBasis: 'NIGHT_BY_NIGHT',
            attritionPercent: 80,
            notes: 'Walk-away point: 60 % attrition',
          },
        }),
      ).createContract,
      'CreateContractPayload',
    );
    expect(created.revision).toBeGreaterThan(0);
    expect(created.contract).toMatchObject({ status: 'DRAFT', value: { amount: '2748.00', currency: 'EUR', minor: '274800' } });
    contract = created.contract;
    expect((await cost(contract.id, '2026-12-02')).fee.amount).toBe('0.00');

    const signed = as(
      ok(
        await s.as.management(ops.SignContractDocument, {
          input: { id: contract.id, expectedVersion: contract.version, signedOn: '2026-05-20' },
        }),
      ).signContract,
      'SignContractPayload',
    ).contract;
    contract = signed;
    const deposit = as(
      ok(
        await s.as.management(ops.CreateContractPaymentDocument, {
          input: { contractId: contract.id, label: 'Deposit', dueOn: '2026-06-15', amount: '500' },
        }),
      ).createContractPayment,
      'CreateContractPaymentPayload',
    ).payment;
    expect(deposit.amount).toEqual({ amount: '500.00', currency: 'EUR', minor: '50000' });
    ok(
      await s.as.management(ops.UpdateContractPaymentDocument, {
        input: { id: deposit.id, expectedVersion: deposit.version, paidOn: '2026-06-10' },
      }),
    );

    // The scale, in date order whatever order it was given in: 25 % from June, 50 % from December, all of it from February.
    expect(await cost(contract.id, '2026-05-31')).toMatchObject({ fee: { amount: '0.00' }, stillOwed: { amount: '0.00' } });
    expect(await cost(contract.id, '2026-11-15')).toMatchObject({
      fee: { amount: '687.00' },
      paid: { amount: '500.00' },
      stillOwed: { amount: '187.00' },
    });
    expect(await cost(contract.id, '2026-12-02')).toMatchObject({ fee: { amount: '1374.00' }, stillOwed: { amount: '874.00' } });
    expect(await cost(contract.id, '2027-02-10')).toMatchObject({ fee: { amount: '2748.00' }, stillOwed: { amount: '2248.00' } });
  });

  it('owes attrition at the rooming list’s pickup: night by night, or over the whole stay, resold rooms credited', async () => {
    // Four rooms a night for three nights at 229.00, under the contract; the hotel resold one room on the last night.
    for (const [night, resold] of [
      ['2027-02-28', 0],
      ['2027-03-01', 0],
      ['2027-03-02', 1],
    ] as const)
      ok(
        await s.as.management(ops.CreateHotelBlockDocument, {
          input: {
            eventId: eventId(),
            hotel: 'Hotel de Rome',
            roomType: 'Deluxe',
            night,
            contracted: 4,
            rateMinor: 22_900,
            currency: 'EUR',
            cutOffDate: '2027-01-28',
            contractId: contract.id,
            resold,
          },
        }),
      );
    // Picked up: 3 rooms the first night, 3 the second, 1 the third.
    for (const [name, arrives, departs] of [
      ['Ada', '2027-02-28', '2027-03-03'],
      ['Ben', '2027-02-28', '2027-03-02'],
      ['Cem', '2027-02-28', '2027-03-01'],
      ['Dee', '2027-03-01', '2027-03-02'],
    ] as const) {
      const { result: speaker } = await createSpeaker(s.t.db, s.world.management.actor, s.world.event.id, { name });
      await createReservation(s.t.db, s.world.management.actor, s.world.event.id, {
        speakerId: speaker.id,
        hotel: 'Hotel de Rome',
        roomType: 'Deluxe',
        arrives,
        departs,
      });
    }
    const attrition = async () =>
      having(ok(await s.as.management(ops.ContractCostDocument, { id: contract.id })).node, 'attrition').attrition;
    // Each night must reach 4 rooms (80 % of 4, rounded up): 1 + 1 + 2 rooms short (the resold room counts) = 4 × 229.00.
    expect(await attrition()).toEqual({ owed: { amount: '916.00', currency: 'EUR', minor: '91600' }, roomNightsShort: 4 });
    // Over the whole stay: 80 % of 12 × 229.00 = 2,198.40 due, 8 × 229.00 = 1,832.00 credited.
    const now = having(ok(await s.as.management(ops.ContractCostDocument, { id: contract.id })).node, 'version');
    ok(
      await s.as.management(ops.UpdateContractDocument, {
        input: { id: contract.id, expectedVersion: now.version, attritionBasis: 'WHOLE_STAY' },
      }),
    );
    expect(await attrition()).toEqual({ owed: { amount: '366.40', currency: 'EUR', minor: '36640' }, roomNightsShort: 2 });
    // Without credit for resold rooms, one more room night is short.
    const again = having(ok(await s.as.management(ops.ContractCostDocument, { id: contract.id })).node, 'version');
    ok(
      await s.as.management(ops.UpdateContractDocument, {
        input: { id: contract.id, expectedVersion: again.version, resoldCredit: false },
      }),
    );
    expect(await attrition()).toEqual({ owed: { amount: '595.40', currency: 'EUR', minor: '59540' }, roomNightsShort: 3 });
    // The event's exposure adds them up per currency (the world's production contract is in EUR too).
    const exposure = having(
      ok(await s.as.management(ops.EventContractsDocument, { eventId: eventId(), on: '2026-12-02' })).node,
      'contractExposure',
    ).contractExposure;
    expect(exposure).toEqual([
      { currency: 'EUR', cancellation: { amount: '1374.00' }, stillOwed: { amount: '874.00' }, attrition: { amount: '595.40' } },
    ]);
  });

  it('fixes the fee on the day it is cancelled, and keeps its terms on record', async () => {
    const current = having(ok(await s.as.management(ops.ContractCostDocument, { id: contract.id })).node, 'version');
    const cancelled = as(
      ok(
        await s.as.management(ops.CancelContractDocument, {
          input: { id: contract.id, expectedVersion: current.version, cancelledOn: '2026-12-10' },
        }),
      ).cancelContract,
      'CancelContractPayload',
    ).contract;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.attrition).toBeNull();
    // Asked in February, when the scale would say 100 %: still December's 50 %.
    expect((await cost(contract.id, '2027-02-10')).fee.amount).toBe('1374.00');
    const change = await s.as.management(ops.UpdateContractDocument, {
      input: { id: contract.id, expectedVersion: cancelled.version, value: '1.00' },
    });
    expect(as(ok(change).updateContract, 'ValidationError').message).toBe('id: is cancelled: its terms are on record as they were');
  });

  it('refuses bad terms, naming the field, and writes nothing', async () => {
    const vendorId = having(ok(await s.as.management(ops.EventContractsDocument, { eventId: eventId() })).node, 'contracts').contracts
      .nodes[0]!.id;
    void vendorId;
    const vendor = as(
      ok(await s.as.management(ops.CreateVendorDocument, { input: { eventId: eventId(), name: 'Tokyo caterer', kind: 'CATERER' } }))
        .createVendor,
      'CreateVendorPayload',
    ).vendor;
    const before = await revisionOf(s.t.db, s.world.event.id);
    const attempt = async (input: Partial<ops.CreateContractInput>) =>
      as(
        ok(
          await s.as.management(ops.CreateContractDocument, {
            input: { eventId: eventId(), vendorId: vendor.id, title: 'Bento lunch', currency: 'JPY', value: '480000', ...input },
          }),
        ).createContract,
        'ValidationError',
      ).message;
    expect(await attempt({ value: '480000.50' })).toBe('value: JPY has no decimals: "480000.50" has 2');
    expect(await attempt({ currency: 'YEN' })).toBe('currency: must be an ISO 4217 currency code such as "USD", "EUR" or "JPY"');
    expect(await attempt({ cancellationScale: [{ from: '2027-01-01', percent: '120' }] })).toBe(
      'cancellationScale.0.percent: must be from 0 to 100',
    );
    expect(await attempt({ attritionPercent: 80 })).toBe('attritionBasis: attrition needs both its basis and its percentage');
    expect(await attempt({ commissionPercent: 'ten' })).toBe('commissionPercent: "ten" is not a decimal number such as "1250.50"');
    expect(await revisionOf(s.t.db, s.world.event.id)).toBe(before);
  });
});

describe('who reads the contracts', () => {
  it('management reads all of them; the production agency its own, without management’s notes; the client none — in lists, node, history and live', async () => {
    const vendorRow = await s.t.db.selectFrom('vendor').select('id').where('name', '=', 'Tokyo caterer').executeTakeFirstOrThrow();
    as(
      ok(
        await s.as.management(ops.CreateContractDocument, {
          input: { eventId: eventId(), vendorId: gid('Vendor', vendorRow.id), title: 'Bento lunch', currency: 'JPY', value: '480000' },
        }),
      ).createContract,
      'CreateContractPayload',
    );
    const from = await revisionOf(s.t.db, s.world.event.id);
    const live = {
      production: subscribe(wsClient(s.url, s.world.production.token), ops.ContractChangesDocument, {
        eventId: eventId(),
        afterRevision: from,
      }),
      client: subscribe(wsClient(s.url, s.world.client.token), ops.ContractChangesDocument, { eventId: eventId(), afterRevision: from }),
    };
    const seen = async (who: keyof Served['as']) =>
      having(ok(await s.as[who](ops.EventContractsDocument, { eventId: eventId(), on: '2026-12-02' })).node, 'contracts');
    const management = await seen('management');
    expect(management.contracts.nodes.map((c) => c.title)).toEqual(['Show production', 'Hotel de Rome room block', 'Bento lunch']);
    expect(management.vendors.nodes.map((v) => v.name)).toEqual(['Hotel de Rome', 'Production agency', 'Tokyo caterer']);
    expect(management.contracts.nodes[0]!.notes).toBe('Their margin is about 18 %.');

    const production = await seen('production');
    expect(production.contracts.nodes.map((c) => [c.title, c.value.amount, c.notes])).toEqual([['Show production', '120000.00', null]]);
    expect(production.contracts.totalCount).toBe(1);
    expect(production.vendors.nodes.map((v) => [v.name, v.notes])).toEqual([['Production agency', null]]);
    expect(production.contractExposure).toEqual([
      { currency: 'EUR', cancellation: { amount: '0.00' }, stillOwed: { amount: '0.00' }, attrition: { amount: '0.00' } },
    ]);

    const client = await seen('client');
    expect([client.contracts.totalCount, client.vendors.totalCount, client.contractExposure]).toEqual([0, 0, []]);
    const bento = management.contracts.nodes[2]!;
    for (const who of ['client', 'production'] as const)
      expect(ok(await s.as[who](ops.ContractCostDocument, { id: bento.id })).node).toBeNull();

    // A change to the caterer's contract: production's and the client's streams get its revision with nothing of it.
    const renamed = as(
      ok(
        await s.as.management(ops.UpdateContractDocument, {
          input: { id: bento.id, expectedVersion: bento.version, title: 'Bento lunch (renegotiated)' },
        }),
      ).updateContract,
      'UpdateContractPayload',
    );
    expect(renamed.contract.title).toBe('Bento lunch (renegotiated)');
    for (const s of Object.values(live)) {
      const step = (await s.nextMessage(0)).eventChanges;
      expect(step).toMatchObject({ kind: 'Contract.updated', entity: null, after: {} });
      s.stop();
    }
    for (const who of ['client', 'production'] as const) {
      const history = await historyText(s.as[who], eventId(), /^Contract/);
      expect(history).not.toMatch(/renegotiated|Bento|Walk-away|274800/);
    }
    expect(await historyText(s.as.management, eventId(), /^Contract/)).toMatch(/renegotiated/);
  });
});
