import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { startSession } from '../src/domain/live/session.js';
import { updateSession } from '../src/domain/schedule/schedule.js';
import * as ops from './gql/graphql.js';
import { as, client, gid, makeWorld, ok, useTestDatabase, type TestDatabase } from './helpers/index.js';

let t: TestDatabase;
let app: App;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db });
});

/** One room's day: sessions at 09:00, 10:00 and 11:00 (Berlin), 45 minutes each. */
const day = () => makeWorld(t.db, { rooms: 1, sessionsPerRoom: 3, cuesPerSession: 0 });

describe('the baseline', () => {
  it('keeps the published plan when live timing shifts: +10 reads +600, and a negative shift stops at the baseline', async () => {
    const world = await day();
    const call = client(app, world.production.token);
    const sessionId = gid('Session', world.sessionIds[0]!);
    const timing = async () => as(ok(await call(ops.SessionTimingDocument, { id: sessionId })).node!, 'Session');
    const planned = await timing();
    expect(planned.delaySeconds).toBe(0);

    as(ok(await call(ops.ShiftScheduleDocument, { sessionId, minutes: 10 })).shiftSchedule, 'ShiftSchedulePayload');
    const shifted = await timing();
    expect(shifted.delaySeconds).toBe(600);
    expect(shifted.baselineStartsAt).toBe(planned.startsAt);
    expect(new Date(shifted.startsAt).getTime() - new Date(planned.startsAt).getTime()).toBe(600_000);

    // Back 15: only the 10 it was late; never before what attendees were told.
    as(ok(await call(ops.ShiftScheduleDocument, { sessionId, minutes: -15 })).shiftSchedule, 'ShiftSchedulePayload');
    expect(await timing()).toMatchObject({ startsAt: planned.startsAt, delaySeconds: 0 });
    const refused = as(ok(await call(ops.ShiftScheduleDocument, { sessionId, minutes: -5 })).shiftSchedule, 'ValidationError');
    expect(refused.message).toMatch(/already at its published start/);

    // Management publishes the moved plan as the new baseline: the delay is measured from it.
    as(ok(await call(ops.ShiftScheduleDocument, { sessionId, minutes: 20 })).shiftSchedule, 'ShiftSchedulePayload');
    expect((await timing()).delaySeconds).toBe(1200);
    const byProduction = await call(ops.PublishBaselineDocument, { eventId: gid('Event', world.event.id) });
    expect(as(ok(byProduction).publishBaseline, 'ForbiddenError').message).toMatch(/plan this event/);
    const published = await client(app, world.management.token)(ops.PublishBaselineDocument, { eventId: gid('Event', world.event.id) });
    expect(as(ok(published).publishBaseline, 'PublishBaselinePayload').baseline.sessions).toBe(3);
    expect((await timing()).delaySeconds).toBe(0);
    const again = await client(app, world.management.token)(ops.PublishBaselineDocument, { eventId: gid('Event', world.event.id) });
    expect(as(ok(again).publishBaseline, 'PublishBaselinePayload').revision).toBeNull();
  });

  it('a hard start never moves: the shift stops before it and HARD_START_AT_RISK appears instead', async () => {
    const world = await day();
    const [first, , third] = world.sessionIds as [string, string, string];
    const row = await t.db.selectFrom('session').select(['version', 'starts_at']).where('id', '=', third).executeTakeFirstOrThrow();
    await updateSession(t.db, world.management.actor, third, row.version, { isHardStart: true });
    const call = client(app, world.production.token);
    const conflicts = async () =>
      as(ok(await call(ops.ConflictsDocument, { eventId: gid('Event', world.event.id) })).node!, 'Event').conflicts;
    expect((await conflicts()).filter((c) => c.kind === 'HARD_START_AT_RISK')).toEqual([]);

    const shift = as(
      ok(await call(ops.ShiftScheduleDocument, { sessionId: gid('Session', first), minutes: 40 })).shiftSchedule,
      'ShiftSchedulePayload',
    );
    expect(shift.shift.moved.map((s) => s.title)).toEqual(['Session 1.1', 'Session 1.2']);
    const hard = await t.db.selectFrom('session').select('starts_at').where('id', '=', third).executeTakeFirstOrThrow();
    expect(hard.starts_at).toEqual(row.starts_at);
    const risk = (await conflicts()).filter((c) => c.kind === 'HARD_START_AT_RISK');
    expect(risk).toHaveLength(1);
    expect(risk[0]!.sessions.map((s) => s.title)).toEqual(['Session 1.3', 'Session 1.2']);
    expect(risk[0]!.message).toMatch(/"Session 1.3" is a hard start in Room 1, but "Session 1.2" before it runs 10 min into its start/);

    const direct = as(
      ok(await call(ops.ShiftScheduleDocument, { sessionId: gid('Session', third), minutes: 5 })).shiftSchedule,
      'ValidationError',
    );
    expect(direct.message).toMatch(/hard start/);
  });
});

describe('holds', () => {
  it('are recorded with their reason; the live session ends later by the time held, and the stage timer stands still meanwhile', async () => {
    const world = await day();
    const sessionId = gid('Session', world.sessionIds[1]!); // one without segments: the stage counts the session down
    const now = Math.floor(Date.now() / 1000) * 1000;
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    // Planned 45 minutes; started 10 minutes ago.
    await startSession(t.db, world.production.actor, world.sessionIds[1]!, new Date(at(10)));
    const call = client(app, world.production.token);
    const read = async () => as(ok(await call(ops.SessionHoldsDocument, { id: sessionId })).node!, 'Session');
    const timerEnd = (await read()).room!.stageOutput!.timer!.endsAt;
    expect(Date.parse(timerEnd)).toBe(Date.parse(at(10)) + 45 * 60_000);

    const held = as(
      ok(await call(ops.HoldSessionDocument, { sessionId, reason: 'Hold for the CEO', at: at(5) })).holdSession,
      'HoldSessionPayload',
    );
    expect(held.hold.reason).toBe('Hold for the CEO');
    const again = as(ok(await call(ops.HoldSessionDocument, { sessionId, reason: 'pressed twice' })).holdSession, 'HoldSessionPayload');
    expect(again.revision).toBeNull();
    const during = await read();
    expect(during.currentHold?.reason).toBe('Hold for the CEO');
    expect(during.room!.stageOutput!.timer!.pausedAt).toBe(at(5));
    // While held, the projected end runs on with the clock.
    expect(Date.parse(during.projectedEndsAt)).toBeGreaterThanOrEqual(Date.parse(at(10)) + 45 * 60_000 + 5 * 60_000);

    as(ok(await call(ops.ReleaseHoldDocument, { sessionId, at: at(2) })).releaseHold, 'ReleaseHoldPayload');
    const after = await read();
    expect(after.currentHold).toBeNull();
    expect(after.holds).toEqual([{ reason: 'Hold for the CEO', startedAt: at(5), endedAt: at(2) }]);
    expect(Date.parse(after.projectedEndsAt)).toBe(Date.parse(at(10)) + 48 * 60_000);
    expect(after.room!.stageOutput!.timer).toEqual({ endsAt: new Date(Date.parse(timerEnd) + 3 * 60_000).toISOString(), pausedAt: null });

    const byClient = await client(app, world.client.token)(ops.HoldSessionDocument, { sessionId, reason: 'no' });
    expect(as(ok(byClient).holdSession, 'ForbiddenError').message).toMatch(/live timing/);
  });
});
