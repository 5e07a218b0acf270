import { describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { historyText } from './helpers/history.js';
import { createContract, createVendor, signContract } from '../src/domain/contracts/contracts.js';
import { allRows, as, gid, having, ok, revisionOf, servedSuite, subscribe, wsClient, type Served } from './helpers/index.js';

/**
 * Venue selection (#19): weighted criteria scored 1–5, candidates ranked and their bids compared in
 * the budget currency; the client reads candidates, scores and site visits but never the bids or
 * management's notes, production none of it (queries, node, history, live); choosing a candidate is
 * not contracting it — only a signed contract with a venue makes it one of the event's venues.
 */

const s = servedSuite();

const eventId = () => gid('Event', s.world.event.id);
const selectionAs = async (who: keyof Served['as'], shortlistOnly = false) =>
  having(ok(await s.as[who](ops.VenueSelectionDocument, { eventId: eventId(), shortlistOnly })).node, 'venueCandidates');

describe('comparing candidates', () => {
  it('ranks candidates by weighted score and compares their bids in the budget currency', async () => {
    const mine = await selectionAs('management');
    const [capacity, transit] = mine.selectionCriteria;
    expect(mine.selectionCriteria.map((c) => [c.name, c.weight])).toEqual([
      ['Capacity', 5],
      ['Transit', 3],
    ]);
    as(
      ok(
        await s.as.management(ops.CreateVenueCandidateDocument, {
          input: {
            eventId: eventId(),
            name: 'Old Town Hall',
            quoteCurrency: 'USD',
            quote: '90000.00',
            status: 'SHORTLISTED',
            dateHoldExpiresOn: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
            scores: [
              { criterionId: capacity!.id, score: 5 },
              { criterionId: transit!.id, score: 2 },
            ],
          },
        }),
      ).createVenueCandidate,
      'CreateVenueCandidatePayload',
    );
    const ranked = (await selectionAs('management')).venueCandidates;
    // (5·4 + 3·5) ÷ 8 = 4.375 → 4.38; (5·5 + 3·2) ÷ 8 = 3.875 → 3.88 (half up, once).
    expect(ranked.map((c) => [c.name, c.weightedScore, c.scoredCriteria, c.quote?.amount, c.quoteInBudgetCurrency?.amount])).toEqual([
      ['Harbour Convention Centre', '4.38', 2, '85000.00', '92182.50'],
      ['Old Town Hall', '3.88', 2, '90000.00', '90000.00'],
    ]);
    expect([ranked[1]!.holdExpiresInDays, ranked[1]!.holdExpiringSoon, ranked[0]!.holdExpiringSoon]).toEqual([
      expect.any(Number),
      true,
      false,
    ]);
    expect(ranked[1]!.holdExpiresInDays).toBeGreaterThanOrEqual(9);
    expect((await selectionAs('management', true)).venueCandidates.map((c) => c.name)).toEqual(['Old Town Hall']);
  });

  it('refuses a score outside 1–5 or on another event’s criterion, changing nothing', async () => {
    const harbour = (await selectionAs('management')).venueCandidates.find((c) => c.name === 'Harbour Convention Centre')!;
    const before = await allRows(s.t.db);
    const wild = ok(
      await s.as.management(ops.UpdateVenueCandidateDocument, {
        input: {
          id: harbour.id,
          expectedVersion: harbour.version,
          scores: [{ criterionId: gid('SelectionCriterion', '00000000-0000-4000-8000-000000000000'), score: 3 }],
        },
      }),
    ).updateVenueCandidate;
    expect(as(wild, 'ValidationError').field).toBe('scores.0.criterionId');
    const criterion = (await selectionAs('management')).selectionCriteria[0]!;
    const high = await s.as.management(ops.UpdateVenueCandidateDocument, {
      input: { id: harbour.id, expectedVersion: harbour.version, scores: [{ criterionId: criterion.id, score: 6 }] },
    });
    expect(JSON.stringify(high)).toMatch(/score.*must be at most 5/);
    expect(await allRows(s.t.db)).toEqual(before);
  });
});

describe('who reads venue selection', () => {
  it('the client reads candidates, scores and site visits, never bids or notes; production none of it — in queries, node, history and live', async () => {
    const from = await revisionOf(s.t.db, s.world.event.id);
    const live = {
      client: subscribe(wsClient(s.url, s.world.client.token), ops.CandidateChangesDocument, { eventId: eventId(), afterRevision: from }),
      production: subscribe(wsClient(s.url, s.world.production.token), ops.CandidateChangesDocument, {
        eventId: eventId(),
        afterRevision: from,
      }),
    };
    const added = as(
      ok(
        await s.as.management(ops.CreateVenueCandidateDocument, {
          input: { eventId: eventId(), name: 'Riverside Forum', quoteCurrency: 'EUR', quote: '70000.00', notes: 'Our fallback' },
        }),
      ).createVenueCandidate,
      'CreateVenueCandidatePayload',
    ).candidate;

    const client = (await selectionAs('client')).venueCandidates;
    const harbour = client.find((c) => c.name === 'Harbour Convention Centre')!;
    expect([harbour.weightedScore, harbour.quote, harbour.quoteInBudgetCurrency, harbour.notes]).toEqual(['4.38', null, null, null]);
    expect(harbour.siteVisits.map((v) => [v.visitedOn, v.attendees, v.notes])).toEqual([
      ['2026-10-12', ['Event manager', 'Client lead'], null],
    ]);
    expect(having(ok(await s.as.client(ops.CandidateNodeDocument, { id: added.id })).node, 'name').quote).toBeNull();
    expect((await selectionAs('production')).venueCandidates).toEqual([]);
    expect(ok(await s.as.production(ops.CandidateNodeDocument, { id: added.id })).node).toBeNull();

    const step = {
      client: (await live.client.nextMessage(0)).eventChanges,
      production: (await live.production.nextMessage(0)).eventChanges,
    };
    expect(step.client).toMatchObject({ kind: 'VenueCandidate.created', entity: { name: 'Riverside Forum', quote: null } });
    expect(step.client.after).not.toHaveProperty('quoteMinor');
    expect(step.client.after).not.toHaveProperty('notes');
    expect(step.production).toMatchObject({ kind: 'VenueCandidate.created', entity: null, after: {} });
    for (const s of Object.values(live)) s.stop();
    expect(await historyText(s.as.client, eventId(), /^(VenueCandidate|SiteVisit)/)).not.toMatch(
      /85000|7000000|Our fallback|Dock is tight|drop 10/,
    );
    expect(await historyText(s.as.production, eventId(), /^(VenueCandidate|SiteVisit)/)).not.toMatch(/Harbour|Riverside/);
  });
});

describe('from candidate to venue', () => {
  it('choosing is not contracting: only a signed contract with a venue makes a candidate the event’s venue', async () => {
    const venuesNow = async () => (await selectionAs('management')).venues.nodes.map((v) => v.name);
    const start = await venuesNow();
    let harbour = (await selectionAs('management')).venueCandidates.find((c) => c.name === 'Harbour Convention Centre')!;
    harbour = as(
      ok(
        await s.as.management(ops.UpdateVenueCandidateDocument, {
          input: { id: harbour.id, expectedVersion: harbour.version, status: 'CHOSEN' },
        }),
      ).updateVenueCandidate,
      'UpdateVenueCandidatePayload',
    ).candidate;
    expect([harbour.status, harbour.venue]).toEqual(['CHOSEN', null]);
    expect(await venuesNow()).toEqual(start);
    const byHand = ok(
      await s.as.management(ops.UpdateVenueCandidateDocument, {
        input: { id: harbour.id, expectedVersion: harbour.version, status: 'CONTRACTED' },
      }),
    ).updateVenueCandidate;
    expect(as(byHand, 'ValidationError').message).toMatch(/contractVenueCandidate/);

    const actor = s.world.management.actor;
    const { result: vendor } = await createVendor(s.t.db, actor, s.world.event.id, {
      name: 'Harbour Convention Centre GmbH',
      kind: 'VENUE',
    });
    const { result: contract } = await createContract(s.t.db, actor, s.world.event.id, {
      vendorId: vendor.id,
      title: 'Venue hire',
      currency: 'EUR',
      value: '85000.00',
    });
    const draft = ok(
      await s.as.management(ops.ContractVenueCandidateDocument, {
        input: { id: harbour.id, expectedVersion: harbour.version, contractId: gid('Contract', contract.id) },
      }),
    ).contractVenueCandidate;
    expect(as(draft, 'ValidationError')).toMatchObject({
      field: 'contractId',
      message: "contractId: is DRAFT: a venue is the event's once its contract is signed",
    });
    expect(await venuesNow()).toEqual(start);

    await signContract(s.t.db, actor, contract.id, contract.version, '2026-12-01');
    const done = as(
      ok(
        await s.as.management(ops.ContractVenueCandidateDocument, {
          input: { id: harbour.id, expectedVersion: harbour.version, contractId: gid('Contract', contract.id) },
        }),
      ).contractVenueCandidate,
      'ContractVenueCandidatePayload',
    ).candidate;
    expect([done.status, done.venue?.name]).toEqual(['CONTRACTED', 'Harbour Convention Centre']);
    expect((await venuesNow()).sort()).toEqual([...start, 'Harbour Convention Centre'].sort());
  });
});
