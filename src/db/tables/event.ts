import type { Generated, Selectable } from 'kysely';
import { type DateOnly, type Versioned, versioned } from './columns.js';

/** Events and the organizations that are members of them. */

export type EventStatus = 'PLANNING' | 'CONFIRMED' | 'LIVE' | 'WRAPPED' | 'CANCELLED';
export type MemberRole = 'CLIENT' | 'MANAGEMENT' | 'PRODUCTION';
export type CueNumbering = 'SESSION' | 'ROOM_DAY';

export interface EventTable extends Versioned {
  id: Generated<string>;
  name: string;
  client_organization_id: string | null;
  timezone: string;
  start_date: DateOnly;
  end_date: DateOnly;
  status: Generated<EventStatus>;
  revision: Generated<number>;
  /** Cue numbers are unique per session and department, or per department across a room's show day. */
  cue_numbering: Generated<CueNumbering>;
  /** How long before their first session a speaker must have landed (travel warnings). */
  speaker_arrival_buffer_minutes: Generated<number>;
  /** How long before a room's first session of the day its doors open (the production schedule). */
  doors_minutes: Generated<number>;
  /** How long before their session slides lock (assets). */
  slide_lock_minutes: Generated<number>;
  /** The released schedule's exports open without a secret (management decides). */
  schedule_public: Generated<boolean>;
}

export interface EventMemberTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  organization_id: string;
  role: MemberRole;
}

/** Rows as they are read. */
export type Event = Selectable<EventTable>;
export type EventMember = Selectable<EventMemberTable>;

/** This area's tables, as Kysely's database interface names them. */
export interface EventTables {
  event: EventTable;
  event_member: EventMemberTable;
}

/** The columns of the tables above, at run time. */
export const eventColumns = {
  event: [
    'id',
    'name',
    'client_organization_id',
    'timezone',
    'start_date',
    'end_date',
    'status',
    'revision',
    'cue_numbering',
    'speaker_arrival_buffer_minutes',
    'doors_minutes',
    'slide_lock_minutes',
    'schedule_public',
    ...versioned,
  ],
  event_member: ['id', 'event_id', 'organization_id', 'role', ...versioned],
} as const;
