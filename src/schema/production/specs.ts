import { createRiggingPoint, createSetup, deleteRiggingPoint, deleteSetup, updateRiggingPoint, updateSetup } from '../../domain/production/specs.js';
import { pointsOfRoom, setupsOfRoom } from '../../domain/production/speclists.js';
import * as fields from '../../domain/fields.js';
import { builder } from '../builder.js';
import { childList, connectionOf } from '../connections.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { reads, refersTo } from '../selection.js';
import { RiggingPointRef, RoomRef, RoomSetupRef } from '../refs.js';

/** Room specs in the API: setup styles with their net capacity, and rigging points. */

const SetupStyle = builder.enumType('SetupStyle', {
  description: 'How a room is set.',
  values: {
    THEATER: { description: 'Rows of chairs facing the stage.' },
    CLASSROOM: { description: 'Rows of tables with chairs facing the stage.' },
    BANQUET: { description: 'Round tables, seats all around.' },
    CABARET: { description: 'Round tables, seats facing the stage (crescent rounds).' },
    BOARDROOM: { description: 'One long table.' },
    U_SHAPE: { description: 'Tables in a U, open to the front.' },
  },
});

RoomSetupRef.implement({
  description: "A setup style of a room with its capacity: the net is what can be sold once the stage, front-of-house and camera risers take their seats.",
  fields: (t) => ({
    room: t.field({ type: RoomRef, description: 'The room.', ...refersTo('room_setup', 'room_id') }),
    style: t.expose('style', { type: SetupStyle, description: 'The style.' }),
    capacity: t.exposeInt('capacity', { description: 'Seats in the empty room in this style (gross).' }),
    stageSeats: t.exposeInt('stage_seats', { description: 'Seats the stage takes.' }),
    fohSeats: t.exposeInt('foh_seats', { description: 'Seats front-of-house (the mix position) takes.' }),
    riserSeats: t.exposeInt('riser_seats', { description: 'Seats the camera risers take.' }),
    netCapacity: t.int({
      description: 'Seats left to sell: capacity less stage, front-of-house and risers.',
      extensions: reads('room_setup', 'capacity', 'stage_seats', 'foh_seats', 'riser_seats'),
      resolve: (s) => s.capacity - s.stage_seats - s.foh_seats - s.riser_seats,
    }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

RiggingPointRef.implement({
  description: 'A point gear is hung from, with what it may bear.',
  fields: (t) => ({
    room: t.field({ type: RoomRef, description: 'The room.', ...refersTo('rigging_point', 'room_id') }),
    name: t.exposeString('name', { description: 'Its name ("US truss, point 3").' }),
    loadLimitKg: t.exposeInt('load_limit_kg', { description: 'What it may bear, in kilograms.' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

builder.objectFields(RoomRef, (t) => ({
  setups: childList(t, 'room', { type: connectionOf(RoomSetupRef, 'RoomSetup', 'roomSetups'), description: 'Its setup styles with their capacity.', spec: setupsOfRoom, node: RoomSetupRef }),
  riggingPoints: childList(t, 'room', { type: connectionOf(RiggingPointRef, 'RiggingPoint', 'riggingPoints'), description: 'Its rigging points, by name.', spec: pointsOfRoom, node: RiggingPointRef }),
}));

const seats = (what: string) => ({ required: false, description: `Seats ${what} takes (0 unless given).`, validate: fields.capacity.nullish() }) as const;

entityMutation('createRoomSetup', {
  description: 'Records a setup style of a room with its capacity (management, from the venue).',
  inputFields: (t) => ({
    roomId: t.globalID({ for: RoomRef, required: true, description: 'The room.' }),
    style: t.field({ type: SetupStyle, required: true, description: 'The style; one of each per room.' }),
    capacity: t.int({ required: true, description: 'Seats in the empty room in this style.', validate: fields.capacity }),
    stageSeats: t.int(seats('the stage')),
    fohSeats: t.int(seats('front-of-house')),
    riserSeats: t.int(seats('the camera risers')),
  }),
  field: 'roomSetup',
  ref: RoomSetupRef,
  fieldDescription: 'The new setup.',
  run: (ctx, { roomId, ...input }) => createSetup(ctx.db, requireActor(ctx), roomId.id, input),
});

entityMutation('updateRoomSetup', {
  description: 'Changes a setup’s capacity or what the stage, front-of-house and risers take.',
  inputFields: (t) => ({
    id: t.globalID({ for: RoomSetupRef, required: true, description: 'The setup.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    capacity: t.int({ required: false, description: 'Seats in the empty room in this style.', validate: fields.capacity.nullish() }),
    stageSeats: t.int(seats('the stage')),
    fohSeats: t.int(seats('front-of-house')),
    riserSeats: t.int(seats('the camera risers')),
  }),
  field: 'roomSetup',
  ref: RoomSetupRef,
  fieldDescription: 'The setup as it is now.',
  run: (ctx, { id, expectedVersion, ...patch }) => updateSetup(ctx.db, requireActor(ctx), id.id, expectedVersion, { ...patch, capacity: patch.capacity ?? undefined }),
});

deleteMutation('RoomSetup', { description: 'Removes a setup style.', field: 'roomSetup', ref: RoomSetupRef, run: (ctx, id, v) => deleteSetup(ctx.db, requireActor(ctx), id, v) });

entityMutation('createRiggingPoint', {
  description: 'Records a rigging point of a room with its load limit (management, from the venue).',
  inputFields: (t) => ({
    roomId: t.globalID({ for: RoomRef, required: true, description: 'The room.' }),
    name: t.string({ required: true, description: 'Its name, unique in the room.', validate: fields.text(100) }),
    loadLimitKg: t.int({ required: true, description: 'What it may bear, in kilograms.', validate: fields.capacity.min(1, 'must be at least 1') }),
  }),
  field: 'riggingPoint',
  ref: RiggingPointRef,
  fieldDescription: 'The new rigging point.',
  run: (ctx, { roomId, ...input }) => createRiggingPoint(ctx.db, requireActor(ctx), roomId.id, input),
});

entityMutation('updateRiggingPoint', {
  description: 'Changes a rigging point.',
  inputFields: (t) => ({
    id: t.globalID({ for: RiggingPointRef, required: true, description: 'The rigging point.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    name: t.string({ required: false, description: 'Its name.', validate: fields.text(100).optional() }),
    loadLimitKg: t.int({ required: false, description: 'What it may bear, in kilograms.', validate: fields.capacity.min(1, 'must be at least 1').nullish() }),
  }),
  field: 'riggingPoint',
  ref: RiggingPointRef,
  fieldDescription: 'The rigging point as it is now.',
  run: (ctx, { id, expectedVersion, name, loadLimitKg }) => updateRiggingPoint(ctx.db, requireActor(ctx), id.id, expectedVersion, { name: name ?? undefined, loadLimitKg: loadLimitKg ?? undefined }),
});

deleteMutation('RiggingPoint', { description: 'Removes a rigging point (gear hung on it is no longer).', field: 'riggingPoint', ref: RiggingPointRef, run: (ctx, id, v) => deleteRiggingPoint(ctx.db, requireActor(ctx), id, v) });
