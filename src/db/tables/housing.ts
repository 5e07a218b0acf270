import type { Generated, Selectable } from 'kysely';
import { type DateOnly, type Versioned, versioned } from './columns.js';

/** Housing: hotel room blocks and the rooming list. */

export type BillingParty = 'MASTER_ACCOUNT' | 'GUEST';

export interface HotelBlockTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  hotel: string;
  room_type: string;
  /** The night (the date it starts), on the event's calendar. */
  night: DateOnly;
  contracted: number;
  /** Rooms held back (VIPs, staff not yet named): not for the rooming list. */
  held: Generated<number>;
  /** The group rate per room night, in minor units of `currency` (cents). */
  rate_minor: number;
  currency: Generated<string>;
  cut_off_date: DateOnly;
  /** Warn this many days before the cut-off. */
  cut_off_warning_days: Generated<number>;
  /** The share of `contracted` the contract holds the event to (attrition). */
  attrition_percent: Generated<number>;
  /** One complimentary room night per this many picked up; null for none. */
  comp_ratio: number | null;
  staff_rooms: Generated<number>;
  /** The hotel contract whose attrition clause covers it. */
  contract_id: string | null;
  /** Rooms the hotel resold: credited against attrition when the contract says so. */
  resold: Generated<number>;
}

export interface RoomReservationTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  attendee_id: string | null;
  speaker_id: string | null;
  hotel: string;
  room_type: string;
  /** Check-in day. */
  arrives: DateOnly;
  /** Check-out day. */
  departs: DateOnly;
  roommate_attendee_id: string | null;
  room_billing: Generated<BillingParty>;
  incidentals_billing: Generated<BillingParty>;
  confirmation: string | null;
}

export type HotelBlock = Selectable<HotelBlockTable>;
export type RoomReservation = Selectable<RoomReservationTable>;

export interface HousingTables {
  hotel_block: HotelBlockTable;
  room_reservation: RoomReservationTable;
}

export const housingColumns = {
  hotel_block: [
    'id',
    'event_id',
    'hotel',
    'room_type',
    'night',
    'contracted',
    'held',
    'rate_minor',
    'currency',
    'cut_off_date',
    'cut_off_warning_days',
    'attrition_percent',
    'comp_ratio',
    'staff_rooms',
    'contract_id',
    'resold',
    ...versioned,
  ],
  room_reservation: [
    'id',
    'event_id',
    'attendee_id',
    'speaker_id',
    'hotel',
    'room_type',
    'arrives',
    'departs',
    'roommate_attendee_id',
    'room_billing',
    'incidentals_billing',
    'confirmation',
    ...versioned,
  ],
} as const;
