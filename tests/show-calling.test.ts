import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import type { CueDepartment, CueTrigger } from '../src/db/types.js';
import { goCue } from '../src/domain/live/commands.js';
import { endSession } from '../src/domain/live/session.js';
import { createCue } from '../src/domain/runofshow/runofshow.js';
import { createAsset } from '../src/domain/production/assets.js';
import * as ops from './gql/graphql.js';
import {
  as,
  client,
  gid,
  listening,
  makeWorld,
  ok,
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

describe('standby', () => {
  it("the caller warns, lighting's operator answers on their feed, and a GO without an answer still fires, marked", async () => {
    const { world, sessionId, ids } = await runOfShow([
      ['LIGHTING', 'Preset', 'MANUAL'],
      ['AUDIO', 'Walk-in music', 'MANUAL'],
      ['LIGHTING', 'House to half', 'MANUAL'],
    ]);
    const call = client(app, world.production.token);
    const feed = subscribe(wsClient(url, world.production.token), ops.DepartmentFeedDocument, {
      sessionId: gid('Session', sessionId),
      department: 'LIGHTING',
    });
    const first = await feed.nextMessage(0);
    expect(first.departmentFeed.cues.map((c) => c.label)).toEqual(['LX 1', 'LX 3']);
    expect(first.departmentFeed.nextCue?.label).toBe('LX 1');
    const shown = async (revision: number | null | undefined) => {
      for (let n = 0; ; n++) {
        const message = (await feed.nextMessage(n)).departmentFeed;
        if (message.revision >= revision!) return message;
      }
    };

    const warned = as(ok(await call(ops.WarnCueDocument, { cueId: gid('Cue', ids[0]!) })).warnCue, 'WarnCuePayload');
    expect((await shown(warned.revision)).standbyCues).toEqual([{ label: 'LX 1', acknowledgedAt: null }]);
    const answered = as(
      ok(await call(ops.AcknowledgeStandbyDocument, { cueId: gid('Cue', ids[0]!) })).acknowledgeStandby,
      'AcknowledgeStandbyPayload',
    );
    expect((await shown(answered.revision)).standbyCues[0]!.acknowledgedAt).not.toBeNull();
    expect(
      as(ok(await call(ops.AcknowledgeStandbyDocument, { cueId: gid('Cue', ids[0]!) })).acknowledgeStandby, 'AcknowledgeStandbyPayload')
        .revision,
    ).toBeNull();
    await goCue(t.db, world.production.actor, ids[0]!);

    // Audio was never warned; LX 3 was warned but not answered, then stood down and warned again.
    await goCue(t.db, world.production.actor, ids[1]!);
    as(ok(await call(ops.WarnCueDocument, { cueId: gid('Cue', ids[2]!) })).warnCue, 'WarnCuePayload');
    const down = as(ok(await call(ops.CancelStandbyDocument, { cueId: gid('Cue', ids[2]!) })).cancelStandby, 'CancelStandbyPayload');
    expect(down.cue.state).toBe('PENDING');
    as(ok(await call(ops.WarnCueDocument, { cueId: gid('Cue', ids[2]!) })).warnCue, 'WarnCuePayload');
    const go = await goCue(t.db, world.production.actor, ids[2]!);
    const last = await shown(go.revision);
    expect(last.cues.map((c) => [c.label, c.state, c.calledWithoutStandby])).toEqual([
      ['LX 1', 'FIRED', false],
      ['LX 3', 'FIRED', true],
    ]);
    expect(last.nextCue).toBeNull();
    const audio = await t.db.selectFrom('cue').select('called_without_standby').where('id', '=', ids[1]!).executeTakeFirstOrThrow();
    expect(audio.called_without_standby).toBe(true);
    // An answer to a cue that is not standing by is refused, and says why.
    const late = as(ok(await call(ops.AcknowledgeStandbyDocument, { cueId: gid('Cue', ids[2]!) })).acknowledgeStandby, 'CueStateError');
    expect(late.message).toMatch(/LX 3 is not standing by/);
    feed.stop();
  });
});

describe('rehearsal moves', () => {
  it('unskipCue brings a passed-over cue back; jumpToCue moves the playhead either way without firing', async () => {
    const { world, sessionId, ids } = await runOfShow([
      ['STAGE_MANAGEMENT', 'Doors', 'MANUAL'],
      ['LIGHTING', 'Preset', 'MANUAL'],
      ['VIDEO', 'Opening video', 'MANUAL'],
      ['AUDIO', 'Voice of god', 'MANUAL'],
    ]);
    const call = client(app, world.production.token);
    const session = gid('Session', sessionId);
    const before = await revisionOf(t.db, world.event.id);
    as(ok(await call(ops.JumpToCueDocument, { sessionId: session, cueId: gid('Cue', ids[2]!) })).jumpToCue, 'JumpToCuePayload');
    expect(await revisionOf(t.db, world.event.id)).toBe(before + 1);
    expect((await states(sessionId)).map((c) => c.state)).toEqual(['SKIPPED', 'SKIPPED', 'PENDING', 'PENDING']);
    as(ok(await call(ops.UnskipCueDocument, { cueId: gid('Cue', ids[1]!) })).unskipCue, 'UnskipCuePayload');
    let read = as(ok(await call(ops.CuesOfSessionDocument, { id: session })).node!, 'Session');
    expect(read.nextCue?.label).toBe('LX 2');
    await goCue(t.db, world.production.actor, ids[1]!);
    await goCue(t.db, world.production.actor, ids[2]!);
    // "Again from LX 2": it and everything after it wait again; nothing fires.
    as(ok(await call(ops.JumpToCueDocument, { sessionId: session, cueId: gid('Cue', ids[1]!) })).jumpToCue, 'JumpToCuePayload');
    expect((await states(sessionId)).map((c) => [c.state, c.fired_at])).toEqual([
      ['SKIPPED', null],
      ['PENDING', null],
      ['PENDING', null],
      ['PENDING', null],
    ]);
    read = as(ok(await call(ops.CuesOfSessionDocument, { id: session })).node!, 'Session');
    expect(read.nextCue?.label).toBe('LX 2');
  });
});

describe('department fields and speaker links', () => {
  it("a cue carries its department's fields, checked; one mic on two people at once is a conflict", async () => {
    const { world, sessionId, ids } = await runOfShow([['VIDEO', 'Roll CEO walk-up', 'MANUAL']]);
    const call = client(app, world.production.token);
    // makeWorld defines video's "clip"; camera gets a shot list.
    const shot = await call(ops.CreateDepartmentFieldDocument, {
      input: {
        eventId: gid('Event', world.event.id),
        department: 'CAMERA',
        key: 'shot',
        label: 'Shot',
        kind: 'SELECT',
        options: ['WIDE', 'MID', 'CLOSE'],
      },
    });
    as(ok(shot).createDepartmentField, 'CreateDepartmentFieldPayload');
    // Video's clip names an asset of the event (by name here; by id works too).
    await createAsset(t.db, world.production.actor, world.event.id, { name: 'CEO_walkup_v3.mov', kind: 'VIDEO', sessionId });
    const [one, two] = await t.db
      .selectFrom('session_speaker')
      .select(['id', 'version'])
      .where('session_id', '=', sessionId)
      .orderBy('position')
      .execute();
    const set = await call(ops.SetCueDetailsDocument, {
      id: gid('Cue', ids[0]!),
      expectedVersion: 1,
      fieldValues: [{ key: 'clip', value: ' CEO_walkup_v3.mov ' }],
      speakerId: gid('SessionSpeaker', one!.id),
    });
    const cue = as(ok(set).updateCue, 'UpdateCuePayload').cue;
    expect(cue.fieldValues).toEqual([{ key: 'clip', label: 'Clip', kind: 'ASSET', value: 'CEO_walkup_v3.mov' }]);
    expect(cue.speaker?.speaker.name).toMatch(/^Speaker /);
    // A key video does not have is refused, naming it and what video has; nothing changes.
    const wrong = await call(ops.SetCueDetailsDocument, {
      id: gid('Cue', ids[0]!),
      expectedVersion: 2,
      fieldValues: [{ key: 'shot', value: 'WIDE' }],
    });
    const error = as(ok(wrong).updateCue, 'ValidationError');
    expect(error.field).toBe('fieldValues.shot');
    expect(error.message).toBe('fieldValues.shot: VIDEO has no field "shot" (its fields: clip)');
    // The same values again change nothing.
    const same = await call(ops.SetCueDetailsDocument, {
      id: gid('Cue', ids[0]!),
      expectedVersion: 2,
      fieldValues: [{ key: 'clip', value: 'CEO_walkup_v3.mov' }],
    });
    expect(as(ok(same).updateCue, 'UpdateCuePayload').revision).toBeNull();

    // Audio gives both speakers of the session the same lav: a conflict, gone when fixed.
    for (const link of [one!, two!]) {
      const mic = await call(ops.SetSpeakerSupportDocument, {
        id: gid('SessionSpeaker', link.id),
        expectedVersion: link.version,
        mic: 'Lav 3',
        walkUpMusic: 'Eye of the Tiger',
      });
      expect(as(ok(mic).updateSessionSpeaker, 'UpdateSessionSpeakerPayload').sessionSpeaker.mic).toBe('Lav 3');
    }
    const conflicts = async () =>
      as(ok(await call(ops.ConflictsDocument, { eventId: gid('Event', world.event.id) })).node!, 'Event').conflicts.filter(
        (c) => c.kind === 'MIC_DOUBLE_BOOKED',
      );
    const found = await conflicts();
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^Lav 3 in Room 1 is on two people at once: Speaker .* and Speaker .*/);
    await call(ops.SetSpeakerSupportDocument, { id: gid('SessionSpeaker', two!.id), expectedVersion: two!.version + 1, mic: 'Lav 4' });
    expect(await conflicts()).toEqual([]);
    // Mics are production's: management, who plans who speaks, cannot set them.
    const byManagement = await client(app, world.management.token)(ops.SetSpeakerSupportDocument, {
      id: gid('SessionSpeaker', one!.id),
      expectedVersion: 2,
      mic: 'HH 1',
    });
    expect(as(ok(byManagement).updateSessionSpeaker, 'ForbiddenError').message).toMatch(/technical fields/);
  });
});
