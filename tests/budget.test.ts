import { describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { historyText } from './helpers/history.js';
import { createBudgetVersion, updateBudgetVersion } from '../src/domain/budget/budget.js';
import { createBudgetLine } from '../src/domain/budget/entries.js';
import { signContract, updatePayment } from '../src/domain/contracts/contracts.js';
import { decideChangeOrder, makeChangeOrder } from '../src/domain/requests/requests.js';
import { as, gid, having, ok, revisionOf, servedSuite, subscribe, wsClient, type Served } from './helpers/index.js';

/**
 * The budget (#19): exact money over many lines and in zero- and three-decimal currencies at the
 * budget rates, foreign payments and invoices at their own rates, what a contract commits, versions
 * the client approves and a reforecast over its approved category, the warnings — and who reads
 * what: the client billed prices only under MARKUP and net ones under OPEN_BOOK, never internal
 * lines or notes; production none of it — through queries, `node`, the history and live.
 */

const s = servedSuite();

const eventId = () => gid('Event', s.world.event.id);
const budgetAs = async (who: keyof Served['as']) =>
  having(ok(await s.as[who](ops.EventBudgetDocument, { eventId: eventId() })).node, 'budget');
const management = () => s.world.management.actor;

describe('exact money', () => {
  it('prices lines in yen, dinars and dollars at the budget rates, each amount rounded once, and sums rounded lines', async () => {
    const budget = (await budgetAs('management')).budget!;
    const updated = as(
      ok(
        await s.as.management(ops.UpdateBudgetDocument, {
          input: {
            id: budget.id,
            expectedVersion: budget.version,
            rates: [
              { currency: 'EUR', rate: '1.0845' },
              { currency: 'JPY', rate: '0.0067' },
              { currency: 'BHD', rate: '2.6596' },
            ],
            unsignedWarningDays: 1000,
          },
        }),
      ).updateBudget,
      'UpdateBudgetPayload',
    );
    expect(updated.budget.pricingModel).toBe('MARKUP');
    // The world's draft original (show production and an internal staff line) gets the lines below.
    const version = await s.t.db
      .selectFrom('budget_version')
      .selectAll()
      .where('event_id', '=', s.world.event.id)
      .where('name', '=', 'Original budget')
      .executeTakeFirstOrThrow();
    const line = async (input: Omit<ops.CreateBudgetLineInput, 'versionId'>) =>
      as(
        ok(await s.as.management(ops.CreateBudgetLineDocument, { input: { versionId: gid('BudgetVersion', version.id), ...input } }))
          .createBudgetLine,
        'CreateBudgetLinePayload',
      ).budgetLine;
    // 7 × 19.99 = 139.93; 20 % service = 27.986 → 27.99; 8.875 % tax on 167.92 = 14.9029 → 14.90; cost 182.82; 15 % markup 27.423 → 27.42.
    expect(
      await line({
        category: 'F&B',
        item: 'Welcome drinks',
        currency: 'USD',
        unitCost: '19.99',
        quantity: 7,
        serviceChargePercent: '20',
        taxPercent: '8.875',
        markupPercent: '15',
      }),
    ).toMatchObject({
      cost: { amount: '182.82' },
      billed: { amount: '210.24' },
    });
    // ¥13,500, marked up 10 % to ¥14,850; in dollars at 0.0067: 90.45 and 99.495 → 99.50.
    expect(
      await line({ category: 'Gifts', item: 'Tenugui', currency: 'JPY', unitCost: '4500', quantity: 3, markupPercent: '10' }),
    ).toMatchObject({ cost: { amount: '13500' }, billed: { amount: '14850' } });
    // BHD 24.690 at 2.6596: 65.665524 → 65.67.
    expect(await line({ category: 'Hospitality', item: 'Majlis', currency: 'BHD', unitCost: '12.345', quantity: 2 })).toMatchObject({
      cost: { amount: '24.690' },
    });
    // 200 lines of 0.05 marked up 10 %: each billed 0.055 → 0.06, so 12.00 — the sum of rounded lines, exactly.
    for (let i = 0; i < 200; i++)
      await createBudgetLine(s.t.db, management(), {
        versionId: version.id,
        category: 'Lanyards',
        item: `Lanyard ${i}`,
        currency: 'USD',
        unitCost: '0.05',
        quantity: 1,
        markupPercent: '10',
      });
    const v = await updateBudgetVersion(s.t.db, management(), version.id, version.version, { status: 'SUBMITTED' });
    const approved = as(
      ok(
        await s.as.client(ops.ApproveBudgetVersionDocument, {
          input: { id: gid('BudgetVersion', v.result.id), expectedVersion: v.result.version },
        }),
      ).approveBudgetVersion,
      'ApproveBudgetVersionPayload',
    );
    expect(approved.budgetVersion).toEqual({ status: 'APPROVED', approvedBy: { name: 'client user' } });
    const summary = (await budgetAs('management')).budget!.summary;
    const category = (name: string) => summary.categories.find((c) => c.category === name)!;
    expect([
      category('F&B').approvedCost?.amount,
      category('Gifts').approvedCost?.amount,
      category('Hospitality').approvedCost?.amount,
    ]).toEqual(['182.82', '90.45', '65.67']);
    expect([
      category('Gifts').approvedBilled.amount,
      category('Lanyards').approvedCost?.amount,
      category('Lanyards').approvedBilled.amount,
    ]).toEqual(['99.50', '10.00', '12.00']);
  });

  it('refuses a line in a currency without a rate, a FIXED line without a quantity, and dropping a rate in use — writing nothing', async () => {
    const { budget } = await budgetAs('management');
    const { result: scratch } = await createBudgetVersion(s.t.db, management(), s.world.event.id, { name: 'Scratch', kind: 'ORIGINAL' });
    const before = await revisionOf(s.t.db, s.world.event.id);
    const draft = { id: gid('BudgetVersion', scratch.id) };
    const attempt = async (input: Partial<ops.CreateBudgetLineInput>) =>
      as(
        ok(
          await s.as.management(ops.CreateBudgetLineDocument, {
            input: { versionId: draft.id, category: 'X', item: 'x', currency: 'USD', unitCost: '1.00', quantity: 1, ...input },
          }),
        ).createBudgetLine,
        'ValidationError',
      ).message;
    expect(await attempt({ currency: 'GBP' })).toBe('currency: the budget has no rate for GBP: add one with updateBudget');
    expect(await attempt({ quantity: null })).toBe('quantity: a FIXED line needs a quantity');
    expect(await attempt({ kind: 'VARIABLE', quantity: null })).toBe(
      'driver: a VARIABLE line needs a driver (GUARANTEE, PICKUP or REGISTERED)',
    );
    expect(await attempt({ unitCost: '1.005' })).toBe('unitCost: USD has 2 decimals: "1.005" has 3');
    const approved = budget!.versions.nodes.find((v) => v.status === 'APPROVED')!;
    expect(await attempt({ versionId: approved.id })).toBe('versionId: is in an approved version: it is on record; change a reforecast');
    const dropped = as(
      ok(
        await s.as.management(ops.UpdateBudgetDocument, {
          input: { id: budget!.id, expectedVersion: budget!.version, rates: [{ currency: 'EUR', rate: '1.0845' }] },
        }),
      ).updateBudget,
      'ValidationError',
    );
    expect(dropped.message).toMatch(/^rates: lines in (JPY|BHD) need a rate for it$/);
    expect(await revisionOf(s.t.db, s.world.event.id)).toBe(before);
  });
});

describe('committed, invoiced and paid', () => {
  it('counts a signed contract’s value, the invoice and the paid deposit each at its own rate, and warns of what is overdue or unsigned', async () => {
    const contract = await s.t.db
      .selectFrom('contract')
      .selectAll()
      .where('event_id', '=', s.world.event.id)
      .where('title', '=', 'Show production')
      .executeTakeFirstOrThrow();
    let summary = (await budgetAs('management')).budget!.summary;
    const production = () => summary.categories.find((c) => c.category === 'Production')!;
    // Not signed yet: it commits nothing; the invoice (EUR 36,000.00 at the budget rate 1.0845) is an actual already.
    expect([production().committed?.amount, production().invoiced?.amount, production().paid?.amount]).toEqual([
      '0.00',
      '39042.00',
      '0.00',
    ]);
    expect(summary.warnings!.map((w) => w.kind)).toEqual(expect.arrayContaining(['PAYMENT_OVERDUE', 'CONTRACT_UNSIGNED']));
    await signContract(s.t.db, management(), contract.id, contract.version, '2026-06-01');
    const deposit = await s.t.db
      .selectFrom('contract_payment')
      .selectAll()
      .where('contract_id', '=', contract.id)
      .executeTakeFirstOrThrow();
    await updatePayment(s.t.db, management(), deposit.id, deposit.version, { paidOn: '2026-10-02', rate: '1.10' });
    summary = (await budgetAs('management')).budget!.summary;
    // 120,000.00 EUR at 1.0845 = 130,140.00 committed; the deposit paid at its own 1.10 = 39,600.00.
    expect([production().committed?.amount, production().paid?.amount]).toEqual(['130140.00', '39600.00']);
    expect(summary.warnings!.map((w) => w.kind)).not.toContain('PAYMENT_OVERDUE');
  });

  it('puts a reforecast over its approved category in the warnings', async () => {
    const { budget } = await budgetAs('management');
    const approved = budget!.versions.nodes.find((v) => v.status === 'APPROVED')!;
    const created = as(
      ok(
        await s.as.management(ops.CreateBudgetVersionDocument, {
          input: { eventId: eventId(), name: 'Reforecast', kind: 'REFORECAST', copyFromVersionId: approved.id },
        }),
      ).createBudgetVersion,
      'CreateBudgetVersionPayload',
    );
    expect(created.budgetVersion.lines.totalCount).toBe(205);
    const reforecast = await s.t.db.selectFrom('budget_version').select('id').where('name', '=', 'Reforecast').executeTakeFirstOrThrow();
    await createBudgetLine(s.t.db, management(), {
      versionId: reforecast.id,
      category: 'Gifts',
      item: 'More tenugui',
      currency: 'JPY',
      unitCost: '4500',
      quantity: 2,
    });
    const summary = (await budgetAs('management')).budget!.summary;
    const gifts = summary.categories.find((c) => c.category === 'Gifts')!;
    // Approved ¥13,500 = 90.45; forecast ¥22,500 = 150.75: 60.30 over.
    expect([gifts.approvedCost?.amount, gifts.forecastCost?.amount, gifts.variance?.amount]).toEqual(['90.45', '150.75', '-60.30']);
    expect(summary.warnings!.find((w) => w.kind === 'CATEGORY_OVER')?.message).toBe(
      'Gifts is projected USD 60.30 over its approved USD 90.45',
    );
  });
});

describe('live counts', () => {
  it('follows the room nights picked up on a hotel contract and the people registered', async () => {
    // The world's traveller has two nights in the Hotel Adlon block; the block joins the agency's (EUR) contract for this.
    const contract = await s.t.db
      .selectFrom('contract')
      .select('id')
      .where('event_id', '=', s.world.event.id)
      .where('title', '=', 'Show production')
      .executeTakeFirstOrThrow();
    await s.t.db.updateTable('hotel_block').set({ contract_id: contract.id }).where('event_id', '=', s.world.event.id).execute();
    const { result: scratch } = await createBudgetVersion(s.t.db, management(), s.world.event.id, { name: 'Counts', kind: 'ORIGINAL' });
    const line = async (input: Partial<ops.CreateBudgetLineInput>) =>
      as(
        ok(
          await s.as.management(ops.CreateBudgetLineDocument, {
            input: {
              versionId: gid('BudgetVersion', scratch.id),
              category: 'Hotel',
              item: 'Rooms',
              currency: 'EUR',
              unitCost: '229.00',
              kind: 'VARIABLE',
              ...input,
            },
          }),
        ).createBudgetLine,
        'CreateBudgetLinePayload',
      ).budgetLine;
    const rooms = await line({ driver: 'PICKUP', contractId: gid('Contract', contract.id) });
    expect([rooms.quantity, rooms.cost?.amount]).toEqual([2, '458.00']);
    const registered = await s.t.db
      .selectFrom('attendee')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('event_id', '=', s.world.event.id)
      .where('status', '=', 'REGISTERED')
      .executeTakeFirstOrThrow();
    const gifts = await line({ driver: 'REGISTERED', category: 'Gifts', item: 'Gift', currency: 'USD', unitCost: '10.00' });
    expect(gifts.quantity).toBe(Number(registered.n));
    expect(Number(registered.n)).toBeGreaterThan(0);
  });

  it('counts change orders: awaiting the client, then committed in their own category once approved', async () => {
    const ask = await s.t.db
      .selectFrom('request')
      .select(['id', 'version'])
      .where('event_id', '=', s.world.event.id)
      .executeTakeFirstOrThrow();
    const priced = await makeChangeOrder(s.t.db, s.world.production.actor, ask.id, ask.version, { costMinor: 185_000, currency: 'USD' });
    const before = (await budgetAs('management')).budget!.summary;
    expect(before.changeOrdersAwaiting.amount).toBe('1850.00');
    await decideChangeOrder(s.t.db, s.world.client.actor, priced.result.id, priced.result.version, true);
    const after = (await budgetAs('management')).budget!.summary;
    expect([after.changeOrdersAwaiting.amount, after.changeOrdersApproved.amount]).toEqual(['0.00', '1850.00']);
    expect(after.categories.find((c) => c.category === 'Change orders')?.committed?.amount).toBe('1850.00');
  });
});

describe('who reads the budget', () => {
  it('the client reads billed prices under MARKUP and net under OPEN_BOOK, never internal lines or notes; production none of it — in queries, node, history and live', async () => {
    const from = await revisionOf(s.t.db, s.world.event.id);
    const live = {
      client: subscribe(wsClient(s.url, s.world.client.token), ops.BudgetChangesDocument, { eventId: eventId(), afterRevision: from }),
      production: subscribe(wsClient(s.url, s.world.production.token), ops.BudgetChangesDocument, {
        eventId: eventId(),
        afterRevision: from,
      }),
    };
    const mine = await budgetAs('management');
    const draft = mine.budget!.versions.nodes.find((v) => v.name === 'Reforecast')!;
    const internal = mine.budget!.versions.nodes.find((v) => v.name === 'Original budget')!.lines.nodes.find((l) => l.internal)!;
    expect([internal.notes, internal.cost?.amount]).toEqual(['At cost', '13000.00']);
    const added = as(
      ok(
        await s.as.management(ops.CreateBudgetLineDocument, {
          input: {
            versionId: draft.id,
            category: 'AV',
            item: 'Room rental',
            currency: 'USD',
            unitCost: '5000.00',
            quantity: 2,
            markupPercent: '10',
          },
        }),
      ).createBudgetLine,
      'CreateBudgetLinePayload',
    ).budgetLine;

    const client = (await budgetAs('client')).budget!;
    const clientDraft = client.versions.nodes.find((v) => v.name === 'Reforecast')!;
    expect(clientDraft.lines.nodes.map((l) => l.item)).not.toContain('Producer, 20 days');
    expect(clientDraft.lines.totalCount).toBe(draft.lines.totalCount);
    expect(draft.lines.nodes.map((l) => l.item)).toContain('Producer, 20 days');
    const room = clientDraft.lines.nodes.find((l) => l.item === 'Room rental')!;
    expect([room.billed?.amount, room.unitCost, room.cost, room.notes]).toEqual(['11000.00', null, null, null]);
    expect(client.summary.total.committed).toBeNull();
    expect(client.summary.warnings).toBeNull();
    expect(client.notes).toBeNull();
    expect((await budgetAs('client')).contracts.totalCount).toBe(0);
    expect(ok(await s.as.client(ops.BudgetLineNodeDocument, { id: internal.id })).node).toBeNull();
    expect(having(ok(await s.as.client(ops.BudgetLineNodeDocument, { id: added.id })).node, 'item').unitCost).toBeNull();

    expect((await budgetAs('production')).budget).toBeNull();
    expect(ok(await s.as.production(ops.BudgetLineNodeDocument, { id: added.id })).node).toBeNull();

    const step = {
      client: (await live.client.nextMessage(0)).eventChanges,
      production: (await live.production.nextMessage(0)).eventChanges,
    };
    expect(step.client).toMatchObject({ kind: 'BudgetLine.created', entity: { item: 'Room rental', unitCost: null } });
    expect(step.client.after).toMatchObject({ item: 'Room rental' });
    expect(step.client.after).not.toHaveProperty('unitCostMinor');
    expect(step.production).toMatchObject({ kind: 'BudgetLine.created', entity: null, after: {} });
    for (const s of Object.values(live)) s.stop();
    expect(await historyText(s.as.client, eventId(), /^BudgetLine/)).not.toMatch(/Producer|At cost|unitCostMinor/);
    expect(await historyText(s.as.production, eventId(), /^Budget/)).not.toMatch(/Room rental|Show production/);

    // Open book: the client reads net prices and the contracts, still not internal lines or notes.
    as(
      ok(
        await s.as.management(ops.UpdateBudgetDocument, {
          input: { id: mine.budget!.id, expectedVersion: (await budgetAs('management')).budget!.version, pricingModel: 'OPEN_BOOK' },
        }),
      ).updateBudget,
      'UpdateBudgetPayload',
    );
    const open = await budgetAs('client');
    const openRoom = open.budget!.versions.nodes.find((v) => v.name === 'Reforecast')!.lines.nodes.find((l) => l.item === 'Room rental')!;
    expect([openRoom.unitCost?.amount, openRoom.cost?.amount, openRoom.notes]).toEqual(['5000.00', '10000.00', null]);
    expect(open.budget!.summary.total.committed).not.toBeNull();
    expect(open.contracts.totalCount).toBeGreaterThan(0);
    expect(open.budget!.versions.nodes.flatMap((v) => v.lines.nodes).some((l) => l.internal)).toBe(false);
    expect(await historyText(s.as.client, eventId(), /^BudgetLine/)).toMatch(/unitCostMinor/);
    expect(await historyText(s.as.client, eventId(), /^BudgetLine/)).not.toMatch(/Producer|At cost/);
  });
});
