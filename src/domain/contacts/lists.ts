import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** An event's contacts, by name. */
export const contactsOfEvent: ListSpec<PageArgs> = {
  name: 'event.contacts',
  table: 'event_contact',
  parent: 'event_id',
  orderBy: ['name'],
};
