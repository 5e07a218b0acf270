import type { InputFieldBuilder } from '@pothos/core';
import { operationLoader, type Context } from '../../context.js';
import type { Segment, Session } from '../../db/types.js';
import { createSegment, deleteSegment, moveSegment, updateSegment } from '../../domain/runofshow/segments.js';
import { segmentsOfSession } from '../../domain/runofshow/lists.js';
import { plannedSegmentStarts, playheadOf, timeSegments, type SegmentTiming } from '../../domain/live/segments.js';
import * as fields from '../../domain/fields.js';
import { builder, type BuilderTypes } from '../builder.js';
import { connectionOf, pageArgs, resolvePage } from '../connections.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { reads, refersTo, readsOnly } from '../selection.js';
import { SegmentRef, SessionRef, SessionSpeakerRef } from '../refs.js';
import { projectionOf, segmentsOfSessions } from '../live/projections.js';

/** A session's segments: the items a show caller runs, each with its timer, and their front- and back-timing. */

export const SegmentKind = builder.enumType('SegmentKind', {
  description: 'What a segment of a run-of-show is.',
  values: {
    WALK_IN: { description: 'Doors open, walk-in music and loop.' },
    OPENING: { description: 'Opening video or voice of god.' },
    VIDEO: { description: 'A video roll.' },
    PRESENTATION: { description: 'A talk with slides.' },
    KEYNOTE: { description: 'The keynote.' },
    AWARD: { description: 'An award presentation.' },
    PANEL: { description: 'A panel or fireside chat.' },
    PERFORMANCE: { description: 'Entertainment.' },
    Q_AND_A: { description: 'Questions from the audience.' },
    BREAK: { description: 'A pause in the show.' },
    WALK_OUT: { description: 'Walk-out music and loop.' },
    OTHER: { description: 'Anything else.' },
  },
});

const StartMode = builder.enumType('SegmentStartMode', {
  description: 'How a segment finds its start.',
  values: {
    FLEXIBLE: { description: 'Follows the segment before it, whenever that ends.' },
    FIXED: { description: 'Starts at a time of day (`fixedStartAt`): never earlier, late only when the stage is still busy.' },
  },
});

export const TimerType = builder.enumType('TimerType', {
  description: 'What the stage timer shows during a segment.',
  values: {
    COUNT_DOWN: { description: 'Time left, then time over (in the danger colour).' },
    COUNT_UP: { description: 'Time since it started.' },
    TIME_OF_DAY: { description: 'The clock.' },
    NONE: { description: 'No timer.' },
  },
});

const SegmentState = builder.enumType('SegmentState', {
  description: 'Where a segment stands in the show.',
  values: { UPCOMING: { description: 'Not started.' }, LIVE: { description: 'Running now.' }, DONE: { description: 'Ran and ended.' } },
});


/** Front- and back-timing of each segment of a session, as of now (once per session per operation). */
const timingsOfSessions = operationLoader<string, Map<string, SegmentTiming>>(async (ctx, ids) =>
  Promise.all(
    ids.map(async (id) => {
      const session = await SessionRef.getDataloader(ctx).load(id);
      const segments = await segmentsOfSessions(ctx).load(id);
      const start = session.actual_start_at ?? (await projectionOf(ctx, session)).startsAt;
      return timeSegments(segments, session, start, new Date());
    }),
  ),
);
const timingOf = async (ctx: Context, s: Segment) => (await timingsOfSessions(ctx).load(s.session_id)).get(s.id)!;

/** When a segment starts in the plan: the session's planned start, then each planned length in turn (fixed starts kept). */
export async function plannedSegmentStart(ctx: Context, session: Session, segmentId: string): Promise<Date> {
  return plannedSegmentStarts(await segmentsOfSessions(ctx).load(session.id), session).get(segmentId) ?? session.starts_at;
}

const TIMING_COLUMNS = ['session_id'] as const;

SegmentRef.implement({
  description: "One item of a session's run-of-show (walk-in, opening video, keynote, award, panel, walk-out): what the show caller runs and the stage timer counts.",
  fields: (t) => ({
    position: t.exposeInt('position', { description: 'Place in the running order of its session, from 1.' }),
    title: t.exposeString('title', { description: 'What it is ("CEO keynote").' }),
    kind: t.expose('kind', { type: SegmentKind, description: 'What kind of item it is.' }),
    plannedSeconds: t.exposeInt('planned_seconds', { description: 'Planned length, in seconds.' }),
    presenter: t.field({
      type: SessionSpeakerRef,
      nullable: true,
      description: 'Who is on stage: one of the session speakers.',
      ...refersTo('segment', 'presenter_id'),
    }),
    owner: t.exposeString('owner', { nullable: true, description: 'Who answers for it ("Stage manager", "Client comms").' }),
    startMode: t.expose('start_mode', { type: StartMode, description: 'Whether it follows the one before or starts at a time of day.' }),
    fixedStartAt: t.expose('fixed_start_at', { type: 'DateTime', nullable: true, description: 'For a FIXED segment, when it starts.' }),
    timerType: t.expose('timer_type', { type: TimerType, description: 'What the stage timer shows while it runs.' }),
    warningSeconds: t.exposeInt('warning_seconds', { nullable: true, description: 'The timer turns to the warning colour this many seconds before the end.' }),
    dangerSeconds: t.exposeInt('danger_seconds', { nullable: true, description: 'The timer turns to the danger colour this many seconds before the end.' }),
    actualStartAt: t.expose('actual_start_at', { type: 'DateTime', nullable: true, description: 'When it started.' }),
    actualEndAt: t.expose('actual_end_at', { type: 'DateTime', nullable: true, description: 'When it ended.' }),
    state: t.field({
      type: SegmentState,
      description: 'Upcoming, live or done.',
      extensions: reads('segment', 'actual_start_at', 'actual_end_at'),
      resolve: (s) => (s.actual_end_at ? 'DONE' : s.actual_start_at ? 'LIVE' : 'UPCOMING'),
    }),
    plannedStartAt: t.field({
      type: 'DateTime',
      description: "When it starts in the plan: the session's planned start plus the planned lengths before it.",
      extensions: reads('segment', 'id', ...TIMING_COLUMNS),
      resolve: async (s, _args, ctx) => plannedSegmentStart(ctx, await SessionRef.getDataloader(ctx).load(s.session_id), s.id),
    }),
    projectedStartAt: t.field({
      type: 'DateTime',
      description: 'Front-timing: when it started, or will start given what has actually run.',
      extensions: reads('segment', 'id', ...TIMING_COLUMNS),
      resolve: async (s, _args, ctx) => (await timingOf(ctx, s)).projectedStartAt,
    }),
    projectedEndAt: t.field({
      type: 'DateTime',
      description: 'When it ended, or will end: its start plus its planned length, or now if it runs over.',
      extensions: reads('segment', 'id', ...TIMING_COLUMNS),
      resolve: async (s, _args, ctx) => (await timingOf(ctx, s)).projectedEndAt,
    }),
    mustEndBy: t.field({
      type: 'DateTime',
      description: "Back-timing: the latest it may end for the later segments to run as planned and the session to make its hard out (or its planned end). Count down to it locally.",
      extensions: reads('segment', 'id', ...TIMING_COLUMNS),
      resolve: async (s, _args, ctx) => (await timingOf(ctx, s)).mustEndBy,
    }),
    allowanceSeconds: t.int({
      description: 'How long it may run, in seconds, from its projected start to `mustEndBy`; less than `plannedSeconds` when the show is behind, negative when the hard out is already lost.',
      extensions: reads('segment', 'id', ...TIMING_COLUMNS),
      resolve: async (s, _args, ctx) => {
        const timing = await timingOf(ctx, s);
        return Math.round((timing.mustEndBy.getTime() - timing.projectedStartAt.getTime()) / 1000);
      },
    }),
    overUnderSeconds: t.int({
      nullable: true,
      description: 'How much longer (positive) or shorter (negative) than planned it ran, or runs so far; null before it starts.',
      extensions: reads('segment', 'id', 'planned_seconds', 'actual_start_at', ...TIMING_COLUMNS),
      resolve: async (s, _args, ctx) => {
        if (!s.actual_start_at) return null;
        const timing = await timingOf(ctx, s);
        return Math.round((timing.projectedEndAt.getTime() - timing.projectedStartAt.getTime()) / 1000) - s.planned_seconds;
      },
    }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    session: t.field({ type: SessionRef, description: 'The session it belongs to.', ...refersTo('segment', 'session_id') }),
  }),
});

builder.objectFields(SessionRef, (t) => ({
  segments: t.field({
    type: connectionOf(SegmentRef, 'Segment', 'segments'),
    description: 'The run-of-show by segment, in running order; empty for a session run as one piece.',
    args: pageArgs(t.arg),
    extensions: readsOnly('session', 'id'),
    resolve: (s, args, ctx, info) => resolvePage(ctx, info, segmentsOfSession, s.id, args, SegmentRef),
  }),
  liveSegment: t.field({
    type: SegmentRef,
    nullable: true,
    description: 'The segment running now.',
    extensions: reads('session', 'id'),
    resolve: async (s, _args, ctx) => playheadOf(await segmentsOfSessions(ctx).load(s.id)).live,
  }),
  nextSegment: t.field({
    type: SegmentRef,
    nullable: true,
    description: 'The segment to start next: pass its id to `startSegment`.',
    extensions: reads('session', 'id'),
    resolve: async (s, _args, ctx) => playheadOf(await segmentsOfSessions(ctx).load(s.id)).next,
  }),
}));

const segmentFields = <R extends boolean>(required: R) => (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  title: t.string({ required, description: 'What it is.', validate: required ? fields.title : fields.title.optional() }),
  kind: t.field({ type: SegmentKind, required, description: 'What kind of item it is.' }),
  plannedSeconds: t.int({ required, description: 'Planned length in seconds.', validate: required ? fields.nonNegativeSeconds : fields.nonNegativeSeconds.optional() }),
  presenterId: t.globalID({ for: SessionSpeakerRef, required: false, description: 'Who is on stage: a session speaker of this session; null for none.' }),
  owner: t.string({ required: false, description: 'Who answers for it.', validate: fields.optionalText(200).nullish() }),
  startMode: t.field({ type: StartMode, required: false, description: 'FLEXIBLE (the default) or FIXED.' }),
  fixedStartAt: t.field({ type: 'DateTime', required: false, description: 'For a FIXED segment, when it starts.' }),
  timerType: t.field({ type: TimerType, required: false, description: 'What the stage timer shows; COUNT_DOWN when left out.' }),
  warningSeconds: t.int({ required: false, description: 'Warning colour this many seconds before the end.', validate: fields.nonNegativeSeconds.nullish() }),
  dangerSeconds: t.int({ required: false, description: 'Danger colour this many seconds before the end; at most `warningSeconds`.', validate: fields.nonNegativeSeconds.nullish() }),
});

const idOrNull = (id: { id: string } | null | undefined) => (id === undefined ? undefined : (id?.id ?? null));

entityMutation('createSegment', {
  description: "Adds a segment to a session's run-of-show: at the end, or right after `afterSegmentId` (first when null).",
  inputFields: (t) => ({
    sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session.' }),
    afterSegmentId: t.globalID({ for: SegmentRef, required: false, description: 'Place it right after this segment; null for first; leave out for last.' }),
    ...segmentFields(true)(t),
  }),
  field: 'segment',
  ref: SegmentRef,
  fieldDescription: 'The new segment.',
  run: (ctx, { sessionId, afterSegmentId, presenterId, ...input }) =>
    createSegment(ctx.db, requireActor(ctx), sessionId.id, { ...input, afterSegmentId: idOrNull(afterSegmentId), presenterId: idOrNull(presenterId) }),
});

entityMutation('updateSegment', {
  description: 'Changes a segment. Fields left out stay as they are; null clears an optional field.',
  inputFields: (t) => ({
    id: t.globalID({ for: SegmentRef, required: true, description: 'The segment.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...segmentFields(false)(t),
  }),
  field: 'segment',
  ref: SegmentRef,
  fieldDescription: 'The segment as it is now.',
  run: (ctx, { id, expectedVersion, presenterId, title, kind, plannedSeconds, ...input }) =>
    updateSegment(ctx.db, requireActor(ctx), id.id, expectedVersion, {
      ...input,
      title: title ?? undefined,
      kind: kind ?? undefined,
      plannedSeconds: plannedSeconds ?? undefined,
      presenterId: idOrNull(presenterId),
    }),
});

deleteMutation('Segment', {
  description: 'Removes a segment; its cues stay in the session without a segment, and the segments after it move up.',
  field: 'segment',
  ref: SegmentRef,
  run: (ctx, id, expectedVersion) => deleteSegment(ctx.db, requireActor(ctx), id, expectedVersion),
});

entityMutation('moveSegment', {
  description: 'Reorders the segments: puts one right after another of its session, or first. A segment that has started stays where it ran.',
  inputFields: (t) => ({
    id: t.globalID({ for: SegmentRef, required: true, description: 'The segment to move.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    afterSegmentId: t.globalID({ for: SegmentRef, required: false, description: 'The segment it should follow; null or left out to make it first.' }),
  }),
  field: 'segment',
  ref: SegmentRef,
  fieldDescription: 'The moved segment, with its new position.',
  run: (ctx, input) => moveSegment(ctx.db, requireActor(ctx), input.id.id, input.expectedVersion, input.afterSegmentId?.id ?? null),
});
