import type { InputFieldBuilder } from '@pothos/core';
import {
  assignCrew,
  createCall,
  createMember,
  createRuleSet,
  createVendor,
  deleteAssignment,
  deleteCall,
  deleteMember,
  updateAssignment,
  updateCall,
  updateMember,
  updateRuleSet,
  updateVendor,
} from '../../domain/crew/crew.js';
import * as fields from '../../domain/fields.js';
import type { BuilderTypes } from '../builder.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { CrewAssignmentRef, CrewCallRef, CrewMemberRef, CrewVendorRef, EventRef, LaborRuleSetRef, ProductionBlockRef, RoomRef, VenueRef } from '../refs.js';
import { AssignmentStatus, CrewRole } from './crew.js';

/** Production keeps its crew: rule sets, crew companies, people, calls and who is on them. */

type InputBuilder = InputFieldBuilder<BuilderTypes, 'InputObject'>;
const span = fields.capacity.min(1, 'must be at least 1').max(24 * 60, 'must be at most a day');
const time = (what: string) => ({ required: false, description: `${what} (venue wall clock, HH:MM).`, validate: fields.text(5).nullish() }) as const;

const ruleFields = (t: InputBuilder) => ({
  minimumCallMinutes: t.int({ required: false, description: 'A shorter call is paid as this long (240 unless given).', validate: fields.minutes.nullish() }),
  mealAfterMinutes: t.int({ required: false, description: 'A meal must begin by then, from the call (300 unless given).', validate: span.nullish() }),
  mealPenaltyStepMinutes: t.int({ required: false, description: 'Each started step past it is penalty time (30 unless given).', validate: span.nullish() }),
  overtimeAfterMinutes: t.int({ required: false, description: 'Straight time per day (600 unless given).', validate: span.nullish() }),
  minimumRestMinutes: t.int({ required: false, description: 'Rest owed between calls (600 unless given).', validate: fields.minutes.nullish() }),
  nightStarts: t.string(time('The night premium from')),
  nightEnds: t.string(time('The night premium until')),
});

entityMutation('createLaborRuleSet', {
  description: "Records a venue's or union local's labor rules (production).",
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    venueId: t.globalID({ for: VenueRef, required: false, description: 'The venue whose calls it governs.' }),
    name: t.string({ required: true, description: 'Its name.', validate: fields.name }),
    ...ruleFields(t),
  }),
  field: 'laborRuleSet',
  ref: LaborRuleSetRef,
  fieldDescription: 'The new rule set.',
  run: (ctx, { eventId, venueId, ...input }) => createRuleSet(ctx.db, requireActor(ctx), eventId.id, { ...input, venueId: venueId?.id }),
});

entityMutation('updateLaborRuleSet', {
  description: 'Changes a labor rule set.',
  inputFields: (t) => ({
    id: t.globalID({ for: LaborRuleSetRef, required: true, description: 'The rule set.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    name: t.string({ required: false, description: 'Its name.', validate: fields.name.nullish() }),
    ...ruleFields(t),
  }),
  field: 'laborRuleSet',
  ref: LaborRuleSetRef,
  fieldDescription: 'The rule set as it is now.',
  run: (ctx, { id, expectedVersion, name, ...patch }) => updateRuleSet(ctx.db, requireActor(ctx), id.id, expectedVersion, { ...patch, name: name ?? undefined }),
});

const vendorFields = (t: InputBuilder) => ({
  insuranceExpiresOn: t.field({ type: 'Date', required: false, description: 'Until when its insurance certificate is valid.' }),
  insuranceLocation: t.string({ required: false, description: 'Where the certificate is filed.', validate: fields.optionalText(500).nullish() }),
});

entityMutation('createCrewVendor', {
  description: 'Records a company that sends crew (production).',
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    name: t.string({ required: true, description: 'Its name.', validate: fields.name }),
    trade: t.string({ required: true, description: 'What it does ("LED", "Rigging", "House labor").', validate: fields.text(100) }),
    ...vendorFields(t),
  }),
  field: 'crewVendor',
  ref: CrewVendorRef,
  fieldDescription: 'The new crew company.',
  run: (ctx, { eventId, ...input }) => createVendor(ctx.db, requireActor(ctx), eventId.id, input),
});

entityMutation('updateCrewVendor', {
  description: 'Changes a crew company (its certificate, say).',
  inputFields: (t) => ({
    id: t.globalID({ for: CrewVendorRef, required: true, description: 'The crew company.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    name: t.string({ required: false, description: 'Its name.', validate: fields.name.nullish() }),
    ...vendorFields(t),
  }),
  field: 'crewVendor',
  ref: CrewVendorRef,
  fieldDescription: 'The crew company as it is now.',
  run: (ctx, { id, expectedVersion, name, ...patch }) => updateVendor(ctx.db, requireActor(ctx), id.id, expectedVersion, { ...patch, name: name ?? undefined }),
});

const memberFields = (t: InputBuilder) => ({
  phone: t.string({ required: false, description: 'Their phone on show days.', validate: fields.phone.nullish() }),
  email: t.string({ required: false, description: 'Their e-mail.', validate: fields.email.nullish() }),
  dayRateMinor: t.int({ required: false, description: 'Their day rate, in minor units of `currency`.', validate: fields.capacity.max(100_000_000).nullish() }),
  currency: t.string({ required: false, description: 'ISO 4217 currency of the rate.', validate: fields.currency.nullish() }),
  address: t.string({ required: false, description: 'Their home address.', validate: fields.optionalText(500).nullish() }),
  dateOfBirth: t.field({ type: 'Date', required: false, description: 'Their date of birth.' }),
  passportNumber: t.string({ required: false, description: 'Their passport number.', validate: fields.optionalText(40).nullish() }),
  emergencyContact: t.string({ required: false, description: 'Whom to call in an emergency.', validate: fields.optionalText(200).nullish() }),
  medicalNotes: t.string({ required: false, description: 'What a medic should know.', validate: fields.optionalText(1000).nullish() }),
});

entityMutation('createCrewMember', {
  description: 'Adds a person to the crew (production).',
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    vendorId: t.globalID({ for: CrewVendorRef, required: false, description: 'The company they come with; none for own crew.' }),
    name: t.string({ required: true, description: 'Their name.', validate: fields.name }),
    role: t.field({ type: CrewRole, required: true, description: 'Their position.' }),
    ...memberFields(t),
  }),
  field: 'crewMember',
  ref: CrewMemberRef,
  fieldDescription: 'The new crew member.',
  run: (ctx, { eventId, vendorId, ...input }) => createMember(ctx.db, requireActor(ctx), eventId.id, { ...input, vendorId: vendorId?.id }),
});

entityMutation('updateCrewMember', {
  description: 'Changes a crew member.',
  inputFields: (t) => ({
    id: t.globalID({ for: CrewMemberRef, required: true, description: 'The crew member.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    name: t.string({ required: false, description: 'Their name.', validate: fields.name.nullish() }),
    role: t.field({ type: CrewRole, required: false, description: 'Their position.' }),
    ...memberFields(t),
  }),
  field: 'crewMember',
  ref: CrewMemberRef,
  fieldDescription: 'The crew member as they are now.',
  run: (ctx, { id, expectedVersion, name, role, ...patch }) => updateMember(ctx.db, requireActor(ctx), id.id, expectedVersion, { ...patch, name: name ?? undefined, role: role ?? undefined }),
});

deleteMutation('CrewMember', { description: 'Removes a crew member and takes them off their calls.', field: 'crewMember', ref: CrewMemberRef, run: (ctx, id, v) => deleteMember(ctx.db, requireActor(ctx), id, v) });

const callFields = (t: InputBuilder) => ({
  roomIds: t.globalIDList({ for: RoomRef, required: false, description: 'Where; several rooms make a floater call.' }),
  blockId: t.globalID({ for: ProductionBlockRef, required: false, description: 'The production block it works.' }),
  ruleSetId: t.globalID({ for: LaborRuleSetRef, required: false, description: "Its labor rules, when not its venue's." }),
  mealStartsAt: t.field({ type: 'DateTime', required: false, description: 'When the meal break begins.' }),
  mealMinutes: t.int({ required: false, description: 'How long the meal break is (60 unless given).', validate: fields.minutes.nullish() }),
  notes: t.string({ required: false, description: "Production's notes.", validate: fields.optionalText(1000).nullish() }),
});
const headcount = fields.capacity.min(1, 'must be at least 1').max(500);

entityMutation('createCrewCall', {
  description: 'Calls N people in a role for a time window (production).',
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    role: t.field({ type: CrewRole, required: true, description: 'The position.' }),
    headcount: t.int({ required: true, description: 'How many people.', validate: headcount }),
    startsAt: t.field({ type: 'DateTime', required: true, description: 'Call time.' }),
    endsAt: t.field({ type: 'DateTime', required: true, description: 'Release.' }),
    ...callFields(t),
  }),
  field: 'crewCall',
  ref: CrewCallRef,
  fieldDescription: 'The new call.',
  run: (ctx, { eventId, roomIds, blockId, ruleSetId, ...input }) =>
    createCall(ctx.db, requireActor(ctx), eventId.id, { ...input, roomIds: roomIds?.map((r) => r.id), blockId: blockId?.id, ruleSetId: ruleSetId?.id }),
});

entityMutation('updateCrewCall', {
  description: 'Changes a crew call (its times, its meal break, its rooms).',
  inputFields: (t) => ({
    id: t.globalID({ for: CrewCallRef, required: true, description: 'The call.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    role: t.field({ type: CrewRole, required: false, description: 'The position.' }),
    headcount: t.int({ required: false, description: 'How many people.', validate: headcount.nullish() }),
    startsAt: t.field({ type: 'DateTime', required: false, description: 'Call time.' }),
    endsAt: t.field({ type: 'DateTime', required: false, description: 'Release.' }),
    ...callFields(t),
  }),
  field: 'crewCall',
  ref: CrewCallRef,
  fieldDescription: 'The call as it is now.',
  run: (ctx, { id, expectedVersion, role, headcount, startsAt, endsAt, roomIds, blockId, ruleSetId, ...patch }) =>
    updateCall(ctx.db, requireActor(ctx), id.id, expectedVersion, {
      ...patch,
      role: role ?? undefined,
      headcount: headcount ?? undefined,
      startsAt: startsAt ?? undefined,
      endsAt: endsAt ?? undefined,
      roomIds: roomIds?.map((r) => r.id),
      blockId: blockId === undefined ? undefined : (blockId?.id ?? null),
      ruleSetId: ruleSetId === undefined ? undefined : (ruleSetId?.id ?? null),
    }),
});

deleteMutation('CrewCall', { description: 'Cancels a crew call.', field: 'crewCall', ref: CrewCallRef, run: (ctx, id, v) => deleteCall(ctx.db, requireActor(ctx), id, v) });

entityMutation('createCrewAssignment', {
  description: 'Puts a person on a call, tentatively unless confirmed (production).',
  inputFields: (t) => ({
    callId: t.globalID({ for: CrewCallRef, required: true, description: 'The call.' }),
    memberId: t.globalID({ for: CrewMemberRef, required: true, description: 'The person.' }),
    status: t.field({ type: AssignmentStatus, required: false, description: 'TENTATIVE unless given.' }),
  }),
  field: 'crewAssignment',
  ref: CrewAssignmentRef,
  fieldDescription: 'The new assignment.',
  run: (ctx, { callId, memberId, status }) => assignCrew(ctx.db, requireActor(ctx), { callId: callId.id, memberId: memberId.id, status }),
});

entityMutation('updateCrewAssignment', {
  description: 'Confirms someone on a call (or makes it tentative again).',
  inputFields: (t) => ({
    id: t.globalID({ for: CrewAssignmentRef, required: true, description: 'The assignment.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    status: t.field({ type: AssignmentStatus, required: true, description: 'The status.' }),
  }),
  field: 'crewAssignment',
  ref: CrewAssignmentRef,
  fieldDescription: 'The assignment as it is now.',
  run: (ctx, { id, expectedVersion, status }) => updateAssignment(ctx.db, requireActor(ctx), id.id, expectedVersion, status),
});

deleteMutation('CrewAssignment', { description: 'Takes a person off a call.', field: 'crewAssignment', ref: CrewAssignmentRef, run: (ctx, id, v) => deleteAssignment(ctx.db, requireActor(ctx), id, v) });
