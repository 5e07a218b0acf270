import type { InputFieldBuilder } from '@pothos/core';
import { createLeg, createWave, deleteLeg, deleteWave, PRIVATE_LEG_FIELDS, showsLeg, updateLeg, updateWave, type LegInput } from '../../domain/travel/travel.js';
import { legsOfAttendee, legsOfEvent, legsOfSpeaker, legsOfWave, wavesOfEvent } from '../../domain/travel/lists.js';
import { findTravelWarnings, type TravelWarning } from '../../domain/travel/warnings.js';
import type { ColumnOf, TravelLeg } from '../../db/types.js';
import * as fields from '../../domain/fields.js';
import type { Context } from '../../context.js';
import { builder, type BuilderTypes } from '../builder.js';
import { connectionOf, pageArgs, resolvePage } from '../connections.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { declarePrivateFields, showsPrivate } from '../private-fields.js';
import { reads, refersTo, readsOnly } from '../selection.js';
import { AttendeeRef, EventRef, SessionRef, SpeakerRef, TransferWaveRef, TravelLegRef } from '../refs.js';

/** Travel in the API: legs, transfer waves and their manifests, and travel warnings. */

const legDetails = declarePrivateFields('TravelLeg', { table: 'travel_leg', fields: PRIVATE_LEG_FIELDS, shows: (row, reader) => showsLeg(row, reader) });

const TravelMode = builder.enumType('TravelMode', {
  description: 'How a leg travels.',
  values: { FLIGHT: { description: 'By air.' }, TRAIN: { description: 'By rail.' }, CAR: { description: 'By road (own car, rental, car service): no transfer needed.' } },
});
const TravelDirection = builder.enumType('TravelDirection', {
  description: 'Whether a leg (or a transfer wave) brings people to the event or takes them home.',
  values: { ARRIVAL: { description: 'To the event.' }, DEPARTURE: { description: 'Home from it.' } },
});

/** A value of an attendee's leg, for those who may read it; speakers' legs are everyone's. */
const legValue =
  <T,>(pick: (l: TravelLeg) => T) =>
  async (l: TravelLeg, _args: unknown, ctx: Context): Promise<T | null> =>
    (await showsPrivate(ctx, legDetails, l)) ? pick(l) : null;
/**
 * Whether the viewer reads attendees' travel and rooms, not only speakers': the legs' own rule
 * (`showsLeg`), asked of an attendee's leg. Warnings about attendees follow it.
 */
export const readsAttendeesLogistics = (ctx: Context, eventId: string) =>
  showsPrivate(ctx, legDetails, { event_id: eventId, speaker_id: null } as TravelLeg);
const privately = (column: ColumnOf<'travel_leg'>) => reads('travel_leg', 'speaker_id', 'event_id', column);

TravelLegRef.implement({
  description:
    "One leg of a person's travel. Management keeps it; the client reads its people's (duty of care); production reads speakers' legs, and of anyone else's only that it exists (every other field null).",
  fields: (t) => ({
    attendee: t.field({ type: AttendeeRef, nullable: true, description: "Whose leg, for an attendee's; null for production.", extensions: reads('travel_leg', 'attendee_id', 'speaker_id', 'event_id'), resolve: legValue((l) => l.attendee_id) }),
    speaker: t.field({ type: SpeakerRef, nullable: true, description: "Whose leg, for a speaker's.", ...refersTo('travel_leg', 'speaker_id') }),
    direction: t.expose('direction', { type: TravelDirection, description: 'To the event, or home.' }),
    mode: t.expose('mode', { type: TravelMode, description: 'Flight, train or car.' }),
    carrier: t.string({ nullable: true, description: 'Airline or rail company ("LH").', extensions: privately('carrier'), resolve: legValue((l) => l.carrier) }),
    number: t.string({ nullable: true, description: 'Flight or train number ("454").', extensions: privately('number'), resolve: legValue((l) => l.number) }),
    from: t.string({ nullable: true, description: 'Where it leaves from ("FRA").', extensions: privately('from_place'), resolve: legValue((l) => l.from_place) }),
    to: t.string({ nullable: true, description: 'Where it arrives ("SAN").', extensions: privately('to_place'), resolve: legValue((l) => l.to_place) }),
    departsAt: t.field({ type: 'DateTime', nullable: true, description: 'When it leaves.', extensions: privately('departs_at'), resolve: legValue((l) => l.departs_at) }),
    arrivesAt: t.field({ type: 'DateTime', nullable: true, description: 'When it arrives.', extensions: privately('arrives_at'), resolve: legValue((l) => l.arrives_at) }),
    terminal: t.string({ nullable: true, description: 'The terminal or station it arrives at (or leaves from).', extensions: privately('terminal'), resolve: legValue((l) => l.terminal) }),
    transferWave: t.field({ type: TransferWaveRef, nullable: true, description: 'The transfer wave that meets (or takes) them.', extensions: privately('transfer_wave_id'), resolve: legValue((l) => l.transfer_wave_id) }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

const LegConnection = connectionOf(TravelLegRef, 'TravelLeg', 'travelLegs');

TransferWaveRef.implement({
  description: 'A transfer: the vehicles that meet arrivals at a terminal within a time window (or take departures), with its passenger manifest.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name ("Thursday SAN T2, 12:00–14:00").' }),
    direction: t.expose('direction', { type: TravelDirection, description: 'Arrivals or departures.' }),
    terminal: t.exposeString('terminal', { nullable: true, description: 'Where it meets them.' }),
    windowStart: t.expose('window_start', { type: 'DateTime', description: 'The time window it covers: from.' }),
    windowEnd: t.expose('window_end', { type: 'DateTime', description: 'The time window it covers: until.' }),
    vehicle: t.exposeString('vehicle', { nullable: true, description: 'The kind of vehicle ("Sprinter van").' }),
    vehicleCapacity: t.exposeInt('vehicle_capacity', { description: 'Seats per vehicle.' }),
    vehicles: t.exposeInt('vehicles', { description: 'How many vehicles.' }),
    seats: t.int({ description: 'Seats in all: vehicles × capacity. More passengers is a WAVE_OVERFULL warning.', extensions: reads('transfer_wave', 'vehicles', 'vehicle_capacity'), resolve: (w) => w.vehicles * w.vehicle_capacity }),
    meetAndGreet: t.exposeBoolean('meet_and_greet', { description: 'Someone meets them with a sign.' }),
    vipCar: t.exposeBoolean('vip_car', { description: 'A car of its own for a VIP.' }),
    manifestSentAt: t.expose('manifest_sent_at', { type: 'DateTime', nullable: true, description: 'When the manifest went to the transport company; a leg changed after it is a CHANGED_AFTER_MANIFEST warning.' }),
    passengers: t.field({
      type: LegConnection,
      description: 'Its manifest: the legs it meets, by arrival (for production, only speakers’ are readable).',
      args: pageArgs(t.arg),
      extensions: readsOnly('transfer_wave', 'id'),
      resolve: (w, args, ctx, info) => resolvePage(ctx, info, legsOfWave, w.id, args, TravelLegRef),
    }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

const TravelWarningKind = builder.enumType('TravelWarningKind', {
  description: 'What a travel warning is about.',
  values: {
    UNASSIGNED_PASSENGER: { description: 'A flight or train leg is in no transfer wave (while the event has waves for its direction).' },
    WAVE_OVERFULL: { description: 'A transfer wave has more passengers than seats.' },
    CHANGED_AFTER_MANIFEST: { description: "A leg changed (or joined the wave) after the wave's manifest was sent." },
    SPEAKER_LANDS_LATE: { description: "A speaker lands less than the event's `speakerArrivalBufferMinutes` before their first session." },
    SPEAKER_LEAVES_EARLY: { description: 'A speaker leaves before their last session ends.' },
  },
});

const TravelWarningRef = builder.objectRef<TravelWarning>('TravelWarning').implement({
  description: 'A travel warning computed from the legs and waves as they stand. It never blocks a change, and disappears when the data is fixed.',
  fields: (t) => ({
    kind: t.field({ type: TravelWarningKind, description: 'What it is about.', resolve: (w) => w.kind }),
    message: t.exposeString('message', { description: 'The warning in words.' }),
    legs: t.field({ type: [TravelLegRef], description: 'The legs involved.', resolve: (w) => w.legIds }),
    transferWave: t.field({ type: TransferWaveRef, nullable: true, description: 'The wave, for wave warnings.', resolve: (w) => w.waveId }),
    speaker: t.field({ type: SpeakerRef, nullable: true, description: 'The speaker, for speaker warnings.', resolve: (w) => w.speakerId }),
    session: t.field({ type: SessionRef, nullable: true, description: 'The session at stake, for speaker warnings.', resolve: (w) => w.sessionId }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  travelLegs: t.field({
    type: LegConnection,
    description: 'Everyone’s travel legs, by arrival; filter by direction.',
    args: { ...pageArgs(t.arg), direction: t.arg({ type: TravelDirection, required: false, description: 'Only arrivals, or only departures.' }) },
    extensions: readsOnly('event', 'id'),
    resolve: (e, args, ctx, info) => resolvePage(ctx, info, legsOfEvent, e.id, args, TravelLegRef),
  }),
  transferWaves: t.field({
    type: connectionOf(TransferWaveRef, 'TransferWave', 'transferWaves'),
    description: 'Its transfer waves, by the start of their window.',
    args: pageArgs(t.arg),
    extensions: readsOnly('event', 'id'),
    resolve: (e, args, ctx, info) => resolvePage(ctx, info, wavesOfEvent, e.id, args, TransferWaveRef),
  }),
  travelWarnings: t.field({
    type: [TravelWarningRef],
    description: "Travel warnings: passengers without a transfer, overfull waves, legs changed after a manifest was sent, speakers landing too late or leaving too early. Production gets those that concern no attendee's travel.",
    extensions: reads('event', 'id'),
    resolve: async (e, _args, ctx) => {
      return findTravelWarnings(ctx.db, e.id, !(await readsAttendeesLogistics(ctx, e.id)));
    },
  }),
}));

builder.objectFields(AttendeeRef, (t) => ({
  travel: t.field({
    type: LegConnection,
    description: 'Their travel legs, in order (for production, none of their fields are readable).',
    args: pageArgs(t.arg),
    extensions: readsOnly('attendee', 'id'),
    resolve: (a, args, ctx, info) => resolvePage(ctx, info, legsOfAttendee, a.id, args, TravelLegRef),
  }),
}));

builder.objectFields(SpeakerRef, (t) => ({
  travel: t.field({
    type: LegConnection,
    description: 'Their travel legs, in order: when the keynote lands.',
    args: pageArgs(t.arg),
    extensions: readsOnly('speaker', 'id'),
    resolve: (s, args, ctx, info) => resolvePage(ctx, info, legsOfSpeaker, s.id, args, TravelLegRef),
  }),
}));

type InputBuilder = InputFieldBuilder<BuilderTypes, 'InputObject'>;
const place = fields.text(100);
const legFields = <R extends boolean>(required: R) => (t: InputBuilder) => ({
  direction: t.field({ type: TravelDirection, required, description: 'To the event, or home.' }),
  mode: t.field({ type: TravelMode, required, description: 'Flight, train or car.' }),
  carrier: t.string({ required: false, description: 'Airline or rail company.', validate: fields.optionalText(100).nullish() }),
  number: t.string({ required: false, description: 'Flight or train number.', validate: fields.optionalText(20).nullish() }),
  from: t.string({ required, description: 'Where it leaves from.', validate: required ? place : place.optional() }),
  to: t.string({ required, description: 'Where it arrives.', validate: required ? place : place.optional() }),
  departsAt: t.field({ type: 'DateTime', required, description: 'When it leaves.' }),
  arrivesAt: t.field({ type: 'DateTime', required, description: 'When it arrives; after it leaves.' }),
  terminal: t.string({ required: false, description: 'Terminal or station.', validate: fields.optionalText(100).nullish() }),
  transferWaveId: t.globalID({ for: TransferWaveRef, required: false, description: 'The transfer wave that meets (or takes) them; null for none.' }),
});
const wave = (id: { id: string } | null | undefined) => (id === null ? null : id?.id);

entityMutation('createTravelLeg', {
  description: "Adds a leg to an attendee's or a speaker's travel (management).",
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    attendeeId: t.globalID({ for: AttendeeRef, required: false, description: 'Whose leg: an attendee (or give speakerId).' }),
    speakerId: t.globalID({ for: SpeakerRef, required: false, description: 'Whose leg: a speaker (or give attendeeId).' }),
    ...legFields(true)(t),
  }),
  field: 'travelLeg',
  ref: TravelLegRef,
  fieldDescription: 'The new leg.',
  run: (ctx, { eventId, attendeeId, speakerId, transferWaveId, ...input }) =>
    createLeg(ctx.db, requireActor(ctx), eventId.id, { ...input, attendeeId: attendeeId?.id, speakerId: speakerId?.id, transferWaveId: wave(transferWaveId) }),
});

entityMutation('updateTravelLeg', {
  description: 'Changes a leg (a new flight, a different wave). Fields left out stay; a change after the wave’s manifest was sent is a warning.',
  inputFields: (t) => ({
    id: t.globalID({ for: TravelLegRef, required: true, description: 'The leg.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...legFields(false)(t),
  }),
  field: 'travelLeg',
  ref: TravelLegRef,
  fieldDescription: 'The leg as it is now.',
  run: (ctx, { id, expectedVersion, transferWaveId, ...patch }) =>
    updateLeg(ctx.db, requireActor(ctx), id.id, expectedVersion, {
      ...(Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== null)) as Partial<LegInput>),
      carrier: patch.carrier,
      number: patch.number,
      terminal: patch.terminal,
      transferWaveId: wave(transferWaveId),
    }),
});

deleteMutation('TravelLeg', { description: 'Removes a leg.', field: 'travelLeg', ref: TravelLegRef, run: (ctx, id, v) => deleteLeg(ctx.db, requireActor(ctx), id, v) });

const waveFields = <R extends boolean>(required: R) => (t: InputBuilder) => ({
  name: t.string({ required, description: 'Its name.', validate: required ? fields.name : fields.name.optional() }),
  direction: t.field({ type: TravelDirection, required, description: 'Arrivals or departures.' }),
  terminal: t.string({ required: false, description: 'Where it meets them.', validate: fields.optionalText(100).nullish() }),
  windowStart: t.field({ type: 'DateTime', required, description: 'The window it covers: from.' }),
  windowEnd: t.field({ type: 'DateTime', required, description: 'The window it covers: until.' }),
  vehicle: t.string({ required: false, description: 'The kind of vehicle.', validate: fields.optionalText(100).nullish() }),
  vehicleCapacity: t.int({ required, description: 'Seats per vehicle.', validate: required ? fields.capacity.min(1, 'must be at least 1') : fields.capacity.min(1, 'must be at least 1').nullish() }),
  vehicles: t.int({ required: false, description: 'How many vehicles (1 unless given).', validate: fields.capacity.min(1, 'must be at least 1').nullish() }),
  meetAndGreet: t.boolean({ required: false, description: 'Someone meets them with a sign.' }),
  vipCar: t.boolean({ required: false, description: 'A car of its own for a VIP.' }),
  manifestSent: t.boolean({ required: false, description: 'True records that the manifest went to the transport company now (again, for a resend); false clears it.' }),
});

entityMutation('createTransferWave', {
  description: 'Adds a transfer wave (management).',
  inputFields: (t) => ({ eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }), ...waveFields(true)(t) }),
  field: 'transferWave',
  ref: TransferWaveRef,
  fieldDescription: 'The new wave.',
  run: (ctx, { eventId, ...input }) => createWave(ctx.db, requireActor(ctx), eventId.id, input),
});

entityMutation('updateTransferWave', {
  description: 'Changes a transfer wave, or records that its manifest was sent (`manifestSent: true`).',
  inputFields: (t) => ({
    id: t.globalID({ for: TransferWaveRef, required: true, description: 'The wave.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...waveFields(false)(t),
  }),
  field: 'transferWave',
  ref: TransferWaveRef,
  fieldDescription: 'The wave as it is now.',
  run: (ctx, { id, expectedVersion, ...patch }) =>
    updateWave(ctx.db, requireActor(ctx), id.id, expectedVersion, {
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== null)),
      terminal: patch.terminal,
      vehicle: patch.vehicle,
      manifestSent: patch.manifestSent,
    }),
});

deleteMutation('TransferWave', { description: 'Removes a wave nobody is in.', field: 'transferWave', ref: TransferWaveRef, run: (ctx, id, v) => deleteWave(ctx.db, requireActor(ctx), id, v) });
