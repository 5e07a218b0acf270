import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** An event's function orders, in time order. */
export const functionOrdersOfEvent: ListSpec<PageArgs> = {
  name: 'event.functionOrders',
  table: 'function_order',
  parent: 'event_id',
  orderBy: ['starts_at'],
};
/** The function orders a contract bills, in time order. */
export const functionOrdersOfContract: ListSpec<PageArgs> = {
  name: 'contract.functionOrders',
  table: 'function_order',
  parent: 'contract_id',
  orderBy: ['starts_at'],
};
