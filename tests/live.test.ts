import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import type { Session } from '../src/db/types.js';
import { addEventMember, createEvent } from '../src/domain/event/event.js';
import { findConflicts } from '../src/domain/live/conflicts.js';
import { goCue, goNextCue, CueStateError } from '../src/domain/live/commands.js';
import { startSession, endSession } from '../src/domain/live/session.js';
import { shiftSchedule } from '../src/domain/live/shift.js';
import { overUnderSeconds, projectRoomDay } from '../src/domain/live/timing.js';
import { createCue } from '../src/domain/runofshow/runofshow.js';
import { addSessionSpeaker, createSession, createSpeaker, updateSession, updateSpeaker } from '../src/domain/schedule/schedule.js';
import { createRoom, createVenue } from '../src/domain/venue/venue.js';
import * as ops from './gql/graphql.js';
import {
  as,
  client,
  gid,
  having,
  listening,
  makeWorld,
  ok,
  persona,
  revisionOf,
  subscribe,
  useTestDatabase,
  wsClient,
  type TestDatabase,
} from './helpers/index.js';

let t: TestDatabase;
let app: App;
let url: string;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db, databaseUrl: t.url });
  url = await listening(app);
});

/** Each test calls the show on an event of its own: nothing it does is seen by another. */
const newWorld = () => makeWorld(t.db, { rooms: 1, sessionsPerRoom: 3, cuesPerSession: 6 });
const cue = (id: string) => t.db.selectFrom('cue').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('GO', () => {
  it('fires once however often it is pressed: one change, the same cue back', async () => {
    const world = await newWorld();
    const revision = () => revisionOf(t.db, world.event.id);
    const id = world.cueIds[0]!;
    const before = await revision();
    const go = client(app, world.production.token);
    const presses = await Promise.all([1, 2, 3].map(() => go(ops.GoCueDocument, { cueId: gid('Cue', id) })));
    expect(presses.map((p) => as(ok(p).goCue, 'GoCuePayload').cue.state)).toEqual(['FIRED', 'FIRED', 'FIRED']);
    expect(await revision()).toBe(before + 1);
    const fired = await cue(id);
    expect(fired.fired_by_user_id).toBe(world.production.userId);
    const again = await goCue(t.db, world.production.actor, id);
    expect(again.revision).toBeNull();
    expect((await cue(id)).fired_at).toEqual(fired.fired_at);
  });

  it('goNextCue fires only the expected cue; a stale expectation is refused, names the next cue, and changes nothing', async () => {
    const world = await newWorld();
    const revision = () => revisionOf(t.db, world.event.id);
    const session = world.sessionIds[0]!;
    await goCue(t.db, world.production.actor, world.cueIds[0]!);
    const [first, second, third] = [world.cueIds[0]!, world.cueIds[1]!, world.cueIds[2]!];
    const before = await revision();
    // The first cue already went above: expecting it again is the same GO twice — nothing happens.
    expect((await goNextCue(t.db, world.production.actor, session, first)).revision).toBeNull();
    // Expecting the third while the second is next is refused.
    await expect(goNextCue(t.db, world.production.actor, session, third)).rejects.toSatisfy(
      (e: unknown) => e instanceof CueStateError && e.nextCue?.id === second && /The next cue is LX 2 "Cue 2", not SND 3/.test(e.message),
    );
    expect(await revision()).toBe(before);
    expect((await cue(third)).state).toBe('PENDING');
    const fired = await goNextCue(t.db, world.production.actor, session, second);
    expect(fired.result.state).toBe('FIRED');
    expect(await revision()).toBe(before + 1);

    const refused = await client(app, world.production.token)(ops.GoNextCueDocument, {
      sessionId: gid('Session', session),
      expectedCueId: gid('Cue', world.cueIds[4]!),
    });
    expect(ok(refused).goNextCue).toMatchObject({ __typename: 'CueStateError', nextCue: { id: gid('Cue', third) } });
  });

  it('only production calls the show', async () => {
    const world = await newWorld();
    for (const who of [world.management, world.client]) {
      const refused = await client(app, who.token)(ops.GoCueDocument, { cueId: gid('Cue', world.cueIds[3]!) });
      expect(ok(refused).goCue.__typename).toBe('ForbiddenError');
    }
    expect((await cue(world.cueIds[3]!)).state).toBe('PENDING');
  });
});

describe('a session management cancelled', () => {
  it('cannot be started, ended or reset by live timing or the show caller: the refusal says why and nothing is written', async () => {
    const world = await newWorld();
    const sessionId = gid('Session', world.sessionIds[0]!);
    await updateSession(t.db, world.management.actor, world.sessionIds[0]!, 1, { status: 'CANCELLED' });
    const before = await revisionOf(t.db, world.event.id);
    const call = client(app, world.production.token);
    const refusals = [
      ok(await call(ops.StartSessionDocument, { sessionId })).startSession,
      ok(await call(ops.EndSessionDocument, { sessionId })).endSession,
      ok(await call(ops.ResetShowDocument, { sessionId })).resetShow,
    ];
    for (const refused of refusals) {
      expect(refused).toMatchObject({ __typename: 'ValidationError', field: 'sessionId', message: expect.stringMatching(/is cancelled/) });
    }
    expect(await revisionOf(t.db, world.event.id)).toBe(before);
    const session = await t.db
      .selectFrom('session')
      .select(['status', 'actual_start_at'])
      .where('id', '=', world.sessionIds[0]!)
      .executeTakeFirstOrThrow();
    expect(session).toEqual({ status: 'CANCELLED', actual_start_at: null });
  });
});

describe('shiftSchedule', () => {
  it('moves the session and the later ones in its room that day, letting gaps absorb a delay, in one revision; cues follow', async () => {
    const world = await newWorld();
    const revision = () => revisionOf(t.db, world.event.id);
    const plannedAt = async (cueId: string) =>
      having(ok(await client(app, world.client.token)(ops.CuePlannedAtDocument, { id: gid('Cue', cueId) })).node, 'plannedAt').plannedAt;
    // Room 1: 09:00–09:45, 10:00–10:45, 11:00–11:45 Berlin; changeover 0 by default, set it to 10.
    const room = world.roomIds[0]!;
    await t.db.updateTable('room').set({ changeover_minutes: 10 }).where('id', '=', room).execute();
    const other = await createSession(t.db, world.management.actor, world.event.id, {
      roomId: room,
      title: 'Next day',
      kind: 'BREAKOUT',
      startsAt: new Date('2027-03-02T09:00:00+01:00'),
      endsAt: new Date('2027-03-02T10:00:00+01:00'),
    });
    const starts = async () =>
      (await t.db.selectFrom('session').select(['id', 'starts_at']).where('room_id', '=', room).orderBy('starts_at').execute()).map((s) =>
        s.starts_at.toISOString(),
      );
    const cueBefore = await plannedAt(world.cueIds[7]!);
    const before = await revision();

    // 20 minutes late: the first moves 20; the second needs 09:00+20+45+10 = 10:15 → moves 15; the third: 11:15 vs 11:00+… → moves 15? No: 10:15+45+10 = 11:10 → moves 10.
    const { result, revision: rev } = await shiftSchedule(t.db, world.management.actor, world.sessionIds[0]!, 20, true);
    expect(rev).toBe(before + 1);
    expect(await revision()).toBe(before + 1);
    expect(result.moved.map((s) => s.id)).toEqual(world.sessionIds);
    expect(await starts()).toEqual([
      '2027-03-01T08:20:00.000Z',
      '2027-03-01T09:15:00.000Z',
      '2027-03-01T10:10:00.000Z',
      '2027-03-02T08:00:00.000Z',
    ]);
    const change = await t.db
      .selectFrom('change')
      .selectAll()
      .where('event_id', '=', world.event.id)
      .where('revision', '=', rev!)
      .executeTakeFirstOrThrow();
    expect(change.kind).toBe('Schedule.shifted');
    expect(Date.parse(await plannedAt(world.cueIds[7]!)) - Date.parse(cueBefore)).toBe(15 * 60_000);

    // Without absorbing, everyone later that day moves by the same amount, earlier too — but never
    // before their baseline: the third was only 10 late, so it goes back 10, to its published 11:00.
    await shiftSchedule(t.db, world.management.actor, world.sessionIds[1]!, -15, false);
    expect(await starts()).toEqual([
      '2027-03-01T08:20:00.000Z',
      '2027-03-01T09:00:00.000Z',
      '2027-03-01T10:00:00.000Z',
      '2027-03-02T08:00:00.000Z',
    ]);
    expect(
      (
        await t.db.selectFrom('session').select('starts_at').where('id', '=', other.result.id).executeTakeFirstOrThrow()
      ).starts_at.toISOString(),
    ).toBe('2027-03-02T08:00:00.000Z');
  });
});

describe('shiftSchedule in practice', () => {
  it('keeps a planned gap shorter than the changeover, and leaves cancelled sessions where they are', async () => {
    // The demo's case: Opening ends 10:30, Keynote starts 10:50, the room's changeover is 30 minutes.
    const world = await makeWorld(t.db, { rooms: 0 });
    const mgmt = world.management.actor;
    const { result: room } = await createRoom(t.db, mgmt, world.event.id, {
      venueId: world.venue.id,
      name: 'Hall',
      kind: 'GENERAL_SESSION',
      changeoverMinutes: 30,
    });
    const at = (hhmm: string) => new Date(`2027-03-01T${hhmm}:00+01:00`);
    const make = async (title: string, from: string, to: string) =>
      (
        await createSession(t.db, mgmt, world.event.id, {
          roomId: room.id,
          title,
          kind: 'GENERAL_SESSION',
          startsAt: at(from),
          endsAt: at(to),
        })
      ).result.id;
    const opening = await make('Opening', '10:00', '10:30');
    const dropped = await make('Dropped', '10:35', '10:45');
    await updateSession(t.db, mgmt, dropped, 1, { status: 'CANCELLED' });
    const keynote = await make('Keynote', '10:50', '11:30');
    const lunch = await make('Lunch', '12:30', '13:30');

    await shiftSchedule(t.db, mgmt, opening, 1, true);
    const starts = Object.fromEntries(
      (await t.db.selectFrom('session').select(['id', 'starts_at']).where('room_id', '=', room.id).execute()).map((s) => [
        s.id,
        s.starts_at.toISOString(),
      ]),
    );
    expect(starts[opening]).toBe(at('10:01').toISOString());
    // One minute, not eleven: the planned 20-minute gap is kept, not inflated to the 30-minute changeover.
    expect(starts[keynote]).toBe(at('10:51').toISOString());
    // Cancelled: not moved, and not in the way.
    expect(starts[dropped]).toBe(at('10:35').toISOString());
    // An hour's gap soaks the minute up.
    expect(starts[lunch]).toBe(at('12:30').toISOString());
  });
});

describe('over/under and projections', () => {
  const at = (iso: string) => new Date(iso);
  const session = (id: string, start: string, end: string, extra: Partial<Session> = {}): Session =>
    ({ id, starts_at: at(start), ends_at: at(end), actual_start_at: null, actual_end_at: null, ...extra }) as Session;

  it('projects a running-over session into the next ones, with the changeover, across midnight', () => {
    // New York, the night DST begins (2027-03-14, 02:00 → 03:00 local): a late show runs over.
    const late = session('a', '2027-03-14T04:30:00Z', '2027-03-14T05:30:00Z', { actual_start_at: at('2027-03-14T04:40:00Z') }); // 23:30–00:30 local
    const next = session('b', '2027-03-14T05:45:00Z', '2027-03-14T06:45:00Z'); // 00:45 local
    const now = at('2027-03-14T05:50:00Z'); // the late show is still going, 20 minutes over
    const projections = projectRoomDay([late, next], 15, now);
    expect(overUnderSeconds(late, now)).toBe(20 * 60);
    expect(projections.get('a')).toEqual({ startsAt: at('2027-03-14T04:40:00Z'), endsAt: now });
    expect(projections.get('b')).toEqual({ startsAt: at('2027-03-14T06:05:00Z'), endsAt: at('2027-03-14T07:05:00Z') });
  });

  it('is right through the API for an event whose day spans a DST change', async () => {
    const world = await makeWorld(t.db, { rooms: 0 });
    const mgmt = world.management.actor;
    const { result: event } = await createEvent(t.db, mgmt, {
      name: 'DST night',
      timezone: 'America/New_York',
      startDate: '2027-03-13',
      endDate: '2027-03-14',
    });
    await addEventMember(t.db, mgmt, event.id, world.production.organizationId, 'PRODUCTION');
    const { result: venue } = await createVenue(t.db, mgmt, event.id, { name: 'Club' });
    const { result: room } = await createRoom(t.db, mgmt, event.id, {
      venueId: venue.id,
      name: 'Main',
      kind: 'GENERAL_SESSION',
      changeoverMinutes: 15,
    });
    // 01:00–01:50 EST, then 03:30–04:00 EDT: 1 h 40 min of wall clock, 40 min of real time apart.
    const a = await createSession(t.db, mgmt, event.id, {
      roomId: room.id,
      title: 'Late set',
      kind: 'EVENING_EVENT',
      startsAt: at('2027-03-14T01:00:00-05:00'),
      endsAt: at('2027-03-14T01:50:00-05:00'),
    });
    await createSession(t.db, mgmt, event.id, {
      roomId: room.id,
      title: 'Closing set',
      kind: 'EVENING_EVENT',
      startsAt: at('2027-03-14T03:30:00-04:00'),
      endsAt: at('2027-03-14T04:00:00-04:00'),
    });
    // Started at 01:20 EST and ended 02:45 real time later than planned… i.e. at 03:25 EDT (07:25Z).
    await startSession(t.db, world.production.actor, a.result.id, at('2027-03-14T06:20:00Z'));
    await endSession(t.db, world.production.actor, a.result.id, at('2027-03-14T07:25:00Z'));
    const data = ok(await client(app, world.production.token)(ops.EventProjectionsDocument, { id: gid('Event', event.id) }));
    const sessions = having(data.node, 'sessions').sessions.nodes;
    expect(sessions.map((s) => s.day)).toEqual(['2027-03-14', '2027-03-14']);
    // Planned end 06:50Z, actual 07:25Z: 35 minutes over. Next: 07:25 + 15 = 07:40Z, after its planned 07:30Z.
    expect(sessions[0]).toMatchObject({ overUnderSeconds: 35 * 60 });
    expect(sessions[1]).toMatchObject({ overUnderSeconds: null, projectedStartsAt: '2027-03-14T07:40:00.000Z' });
  });
});

describe('conflicts', () => {
  it('detects each kind, and each clears when the data is fixed, without ever blocking a write', async () => {
    const world = await makeWorld(t.db, { rooms: 0 });
    const mgmt = world.management.actor;
    const { result: event } = await createEvent(t.db, mgmt, {
      name: 'Conflicted',
      timezone: 'UTC',
      startDate: '2027-04-01',
      endDate: '2027-04-01',
    });
    const { result: venue } = await createVenue(t.db, mgmt, event.id, { name: 'V' });
    const { result: room } = await createRoom(t.db, mgmt, event.id, {
      venueId: venue.id,
      name: 'R',
      kind: 'BREAKOUT',
      changeoverMinutes: 15,
    });
    const s = (title: string, start: string, end: string) =>
      createSession(t.db, mgmt, event.id, {
        roomId: room.id,
        title,
        kind: 'BREAKOUT',
        startsAt: new Date(`2027-04-01T${start}:00Z`),
        endsAt: new Date(`2027-04-01T${end}:00Z`),
      });
    const a = (await s('A', '09:00', '10:00')).result;
    const b = (await s('B', '09:30', '10:30')).result; // overlaps A in the same room
    const c = (await s('C', '10:35', '11:00')).result; // 5 minutes after B; changeover needs 15
    const { result: ada } = await createSpeaker(t.db, mgmt, event.id, { name: 'Ada', arrivalAt: new Date('2027-04-01T09:15:00Z') });
    await addSessionSpeaker(t.db, mgmt, { sessionId: a.id, speakerId: ada.id, role: 'PRESENTER' }); // arrives after A starts
    await addSessionSpeaker(t.db, mgmt, { sessionId: b.id, speakerId: ada.id, role: 'PRESENTER' }); // and A and B overlap
    const kinds = async () => (await findConflicts(t.db, event.id)).map((x) => x.kind).sort();
    expect(await kinds()).toEqual(['CHANGEOVER_TOO_SHORT', 'ROOM_DOUBLE_BOOKED', 'SPEAKER_DOUBLE_BOOKED', 'SPEAKER_NOT_ARRIVED']);

    await addEventMember(t.db, mgmt, event.id, world.client.organizationId, 'CLIENT');
    const api = ok(await client(app, world.client.token)(ops.EventConflictsDocument, { id: gid('Event', event.id) }));
    const messages = having(api.node, 'conflicts').conflicts.map((x) => x.message);
    expect(messages).toContain('R has 5 min between "B" and "C"; its changeover needs 15 min.');
    expect(messages).toContain('Ada arrives after "A" starts.');

    await updateSpeaker(t.db, mgmt, ada.id, 1, { arrivalAt: new Date('2027-04-01T08:00:00Z') });
    expect(await kinds()).toEqual(['CHANGEOVER_TOO_SHORT', 'ROOM_DOUBLE_BOOKED', 'SPEAKER_DOUBLE_BOOKED']);
    await updateSession(t.db, mgmt, b.id, 1, { startsAt: new Date('2027-04-01T10:15:00Z'), endsAt: new Date('2027-04-01T10:25:00Z') }); // after A and its changeover
    expect(await kinds()).toEqual(['CHANGEOVER_TOO_SHORT']);
    await updateSession(t.db, mgmt, c.id, 1, { startsAt: new Date('2027-04-01T10:40:00Z') });
    expect(await kinds()).toEqual([]);
  });
});

describe('a show caller runs a general session while a screen watches', () => {
  it('sees every step in order through showState', async () => {
    const world = await makeWorld(t.db, { rooms: 0 });
    const caller = await persona(t.db, 'PRODUCTION_AGENCY', 'caller');
    const mgmt = world.management.actor;
    const { result: event } = await createEvent(t.db, mgmt, {
      name: 'Kickoff',
      timezone: 'UTC',
      startDate: '2027-05-01',
      endDate: '2027-05-01',
    });
    await addEventMember(t.db, mgmt, event.id, caller.organizationId, 'PRODUCTION');
    await addEventMember(t.db, mgmt, event.id, world.client.organizationId, 'CLIENT');
    const { result: session } = await createSession(t.db, mgmt, event.id, {
      title: 'Opening',
      kind: 'GENERAL_SESSION',
      startsAt: new Date('2027-05-01T09:00:00Z'),
      endsAt: new Date('2027-05-01T10:00:00Z'),
    });
    const departments = ['STAGE_MANAGEMENT', 'LIGHTING', 'AUDIO', 'VIDEO', 'GRAPHICS', 'CAMERA'] as const;
    for (let i = 0; i < 12; i++) {
      await createCue(t.db, caller.actor, session.id, {
        number: String(i + 1),
        department: departments[i % 6]!,
        title: `Step ${i + 1}`,
        offsetSeconds: i * 60,
      });
    }

    const screen = subscribe(wsClient(url, world.client.token), ops.ShowStateDocument, { sessionId: gid('Session', session.id) });
    expect((await screen.nextMessage(0)).showState.session).toMatchObject({
      status: 'SCHEDULED',
      nextCue: { title: 'Step 1' },
      currentCue: null,
      cuesRemaining: 12,
    });

    const call = client(app, caller.token);
    const sessionId = gid('Session', session.id);
    /** Waits, as a show caller does, until the screen shows the state after this change. */
    const shown = async (revision: number) => {
      for (let n = 0; ; n++) {
        const state = (await screen.nextMessage(n)).showState;
        if (state.revision >= revision) return state;
      }
    };

    const started = as(ok(await call(ops.StartSessionDocument, { sessionId })).startSession, 'StartSessionPayload');
    expect((await shown(started.revision!)).session.status).toBe('LIVE');
    // The caller reads what is next from the screen and calls GO on it, twelve times.
    for (let i = 0; i < 12; i++) {
      const next = screen.received.at(-1)!.showState.session.nextCue!;
      expect(next.title).toBe(`Step ${i + 1}`);
      const go = as(ok(await call(ops.GoNextCueDocument, { sessionId, expectedCueId: next.id })).goNextCue, 'GoNextCuePayload');
      const state = await shown(go.revision!);
      expect(state.session.currentCue?.title).toBe(`Step ${i + 1}`);
      expect(state.session.cuesRemaining).toBe(11 - i);
    }
    const ended = as(ok(await call(ops.EndSessionDocument, { sessionId })).endSession, 'EndSessionPayload');
    expect((await shown(ended.revision!)).session).toMatchObject({ status: 'ENDED', nextCue: null, cuesRemaining: 0 });

    // One message per change, in order, each as of its own revision.
    const revisions = screen.received.map((m) => m.showState.revision);
    expect(revisions).toEqual([...revisions].sort((x, y) => x - y));
    expect(new Set(revisions).size).toBe(revisions.length);
    expect(revisions).toHaveLength(1 + 1 + 12 + 1);
  }, 60_000);
});

describe('liveOverview', () => {
  it('shows now and next in every room, several rooms live at once, updated on every change', async () => {
    const w = await makeWorld(t.db, { rooms: 3, sessionsPerRoom: 2, cuesPerSession: 0 });
    const screen = subscribe(wsClient(url, w.client.token), ops.LiveOverviewDocument, { eventId: gid('Event', w.event.id) });
    const first = (await screen.nextMessage(0)).liveOverview;
    // Rooms 1 and 3 go live with their first session; room 2 has not started.
    // One change at a time: a message is read from the database as it is when it is built, so a
    // change that lands before the previous message is built shows up in that one already.
    await startSession(t.db, w.production.actor, w.sessionIds[0]!);
    await screen.nextMessage(1);
    await startSession(t.db, w.production.actor, w.sessionIds[4]!);
    expect((await screen.nextMessage(2)).liveOverview.rooms).toEqual([
      { room: { name: 'Room 1' }, now: { title: 'Session 1.1' }, next: { title: 'Session 1.2' } },
      { room: { name: 'Room 2' }, now: null, next: { title: 'Session 2.1' } },
      { room: { name: 'Room 3' }, now: { title: 'Session 3.1' }, next: { title: 'Session 3.2' } },
    ]);
    expect(screen.received.map((m) => m.liveOverview.revision)).toEqual([first.revision, first.revision + 1, first.revision + 2]);
  });
});
