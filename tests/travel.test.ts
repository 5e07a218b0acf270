import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { addSessionSpeaker, createSpeaker } from '../src/domain/schedule/schedule.js';
import { updateEvent } from '../src/domain/event/event.js';
import { allRows, as, gid, having, ok, revisionOf, servedWorld, subscribe, wsClient, type TestDatabase } from './helpers/index.js';

/**
 * Travel (#17): legs and transfer waves, the warnings an event manager watches (a passenger with no
 * transfer, an overfull van, a flight changed after the manifest went out, a speaker landing too
 * late or leaving too early), and who may read whose travel: production reads speakers' legs and
 * of anyone else's only that it exists — in lists, through `node`, in the history and live.
 */

type Served = Awaited<ReturnType<typeof servedWorld>>;
let t: TestDatabase;
let url: string;
let world: Served['world'];
let as_: Served['as'];
let keynoteSpeaker: string;

beforeAll(async () => {
  ({ t, url, world, as: as_ } = await servedWorld());
  // The world's one session starts at 2027-03-01 08:00 UTC; its keynote speaker flies in.
  const { result } = await createSpeaker(t.db, world.management.actor, world.event.id, { name: 'Kim Keynote' });
  await addSessionSpeaker(t.db, world.management.actor, { sessionId: world.sessionIds[0]!, speakerId: result.id, role: 'PRESENTER' });
  keynoteSpeaker = result.id;
});

const eventId = () => gid('Event', world.event.id);
const leg = async (input: Partial<ops.CreateTravelLegInput>) =>
  as(
    ok(
      await as_.management(ops.CreateTravelLegDocument, {
        input: {
          eventId: eventId(),
          direction: 'ARRIVAL',
          mode: 'FLIGHT',
          from: 'FRA',
          to: 'BER',
          departsAt: '2027-02-28T15:00:00Z',
          arrivesAt: '2027-02-28T16:10:00Z',
          ...input,
        },
      }),
    ).createTravelLeg,
    'CreateTravelLegPayload',
  ).travelLeg;
const warnings = async (who: 'management' | 'production' | 'client' = 'management') =>
  having(ok(await as_[who](ops.TravelWarningsDocument, { eventId: eventId() })).node, 'travelWarnings').travelWarnings;
const kinds = async (who?: 'management' | 'production' | 'client') => (await warnings(who)).map((w) => w.kind).sort();

describe('travel warnings', () => {
  it('warn about passengers without a transfer, an overfull wave and a flight changed after the manifest; each clears when fixed', async () => {
    const wave = as(
      ok(
        await as_.management(ops.CreateTransferWaveDocument, {
          input: {
            eventId: eventId(),
            name: 'BER T1 Sunday',
            direction: 'ARRIVAL',
            terminal: 'T1',
            windowStart: '2027-02-28T14:00:00Z',
            windowEnd: '2027-02-28T18:00:00Z',
            vehicle: 'Sedan',
            vehicleCapacity: 1,
          },
        }),
      ).createTransferWave,
      'CreateTransferWavePayload',
    ).transferWave;
    expect(wave.seats).toBe(1);
    // The world's attendee (Dana, LH 454) has no transfer yet.
    expect((await warnings()).find((w) => w.kind === 'UNASSIGNED_PASSENGER')!.message).toMatch(
      /^Dana Whitfield \(LH 454, lands 2027-02-28 18:10\) is in no transfer wave$/,
    );
    const dana = await t.db
      .selectFrom('travel_leg')
      .select(['id', 'version'])
      .where('attendee_id', '=', world.attendeeId)
      .executeTakeFirstOrThrow();
    ok(
      await as_.management(ops.UpdateTravelLegDocument, {
        input: { id: gid('TravelLeg', dana.id), expectedVersion: dana.version, transferWaveId: wave.id },
      }),
    );
    const second = await leg({ attendeeId: gid('Attendee', world.attendeeId), carrier: 'EW', number: '8040', transferWaveId: wave.id });
    expect(await kinds()).toEqual(['WAVE_OVERFULL']);
    expect((await warnings())[0]!.message).toBe('BER T1 Sunday: 2 passengers for 1 seats (1 × Sedan of 1)');

    // Two cars instead of one; the manifest goes out; then a flight changes.
    const w1 = as(
      ok(
        await as_.management(ops.UpdateTransferWaveDocument, {
          input: { id: wave.id, expectedVersion: wave.version, vehicles: 2, manifestSent: true },
        }),
      ).updateTransferWave,
      'UpdateTransferWavePayload',
    ).transferWave;
    expect(w1.manifestSentAt).not.toBeNull();
    expect(await kinds()).toEqual([]);
    await new Promise((r) => setTimeout(r, 5));
    ok(
      await as_.management(ops.UpdateTravelLegDocument, {
        input: { id: second.id, expectedVersion: second.version, number: '8042', arrivesAt: '2027-02-28T17:40:00Z' },
      }),
    );
    expect(await warnings()).toEqual([
      expect.objectContaining({
        kind: 'CHANGED_AFTER_MANIFEST',
        message: expect.stringMatching(/^Dana Whitfield's EW 8042 changed after BER T1 Sunday's manifest was sent/),
        transferWave: { name: 'BER T1 Sunday' },
      }),
    ]);
    ok(await as_.management(ops.UpdateTransferWaveDocument, { input: { id: wave.id, expectedVersion: w1.version, manifestSent: true } }));
    expect(await kinds()).toEqual([]);
  });

  it("warn when a speaker lands less than the event's buffer before their first session, or leaves before their last ends", async () => {
    // Lands 07:00 for an 08:00 session: 60 minutes, the event wants 120.
    const arrival = await leg({
      speakerId: gid('Speaker', keynoteSpeaker),
      mode: 'CAR',
      from: 'Hotel Adlon',
      to: 'Venue',
      departsAt: '2027-03-01T06:40:00Z',
      arrivesAt: '2027-03-01T07:00:00Z',
    });
    const late = (await warnings()).find((w) => w.kind === 'SPEAKER_LANDS_LATE')!;
    expect(late.message).toMatch(
      /^Kim Keynote lands 2027-03-01 08:00 \(car\), 60 minutes before their first session "Session 1.1" at 2027-03-01 09:00; the event wants 120$/,
    );
    expect(late.speaker).toEqual({ name: 'Kim Keynote' });
    // Production sees it too: it must know when the keynote lands.
    expect(await kinds('production')).toContain('SPEAKER_LANDS_LATE');
    // A smaller buffer clears it.
    const { version } = await t.db.selectFrom('event').select('version').where('id', '=', world.event.id).executeTakeFirstOrThrow();
    await updateEvent(t.db, world.management.actor, world.event.id, version, { speakerArrivalBufferMinutes: 45 });
    expect(await kinds()).not.toContain('SPEAKER_LANDS_LATE');
    const departure = await leg({
      speakerId: gid('Speaker', keynoteSpeaker),
      direction: 'DEPARTURE',
      mode: 'CAR',
      from: 'Venue',
      to: 'BER',
      departsAt: '2027-03-01T08:30:00Z',
      arrivesAt: '2027-03-01T09:00:00Z',
    });
    expect((await warnings()).find((w) => w.kind === 'SPEAKER_LEAVES_EARLY')!.message).toMatch(
      /^Kim Keynote leaves 2027-03-01 09:30 \(car\), before their last session "Session 1.1" ends at/,
    );
    ok(
      await as_.management(ops.UpdateTravelLegDocument, {
        input: {
          id: departure.id,
          expectedVersion: departure.version,
          departsAt: '2027-03-01T12:00:00Z',
          arrivesAt: '2027-03-01T12:40:00Z',
        },
      }),
    );
    expect(await kinds()).not.toContain('SPEAKER_LEAVES_EARLY');
    expect(arrival.speaker).toEqual({ name: 'Kim Keynote' });
  });

  it('refuse a leg of nobody or of two people, one that lands before it leaves, or a wave going the other way, writing nothing', async () => {
    const before = await allRows(t.db);
    const make = async (input: Partial<ops.CreateTravelLegInput>) =>
      as(
        ok(
          await as_.management(ops.CreateTravelLegDocument, {
            input: {
              eventId: eventId(),
              direction: 'ARRIVAL',
              mode: 'TRAIN',
              from: 'Hamburg',
              to: 'Berlin',
              departsAt: '2027-02-28T10:00:00Z',
              arrivesAt: '2027-02-28T12:00:00Z',
              ...input,
            },
          }),
        ).createTravelLeg,
        'ValidationError',
      );
    expect(await make({})).toMatchObject({ field: 'attendeeId', message: expect.stringContaining('give one of attendeeId and speakerId') });
    expect(await make({ attendeeId: gid('Attendee', world.attendeeId), arrivesAt: '2027-02-28T09:00:00Z' })).toMatchObject({
      field: 'arrivesAt',
    });
    const departures = await t.db
      .insertInto('transfer_wave')
      .values({
        event_id: world.event.id,
        name: 'To the airport',
        direction: 'DEPARTURE',
        window_start: new Date('2027-03-02T10:00:00Z'),
        window_end: new Date('2027-03-02T12:00:00Z'),
        vehicle_capacity: 8,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = await allRows(t.db);
    expect(await make({ attendeeId: gid('Attendee', world.attendeeId), transferWaveId: gid('TransferWave', departures.id) })).toMatchObject(
      {
        field: 'transferWaveId',
        message: 'transferWaveId: To the airport takes departures; this leg is an arrival',
      },
    );
    expect(await allRows(t.db)).toEqual(after);
    await t.db.deleteFrom('transfer_wave').where('id', '=', departures.id).execute();
    expect(await allRows(t.db)).toEqual(before);
  });
});

describe('who reads whose travel', () => {
  it("shows production a speaker's legs, and of an attendee's only that it exists: in lists, through node, in the history and live", async () => {
    const from = await revisionOf(t.db, world.event.id);
    const live = subscribe(wsClient(url, world.production.token), ops.TravelChangesDocument, { eventId: eventId(), afterRevision: from });
    const private_ = await leg({
      attendeeId: gid('Attendee', world.attendeeId),
      carrier: 'BA',
      number: '982',
      from: 'LHR',
      terminal: 'T5',
    });
    const speakers = await leg({ speakerId: gid('Speaker', keynoteSpeaker), carrier: 'LX', number: '974', from: 'ZRH' });
    const [first, second] = [await live.nextMessage(0), await live.nextMessage(1)];
    expect(first.eventChanges.entity).toEqual({ carrier: null, number: null });
    expect(JSON.stringify(first)).not.toMatch(/"BA"|"982"|LHR|"T5"/);
    expect(second.eventChanges.entity).toEqual({ carrier: 'LX', number: '974' });
    live.stop();

    const node = having(ok(await as_.production(ops.TravelLegNodeDocument, { id: private_.id })).node, 'direction');
    expect(node).toMatchObject({
      direction: 'ARRIVAL',
      mode: 'FLIGHT',
      carrier: null,
      number: null,
      from: null,
      to: null,
      arrivesAt: null,
      attendee: null,
    });
    expect(having(ok(await as_.production(ops.TravelLegNodeDocument, { id: speakers.id })).node, 'direction')).toMatchObject({
      carrier: 'LX',
      from: 'ZRH',
      speaker: { name: 'Kim Keynote' },
    });
    const list = JSON.stringify(ok(await as_.production(ops.TravelLegsDocument, { eventId: eventId() })));
    expect(list).toContain('LX');
    expect(list).not.toMatch(/"BA"|"982"|LHR|"LH"|"454"|Dana/);
    const history = JSON.stringify(ok(await as_.production(ops.TravelHistoryDocument, { eventId: eventId() })));
    expect(history).toContain('TravelLeg.created');
    expect(history).not.toMatch(/"BA"|"982"|LHR|"LH"|"454"/);
    expect(JSON.stringify(await warnings('production'))).not.toMatch(/Dana/);

    // The client reads its people's travel (duty of care), in full.
    expect(having(ok(await as_.client(ops.TravelLegNodeDocument, { id: private_.id })).node, 'direction')).toMatchObject({
      carrier: 'BA',
      number: '982',
      attendee: { name: 'Dana Whitfield' },
    });
    // Only management writes it.
    for (const who of ['production', 'client'] as const) {
      const refused = ok(
        await as_[who](ops.UpdateTravelLegDocument, { input: { id: speakers.id, expectedVersion: speakers.version, number: '975' } }),
      ).updateTravelLeg;
      expect(refused.__typename).toBe('ForbiddenError');
    }
  });
});
