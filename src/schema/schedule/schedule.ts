import * as fields from '../../domain/fields.js';
import { localDay } from '../../domain/live/timing.js';
import { sessionsOfEvent, sessionsOfRoom, sessionsOfSpeaker, speakersOfEvent, speakersOfSession } from '../../domain/schedule/lists.js';
import { builder } from '../builder.js';
import { connectionOf, pageArgs, resolvePage } from '../connections.js';
import { reads, refersTo, readsOnly } from '../selection.js';
import { requiredWallClock, wallClock } from '../local-time.js';
import { EventRef, RoomRef, SessionRef, SessionSpeakerRef, SpeakerRef } from '../refs.js';

export const SessionKind = builder.enumType('SessionKind', {
  description: 'What kind of slot a session is.',
  values: {
    GENERAL_SESSION: { description: 'Everyone in the main hall.' },
    KEYNOTE: { description: 'A keynote address.' },
    BREAKOUT: { description: 'One of several parallel sessions.' },
    PANEL: { description: 'A moderated panel.' },
    WORKSHOP: { description: 'A hands-on workshop.' },
    MEAL: { description: 'Breakfast, lunch or dinner.' },
    BREAK: { description: 'A coffee or comfort break.' },
    NETWORKING: { description: 'Networking time.' },
    EVENING_EVENT: { description: 'A party, awards dinner or other evening event.' },
  },
});

export const SessionStatus = builder.enumType('SessionStatus', {
  description: 'Where a session stands on the day.',
  values: {
    SCHEDULED: { description: 'Planned, not started.' },
    LIVE: { description: 'Running now.' },
    ENDED: { description: 'Over.' },
    CANCELLED: { description: 'Will not take place.' },
  },
});

export const PresentationFormat = builder.enumType('PresentationFormat', {
  description: 'How a session is presented; the production agency plans its show from it.',
  values: {
    SLIDES: { description: 'A presenter with slides.' },
    VIDEO: { description: 'Mainly video playback.' },
    LIVE_DEMO: { description: 'A live product demo.' },
    PANEL: { description: 'A seated panel.' },
    FIRESIDE_CHAT: { description: 'A seated conversation.' },
    PERFORMANCE: { description: 'Music, comedy or another act.' },
    NONE: { description: 'No stage presentation (meals, breaks).' },
  },
});

export const SpeakerRole = builder.enumType('SpeakerRole', {
  description: "A speaker's part in one session.",
  values: {
    PRESENTER: { description: 'Presents.' },
    MODERATOR: { description: 'Moderates.' },
    PANELIST: { description: 'Sits on the panel.' },
    HOST: { description: 'Hosts or emcees.' },
    PERFORMER: { description: 'Performs.' },
  },
});

const SessionConnection = connectionOf(SessionRef, 'Session', 'sessions');
const SessionSpeakerConnection = connectionOf(SessionSpeakerRef, 'SessionSpeaker', 'speaker assignments');

const sessionListArgs = (arg: Parameters<typeof pageArgs>[0]) => ({
  ...pageArgs(arg),
  day: arg({ type: 'Date', required: false, description: 'Only sessions starting on this day, in the event time zone.' }),
  track: arg.string({ required: false, description: 'Only sessions of this track.', validate: fields.optionalText(100).nullish() }),
  kind: arg({ type: SessionKind, required: false, description: 'Only sessions of this kind.' }),
});

SessionRef.implement({
  description: 'A slot in the schedule: a general session, breakout, meal, evening event… Its cues are its run-of-show.',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Title as printed in the agenda.' }),
    description: t.exposeString('description', { nullable: true, description: 'Abstract or notes for attendees.' }),
    kind: t.expose('kind', { type: SessionKind, description: 'What kind of slot this is.' }),
    track: t.exposeString('track', { nullable: true, description: 'Track of a breakout ("Sales", "Product").' }),
    startsAt: t.expose('starts_at', { type: 'DateTime', description: 'Planned start.' }),
    endsAt: t.expose('ends_at', { type: 'DateTime', description: 'Planned end.' }),
    startsAtLocal: t.field(requiredWallClock('session', 'starts_at', "Planned start on the wall clock of the event's time zone.")),
    endsAtLocal: t.field(requiredWallClock('session', 'ends_at', "Planned end on the wall clock of the event's time zone.")),
    durationMinutes: t.int({
      description: 'Planned length in minutes.',
      extensions: reads('session', 'starts_at', 'ends_at'),
      resolve: (s) => Math.round((s.ends_at.getTime() - s.starts_at.getTime()) / 60_000),
    }),
    day: t.field({
      type: 'Date',
      description: 'The day it starts on, in the event time zone.',
      extensions: reads('session', 'event_id', 'starts_at'),
      resolve: async (s, _args, ctx) => {
        const event = await EventRef.getDataloader(ctx).load(s.event_id);
        return localDay(s.starts_at, event.timezone);
      },
    }),
    status: t.expose('status', { type: SessionStatus, description: 'Where it stands on the day.' }),
    actualStartAt: t.expose('actual_start_at', { type: 'DateTime', nullable: true, description: 'When it really started.' }),
    actualEndAt: t.expose('actual_end_at', { type: 'DateTime', nullable: true, description: 'When it really ended.' }),
    presentationFormat: t.expose('presentation_format', {
      type: PresentationFormat,
      nullable: true,
      description: 'How it is presented (owned by the production agency).',
    }),
    hardOutAt: t.expose('hard_out_at', { type: 'DateTime', nullable: true, description: 'The latest it may end; back-timing aims at it (at the planned end when null).' }),
    isHardStart: t.exposeBoolean('is_hard_start', { description: 'Starts at its planned time whatever runs before it: schedule shifts never move it.' }),
    baselineStartsAt: t.field({
      type: 'DateTime',
      description: 'The start as published: kept when live timing moves the plan, reset by `publishBaseline`. The planned start until then.',
      extensions: reads('session', 'starts_at', 'baseline_starts_at'),
      resolve: (s) => s.baseline_starts_at ?? s.starts_at,
    }),
    baselineEndsAt: t.field({
      type: 'DateTime',
      description: 'The end as published (see `baselineStartsAt`).',
      extensions: reads('session', 'ends_at', 'baseline_ends_at'),
      resolve: (s) => s.baseline_ends_at ?? s.ends_at,
    }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('session', 'event_id'), resolve: (s) => s.event_id }),
    room: t.field({ type: RoomRef, nullable: true, description: 'Where it takes place; null while unassigned.', ...refersTo('session', 'room_id') }),
    speakers: t.field({
      type: SessionSpeakerConnection,
      description: 'Who speaks, in running order, with their role.',
      args: pageArgs(t.arg),
      extensions: readsOnly('session', 'id'),
      resolve: (s, args, ctx, info) => resolvePage(ctx, info, speakersOfSession, s.id, args, SessionSpeakerRef),
    }),
  }),
});

SpeakerRef.implement({
  description: 'A person on stage: presenter, moderator, panelist, host or performer.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name.' }),
    company: t.exposeString('company', { nullable: true, description: 'Company.' }),
    jobTitle: t.exposeString('job_title', { nullable: true, description: 'Job title.' }),
    bio: t.exposeString('bio', { nullable: true, description: 'Short biography.' }),
    email: t.exposeString('email', { nullable: true, description: 'Contact address.' }),
    arrivalAt: t.expose('arrival_at', { type: 'DateTime', nullable: true, description: 'When they arrive on site.' }),
    departureAt: t.expose('departure_at', { type: 'DateTime', nullable: true, description: 'When they leave.' }),
    arrivalAtLocal: t.field(wallClock('speaker', 'arrival_at', "When they arrive, on the wall clock of the event's time zone.")),
    departureAtLocal: t.field(wallClock('speaker', 'departure_at', "When they leave, on the wall clock of the event's time zone.")),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('speaker', 'event_id'), resolve: (s) => s.event_id }),
    sessions: t.field({
      type: SessionSpeakerConnection,
      description: 'The sessions they speak in, earliest first, with their role in each.',
      args: pageArgs(t.arg),
      extensions: readsOnly('speaker', 'id'),
      resolve: (s, args, ctx, info) => resolvePage(ctx, info, sessionsOfSpeaker, s.id, args, SessionSpeakerRef),
    }),
  }),
});

SessionSpeakerRef.implement({
  description: "A speaker's part in one session.",
  fields: (t) => ({
    role: t.expose('role', { type: SpeakerRole, description: 'Their role in the session.' }),
    position: t.exposeInt('position', { description: 'Running order among the session speakers, from 0.' }),
    mic: t.exposeString('mic', { nullable: true, description: 'The mic they wear or hold ("Lav 3"); MIC_DOUBLE_BOOKED warns when one mic is on two people at once.' }),
    walkUpMusic: t.exposeString('walk_up_music', { nullable: true, description: 'What plays as they walk on.' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    speaker: t.field({ type: SpeakerRef, description: 'The speaker.', ...refersTo('session_speaker', 'speaker_id') }),
    session: t.field({ type: SessionRef, description: 'The session.', ...refersTo('session_speaker', 'session_id') }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  sessions: t.field({
    type: SessionConnection,
    description: 'The schedule, by planned start. Filter by day (event time zone), room, track or kind.',
    args: { ...sessionListArgs(t.arg), roomId: t.arg.globalID({ for: RoomRef, required: false, description: 'Only sessions in this room.' }) },
    extensions: readsOnly('event', 'id'),
    resolve: (e, args, ctx, info) => resolvePage(ctx, info, sessionsOfEvent, e.id, { ...args, roomId: args.roomId?.id }, SessionRef),
  }),
  speakers: t.field({
    type: connectionOf(SpeakerRef, 'Speaker', 'speakers'),
    description: 'Speakers of the event, by name.',
    args: pageArgs(t.arg),
    extensions: readsOnly('event', 'id'),
    resolve: (e, args, ctx, info) => resolvePage(ctx, info, speakersOfEvent, e.id, args, SpeakerRef),
  }),
}));

builder.objectFields(RoomRef, (t) => ({
  sessions: t.field({
    type: SessionConnection,
    description: 'Sessions in this room, by planned start.',
    args: sessionListArgs(t.arg),
    extensions: readsOnly('room', 'id'),
    resolve: (r, args, ctx, info) => resolvePage(ctx, info, sessionsOfRoom, r.id, args, SessionRef),
  }),
}));
