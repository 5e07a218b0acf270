import type { ColumnType, Generated, Selectable } from 'kysely';
import { type DateOnly, type Timestamp, type Versioned, versioned } from './columns.js';

/** Crew calls under labor rules: rule sets, crew companies, the crew, calls and who is on them. */

export type CrewRole =
  'SHOW_CALLER' | 'STAGE_MANAGER' | 'A1' | 'A2' | 'V1' | 'LD' | 'CAMERA' | 'GRAPHICS' | 'RIGGER' | 'LED_TECH' | 'STAGEHAND' | 'HOUSE_LABOR';
export type CrewAssignmentStatus = 'TENTATIVE' | 'CONFIRMED';

/** The labor rules of a venue or a union local. */
export interface LaborRuleSetTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  venue_id: string | null;
  name: string;
  minimum_call_minutes: Generated<number>;
  meal_after_minutes: Generated<number>;
  meal_penalty_step_minutes: Generated<number>;
  overtime_after_minutes: Generated<number>;
  minimum_rest_minutes: Generated<number>;
  night_starts_minute: number | null;
  night_ends_minute: number | null;
}

/** A company that sends crew (LED, staging, rigging, house labor), with the insurance certificate the venue asks for. */
export interface CrewVendorTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  name: string;
  trade: string;
  insurance_expires_on: DateOnly | null;
  insurance_location: string | null;
}

/** A person on the crew; their rate and personal details are production's alone. */
export interface CrewMemberTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  vendor_id: string | null;
  name: string;
  role: CrewRole;
  phone: string | null;
  email: string | null;
  day_rate_minor: number | null;
  currency: string | null;
  address: string | null;
  date_of_birth: DateOnly | null;
  passport_number: string | null;
  emergency_contact: string | null;
  medical_notes: string | null;
}

/** N people in a role for a time window, over one room or several (a floater). */
export interface CrewCallTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  role: CrewRole;
  headcount: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  room_ids: ColumnType<string[], string[] | undefined, string[]>;
  block_id: string | null;
  rule_set_id: string | null;
  meal_starts_at: Timestamp | null;
  meal_minutes: Generated<number>;
  notes: string | null;
}

export interface CrewAssignmentTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  call_id: string;
  member_id: string;
  status: Generated<CrewAssignmentStatus>;
}

export type LaborRuleSet = Selectable<LaborRuleSetTable>;
export type CrewVendor = Selectable<CrewVendorTable>;
export type CrewMember = Selectable<CrewMemberTable>;
export type CrewCall = Selectable<CrewCallTable>;
export type CrewAssignment = Selectable<CrewAssignmentTable>;

export interface CrewTables {
  labor_rule_set: LaborRuleSetTable;
  crew_vendor: CrewVendorTable;
  crew_member: CrewMemberTable;
  crew_call: CrewCallTable;
  crew_assignment: CrewAssignmentTable;
}

export const crewColumns = {
  labor_rule_set: [
    'id',
    'event_id',
    'venue_id',
    'name',
    'minimum_call_minutes',
    'meal_after_minutes',
    'meal_penalty_step_minutes',
    'overtime_after_minutes',
    'minimum_rest_minutes',
    'night_starts_minute',
    'night_ends_minute',
    ...versioned,
  ],
  crew_vendor: ['id', 'event_id', 'name', 'trade', 'insurance_expires_on', 'insurance_location', ...versioned],
  crew_member: [
    'id',
    'event_id',
    'vendor_id',
    'name',
    'role',
    'phone',
    'email',
    'day_rate_minor',
    'currency',
    'address',
    'date_of_birth',
    'passport_number',
    'emergency_contact',
    'medical_notes',
    ...versioned,
  ],
  crew_call: [
    'id',
    'event_id',
    'role',
    'headcount',
    'starts_at',
    'ends_at',
    'room_ids',
    'block_id',
    'rule_set_id',
    'meal_starts_at',
    'meal_minutes',
    'notes',
    ...versioned,
  ],
  crew_assignment: ['id', 'event_id', 'call_id', 'member_id', 'status', ...versioned],
} as const;
