import { checkIn, undoCheckIn } from '../../domain/registration/checkins.js';
import { checkInsOfEvent, registrationsOfAttendee, registrationsOfSession } from '../../domain/registration/lists.js';
import { cancelSessionRegistration, claimSessionSeat, registerForSession } from '../../domain/registration/signups.js';
import { seatCountsOf, setSessionCapacity, type SeatCounts } from '../../domain/registration/capacity.js';
import * as fields from '../../domain/fields.js';
import { operationLoader } from '../../context.js';
import { builder } from '../builder.js';
import { connectionOf, pageArgs, resolvePage } from '../connections.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { reads, refersTo, readsOnly } from '../selection.js';
import { AttendeeRef, CheckInRef, EventRef, SessionRef, SessionRegistrationRef } from '../refs.js';

/** Sign-ups for sessions (seats, waitlist, offers) and check-ins, in the API. */

const SessionRegistrationStatus = builder.enumType('SessionRegistrationStatus', {
  description: "Where a sign-up for a session stands.",
  values: {
    REGISTERED: { description: 'Holds a seat.' },
    WAITLISTED: { description: 'Waits for a seat, in arrival order.' },
    OFFERED: { description: 'A freed seat is held for them until `offeredUntil` (the waitlist had closed): `claimSessionSeat` takes it.' },
  },
});

/** Seat counts of every session an operation reads: one statement. */
const seatsOf = operationLoader<string, SeatCounts>((ctx, ids) => seatCountsOf(ctx.db, ids));

SessionRegistrationRef.implement({
  description: "An attendee's sign-up for a session: a seat, a place in line, or a seat offered until a deadline.",
  fields: (t) => ({
    attendee: t.field({ type: AttendeeRef, description: 'Who signed up.', ...refersTo('session_registration', 'attendee_id') }),
    session: t.field({ type: SessionRef, description: 'For which session.', ...refersTo('session_registration', 'session_id') }),
    status: t.expose('status', { type: SessionRegistrationStatus, description: 'Seat, waitlist or offer.' }),
    signedUpAt: t.expose('created_at', { type: 'DateTime', description: 'When they signed up: the waitlist is served in this order.' }),
    offeredUntil: t.expose('offered_until', { type: 'DateTime', nullable: true, description: 'Until when an offered seat may be claimed; null unless OFFERED.' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when cancelling.' }),
  }),
});

CheckInRef.implement({
  description: 'An attendee checked in: on a day at the event, or at one session.',
  fields: (t) => ({
    attendee: t.field({ type: AttendeeRef, description: 'Who.', ...refersTo('check_in', 'attendee_id') }),
    day: t.field({ type: 'Date', description: "The event's day, on its wall clock.", resolve: (c) => c.day }),
    session: t.field({ type: SessionRef, nullable: true, description: 'The session at whose door; null for the event.', ...refersTo('check_in', 'session_id') }),
    checkedInAt: t.expose('checked_in_at', { type: 'DateTime', description: 'When.' }),
  }),
});

const RegistrationConnection = connectionOf(SessionRegistrationRef, 'SessionRegistration', 'sessionRegistrations');
const seats = reads('session', 'id');

builder.objectFields(SessionRef, (t) => ({
  capacity: t.exposeInt('capacity', {
    nullable: true,
    description: "The registration cap that sign-ups fill (soft: set above the seats to over-register for no-shows, below to hold seats back). Never above the room's fire-code limit. Null for none.",
  }),
  seatsSet: t.exposeInt('seats_set', { nullable: true, description: "The seats set for the session's layout." }),
  waitlistCapacity: t.exposeInt('waitlist_capacity', { nullable: true, description: 'How many may wait for a seat; null for no limit.' }),
  waitlistClosesAt: t.expose('waitlist_closes_at', {
    type: 'DateTime',
    nullable: true,
    description: 'After it nobody joins the waitlist, and a freed seat is offered to the first in line for `claimMinutes` instead of given.',
  }),
  claimMinutes: t.exposeInt('claim_minutes', { description: 'How long an offered seat is held for its claimant (after the waitlist closed).' }),
  seatsTaken: t.int({ description: 'Seats taken: REGISTERED and OFFERED sign-ups. Live: every sign-up is a change.', extensions: seats, resolve: async (s, _a, ctx) => (await seatsOf(ctx).load(s.id)).seatsTaken }),
  waitlistCount: t.int({ description: 'How many wait for a seat.', extensions: seats, resolve: async (s, _a, ctx) => (await seatsOf(ctx).load(s.id)).waitlistCount }),
  seatLimit: t.int({
    nullable: true,
    description: "What sign-ups may fill: the lower of `capacity` and the room's fire-code limit; null when neither is set.",
    extensions: seats,
    resolve: async (s, _a, ctx) => (await seatsOf(ctx).load(s.id)).seatLimit,
  }),
  seatsLeft: t.int({ nullable: true, description: 'Seats sign-ups may still take; null for no limit.', extensions: seats, resolve: async (s, _a, ctx) => (await seatsOf(ctx).load(s.id)).seatsLeft }),
  registrations: t.field({
    type: RegistrationConnection,
    description: 'Its sign-ups in arrival order; `status: WAITLISTED` gives the line in the order it is served.',
    args: { ...pageArgs(t.arg), status: t.arg({ type: SessionRegistrationStatus, required: false, description: 'Only sign-ups with this status.' }) },
    extensions: seats,
    resolve: (s, args, ctx, info) => resolvePage(ctx, info, registrationsOfSession, s.id, args, SessionRegistrationRef),
  }),
}));

builder.objectFields(AttendeeRef, (t) => ({
  sessionRegistrations: t.field({
    type: RegistrationConnection,
    description: 'The sessions they signed up for, in the order they did.',
    args: pageArgs(t.arg),
    extensions: readsOnly('attendee', 'id'),
    resolve: (a, args, ctx, info) => resolvePage(ctx, info, registrationsOfAttendee, a.id, args, SessionRegistrationRef),
  }),
}));

builder.objectFields(EventRef, (t) => ({
  checkIns: t.field({
    type: connectionOf(CheckInRef, 'CheckIn', 'checkIns'),
    description: 'Who checked in, in the order they did; filter by day or session.',
    args: {
      ...pageArgs(t.arg),
      day: t.arg({ type: 'Date', required: false, description: "Only this day of the event's wall clock." }),
      sessionId: t.arg.globalID({ for: SessionRef, required: false, description: "Only at this session's door." }),
    },
    extensions: readsOnly('event', 'id'),
    resolve: (e, args, ctx, info) => resolvePage(ctx, info, checkInsOfEvent, e.id, { ...args, sessionId: args.sessionId?.id }, CheckInRef),
  }),
}));

entityMutation('registerForSession', {
  description:
    'Signs an attendee up for a session (management): a seat while any is left, else the end of the waitlist. Refused, naming why, when they are not REGISTERED for the event, are already signed up, hold a sign-up that overlaps in time, or the session and its waitlist are full or closed.',
  inputFields: (t) => ({
    attendeeId: t.globalID({ for: AttendeeRef, required: true, description: 'Who.' }),
    sessionId: t.globalID({ for: SessionRef, required: true, description: 'For which session.' }),
  }),
  field: 'sessionRegistration',
  ref: SessionRegistrationRef,
  fieldDescription: 'The sign-up: REGISTERED or WAITLISTED.',
  run: (ctx, input) => registerForSession(ctx.db, requireActor(ctx), { attendeeId: input.attendeeId.id, sessionId: input.sessionId.id }),
});

deleteMutation('SessionRegistration', {
  description: 'Cancels a sign-up. A freed seat goes to the first in line in the same change (offered, once the waitlist has closed).',
  field: 'sessionRegistration',
  ref: SessionRegistrationRef,
  run: (ctx, id, expectedVersion) => cancelSessionRegistration(ctx.db, requireActor(ctx), id, expectedVersion),
});

entityMutation('claimSessionSeat', {
  description: 'Takes a seat offered to a waitlisted attendee, before `offeredUntil`.',
  inputFields: (t) => ({ id: t.globalID({ for: SessionRegistrationRef, required: true, description: 'The OFFERED sign-up.' }) }),
  field: 'sessionRegistration',
  ref: SessionRegistrationRef,
  fieldDescription: 'The sign-up, now REGISTERED.',
  run: (ctx, input) => claimSessionSeat(ctx.db, requireActor(ctx), input.id.id),
});

entityMutation('setSessionCapacity', {
  description: "Sets a session's sign-up numbers (management). Fields left out stay; null clears. A raised cap serves the waitlist in the same change.",
  inputFields: (t) => ({
    sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session.' }),
    expectedVersion: t.int({ required: true, description: "The session's `version` you last read." }),
    capacity: t.int({ required: false, description: "The registration cap; not above the room's fire-code limit.", validate: fields.capacity.nullish() }),
    seatsSet: t.int({ required: false, description: "The seats set for the layout; not above the room's fire-code limit.", validate: fields.capacity.nullish() }),
    waitlistCapacity: t.int({ required: false, description: 'How many may wait; null for no limit.', validate: fields.capacity.nullish() }),
    waitlistClosesAt: t.field({ type: 'DateTime', required: false, description: 'When the waitlist closes; null for never.' }),
    claimMinutes: t.int({ required: false, description: 'How long an offered seat is held (after the waitlist closed).', validate: fields.minutes.min(1, 'must be at least 1').nullish() }),
  }),
  field: 'session',
  ref: SessionRef,
  fieldDescription: 'The session as it is now.',
  run: (ctx, { sessionId, expectedVersion, ...input }) => setSessionCapacity(ctx.db, requireActor(ctx), sessionId.id, expectedVersion, input),
});

entityMutation('checkIn', {
  description: 'Records that an attendee arrived: on a day, or at a session. Idempotent: checking in again returns the first record and changes nothing.',
  inputFields: (t) => ({
    attendeeId: t.globalID({ for: AttendeeRef, required: true, description: 'Who.' }),
    sessionId: t.globalID({ for: SessionRef, required: false, description: "At this session's door; leave out for the event's registration desk." }),
    day: t.field({ type: 'Date', required: false, description: "The event's day; today on its wall clock when left out (a session's own day when one is given)." }),
  }),
  field: 'checkIn',
  ref: CheckInRef,
  fieldDescription: 'The check-in (the first one, when they had checked in already).',
  run: (ctx, input) => checkIn(ctx.db, requireActor(ctx), { attendeeId: input.attendeeId.id, sessionId: input.sessionId?.id, day: input.day }),
});

deleteMutation('CheckIn', {
  description: 'Takes back a check-in made by mistake.',
  field: 'checkIn',
  ref: CheckInRef,
  run: (ctx, id) => undoCheckIn(ctx.db, requireActor(ctx), id),
});
