import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchema, getNamedType, isObjectType, type GraphQLNamedType } from 'graphql';
import fs from 'node:fs';
import { createApp, type App } from '../src/app.js';
import { addEventMember, createEvent } from '../src/domain/event/event.js';
import { createCue } from '../src/domain/runofshow/runofshow.js';
import { createSegment } from '../src/domain/runofshow/segments.js';
import { addSessionSpeaker, createSession, createSpeaker } from '../src/domain/schedule/schedule.js';
import { createRoom, createVenue } from '../src/domain/venue/venue.js';
import * as ops from './gql/graphql.js';
import { as, client, gid, listening, makeWorld, ok, subscribe, useTestDatabase, wsClient, type TestDatabase } from './helpers/index.js';

let t: TestDatabase;
let app: App;
let url: string;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db, databaseUrl: t.url });
  url = await listening(app);
});

const MIN = 60_000;

/**
 * A sales kickoff's general session, planned to start 32 minutes ago and to last an hour, with a
 * hard out at its planned end: walk-in 5, opening video 3, CEO keynote 20, award 5, panel 20,
 * walk-out 2 (55 minutes, 5 to spare).
 */
async function generalSession() {
  const world = await makeWorld(t.db, { rooms: 0 });
  const mgmt = world.management.actor;
  const prod = world.production.actor;
  const { result: event } = await createEvent(t.db, mgmt, {
    name: 'Sales Kickoff',
    timezone: 'UTC',
    startDate: '2027-01-01',
    endDate: '2027-12-31',
  });
  await addEventMember(t.db, mgmt, event.id, world.production.organizationId, 'PRODUCTION');
  await addEventMember(t.db, mgmt, event.id, world.client.organizationId, 'CLIENT');
  const { result: venue } = await createVenue(t.db, mgmt, event.id, { name: 'Convention Center' });
  const { result: room } = await createRoom(t.db, mgmt, event.id, { venueId: venue.id, name: 'Ballroom', kind: 'BALLROOM' });
  const start = new Date(Math.floor((Date.now() - 32 * MIN) / 1000) * 1000);
  const { result: session } = await createSession(t.db, mgmt, event.id, {
    roomId: room.id,
    title: 'General Session 1',
    kind: 'GENERAL_SESSION',
    startsAt: start,
    endsAt: new Date(start.getTime() + 60 * MIN),
    hardOutAt: new Date(start.getTime() + 60 * MIN),
  });
  const { result: ceo } = await createSpeaker(t.db, mgmt, event.id, { name: 'Dana Whitfield', company: 'Acme' });
  const { result: ceoLink } = await addSessionSpeaker(t.db, mgmt, { sessionId: session.id, speakerId: ceo.id, role: 'PRESENTER' });
  const plan = [
    ['Walk-in', 'WALK_IN', 5],
    ['Opening video', 'OPENING', 3],
    ['CEO keynote', 'KEYNOTE', 20],
    ['Partner award', 'AWARD', 5],
    ['Customer panel', 'PANEL', 20],
    ['Walk-out', 'WALK_OUT', 2],
  ] as const;
  const segments: string[] = [];
  for (const [title, kind, minutes] of plan) {
    const { result } = await createSegment(t.db, prod, session.id, {
      title,
      kind,
      plannedSeconds: minutes * 60,
      presenterId: kind === 'KEYNOTE' ? ceoLink.id : null,
      warningSeconds: 120,
      dangerSeconds: 30,
    });
    segments.push(result.id);
  }
  return { world, event, room, session, start, segments };
}

const seconds = (a: string, b: string) => (new Date(a).getTime() - new Date(b).getTime()) / 1000;

describe('segments', () => {
  it('the CEO runs 4 minutes over: the award is projected 240 s late and the panel may run 240 s less to make the hard out', async () => {
    const { world, session, start, segments } = await generalSession();
    const at = (minutes: number) => new Date(start.getTime() + minutes * MIN).toISOString();
    const call = client(app, world.production.token);
    const sessionId = gid('Session', session.id);
    // Walk-in and video ran as planned; the CEO went on at minute 8, 24 minutes ago.
    for (const [i, minute] of [0, 5, 8].entries()) {
      const started = await call(ops.StartSegmentDocument, { sessionId, expectedSegmentId: gid('Segment', segments[i]!), at: at(minute) });
      expect(as(ok(started).startSegment, 'StartSegmentPayload').segment.state).toBe('LIVE');
    }
    const read = await client(app, world.client.token)(ops.SessionSegmentsDocument, { id: sessionId });
    const s = as(ok(read).node!, 'Session');
    const [walkIn, video, keynote, award, panel, walkOut] = s.segments.nodes;
    expect(s.liveSegment?.title).toBe('CEO keynote');
    expect(s.nextSegment?.title).toBe('Partner award');
    expect([walkIn!.state, video!.state, keynote!.state, award!.state]).toEqual(['DONE', 'DONE', 'LIVE', 'UPCOMING']);
    expect(keynote!.presenter?.speaker.name).toBe('Dana Whitfield');
    // Front-timing: the award follows the keynote, which is 4 minutes past its 20.
    expect(seconds(award!.plannedStartAt, at(28))).toBe(0);
    expect(seconds(award!.projectedStartAt, award!.plannedStartAt)).toBeGreaterThanOrEqual(240);
    expect(seconds(award!.projectedStartAt, award!.plannedStartAt)).toBeLessThan(245);
    expect(keynote!.overUnderSeconds).toBeGreaterThanOrEqual(240);
    // Back-timing: the panel must end 2 minutes (the walk-out) before the hard out; its allowance
    // in the plan was 25 minutes (its 20 and the 5 spare), now 240 s less.
    expect(seconds(panel!.mustEndBy, at(58))).toBe(0);
    const plannedAllowance = seconds(panel!.mustEndBy, panel!.plannedStartAt);
    expect(plannedAllowance).toBe(25 * 60);
    expect(plannedAllowance - panel!.allowanceSeconds).toBeGreaterThanOrEqual(240);
    expect(plannedAllowance - panel!.allowanceSeconds).toBeLessThan(245);
    // The keynote itself must end by the hard out less award, panel and walk-out: minute 33.
    expect(seconds(keynote!.mustEndBy, at(33))).toBe(0);
    expect(walkOut!.mustEndBy).toBe(new Date(start.getTime() + 60 * MIN).toISOString());
  });

  it('a session run by segment ends as its segments are projected to: the spare minutes absorb an overrun, then the session runs over', async () => {
    const { world, session, start, segments } = await generalSession();
    const sessionId = gid('Session', session.id);
    const call = client(app, world.production.token);
    const projection = async () => as(ok(await call(ops.SessionProjectionDocument, { id: sessionId })).node!, 'Session');
    // Walk-in at minute 0, video at 5, the CEO at 8 — 24 minutes in, 4 over: the 5 spare minutes absorb it.
    for (const [i, minute] of [0, 5, 8].entries()) {
      const at = new Date(start.getTime() + minute * MIN).toISOString();
      as(
        ok(await call(ops.StartSegmentDocument, { sessionId, expectedSegmentId: gid('Segment', segments[i]!), at })).startSegment,
        'StartSegmentPayload',
      );
    }
    const absorbed = await projection();
    expect(absorbed.projectedEndsAt).toBe(absorbed.endsAt);
    expect(absorbed.overUnderSeconds).toBeLessThanOrEqual(0);
    // With no minutes to spare (a sponsor thank-you fills the last five), the same 4 minutes make
    // the whole session run 4 minutes over.
    const { world: w2, session: s2, start: start2, segments: g2 } = await generalSession();
    await createSegment(t.db, w2.production.actor, s2.id, { title: 'Sponsor thank-you', kind: 'OTHER', plannedSeconds: 300 });
    const call2 = client(app, w2.production.token);
    for (const [i, minute] of [0, 5, 8].entries()) {
      const at = new Date(start2.getTime() + minute * MIN).toISOString();
      as(
        ok(await call2(ops.StartSegmentDocument, { sessionId: gid('Session', s2.id), expectedSegmentId: gid('Segment', g2[i]!), at }))
          .startSegment,
        'StartSegmentPayload',
      );
    }
    const over = as(ok(await call2(ops.SessionProjectionDocument, { id: gid('Session', s2.id) })).node!, 'Session');
    expect(seconds(over.projectedEndsAt, over.endsAt)).toBeGreaterThanOrEqual(240);
    expect(seconds(over.projectedEndsAt, over.endsAt)).toBeLessThan(245);
    expect(over.overUnderSeconds).toBeGreaterThanOrEqual(240);
  });

  it('startSegment moves the playhead only to the segment the caller expects; a double press changes nothing', async () => {
    const { world, event, session, segments } = await generalSession();
    const call = client(app, world.production.token);
    const sessionId = gid('Session', session.id);
    const first = as(
      ok(await call(ops.StartSegmentDocument, { sessionId, expectedSegmentId: gid('Segment', segments[0]!) })).startSegment,
      'StartSegmentPayload',
    );
    expect(first.revision).not.toBeNull();
    const again = as(
      ok(await call(ops.StartSegmentDocument, { sessionId, expectedSegmentId: gid('Segment', segments[0]!) })).startSegment,
      'StartSegmentPayload',
    );
    expect(again.revision).toBeNull();
    // A screen that is behind asks for the keynote while the video is next: refused, named, nothing written.
    const before = (await t.db.selectFrom('event').select('revision').where('id', '=', event.id).executeTakeFirstOrThrow()).revision;
    const stale = as(
      ok(await call(ops.StartSegmentDocument, { sessionId, expectedSegmentId: gid('Segment', segments[2]!) })).startSegment,
      'SegmentStateError',
    );
    expect(stale.message).toContain('The next segment is "Opening video", not "CEO keynote"');
    expect(stale.nextSegment?.title).toBe('Opening video');
    expect((await t.db.selectFrom('event').select('revision').where('id', '=', event.id).executeTakeFirstOrThrow()).revision).toBe(before);
    const status = await t.db
      .selectFrom('session')
      .select(['status', 'actual_start_at'])
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('LIVE');
    // The client reads the run-of-show but cannot run it.
    const refused = await client(app, world.client.token)(ops.StartSegmentDocument, {
      sessionId,
      expectedSegmentId: gid('Segment', segments[1]!),
    });
    expect(as(ok(refused).startSegment, 'ForbiddenError').message).toMatch(/call the show/);
  });

  it('a cue of a segment is planned from the segment start; a segment refuses a presenter who is not in its session', async () => {
    const { world, session, start, segments } = await generalSession();
    const { result: cue } = await createCue(t.db, world.production.actor, session.id, {
      number: '40',
      department: 'LIGHTING',
      title: 'Award look',
      offsetSeconds: 30,
      segmentId: segments[3]!,
    });
    const call = client(app, world.production.token);
    const read = ok(await call(ops.NodeCueDocument, { id: gid('Cue', cue.id) }));
    expect(seconds(as(read.node!, 'Cue').plannedAt, new Date(start.getTime() + 28 * MIN).toISOString())).toBe(30);
    const other = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 0 });
    const stranger = await t.db
      .selectFrom('session_speaker')
      .select('id')
      .where('session_id', '=', other.sessionIds[0]!)
      .executeTakeFirstOrThrow();
    const refused = await call(ops.CreateSegmentDocument, {
      input: {
        sessionId: gid('Session', session.id),
        title: 'Guest',
        kind: 'PRESENTATION',
        plannedSeconds: 60,
        presenterId: gid('SessionSpeaker', stranger.id),
      },
    });
    const error = as(ok(refused).createSegment, 'ValidationError');
    expect(error.field).toBe('presenterId');
  });
});

describe('stage output', () => {
  it("follows the segments and the control room's messages, as instants, and never carries operators' notes", async () => {
    const { world, session, room, segments } = await generalSession();
    await createCue(t.db, world.production.actor, session.id, {
      number: '1',
      department: 'STAGE_MANAGEMENT',
      title: 'Walk-in',
      notes: 'SECRET: the CEO is running late from the airport',
      segmentId: segments[0]!,
    });
    const roomId = gid('Room', room.id);
    // Production reads every note, so if anything could carry one to the stage, this screen would get it.
    const stage = subscribe(wsClient(url, world.production.token), ops.StageOutputDocument, { roomId });
    expect((await stage.nextMessage(0)).stageOutput.stageOutput).toBeNull();
    const call = client(app, world.production.token);
    const shown = async (revision: number | null | undefined) => {
      for (let n = 0; ; n++) {
        const message = (await stage.nextMessage(n)).stageOutput;
        if (message.revision >= revision!) return message;
      }
    };
    const started = as(
      ok(await call(ops.StartSegmentDocument, { sessionId: gid('Session', session.id), expectedSegmentId: gid('Segment', segments[0]!) }))
        .startSegment,
      'StartSegmentPayload',
    );
    let out = (await shown(started.revision)).stageOutput!;
    expect(out.timer).toMatchObject({ type: 'COUNT_DOWN', title: 'Walk-in', pausedAt: null });
    expect(seconds(out.timer!.endsAt, out.timer!.startedAt)).toBe(300);
    expect(seconds(out.timer!.endsAt, out.timer!.warningAt!)).toBe(120);
    expect(seconds(out.timer!.endsAt, out.timer!.dangerAt!)).toBe(30);
    const endsAt = out.timer!.endsAt;

    const sent = as(
      ok(await call(ops.SendStageMessageDocument, { roomId, text: 'Wrap up', tone: 'WARNING', blink: true })).sendStageMessage,
      'SendStageMessagePayload',
    );
    out = (await shown(sent.revision)).stageOutput!;
    expect(out.message).toMatchObject({ text: 'Wrap up', tone: 'WARNING', blink: true });

    const added = as(ok(await call(ops.AddTimeDocument, { roomId, seconds: 60 })).addTime, 'AddTimePayload');
    out = (await shown(added.revision)).stageOutput!;
    expect(seconds(out.timer!.endsAt, endsAt)).toBe(60);

    const paused = as(ok(await call(ops.PauseTimerDocument, { roomId })).pauseTimer, 'PauseTimerPayload');
    out = (await shown(paused.revision)).stageOutput!;
    expect(out.timer!.pausedAt).not.toBeNull();
    const pausedEnd = out.timer!.endsAt;
    expect(as(ok(await call(ops.PauseTimerDocument, { roomId })).pauseTimer, 'PauseTimerPayload').revision).toBeNull();
    const resumed = as(ok(await call(ops.ResumeTimerDocument, { roomId })).resumeTimer, 'ResumeTimerPayload');
    out = (await shown(resumed.revision)).stageOutput!;
    expect(out.timer!.pausedAt).toBeNull();
    expect(seconds(out.timer!.endsAt, pausedEnd)).toBeGreaterThanOrEqual(0);

    const black = as(ok(await call(ops.SetStageBlackoutDocument, { roomId, blackout: true })).setStageBlackout, 'SetStageBlackoutPayload');
    expect((await shown(black.revision)).stageOutput!.blackout).toBe(true);
    const cleared = as(ok(await call(ops.SendStageMessageDocument, { roomId, text: null })).sendStageMessage, 'SendStageMessagePayload');
    expect((await shown(cleared.revision)).stageOutput!.message).toBeNull();

    // No message ever carried the note, and no selection could: nothing reachable from the
    // subscription's type is a cue or has notes.
    expect(JSON.stringify(stage.received)).not.toContain('SECRET');
    const schema = buildSchema(fs.readFileSync('schema/schema.graphql', 'utf8'));
    const reachable = new Set<string>();
    const walk = (type: GraphQLNamedType) => {
      if (reachable.has(type.name) || !isObjectType(type)) return;
      reachable.add(type.name);
      for (const field of Object.values(type.getFields())) {
        expect(field.name, `${type.name}.${field.name}`).not.toBe('notes');
        walk(getNamedType(field.type));
      }
    };
    walk(getNamedType(schema.getSubscriptionType()!.getFields().stageOutput!.type));
    expect([...reachable].sort()).toEqual(['StageMessage', 'StageNext', 'StageOutput', 'StageState', 'StageTimer']);
    stage.stop();
  });

  it('refuses time changes when nothing is timed, naming why, and the client cannot send to the stage', async () => {
    const { world, room } = await generalSession();
    const roomId = gid('Room', room.id);
    const call = client(app, world.production.token);
    const refused = as(ok(await call(ops.AddTimeDocument, { roomId, seconds: 60 })).addTime, 'ValidationError');
    expect(refused.message).toMatch(/no timer is running/);
    const zero = as(ok(await call(ops.AddTimeDocument, { roomId, seconds: 0 })).addTime, 'ValidationError');
    expect(zero.field).toBe('seconds');
    const byClient = await client(app, world.client.token)(ops.SendStageMessageDocument, { roomId, text: 'Hi' });
    expect(as(ok(byClient).sendStageMessage, 'ForbiddenError').message).toMatch(/live timing/);
  });
});
