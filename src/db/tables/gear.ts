import type { ColumnType, Generated, Selectable } from 'kysely';
import { type Timestamp, type Versioned, versioned } from './columns.js';

/** Gear: a production company's inventory (its organization's, across events) and each event's bookings and subrentals. */

export type GearBookingStatus = 'QUOTED' | 'HELD' | 'CONFIRMED';

export interface GearItemTable extends Versioned {
  id: Generated<string>;
  organization_id: string;
  name: string;
  category: string | null;
  /** Units owned. */
  quantity: number;
  unit_weight_grams: Generated<number>;
  unit_power_watts: Generated<number>;
  /** Hours after a booking's return before the units are back on the shelf (checked, cleaned). */
  return_buffer_hours: Generated<number>;
  /** What a day of one unit costs the client, in minor units: production's only. */
  day_rate_minor: number | null;
}

/** Units out of service (repair, lost) from a time, until one or for good. */
export interface GearOutageTable extends Versioned {
  id: Generated<string>;
  organization_id: string;
  item_id: string;
  quantity: number;
  starts_at: Timestamp;
  ends_at: Timestamp | null;
  reason: string | null;
}

export type KitLine = { itemId: string; quantity: number };

/** A package of items booked as one (a lectern package: lectern, gooseneck mic, confidence monitor, cables). */
export interface GearKitTable extends Versioned {
  id: Generated<string>;
  organization_id: string;
  name: string;
  items: ColumnType<KitLine[], string, string>;
}

/** Units of an item (or kits) an event holds from the warehouse until they are back. */
export interface GearBookingTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  item_id: string | null;
  kit_id: string | null;
  quantity: number;
  status: Generated<GearBookingStatus>;
  priority: Generated<number>;
  leaves_at: Timestamp;
  returns_at: Timestamp;
  room_id: string | null;
  block_id: string | null;
  /** Where it is hung, when it is flown: its weight counts against the point's limit. */
  rigging_point_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Production's internal notes. */
  notes: string | null;
}

/** Units rented in from another company for an event's dates: stock for those dates only. */
export interface GearSubrentalTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  item_id: string;
  quantity: number;
  vendor: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  cost_minor: number | null;
  currency: Generated<string>;
}

export type GearItem = Selectable<GearItemTable>;
export type GearOutage = Selectable<GearOutageTable>;
export type GearKit = Selectable<GearKitTable>;
export type GearBooking = Selectable<GearBookingTable>;
export type GearSubrental = Selectable<GearSubrentalTable>;

export interface GearTables {
  gear_item: GearItemTable;
  gear_outage: GearOutageTable;
  gear_kit: GearKitTable;
  gear_booking: GearBookingTable;
  gear_subrental: GearSubrentalTable;
}

export const gearColumns = {
  gear_item: [
    'id',
    'organization_id',
    'name',
    'category',
    'quantity',
    'unit_weight_grams',
    'unit_power_watts',
    'return_buffer_hours',
    'day_rate_minor',
    ...versioned,
  ],
  gear_outage: ['id', 'organization_id', 'item_id', 'quantity', 'starts_at', 'ends_at', 'reason', ...versioned],
  gear_kit: ['id', 'organization_id', 'name', 'items', ...versioned],
  gear_booking: [
    'id',
    'event_id',
    'item_id',
    'kit_id',
    'quantity',
    'status',
    'priority',
    'leaves_at',
    'returns_at',
    'room_id',
    'block_id',
    'rigging_point_id',
    'notes',
    ...versioned,
  ],
  gear_subrental: ['id', 'event_id', 'item_id', 'quantity', 'vendor', 'starts_at', 'ends_at', 'cost_minor', 'currency', ...versioned],
} as const;
