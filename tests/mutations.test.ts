import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { createEvent } from '../src/domain/event/event.js';
import { createCue } from '../src/domain/runofshow/runofshow.js';
import { createSession } from '../src/domain/schedule/schedule.js';
import * as ops from './gql/graphql.js';
import { useTestDatabase, type TestDatabase } from './helpers/db.js';
import { as, client, having, ok } from './helpers/graphql.js';
import { allRows, gid, makeWorld } from './helpers/world.js';
import { revisionOf } from './helpers/live.js';

let t: TestDatabase;
let app: App;
let world: Awaited<ReturnType<typeof makeWorld>>;
let mgmt: ReturnType<typeof client>;
let prod: ReturnType<typeof client>;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db });
  world = await makeWorld(t.db, { rooms: 2, sessionsPerRoom: 2, cuesPerSession: 3 });
  mgmt = client(app, world.management.token);
  prod = client(app, world.production.token);
});

/** Everything a refused mutation must leave alone: the event's revision and every table's rows. */
const snapshot = () => allRows(t.db);

async function expectNothingWritten<T>(action: () => Promise<T>): Promise<T> {
  const before = await snapshot();
  const result = await action();
  expect(await snapshot()).toEqual(before);
  return result;
}

const revision = () => revisionOf(t.db, world.event.id);

async function lastChange() {
  return t.db
    .selectFrom('change')
    .selectAll()
    .where('event_id', '=', world.event.id)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

const eventId = () => gid('Event', world.event.id);

/** A session of its own for a test: 09:00–10:00 Berlin on day one, in the first room, at version 1. */
async function newSession(): Promise<string> {
  const { result } = await createSession(t.db, world.management.actor, world.event.id, {
    title: 'Opening Keynote',
    kind: 'KEYNOTE',
    roomId: world.roomIds[0]!,
    startsAt: new Date('2027-03-01T08:00:00Z'),
    endsAt: new Date('2027-03-01T09:00:00Z'),
  });
  return gid('Session', result.id);
}

describe('sessions', () => {
  it('creates a session, taking the next revision and recording who did it', async () => {
    const before = await revision();
    const data = ok(
      await mgmt(ops.CreateSessionDocument, {
        input: {
          eventId: eventId(),
          title: '  Opening Keynote  ',
          kind: 'KEYNOTE',
          startsAt: '2027-03-01T09:00:00+01:00',
          endsAt: '2027-03-01T10:00:00+01:00',
          roomId: gid('Room', world.roomIds[0]!),
          clientMutationId: 'abc',
        },
      }),
    );
    const payload = as(data.createSession, 'CreateSessionPayload');
    expect(payload.session).toMatchObject({
      title: 'Opening Keynote',
      kind: 'KEYNOTE',
      startsAt: '2027-03-01T08:00:00.000Z',
      version: 1,
      room: { id: gid('Room', world.roomIds[0]!) },
    });
    expect(payload.revision).toBe(before + 1);
    expect(await revision()).toBe(before + 1);
    const change = await lastChange();
    expect(change).toMatchObject({
      kind: 'Session.created',
      entity_type: 'Session',
      actor_user_id: world.management.userId,
      actor_organization_id: world.management.organizationId,
    });
  });

  it('refuses an end before the start, naming the field, and writes nothing', async () => {
    const data = ok(
      await expectNothingWritten(() =>
        mgmt(ops.CreateSessionDocument, {
          input: {
            eventId: eventId(),
            title: 'Backwards',
            kind: 'BREAKOUT',
            startsAt: '2027-03-01T10:00:00Z',
            endsAt: '2027-03-01T09:00:00Z',
          },
        }),
      ),
    );
    const error = as(data.createSession, 'ValidationError');
    expect(error.field).toBe('endsAt');
    expect(error.message).toMatch(/endsAt: must be after startsAt/);
  });

  it('refuses an empty or too long title and a time without offset', async () => {
    const empty = ok(
      await expectNothingWritten(() =>
        mgmt(ops.CreateSessionDocument, {
          input: { eventId: eventId(), title: '   ', kind: 'BREAKOUT', startsAt: '2027-03-01T09:00:00Z', endsAt: '2027-03-01T10:00:00Z' },
        }),
      ),
    );
    expect(as(empty.createSession, 'ValidationError').issues).toEqual([{ field: 'title', message: 'must not be empty' }]);
    const long = ok(
      await expectNothingWritten(() =>
        mgmt(ops.CreateSessionDocument, {
          input: {
            eventId: eventId(),
            title: 'x'.repeat(201),
            kind: 'BREAKOUT',
            startsAt: '2027-03-01T09:00:00Z',
            endsAt: '2027-03-01T10:00:00Z',
          },
        }),
      ),
    );
    expect(as(long.createSession, 'ValidationError').field).toBe('title');
    const noOffset = await expectNothingWritten(() =>
      mgmt(ops.CreateSessionDocument, {
        input: { eventId: eventId(), title: 'Local', kind: 'BREAKOUT', startsAt: '2027-03-01T09:00:00', endsAt: '2027-03-01T10:00:00Z' },
      }),
    );
    expect(noOffset.errors?.[0]?.message).toMatch(/DateTime must be an ISO 8601 instant with an offset/);
  });

  it('refuses a room of another event', async () => {
    const id = await newSession();
    const other = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 0 });
    const data = ok(
      await expectNothingWritten(() =>
        mgmt(ops.UpdateSessionDocument, { input: { id, expectedVersion: 1, roomId: gid('Room', other.roomIds[0]!) } }),
      ),
    );
    expect(as(data.updateSession, 'ValidationError').field).toBe('roomId');
  });

  it('updates with the current version, and answers a stale one with the current row', async () => {
    const id = await newSession();
    const updated = as(
      ok(
        await mgmt(ops.UpdateSessionDocument, {
          input: { id, expectedVersion: 1, title: 'Opening Keynote (extended)', endsAt: '2027-03-01T10:30:00+01:00' },
        }),
      ).updateSession,
      'UpdateSessionPayload',
    );
    expect(updated.session).toMatchObject({ title: 'Opening Keynote (extended)', version: 2, endsAt: '2027-03-01T09:30:00.000Z' });
    const change = await lastChange();
    expect(change.kind).toBe('Session.updated');
    expect(change.before).toEqual({ title: 'Opening Keynote', endsAt: '2027-03-01T09:00:00.000Z', version: 1 });
    expect(change.after).toEqual({ title: 'Opening Keynote (extended)', endsAt: '2027-03-01T09:30:00.000Z', version: 2 });

    const stale = as(
      ok(await expectNothingWritten(() => mgmt(ops.UpdateSessionDocument, { input: { id, expectedVersion: 1, title: 'Lost update' } })))
        .updateSession,
      'StaleVersionError',
    );
    expect(stale).toMatchObject({ expectedVersion: 1, currentVersion: 2, current: { id } });
  });

  it('takes no revision for an update that changes nothing', async () => {
    const id = await newSession();
    const before = await revision();
    const same = as(
      ok(await mgmt(ops.UpdateSessionDocument, { input: { id, expectedVersion: 1, title: 'Opening Keynote' } })).updateSession,
      'UpdateSessionPayload',
    );
    expect(same.revision).toBeNull();
    expect(same.session.version).toBe(1);
    expect(await revision()).toBe(before);
  });

  it('deletes, refusing a stale version first', async () => {
    const id = await newSession();
    const stale = ok(await expectNothingWritten(() => mgmt(ops.DeleteSessionDocument, { input: { id, expectedVersion: 2 } })));
    expect(as(stale.deleteSession, 'StaleVersionError').currentVersion).toBe(1);
    const deleted = as(
      ok(await mgmt(ops.DeleteSessionDocument, { input: { id, expectedVersion: 1 } })).deleteSession,
      'DeleteSessionPayload',
    );
    expect(deleted.session.id).toBe(id);
    const gone = ok(await expectNothingWritten(() => mgmt(ops.DeleteSessionDocument, { input: { id } })));
    expect(as(gone.deleteSession, 'NotFoundError').message).toMatch(/No Session/);
  });

  it('refuses an id of the wrong type cleanly', async () => {
    const wrong = await expectNothingWritten(() =>
      mgmt(ops.UpdateSessionDocument, { input: { id: gid('Cue', world.cueIds[0]!), expectedVersion: 1, title: 'x' } }),
    );
    expect(wrong.errors?.[0]?.message ?? JSON.stringify(wrong.data)).toMatch(/not of type|Session/);
  });
});

describe('cues', () => {
  /** A session of its own with three cues, SM 1, LX 2 and SND 3, each at version 1. */
  async function threeCues() {
    const { result: created } = await createSession(t.db, world.management.actor, world.event.id, {
      title: 'Cue test',
      kind: 'BREAKOUT',
      startsAt: new Date('2027-03-01T12:00:00Z'),
      endsAt: new Date('2027-03-01T13:00:00Z'),
    });
    const cueIds: string[] = [];
    for (const [number, department] of [
      ['1', 'STAGE_MANAGEMENT'],
      ['2', 'LIGHTING'],
      ['3', 'AUDIO'],
    ] as const) {
      cueIds.push((await createCue(t.db, world.production.actor, created.id, { number, department, title: `Cue ${number}` })).result.id);
    }
    const session = gid('Session', created.id);
    const numbers = async () => {
      const data = ok(await prod(ops.SessionCuesDocument, { sessionId: session }));
      return having(data.node, 'cues').cues.nodes.map((c) => `${c.position}:${c.label}`);
    };
    return { session, cue: (i: number) => gid('Cue', cueIds[i]!), numbers };
  }

  it('creates cues at the end or after a given cue, keeping positions dense', async () => {
    const { session, cue, numbers } = await threeCues();
    expect(await numbers()).toEqual(['1:SM 1', '2:LX 2', '3:SND 3']);
    const appended = as(
      ok(
        await prod(ops.CreateCueDocument, {
          input: { sessionId: session, number: '4', department: 'VIDEO', title: 'Roll opener', offsetSeconds: 90, durationSeconds: 120 },
        }),
      ).createCue,
      'CreateCuePayload',
    );
    expect(appended.cue).toMatchObject({ position: 4, label: 'VID 4', trigger: 'MANUAL', state: 'PENDING', version: 1 });
    const inserted = as(
      ok(
        await prod(ops.CreateCueDocument, {
          input: { sessionId: session, afterCueId: cue(0), number: '1.5', department: 'LIGHTING', title: 'Preset' },
        }),
      ).createCue,
      'CreateCuePayload',
    );
    expect(inserted.cue.position).toBe(2);
    expect(await numbers()).toEqual(['1:SM 1', '2:LX 1.5', '3:LX 2', '4:SND 3', '5:VID 4']);
  });

  it('refuses a duplicate number in the same department, a negative offset and a bad number', async () => {
    const { session } = await threeCues();
    const dup = ok(
      await expectNothingWritten(() =>
        prod(ops.CreateCueDocument, { input: { sessionId: session, number: '2', department: 'LIGHTING', title: 'Again' } }),
      ),
    );
    expect(as(dup.createCue, 'ValidationError')).toMatchObject({
      field: 'number',
      message: 'number: LX 2 already exists in this session',
    });
    const negative = ok(
      await expectNothingWritten(() =>
        prod(ops.CreateCueDocument, {
          input: { sessionId: session, number: '9', department: 'AUDIO', title: 'Early', offsetSeconds: -5 },
        }),
      ),
    );
    expect(as(negative.createCue, 'ValidationError').issues).toEqual([{ field: 'offsetSeconds', message: 'must not be negative' }]);
    const badNumber = ok(
      await expectNothingWritten(() =>
        prod(ops.CreateCueDocument, { input: { sessionId: session, number: '7;DROP', department: 'AUDIO', title: 'x' } }),
      ),
    );
    expect(as(badNumber.createCue, 'ValidationError').field).toBe('number');
  });

  it('allows the same number in another department', async () => {
    const { session } = await threeCues();
    const other = as(
      ok(await prod(ops.CreateCueDocument, { input: { sessionId: session, number: '2', department: 'CAMERA', title: 'CAM 2 wide' } }))
        .createCue,
      'CreateCuePayload',
    );
    expect(other.cue.label).toBe('CAM 2');
  });

  it('updates a cue, refusing a number taken in its department and a stale version', async () => {
    const { session, cue } = await threeCues();
    const id = cue(1);
    ok(await prod(ops.CreateCueDocument, { input: { sessionId: session, number: '1.5', department: 'LIGHTING', title: 'Preset' } }));
    const taken = ok(await expectNothingWritten(() => prod(ops.UpdateCueDocument, { input: { id, expectedVersion: 1, number: '1.5' } })));
    expect(as(taken.updateCue, 'ValidationError').field).toBe('number');
    const updated = as(
      ok(await prod(ops.UpdateCueDocument, { input: { id, expectedVersion: 1, title: 'House to half', notes: 'Slow 5 count' } })).updateCue,
      'UpdateCuePayload',
    );
    expect(updated.cue).toMatchObject({ title: 'House to half', notes: 'Slow 5 count', version: 2 });
    const cleared = as(
      ok(await prod(ops.UpdateCueDocument, { input: { id, expectedVersion: 2, notes: null } })).updateCue,
      'UpdateCuePayload',
    );
    expect(cleared.cue.notes).toBeNull();
    const stale = ok(await expectNothingWritten(() => prod(ops.UpdateCueDocument, { input: { id, expectedVersion: 2, title: 'Lost' } })));
    expect(as(stale.updateCue, 'StaleVersionError').currentVersion).toBe(3);
  });

  it('moves a cue to the top and after another, as one change', async () => {
    const { cue, numbers } = await threeCues();
    const elsewhere = await threeCues();
    const before = await revision();
    const id = cue(2);
    const moved = as(
      ok(await prod(ops.MoveCueDocument, { input: { id, expectedVersion: 1, afterCueId: null } })).moveCue,
      'MoveCuePayload',
    );
    expect(moved.cue).toMatchObject({ position: 1, version: 2 });
    expect(moved.revision).toBe(before + 1);
    expect(await numbers()).toEqual(['1:SND 3', '2:SM 1', '3:LX 2']);
    const back = as(
      ok(await prod(ops.MoveCueDocument, { input: { id, expectedVersion: 2, afterCueId: cue(0) } })).moveCue,
      'MoveCuePayload',
    );
    expect(back.cue.position).toBe(2);
    expect(await numbers()).toEqual(['1:SM 1', '2:SND 3', '3:LX 2']);
    const stale = ok(await expectNothingWritten(() => prod(ops.MoveCueDocument, { input: { id, expectedVersion: 2, afterCueId: null } })));
    expect(as(stale.moveCue, 'StaleVersionError').currentVersion).toBe(3);
    const foreign = ok(
      await expectNothingWritten(() => prod(ops.MoveCueDocument, { input: { id, expectedVersion: 3, afterCueId: elsewhere.cue(0) } })),
    );
    expect(as(foreign.moveCue, 'ValidationError').field).toBe('afterCueId');
  });

  it('deletes a cue and closes the gap', async () => {
    const { cue, numbers } = await threeCues();
    const deleted = as(ok(await prod(ops.DeleteCueDocument, { input: { id: cue(0), expectedVersion: 1 } })).deleteCue, 'DeleteCuePayload');
    expect(deleted.cue.label).toBe('SM 1');
    expect(await numbers()).toEqual(['1:LX 2', '2:SND 3']);
  });
});

describe('events and members', () => {
  it('creates an event at revision 0 with the creator as management member', async () => {
    const data = ok(
      await mgmt(ops.CreateEventDocument, {
        input: { name: 'Partner Summit', timezone: 'Asia/Tokyo', startDate: '2027-05-10', endDate: '2027-05-11' },
      }),
    );
    const { event } = as(data.createEvent, 'CreateEventPayload');
    expect(event).toMatchObject({ name: 'Partner Summit', revision: 0, version: 1, status: 'PLANNING', timezone: 'Asia/Tokyo' });
    const created = await t.db.selectFrom('event').select('id').where('name', '=', 'Partner Summit').executeTakeFirstOrThrow();
    expect(event.id).toBe(gid('Event', created.id));
    const members = await t.db.selectFrom('event_member').selectAll().where('event_id', '=', created.id).execute();
    expect(members).toMatchObject([{ organization_id: world.management.organizationId, role: 'MANAGEMENT' }]);
  });

  it('refuses an unknown time zone, an impossible date and an end before the start', async () => {
    const tz = ok(
      await expectNothingWritten(() =>
        mgmt(ops.CreateEventDocument, {
          input: { name: 'X', timezone: 'Mars/Olympus_Mons', startDate: '2027-05-10', endDate: '2027-05-11' },
        }),
      ),
    );
    expect(as(tz.createEvent, 'ValidationError').issues[0]).toMatchObject({
      field: 'timezone',
      message: expect.stringMatching(/IANA time zone/),
    });
    const date = await expectNothingWritten(() =>
      mgmt(ops.CreateEventDocument, { input: { name: 'X', timezone: 'UTC', startDate: '2027-02-30', endDate: '2027-03-01' } }),
    );
    expect(date.errors?.[0]?.message).toMatch(/Date must be a calendar day/);
    const order = ok(
      await expectNothingWritten(() =>
        mgmt(ops.CreateEventDocument, { input: { name: 'X', timezone: 'UTC', startDate: '2027-05-10', endDate: '2027-05-09' } }),
      ),
    );
    expect(as(order.createEvent, 'ValidationError').field).toBe('endDate');
  });

  it('updates an event with expectedVersion, refusing a stale one', async () => {
    const updated = as(
      ok(await mgmt(ops.UpdateEventDocument, { input: { id: eventId(), expectedVersion: 1, status: 'CONFIRMED' } })).updateEvent,
      'UpdateEventPayload',
    );
    expect(updated.event).toMatchObject({ status: 'CONFIRMED', version: 2 });
    expect(updated.event.revision).toBe(updated.revision);
    const stale = ok(
      await expectNothingWritten(() => mgmt(ops.UpdateEventDocument, { input: { id: eventId(), expectedVersion: 1, name: 'Renamed' } })),
    );
    expect(as(stale.updateEvent, 'StaleVersionError').currentVersion).toBe(2);
    const bad = ok(
      await expectNothingWritten(() =>
        mgmt(ops.UpdateEventDocument, { input: { id: eventId(), expectedVersion: 2, endDate: '2027-02-01' } }),
      ),
    );
    expect(as(bad.updateEvent, 'ValidationError').field).toBe('endDate');
  });

  it('adds, changes and removes a member organization; the client appoints production', async () => {
    const org = await t.db
      .insertInto('organization')
      .values({ name: 'Stagehands Inc', kind: 'PRODUCTION_AGENCY' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const byManagement = ok(
      await expectNothingWritten(() =>
        mgmt(ops.CreateEventMemberDocument, {
          input: { eventId: eventId(), organizationId: gid('Organization', org.id), role: 'PRODUCTION' },
        }),
      ),
    );
    expect(as(byManagement.createEventMember, 'ForbiddenError').message).toMatch(/may not give an organization the PRODUCTION role/);
    const added = as(
      ok(
        await client(app, world.client.token)(ops.CreateEventMemberDocument, {
          input: { eventId: eventId(), organizationId: gid('Organization', org.id), role: 'PRODUCTION' },
        }),
      ).createEventMember,
      'CreateEventMemberPayload',
    );
    expect(added.eventMember).toMatchObject({ role: 'PRODUCTION', version: 1, organization: { name: 'Stagehands Inc' } });
    const twice = ok(
      await expectNothingWritten(() =>
        mgmt(ops.CreateEventMemberDocument, { input: { eventId: eventId(), organizationId: gid('Organization', org.id), role: 'CLIENT' } }),
      ),
    );
    expect(as(twice.createEventMember, 'ValidationError').field).toBe('organizationId');
    const changed = as(
      ok(await mgmt(ops.UpdateEventMemberDocument, { input: { id: added.eventMember.id, expectedVersion: 1, role: 'CLIENT' } }))
        .updateEventMember,
      'UpdateEventMemberPayload',
    );
    expect(changed.eventMember.role).toBe('CLIENT');
    const stale = ok(
      await expectNothingWritten(() =>
        mgmt(ops.UpdateEventMemberDocument, { input: { id: added.eventMember.id, expectedVersion: 1, role: 'CLIENT' } }),
      ),
    );
    expect(as(stale.updateEventMember, 'StaleVersionError').currentVersion).toBe(2);
    as(
      ok(await mgmt(ops.DeleteEventMemberDocument, { input: { id: added.eventMember.id, expectedVersion: 2 } })).deleteEventMember,
      'DeleteEventMemberPayload',
    );
  });

  it('deletes an event with everything in it', async () => {
    const { result: event } = await createEvent(t.db, world.management.actor, {
      name: 'Doomed',
      timezone: 'UTC',
      startDate: '2027-01-01',
      endDate: '2027-01-01',
    });
    const stale = ok(
      await expectNothingWritten(() => mgmt(ops.DeleteEventDocument, { input: { id: gid('Event', event.id), expectedVersion: 7 } })),
    );
    expect(as(stale.deleteEvent, 'StaleVersionError').currentVersion).toBe(1);
    as(ok(await mgmt(ops.DeleteEventDocument, { input: { id: gid('Event', event.id) } })).deleteEvent, 'DeleteEventPayload');
    expect(await t.db.selectFrom('event').select('id').where('id', '=', event.id).execute()).toEqual([]);
  });
});

describe('venues and rooms', () => {
  it('creates, updates and deletes a venue and a room, with validation and stale-version refusals', async () => {
    const venue = as(
      ok(await mgmt(ops.CreateVenueDocument, { input: { eventId: eventId(), name: 'Annex', city: 'Berlin' } })).createVenue,
      'CreateVenuePayload',
    ).venue;
    expect(venue).toMatchObject({ name: 'Annex', city: 'Berlin', address: null, version: 1 });
    const blank = ok(await expectNothingWritten(() => mgmt(ops.CreateVenueDocument, { input: { eventId: eventId(), name: '' } })));
    expect(as(blank.createVenue, 'ValidationError').field).toBe('name');

    const room = as(
      ok(
        await mgmt(ops.CreateRoomDocument, {
          input: { venueId: venue.id, name: 'Annex A', kind: 'BOARDROOM', capacity: 12, changeoverMinutes: 15 },
        }),
      ).createRoom,
      'CreateRoomPayload',
    ).room;
    expect(room).toMatchObject({ name: 'Annex A', kind: 'BOARDROOM', capacity: 12, changeoverMinutes: 15, venue: { id: venue.id } });
    const negative = ok(
      await expectNothingWritten(() => mgmt(ops.UpdateRoomDocument, { input: { id: room.id, expectedVersion: 1, capacity: -1 } })),
    );
    expect(as(negative.updateRoom, 'ValidationError').field).toBe('capacity');
    const updated = as(
      ok(await mgmt(ops.UpdateRoomDocument, { input: { id: room.id, expectedVersion: 1, capacity: 14 } })).updateRoom,
      'UpdateRoomPayload',
    );
    expect(updated.room).toMatchObject({ capacity: 14, version: 2 });
    const stale = ok(
      await expectNothingWritten(() => mgmt(ops.UpdateRoomDocument, { input: { id: room.id, expectedVersion: 1, name: 'Lost' } })),
    );
    expect(as(stale.updateRoom, 'StaleVersionError').currentVersion).toBe(2);

    const renamed = as(
      ok(await mgmt(ops.UpdateVenueDocument, { input: { id: venue.id, expectedVersion: 1, name: 'Annex Building', city: null } }))
        .updateVenue,
      'UpdateVenuePayload',
    );
    expect(renamed.venue).toMatchObject({ name: 'Annex Building', city: null, version: 2 });
    const staleVenue = ok(
      await expectNothingWritten(() => mgmt(ops.UpdateVenueDocument, { input: { id: venue.id, expectedVersion: 1, name: 'Lost' } })),
    );
    expect(as(staleVenue.updateVenue, 'StaleVersionError').currentVersion).toBe(2);

    as(ok(await mgmt(ops.DeleteRoomDocument, { input: { id: room.id, expectedVersion: 2 } })).deleteRoom, 'DeleteRoomPayload');
    as(ok(await mgmt(ops.DeleteVenueDocument, { input: { id: venue.id } })).deleteVenue, 'DeleteVenuePayload');
  });
});

describe('speakers and session speakers', () => {
  it('creates, assigns, updates and removes a speaker, with validation and stale-version refusals', async () => {
    const speaker = as(
      ok(
        await mgmt(ops.CreateSpeakerDocument, {
          input: { eventId: eventId(), name: 'Ada Lovelace', email: 'ada@example.com', arrivalAt: '2027-02-28T18:00:00+01:00' },
        }),
      ).createSpeaker,
      'CreateSpeakerPayload',
    ).speaker;
    expect(speaker).toMatchObject({ name: 'Ada Lovelace', arrivalAt: '2027-02-28T17:00:00.000Z', version: 1 });
    const badEmail = ok(
      await expectNothingWritten(() =>
        mgmt(ops.CreateSpeakerDocument, { input: { eventId: eventId(), name: 'X', email: 'not-an-email' } }),
      ),
    );
    expect(as(badEmail.createSpeaker, 'ValidationError').field).toBe('email');
    const leavesEarly = ok(
      await expectNothingWritten(() =>
        mgmt(ops.UpdateSpeakerDocument, { input: { id: speaker.id, expectedVersion: 1, departureAt: '2027-02-28T10:00:00Z' } }),
      ),
    );
    expect(as(leavesEarly.updateSpeaker, 'ValidationError').field).toBe('departureAt');

    const session = gid('Session', world.sessionIds[1]!);
    const assigned = as(
      ok(await mgmt(ops.CreateSessionSpeakerDocument, { input: { sessionId: session, speakerId: speaker.id, role: 'PANELIST' } }))
        .createSessionSpeaker,
      'CreateSessionSpeakerPayload',
    );
    expect(assigned.sessionSpeaker).toMatchObject({ role: 'PANELIST', position: 2, speaker: { id: speaker.id }, session: { id: session } });
    const again = ok(
      await expectNothingWritten(() =>
        mgmt(ops.CreateSessionSpeakerDocument, { input: { sessionId: session, speakerId: speaker.id, role: 'HOST' } }),
      ),
    );
    expect(as(again.createSessionSpeaker, 'ValidationError').field).toBe('speakerId');
    const role = as(
      ok(await mgmt(ops.UpdateSessionSpeakerDocument, { input: { id: assigned.sessionSpeaker.id, expectedVersion: 1, role: 'MODERATOR' } }))
        .updateSessionSpeaker,
      'UpdateSessionSpeakerPayload',
    );
    expect(role.sessionSpeaker.role).toBe('MODERATOR');
    const staleRole = ok(
      await expectNothingWritten(() =>
        mgmt(ops.UpdateSessionSpeakerDocument, { input: { id: assigned.sessionSpeaker.id, expectedVersion: 1, role: 'HOST' } }),
      ),
    );
    expect(as(staleRole.updateSessionSpeaker, 'StaleVersionError').currentVersion).toBe(2);

    const renamed = as(
      ok(await mgmt(ops.UpdateSpeakerDocument, { input: { id: speaker.id, expectedVersion: 1, company: 'Analytical Engines' } }))
        .updateSpeaker,
      'UpdateSpeakerPayload',
    );
    expect(renamed.speaker.company).toBe('Analytical Engines');
    const staleSpeaker = ok(
      await expectNothingWritten(() => mgmt(ops.UpdateSpeakerDocument, { input: { id: speaker.id, expectedVersion: 1, name: 'Lost' } })),
    );
    expect(as(staleSpeaker.updateSpeaker, 'StaleVersionError').currentVersion).toBe(2);

    as(
      ok(await mgmt(ops.DeleteSessionSpeakerDocument, { input: { id: assigned.sessionSpeaker.id } })).deleteSessionSpeaker,
      'DeleteSessionSpeakerPayload',
    );
    as(ok(await mgmt(ops.DeleteSpeakerDocument, { input: { id: speaker.id, expectedVersion: 2 } })).deleteSpeaker, 'DeleteSpeakerPayload');
  });
});

describe('authentication', () => {
  it('refuses mutations without a token and writes nothing', async () => {
    const anonymous = client(app);
    const response = await expectNothingWritten(() =>
      anonymous(ops.CreateVenueDocument, { input: { eventId: eventId(), name: 'Sneaky' } }),
    );
    expect(response.errors?.[0]?.message).toMatch(/Authentication required/);
  });
});
