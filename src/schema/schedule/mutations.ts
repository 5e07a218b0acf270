import type { InputFieldBuilder } from '@pothos/core';
import * as fields from '../../domain/fields.js';
import {
  addSessionSpeaker,
  createSession,
  createSpeaker,
  deleteSession,
  deleteSpeaker,
  removeSessionSpeaker,
  updateSession,
  updateSessionSpeaker,
  updateSpeaker,
  type When,
} from '../../domain/schedule/schedule.js';
import { ValidationError } from '../../shared/errors.js';
import type { BuilderTypes } from '../builder.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { EventRef, RoomRef, SessionRef, SessionSpeakerRef, SpeakerRef } from '../refs.js';
import { PresentationFormat, SessionKind, SessionStatus, SpeakerRole } from './schedule.js';
import { ConfidenceView, LaptopSource, MicKind } from '../production/requirements.js';

/** Planning the schedule: sessions, speakers and who speaks where. */

type InputBuilder = InputFieldBuilder<BuilderTypes, 'InputObject'>;

const sessionFields = <R extends boolean>(required: R) => (t: InputBuilder) => ({
  title: t.string({ required, description: 'Title.', validate: required ? fields.title : fields.title.optional() }),
  description: t.string({ required: false, description: 'Abstract.', validate: fields.longText.nullish() }),
  kind: t.field({ type: SessionKind, required, description: 'Kind of slot.' }),
  track: t.string({ required: false, description: 'Track.', validate: fields.optionalText(100).nullish() }),
  startsAt: t.field({ type: 'DateTime', required: false, description: `Planned start, as an instant${required ? '; this or startsAtLocal is required' : ''}.` }),
  endsAt: t.field({ type: 'DateTime', required: false, description: `Planned end, after the start${required ? '; this or endsAtLocal is required' : ''}.` }),
  startsAtLocal: t.field({ type: 'LocalDateTime', required: false, description: "Planned start on the event's wall clock (\"2027-01-26T09:00\"), instead of startsAt." }),
  endsAtLocal: t.field({ type: 'LocalDateTime', required: false, description: "Planned end on the event's wall clock, instead of endsAt." }),
  status: t.field({ type: SessionStatus, required: false, description: 'Status; SCHEDULED when new.' }),
  presentationFormat: t.field({ type: PresentationFormat, required: false, description: 'How it is presented.' }),
  roomId: t.globalID({ for: RoomRef, required: false, description: 'The room; null for none.' }),
  hardOutAt: t.field({ type: 'DateTime', required: false, description: 'The latest it may end, after its start; back-timing of its segments aims at it. Null for none (the planned end).' }),
  isHardStart: t.boolean({ required: false, description: 'Starts at its planned time whatever runs before it: schedule shifts never move it.' }),
});

/** One of an instant and a wall-clock time: never both; one of them when `required`. */
function when(field: 'startsAt' | 'endsAt', instant: Date | null | undefined, local: string | null | undefined, required: boolean): When | undefined {
  if (instant && local) throw new ValidationError({ field: `${field}Local`, message: `give ${field} or ${field}Local, not both` });
  if (instant) return instant;
  if (local) return { local };
  if (required) throw new ValidationError({ field, message: `is required (or ${field}Local, on the event's wall clock)` });
  return undefined;
}

entityMutation('createSession', {
  description: 'Adds a session to the schedule.',
  inputFields: (t) => ({ eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }), ...sessionFields(true)(t) }),
  field: 'session',
  ref: SessionRef,
  fieldDescription: 'The new session.',
  run: (ctx, input) =>
    createSession(ctx.db, requireActor(ctx), input.eventId.id, {
      title: input.title,
      description: input.description,
      kind: input.kind,
      track: input.track,
      startsAt: when('startsAt', input.startsAt, input.startsAtLocal, true)!,
      endsAt: when('endsAt', input.endsAt, input.endsAtLocal, true)!,
      status: input.status ?? undefined,
      presentationFormat: input.presentationFormat,
      roomId: input.roomId?.id ?? null,
      hardOutAt: input.hardOutAt,
      isHardStart: input.isHardStart,
    }),
});

entityMutation('updateSession', {
  description: 'Changes a session. Fields left out stay as they are; null clears an optional field.',
  inputFields: (t) => ({
    id: t.globalID({ for: SessionRef, required: true, description: 'The session.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...sessionFields(false)(t),
  }),
  field: 'session',
  ref: SessionRef,
  fieldDescription: 'The session as it is now.',
  run: (ctx, input) =>
    updateSession(ctx.db, requireActor(ctx), input.id.id, input.expectedVersion, {
      title: input.title ?? undefined,
      description: input.description,
      kind: input.kind ?? undefined,
      track: input.track,
      startsAt: when('startsAt', input.startsAt, input.startsAtLocal, false),
      endsAt: when('endsAt', input.endsAt, input.endsAtLocal, false),
      status: input.status ?? undefined,
      presentationFormat: input.presentationFormat,
      roomId: input.roomId === undefined ? undefined : (input.roomId?.id ?? null),
      hardOutAt: input.hardOutAt,
      isHardStart: input.isHardStart,
    }),
});

deleteMutation('Session', {
  description: 'Deletes a session with its run-of-show and speaker assignments.',
  field: 'session',
  ref: SessionRef,
  run: (ctx, id, expectedVersion) => deleteSession(ctx.db, requireActor(ctx), id, expectedVersion),
});

const speakerFields = <R extends boolean>(required: R) => (t: InputBuilder) => ({
  name: t.string({ required, description: 'Full name.', validate: required ? fields.name : fields.name.optional() }),
  company: t.string({ required: false, description: 'Company.', validate: fields.optionalText(200).nullish() }),
  jobTitle: t.string({ required: false, description: 'Job title.', validate: fields.optionalText(200).nullish() }),
  bio: t.string({ required: false, description: 'Short biography.', validate: fields.longText.nullish() }),
  email: t.string({ required: false, description: 'Contact address.', validate: fields.email.nullish() }),
  arrivalAt: t.field({ type: 'DateTime', required: false, description: 'Arrival on site.' }),
  departureAt: t.field({ type: 'DateTime', required: false, description: 'Departure; not before arrival.' }),
});

entityMutation('createSpeaker', {
  description: 'Adds a speaker to an event.',
  inputFields: (t) => ({ eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }), ...speakerFields(true)(t) }),
  field: 'speaker',
  ref: SpeakerRef,
  fieldDescription: 'The new speaker.',
  run: (ctx, input) =>
    createSpeaker(ctx.db, requireActor(ctx), input.eventId.id, {
      name: input.name,
      company: input.company,
      jobTitle: input.jobTitle,
      bio: input.bio,
      email: input.email,
      arrivalAt: input.arrivalAt,
      departureAt: input.departureAt,
    }),
});

entityMutation('updateSpeaker', {
  description: 'Changes a speaker. Fields left out stay as they are; null clears an optional field.',
  inputFields: (t) => ({
    id: t.globalID({ for: SpeakerRef, required: true, description: 'The speaker.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...speakerFields(false)(t),
  }),
  field: 'speaker',
  ref: SpeakerRef,
  fieldDescription: 'The speaker as it is now.',
  run: (ctx, input) =>
    updateSpeaker(ctx.db, requireActor(ctx), input.id.id, input.expectedVersion, {
      name: input.name ?? undefined,
      company: input.company,
      jobTitle: input.jobTitle,
      bio: input.bio,
      email: input.email,
      arrivalAt: input.arrivalAt,
      departureAt: input.departureAt,
    }),
});

deleteMutation('Speaker', {
  description: 'Deletes a speaker and their session assignments.',
  field: 'speaker',
  ref: SpeakerRef,
  run: (ctx, id, expectedVersion) => deleteSpeaker(ctx.db, requireActor(ctx), id, expectedVersion),
});

const position = fields.minutes; // 0..1440 is ample for a running order

/** What production (audio) sets on a speaker's part: their mic and walk-up music. */
const speakerSupport = (t: InputBuilder) => ({
  mic: t.string({ required: false, description: "The mic they wear or hold (\"Lav 3\", \"HH 1\"); production's. Null for none.", validate: fields.optionalText(40).nullish() }),
  walkUpMusic: t.string({ required: false, description: "What plays as they walk on; production's. Null for none.", validate: fields.optionalText(200).nullish() }),
  laptop: t.field({ type: LaptopSource, required: false, description: "What they present from; production's. Null takes the format's template." }),
  micKind: t.field({ type: MicKind, required: false, description: "Their kind of mic; production's. Null takes the format's template." }),
  confidenceView: t.field({ type: ConfidenceView, required: false, description: "What their confidence monitor shows; production's. Null takes the format's template." }),
});

entityMutation('createSessionSpeaker', {
  description: 'Puts a speaker into a session in a role.',
  inputFields: (t) => ({
    sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session.' }),
    speakerId: t.globalID({ for: SpeakerRef, required: true, description: 'The speaker, of the same event.' }),
    role: t.field({ type: SpeakerRole, required: true, description: 'Their role.' }),
    position: t.int({ required: false, description: 'Running order; after the others when left out.', validate: position.nullish() }),
    ...speakerSupport(t),
  }),
  field: 'sessionSpeaker',
  ref: SessionSpeakerRef,
  fieldDescription: 'The new assignment.',
  run: (ctx, input) =>
    addSessionSpeaker(ctx.db, requireActor(ctx), {
      sessionId: input.sessionId.id,
      speakerId: input.speakerId.id,
      role: input.role,
      position: input.position,
      mic: input.mic,
      walkUpMusic: input.walkUpMusic,
      laptop: input.laptop,
      micKind: input.micKind,
      confidenceView: input.confidenceView,
    }),
});

entityMutation('updateSessionSpeaker', {
  description: "Changes a speaker's role or running order in a session (management's), or their mic and walk-up music (production's).",
  inputFields: (t) => ({
    id: t.globalID({ for: SessionSpeakerRef, required: true, description: 'The assignment.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    role: t.field({ type: SpeakerRole, required: false, description: 'New role.' }),
    position: t.int({ required: false, description: 'New running order.', validate: position.optional() }),
    ...speakerSupport(t),
  }),
  field: 'sessionSpeaker',
  ref: SessionSpeakerRef,
  fieldDescription: 'The assignment as it is now.',
  run: (ctx, input) =>
    updateSessionSpeaker(ctx.db, requireActor(ctx), input.id.id, input.expectedVersion, {
      role: input.role ?? undefined,
      position: input.position ?? undefined,
      mic: input.mic,
      walkUpMusic: input.walkUpMusic,
      laptop: input.laptop,
      micKind: input.micKind,
      confidenceView: input.confidenceView,
    }),
});

deleteMutation('SessionSpeaker', {
  description: 'Takes a speaker out of a session.',
  field: 'sessionSpeaker',
  ref: SessionSpeakerRef,
  run: (ctx, id, expectedVersion) => removeSessionSpeaker(ctx.db, requireActor(ctx), id, expectedVersion),
});
