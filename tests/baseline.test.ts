import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
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
