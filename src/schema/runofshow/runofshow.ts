import type { Context } from '../../context.js';
import type { Cue, CueTrigger as CueTriggerValue } from '../../db/types.js';
import type { InputFieldBuilder } from '@pothos/core';
import {
  createCue,
  cueLabel,
  deleteCue,
  moveCue,
  PRIVATE_CUE_FIELDS,
  showsOperatorNotes,
  updateCue,
} from '../../domain/runofshow/runofshow.js';
import * as fields from '../../domain/fields.js';
import { builder, type BuilderTypes } from '../builder.js';
import { connectionOf, pageArgs, resolvePage } from '../connections.js';
import { reads, refersTo, readsOnly } from '../selection.js';
import { onEventClock } from '../local-time.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { CueRef, SegmentRef, SessionRef, SessionSpeakerRef, UserRef } from '../refs.js';
import { plannedSegmentStart } from './segments.js';
import { declarePrivateFields, showsPrivate } from '../private-fields.js';
import { cuesOfSession } from '../../domain/runofshow/lists.js';

export const CueDepartment = builder.enumType('CueDepartment', {
  description: 'The crew position that executes a cue.',
  values: {
    STAGE_MANAGEMENT: { description: 'Stage management: walk-ins, holds, doors, talent calls.' },
    LIGHTING: { description: 'Lighting looks and effects (LX).' },
    AUDIO: { description: 'Microphones, playback and music (SND).' },
    VIDEO: { description: 'Video playback and screen switching (VID).' },
    GRAPHICS: { description: 'Slides, lower thirds and holding graphics (GFX).' },
    CAMERA: { description: 'Camera shots and IMAG (CAM).' },
    STAGING: { description: 'Scenery, risers and stage moves.' },
  },
});

export const CueTrigger = builder.enumType('CueTrigger', {
  description: 'What makes a cue go.',
  values: {
    MANUAL: { description: 'The show caller calls it: "standby… GO".' },
    AUTO_CONTINUE: { description: 'Fires with the cue before it, on the same GO and in the same change (a cue group: LX + SND + VID together).' },
    AUTO_FOLLOW: {
      description: "Fires when the cue before it ends (its `firedAt` plus its `durationSeconds`), by the server: exactly once, even across a restart. After a cue with no duration it fires with it, like AUTO_CONTINUE.",
    },
    TIMED: { description: 'Goes at its offset from the session (or segment) start.' },
    FOLLOW: { description: 'Read as AUTO_CONTINUE (stored as such).', deprecationReason: 'Use AUTO_CONTINUE (fires with the previous cue) or AUTO_FOLLOW (fires when it ends).' },
  },
});

export const CueState = builder.enumType('CueState', {
  description: 'Where a cue stands in the live show.',
  values: {
    PENDING: { description: 'Not yet called.' },
    STANDBY: { description: 'Called to standby: the operator is ready.' },
    FIRED: { description: 'GO was called.' },
    SKIPPED: { description: 'Passed over.' },
  },
});

/** The trigger as stored: the deprecated FOLLOW is AUTO_CONTINUE. */
const storedTrigger = (trigger: CueTriggerValue | 'FOLLOW' | null | undefined): CueTriggerValue | null | undefined =>
  trigger === 'FOLLOW' ? 'AUTO_CONTINUE' : trigger;

/**
 * A cue's planned instant: its segment's planned start when it belongs to one (front-timed, see
 * Segment.projectedStartAt's plan), else its session's planned start, plus its offset.
 */
async function plannedAt(ctx: Context, cue: Pick<Cue, 'session_id' | 'segment_id' | 'offset_seconds'>): Promise<{ at: Date; eventId: string }> {
  const session = await SessionRef.getDataloader(ctx).load(cue.session_id);
  const from = cue.segment_id ? await plannedSegmentStart(ctx, session, cue.segment_id) : session.starts_at;
  return { at: new Date(from.getTime() + cue.offset_seconds * 1000), eventId: session.event_id };
}

const cueNotes = declarePrivateFields('Cue', {
  table: 'cue',
  fields: PRIVATE_CUE_FIELDS,
  shows: (_cue, reader) => showsOperatorNotes(reader),
  dependsOnRow: false,
});

CueRef.implement({
  description: 'One step of a run-of-show, called live by the show caller.',
  fields: (t) => ({
    position: t.exposeInt('position', { description: 'Place in the running order of its session, from 1.' }),
    number: t.exposeString('number', { description: 'Cue number, unique per session and department ("12", "12.5").' }),
    department: t.expose('department', { type: CueDepartment, description: 'Who executes it.' }),
    label: t.string({
      description: 'How the caller says it: department short name and number ("LX 12").',
      extensions: reads('cue', 'department', 'number'),
      resolve: (c) => cueLabel(c),
    }),
    title: t.exposeString('title', { description: 'What happens ("House to half").' }),
    notes: t.string({
      nullable: true,
      description: "Notes for the operator: production's working text, read by production and management; null for the client.",
      extensions: reads('cue', 'notes', 'event_id'),
      resolve: async (c, _args, ctx) => ((await showsPrivate(ctx, cueNotes, c)) ? c.notes : null),
    }),
    offsetSeconds: t.exposeInt('offset_seconds', { description: "Planned time after its segment's start (or the session's, without a segment), in seconds." }),
    segment: t.field({
      type: SegmentRef,
      nullable: true,
      description: 'The segment it belongs to; null for a cue of the session as a whole.',
      ...refersTo('cue', 'segment_id'),
    }),
    plannedAt: t.field({
      type: 'DateTime',
      description: "Planned instant: its segment's planned start (or its session's) plus the offset. Moves with its session.",
      extensions: reads('cue', 'session_id', 'segment_id', 'offset_seconds'),
      resolve: async (c, _args, ctx) => (await plannedAt(ctx, c)).at,
    }),
    plannedAtLocal: t.field({
      type: 'LocalDateTime',
      description: "Planned time on the wall clock of the event's time zone.",
      extensions: reads('cue', 'session_id', 'segment_id', 'offset_seconds'),
      resolve: async (c, _args, ctx) => {
        const { at, eventId } = await plannedAt(ctx, c);
        return onEventClock(ctx, eventId, at);
      },
    }),
    durationSeconds: t.exposeInt('duration_seconds', { nullable: true, description: 'How long it runs, in seconds.' }),
    trigger: t.expose('trigger', { type: CueTrigger, description: 'What makes it go.' }),
    state: t.expose('state', { type: CueState, description: 'Where it stands in the live show.' }),
    firedAt: t.expose('fired_at', { type: 'DateTime', nullable: true, description: 'When GO was called.' }),
    firedBy: t.field({ type: UserRef, nullable: true, description: 'Who called GO.', extensions: reads('cue', 'fired_by_user_id'), resolve: (c) => c.fired_by_user_id }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    session: t.field({ type: SessionRef, description: 'The session whose run-of-show it is in.', ...refersTo('cue', 'session_id') }),
  }),
});

builder.objectFields(SessionRef, (t) => ({
  cues: t.field({
    type: connectionOf(CueRef, 'Cue', 'cues'),
    description: 'The run-of-show, in running order. Filter by department for one operator, or by segment.',
    args: {
      ...pageArgs(t.arg),
      department: t.arg({ type: CueDepartment, required: false, description: 'Only this department.' }),
      segmentId: t.arg.globalID({ for: SegmentRef, required: false, description: 'Only the cues of this segment.' }),
    },
    extensions: readsOnly('session', 'id'),
    resolve: (s, { segmentId, ...args }, ctx, info) => resolvePage(ctx, info, cuesOfSession, s.id, { ...args, segmentId: segmentId?.id }, CueRef),
  }),
}));

const CueFieldValueInput = builder.inputType('CueFieldValueInput', {
  description: "A value of one of the cue's department fields.",
  fields: (t) => ({
    key: t.string({ required: true, description: 'The field’s key ("clip").' }),
    value: t.string({ required: true, description: 'The value as text; empty leaves the field out.' }),
  }),
});

const cueFields = <R extends boolean>(required: R) => (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  number: t.string({ required, description: 'Cue number, unique per session and department.', validate: required ? fields.cueNumber : fields.cueNumber.optional() }),
  department: t.field({ type: CueDepartment, required, description: 'Who executes it.' }),
  title: t.string({ required, description: 'What happens.', validate: required ? fields.title : fields.title.optional() }),
  notes: t.string({ required: false, description: 'Notes for the operator.', validate: fields.optionalText(2000).nullish() }),
  offsetSeconds: t.int({ required: false, description: 'Seconds after the session start; not negative.', validate: fields.nonNegativeSeconds.nullish() }),
  durationSeconds: t.int({ required: false, description: 'How long it runs, in seconds.', validate: fields.nonNegativeSeconds.nullish() }),
  trigger: t.field({ type: CueTrigger, required: false, description: 'What makes it go; MANUAL when left out.' }),
  segmentId: t.globalID({ for: SegmentRef, required: false, description: 'The segment of the same session it belongs to; null for none.' }),
  speakerId: t.globalID({ for: SessionSpeakerRef, required: false, description: 'The session speaker it is about; null for none.' }),
  fieldValues: t.field({
    type: [CueFieldValueInput],
    required: false,
    description: "Values of its department's fields (see `Event.departmentFields`), replacing what it had; an empty value leaves a field out.",
  }),
});

entityMutation('createCue', {
  description: "Adds a cue to a session's run-of-show: at the end, or right after `afterCueId` (first when null).",
  inputFields: (t) => ({
    sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session.' }),
    afterCueId: t.globalID({ for: CueRef, required: false, description: 'Place it right after this cue; null for first; leave out for last.' }),
    ...cueFields(true)(t),
  }),
  field: 'cue',
  ref: CueRef,
  fieldDescription: 'The new cue.',
  run: (ctx, input) =>
    createCue(ctx.db, requireActor(ctx), input.sessionId.id, {
      afterCueId: input.afterCueId === undefined ? undefined : (input.afterCueId?.id ?? null),
      number: input.number,
      department: input.department,
      title: input.title,
      notes: input.notes,
      offsetSeconds: input.offsetSeconds,
      durationSeconds: input.durationSeconds,
      trigger: storedTrigger(input.trigger),
      segmentId: input.segmentId?.id ?? null,
      speakerId: input.speakerId?.id ?? null,
      fieldValues: input.fieldValues,
    }),
});

entityMutation('updateCue', {
  description: 'Changes a cue. Fields left out stay as they are; null clears an optional field.',
  inputFields: (t) => ({
    id: t.globalID({ for: CueRef, required: true, description: 'The cue.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...cueFields(false)(t),
  }),
  field: 'cue',
  ref: CueRef,
  fieldDescription: 'The cue as it is now.',
  run: (ctx, input) =>
    updateCue(ctx.db, requireActor(ctx), input.id.id, input.expectedVersion, {
      number: input.number ?? undefined,
      department: input.department ?? undefined,
      title: input.title ?? undefined,
      notes: input.notes,
      offsetSeconds: input.offsetSeconds,
      durationSeconds: input.durationSeconds,
      trigger: storedTrigger(input.trigger),
      segmentId: input.segmentId === undefined ? undefined : (input.segmentId?.id ?? null),
      speakerId: input.speakerId === undefined ? undefined : (input.speakerId?.id ?? null),
      fieldValues: input.fieldValues,
    }),
});

deleteMutation('Cue', {
  description: 'Removes a cue; the cues after it move up.',
  field: 'cue',
  ref: CueRef,
  run: (ctx, id, expectedVersion) => deleteCue(ctx.db, requireActor(ctx), id, expectedVersion),
});

entityMutation('moveCue', {
  description: 'Reorders the run-of-show: puts a cue right after another of its session, or first. Moving a cue to where it already is changes nothing and records nothing.',
  inputFields: (t) => ({
    id: t.globalID({ for: CueRef, required: true, description: 'The cue to move.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    afterCueId: t.globalID({ for: CueRef, required: false, description: 'The cue it should follow; null or left out to make it first.' }),
  }),
  field: 'cue',
  ref: CueRef,
  fieldDescription: 'The moved cue, with its new position.',
  run: (ctx, input) => moveCue(ctx.db, requireActor(ctx), input.id.id, input.expectedVersion, input.afterCueId?.id ?? null),
});
