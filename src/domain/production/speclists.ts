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
