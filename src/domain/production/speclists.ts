import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** A room's setup styles. */
export const setupsOfRoom: ListSpec<PageArgs> = { name: 'room.setups', table: 'room_setup', parent: 'room_id', orderBy: ['style'] };

/** A room's rigging points, by name. */
export const pointsOfRoom: ListSpec<PageArgs> = {
  name: 'room.riggingPoints',
  table: 'rigging_point',
  parent: 'room_id',
  orderBy: ['name'],
};

/** An event's assets, by name. */
export const assetsOfEvent: ListSpec<PageArgs> = { name: 'event.assets', table: 'asset', parent: 'event_id', orderBy: ['name'] };

/** A session's assets, by name. */
export const assetsOfSession: ListSpec<PageArgs> = { name: 'session.assets', table: 'asset', parent: 'session_id', orderBy: ['name'] };

/** An event's format templates, by format. */
export const formatTemplatesOfEvent: ListSpec<PageArgs> = {
  name: 'event.formatTemplates',
  table: 'format_template',
  parent: 'event_id',
  orderBy: ['format'],
};
