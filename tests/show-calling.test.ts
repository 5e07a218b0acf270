import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import type { CueDepartment, CueTrigger } from '../src/db/types.js';
import { goCue } from '../src/domain/live/commands.js';
import { endSession } from '../src/domain/live/session.js';
import { createCue } from '../src/domain/runofshow/runofshow.js';
import * as ops from './gql/graphql.js';
import { as, client, gid, makeWorld, ok, revisionOf, useTestDatabase, type TestDatabase } from './helpers/index.js';

let t: TestDatabase;
let app: App;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db, databaseUrl: t.url });
});

type Step = [CueDepartment, string, CueTrigger, number?];

/** A session of its own whose run-of-show is `steps`, in order: department, title, trigger, duration. */
async function runOfShow(steps: Step[]) {
  const world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 2, cuesPerSession: 0 });
  const sessionId = world.sessionIds[1]!;
  const ids: string[] = [];
  for (const [i, [department, title, trigger, duration]] of steps.entries()) {
    const { result } = await createCue(t.db, world.production.actor, sessionId, {
      number: String(i + 1),
      department,
      title,
      trigger,
      durationSeconds: duration ?? null,
    });
    ids.push(result.id);
  }
  return { world, sessionId, ids };
}

const states = (sessionId: string) =>
  t.db.selectFrom('cue').select(['title', 'state', 'fired_at']).where('session_id', '=', sessionId).orderBy('position').execute();

const WALK_IN: Step[] = [
  ['STAGE_MANAGEMENT', 'Walk-in', 'MANUAL'],
  ['AUDIO', 'Walk-in playlist', 'AUTO_CONTINUE'],
  ['GRAPHICS', 'Walk-in loop', 'AUTO_CONTINUE'],
  ['LIGHTING', 'House full, stage blue', 'AUTO_CONTINUE'],
  ['LIGHTING', 'House to half', 'MANUAL'],
];

describe('one GO, several departments', () => {
  it('the walk-in GO fires SM, SND, GFX and LX in one revision; a double GO fires nothing', async () => {
    const { world, sessionId, ids } = await runOfShow(WALK_IN);
    const call = client(app, world.production.token);
    const before = await revisionOf(t.db, world.event.id);
    const presses = await Promise.all(
      [1, 2].map(() => call(ops.GoNextCueDocument, { sessionId: gid('Session', sessionId), expectedCueId: gid('Cue', ids[0]!) })),
    );
    const revisions = presses.map((p) => as(ok(p).goNextCue, 'GoNextCuePayload').revision);
    expect(revisions.filter((r) => r !== null)).toEqual([before + 1]);
    expect(await revisionOf(t.db, world.event.id)).toBe(before + 1);
    const after = await states(sessionId);
    expect(after.map((c) => c.state)).toEqual(['FIRED', 'FIRED', 'FIRED', 'FIRED', 'PENDING']);
    expect(new Set(after.slice(0, 4).map((c) => c.fired_at!.getTime())).size).toBe(1);
    // The session started with its first GO, in the same change.
    const session = await t.db
      .selectFrom('session')
      .select(['status', 'actual_start_at'])
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(session.status).toBe('LIVE');
    const read = as(ok(await call(ops.CuesOfSessionDocument, { id: gid('Session', sessionId) })).node!, 'Session');
    expect(read.nextCue?.label).toBe('LX 5');
    // The history has one change that names every cue that went.
    const history = as(ok(await call(ops.HistoryOfEventDocument, { eventId: gid('Event', world.event.id) })).node!, 'Event');
    const change = history.changes.nodes.find((c) => c.revision === before + 1)!;
    expect(change.kind).toBe('Cue.fired');
    expect((change.after as { followers: unknown[] }).followers).toHaveLength(3);
  });

  it('GO further down passes over what it jumps; an ended session fires nothing', async () => {
    const { world, sessionId, ids } = await runOfShow([
      ['STAGE_MANAGEMENT', 'Doors', 'MANUAL'],
      ['LIGHTING', 'Preset', 'MANUAL'],
      ['VIDEO', 'Opening video', 'MANUAL'],
      ['LIGHTING', 'Video look', 'AUTO_CONTINUE'],
      ['AUDIO', 'Voice of god', 'MANUAL'],
    ]);
    const call = client(app, world.production.token);
    as(ok(await call(ops.GoCueDocument, { cueId: gid('Cue', ids[2]!) })).goCue, 'GoCuePayload');
    expect((await states(sessionId)).map((c) => c.state)).toEqual(['SKIPPED', 'SKIPPED', 'FIRED', 'FIRED', 'PENDING']);
    const read = as(ok(await call(ops.CuesOfSessionDocument, { id: gid('Session', sessionId) })).node!, 'Session');
    expect(read.nextCue?.label).toBe('SND 5');
    await endSession(t.db, world.production.actor, sessionId);
    const revision = await revisionOf(t.db, world.event.id);
    const refused = as(ok(await call(ops.GoCueDocument, { cueId: gid('Cue', ids[4]!) })).goCue, 'ValidationError');
    expect(refused.message).toMatch(/the session has ended/);
    expect(await revisionOf(t.db, world.event.id)).toBe(revision);
    // The GO that already went still answers unchanged (a retried request after the end).
    expect((await goCue(t.db, world.production.actor, ids[2]!)).revision).toBeNull();
  });

  it('a cue that went keeps its number and place', async () => {
    const { world, sessionId, ids } = await runOfShow(WALK_IN);
    await goCue(t.db, world.production.actor, ids[0]!);
    const call = client(app, world.production.token);
    const renumbered = await call(ops.UpdateCueDocument, { input: { id: gid('Cue', ids[0]!), expectedVersion: 2, number: '99' } });
    expect(as(ok(renumbered).updateCue, 'ValidationError').message).toMatch(/SM 1 has already gone, so it cannot be renumbered/);
    const moved = await call(ops.MoveCueDocument, {
      input: { id: gid('Cue', ids[0]!), expectedVersion: 2, afterCueId: gid('Cue', ids[4]!) },
    });
    expect(as(ok(moved).moveCue, 'ValidationError').message).toMatch(/cannot be moved/);
    // Its title and notes stay editable (a typo fixed after the show).
    const retitled = await call(ops.UpdateCueDocument, {
      input: { id: gid('Cue', ids[0]!), expectedVersion: 2, title: 'Walk-in (doors)' },
    });
    expect(as(ok(retitled).updateCue, 'UpdateCuePayload').cue.title).toBe('Walk-in (doors)');
    expect((await states(sessionId))[0]!.state).toBe('FIRED');
  });
});
