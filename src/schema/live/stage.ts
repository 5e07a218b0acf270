import { operationLoader, type Context } from '../../context.js';
import type { StageOutput } from '../../db/types.js';
import { findStageOutputsOfRooms } from '../../domain/live/readings.js';
import { addStageTime, pauseStageTimer, resumeStageTimer, sendStageMessage, setStageBlackout } from '../../domain/live/stage.js';
import * as fields from '../../domain/fields.js';
import type { InputFieldBuilder } from '@pothos/core';
import { builder, type BuilderTypes } from '../builder.js';
import { requireActor } from '../guards.js';
import { entityMutation } from '../mutation.js';
import { reads } from '../selection.js';
import { RoomRef, StageOutputRef } from '../refs.js';
import { TimerType } from '../runofshow/segments.js';

/**
 * What a room's stage shows its presenter. Public by construction: plain values only (titles, a
 * presenter's name, instants, the message) and no link into the graph, so no selection made on a
 * stage screen can reach an operator's notes.
 */

const MessageTone = builder.enumType('StageMessageTone', {
  description: 'How a stage message looks.',
  values: { NORMAL: { description: 'Plain.' }, WARNING: { description: 'In the warning colour.' }, DANGER: { description: 'In the danger colour.' } },
});

/** Each room's stage output, loaded once per operation (a stage screen's subscription reads it on every message). */
const stageOutputs = operationLoader<string, StageOutput | null>((ctx, roomIds) => findStageOutputsOfRooms(ctx.db, roomIds));
export const stageOutputOf = (ctx: Context, roomId: string) => stageOutputs(ctx).load(roomId);

const at = (d: Date | null, seconds: number | null) => (d && seconds != null ? new Date(d.getTime() - seconds * 1000) : null);

const StageTimer = builder.objectRef<StageOutput>('StageTimer').implement({
  description: 'The stage timer as instants: count locally from them (and `serverTime`); nothing is pushed every second.',
  fields: (t) => ({
    type: t.expose('timer_type', { type: TimerType, description: 'What it shows.' }),
    title: t.exposeString('timer_title', { nullable: true, description: 'What is timed: the segment or session title.' }),
    startedAt: t.field({ type: 'DateTime', description: 'When it started.', resolve: (s) => s.timer_started_at! }),
    endsAt: t.field({ type: 'DateTime', description: 'When the time is up (moves with added time and pauses). Past it, the timer counts over.', resolve: (s) => s.timer_ends_at! }),
    pausedAt: t.expose('timer_paused_at', { type: 'DateTime', nullable: true, description: 'When it was paused; null while it runs. Paused, it shows `endsAt - pausedAt` left.' }),
    warningAt: t.field({ type: 'DateTime', nullable: true, description: 'From when it shows the warning colour.', resolve: (s) => at(s.timer_ends_at, s.warning_seconds) }),
    dangerAt: t.field({ type: 'DateTime', nullable: true, description: 'From when it shows the danger colour.', resolve: (s) => at(s.timer_ends_at, s.danger_seconds) }),
  }),
});

const StageMessage = builder.objectRef<StageOutput>('StageMessage').implement({
  description: 'A message from the control room to the presenter ("Wrap up").',
  fields: (t) => ({
    text: t.string({ description: 'The message.', resolve: (s) => s.message! }),
    tone: t.expose('message_tone', { type: MessageTone, description: 'How it looks.' }),
    blink: t.exposeBoolean('message_blink', { description: 'Whether it blinks to catch the eye.' }),
    sentAt: t.field({ type: 'DateTime', description: 'When it was sent.', resolve: (s) => s.message_sent_at! }),
  }),
});

StageOutputRef.implement({
  description: "What a room's stage screen shows its presenter: the timer, a message, or black. Only public values, never operators' notes.",
  fields: (t) => ({
    timer: t.field({
      type: StageTimer,
      nullable: true,
      description: 'The running timer; null when nothing is timed.',
      extensions: reads('stage_output', 'timer_type', 'timer_title', 'timer_started_at', 'timer_ends_at', 'timer_paused_at', 'warning_seconds', 'danger_seconds'),
      resolve: (s) => (s.timer_type !== 'NONE' && s.timer_started_at && s.timer_ends_at ? s : null),
    }),
    message: t.field({
      type: StageMessage,
      nullable: true,
      description: 'The message on screen; null when none.',
      extensions: reads('stage_output', 'message', 'message_tone', 'message_blink', 'message_sent_at'),
      resolve: (s) => (s.message ? s : null),
    }),
    blackout: t.exposeBoolean('blackout', { description: 'Whether the stage screen is black.' }),
    version: t.exposeInt('version', { description: 'Changes with every change to the stage output.' }),
  }),
});

builder.objectFields(RoomRef, (t) => ({
  stageOutput: t.field({
    type: StageOutputRef,
    nullable: true,
    description: "What the room's stage screen shows; null until something has been shown there.",
    extensions: reads('room', 'id'),
    resolve: (r, _args, ctx) => stageOutputOf(ctx, r.id),
  }),
}));

const roomInput = (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) =>
  t.globalID({ for: RoomRef, required: true, description: 'The room whose stage it is.' });
const payload = { field: 'stageOutput', ref: StageOutputRef, fieldDescription: 'The stage output as it is now.' } as const;

entityMutation('sendStageMessage', {
  description: 'Shows the presenter a message ("Wrap up", "Louder please"); a null `text` clears it. One change.',
  inputFields: (t) => ({
    roomId: roomInput(t),
    text: t.string({ required: false, description: 'The message; null clears it.', validate: fields.optionalText(280).nullish() }),
    tone: t.field({ type: MessageTone, required: false, description: 'How it looks; NORMAL when left out.' }),
    blink: t.boolean({ required: false, description: 'Whether it blinks; false when left out.' }),
  }),
  ...payload,
  run: (ctx, { roomId, text, tone, blink }) => sendStageMessage(ctx.db, requireActor(ctx), roomId.id, { text: text || null, tone, blink }),
});

entityMutation('setStageBlackout', {
  description: 'Blacks the stage screen out, or brings it back. Setting what is already set changes nothing.',
  inputFields: (t) => ({ roomId: roomInput(t), blackout: t.boolean({ required: true, description: 'True for black.' }) }),
  ...payload,
  run: (ctx, { roomId, blackout }) => setStageBlackout(ctx.db, requireActor(ctx), roomId.id, blackout),
});

entityMutation('addTime', {
  description: "Gives the presenter more time (or less, with negative seconds): the running timer's `endsAt` moves.",
  inputFields: (t) => ({
    roomId: roomInput(t),
    seconds: t.int({ required: true, description: 'Seconds to add; negative takes time away; not 0, at most six hours.' }),
  }),
  ...payload,
  run: (ctx, { roomId, seconds }) => addStageTime(ctx.db, requireActor(ctx), roomId.id, seconds),
});

entityMutation('pauseTimer', {
  description: 'Stops the stage timer where it is. Pausing a paused timer changes nothing.',
  inputFields: (t) => ({ roomId: roomInput(t) }),
  ...payload,
  run: (ctx, { roomId }) => pauseStageTimer(ctx.db, requireActor(ctx), roomId.id),
});

entityMutation('resumeTimer', {
  description: 'Runs a paused stage timer on; its end moves by the time it stood still. Resuming a running timer changes nothing.',
  inputFields: (t) => ({ roomId: roomInput(t) }),
  ...payload,
  run: (ctx, { roomId }) => resumeStageTimer(ctx.db, requireActor(ctx), roomId.id),
});
