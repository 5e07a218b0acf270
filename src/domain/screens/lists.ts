import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** An event's screen links, oldest first (revoked ones stay listed). */
export const screenLinksOfEvent: ListSpec<PageArgs> = {
  name: 'event.screenLinks',
  table: 'screen_link',
  parent: 'event_id',
  orderBy: ['created_at'],
};
