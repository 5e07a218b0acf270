import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { goCue } from '../src/domain/live/commands.js';
import { endSession, startSession } from '../src/domain/live/session.js';
import { nowAndNext } from '../src/domain/live/timing.js';
import { findRoomsWithSessions } from '../src/domain/live/readings.js';
import { createCue, updateCue } from '../src/domain/runofshow/runofshow.js';
import { createSegment, updateSegment } from '../src/domain/runofshow/segments.js';
import * as ops from './gql/graphql.js';
import { as, client, gid, makeWorld, ok, useTestDatabase, type TestDatabase } from './helpers/index.js';

let t: TestDatabase;
let app: App;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db });
});

describe('rehearsal runs', () => {
  it("a rehearsal leaves the show's actuals untouched, and what the overview shows", async () => {
    const world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 2, cuesPerSession: 4 });
    const sessionId = world.sessionIds[1]!;
    const cues = world.cueIds.slice(4);
    const prod = world.production.actor;
    // The show ran yesterday: two cues went, then it ended.
    await startSession(t.db, prod, sessionId, new Date('2027-03-01T09:00:00Z'));
    await goCue(t.db, prod, cues[0]!);
    await goCue(t.db, prod, cues[1]!);
    await endSession(t.db, prod, sessionId, new Date('2027-03-01T09:40:00Z'));
    const call = client(app, world.production.token);
    const read = async () => as(ok(await call(ops.ShowAndRehearsalDocument, { id: gid('Session', sessionId) })).node!, 'Session');
    const show = await read();
    const overview = async () =>
      (await findRoomsWithSessions(t.db, world.event.id)).map(({ sessions }) => nowAndNext(sessions, Date.parse('2027-03-01T09:30:00Z')));
    const overviewBefore = await overview();

    as(ok(await call(ops.StartRehearsalDocument, { sessionId: gid('Session', sessionId) })).startRehearsal, 'StartRehearsalPayload');
    const rehearsing = await read();
    expect(rehearsing.rehearsal).not.toBeNull();
    expect(rehearsing.cues.nodes.map((c) => c.state)).toEqual(['PENDING', 'PENDING', 'PENDING', 'PENDING']);
    // GO in the rehearsal of an ended show works, and starts nothing.
    await goCue(t.db, prod, cues[0]!);
    await goCue(t.db, prod, cues[2]!);
    const during = await read();
    expect(during.cues.nodes.map((c) => c.state)).toEqual(['FIRED', 'SKIPPED', 'FIRED', 'PENDING']);
    expect({ status: during.status, actualStartAt: during.actualStartAt, actualEndAt: during.actualEndAt }).toEqual({
      status: show.status,
      actualStartAt: show.actualStartAt,
      actualEndAt: show.actualEndAt,
    });
    expect(await overview()).toEqual(overviewBefore);
    // The show's own timing waits for the rehearsal to end.
    await expect(startSession(t.db, prod, sessionId)).rejects.toThrow(/a rehearsal of the session is running/);

    const ended = as(
      ok(await call(ops.EndRehearsalDocument, { sessionId: gid('Session', sessionId) })).endRehearsal,
      'EndRehearsalPayload',
    );
    expect(ended.rehearsal.cues.map((c) => [c.cue?.label, c.state])).toEqual([
      ['SM 1', 'FIRED'],
      ['LX 2', 'SKIPPED'],
      ['SND 3', 'FIRED'],
    ]);
    const after = await read();
    expect(after.rehearsal).toBeNull();
    expect(after.cues.nodes).toEqual(show.cues.nodes);
    expect(after.status).toBe('ENDED');
    expect(after.actualEndAt).toBe(show.actualEndAt);
  });

  it('the client cannot rehearse, and a live show is not rehearsed over', async () => {
    const world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 2, cuesPerSession: 1 });
    const sessionId = gid('Session', world.sessionIds[1]!);
    const byClient = await client(app, world.client.token)(ops.StartRehearsalDocument, { sessionId });
    expect(as(ok(byClient).startRehearsal, 'ForbiddenError').message).toMatch(/call the show/);
    await startSession(t.db, world.production.actor, world.sessionIds[1]!);
    const live = await client(app, world.production.token)(ops.StartRehearsalDocument, { sessionId });
    expect(as(ok(live).startRehearsal, 'ValidationError').message).toMatch(/the show is live/);
  });
});

describe('run-of-show versions', () => {
  it('publishing locks; edits under the lock go through, flagged; any two versions compare', async () => {
    const world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 2, cuesPerSession: 3 });
    const sessionId = world.sessionIds[1]!;
    const [first] = world.cueIds.slice(3);
    const call = client(app, world.production.token);
    const session = gid('Session', sessionId);
    const revA = as(
      ok(await call(ops.PublishRunOfShowDocument, { sessionId: session, label: 'Rev A' })).publishRunOfShow,
      'PublishRunOfShowPayload',
    );
    expect(revA.runOfShowVersion).toEqual({ number: 1, label: 'Rev A', cueCount: 3 });

    // Locked: the caller still edits — one title, one new cue, one segment's length — each flagged.
    await updateCue(t.db, world.production.actor, first!, 1, { title: 'House to half, slowly' });
    const { result: segment } = await createSegment(t.db, world.production.actor, sessionId, {
      title: 'Welcome',
      kind: 'OPENING',
      plannedSeconds: 300,
    });
    expect(segment.edited_under_lock).toBe(true);
    await createCue(t.db, world.production.actor, sessionId, { number: '9', department: 'VIDEO', title: 'Sponsor loop' });
    const state = as(ok(await call(ops.ShowAndRehearsalDocument, { id: session })).node!, 'Session');
    expect(state.cues.nodes.map((c) => c.editedUnderLock)).toEqual([true, false, false, true]);
    const diff = as(ok(await call(ops.RunOfShowDiffDocument, { id: session, from: 1 })).node!, 'Session');
    expect(diff.runOfShowStatus).toBe('LOCKED');
    expect(diff.runOfShowDiff.map((d) => d.text)).toEqual([
      '+ segment Welcome',
      '~ SM 1: title "Cue 1" → "House to half, slowly"',
      '+ VID 9',
    ]);
    const longer = await updateSegment(t.db, world.production.actor, segment.id, segment.version, { plannedSeconds: 420 });
    expect(longer.result.edited_under_lock).toBe(true);

    as(ok(await call(ops.PublishRunOfShowDocument, { sessionId: session, label: 'Rev B' })).publishRunOfShow, 'PublishRunOfShowPayload');
    const between = as(ok(await call(ops.RunOfShowDiffDocument, { id: session, from: 1, to: 2 })).node!, 'Session');
    expect(between.runOfShowVersions.map((v) => v.label)).toEqual(['Rev A', 'Rev B']);
    expect(between.runOfShowDiff).toHaveLength(3);
    expect(as(ok(await call(ops.RunOfShowDiffDocument, { id: session, from: 2 })).node!, 'Session').runOfShowDiff).toEqual([]);
    const fresh = as(ok(await call(ops.ShowAndRehearsalDocument, { id: session })).node!, 'Session');
    expect(fresh.cues.nodes.every((c) => !c.editedUnderLock)).toBe(true);
    const missing = await call(ops.RunOfShowDiffDocument, { id: session, from: 7 });
    expect(missing.errors?.[0]).toMatchObject({ message: 'from: the session has no version 7', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
