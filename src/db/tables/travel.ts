import type { Generated, Selectable } from 'kysely';
import { type Timestamp, type Versioned, versioned } from './columns.js';

/** Travel: people's legs, and the transfer waves that meet them. */

export type TravelMode = 'FLIGHT' | 'TRAIN' | 'CAR';
export type TravelDirection = 'ARRIVAL' | 'DEPARTURE';

export interface TransferWaveTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  name: string;
  direction: TravelDirection;
  terminal: string | null;
  window_start: Timestamp;
  window_end: Timestamp;
  vehicle: string | null;
  vehicle_capacity: number;
  vehicles: Generated<number>;
  meet_and_greet: Generated<boolean>;
  vip_car: Generated<boolean>;
  /** When the passenger list went to the transport company: a leg changed after it is a warning. */
  manifest_sent_at: Timestamp | null;
}

export interface TravelLegTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  /** Whose leg: an attendee's or a speaker's (one of the two). */
  attendee_id: string | null;
  speaker_id: string | null;
  direction: TravelDirection;
  mode: TravelMode;
  carrier: string | null;
  number: string | null;
  from_place: string;
  to_place: string;
  departs_at: Timestamp;
  arrives_at: Timestamp;
  terminal: string | null;
  transfer_wave_id: string | null;
}

export type TransferWave = Selectable<TransferWaveTable>;
export type TravelLeg = Selectable<TravelLegTable>;

export interface TravelTables {
  transfer_wave: TransferWaveTable;
  travel_leg: TravelLegTable;
}

export const travelColumns = {
  transfer_wave: [
    'id',
    'event_id',
    'name',
    'direction',
    'terminal',
    'window_start',
    'window_end',
    'vehicle',
    'vehicle_capacity',
    'vehicles',
    'meet_and_greet',
    'vip_car',
    'manifest_sent_at',
    ...versioned,
  ],
  travel_leg: [
    'id',
    'event_id',
    'attendee_id',
    'speaker_id',
    'direction',
    'mode',
    'carrier',
    'number',
    'from_place',
    'to_place',
    'departs_at',
    'arrives_at',
    'terminal',
    'transfer_wave_id',
    ...versioned,
  ],
} as const;
