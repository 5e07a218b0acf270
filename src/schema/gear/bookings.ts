import type { InputFieldBuilder } from '@pothos/core';
import { createBooking, createSubrental, deleteBooking, deleteSubrental, updateBooking } from '../../domain/gear/bookings.js';
import { findShortages, productionOrganizationOf } from '../../domain/gear/availability.js';
import { inventoryFacts } from '../../domain/gear/inventory.js';
import { bookingsOfEvent, subrentalsOfEvent } from '../../domain/gear/lists.js';
import { pullSheet, type PullLine } from '../../domain/gear/pullsheet.js';
import * as fields from '../../domain/fields.js';
import { operationLoader } from '../../context.js';
import { builder, type BuilderTypes } from '../builder.js';
import { childList, connectionOf } from '../connections.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { declarePrivateFields, privately, productionOnly } from '../private-fields.js';
import { reads, refersTo } from '../selection.js';
import { EventRef, primeEventRooms, GearBookingRef, GearItemRef, GearKitRef, GearSubrentalRef, ProductionBlockRef, RiggingPointRef, RoomRef } from '../refs.js';
import { ShortageRef } from './inventory.js';

/** An event's gear in the API: bookings, subrentals, shortages and the pull sheet. */

const bookingNotes = declarePrivateFields('GearBooking', { table: 'gear_booking', fields: ['notes'], shows: productionOnly, dependsOnRow: false });
const subrentalCost = declarePrivateFields('GearSubrental', { table: 'gear_subrental', fields: ['costMinor', 'currency'], shows: productionOnly, dependsOnRow: false });
// The client does not learn where production sources its gear; management (who oversees vendors) does.
const subrentalSource = declarePrivateFields('GearSubrental', {
  table: 'gear_subrental',
  fields: ['vendor'],
  shows: (_row, reader) => reader.isPlatformAdmin || reader.role === 'PRODUCTION' || reader.role === 'MANAGEMENT',
  dependsOnRow: false,
});

const GearBookingStatus = builder.enumType('GearBookingStatus', {
  description: 'Where a gear booking stands.',
  values: {
    QUOTED: { description: 'In a quote: holds nothing yet.' },
    HELD: { description: 'Held for the event: counts against the stock.' },
    CONFIRMED: { description: 'Confirmed: counts against the stock, and goes on the pull sheet.' },
  },
});

const items = operationLoader<string, { name: string; unitWeightGrams: number; unitPowerWatts: number } | null>((ctx, ids) => inventoryFacts(ctx.db, 'gear_item', ids));
export const kits = operationLoader<string, { name: string } | null>((ctx, ids) => inventoryFacts(ctx.db, 'gear_kit', ids));

GearBookingRef.implement({
  description: "Units of an item, or kits, an event holds from the day they leave the warehouse until they are back. Every member reads the line; production alone its notes.",
  fields: (t) => ({
    item: t.field({ type: GearItemRef, nullable: true, description: "The item (its production company's users read it); see `name`.", extensions: reads('gear_booking', 'item_id'), resolve: (b) => b.item_id }),
    kit: t.field({ type: GearKitRef, nullable: true, description: 'The kit, when a kit is booked.', extensions: reads('gear_booking', 'kit_id'), resolve: (b) => b.kit_id }),
    name: t.string({
      description: 'What is booked: the item or the kit, by name.',
      extensions: reads('gear_booking', 'item_id', 'kit_id'),
      resolve: async (b, _a, ctx) => (b.item_id ? (await items(ctx).load(b.item_id))?.name : (await kits(ctx).load(b.kit_id!))?.name) ?? '',
    }),
    quantity: t.exposeInt('quantity', { description: 'How many.' }),
    status: t.expose('status', { type: GearBookingStatus, description: 'Quoted, held or confirmed.' }),
    priority: t.exposeInt('priority', { description: 'Higher goes first when stock is short.' }),
    leavesAt: t.expose('leaves_at', { type: 'DateTime', description: 'When it leaves the warehouse.' }),
    returnsAt: t.expose('returns_at', { type: 'DateTime', description: 'When it is back.' }),
    room: t.field({ type: RoomRef, nullable: true, description: 'The room it goes to.', ...refersTo('gear_booking', 'room_id') }),
    block: t.field({ type: ProductionBlockRef, nullable: true, description: 'The production block it serves.', ...refersTo('gear_booking', 'block_id') }),
    riggingPoint: t.field({ type: RiggingPointRef, nullable: true, description: 'Where it is hung.', ...refersTo('gear_booking', 'rigging_point_id') }),
    notes: t.string({ nullable: true, description: "Production's internal notes; null for others.", extensions: reads('gear_booking', 'notes', 'event_id'), resolve: privately(bookingNotes, (b) => b.notes) }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

GearSubrentalRef.implement({
  description: 'Units rented in for the event: stock of the item for these dates only. Its source is not the client’s to read, its cost production’s alone.',
  fields: (t) => ({
    item: t.field({ type: GearItemRef, nullable: true, description: 'The item (its production company reads it).', extensions: reads('gear_subrental', 'item_id'), resolve: (s) => s.item_id }),
    name: t.string({ description: "The item's name.", extensions: reads('gear_subrental', 'item_id'), resolve: async (s, _a, ctx) => (await items(ctx).load(s.item_id))?.name ?? '' }),
    quantity: t.exposeInt('quantity', { description: 'How many units.' }),
    startsAt: t.expose('starts_at', { type: 'DateTime', description: 'From.' }),
    endsAt: t.expose('ends_at', { type: 'DateTime', description: 'Until.' }),
    vendor: t.string({ nullable: true, description: 'Who it is rented from; null for the client.', extensions: reads('gear_subrental', 'vendor', 'event_id'), resolve: privately(subrentalSource, (s) => s.vendor) }),
    costMinor: t.int({ nullable: true, description: 'What it costs, in minor units; production only.', extensions: reads('gear_subrental', 'cost_minor', 'event_id'), resolve: privately(subrentalCost, (s) => s.cost_minor) }),
    currency: t.string({ nullable: true, description: 'ISO 4217 currency of the cost; production only.', extensions: reads('gear_subrental', 'currency', 'event_id'), resolve: privately(subrentalCost, (s) => s.currency) }),
    version: t.exposeInt('version', { description: 'Its version.' }),
  }),
});

const PullLineRef = builder.objectRef<PullLine>('PullSheetLine').implement({
  description: 'An item to pull for a room: kits expanded into their items.',
  fields: (t) => ({
    name: t.exposeString('item', { description: 'The item.' }),
    category: t.exposeString('category', { nullable: true, description: 'Its department.' }),
    quantity: t.exposeInt('quantity', { description: 'How many to pull.' }),
    unitWeightGrams: t.exposeInt('unitWeightGrams', { description: 'Weight of one, in grams.' }),
    weightGrams: t.exposeInt('weightGrams', { description: 'Weight of all of them, in grams.' }),
    powerWatts: t.exposeInt('powerWatts', { description: 'Power all of them draw, in watts.' }),
    kits: t.exposeStringList('kits', { description: 'The kits it comes in, if any.' }),
  }),
});

type PullRoom = { roomId: string | null; lines: PullLine[] };
const PullRoomRef = builder.objectRef<PullRoom>('PullSheetRoom').implement({
  description: "A room's part of the pull sheet, with its totals for the venue advance.",
  fields: (t) => ({
    room: t.field({ type: RoomRef, nullable: true, description: 'The room; null for gear not assigned to one.', resolve: (r) => r.roomId }),
    lines: t.field({ type: [PullLineRef], description: 'What to pull.', resolve: (r) => r.lines }),
    weightGrams: t.int({ description: 'Total weight, in grams.', resolve: (r) => r.lines.reduce((s, l) => s + l.weightGrams, 0) }),
    powerWatts: t.int({ description: 'Total power draw, in watts.', resolve: (r) => r.lines.reduce((s, l) => s + l.powerWatts, 0) }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  gearBookings: childList(t, 'event', { type: connectionOf(GearBookingRef, 'GearBooking', 'gearBookings'), description: 'Its gear bookings, by the day they leave the warehouse.', spec: bookingsOfEvent, node: GearBookingRef }),
  gearSubrentals: childList(t, 'event', { type: connectionOf(GearSubrentalRef, 'GearSubrental', 'gearSubrentals'), description: 'Gear rented in for it, in time order.', spec: subrentalsOfEvent, node: GearSubrentalRef }),
  gearShortages: t.field({
    type: [ShortageRef],
    description: "Where its production company's stock runs short while this event needs the item: a subrental to make for each.",
    extensions: reads('event', 'id'),
    resolve: async (e, _a, ctx) => {
      const org = await productionOrganizationOf(ctx.db, e.id);
      return org ? findShortages(ctx.db, org, e.id) : [];
    },
  }),
  pullSheet: t.field({
    type: [PullRoomRef],
    description: 'The pull sheet: HELD and CONFIRMED gear room by room, kits expanded, with weight and power draw.',
    extensions: reads('event', 'id'),
    resolve: async (e, _a, ctx) => {
      const [lines] = await Promise.all([pullSheet(ctx.db, e.id), primeEventRooms(ctx, e.id)]);
      const rooms: PullRoom[] = [];
      for (const line of lines) {
        const room = rooms.at(-1)?.roomId === line.roomId ? rooms.at(-1)! : (rooms.push({ roomId: line.roomId, lines: [] }), rooms.at(-1)!);
        room.lines.push(line);
      }
      return rooms;
    },
  }),
}));

type InputBuilder = InputFieldBuilder<BuilderTypes, 'InputObject'>;
const unwrap = (id: { id: string } | null | undefined) => (id === null ? null : id?.id);
const bookingFields = (required: boolean) => (t: InputBuilder) => ({
  quantity: t.int({ required, description: 'How many.', validate: required ? fields.capacity.min(1, 'must be at least 1') : fields.capacity.min(1, 'must be at least 1').nullish() }),
  status: t.field({ type: GearBookingStatus, required: false, description: 'Quoted (unless given), held or confirmed.' }),
  priority: t.int({ required: false, description: 'Higher goes first when stock is short (0 unless given).', validate: fields.capacity.max(100).nullish() }),
  leavesAt: t.field({ type: 'DateTime', required, description: 'When it leaves the warehouse.' }),
  returnsAt: t.field({ type: 'DateTime', required, description: 'When it is back.' }),
  roomId: t.globalID({ for: RoomRef, required: false, description: 'The room it goes to (the block’s unless given).' }),
  blockId: t.globalID({ for: ProductionBlockRef, required: false, description: 'The production block it serves.' }),
  riggingPointId: t.globalID({ for: RiggingPointRef, required: false, description: "Where it is hung (a rigging point of its room), when it is flown." }),
  notes: t.string({ required: false, description: "Production's internal notes.", validate: fields.optionalText(2000).nullish() }),
});

entityMutation('createGearBooking', {
  description: "Books units of an item, or kits, from the production company's inventory for the event (production).",
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    itemId: t.globalID({ for: GearItemRef, required: false, description: 'The item (or give kitId).' }),
    kitId: t.globalID({ for: GearKitRef, required: false, description: 'The kit (or give itemId).' }),
    ...bookingFields(true)(t),
  }),
  field: 'gearBooking',
  ref: GearBookingRef,
  fieldDescription: 'The new booking.',
  run: (ctx, { eventId, itemId, kitId, roomId, blockId, riggingPointId, ...input }) =>
    createBooking(ctx.db, requireActor(ctx), eventId.id, {
      ...input,
      quantity: input.quantity!,
      leavesAt: input.leavesAt!,
      returnsAt: input.returnsAt!,
      itemId: unwrap(itemId),
      kitId: unwrap(kitId),
      roomId: unwrap(roomId),
      blockId: unwrap(blockId),
      riggingPointId: unwrap(riggingPointId),
    }),
});

entityMutation('updateGearBooking', {
  description: 'Changes a booking: its status (quote → hold → confirmed), dates, quantity, room.',
  inputFields: (t) => ({
    id: t.globalID({ for: GearBookingRef, required: true, description: 'The booking.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...bookingFields(false)(t),
  }),
  field: 'gearBooking',
  ref: GearBookingRef,
  fieldDescription: 'The booking as it is now.',
  run: (ctx, { id, expectedVersion, roomId, blockId, riggingPointId, ...patch }) =>
    updateBooking(ctx.db, requireActor(ctx), id.id, expectedVersion, {
      quantity: patch.quantity ?? undefined,
      status: patch.status,
      priority: patch.priority,
      leavesAt: patch.leavesAt ?? undefined,
      returnsAt: patch.returnsAt ?? undefined,
      roomId: unwrap(roomId),
      blockId: unwrap(blockId),
      riggingPointId: unwrap(riggingPointId),
      notes: patch.notes,
    }),
});

deleteMutation('GearBooking', { description: 'Releases a booking.', field: 'gearBooking', ref: GearBookingRef, run: (ctx, id, v) => deleteBooking(ctx.db, requireActor(ctx), id, v) });

entityMutation('createGearSubrental', {
  description: 'Records units rented in for the event from a named vendor: stock of the item for those dates (production).',
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    itemId: t.globalID({ for: GearItemRef, required: true, description: 'The item it adds stock of.' }),
    quantity: t.int({ required: true, description: 'How many units.', validate: fields.capacity.min(1, 'must be at least 1') }),
    vendor: t.string({ required: true, description: 'Who rents them out.', validate: fields.name }),
    startsAt: t.field({ type: 'DateTime', required: true, description: 'From.' }),
    endsAt: t.field({ type: 'DateTime', required: true, description: 'Until.' }),
    costMinor: t.int({ required: false, description: 'What it costs, in minor units.', validate: fields.capacity.max(1_000_000_000).nullish() }),
    currency: t.string({ required: false, description: 'ISO 4217 currency (USD unless given).', validate: fields.currency.nullish() }),
  }),
  field: 'gearSubrental',
  ref: GearSubrentalRef,
  fieldDescription: 'The new subrental.',
  run: (ctx, { eventId, itemId, ...input }) => createSubrental(ctx.db, requireActor(ctx), eventId.id, { ...input, itemId: itemId.id }),
});

deleteMutation('GearSubrental', { description: 'Removes a subrental.', field: 'gearSubrental', ref: GearSubrentalRef, run: (ctx, id, v) => deleteSubrental(ctx.db, requireActor(ctx), id, v) });
