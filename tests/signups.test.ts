import { print } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { createSession } from '../src/domain/schedule/schedule.js';
import { createAttendee } from '../src/domain/registration/registration.js';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { allRows, as, gid, having, ok, servedWorld, sleep, subscribe, until, wsClient, type TestDatabase } from './helpers/index.js';

/**
 * Sign-ups for sessions (#17): capacity as planners count it (fire-code limit, seats set, cap), a
 * waitlist served in arrival order with its own cap and close date, offers with a claim deadline
 * once it has closed, overlap refusals, and check-ins recorded once — through the real server.
 */

type Served = Awaited<ReturnType<typeof servedWorld>>;
let t: TestDatabase;
let url: string;
let world: Served['world'];
let as_: Served['as'];

beforeAll(async () => {
  // Due work (unclaimed offers) is looked at every 100 ms here, not every second; and one token may
  // send the rush below at once (a registration site's sign-ups come from many people, not one token).
  ({
    t,
    url,
    world,
    as: as_,
  } = await servedWorld(
    { rooms: 2, sessionsPerRoom: 1, cuesPerSession: 1 },
    { followPollMs: 100, limits: { mutationBurst: 1000, mutationsPerMinute: 10_000 } },
  ));
});

let serial = 0;
const m = () => world.management.actor;
const eventId = () => world.event.id;
const at = (hhmm: string) => new Date(`2027-03-01T${hhmm}:00Z`);

async function session(room: number, from: string, to: string, title = `Breakout ${++serial}`) {
  const { result } = await createSession(t.db, m(), eventId(), {
    title,
    kind: 'BREAKOUT',
    roomId: world.roomIds[room]!,
    startsAt: at(from),
    endsAt: at(to),
  });
  return result;
}
async function people(n: number, status: 'REGISTERED' | 'INVITED' = 'REGISTERED') {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { result } = await createAttendee(t.db, m(), eventId(), { name: `Person ${++serial}`, email: `p${serial}@client.test`, status });
    ids.push(result.id);
  }
  return ids;
}
const signUp = (attendeeId: string, sessionId: string) =>
  as_.management(ops.RegisterForSessionDocument, {
    input: { attendeeId: gid('Attendee', attendeeId), sessionId: gid('Session', sessionId) },
  });
const seated = async (attendeeId: string, sessionId: string) =>
  as(ok(await signUp(attendeeId, sessionId)).registerForSession, 'RegisterForSessionPayload');
const refused = async (attendeeId: string, sessionId: string) =>
  as(ok(await signUp(attendeeId, sessionId)).registerForSession, 'ValidationError');
async function setCapacity(sessionId: string, input: Omit<ops.SetSessionCapacityInput, 'sessionId' | 'expectedVersion'>) {
  const { version } = await t.db.selectFrom('session').select('version').where('id', '=', sessionId).executeTakeFirstOrThrow();
  return ok(
    await as_.management(ops.SetSessionCapacityDocument, {
      input: { sessionId: gid('Session', sessionId), expectedVersion: version, ...input },
    }),
  ).setSessionCapacity;
}
const signUps = async (sessionId: string, status?: ops.SessionRegistrationStatus) => {
  const node = ok(await as_.management(ops.SessionSignUpsDocument, { id: gid('Session', sessionId), status })).node;
  return having(node, 'registrations');
};
const cancel = async (id: string) => ok(await as_.management(ops.CancelSignUpDocument, { input: { id } })).deleteSessionRegistration;

describe('sign-ups for sessions', () => {
  it('seat up to the cap, then queue in arrival order; a cancellation seats the first in line in the same change', async () => {
    const s = await session(0, '08:00', '08:45');
    as(await setCapacity(s.id, { capacity: 2, waitlistCapacity: 2 }), 'SetSessionCapacityPayload');
    const [a, b, c, d, e] = await people(5);
    expect((await seated(a!, s.id)).sessionRegistration.status).toBe('REGISTERED');
    expect((await seated(b!, s.id)).sessionRegistration.status).toBe('REGISTERED');
    const third = await seated(c!, s.id);
    expect(third.sessionRegistration).toMatchObject({
      status: 'WAITLISTED',
      session: { seatsTaken: 2, waitlistCount: 1, seatsLeft: 0, seatLimit: 2 },
    });
    await seated(d!, s.id);

    const before = await allRows(t.db);
    expect(await refused(e!, s.id)).toMatchObject({ field: 'sessionId', message: 'sessionId: is full, and so is its waitlist (2)' });
    expect(await refused(a!, s.id)).toMatchObject({ message: 'sessionId: they are already REGISTERED for this session' });
    expect(await allRows(t.db)).toEqual(before);

    const first = (await signUps(s.id, 'REGISTERED')).registrations.nodes[0]!;
    const cancelled = as(await cancel(first.id), 'DeleteSessionRegistrationPayload');
    const change = await t.db
      .selectFrom('change')
      .selectAll()
      .where('event_id', '=', eventId())
      .where('revision', '=', cancelled.revision!)
      .executeTakeFirstOrThrow();
    expect(change.kind).toBe('SessionRegistration.cancelled');
    expect(change.after).toMatchObject({
      promoted: [{ attendeeId: c, status: 'REGISTERED' }],
      seats: { seatsTaken: 2, waitlistCount: 1, seatsLeft: 0 },
    });
    const now = await signUps(s.id);
    expect(now.registrations.nodes.map((r) => [r.attendee.id, r.status])).toEqual([
      [gid('Attendee', b!), 'REGISTERED'],
      [gid('Attendee', c!), 'REGISTERED'],
      [gid('Attendee', d!), 'WAITLISTED'],
    ]);
    // Raising the cap serves the line in the same change.
    const raised = as(await setCapacity(s.id, { capacity: 5 }), 'SetSessionCapacityPayload');
    expect(raised.session).toMatchObject({ capacity: 5, seatsTaken: 3, waitlistCount: 0, seatsLeft: 2 });
  });

  it('refuse people not registered for the event, sign-ups that overlap, and closed sessions, naming why and writing nothing', async () => {
    const morning = await session(0, '09:00', '10:00', 'Pipeline clinic');
    const overlapping = await session(1, '09:30', '10:30');
    const later = await session(1, '10:00', '11:00');
    const [invited] = await people(1, 'INVITED');
    const [x] = await people(1);
    await seated(x!, morning.id);
    const before = await allRows(t.db);
    expect(await refused(invited!, morning.id)).toMatchObject({
      field: 'attendeeId',
      message: 'attendeeId: is INVITED for the event; only REGISTERED attendees sign up for sessions',
    });
    expect(await refused(x!, overlapping.id)).toMatchObject({
      field: 'sessionId',
      message: 'sessionId: overlaps "Pipeline clinic" (2027-03-01T09:00:00.000Z – 2027-03-01T10:00:00.000Z), which they are REGISTERED for',
    });
    expect(await allRows(t.db)).toEqual(before);
    // Back to back is not an overlap.
    expect((await seated(x!, later.id)).sessionRegistration.status).toBe('REGISTERED');
    // Someone holding seats can neither leave the event nor be deleted until the seats are given back.
    const attendee = await t.db.selectFrom('attendee').select('version').where('id', '=', x!).executeTakeFirstOrThrow();
    const leaving = ok(
      await as_.management(ops.UpdateAttendeeDocument, {
        input: { id: gid('Attendee', x!), expectedVersion: attendee.version, status: 'CANCELLED' },
      }),
    ).updateAttendee;
    expect(as(leaving, 'ValidationError')).toMatchObject({
      field: 'status',
      message: expect.stringContaining('cancel those sign-ups first'),
    });
  });

  it("never seat more than the room's fire-code limit: the cap, the room and its limit all respect it", async () => {
    const s = await session(1, '12:00', '13:00');
    const room = await t.db.selectFrom('room').select(['id', 'version']).where('id', '=', world.roomIds[1]!).executeTakeFirstOrThrow();
    const fire = as(
      ok(
        await as_.management(ops.SetFireCodeDocument, {
          input: { id: gid('Room', room.id), expectedVersion: room.version, fireCodeCapacity: 2 },
        }),
      ).updateRoom,
      'UpdateRoomPayload',
    );
    expect(fire.room.fireCodeCapacity).toBe(2);
    expect(as(await setCapacity(s.id, { capacity: 3 }), 'ValidationError')).toMatchObject({
      field: 'capacity',
      message: "capacity: is above the room's fire-code limit of 2",
    });
    // No cap at all: the fire-code limit is what sign-ups fill.
    const [a, b, c] = await people(3);
    await seated(a!, s.id);
    await seated(b!, s.id);
    expect((await seated(c!, s.id)).sessionRegistration).toMatchObject({ status: 'WAITLISTED', session: { seatLimit: 2, seatsLeft: 0 } });
    const lower = ok(
      await as_.management(ops.SetFireCodeDocument, {
        input: { id: gid('Room', room.id), expectedVersion: fire.room.version, fireCodeCapacity: 1 },
      }),
    ).updateRoom;
    expect(as(lower, 'ValidationError')).toMatchObject({
      field: 'fireCodeCapacity',
      message: expect.stringContaining('above the fire-code limit of 1'),
    });
  });

  it('after the waitlist closes, offer a freed seat with a deadline; an unclaimed offer passes to the next in line by itself', async () => {
    const s = await session(0, '14:00', '15:00');
    as(await setCapacity(s.id, { capacity: 1, claimMinutes: 30 }), 'SetSessionCapacityPayload');
    const [a, b, c, late] = await people(4);
    const seat = await seated(a!, s.id);
    await seated(b!, s.id);
    await seated(c!, s.id);
    as(await setCapacity(s.id, { waitlistClosesAt: new Date(Date.now() - 1000).toISOString() }), 'SetSessionCapacityPayload');
    expect(await refused(late!, s.id)).toMatchObject({ message: expect.stringContaining('is full, and its waitlist closed at') });

    as(await cancel(seat.sessionRegistration.id), 'DeleteSessionRegistrationPayload');
    const offered = (await signUps(s.id, 'OFFERED')).registrations.nodes;
    expect(offered.map((r) => r.attendee.id)).toEqual([gid('Attendee', b!)]);
    const deadline = new Date(offered[0]!.offeredUntil as string).getTime();
    expect(Math.abs(deadline - (Date.now() + 30 * 60_000))).toBeLessThan(60_000);
    // The seat is held for them: nobody else takes it meanwhile.
    expect((await signUps(s.id)).seatsLeft).toBe(0);

    // Their half hour passes unclaimed (the clock moved on): the seat is offered to the next in line, by itself.
    await t.db
      .updateTable('session_registration')
      .set({ offered_until: new Date(Date.now() - 1000) })
      .where('id', '=', decodeGlobalID(offered[0]!.id).id)
      .execute();
    let next: string[] = [];
    for (const end = Date.now() + 10_000; Date.now() < end && next[0] !== gid('Attendee', c!); await sleep(100))
      next = (await signUps(s.id, 'OFFERED')).registrations.nodes.map((r) => r.attendee.id);
    expect(next).toEqual([gid('Attendee', c!)]);
    const expired = await t.db
      .selectFrom('change')
      .select(['kind', 'actor_user_id'])
      .where('event_id', '=', eventId())
      .where('kind', '=', 'SessionRegistration.offerExpired')
      .execute();
    expect(expired).toEqual([{ kind: 'SessionRegistration.offerExpired', actor_user_id: null }]);

    const claim = ok(
      await as_.management(ops.ClaimSessionSeatDocument, { input: { id: (await signUps(s.id, 'OFFERED')).registrations.nodes[0]!.id } }),
    ).claimSessionSeat;
    expect(as(claim, 'ClaimSessionSeatPayload').sessionRegistration).toMatchObject({
      status: 'REGISTERED',
      offeredUntil: null,
      session: { seatsTaken: 1 },
    });
  });
});

describe('seat counts, live', () => {
  it('reach an eventChanges subscriber with every sign-up: seats taken, waitlist and seats left', async () => {
    const s = await session(0, '17:00', '18:00');
    as(await setCapacity(s.id, { capacity: 1 }), 'SetSessionCapacityPayload');
    const [a, b] = await people(2);
    const { revision } = await t.db.selectFrom('event').select('revision').where('id', '=', eventId()).executeTakeFirstOrThrow();
    const live = subscribe(wsClient(url, world.production.token), ops.SeatChangesDocument, {
      eventId: gid('Event', eventId()),
      afterRevision: revision,
    });
    await seated(a!, s.id);
    await seated(b!, s.id);
    expect(await until(() => live.received.length >= 2)).toBe(true);
    expect(live.received.map((m) => [m.eventChanges.kind, (m.eventChanges.after as { seats: unknown }).seats])).toEqual([
      ['SessionRegistration.created', { seatsTaken: 1, waitlistCount: 0, seatsLeft: 0 }],
      ['SessionRegistration.created', { seatsTaken: 1, waitlistCount: 1, seatsLeft: 0 }],
    ]);
  });
});

describe('check-in', () => {
  it('is recorded once per day and per session: checking in again changes nothing', async () => {
    const [a] = await people(1);
    const [invited] = await people(1, 'INVITED');
    const desk = { attendeeId: gid('Attendee', a!), day: '2027-03-02' };
    const first = as(ok(await as_.management(ops.CheckInDocument, { input: desk })).checkIn, 'CheckInPayload');
    expect(first.revision).not.toBeNull();
    const again = as(ok(await as_.management(ops.CheckInDocument, { input: desk })).checkIn, 'CheckInPayload');
    expect(again).toMatchObject({ revision: null, checkIn: { id: first.checkIn.id } });
    // At a session's door: its day is the session's.
    const door = as(
      ok(
        await as_.management(ops.CheckInDocument, {
          input: { attendeeId: desk.attendeeId, sessionId: gid('Session', world.sessionIds[0]!) },
        }),
      ).checkIn,
      'CheckInPayload',
    );
    expect(door.checkIn).toMatchObject({ day: '2027-03-01', session: { id: gid('Session', world.sessionIds[0]!) } });
    const listed = ok(await as_.management(ops.CheckInsDocument, { eventId: gid('Event', eventId()), day: '2027-03-02' })).node;
    expect(having(listed, 'checkIns').checkIns.nodes.map((c) => c.attendee.name)).toContain(
      (await t.db.selectFrom('attendee').select('name').where('id', '=', a!).executeTakeFirstOrThrow()).name,
    );

    const before = await allRows(t.db);
    const notComing = ok(
      await as_.management(ops.CheckInDocument, { input: { attendeeId: gid('Attendee', invited!), day: '2027-03-01' } }),
    ).checkIn;
    expect(as(notComing, 'ValidationError')).toMatchObject({ field: 'attendeeId', message: expect.stringContaining('is INVITED') });
    const wrongDay = ok(await as_.management(ops.CheckInDocument, { input: { attendeeId: desk.attendeeId, day: '2027-04-01' } })).checkIn;
    expect(as(wrongDay, 'ValidationError')).toMatchObject({
      field: 'day',
      message: 'day: 2027-04-01 is not a day of the event (2027-03-01 – 2027-03-02)',
    });
    const refusedByProduction = ok(
      await as_.production(ops.CheckInDocument, { input: { attendeeId: desk.attendeeId, day: '2027-03-01' } }),
    ).checkIn;
    expect(refusedByProduction.__typename).toBe('ForbiddenError');
    expect(await allRows(t.db)).toEqual(before);
  });
});

describe('a rush of sign-ups through the real server', () => {
  it('seats exactly 100 of 500 concurrent sign-ups, queues 400 in arrival order, and 30 cancellations promote exactly 30', async () => {
    const s = await session(0, '16:00', '17:00', 'Keynote overflow');
    as(await setCapacity(s.id, { capacity: 100 }), 'SetSessionCapacityPayload');
    const crowd = await people(500);
    const http = url.replace('ws', 'http');
    type Answer = {
      data?: { registerForSession?: { __typename: string; message?: string } };
      errors?: { extensions?: { code?: string } }[];
    };
    // As a registration site does: a request the server could not take now (SERVICE_UNAVAILABLE: no
    // database connection free in time on a busy machine) is sent again; "already signed up" means
    // the first one landed.
    const post = async (query: string, variables: Record<string, unknown>): Promise<Answer> => {
      for (;;) {
        const answer = (await fetch(http, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${world.management.token}` },
          body: JSON.stringify({ query, variables }),
        }).then((r) => r.json())) as Answer;
        if (answer.errors?.[0]?.extensions?.code !== 'SERVICE_UNAVAILABLE') return answer;
        await sleep(200 + Math.random() * 300);
      }
    };
    const { revision: start } = await t.db.selectFrom('event').select('revision').where('id', '=', eventId()).executeTakeFirstOrThrow();

    const answers = await Promise.all(
      crowd.map((attendeeId) =>
        post(print(ops.RegisterForSessionDocument), {
          input: { attendeeId: gid('Attendee', attendeeId), sessionId: gid('Session', s.id) },
        }),
      ),
    );
    const odd = answers.filter(
      (a) =>
        a.data?.registerForSession?.__typename !== 'RegisterForSessionPayload' && !a.data?.registerForSession?.message?.includes('already'),
    );
    expect(odd.slice(0, 3), `${odd.length} of 500 sign-ups were not served`).toEqual([]);
    const after = await signUps(s.id);
    expect(after).toMatchObject({ seatsTaken: 100, waitlistCount: 400, seatsLeft: 0 });
    // Arrival order is the order the server served them in: the waitlist's order is the order of their revisions.
    const rows = await t.db
      .selectFrom('session_registration')
      .select(['id', 'status', 'position'])
      .where('session_id', '=', s.id)
      .orderBy('position')
      .execute();
    const revisionOf = new Map(
      (
        await t.db
          .selectFrom('change')
          .select(['entity_id', 'revision'])
          .where('event_id', '=', eventId())
          .where('kind', '=', 'SessionRegistration.created')
          .execute()
      ).map((c) => [c.entity_id, c.revision]),
    );
    const revisions = rows.map((r) => revisionOf.get(r.id)!);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(rows.slice(0, 100).every((r) => r.status === 'REGISTERED')).toBe(true);
    expect(rows.slice(100).every((r) => r.status === 'WAITLISTED')).toBe(true);

    // 30 cancel at once: exactly 30 are seated from the front of the line, never more than 100 seats taken.
    const leaving = rows.slice(0, 30);
    const cancels = await Promise.all(
      leaving.map((r) => post(print(ops.CancelSignUpDocument), { input: { id: gid('SessionRegistration', r.id) } })),
    );
    expect(cancels.every((c) => JSON.stringify(c).includes('DeleteSessionRegistrationPayload'))).toBe(true);
    expect(await signUps(s.id)).toMatchObject({ seatsTaken: 100, waitlistCount: 370, seatsLeft: 0 });
    const seatedNow = await t.db
      .selectFrom('session_registration')
      .select('id')
      .where('session_id', '=', s.id)
      .where('status', '=', 'REGISTERED')
      .orderBy('position')
      .execute();
    expect(seatedNow.map((r) => r.id)).toEqual(rows.slice(30, 130).map((r) => r.id));
    // Every change's seat count stayed within the limit, and the revisions have no gap.
    const changes = await t.db
      .selectFrom('change')
      .select(['revision', 'after'])
      .where('event_id', '=', eventId())
      .where('revision', '>', start)
      .orderBy('revision')
      .execute();
    expect(changes.map((c) => c.revision)).toEqual(changes.map((_, i) => start + 1 + i));
    expect(changes).toHaveLength(530);
    expect(Math.max(...changes.map((c) => (c.after as { seats: { seatsTaken: number } }).seats.seatsTaken))).toBe(100);
  });
});
