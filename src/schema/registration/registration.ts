import type { InputFieldBuilder } from '@pothos/core';
import {
  createAttendee,
  countRegisteredByType,
  createRegistrationType,
  deleteAttendee,
  deleteRegistrationType,
  PRIVATE_ATTENDEE_FIELDS,
  showsAttendeeDetails,
  updateAttendee,
  updateRegistrationType,
  type AttendeeInput,
} from '../../domain/registration/registration.js';
import { attendeesOfEvent, guestsOfAttendee, registrationTypesOfEvent } from '../../domain/registration/lists.js';
import type { Attendee } from '../../db/types.js';
import * as fields from '../../domain/fields.js';
import { operationLoader, type Context } from '../../context.js';
import { builder, type BuilderTypes } from '../builder.js';
import { connectionOf, pageArgs, resolvePage } from '../connections.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { declarePrivateFields, showsPrivate } from '../private-fields.js';
import { reads, refersTo, readsOnly } from '../selection.js';
import { AttendeeRef, EventRef, InvitationListRef, RegistrationTypeRef } from '../refs.js';
import { AnswerInput } from './questions.js';

/** The registration area in the API: registration types, attendees, their guests and badges. */

export const attendeeDetails = declarePrivateFields('Attendee', { table: 'attendee', fields: PRIVATE_ATTENDEE_FIELDS, shows: (_row, reader) => showsAttendeeDetails(reader), dependsOnRow: false });

const RegistrationKind = builder.enumType('RegistrationKind', {
  description: 'What a registration type is for.',
  values: {
    ATTENDEE: { description: 'A guest of the client: the people the event is for.' },
    STAFF: { description: "The client's or an agency's staff on site." },
    SPEAKER: { description: 'Presenters, panelists, moderators.' },
    VIP: { description: 'Executives and guests of honour: handled by name.' },
    GUEST: { description: 'A guest or partner coming with an attendee.' },
    CLIENT_EXECUTIVE: { description: "The client's executives." },
    CREW: { description: 'Production crew.' },
    PRESS: { description: 'Press and analysts.' },
  },
});

const AttendeeStatus = builder.enumType('AttendeeStatus', {
  description: 'Where a registration stands. Checking in is not a status: it is recorded per day.',
  values: {
    INVITED: { description: 'On the invitation list; has not answered.' },
    PENDING_APPROVAL: { description: 'Asked to come; waits for approval.' },
    REGISTERED: { description: "Coming: holds a place of the registration type's capacity." },
    WAITLISTED: { description: 'Waiting for a place.' },
    DECLINED: { description: 'Said no, or was not approved.' },
    CANCELLED: { description: 'Was coming, no longer is.' },
  },
});

/** How many are REGISTERED with each type: one statement for all types an operation lists. */
const registeredOf = operationLoader<string, number>((ctx, typeIds) => countRegisteredByType(ctx.db, typeIds));

const AttendeeConnection = connectionOf(AttendeeRef, 'Attendee', 'attendees');

const privateDetail = (ctx: Context, attendee: Attendee, value: string | null) =>
  showsPrivate(ctx, attendeeDetails, attendee).then((shows) => (shows ? value : null));

RegistrationTypeRef.implement({
  description: 'A kind of registration (VIP, Staff, Speaker…), with its own capacity.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name, unique in the event ("VIP", "Sales team").' }),
    kind: t.expose('kind', { type: RegistrationKind, description: 'What it is for.' }),
    capacity: t.exposeInt('capacity', { nullable: true, description: 'How many may be REGISTERED with it; null for no limit.' }),
    registered: t.int({
      description: 'How many are REGISTERED with it now.',
      extensions: reads('registration_type', 'id'),
      resolve: (r, _args, ctx) => registeredOf(ctx).load(r.id),
    }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('registration_type', 'event_id'), resolve: (r) => r.event_id }),
  }),
});

AttendeeRef.implement({
  description: "A person registered for (or invited to) the event. Management keeps them; the client reads all; production reads names and types, never e-mails or VIP notes.",
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name.' }),
    email: t.string({
      nullable: true,
      description: 'E-mail address; null for production.',
      extensions: reads('attendee', 'email', 'event_id'),
      resolve: (a, _args, ctx) => privateDetail(ctx, a, a.email),
    }),
    company: t.exposeString('company', { nullable: true, description: 'Their company.' }),
    status: t.expose('status', { type: AttendeeStatus, description: 'Where their registration stands.' }),
    registrationType: t.field({
      type: RegistrationTypeRef,
      nullable: true,
      description: 'Their registration type.',
      ...refersTo('attendee', 'registration_type_id'),
    }),
    guestOf: t.field({
      type: AttendeeRef,
      nullable: true,
      description: 'The attendee a guest or partner comes with.',
      ...refersTo('attendee', 'guest_of_attendee_id'),
    }),
    guests: t.field({
      type: AttendeeConnection,
      description: 'Their guests and partners, by name.',
      args: pageArgs(t.arg),
      extensions: readsOnly('attendee', 'id'),
      resolve: (a, args, ctx, info) => resolvePage(ctx, info, guestsOfAttendee, a.id, args, AttendeeRef),
    }),
    badgeName: t.string({ description: 'The name printed on the badge: `name` unless set.', extensions: reads('attendee', 'badge_name', 'name'), resolve: (a) => a.badge_name ?? a.name }),
    badgeType: t.exposeString('badge_type', { nullable: true, description: 'The badge to print ("Speaker", "All access").' }),
    badgePrintedAt: t.expose('badge_printed_at', { type: 'DateTime', nullable: true, description: 'When the badge was last printed; null when not yet.' }),
    vipNotes: t.string({
      nullable: true,
      description: 'How to handle them (VIP handling notes); null for production.',
      extensions: reads('attendee', 'vip_notes', 'event_id'),
      resolve: (a, _args, ctx) => privateDetail(ctx, a, a.vip_notes),
    }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('attendee', 'event_id'), resolve: (a) => a.event_id }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  attendees: t.field({
    type: AttendeeConnection,
    description: 'The people invited or registered, by name; filter by status or registration type.',
    args: {
      ...pageArgs(t.arg),
      status: t.arg({ type: AttendeeStatus, required: false, description: 'Only attendees with this status.' }),
      registrationTypeId: t.arg.globalID({ for: RegistrationTypeRef, required: false, description: 'Only attendees of this registration type.' }),
    },
    extensions: readsOnly('event', 'id'),
    resolve: (e, args, ctx, info) => resolvePage(ctx, info, attendeesOfEvent, e.id, { ...args, registrationTypeId: args.registrationTypeId?.id }, AttendeeRef),
  }),
  registrationTypes: t.field({
    type: connectionOf(RegistrationTypeRef, 'RegistrationType', 'registrationTypes'),
    description: 'Its registration types, by name.',
    args: pageArgs(t.arg),
    extensions: readsOnly('event', 'id'),
    resolve: (e, args, ctx, info) => resolvePage(ctx, info, registrationTypesOfEvent, e.id, args, RegistrationTypeRef),
  }),
}));

entityMutation('createRegistrationType', {
  description: 'Adds a registration type to the event (management).',
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    name: t.string({ required: true, description: 'Its name, unique in the event.', validate: fields.name }),
    kind: t.field({ type: RegistrationKind, required: true, description: 'What it is for.' }),
    capacity: t.int({ required: false, description: 'How many may be REGISTERED with it; none for no limit.', validate: fields.capacity.nullish() }),
  }),
  field: 'registrationType',
  ref: RegistrationTypeRef,
  fieldDescription: 'The new registration type.',
  run: (ctx, { eventId, ...input }) => createRegistrationType(ctx.db, requireActor(ctx), eventId.id, input),
});

entityMutation('updateRegistrationType', {
  description: 'Changes a registration type; its capacity cannot go below how many are registered with it.',
  inputFields: (t) => ({
    id: t.globalID({ for: RegistrationTypeRef, required: true, description: 'The registration type.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    name: t.string({ required: false, description: 'Its name.', validate: fields.name.optional() }),
    kind: t.field({ type: RegistrationKind, required: false, description: 'What it is for.' }),
    capacity: t.int({ required: false, description: 'The capacity; null for no limit.', validate: fields.capacity.nullish() }),
  }),
  field: 'registrationType',
  ref: RegistrationTypeRef,
  fieldDescription: 'The registration type as it is now.',
  run: (ctx, { id, expectedVersion, ...patch }) => updateRegistrationType(ctx.db, requireActor(ctx), id.id, expectedVersion, { ...patch, name: patch.name ?? undefined, kind: patch.kind ?? undefined }),
});

deleteMutation('RegistrationType', {
  description: 'Removes a registration type nobody has.',
  field: 'registrationType',
  ref: RegistrationTypeRef,
  run: (ctx, id, expectedVersion) => deleteRegistrationType(ctx.db, requireActor(ctx), id, expectedVersion),
});

const attendeeFields = <R extends boolean>(required: R) => (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  name: t.string({ required, description: 'Full name.', validate: required ? fields.name : fields.name.optional() }),
  email: t.string({ required, description: 'E-mail address; unique in the event.', validate: required ? fields.email : fields.email.optional() }),
  company: t.string({ required: false, description: 'Their company.', validate: fields.optionalText(200).nullish() }),
  registrationTypeId: t.globalID({ for: RegistrationTypeRef, required: false, description: 'Their registration type.' }),
  status: t.field({ type: AttendeeStatus, required: false, description: 'Where their registration stands (INVITED when a new attendee leaves it out). REGISTERED takes a place of the type.' }),
  guestOfId: t.globalID({ for: AttendeeRef, required: false, description: 'The attendee a guest or partner comes with.' }),
  badgeName: t.string({ required: false, description: 'The name on the badge, when not their name.', validate: fields.optionalText(100).nullish() }),
  badgeType: t.string({ required: false, description: 'The badge to print.', validate: fields.optionalText(100).nullish() }),
  vipNotes: t.string({ required: false, description: 'How to handle them.', validate: fields.optionalText(2000).nullish() }),
  answers: t.field({
    type: [AnswerInput],
    required: false,
    description: 'Answers to registration questions; those named replace what they had answered. Required questions must be answered before REGISTERED.',
  }),
  invitationListId: t.globalID({ for: InvitationListRef, required: false, description: 'The invitation list they are invited from; its registration type is theirs unless told.' }),
});

type Ids = {
  registrationTypeId?: { id: string } | null;
  guestOfId?: { id: string } | null;
  invitationListId?: { id: string } | null;
  answers?: { questionId: { id: string }; text?: string | null; choices?: string[] | null }[] | null;
};
const unwrap = (id: { id: string } | null | undefined) => (id === null ? null : id?.id);
function attendeeInput<I extends Ids>(input: I): AttendeeInput {
  return {
    ...input,
    registrationTypeId: unwrap(input.registrationTypeId),
    guestOfId: unwrap(input.guestOfId),
    invitationListId: unwrap(input.invitationListId),
    answers: input.answers?.map((a) => ({ ...a, questionId: a.questionId.id })),
  } as unknown as AttendeeInput;
}

entityMutation('createAttendee', {
  description: 'Invites or registers a person (management). A REGISTERED attendee takes a place of their type; a full type is refused, naming it.',
  inputFields: (t) => ({ eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }), ...attendeeFields(true)(t) }),
  field: 'attendee',
  ref: AttendeeRef,
  fieldDescription: 'The new attendee.',
  run: (ctx, { eventId, ...input }) => createAttendee(ctx.db, requireActor(ctx), eventId.id, attendeeInput(input)),
});

entityMutation('updateAttendee', {
  description:
    'Changes an attendee: their answer (status), type, badge, guest link. A substitution is a change of name and e-mail on the same registration. Fields left out stay as they are.',
  inputFields: (t) => ({
    id: t.globalID({ for: AttendeeRef, required: true, description: 'The attendee.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...attendeeFields(false)(t),
    badgePrinted: t.boolean({ required: false, description: 'True records that the badge was printed now (a reprint again); false clears it.' }),
  }),
  field: 'attendee',
  ref: AttendeeRef,
  fieldDescription: 'The attendee as they are now.',
  run: (ctx, { id, expectedVersion, ...patch }) =>
    updateAttendee(ctx.db, requireActor(ctx), id.id, expectedVersion, { ...attendeeInput(patch), badgePrinted: patch.badgePrinted }),
});

deleteMutation('Attendee', {
  description: 'Removes an attendee (their guests stay, without a primary). To keep the record, set status CANCELLED instead.',
  field: 'attendee',
  ref: AttendeeRef,
  run: (ctx, id, expectedVersion) => deleteAttendee(ctx.db, requireActor(ctx), id, expectedVersion),
});
