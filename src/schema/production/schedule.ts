import type { InputFieldBuilder } from '@pothos/core';
import { createAccessWindow, createTruck, deleteAccessWindow, deleteTruck, updateAccessWindow, updateTruck } from '../../domain/production/dock.js';
import { accessOfVenue, trucksOfEvent } from '../../domain/production/lists.js';
import { productionSchedule, type ScheduleEntry } from '../../domain/production/schedule.js';
import { findProductionWarnings, type ProductionWarning } from '../../domain/production/warnings.js';
import * as fields from '../../domain/fields.js';
import { builder, type BuilderTypes } from '../builder.js';
import { childList, connectionOf } from '../connections.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { reads, refersTo } from '../selection.js';
import { AssetRef, EventRef, primeEventRooms, ProductionBlockRef, RoomRef, SessionRef, TruckRef, VenueAccessWindowRef, VenueRef } from '../refs.js';

/** The venue's access hours, the trucks at its dock, the day's production schedule and its warnings. */

VenueAccessWindowRef.implement({
  description: "Hours the venue's contract lets production in.",
  fields: (t) => ({
    venue: t.field({ type: VenueRef, description: 'The venue.', ...refersTo('venue_access_window', 'venue_id') }),
    startsAt: t.expose('starts_at', { type: 'DateTime', description: 'From.' }),
    endsAt: t.expose('ends_at', { type: 'DateTime', description: 'Until.' }),
    notes: t.exposeString('notes', { nullable: true, description: 'Notes ("dock only", "no rigging before 08:00").' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

TruckRef.implement({
  description: 'A truck delivering to the venue, with its slot at a dock.',
  fields: (t) => ({
    venue: t.field({ type: VenueRef, description: 'Where it delivers.', ...refersTo('truck', 'venue_id') }),
    name: t.exposeString('name', { description: 'Its name ("Truck 1: audio and lighting").' }),
    vendor: t.exposeString('vendor', { nullable: true, description: 'Whose truck.' }),
    arrivesAt: t.expose('arrives_at', { type: 'DateTime', description: 'When it arrives.' }),
    dock: t.exposeString('dock', { nullable: true, description: 'Its dock; null while it has no slot.' }),
    dockStartsAt: t.expose('dock_starts_at', { type: 'DateTime', nullable: true, description: 'Its slot at the dock: from.' }),
    dockEndsAt: t.expose('dock_ends_at', { type: 'DateTime', nullable: true, description: 'Its slot at the dock: until.' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

const ScheduleEntryKind = builder.enumType('ProductionScheduleEntryKind', {
  description: "A line of the production schedule, in the order of a production day.",
  values: {
    DOCK: { description: 'A truck at the dock (or arriving, with no slot yet).' },
    LOAD_IN: { description: 'A LOAD_IN block.' },
    FOCUS: { description: 'A FOCUS block.' },
    TECH: { description: 'A TECH block.' },
    REHEARSAL: { description: 'A REHEARSAL block.' },
    DOORS: { description: "A room's doors open: its first session of the day, less the event's `doorsMinutes`." },
    SHOW: { description: 'A SHOW block.' },
    STRIKE: { description: 'A STRIKE block.' },
    LOAD_OUT: { description: 'A LOAD_OUT block.' },
  },
});

const ScheduleEntryRef = builder.objectRef<ScheduleEntry>('ProductionScheduleEntry').implement({
  description: 'A line of the production schedule.',
  fields: (t) => ({
    kind: t.field({ type: ScheduleEntryKind, description: 'What it is.', resolve: (e) => e.kind }),
    startsAt: t.field({ type: 'DateTime', description: 'When.', resolve: (e) => e.startsAt }),
    endsAt: t.field({ type: 'DateTime', nullable: true, description: 'Until when (null for a truck with no slot).', resolve: (e) => e.endsAt }),
    title: t.exposeString('title', { description: 'What the document says.' }),
    room: t.field({ type: RoomRef, nullable: true, description: 'The room.', resolve: (e) => e.roomId }),
    block: t.field({ type: ProductionBlockRef, nullable: true, description: 'The block.', resolve: (e) => e.blockId }),
    truck: t.field({ type: TruckRef, nullable: true, description: 'The truck.', resolve: (e) => e.truckId }),
    session: t.field({ type: SessionRef, nullable: true, description: 'The session whose doors open.', resolve: (e) => e.sessionId }),
  }),
});

const WarningKind = builder.enumType('ProductionWarningKind', {
  description: 'What a production warning is about.',
  values: {
    OUTSIDE_ACCESS_HOURS: { description: "A block, or a truck's dock slot, is not within the venue's access hours (when the venue has any)." },
    TRUCK_WITHOUT_DOCK_SLOT: { description: 'A truck has no dock slot.' },
    DOCK_DOUBLE_BOOKED: { description: 'Two trucks are at one dock at once.' },
    REHEARSAL_MOVED: { description: 'Management moved a rehearsal and production has not acknowledged it.' },
    RIGGING_OVERLOAD: { description: "The gear hung on a rigging point (HELD and CONFIRMED, kits expanded) weighs more than the point's load limit." },
    POWER_OVER_SERVICE: { description: "The gear in a room draws more power than the room's power service." },
    ASSET_OVERDUE: { description: 'An asset is still missing, or back with changes requested, past its due date.' },
    RF_CHANNELS_EXCEEDED: { description: "A room needs more wireless mics at once (its session's mic plot, and any session overlapping it) than its `rfChannels`." },
    REQUIRED_KIT_NOT_BOOKED: { description: "A session's format template takes a kit that no held or confirmed booking has in its room for its time." },
  },
});

const WarningRef = builder.objectRef<ProductionWarning>('ProductionWarning').implement({
  description: 'A warning computed from the production schedule as it stands; it never blocks a change, and goes when the data is fixed.',
  fields: (t) => ({
    kind: t.field({ type: WarningKind, description: 'What it is about.', resolve: (w) => w.kind }),
    message: t.exposeString('message', { description: 'The warning in words.' }),
    block: t.field({ type: ProductionBlockRef, nullable: true, description: 'The block.', resolve: (w) => w.blockId }),
    trucks: t.field({ type: [TruckRef], description: 'The trucks.', resolve: (w) => w.truckIds }),
    room: t.field({ type: RoomRef, nullable: true, description: 'The room.', resolve: (w) => w.roomId }),
    asset: t.field({ type: AssetRef, nullable: true, description: 'The asset, for ASSET_OVERDUE.', resolve: (w) => w.assetId ?? null }),
    session: t.field({ type: SessionRef, nullable: true, description: 'The session, for RF_CHANNELS_EXCEEDED and REQUIRED_KIT_NOT_BOOKED.', resolve: (w) => w.sessionId ?? null }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  productionSchedule: t.field({
    type: [ScheduleEntryRef],
    description: "A day's production schedule, on the event's calendar: dock → load-in → focus → tech → doors → show → strike.",
    args: { day: t.arg({ type: 'Date', required: true, description: "The day, on the event's calendar." }) },
    extensions: reads('event', 'id'),
    resolve: async (e, { day }, ctx) => (await Promise.all([productionSchedule(ctx.db, e.id, day), primeEventRooms(ctx, e.id)]))[0],
  }),
  productionWarnings: t.field({
    type: [WarningRef],
    description: 'Production warnings: blocks or dock slots outside access hours, trucks without a slot or on one dock at once, rehearsals moved and not acknowledged.',
    extensions: reads('event', 'id'),
    resolve: (e, _a, ctx) => findProductionWarnings(ctx.db, e.id),
  }),
  trucks: childList(t, 'event', { type: connectionOf(TruckRef, 'Truck', 'trucks'), description: 'The trucks coming, by arrival.', spec: trucksOfEvent, node: TruckRef }),
}));

builder.objectFields(VenueRef, (t) => ({
  accessWindows: childList(t, 'venue', { type: connectionOf(VenueAccessWindowRef, 'VenueAccessWindow', 'venueAccessWindows'), description: "The hours its contract lets production in, in time order.", spec: accessOfVenue, node: VenueAccessWindowRef }),
}));

type InputBuilder = InputFieldBuilder<BuilderTypes, 'InputObject'>;

entityMutation('createVenueAccessWindow', {
  description: "Records hours the venue's contract lets production in (management).",
  inputFields: (t) => ({
    venueId: t.globalID({ for: VenueRef, required: true, description: 'The venue.' }),
    startsAt: t.field({ type: 'DateTime', required: true, description: 'From.' }),
    endsAt: t.field({ type: 'DateTime', required: true, description: 'Until.' }),
    notes: t.string({ required: false, description: 'Notes.', validate: fields.optionalText(500).nullish() }),
  }),
  field: 'venueAccessWindow',
  ref: VenueAccessWindowRef,
  fieldDescription: 'The new access window.',
  run: (ctx, { venueId, ...input }) => createAccessWindow(ctx.db, requireActor(ctx), { ...input, venueId: venueId.id }),
});

entityMutation('updateVenueAccessWindow', {
  description: 'Changes access hours.',
  inputFields: (t) => ({
    id: t.globalID({ for: VenueAccessWindowRef, required: true, description: 'The access window.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    startsAt: t.field({ type: 'DateTime', required: false, description: 'From.' }),
    endsAt: t.field({ type: 'DateTime', required: false, description: 'Until.' }),
    notes: t.string({ required: false, description: 'Notes.', validate: fields.optionalText(500).nullish() }),
  }),
  field: 'venueAccessWindow',
  ref: VenueAccessWindowRef,
  fieldDescription: 'The access window as it is now.',
  run: (ctx, { id, expectedVersion, ...patch }) =>
    updateAccessWindow(ctx.db, requireActor(ctx), id.id, expectedVersion, { startsAt: patch.startsAt ?? undefined, endsAt: patch.endsAt ?? undefined, notes: patch.notes }),
});

deleteMutation('VenueAccessWindow', { description: 'Removes access hours.', field: 'venueAccessWindow', ref: VenueAccessWindowRef, run: (ctx, id, v) => deleteAccessWindow(ctx.db, requireActor(ctx), id, v) });

const truckFields = <R extends boolean>(required: R) => (t: InputBuilder) => ({
  venueId: t.globalID({ for: VenueRef, required, description: 'Where it delivers.' }),
  name: t.string({ required, description: 'Its name.', validate: required ? fields.name : fields.name.optional() }),
  vendor: t.string({ required: false, description: 'Whose truck.', validate: fields.optionalText(200).nullish() }),
  arrivesAt: t.field({ type: 'DateTime', required, description: 'When it arrives.' }),
  dock: t.string({ required: false, description: 'Its dock (with its slot times); null for no slot.', validate: fields.optionalText(50).nullish() }),
  dockStartsAt: t.field({ type: 'DateTime', required: false, description: 'Its dock slot: from.' }),
  dockEndsAt: t.field({ type: 'DateTime', required: false, description: 'Its dock slot: until.' }),
});

entityMutation('createTruck', {
  description: 'Adds a truck to the dock schedule (production).',
  inputFields: (t) => truckFields(true)(t),
  field: 'truck',
  ref: TruckRef,
  fieldDescription: 'The new truck.',
  run: (ctx, { venueId, ...input }) => createTruck(ctx.db, requireActor(ctx), { ...input, venueId: venueId.id }),
});

entityMutation('updateTruck', {
  description: 'Changes a truck or its dock slot (null dock, start and end take the slot away).',
  inputFields: (t) => ({
    id: t.globalID({ for: TruckRef, required: true, description: 'The truck.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...truckFields(false)(t),
  }),
  field: 'truck',
  ref: TruckRef,
  fieldDescription: 'The truck as it is now.',
  run: (ctx, { id, expectedVersion, venueId, ...patch }) =>
    updateTruck(ctx.db, requireActor(ctx), id.id, expectedVersion, {
      venueId: venueId?.id,
      name: patch.name ?? undefined,
      vendor: patch.vendor,
      arrivesAt: patch.arrivesAt ?? undefined,
      dock: patch.dock,
      dockStartsAt: patch.dockStartsAt,
      dockEndsAt: patch.dockEndsAt,
    }),
});

deleteMutation('Truck', { description: 'Removes a truck.', field: 'truck', ref: TruckRef, run: (ctx, id, v) => deleteTruck(ctx.db, requireActor(ctx), id, v) });
