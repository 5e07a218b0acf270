import type { InputFieldBuilder } from '@pothos/core';
import {
  createBlock,
  createReservation,
  deleteBlock,
  deleteReservation,
  pickupOf,
  PRIVATE_RESERVATION_FIELDS,
  shoulderNightsOf,
  updateBlock,
  updateReservation,
} from '../../domain/housing/housing.js';
import { blocksOfEvent, reservationsOfAttendee, reservationsOfEvent } from '../../domain/housing/lists.js';
import { findHousingWarnings, type HousingWarning } from '../../domain/housing/warnings.js';
import { showsLeg } from '../../domain/travel/travel.js';
import type { ColumnOf, HotelBlock, RoomReservation } from '../../db/types.js';
import * as fields from '../../domain/fields.js';
import { operationLoader, type Context } from '../../context.js';
import { readsAttendeesLogistics } from '../travel/travel.js';
import { builder, type BuilderTypes } from '../builder.js';
import { money, MoneyRef } from '../money.js';
import { ContractRef } from '../refs.js';
import { connectionOf, pageArgs, resolvePage } from '../connections.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { declarePrivateFields, showsPrivate } from '../private-fields.js';
import { reads, refersTo, readsOnly } from '../selection.js';
import { AttendeeRef, EventRef, HotelBlockRef, RoomReservationRef, SpeakerRef } from '../refs.js';

/** Housing in the API: hotel room blocks, the rooming list, and housing warnings. */

// Whose room it is follows the same rule as whose travel: production reads speakers' only. The
// contract's money (rate, attrition, comps) is management's and the client's.
const blockTerms = declarePrivateFields('HotelBlock', { table: 'hotel_block', fields: ['rateMinor', 'attritionPercent', 'compRatio'], shows: (_row, reader) => reader.isPlatformAdmin || reader.role !== 'PRODUCTION', dependsOnRow: false });
const reservationDetails = declarePrivateFields('RoomReservation', { table: 'room_reservation', fields: PRIVATE_RESERVATION_FIELDS, shows: (row, reader) => showsLeg(row, reader) });

const BillingParty = builder.enumType('BillingParty', {
  description: 'Who pays.',
  values: { MASTER_ACCOUNT: { description: "The event's master account (the client)." }, GUEST: { description: 'The guest, at check-out.' } },
});

const contract =
  <T,>(pick: (b: HotelBlock) => T) =>
  async (b: HotelBlock, _a: unknown, ctx: Context): Promise<T | null> =>
    (await showsPrivate(ctx, blockTerms, b)) ? pick(b) : null;
const pickedUp = operationLoader<string, number>((ctx, ids) => pickupOf(ctx.db, ids));
const shoulders = operationLoader<string, string[]>((ctx, ids) => shoulderNightsOf(ctx.db, ids));

HotelBlockRef.implement({
  description: 'Rooms contracted at a hotel, of one room type, for one night, with the contract terms that cost money.',
  fields: (t) => ({
    hotel: t.exposeString('hotel', { description: 'The hotel.' }),
    roomType: t.exposeString('room_type', { description: 'The room type ("King", "Double Queen").' }),
    night: t.expose('night', { type: 'Date', description: 'The night (the date it starts).' }),
    contracted: t.exposeInt('contracted', { description: 'Rooms contracted.' }),
    held: t.exposeInt('held', { description: 'Rooms held back (VIPs, staff not yet named).' }),
    pickedUp: t.int({ description: "Rooms picked up: the rooming list's rooms for this night.", extensions: reads('hotel_block', 'id'), resolve: (b, _a, ctx) => pickedUp(ctx).load(b.id) }),
    attritionPercent: t.int({
      nullable: true,
      description: 'The share of `contracted` the contract holds the event to; below it the event pays for rooms short. Null for production.',
      extensions: reads('hotel_block', 'attrition_percent', 'event_id'),
      resolve: contract((b) => b.attrition_percent),
    }),
    attritionFloor: t.int({
      description: 'Rooms to pick up to owe nothing: contracted × attrition, rounded up.',
      extensions: reads('hotel_block', 'contracted', 'attrition_percent'),
      resolve: (b) => Math.ceil((b.contracted * b.attrition_percent) / 100),
    }),
    rateMinor: t.int({
      nullable: true,
      description: 'The group rate per room night, in minor units (cents) of `currency`. Null for production.',
      extensions: reads('hotel_block', 'rate_minor', 'event_id'),
      resolve: contract((b) => b.rate_minor),
    }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency of the rate.' }),
    contract: t.field({ type: ContractRef, nullable: true, description: 'The hotel contract whose attrition clause covers it; null for none, and for those who may not read the contract.', ...refersTo('hotel_block', 'contract_id') }),
    resold: t.exposeInt('resold', { description: 'Rooms the hotel resold.' }),
    rate: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'The group rate per room night, exactly, in its currency. Null for production.',
      extensions: reads('hotel_block', 'rate_minor', 'currency', 'event_id'),
      resolve: contract((b) => money(b.rate_minor, b.currency)),
    }),
    cutOffDate: t.field({ type: 'Date', description: 'After it, unassigned rooms go back to the hotel.', resolve: (b) => b.cut_off_date }),
    cutOffWarningDays: t.exposeInt('cut_off_warning_days', { description: 'A CUT_OFF_APPROACHING warning shows this many days before it.' }),
    compRatio: t.int({ nullable: true, description: 'One complimentary room night per this many picked up; null for none, and for production.', extensions: reads('hotel_block', 'comp_ratio', 'event_id'), resolve: contract((b) => b.comp_ratio) }),
    comps: t.int({ description: 'Complimentary room nights earned at today’s pickup.', extensions: reads('hotel_block', 'id', 'comp_ratio'), resolve: async (b, _a, ctx) => (b.comp_ratio ? Math.floor((await pickedUp(ctx).load(b.id)) / b.comp_ratio) : 0) }),
    staffRooms: t.exposeInt('staff_rooms', { description: 'Rooms for staff at the staff rate.' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

const roomValue =
  <T,>(pick: (r: RoomReservation) => T) =>
  async (r: RoomReservation, _a: unknown, ctx: Context): Promise<T | null> =>
    (await showsPrivate(ctx, reservationDetails, r)) ? pick(r) : null;
const privately = (column: ColumnOf<'room_reservation'>) => reads('room_reservation', 'speaker_id', 'event_id', column);

RoomReservationRef.implement({
  description: "A room on the rooming list. Management keeps it; the client reads its people's; production reads speakers' rooms, and of anyone else's only that it exists.",
  fields: (t) => ({
    attendee: t.field({ type: AttendeeRef, nullable: true, description: "Whose room, for an attendee's.", extensions: privately('attendee_id'), resolve: roomValue((r) => r.attendee_id) }),
    speaker: t.field({ type: SpeakerRef, nullable: true, description: "Whose room, for a speaker's.", ...refersTo('room_reservation', 'speaker_id') }),
    hotel: t.string({ nullable: true, description: 'The hotel.', extensions: privately('hotel'), resolve: roomValue((r) => r.hotel) }),
    roomType: t.string({ nullable: true, description: 'The room type.', extensions: privately('room_type'), resolve: roomValue((r) => r.room_type) }),
    arrives: t.field({ type: 'Date', nullable: true, description: 'Check-in day.', extensions: privately('arrives'), resolve: roomValue((r) => r.arrives) }),
    departs: t.field({ type: 'Date', nullable: true, description: 'Check-out day.', extensions: privately('departs'), resolve: roomValue((r) => r.departs) }),
    shoulderNights: t.field({
      type: ['Date'],
      nullable: true,
      description: "Nights of the stay no block of its hotel and room type covers (before or after the event's): billed at the hotel's own rate unless negotiated.",
      extensions: reads('room_reservation', 'id', 'speaker_id', 'event_id'),
      resolve: async (r, _a, ctx) => ((await showsPrivate(ctx, reservationDetails, r)) ? shoulders(ctx).load(r.id) : null),
    }),
    roommate: t.field({ type: AttendeeRef, nullable: true, description: 'Who shares the room.', extensions: privately('roommate_attendee_id'), resolve: roomValue((r) => r.roommate_attendee_id) }),
    roomBilling: t.field({ type: BillingParty, nullable: true, description: 'Who pays room and tax.', extensions: privately('room_billing'), resolve: roomValue((r) => r.room_billing) }),
    incidentalsBilling: t.field({ type: BillingParty, nullable: true, description: 'Who pays incidentals.', extensions: privately('incidentals_billing'), resolve: roomValue((r) => r.incidentals_billing) }),
    confirmation: t.string({ nullable: true, description: "The hotel's confirmation number.", extensions: privately('confirmation'), resolve: roomValue((r) => r.confirmation) }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

const HousingWarningKind = builder.enumType('HousingWarningKind', {
  description: 'What a housing warning is about.',
  values: {
    PICKUP_BELOW_ATTRITION: { description: 'A block night has fewer rooms picked up than the attrition percentage holds the event to; the message says what it would owe.' },
    CUT_OFF_APPROACHING: { description: "A block's cut-off is within its `cutOffWarningDays`." },
    FLIGHT_WITHOUT_ROOM: { description: 'Someone flies (or takes the train) in but has no room.' },
    ROOM_DATES_MISMATCH: { description: "Someone's arrival or departure day is not their room's check-in or check-out day." },
  },
});

const HousingWarningRef = builder.objectRef<HousingWarning>('HousingWarning').implement({
  description: 'A housing warning computed from the blocks, the rooming list and travel as they stand. It never blocks a change, and disappears when the data is fixed.',
  fields: (t) => ({
    kind: t.field({ type: HousingWarningKind, description: 'What it is about.', resolve: (w) => w.kind }),
    message: t.exposeString('message', { description: 'The warning in words.' }),
    block: t.field({ type: HotelBlockRef, nullable: true, description: 'The block, for block warnings.', resolve: (w) => w.blockId }),
    reservation: t.field({ type: RoomReservationRef, nullable: true, description: 'The room, for date warnings.', resolve: (w) => w.reservationId }),
    speaker: t.field({ type: SpeakerRef, nullable: true, description: 'The speaker, when it is about one.', resolve: (w) => w.speakerId }),
  }),
});

const Rooms = connectionOf(RoomReservationRef, 'RoomReservation', 'roomReservations');

builder.objectFields(EventRef, (t) => ({
  hotelBlocks: t.field({
    type: connectionOf(HotelBlockRef, 'HotelBlock', 'hotelBlocks'),
    description: 'Its hotel room blocks, night by night.',
    args: pageArgs(t.arg),
    extensions: readsOnly('event', 'id'),
    resolve: (e, args, ctx, info) => resolvePage(ctx, info, blocksOfEvent, e.id, args, HotelBlockRef),
  }),
  roomingList: t.field({
    type: Rooms,
    description: 'The rooming list: every room, by check-in day.',
    args: pageArgs(t.arg),
    extensions: readsOnly('event', 'id'),
    resolve: (e, args, ctx, info) => resolvePage(ctx, info, reservationsOfEvent, e.id, args, RoomReservationRef),
  }),
  housingWarnings: t.field({
    type: [HousingWarningRef],
    description: 'Housing warnings: pickup below attrition, cut-offs coming up, flights without a room, rooms whose dates do not match the flights. Production gets those about no attendee.',
    extensions: reads('event', 'id'),
    resolve: async (e, _a, ctx) => findHousingWarnings(ctx.db, e.id, !(await readsAttendeesLogistics(ctx, e.id))),
  }),
}));

builder.objectFields(AttendeeRef, (t) => ({
  rooms: t.field({
    type: Rooms,
    description: 'Their rooms (for production, none of their fields are readable).',
    args: pageArgs(t.arg),
    extensions: readsOnly('attendee', 'id'),
    resolve: (a, args, ctx, info) => resolvePage(ctx, info, reservationsOfAttendee, a.id, args, RoomReservationRef),
  }),
}));

type InputBuilder = InputFieldBuilder<BuilderTypes, 'InputObject'>;
const percent = fields.capacity.max(100, 'must be at most 100');
const blockFields = <R extends boolean>(required: R) => (t: InputBuilder) => ({
  hotel: t.string({ required, description: 'The hotel.', validate: required ? fields.name : fields.name.optional() }),
  roomType: t.string({ required, description: 'The room type.', validate: required ? fields.text(100) : fields.text(100).optional() }),
  night: t.field({ type: 'Date', required, description: 'The night (the date it starts).' }),
  contracted: t.int({ required, description: 'Rooms contracted.', validate: required ? fields.capacity : fields.capacity.nullish() }),
  held: t.int({ required: false, description: 'Rooms held back.', validate: fields.capacity.nullish() }),
  rateMinor: t.int({ required, description: 'The group rate per room night, in minor units (cents).', validate: required ? fields.capacity : fields.capacity.nullish() }),
  currency: t.string({ required: false, description: 'ISO 4217 currency (USD unless given).', validate: fields.currency.nullish() }),
  cutOffDate: t.field({ type: 'Date', required, description: 'The cut-off date.' }),
  cutOffWarningDays: t.int({ required: false, description: 'Warn this many days before the cut-off (14 unless given).', validate: fields.capacity.max(365).nullish() }),
  attritionPercent: t.int({ required: false, description: 'The share of contracted rooms the contract holds the event to (80 unless given).', validate: percent.nullish() }),
  compRatio: t.int({ required: false, description: 'One comp room night per this many picked up.', validate: fields.capacity.min(1).nullish() }),
  staffRooms: t.int({ required: false, description: 'Rooms for staff.', validate: fields.capacity.nullish() }),
  contractId: t.globalID({ for: ContractRef, required: false, description: 'The hotel contract whose attrition clause covers it; null for none.' }),
  resold: t.int({ required: false, description: 'Rooms the hotel resold (credited against attrition when the contract says so).', validate: fields.capacity.nullish() }),
});

entityMutation('createHotelBlock', {
  description: 'Adds a hotel room block for one night (management).',
  inputFields: (t) => ({ eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }), ...blockFields(true)(t) }),
  field: 'hotelBlock',
  ref: HotelBlockRef,
  fieldDescription: 'The new block.',
  run: (ctx, { eventId, contractId, ...input }) => createBlock(ctx.db, requireActor(ctx), eventId.id, { ...input, contractId: contractId?.id }),
});

entityMutation('updateHotelBlock', {
  description: 'Changes a block (a renegotiated count, a new cut-off).',
  inputFields: (t) => ({
    id: t.globalID({ for: HotelBlockRef, required: true, description: 'The block.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...blockFields(false)(t),
  }),
  field: 'hotelBlock',
  ref: HotelBlockRef,
  fieldDescription: 'The block as it is now.',
  run: (ctx, { id, expectedVersion, contractId, ...patch }) =>
    updateBlock(ctx.db, requireActor(ctx), id.id, expectedVersion, {
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== null)),
      compRatio: patch.compRatio,
      contractId: contractId === null ? null : contractId?.id,
    }),
});

deleteMutation('HotelBlock', { description: 'Removes a block.', field: 'hotelBlock', ref: HotelBlockRef, run: (ctx, id, v) => deleteBlock(ctx.db, requireActor(ctx), id, v) });

const reservationFields = <R extends boolean>(required: R) => (t: InputBuilder) => ({
  hotel: t.string({ required, description: 'The hotel.', validate: required ? fields.name : fields.name.optional() }),
  roomType: t.string({ required, description: 'The room type.', validate: required ? fields.text(100) : fields.text(100).optional() }),
  arrives: t.field({ type: 'Date', required, description: 'Check-in day.' }),
  departs: t.field({ type: 'Date', required, description: 'Check-out day, after check-in.' }),
  roommateId: t.globalID({ for: AttendeeRef, required: false, description: 'Who shares the room; null for nobody.' }),
  roomBilling: t.field({ type: BillingParty, required: false, description: 'Who pays room and tax (the master account unless given).' }),
  incidentalsBilling: t.field({ type: BillingParty, required: false, description: 'Who pays incidentals (the guest unless given).' }),
  confirmation: t.string({ required: false, description: "The hotel's confirmation number.", validate: fields.optionalText(50).nullish() }),
});
const roommate = (id: { id: string } | null | undefined) => (id === null ? null : id?.id);

entityMutation('createRoomReservation', {
  description: "Puts someone on the rooming list (management). Refused when they (or their roommate) already have a room on one of those nights.",
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    attendeeId: t.globalID({ for: AttendeeRef, required: false, description: 'Whose room: an attendee (or give speakerId).' }),
    speakerId: t.globalID({ for: SpeakerRef, required: false, description: 'Whose room: a speaker (or give attendeeId).' }),
    ...reservationFields(true)(t),
  }),
  field: 'roomReservation',
  ref: RoomReservationRef,
  fieldDescription: 'The new room.',
  run: (ctx, { eventId, attendeeId, speakerId, roommateId, ...input }) =>
    createReservation(ctx.db, requireActor(ctx), eventId.id, { ...input, attendeeId: attendeeId?.id, speakerId: speakerId?.id, roommateId: roommate(roommateId) }),
});

entityMutation('updateRoomReservation', {
  description: 'Changes a room (dates, roommate, billing). Fields left out stay.',
  inputFields: (t) => ({
    id: t.globalID({ for: RoomReservationRef, required: true, description: 'The room.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...reservationFields(false)(t),
  }),
  field: 'roomReservation',
  ref: RoomReservationRef,
  fieldDescription: 'The room as it is now.',
  run: (ctx, { id, expectedVersion, roommateId, ...patch }) =>
    updateReservation(ctx.db, requireActor(ctx), id.id, expectedVersion, {
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== null)),
      confirmation: patch.confirmation,
      roommateId: roommate(roommateId),
    }),
});

deleteMutation('RoomReservation', { description: 'Takes a room off the rooming list.', field: 'roomReservation', ref: RoomReservationRef, run: (ctx, id, v) => deleteReservation(ctx.db, requireActor(ctx), id, v) });
