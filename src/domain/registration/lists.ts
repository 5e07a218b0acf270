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
