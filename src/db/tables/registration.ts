import type { Generated, Selectable } from 'kysely';
import { type Timestamp, type Versioned, versioned } from './columns.js';

/** Registration: an event's registration types and its attendees. */

export type RegistrationKind = 'ATTENDEE' | 'STAFF' | 'SPEAKER' | 'VIP' | 'GUEST' | 'CLIENT_EXECUTIVE' | 'CREW' | 'PRESS';
export type AttendeeStatus = 'INVITED' | 'PENDING_APPROVAL' | 'REGISTERED' | 'WAITLISTED' | 'DECLINED' | 'CANCELLED';

export interface RegistrationTypeTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  name: string;
  kind: RegistrationKind;
  /** How many may be REGISTERED with this type; null for no limit. */
  capacity: number | null;
}

export interface AttendeeTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  registration_type_id: string | null;
  name: string;
  email: string;
  company: string | null;
  status: Generated<AttendeeStatus>;
  /** The primary attendee a guest or partner comes with. */
  guest_of_attendee_id: string | null;
  badge_name: string | null;
  badge_type: string | null;
  badge_printed_at: Timestamp | null;
  vip_notes: string | null;
}

export type RegistrationType = Selectable<RegistrationTypeTable>;
export type Attendee = Selectable<AttendeeTable>;

export interface RegistrationTables {
  registration_type: RegistrationTypeTable;
  attendee: AttendeeTable;
}

export const registrationColumns = {
  registration_type: ['id', 'event_id', 'name', 'kind', 'capacity', ...versioned],
  attendee: [
    'id',
    'event_id',
    'registration_type_id',
    'name',
    'email',
    'company',
    'status',
    'guest_of_attendee_id',
    'badge_name',
    'badge_type',
    'badge_printed_at',
    'vip_notes',
    ...versioned,
  ],
} as const;
