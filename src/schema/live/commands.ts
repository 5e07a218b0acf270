import type { Session } from '../../db/types.js';
import { CueStateError, goCue, goNextCue, jumpToCue, skipCue, unskipCue } from '../../domain/live/commands.js';
import { acknowledgeStandby, cancelStandby, warnCue } from '../../domain/live/standby.js';
import { endSession, resetShow, startSession } from '../../domain/live/session.js';
import { publishBaseline, shiftSchedule } from '../../domain/live/shift.js';
import { builder } from '../builder.js';
import { ErrorInterface } from '../errors.js';
import { requireActor } from '../guards.js';
import { entityMutation } from '../mutation.js';
import { CueRef, EventRef, SegmentRef, SessionRef } from '../refs.js';
import { SegmentStateError, startSegment } from '../../domain/live/segments.js';

/** Show calling and live timing: the commands of the control room. */

builder.objectType(CueStateError, {
  name: 'CueStateError',
  description: 'The command does not fit the show as it stands (the cue already went, was skipped, or is not next). Nothing was fired.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    nextCue: t.field({ type: CueRef, nullable: true, description: 'The cue that is next now; null when every cue has gone.', resolve: (e) => e.nextCue }),
  }),
});

const cueCommand = (name: string, description: string, run: typeof goCue, deprecationReason?: string) =>
  entityMutation(name, {
    description,
    inputFields: (t) => ({ cueId: t.globalID({ for: CueRef, required: true, description: 'The cue.' }) }),
    field: 'cue',
    ref: CueRef,
    fieldDescription: 'The cue as it is now.',
    moreErrors: [CueStateError],
    deprecationReason,
    run: (ctx, input) => run(ctx.db, requireActor(ctx), input.cueId.id),
  });

cueCommand('warnCue', 'The caller warns a cue ("standby LX 12"): PENDING → STANDBY. Warning it again changes nothing.', warnCue);
cueCommand('standbyCue', 'Same as `warnCue`.', warnCue, 'Use warnCue.');
cueCommand(
  'acknowledgeStandby',
  "The operator answers a standby (\"LX standing by\"). A GO without the answer still fires, marked `calledWithoutStandby`. Answering again changes nothing.",
  acknowledgeStandby,
);
cueCommand('cancelStandby', 'The caller stands a cue down: STANDBY → PENDING. A cue not standing by is left as it is.', cancelStandby);
cueCommand(
  'goCue',
  'GO: fires a cue, and the AUTO_CONTINUE cues after it in the same change. A cue that already went is returned unchanged — a retried or double-pressed GO never fires twice. GO on a cue further down passes over (SKIPPED) the waiting cues it jumps; the first GO starts the session; an ended or cancelled session fires nothing.',
  goCue,
);
cueCommand('skipCue', 'Passes over a cue that has not gone.', skipCue);
cueCommand('unskipCue', 'Brings back a cue that was passed over: SKIPPED → PENDING (next, when nothing before it waits).', unskipCue);

entityMutation('jumpToCue', {
  description:
    'Moves the playhead so that this cue is next, firing nothing: going forward, the waiting cues jumped over are passed over; going back (a rehearsal\'s "again from LX 12"), it and every cue after it wait again. One change.',
  inputFields: (t) => ({
    sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session.' }),
    cueId: t.globalID({ for: CueRef, required: true, description: 'The cue to be next.' }),
  }),
  field: 'cue',
  ref: CueRef,
  fieldDescription: 'The cue, now next.',
  run: (ctx, input) => jumpToCue(ctx.db, requireActor(ctx), input.sessionId.id, input.cueId.id),
});

entityMutation('goNextCue', {
  description:
    "GO on the session's next cue, only if it is the one you expect (what your screen shows as next). Otherwise nothing fires and CueStateError names the actual next cue. If the expected cue already went (the same GO twice), it is returned unchanged.",
  inputFields: (t) => ({
    sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session being called.' }),
    expectedCueId: t.globalID({ for: CueRef, required: true, description: 'The cue you are calling GO on.' }),
  }),
  field: 'cue',
  ref: CueRef,
  fieldDescription: 'The cue that went.',
  moreErrors: [CueStateError],
  run: (ctx, input) => goNextCue(ctx.db, requireActor(ctx), input.sessionId.id, input.expectedCueId.id),
});

builder.objectType(SegmentStateError, {
  name: 'SegmentStateError',
  description: 'The segment is not the one to start next (a screen that is behind, or a second press after the show moved on). Nothing was started.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    nextSegment: t.field({ type: SegmentRef, nullable: true, description: 'The segment that is next now; null when every one has run.', resolve: (e) => e.nextSegment }),
  }),
});

entityMutation('startSegment', {
  description:
    "Moves the session's playhead to its next segment, only if it is the one you expect: the live segment ends and this one starts at the same instant, the session goes LIVE with its first segment, and the room's stage timer takes the segment's. Pressed twice, the second finds it already live and changes nothing; a stale expectation gets SegmentStateError naming the real next one.",
  inputFields: (t) => ({
    sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session being run.' }),
    expectedSegmentId: t.globalID({ for: SegmentRef, required: true, description: 'The segment you are starting (what your screen shows as next).' }),
    at: t.field({ type: 'DateTime', required: false, description: 'When it started; now when left out.' }),
  }),
  field: 'segment',
  ref: SegmentRef,
  fieldDescription: 'The segment now live.',
  moreErrors: [SegmentStateError],
  run: (ctx, input) => startSegment(ctx.db, requireActor(ctx), input.sessionId.id, input.expectedSegmentId.id, input.at ?? undefined),
});

entityMutation('resetShow', {
  description: "Returns a session to its planned state: every cue back to PENDING, actual times cleared. Recorded as one change; resetting a session that is already as planned changes nothing and records nothing.",
  inputFields: (t) => ({ sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session.' }) }),
  field: 'session',
  ref: SessionRef,
  fieldDescription: 'The session, reset.',
  run: (ctx, input) => resetShow(ctx.db, requireActor(ctx), input.sessionId.id),
});

const sessionTiming = (name: 'startSession' | 'endSession', description: string, run: typeof startSession) =>
  entityMutation(name, {
    description,
    inputFields: (t) => ({
      sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session.' }),
      at: t.field({ type: 'DateTime', required: false, description: 'When it happened; now when left out.' }),
    }),
    field: 'session',
    ref: SessionRef,
    fieldDescription: 'The session with its actual times.',
    run: (ctx, input) => run(ctx.db, requireActor(ctx), input.sessionId.id, input.at ?? undefined),
  });

sessionTiming('startSession', 'Records that a session started (now, or at `at`); it becomes LIVE. Starting it again changes nothing.', startSession);
sessionTiming('endSession', 'Records that a session ended (now, or at `at`); it becomes ENDED.', endSession);

const ShiftResult = builder.objectRef<{ session: Session; moved: Session[] }>('ScheduleShift').implement({
  description: 'What a schedule shift moved.',
  fields: (t) => ({
    session: t.field({ type: SessionRef, description: 'The session you shifted.', resolve: (r) => r.session }),
    moved: t.field({ type: [SessionRef], description: 'Every session that moved, that one first, in order.', resolve: (r) => r.moved }),
  }),
});

entityMutation('shiftSchedule', {
  description:
    "Moves a session by `minutes` (negative: earlier) together with the later sessions in its room that day, in one change; their cues move with them. With `absorbGaps` (the default) a delay pushes each later session only as far as needed to keep the room's changeover after the one before it, so free time soaks it up; without it every later session moves by the same amount.",
  inputFields: (t) => ({
    sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session to move.' }),
    minutes: t.int({ required: true, description: 'How far: positive is later, negative earlier; not 0, at most a day.' }),
    absorbGaps: t.boolean({ required: false, defaultValue: true, description: 'Let free time between sessions absorb a delay (default true).' }),
  }),
  field: 'shift',
  ref: ShiftResult,
  fieldDescription: 'The sessions moved.',
  run: (ctx, input) => shiftSchedule(ctx.db, requireActor(ctx), input.sessionId.id, input.minutes, input.absorbGaps ?? true),
});

const BaselinePublished = builder.objectRef<{ sessions: number }>('BaselinePublished').implement({
  description: 'What publishing the baseline changed.',
  fields: (t) => ({ sessions: t.exposeInt('sessions', { description: 'How many sessions got a new baseline (0: the plan already was the baseline).' }) }),
});

entityMutation('publishBaseline', {
  description:
    "Keeps the event's plan as it stands as every session's baseline: over/under and delays are measured against it from now on, and negative shifts never move a session before it. Live timing's shifts move the working plan only.",
  inputFields: (t) => ({ eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }) }),
  field: 'baseline',
  ref: BaselinePublished,
  fieldDescription: 'What changed.',
  run: (ctx, input) => publishBaseline(ctx.db, requireActor(ctx), input.eventId.id),
});
