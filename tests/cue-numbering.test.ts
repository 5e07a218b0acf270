import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { createCue, moveCue } from '../src/domain/runofshow/runofshow.js';
import * as ops from './gql/graphql.js';
import { as, client, gid, makeWorld, ok, useTestDatabase, type TestDatabase } from './helpers/index.js';

let t: TestDatabase;
let app: App;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db });
});

const outOfOrder = async (call: ReturnType<typeof client>, eventId: string) =>
  as(ok(await call(ops.ConflictsDocument, { eventId: gid('Event', eventId) })).node!, 'Event').conflicts.filter(
    (c) => c.kind === 'CUE_NUMBER_OUT_OF_ORDER',
  );

describe('cue numbering', () => {
  it("per room and day, as a console numbers: a number used earlier that day is refused, naming where; production's choice", async () => {
    // Room 1: two sessions on one day, each numbered from SM 1 (makeWorld numbers per session).
    const world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 2, cuesPerSession: 2 });
    const [opening, keynote] = world.sessionIds as [string, string];
    const eventId = gid('Event', world.event.id);
    const byManagement = await client(app, world.management.token)(ops.SetCueNumberingDocument, {
      id: eventId,
      expectedVersion: 1,
      cueNumbering: 'ROOM_DAY',
    });
    expect(as(ok(byManagement).updateEvent, 'ForbiddenError').message).toMatch(/technical fields/);
    const call = client(app, world.production.token);
    // Switching while two sessions share numbers would break the rule it promises: refused, named.
    const clash = as(
      ok(await call(ops.SetCueNumberingDocument, { id: eventId, expectedVersion: 1, cueNumbering: 'ROOM_DAY' })).updateEvent,
      'ValidationError',
    );
    expect(clash.message).toBe(
      'cueNumbering: SM 1 is in both "Session 1.1" and "Session 1.2", the same day in one room; renumber one of them first',
    );
    await t.db.deleteFrom('cue').where('session_id', '=', keynote).execute();
    const set = await call(ops.SetCueNumberingDocument, { id: eventId, expectedVersion: 1, cueNumbering: 'ROOM_DAY' });
    expect(as(ok(set).updateEvent, 'UpdateEventPayload').event.cueNumbering).toBe('ROOM_DAY');

    // A number the keynote takes is no longer free in the opening the same day.
    await expect(
      createCue(t.db, world.production.actor, keynote, { number: '5', department: 'LIGHTING', title: 'Keynote look' }),
    ).resolves.toBeTruthy();
    const dup = await call(ops.CreateCueDocument, {
      input: { sessionId: gid('Session', opening), number: '5', department: 'LIGHTING', title: 'Again' },
    });
    const error = as(ok(dup).createCue, 'ValidationError');
    expect(error.field).toBe('number');
    expect(error.message).toBe(
      'number: LX 5 already exists in "Session 1.2", the same day in this room (the event numbers cues per room and day)',
    );

    // Running order across the day: the keynote's LX 5 comes after an LX 9 in the opening — a warning.
    expect(await outOfOrder(call, world.event.id)).toEqual([]);
    await createCue(t.db, world.production.actor, opening, { number: '9', department: 'LIGHTING', title: 'Opening finale' });
    const found = await outOfOrder(call, world.event.id);
    expect(found.map((c) => c.message)).toEqual([
      'LX 5 in "Session 1.2" comes after LX 9 (in "Session 1.1") in the running order: a console would run them the other way round.',
    ]);
    expect(found[0]!.sessions.map((s) => s.title)).toEqual(['Session 1.2', 'Session 1.1']);
  });

  it('per session (the default), a cue moved ahead of a lower number is flagged, and the flag clears when it moves back', async () => {
    const world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 0 });
    const sessionId = world.sessionIds[0]!;
    const ids: string[] = [];
    for (const n of ['1', '2', '2.5', '3'])
      ids.push(
        (await createCue(t.db, world.production.actor, sessionId, { number: n, department: 'AUDIO', title: `Sound ${n}` })).result.id,
      );
    const call = client(app, world.production.token);
    expect(await outOfOrder(call, world.event.id)).toEqual([]);
    const moved = await moveCue(t.db, world.production.actor, ids[3]!, 1, ids[0]!);
    expect((await outOfOrder(call, world.event.id)).map((c) => c.message)).toEqual([
      'SND 2 in "Session 1.1" comes after SND 3 in the running order: a console would run them the other way round.',
    ]);
    await moveCue(t.db, world.production.actor, ids[3]!, moved.result.version, ids[2]!);
    expect(await outOfOrder(call, world.event.id)).toEqual([]);
  });
});
