import { sql } from 'kysely';
import { allOf, type ListSpec, type PageArgs } from '../../db/pagination.js';

/** An event's attendees by name, optionally of one status or registration type. */
export type AttendeeFilters = PageArgs & { status?: string | null; registrationTypeId?: string | null };

export const attendeesOfEvent: ListSpec<AttendeeFilters> = {
  name: 'event.attendees',
  table: 'attendee',
  parent: 'event_id',
  orderBy: ['name'],
  filter: (args) =>
    allOf([
      args.status ? sql<boolean>`status = ${args.status}` : null,
      args.registrationTypeId ? sql<boolean>`registration_type_id = ${args.registrationTypeId}` : null,
    ]),
};

/** A primary attendee's guests and partners, by name. */
export const guestsOfAttendee: ListSpec<PageArgs> = {
  name: 'attendee.guests',
  table: 'attendee',
  parent: 'guest_of_attendee_id',
  orderBy: ['name'],
};

/** An event's registration types, by name. */
export const registrationTypesOfEvent: ListSpec<PageArgs> = {
  name: 'event.registrationTypes',
  table: 'registration_type',
  parent: 'event_id',
  orderBy: ['name'],
};

/** A session's sign-ups in arrival order (the waitlist is served in it), optionally of one status. */
export const registrationsOfSession: ListSpec<PageArgs & { status?: string | null }> = {
  name: 'session.registrations',
  table: 'session_registration',
  parent: 'session_id',
  orderBy: ['position'],
  filter: (args) => (args.status ? sql<boolean>`status = ${args.status}` : null),
};

/** An attendee's sign-ups, in the order they made them. */
export const registrationsOfAttendee: ListSpec<PageArgs> = {
  name: 'attendee.sessionRegistrations',
  table: 'session_registration',
  parent: 'attendee_id',
  orderBy: ['position'],
};

/** An event's check-ins in the order they happened, optionally of one day or session. */
export const checkInsOfEvent: ListSpec<PageArgs & { day?: string | null; sessionId?: string | null }> = {
  name: 'event.checkIns',
  table: 'check_in',
  parent: 'event_id',
  orderBy: ['checked_in_at'],
  filter: (args) =>
    allOf([args.day ? sql<boolean>`day = ${args.day}` : null, args.sessionId ? sql<boolean>`session_id = ${args.sessionId}` : null]),
};

/** An event's registration questions, in form order. */
export const questionsOfEvent: ListSpec<PageArgs> = {
  name: 'event.registrationQuestions',
  table: 'registration_question',
  parent: 'event_id',
  orderBy: ['position'],
};

/** An event's invitation lists, by name. */
export const invitationListsOfEvent: ListSpec<PageArgs> = {
  name: 'event.invitationLists',
  table: 'invitation_list',
  parent: 'event_id',
  orderBy: ['name'],
};
