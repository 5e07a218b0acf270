import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** The venue area's lists: venues of an event, rooms of a venue or an event. */

export const roomsOfVenue: ListSpec<PageArgs> = { name: 'venue.rooms', table: 'room', parent: 'venue_id', orderBy: ['name'] };

export const roomsOfEvent: ListSpec<PageArgs> = { name: 'event.rooms', table: 'room', parent: 'event_id', orderBy: ['name'] };

export const venuesOfEvent: ListSpec<PageArgs> = { name: 'event.venues', table: 'venue', parent: 'event_id', orderBy: ['name'] };
