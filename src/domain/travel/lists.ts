import { sql } from 'kysely';
import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** An event's travel legs by arrival, optionally of one direction. */
export const legsOfEvent: ListSpec<PageArgs & { direction?: string | null }> = {
  name: 'event.travelLegs',
  table: 'travel_leg',
  parent: 'event_id',
  orderBy: ['arrives_at'],
  filter: (args) => (args.direction ? sql<boolean>`direction = ${args.direction}` : null),
};

/** A transfer wave's passengers, by arrival. */
export const legsOfWave: ListSpec<PageArgs> = {
  name: 'transferWave.passengers',
  table: 'travel_leg',
  parent: 'transfer_wave_id',
  orderBy: ['arrives_at'],
};

/** An attendee's legs, in travel order. */
export const legsOfAttendee: ListSpec<PageArgs> = {
  name: 'attendee.travel',
  table: 'travel_leg',
  parent: 'attendee_id',
  orderBy: ['arrives_at'],
};

/** A speaker's legs, in travel order. */
export const legsOfSpeaker: ListSpec<PageArgs> = {
  name: 'speaker.travel',
  table: 'travel_leg',
  parent: 'speaker_id',
  orderBy: ['arrives_at'],
};

/** An event's transfer waves, by the start of their window. */
export const wavesOfEvent: ListSpec<PageArgs> = {
  name: 'event.transferWaves',
  table: 'transfer_wave',
  parent: 'event_id',
  orderBy: ['window_start'],
};
