import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** An event's requests, oldest first. */
export const requestsOfEvent: ListSpec<PageArgs> = {
  name: 'event.requests',
  table: 'request',
  parent: 'event_id',
  orderBy: ['created_at'],
};

/** A request's replies, oldest first. */
export const messagesOfRequest: ListSpec<PageArgs> = {
  name: 'request.messages',
  table: 'request_message',
  parent: 'request_id',
  orderBy: ['created_at'],
};
