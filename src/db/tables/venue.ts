import type { ColumnType, Generated, Selectable } from 'kysely';
import { type Versioned, versioned } from './columns.js';

/** An event's venues and their rooms. */

export type RoomKind = 'GENERAL_SESSION' | 'BREAKOUT' | 'BALLROOM' | 'BOARDROOM' | 'EXHIBIT_HALL' | 'OUTDOOR' | 'OTHER';

export interface VenueTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  name: string;
  address: string | null;
  city: string | null;
  country: string | null;
}

export interface RoomTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  venue_id: string;
  name: string;
  kind: RoomKind;
  capacity: number | null;
  /** The fire marshal's limit: nothing ever seats more people in the room. */
  fire_code_capacity: number | null;
  setup: string | null;
  changeover_minutes: Generated<number>;
  /** Clear height to the lowest obstruction, in centimetres (what can be flown). */
  trim_height_cm: ColumnType<number | null, number | null | undefined, number | null>;
  /** The power service production may draw on, in watts. */
  power_capacity_watts: ColumnType<number | null, number | null | undefined, number | null>;
  /** Wireless channels the room's frequency plan allows at once. */
  rf_channels: ColumnType<number | null, number | null | undefined, number | null>;
}

/** Rows as they are read. */
export type Venue = Selectable<VenueTable>;
export type Room = Selectable<RoomTable>;

/** This area's tables, as Kysely's database interface names them. */
export interface VenueTables {
  venue: VenueTable;
  room: RoomTable;
}

/** The columns of the tables above, at run time. */
export const venueColumns = {
  venue: ['id', 'event_id', 'name', 'address', 'city', 'country', ...versioned],
  room: [
    'id',
    'event_id',
    'venue_id',
    'name',
    'kind',
    'capacity',
    'fire_code_capacity',
    'setup',
    'changeover_minutes',
    'trim_height_cm',
    'power_capacity_watts',
    'rf_channels',
    ...versioned,
  ],
} as const;
