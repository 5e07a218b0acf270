import type { ColumnType, Generated, Selectable } from 'kysely';
import { type Timestamp, type Versioned, versioned } from './columns.js';

/** Function orders (BEOs): what the venue sets, serves and bills for each function. */

export type FunctionKind =
  | 'GENERAL_SESSION'
  | 'BREAKOUT'
  | 'MEAL'
  | 'RECEPTION'
  | 'BREAK'
  | 'REGISTRATION'
  | 'GREEN_ROOM'
  | 'OFFICE'
  | 'STORAGE'
  | 'REHEARSAL'
  | 'CREW_MEAL'
  | 'OTHER';
export type SetStyle =
  | 'THEATER'
  | 'CLASSROOM'
  | 'ROUNDS'
  | 'CRESCENT_ROUNDS'
  | 'CABARET'
  | 'BOARDROOM'
  | 'U_SHAPE'
  | 'HOLLOW_SQUARE'
  | 'RECEPTION'
  | 'EXHIBIT'
  | 'CUSTOM';

/**
 * One F&B line of a function order: an item at a unit price (minor units of the order's currency,
 * as integer text), either per person — the quantity is the count the venue bills — or a fixed
 * quantity (gallons of coffee, a bartender).
 */
export type FbLine = { item: string; unitPriceMinor: string; perPerson: boolean; quantity: number | null };

export interface FunctionOrderTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  name: string;
  kind: FunctionKind;
  room_id: string | null;
  session_id: string | null;
  /** The meal whose opt-ins are the expected count. */
  meal_id: string | null;
  /** The contract that bills it (the venue's or the caterer's); its F&B minimum counts this order's spend. */
  contract_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  setup_at: Timestamp | null;
  strike_at: Timestamp | null;
  set_style: SetStyle | null;
  set_notes: string | null;
  /** The expected count when no meal gives it. */
  expected_count: number | null;
  guaranteed_count: number | null;
  /** The guarantee is due this many business hours (weekday hours in the event's zone) before the start. */
  guarantee_notice_hours: Generated<number>;
  /** Read as decimal text ("3.00"). */
  overset_percent: ColumnType<string, string | undefined, string>;
  actual_count: number | null;
  currency: string;
  fb_lines: ColumnType<FbLine[], string | undefined, string>;
  service_charge_percent: ColumnType<string, string | undefined, string>;
  tax_percent: ColumnType<string, string | undefined, string>;
  tax_on_service_charge: Generated<boolean>;
  av_order: string | null;
  billing_account: string | null;
  /** The BEO's own version: a change after the client signed off makes the next one. */
  beo_version: Generated<number>;
  signed_off_version: number | null;
  signed_off_by: string | null;
  signed_off_at: Timestamp | null;
}

export type FunctionOrder = Selectable<FunctionOrderTable>;

export interface BeoTables {
  function_order: FunctionOrderTable;
}

export const beoColumns = {
  function_order: [
    'id',
    'event_id',
    'name',
    'kind',
    'room_id',
    'session_id',
    'meal_id',
    'contract_id',
    'starts_at',
    'ends_at',
    'setup_at',
    'strike_at',
    'set_style',
    'set_notes',
    'expected_count',
    'guaranteed_count',
    'guarantee_notice_hours',
    'overset_percent',
    'actual_count',
    'currency',
    'fb_lines',
    'service_charge_percent',
    'tax_percent',
    'tax_on_service_charge',
    'av_order',
    'billing_account',
    'beo_version',
    'signed_off_version',
    'signed_off_by',
    'signed_off_at',
    ...versioned,
  ],
} as const;
