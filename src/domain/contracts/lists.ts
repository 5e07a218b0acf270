import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** An event's vendors, by name. */
export const vendorsOfEvent: ListSpec<PageArgs> = { name: 'event.vendors', table: 'vendor', parent: 'event_id', orderBy: ['name'] };
/** An event's contracts, oldest first. */
export const contractsOfEvent: ListSpec<PageArgs> = {
  name: 'event.contracts',
  table: 'contract',
  parent: 'event_id',
  orderBy: ['created_at'],
};
/** A vendor's contracts, oldest first. */
export const contractsOfVendor: ListSpec<PageArgs> = {
  name: 'vendor.contracts',
  table: 'contract',
  parent: 'vendor_id',
  orderBy: ['created_at'],
};
/** A contract's payment schedule, by due date. */
export const paymentsOfContract: ListSpec<PageArgs> = {
  name: 'contract.payments',
  table: 'contract_payment',
  parent: 'contract_id',
  orderBy: ['due_on'],
};
/** The hotel blocks a contract's attrition clause covers, by night. */
export const blocksOfContract: ListSpec<PageArgs> = {
  name: 'contract.hotelBlocks',
  table: 'hotel_block',
  parent: 'contract_id',
  orderBy: ['night', 'hotel', 'room_type'],
};
