import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** An organization's gear items, by name. */
export const itemsOfOrganization: ListSpec<PageArgs> = {
  name: 'organization.gearItems',
  table: 'gear_item',
  parent: 'organization_id',
  orderBy: ['name'],
};

/** An organization's kits, by name. */
export const kitsOfOrganization: ListSpec<PageArgs> = {
  name: 'organization.gearKits',
  table: 'gear_kit',
  parent: 'organization_id',
  orderBy: ['name'],
};

/** An item's outages, in time order. */
export const outagesOfItem: ListSpec<PageArgs> = {
  name: 'gearItem.outages',
  table: 'gear_outage',
  parent: 'item_id',
  orderBy: ['starts_at'],
};

/** An event's gear bookings, by the day they leave the warehouse. */
export const bookingsOfEvent: ListSpec<PageArgs> = {
  name: 'event.gearBookings',
  table: 'gear_booking',
  parent: 'event_id',
  orderBy: ['leaves_at'],
};

/** An event's subrentals, in time order. */
export const subrentalsOfEvent: ListSpec<PageArgs> = {
  name: 'event.gearSubrentals',
  table: 'gear_subrental',
  parent: 'event_id',
  orderBy: ['starts_at'],
};
