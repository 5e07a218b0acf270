import * as fields from '../../domain/fields.js';
import { createRoom, createVenue, deleteRoom, deleteVenue, eventOfVenue, updateRoom, updateVenue } from '../../domain/venue/venue.js';
import type { InputFieldBuilder } from '@pothos/core';
import { builder, type BuilderTypes } from '../builder.js';
import { connectionOf, pageArgs, resolvePage } from '../connections.js';
import { reads, refersTo, readsOnly } from '../selection.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { EventRef, RoomRef, VenueRef } from '../refs.js';
import { roomsOfVenue, roomsOfEvent, venuesOfEvent } from '../../domain/venue/lists.js';

export const RoomKind = builder.enumType('RoomKind', {
  description: 'How a room is used.',
  values: {
    GENERAL_SESSION: { description: 'The main hall for general sessions and keynotes.' },
    BREAKOUT: { description: 'A breakout room for parallel tracks.' },
    BALLROOM: { description: 'A ballroom for meals and evening events.' },
    BOARDROOM: { description: 'A small meeting room.' },
    EXHIBIT_HALL: { description: 'Exhibition or expo space.' },
    OUTDOOR: { description: 'An outdoor space.' },
    OTHER: { description: 'Anything else.' },
  },
});

const RoomConnection = connectionOf(RoomRef, 'Room', 'rooms');

VenueRef.implement({
  description: 'A place where the event happens, with its rooms.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name of the venue.' }),
    address: t.exposeString('address', { nullable: true, description: 'Street address.' }),
    city: t.exposeString('city', { nullable: true, description: 'City.' }),
    country: t.exposeString('country', { nullable: true, description: 'Country.' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('venue', 'event_id'), resolve: (v) => v.event_id }),
    rooms: t.field({
      type: RoomConnection,
      description: 'Rooms of this venue, by name.',
      args: pageArgs(t.arg),
      extensions: readsOnly('venue', 'id'),
      resolve: (v, args, ctx, info) => resolvePage(ctx, info, roomsOfVenue, v.id, args, RoomRef),
    }),
  }),
});

RoomRef.implement({
  description: 'A room of a venue, where sessions take place.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name of the room.' }),
    kind: t.expose('kind', { type: RoomKind, description: 'How the room is used.' }),
    capacity: t.exposeInt('capacity', { nullable: true, description: 'Seats in its usual setup.' }),
    fireCodeCapacity: t.exposeInt('fire_code_capacity', {
      nullable: true,
      description: "The fire marshal's limit: no session in the room ever seats more, whatever its cap. Null when not set.",
    }),
    setup: t.exposeString('setup', { nullable: true, description: 'Seating and stage setup ("theatre, 600 seats, thrust stage").' }),
    changeoverMinutes: t.exposeInt('changeover_minutes', {
      description: 'Minutes the crew needs between two sessions in this room.',
    }),
    trimHeightCm: t.exposeInt('trim_height_cm', { nullable: true, description: 'Clear height to the lowest obstruction, in centimetres: what can be flown.' }),
    rfChannels: t.exposeInt('rf_channels', { nullable: true, description: 'Wireless mic channels its frequency plan allows at once; more in use is an RF_CHANNELS_EXCEEDED warning.' }),
    powerCapacityWatts: t.exposeInt('power_capacity_watts', { nullable: true, description: "The power service production may draw on, in watts; more gear than that is a POWER_OVER_SERVICE warning." }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    venue: t.field({ type: VenueRef, description: 'The venue the room is in.', ...refersTo('room', 'venue_id') }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('room', 'event_id'), resolve: (r) => r.event_id }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  venues: t.field({
    type: connectionOf(VenueRef, 'Venue', 'venues'),
    description: 'Venues of the event, by name.',
    args: pageArgs(t.arg),
    extensions: readsOnly('event', 'id'),
    resolve: (e, args, ctx, info) => resolvePage(ctx, info, venuesOfEvent, e.id, args, VenueRef),
  }),
  rooms: t.field({
    type: RoomConnection,
    description: 'Rooms of all venues of the event, by name.',
    args: pageArgs(t.arg),
    extensions: readsOnly('event', 'id'),
    resolve: (e, args, ctx, info) => resolvePage(ctx, info, roomsOfEvent, e.id, args, RoomRef),
  }),
}));

const venueFields = <R extends boolean>(required: R) => (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  name: t.string({ required, description: 'Name of the venue.', validate: required ? fields.name : fields.name.optional() }),
  address: t.string({ required: false, description: 'Street address.', validate: fields.optionalText(500).nullish() }),
  city: t.string({ required: false, description: 'City.', validate: fields.optionalText(200).nullish() }),
  country: t.string({ required: false, description: 'Country.', validate: fields.optionalText(200).nullish() }),
});

entityMutation('createVenue', {
  description: 'Adds a venue to an event.',
  inputFields: (t) => ({ eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }), ...venueFields(true)(t) }),
  field: 'venue',
  ref: VenueRef,
  fieldDescription: 'The new venue.',
  run: (ctx, input) =>
    createVenue(ctx.db, requireActor(ctx), input.eventId.id, {
      name: input.name,
      address: input.address,
      city: input.city,
      country: input.country,
    }),
});

entityMutation('updateVenue', {
  description: 'Changes a venue. Fields left out stay as they are; null clears an optional field.',
  inputFields: (t) => ({
    id: t.globalID({ for: VenueRef, required: true, description: 'The venue.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...venueFields(false)(t),
  }),
  field: 'venue',
  ref: VenueRef,
  fieldDescription: 'The venue as it is now.',
  run: (ctx, input) =>
    updateVenue(ctx.db, requireActor(ctx), input.id.id, input.expectedVersion, {
      name: input.name ?? undefined,
      address: input.address,
      city: input.city,
      country: input.country,
    }),
});

deleteMutation('Venue', {
  description: "Deletes a venue and its rooms; their sessions stay, without a room.",
  field: 'venue',
  ref: VenueRef,
  run: (ctx, id, expectedVersion) => deleteVenue(ctx.db, requireActor(ctx), id, expectedVersion),
});

const roomFields = <R extends boolean>(required: R) => (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  name: t.string({ required, description: 'Name of the room.', validate: required ? fields.name : fields.name.optional() }),
  kind: t.field({ type: RoomKind, required, description: 'How the room is used.' }),
  capacity: t.int({ required: false, description: 'Seats.', validate: fields.capacity.nullish() }),
  fireCodeCapacity: t.int({ required: false, description: "The fire marshal's limit (hard); not below the seats a session in the room has taken.", validate: fields.capacity.nullish() }),
  setup: t.string({ required: false, description: 'Seating and stage setup.', validate: fields.optionalText(500).nullish() }),
  changeoverMinutes: t.int({ required: false, description: 'Minutes needed between sessions.', validate: fields.minutes.nullish() }),
  trimHeightCm: t.int({ required: false, description: 'Clear height, in centimetres.', validate: fields.capacity.min(1, 'must be at least 1').max(100_000).nullish() }),
  powerCapacityWatts: t.int({ required: false, description: 'The power service production may draw on, in watts.', validate: fields.capacity.max(100_000_000).nullish() }),
  rfChannels: t.int({ required: false, description: 'Wireless mic channels its frequency plan allows at once.', validate: fields.capacity.max(500).nullish() }),
});

entityMutation('createRoom', {
  description: 'Adds a room to a venue.',
  inputFields: (t) => ({ venueId: t.globalID({ for: VenueRef, required: true, description: 'The venue.' }), ...roomFields(true)(t) }),
  field: 'room',
  ref: RoomRef,
  fieldDescription: 'The new room.',
  run: async (ctx, input) => {
    return createRoom(ctx.db, requireActor(ctx), await eventOfVenue(ctx.db, input.venueId.id), {
      venueId: input.venueId.id,
      name: input.name,
      kind: input.kind,
      capacity: input.capacity,
      fireCodeCapacity: input.fireCodeCapacity,
      setup: input.setup,
      changeoverMinutes: input.changeoverMinutes,
      trimHeightCm: input.trimHeightCm,
      powerCapacityWatts: input.powerCapacityWatts,
      rfChannels: input.rfChannels,
    });
  },
});

entityMutation('updateRoom', {
  description: 'Changes a room. Fields left out stay as they are.',
  inputFields: (t) => ({
    id: t.globalID({ for: RoomRef, required: true, description: 'The room.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    venueId: t.globalID({ for: VenueRef, required: false, description: 'Move the room to another venue of the event.' }),
    ...roomFields(false)(t),
  }),
  field: 'room',
  ref: RoomRef,
  fieldDescription: 'The room as it is now.',
  run: (ctx, input) =>
    updateRoom(ctx.db, requireActor(ctx), input.id.id, input.expectedVersion, {
      venueId: input.venueId?.id,
      name: input.name ?? undefined,
      kind: input.kind ?? undefined,
      capacity: input.capacity,
      fireCodeCapacity: input.fireCodeCapacity,
      setup: input.setup,
      changeoverMinutes: input.changeoverMinutes,
      trimHeightCm: input.trimHeightCm,
      powerCapacityWatts: input.powerCapacityWatts,
      rfChannels: input.rfChannels,
    }),
});

deleteMutation('Room', {
  description: 'Deletes a room; its sessions stay, without a room.',
  field: 'room',
  ref: RoomRef,
  run: (ctx, id, expectedVersion) => deleteRoom(ctx.db, requireActor(ctx), id, expectedVersion),
});
