import type { InputFieldBuilder } from '@pothos/core';
import type { ProductionBlock, RehearsalSlot } from '../../db/types.js';
import { acknowledgeBlock, awaitsAcknowledgement, createBlock, deleteBlock, moveRehearsal, updateBlock } from '../../domain/production/blocks.js';
import { createSlot, deleteSlot, updateSlot } from '../../domain/production/slots.js';
import { blocksOfEvent, blocksOfRoom, slotsOfBlock, slotsOfSpeaker } from '../../domain/production/lists.js';
import { findByIds } from '../../domain/entities.js';
import * as fields from '../../domain/fields.js';
import { operationLoader, type Context } from '../../context.js';
import { builder, type BuilderTypes } from '../builder.js';
import { childList, connectionOf } from '../connections.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { reads, refersTo } from '../selection.js';
import { EventRef, ProductionBlockRef, RehearsalSlotRef, RoomRef, SessionRef, SpeakerRef } from '../refs.js';

/** The production schedule's blocks and speakers' rehearsal slots in the API. */

export const ProductionBlockKind = builder.enumType('ProductionBlockKind', {
  description: "What production does in a room's block of time.",
  values: {
    LOAD_IN: { description: 'Gear comes in and is built.' },
    FOCUS: { description: 'Lights are focused.' },
    TECH: { description: 'Technical rehearsal: cues run without (or with stand-ins for) the talent.' },
    REHEARSAL: { description: 'Rehearsal with the talent: holds the speakers’ slots.' },
    SHOW: { description: 'The show: runs with its sessions (it does not conflict with them).' },
    STRIKE: { description: 'The set comes down.' },
    LOAD_OUT: { description: 'Gear goes out.' },
  },
});

const Blocks = connectionOf(ProductionBlockRef, 'ProductionBlock', 'productionBlocks');
const Slots = connectionOf(RehearsalSlotRef, 'RehearsalSlot', 'rehearsalSlots');

ProductionBlockRef.implement({
  description: "A stretch of a room's time production holds, from load-in to load-out: it occupies the room like a session does.",
  fields: (t) => ({
    kind: t.expose('kind', { type: ProductionBlockKind, description: 'What happens in it.' }),
    title: t.exposeString('title', { description: 'Its name ("GS load-in", "Speaker rehearsals, day 1").' }),
    room: t.field({ type: RoomRef, description: 'The room.', ...refersTo('production_block', 'room_id') }),
    startsAt: t.expose('starts_at', { type: 'DateTime', description: 'When it starts.' }),
    endsAt: t.expose('ends_at', { type: 'DateTime', description: 'When it ends.' }),
    notes: t.exposeString('notes', { nullable: true, description: 'Notes.' }),
    coversSessions: t.field({
      type: [SessionRef],
      description: 'The sessions a TECH rehearsal covers.',
      extensions: reads('production_block', 'covers_session_ids'),
      resolve: (b) => b.covers_session_ids,
    }),
    movedAt: t.expose('moved_at', { type: 'DateTime', nullable: true, description: 'When management last moved it (a rehearsal).' }),
    acknowledgedAt: t.expose('acknowledged_at', { type: 'DateTime', nullable: true, description: 'When production last acknowledged a move.' }),
    awaitsAcknowledgement: t.boolean({
      description: 'True when management moved it and production has not acknowledged since (its crew calls have not moved with it).',
      extensions: reads('production_block', 'moved_at', 'acknowledged_at'),
      resolve: (b) => awaitsAcknowledgement(b),
    }),
    slots: childList(t, 'production_block', { type: Slots, description: "A rehearsal's speaker slots, in running order.", spec: slotsOfBlock, node: RehearsalSlotRef }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('production_block', 'event_id'), resolve: (b) => b.event_id }),
  }),
});

const blockOf = operationLoader<string, ProductionBlock>(async (ctx, ids) => {
  const rows = await findByIds(ctx.db, 'production_block', ids);
  return ids.map((id) => rows.find((r) => r.id === id) ?? new Error(`no block ${id}`));
});
const slotTime = (end: boolean) => async (s: RehearsalSlot, _a: unknown, ctx: Context) =>
  new Date(new Date((await blockOf(ctx).load(s.block_id)).starts_at).getTime() + (s.offset_seconds + (end ? s.duration_seconds : 0)) * 1000);

RehearsalSlotRef.implement({
  description: "A speaker's short rehearsal inside a rehearsal block; it moves with its block.",
  fields: (t) => ({
    block: t.field({ type: ProductionBlockRef, description: 'The rehearsal it is in.', ...refersTo('rehearsal_slot', 'block_id') }),
    speaker: t.field({ type: SpeakerRef, description: 'Who rehearses.', ...refersTo('rehearsal_slot', 'speaker_id') }),
    session: t.field({ type: SessionRef, nullable: true, description: 'The session they rehearse for.', ...refersTo('rehearsal_slot', 'session_id') }),
    startsAt: t.field({ type: 'DateTime', description: 'When it starts.', extensions: reads('rehearsal_slot', 'block_id', 'offset_seconds'), resolve: slotTime(false) }),
    endsAt: t.field({ type: 'DateTime', description: 'When it ends.', extensions: reads('rehearsal_slot', 'block_id', 'offset_seconds', 'duration_seconds'), resolve: slotTime(true) }),
    notes: t.exposeString('notes', { nullable: true, description: 'Notes (what they rehearse, what they bring).' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  productionBlocks: childList(t, 'event', { type: Blocks, description: 'Its production blocks in every room, in time order.', spec: blocksOfEvent, node: ProductionBlockRef }),
}));
builder.objectFields(RoomRef, (t) => ({
  productionBlocks: childList(t, 'room', { type: Blocks, description: 'Its production blocks, in time order.', spec: blocksOfRoom, node: ProductionBlockRef }),
}));
builder.objectFields(SpeakerRef, (t) => ({
  rehearsalSlots: childList(t, 'speaker', { type: Slots, description: 'Their rehearsal slots.', spec: slotsOfSpeaker, node: RehearsalSlotRef }),
}));

type InputBuilder = InputFieldBuilder<BuilderTypes, 'InputObject'>;
const unwrap = (id: { id: string } | null | undefined) => (id === null ? null : id?.id);
const blockFields = <R extends boolean>(required: R) => (t: InputBuilder) => ({
  roomId: t.globalID({ for: RoomRef, required, description: 'The room.' }),
  kind: t.field({ type: ProductionBlockKind, required, description: 'What happens in it.' }),
  title: t.string({ required, description: 'Its name.', validate: required ? fields.title : fields.title.optional() }),
  startsAt: t.field({ type: 'DateTime', required, description: 'When it starts.' }),
  endsAt: t.field({ type: 'DateTime', required, description: 'When it ends, after it starts.' }),
  notes: t.string({ required: false, description: 'Notes.', validate: fields.longText.nullish() }),
  coversSessionIds: t.globalIDList({ for: SessionRef, required: false, description: "The sessions a TECH rehearsal covers (its room's)." }),
});

entityMutation('createProductionBlock', {
  description: 'Adds a block to the production schedule (production).',
  inputFields: (t) => ({ eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }), ...blockFields(true)(t) }),
  field: 'productionBlock',
  ref: ProductionBlockRef,
  fieldDescription: 'The new block.',
  run: (ctx, { eventId, roomId, coversSessionIds, ...input }) =>
    createBlock(ctx.db, requireActor(ctx), eventId.id, { ...input, roomId: roomId.id, coversSessionIds: coversSessionIds?.map((s) => s.id) }),
});

entityMutation('updateProductionBlock', {
  description: "Changes a block (production). A rehearsal's slots move with it; it cannot end before its last slot.",
  inputFields: (t) => ({
    id: t.globalID({ for: ProductionBlockRef, required: true, description: 'The block.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...blockFields(false)(t),
  }),
  field: 'productionBlock',
  ref: ProductionBlockRef,
  fieldDescription: 'The block as it is now.',
  run: (ctx, { id, expectedVersion, roomId, coversSessionIds, ...patch }) =>
    updateBlock(ctx.db, requireActor(ctx), id.id, expectedVersion, {
      roomId: unwrap(roomId) ?? undefined,
      kind: patch.kind ?? undefined,
      title: patch.title ?? undefined,
      startsAt: patch.startsAt ?? undefined,
      endsAt: patch.endsAt ?? undefined,
      notes: patch.notes,
      coversSessionIds: coversSessionIds?.map((s) => s.id),
    }),
});

deleteMutation('ProductionBlock', { description: 'Removes a block (and a rehearsal’s slots).', field: 'productionBlock', ref: ProductionBlockRef, run: (ctx, id, v) => deleteBlock(ctx.db, requireActor(ctx), id, v) });

entityMutation('moveRehearsal', {
  description:
    'Moves a REHEARSAL or TECH block (management: rehearsals follow the talent’s schedule). Its slots move with it; production must acknowledge the move (`acknowledgeProductionBlock`), since crew calls move with it — until then it is a REHEARSAL_MOVED warning.',
  inputFields: (t) => ({
    id: t.globalID({ for: ProductionBlockRef, required: true, description: 'The rehearsal.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    startsAt: t.field({ type: 'DateTime', required: true, description: 'When it starts now.' }),
    endsAt: t.field({ type: 'DateTime', required: false, description: 'When it ends now; as long as before unless given.' }),
  }),
  field: 'productionBlock',
  ref: ProductionBlockRef,
  fieldDescription: 'The rehearsal as it is now.',
  run: (ctx, { id, expectedVersion, startsAt, endsAt }) => moveRehearsal(ctx.db, requireActor(ctx), id.id, expectedVersion, startsAt, endsAt),
});

entityMutation('acknowledgeProductionBlock', {
  description:
    "Production has seen management's move of a rehearsal. The crew calls working it (`crewCalls`) move by as far as it moved since production last acknowledged — start, end and meal break, each keeping its length — in the same transaction, one revision each. Again: nothing changes.",
  inputFields: (t) => ({
    id: t.globalID({ for: ProductionBlockRef, required: true, description: 'The rehearsal.' }),
    expectedVersion: t.int({ required: false, description: 'When given, only if it is still at this version.' }),
    moveCrewCalls: t.boolean({
      required: false,
      defaultValue: true,
      description: 'False when the crew calls were already moved by hand: only the acknowledgement is recorded.',
    }),
  }),
  field: 'productionBlock',
  ref: ProductionBlockRef,
  fieldDescription: 'The rehearsal as it is now.',
  run: (ctx, { id, expectedVersion, moveCrewCalls }) => acknowledgeBlock(ctx.db, requireActor(ctx), id.id, expectedVersion, moveCrewCalls ?? true),
});

const slotFields = <R extends boolean>(required: R) => (t: InputBuilder) => ({
  speakerId: t.globalID({ for: SpeakerRef, required, description: 'Who rehearses.' }),
  sessionId: t.globalID({ for: SessionRef, required: false, description: 'The session they rehearse for (one of theirs).' }),
  startsAt: t.field({ type: 'DateTime', required, description: 'When it starts, inside the rehearsal.' }),
  endsAt: t.field({ type: 'DateTime', required, description: 'When it ends, inside the rehearsal.' }),
  notes: t.string({ required: false, description: 'Notes.', validate: fields.optionalText(2000).nullish() }),
});

entityMutation('createRehearsalSlot', {
  description: "Gives a speaker a slot inside a REHEARSAL block (management or production). Back to back with the next is fine; over another slot or a session in the room is a conflict.",
  inputFields: (t) => ({ blockId: t.globalID({ for: ProductionBlockRef, required: true, description: 'The rehearsal.' }), ...slotFields(true)(t) }),
  field: 'rehearsalSlot',
  ref: RehearsalSlotRef,
  fieldDescription: 'The new slot.',
  run: (ctx, { blockId, speakerId, sessionId, ...input }) =>
    createSlot(ctx.db, requireActor(ctx), { ...input, blockId: blockId.id, speakerId: speakerId.id, sessionId: unwrap(sessionId) }),
});

entityMutation('updateRehearsalSlot', {
  description: 'Moves a slot inside its rehearsal, or changes who rehearses.',
  inputFields: (t) => ({
    id: t.globalID({ for: RehearsalSlotRef, required: true, description: 'The slot.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...slotFields(false)(t),
  }),
  field: 'rehearsalSlot',
  ref: RehearsalSlotRef,
  fieldDescription: 'The slot as it is now.',
  run: (ctx, { id, expectedVersion, speakerId, sessionId, ...patch }) =>
    updateSlot(ctx.db, requireActor(ctx), id.id, expectedVersion, {
      speakerId: unwrap(speakerId) ?? undefined,
      sessionId: unwrap(sessionId),
      startsAt: patch.startsAt ?? undefined,
      endsAt: patch.endsAt ?? undefined,
      notes: patch.notes,
    }),
});

deleteMutation('RehearsalSlot', { description: 'Removes a slot.', field: 'rehearsalSlot', ref: RehearsalSlotRef, run: (ctx, id, v) => deleteSlot(ctx.db, requireActor(ctx), id, v) });
