import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** An event's changes, by revision. */

export const changesOfEvent: ListSpec<PageArgs> = {
  name: 'event.changes',
  table: 'change',
  parent: 'event_id',
  orderBy: [],
  key: 'revision',
};
