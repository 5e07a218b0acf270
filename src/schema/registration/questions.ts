import {
  createInvitationList,
  createQuestion,
  deleteInvitationList,
  deleteQuestion,
  listCounts,
  updateInvitationList,
  updateQuestion,
} from '../../domain/registration/questions.js';
import { substituteAttendee } from '../../domain/registration/registration.js';
import { invitationListsOfEvent, questionsOfEvent } from '../../domain/registration/lists.js';
import * as fields from '../../domain/fields.js';
import { operationLoader } from '../../context.js';
import { builder } from '../builder.js';
import { connectionOf, pageArgs, resolvePage } from '../connections.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { showsPrivate } from '../private-fields.js';
import { attendeeDetails } from './registration.js';
import { reads, refersTo, readsOnly } from '../selection.js';
import { AttendeeRef, EventRef, InvitationListRef, RegistrationQuestionRef, RegistrationTypeRef } from '../refs.js';

/** Registration questions and answers, invitation lists, and substitutions. */

const QuestionKind = builder.enumType('QuestionKind', {
  description: 'How a registration question is answered.',
  values: {
    TEXT: { description: 'In their own words.' },
    CHOICE: { description: 'One of the options.' },
    MULTIPLE_CHOICE: { description: 'Any of the options.' },
  },
});

export const AnswerInput = builder.inputType('AnswerInput', {
  description: 'An answer to a registration question: `text` for TEXT (or the option of a CHOICE), `choices` for CHOICE and MULTIPLE_CHOICE. Neither clears the answer.',
  fields: (t) => ({
    questionId: t.globalID({ for: RegistrationQuestionRef, required: true, description: 'The question.' }),
    text: t.string({ required: false, description: 'The text, or the one option chosen.' }),
    choices: t.stringList({ required: false, description: 'The options chosen.' }),
  }),
});

RegistrationQuestionRef.implement({
  description: 'A question the event asks on registration ("Which region are you in?").',
  fields: (t) => ({
    label: t.exposeString('label', { description: 'The question, unique in the event.' }),
    kind: t.expose('kind', { type: QuestionKind, description: 'How it is answered.' }),
    options: t.exposeStringList('options', { description: 'The options of a CHOICE or MULTIPLE_CHOICE question.' }),
    required: t.exposeBoolean('required', { description: 'Must be answered before someone is REGISTERED.' }),
    position: t.exposeInt('position', { description: 'Where it stands on the form.' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

type Answer = { questionId: string; value: string | string[] };
const RegistrationAnswer = builder.objectRef<Answer>('RegistrationAnswer').implement({
  description: "An attendee's answer to a registration question.",
  fields: (t) => ({
    question: t.field({ type: RegistrationQuestionRef, description: 'The question.', resolve: (a) => a.questionId }),
    text: t.string({ nullable: true, description: 'The text, or the option chosen (TEXT and CHOICE).', resolve: (a) => (typeof a.value === 'string' ? a.value : null) }),
    choices: t.stringList({ description: 'The options chosen (CHOICE and MULTIPLE_CHOICE).', resolve: (a) => (typeof a.value === 'string' ? [a.value] : a.value) }),
  }),
});

const countsOf = operationLoader<string, Record<string, number>>((ctx, ids) => listCounts(ctx.db, ids));
const count = (status: string) => (l: { id: string }, _a: unknown, ctx: Parameters<typeof countsOf>[0]) => countsOf(ctx).load(l.id).then((c) => c[status] ?? 0);

InvitationListRef.implement({
  description: 'A list people are invited from ("Sales — Americas", "President\'s Club"), with where its people stand.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name, unique in the event.' }),
    notes: t.exposeString('notes', { nullable: true, description: "Management's notes (who approves, when it goes out)." }),
    registrationType: t.field({
      type: RegistrationTypeRef,
      nullable: true,
      description: 'The registration type people invited from it get, unless told otherwise.',
      ...refersTo('invitation_list', 'registration_type_id'),
    }),
    invited: t.int({ description: 'How many have not answered (INVITED).', extensions: reads('invitation_list', 'id'), resolve: count('INVITED') }),
    registered: t.int({ description: 'How many are coming (REGISTERED).', extensions: reads('invitation_list', 'id'), resolve: count('REGISTERED') }),
    declined: t.int({ description: 'How many said no (DECLINED).', extensions: reads('invitation_list', 'id'), resolve: count('DECLINED') }),
    total: t.int({
      description: 'Everyone invited from it, whatever their status.',
      extensions: reads('invitation_list', 'id'),
      resolve: (l, _a, ctx) => countsOf(ctx).load(l.id).then((c) => Object.values(c).reduce((a, b) => a + b, 0)),
    }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

builder.objectFields(AttendeeRef, (t) => ({
  answers: t.field({
    type: [RegistrationAnswer],
    nullable: true,
    description: 'Their answers to the registration questions; null for production.',
    extensions: reads('attendee', 'answers', 'event_id'),
    resolve: async (a, _args, ctx) =>
      (await showsPrivate(ctx, attendeeDetails, a)) ? Object.entries(a.answers).map(([questionId, value]) => ({ questionId, value })) : null,
  }),
  invitationList: t.field({
    type: InvitationListRef,
    nullable: true,
    description: 'The invitation list they were invited from.',
    ...refersTo('attendee', 'invitation_list_id'),
  }),
}));

builder.objectFields(EventRef, (t) => ({
  registrationQuestions: t.field({
    type: connectionOf(RegistrationQuestionRef, 'RegistrationQuestion', 'registrationQuestions'),
    description: 'The questions its registration asks, in form order.',
    args: pageArgs(t.arg),
    extensions: readsOnly('event', 'id'),
    resolve: (e, args, ctx, info) => resolvePage(ctx, info, questionsOfEvent, e.id, args, RegistrationQuestionRef),
  }),
  invitationLists: t.field({
    type: connectionOf(InvitationListRef, 'InvitationList', 'invitationLists'),
    description: 'Its invitation lists, by name.',
    args: pageArgs(t.arg),
    extensions: readsOnly('event', 'id'),
    resolve: (e, args, ctx, info) => resolvePage(ctx, info, invitationListsOfEvent, e.id, args, InvitationListRef),
  }),
}));

const optionsField = fields.text(200);

entityMutation('createRegistrationQuestion', {
  description: 'Adds a question to the registration form (management).',
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    label: t.string({ required: true, description: 'The question, unique in the event.', validate: fields.text(300) }),
    kind: t.field({ type: QuestionKind, required: true, description: 'How it is answered.' }),
    options: t.stringList({ required: false, description: 'The options (two or more) of a CHOICE or MULTIPLE_CHOICE question.', validate: optionsField.array().max(50).nullish() }),
    required: t.boolean({ required: false, description: 'Must be answered before someone is REGISTERED (false when left out).' }),
    position: t.int({ required: false, description: 'Where it stands on the form.', validate: fields.capacity.nullish() }),
  }),
  field: 'registrationQuestion',
  ref: RegistrationQuestionRef,
  fieldDescription: 'The new question.',
  run: (ctx, { eventId, ...input }) => createQuestion(ctx.db, requireActor(ctx), eventId.id, input),
});

entityMutation('updateRegistrationQuestion', {
  description: 'Changes a question; its kind and options stay once people have answered it.',
  inputFields: (t) => ({
    id: t.globalID({ for: RegistrationQuestionRef, required: true, description: 'The question.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    label: t.string({ required: false, description: 'The question.', validate: fields.text(300).optional() }),
    kind: t.field({ type: QuestionKind, required: false, description: 'How it is answered.' }),
    options: t.stringList({ required: false, description: 'The options.', validate: optionsField.array().max(50).nullish() }),
    required: t.boolean({ required: false, description: 'Must be answered before someone is REGISTERED.' }),
    position: t.int({ required: false, description: 'Where it stands on the form.', validate: fields.capacity.nullish() }),
  }),
  field: 'registrationQuestion',
  ref: RegistrationQuestionRef,
  fieldDescription: 'The question as it is now.',
  run: (ctx, { id, expectedVersion, ...patch }) =>
    updateQuestion(ctx.db, requireActor(ctx), id.id, expectedVersion, { ...patch, label: patch.label ?? undefined, kind: patch.kind ?? undefined }),
});

deleteMutation('RegistrationQuestion', {
  description: 'Removes a question nobody has answered.',
  field: 'registrationQuestion',
  ref: RegistrationQuestionRef,
  run: (ctx, id, expectedVersion) => deleteQuestion(ctx.db, requireActor(ctx), id, expectedVersion),
});

entityMutation('createInvitationList', {
  description: 'Adds an invitation list (management); `createAttendee` with its `invitationListId` invites from it.',
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    name: t.string({ required: true, description: 'Its name, unique in the event.', validate: fields.name }),
    registrationTypeId: t.globalID({ for: RegistrationTypeRef, required: false, description: 'The registration type its people get.' }),
    notes: t.string({ required: false, description: 'Notes.', validate: fields.optionalText(2000).nullish() }),
  }),
  field: 'invitationList',
  ref: InvitationListRef,
  fieldDescription: 'The new list.',
  run: (ctx, { eventId, ...input }) => createInvitationList(ctx.db, requireActor(ctx), eventId.id, { ...input, registrationTypeId: input.registrationTypeId?.id }),
});

entityMutation('updateInvitationList', {
  description: 'Changes an invitation list.',
  inputFields: (t) => ({
    id: t.globalID({ for: InvitationListRef, required: true, description: 'The list.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    name: t.string({ required: false, description: 'Its name.', validate: fields.name.optional() }),
    registrationTypeId: t.globalID({ for: RegistrationTypeRef, required: false, description: 'The registration type its people get; null for none.' }),
    notes: t.string({ required: false, description: 'Notes.', validate: fields.optionalText(2000).nullish() }),
  }),
  field: 'invitationList',
  ref: InvitationListRef,
  fieldDescription: 'The list as it is now.',
  run: (ctx, { id, expectedVersion, ...patch }) =>
    updateInvitationList(ctx.db, requireActor(ctx), id.id, expectedVersion, {
      name: patch.name ?? undefined,
      notes: patch.notes,
      registrationTypeId: patch.registrationTypeId === null ? null : patch.registrationTypeId?.id,
    }),
});

deleteMutation('InvitationList', {
  description: 'Removes an invitation list nobody was invited from.',
  field: 'invitationList',
  ref: InvitationListRef,
  run: (ctx, id, expectedVersion) => deleteInvitationList(ctx.db, requireActor(ctx), id, expectedVersion),
});

entityMutation('substituteAttendee', {
  description:
    'A new person takes a registration (management): its type, status, session sign-ups, guests and answers stay; the badge starts again (a new name to print) and the VIP notes are cleared.',
  inputFields: (t) => ({
    id: t.globalID({ for: AttendeeRef, required: true, description: 'The registration.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    name: t.string({ required: true, description: "The new person's full name.", validate: fields.name }),
    email: t.string({ required: true, description: 'Their e-mail; unique in the event.', validate: fields.email }),
    company: t.string({ required: false, description: 'Their company (kept when left out).', validate: fields.optionalText(200).nullish() }),
  }),
  field: 'attendee',
  ref: AttendeeRef,
  fieldDescription: 'The registration, now theirs.',
  run: (ctx, { id, expectedVersion, ...input }) => substituteAttendee(ctx.db, requireActor(ctx), id.id, expectedVersion, input),
});
