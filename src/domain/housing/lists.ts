import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** An event's hotel blocks, night by night. */
export const blocksOfEvent: ListSpec<PageArgs> = {
  name: 'event.hotelBlocks',
  table: 'hotel_block',
  parent: 'event_id',
  orderBy: ['night', 'hotel', 'room_type'],
};

/** The rooming list: an event's rooms by check-in day. */
export const reservationsOfEvent: ListSpec<PageArgs> = {
  name: 'event.roomingList',
  table: 'room_reservation',
  parent: 'event_id',
  orderBy: ['arrives'],
};

/** An attendee's rooms, by check-in day. */
export const reservationsOfAttendee: ListSpec<PageArgs> = {
  name: 'attendee.rooms',
  table: 'room_reservation',
  parent: 'attendee_id',
  orderBy: ['arrives'],
};
