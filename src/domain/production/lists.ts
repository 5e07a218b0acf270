import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** An event's production blocks, in time order. */
export const blocksOfEvent: ListSpec<PageArgs> = {
  name: 'event.productionBlocks',
  table: 'production_block',
  parent: 'event_id',
  orderBy: ['starts_at'],
};

/** A room's production blocks, in time order. */
export const blocksOfRoom: ListSpec<PageArgs> = {
  name: 'room.productionBlocks',
  table: 'production_block',
  parent: 'room_id',
  orderBy: ['starts_at'],
};

/** A rehearsal's slots, in running order. */
export const slotsOfBlock: ListSpec<PageArgs> = {
  name: 'productionBlock.slots',
  table: 'rehearsal_slot',
  parent: 'block_id',
  orderBy: ['offset_seconds'],
};

/** A speaker's rehearsal slots. */
export const slotsOfSpeaker: ListSpec<PageArgs> = {
  name: 'speaker.rehearsalSlots',
  table: 'rehearsal_slot',
  parent: 'speaker_id',
  orderBy: ['created_at'],
};

/** A venue's contracted access hours, in time order. */
export const accessOfVenue: ListSpec<PageArgs> = {
  name: 'venue.accessWindows',
  table: 'venue_access_window',
  parent: 'venue_id',
  orderBy: ['starts_at'],
};

/** The trucks coming to an event, by arrival. */
export const trucksOfEvent: ListSpec<PageArgs> = { name: 'event.trucks', table: 'truck', parent: 'event_id', orderBy: ['arrives_at'] };
