import { describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { historyText } from './helpers/history.js';
import { assignCrew, createCall, createMember, createVendor, updateVendor } from '../src/domain/crew/crew.js';
import { createRoom } from '../src/domain/venue/venue.js';
import { as, gid, having, ok, revisionOf, servedSuite, subscribe, wsClient, type Served } from './helpers/index.js';

/**
 * Crew calls under labor rules (#18): meal, minimum call, overtime, rest and night rules with the
 * penalty time they cost; floaters; understaffed calls; crew companies' insurance; and who reads
 * what of the crew — through queries, `node`, the history and a live subscription.
 */

const s = servedSuite();

const eventId = () => gid('Event', s.world.event.id);
const warnings = async (who: keyof Served['as'] = 'production') =>
  having(ok(await s.as[who](ops.CrewWarningsDocument, { eventId: eventId() })).node, 'crewWarnings');
const call = async (role: ops.CrewRole, startsAt: string, endsAt: string, more: Partial<Parameters<typeof createCall>[3]> = {}) =>
  (
    await createCall(s.t.db, s.world.production.actor, s.world.event.id, {
      role,
      headcount: 1,
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
      ...more,
    })
  ).result;
const person = async (name: string, role: ops.CrewRole, more: Partial<Parameters<typeof createMember>[3]> = {}) =>
  (await createMember(s.t.db, s.world.production.actor, s.world.event.id, { name, role, ...more })).result;

describe('crew calls under labor rules', () => {
  it('a call that breaks the meal, overtime, rest and night rules shows the penalty time each costs', async () => {
    const rules = as(
      ok(
        await s.as.production(ops.CreateLaborRuleSetDocument, {
          input: { eventId: eventId(), name: 'IATSE Local 16', nightStarts: '00:00', nightEnds: '06:00' },
        }),
      ).createLaborRuleSet,
      'CreateLaborRuleSetPayload',
    ).laborRuleSet;
    expect([rules.nightStarts, rules.nightEnds]).toEqual(['00:00', '06:00']);
    // Half a night window is refused, naming the missing end; so is a time that is not one.
    const half = await s.as.production(ops.CreateLaborRuleSetDocument, {
      input: { eventId: eventId(), name: 'Half', nightStarts: '22:00' },
    });
    expect(as(ok(half).createLaborRuleSet, 'ValidationError').message).toBe('nightEnds: give both ends of the night window, or neither');
    const bad = await s.as.production(ops.CreateLaborRuleSetDocument, {
      input: { eventId: eventId(), name: 'Bad', nightStarts: '25:00', nightEnds: '06:00' },
    });
    expect(as(ok(bad).createLaborRuleSet, 'ValidationError').message).toBe('nightStarts: must be a time of day as HH:MM ("22:00")');

    const alex = await person('Alex Ames', 'A1', { dayRateMinor: 48_000, currency: 'EUR' });
    const ruleSetId = (
      await s.t.db.selectFrom('labor_rule_set').select('id').where('name', '=', 'IATSE Local 16').executeTakeFirstOrThrow()
    ).id;
    // 07:00–19:00 in Berlin, lunch at 13:30 (the rule says by hour 5, 12:00), then back at 03:00 for a 4-hour call.
    const show = await call('A1', '2027-03-02T06:00:00Z', '2027-03-02T18:00:00Z', {
      ruleSetId,
      mealStartsAt: new Date('2027-03-02T12:30:00Z'),
    });
    const early = await call('A1', '2027-03-03T02:00:00Z', '2027-03-03T06:00:00Z', { ruleSetId });
    for (const c of [show, early])
      await assignCrew(s.t.db, s.world.production.actor, { callId: c.id, memberId: alex.id, status: 'CONFIRMED' });

    const seen = (await warnings()).crewWarnings!.filter((w) => w.member?.name === 'Alex Ames');
    expect(seen.map((w) => [w.kind, w.penaltyMinutes, w.penaltyHours, w.costMinor, w.currency])).toEqual([
      // 90 minutes late for lunch: three 30-minute steps at time and a half of 480.00 / 10 h.
      ['MEAL_PENALTY', 90, 1.5, 10_800, 'EUR'],
      // 03:00–06:00 of the early call is night: a quarter on top.
      ['NIGHT_PREMIUM', 180, 3, 3_600, 'EUR'],
      // 12 hours less the unpaid hour's lunch: 11 hours worked, one past straight time.
      ['OVERTIME', 60, 1, 7_200, 'EUR'],
      // 19:00 to 03:00 is 8 hours of rest; 10 are owed.
      ['SHORT_REST', 120, 2, 14_400, 'EUR'],
    ]);
    expect(seen[0]!.message).toBe(
      'Alex Ames (A1) on the A1 call 2027-03-02 07:00–2027-03-02 19:00 has no meal break by hour 5:00 (IATSE Local 16): 90 penalty minutes',
    );
    expect(seen[3]!.message).toBe(
      'Alex Ames (A1) rests 8:00 between the A1 call 2027-03-02 07:00–2027-03-02 19:00 and the A1 call 2027-03-03 03:00–2027-03-03 07:00, less than 10:00 (IATSE Local 16): 120 penalty minutes',
    );
    // A meal break outside its call is refused, and nothing changes.
    const outside = await s.as.production(ops.CreateCrewCallDocument, {
      input: {
        eventId: eventId(),
        role: 'A2',
        headcount: 1,
        startsAt: '2027-03-02T06:00:00Z',
        endsAt: '2027-03-02T10:00:00Z',
        mealStartsAt: '2027-03-02T09:30:00Z',
      },
    });
    expect(as(ok(outside).createCrewCall, 'ValidationError').message).toBe('mealStartsAt: the meal break must fall within the call');
  });

  it('a floater across rooms is one call, not a clash; the same person in two rooms at once is', async () => {
    const { result: second } = await createRoom(s.t.db, s.world.management.actor, s.world.event.id, {
      venueId: s.world.venue.id,
      name: 'Room 2',
      kind: 'BREAKOUT',
    });
    const floater = as(
      ok(
        await s.as.production(ops.CreateCrewCallDocument, {
          input: {
            eventId: eventId(),
            role: 'STAGE_MANAGER',
            headcount: 1,
            startsAt: '2027-03-04T08:00:00Z',
            endsAt: '2027-03-04T12:00:00Z',
            roomIds: [gid('Room', s.world.roomIds[0]!), gid('Room', second.id)],
          },
        }),
      ).createCrewCall,
      'CreateCrewCallPayload',
    ).crewCall;
    expect(floater.rooms.map((r) => r.name)).toEqual(['Room 1', 'Room 2']);
    const sam = await person('Sam Stage', 'STAGE_MANAGER');
    const put = (callId: string, memberId: string) =>
      s.as.production(ops.CreateCrewAssignmentDocument, { input: { callId, memberId: gid('CrewMember', memberId) } });
    expect(as(ok(await put(floater.id, sam.id)).createCrewAssignment, 'CreateCrewAssignmentPayload').crewAssignment).toMatchObject({
      status: 'TENTATIVE',
      call: { assignedCount: 1 },
    });
    const samsWarnings = async () => (await warnings()).crewWarnings!.filter((w) => w.member?.name === 'Sam Stage').map((w) => w.kind);
    expect(await samsWarnings()).toEqual([]);
    // The call is for one: a second person is refused, naming it.
    const other = await person('Pat Stage', 'STAGE_MANAGER');
    expect(as(ok(await put(floater.id, other.id)).createCrewAssignment, 'ValidationError').message).toBe(
      'callId: the call is for 1 STAGE_MANAGER and has them all',
    );
    // Sam also on a call in Room 2 at 09:00: in two places at once.
    const clash = await call('STAGE_MANAGER', '2027-03-04T09:00:00Z', '2027-03-04T13:00:00Z', { roomIds: [second.id] });
    await assignCrew(s.t.db, s.world.production.actor, { callId: clash.id, memberId: sam.id });
    expect(await samsWarnings()).toEqual(['CREW_DOUBLE_BOOKED']);
  });

  it('warns of calls short of people and crew companies without a valid insurance certificate', async () => {
    const { result: led } = await createVendor(s.t.db, s.world.production.actor, s.world.event.id, {
      name: 'Bright Tiles',
      trade: 'LED',
      insuranceExpiresOn: '2027-03-01',
    });
    const tech = await person('Lee Tile', 'LED_TECH', { vendorId: led.id });
    const wall = await call('LED_TECH', '2027-03-04T07:00:00Z', '2027-03-04T15:00:00Z', { headcount: 3 });
    await assignCrew(s.t.db, s.world.production.actor, { callId: wall.id, memberId: tech.id });
    const about = async () =>
      (await warnings()).crewWarnings!.filter((w) => w.calls.some((c) => c.role === 'LED_TECH')).map((w) => [w.kind, w.message]);
    expect(await about()).toEqual([
      ['CALL_UNDERSTAFFED', 'The LED_TECH call 2027-03-04 08:00–2027-03-04 16:00 needs 3 and has 1 (1 tentative)'],
      [
        'INSURANCE_CERTIFICATE_MISSING',
        "Bright Tiles (LED)'s insurance certificate expires 2027-03-01, before their last call on 2027-03-04",
      ],
    ]);
    await updateVendor(s.t.db, s.world.production.actor, led.id, led.version, { insuranceExpiresOn: '2027-12-31' });
    expect((await about()).map(([kind]) => kind)).toEqual(['CALL_UNDERSTAFFED']);
  });
});

describe('who reads what of the crew', () => {
  const PERSONAL = /C01X00T47|X9876543|60000|Mild asthma/;

  it('the client reads roles and headcount, management names and contacts, production everything — in queries, node, history and live', async () => {
    const from = await revisionOf(s.t.db, s.world.event.id);
    const watch = (token: string) =>
      subscribe(wsClient(s.url, token), ops.CrewChangesDocument, { eventId: eventId(), afterRevision: from });
    const live = {
      client: watch(s.world.client.token),
      management: watch(s.world.management.token),
      production: watch(s.world.production.token),
    };
    const created = await s.as.production(ops.CreateCrewMemberDocument, {
      input: {
        eventId: eventId(),
        name: 'Kim Camera',
        role: 'CAMERA',
        passportNumber: 'X9876543',
        medicalNotes: 'Mild asthma',
        dayRateMinor: 40_000,
        currency: 'EUR',
      },
    });
    expect(as(ok(created).createCrewMember, 'CreateCrewMemberPayload').crewMember).toMatchObject({
      name: 'Kim Camera',
      passportNumber: 'X9876543',
    });

    const rigger = await s.t.db.selectFrom('crew_member').select('id').where('name', '=', 'Rae Rigger').executeTakeFirstOrThrow();
    const node = async (who: keyof Served['as']) =>
      having(ok(await s.as[who](ops.CrewMemberSeenDocument, { id: gid('CrewMember', rigger.id) })).node, 'role');
    expect(await node('client')).toEqual({
      name: null,
      role: 'RIGGER',
      phone: null,
      dayRateMinor: null,
      currency: null,
      passportNumber: null,
      medicalNotes: null,
      vendor: { trade: 'Rigging', name: null },
    });
    expect(await node('management')).toEqual({
      name: 'Rae Rigger',
      role: 'RIGGER',
      phone: '+49 170 5550100',
      dayRateMinor: null,
      currency: null,
      passportNumber: null,
      medicalNotes: null,
      vendor: { trade: 'Rigging', name: 'High Point Rigging' },
    });
    expect(await node('production')).toMatchObject({
      name: 'Rae Rigger',
      dayRateMinor: 60_000,
      currency: 'EUR',
      passportNumber: 'C01X00T47',
    });

    // The client reads headcount per role, not the warnings (they name people); management reads them without what they cost.
    const client = having(ok(await s.as.client(ops.CrewWarningsDocument, { eventId: eventId() })).node, 'crewHeadcount');
    expect(client.crewWarnings).toBeNull();
    expect(client.crewHeadcount.find((h) => h.role === 'RIGGER')).toEqual({ role: 'RIGGER', needed: 2, assigned: 1, confirmed: 0 });
    const management = (await warnings('management')).crewWarnings!;
    expect(management.length).toBeGreaterThan(0);
    expect(management.every((w) => w.costMinor === null && w.currency === null)).toBe(true);

    const historyAs = (who: keyof Served['as']) => historyText(s.as[who], eventId(), /^CrewMember/);
    const managementHistory = await historyAs('management');
    expect(managementHistory).toContain('Kim Camera');
    expect(managementHistory).not.toMatch(PERSONAL);
    const clientHistory = await historyAs('client');
    expect(clientHistory).toContain('CrewMember.created');
    expect(clientHistory).not.toMatch(/Kim Camera|Rae Rigger|\+49 170/);
    expect(clientHistory).not.toMatch(PERSONAL);
    expect(await historyAs('production')).toMatch(/X9876543/);

    const [toClient, toManagement, toProduction] = await Promise.all([
      live.client.nextMessage(0),
      live.management.nextMessage(0),
      live.production.nextMessage(0),
    ]);
    expect(toClient.eventChanges.entity).toEqual({ name: null, role: 'CAMERA', passportNumber: null, dayRateMinor: null });
    expect(JSON.stringify(toClient.eventChanges.after)).not.toMatch(/Kim Camera|X9876543|Mild asthma/);
    expect(toManagement.eventChanges.entity).toEqual({ name: 'Kim Camera', role: 'CAMERA', passportNumber: null, dayRateMinor: null });
    expect(JSON.stringify(toManagement.eventChanges.after)).not.toMatch(/X9876543|Mild asthma|40000/);
    expect(toProduction.eventChanges.entity).toMatchObject({ passportNumber: 'X9876543', dayRateMinor: 40_000 });
    for (const s of Object.values(live)) s.stop();
  });
});
