import type { ColumnType, Generated, Selectable } from 'kysely';
import { type DateOnly, type Timestamp, type Versioned, versioned } from './columns.js';

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
  /** Answers to the event's registration questions, by question id: a text, or the choices made. */
  answers: Generated<Answers>;
  /** The invitation list they were invited from. */
  invitation_list_id: string | null;
  /** Health data (src/domain/meals/health.ts): dietary requirements from the fixed list, and more in words. */
  dietary: ColumnType<string[], string | undefined, string>;
  dietary_notes: ColumnType<string | null, string | null | undefined, string | null>;
  allergies: ColumnType<Allergy[], string | undefined, string>;
  accessibility: ColumnType<string[], string | undefined, string>;
  accessibility_notes: ColumnType<string | null, string | null | undefined, string | null>;
}

export type AllergySeverity = 'MILD' | 'MODERATE' | 'SEVERE' | 'ANAPHYLACTIC';
/** One allergy: the allergen (from the fixed list, or OTHER with words) and how severe. */
export type Allergy = { allergen: string; detail: string | null; severity: AllergySeverity };

export type Answers = Record<string, string | string[]>;
export type QuestionKind = 'TEXT' | 'CHOICE' | 'MULTIPLE_CHOICE';

export interface RegistrationQuestionTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  label: string;
  kind: QuestionKind;
  /** The choices of a CHOICE or MULTIPLE_CHOICE question. */
  options: ColumnType<string[], string, string>;
  /** Must be answered before someone is REGISTERED. */
  required: Generated<boolean>;
  position: Generated<number>;
}

export interface InvitationListTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  name: string;
  /** The registration type people invited from it get, unless told otherwise. */
  registration_type_id: string | null;
  notes: string | null;
}

export type SessionRegistrationStatus = 'REGISTERED' | 'WAITLISTED' | 'OFFERED';

/** An attendee's sign-up for a session: a seat, a place in its waitlist, or a seat offered until a deadline. */
export interface SessionRegistrationTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  session_id: string;
  attendee_id: string;
  status: SessionRegistrationStatus;
  /** Arrival order: the waitlist is served by it. */
  position: Generated<number>;
  /** Until when an OFFERED seat may be claimed. */
  offered_until: Timestamp | null;
}

/** An attendee checked in on a day, at the event (no session) or at one session. */
export interface CheckInTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  attendee_id: string;
  /** The event's day, on its wall clock. */
  day: DateOnly;
  session_id: string | null;
  checked_in_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type RegistrationType = Selectable<RegistrationTypeTable>;
export type Attendee = Selectable<AttendeeTable>;
export type SessionRegistration = Selectable<SessionRegistrationTable>;
export type CheckIn = Selectable<CheckInTable>;
export type RegistrationQuestion = Selectable<RegistrationQuestionTable>;
export type InvitationList = Selectable<InvitationListTable>;

export interface RegistrationTables {
  registration_type: RegistrationTypeTable;
  attendee: AttendeeTable;
  session_registration: SessionRegistrationTable;
  check_in: CheckInTable;
  registration_question: RegistrationQuestionTable;
  invitation_list: InvitationListTable;
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
    'answers',
    'invitation_list_id',
    'dietary',
    'dietary_notes',
    'allergies',
    'accessibility',
    'accessibility_notes',
    ...versioned,
  ],
  session_registration: ['id', 'event_id', 'session_id', 'attendee_id', 'status', 'position', 'offered_until', ...versioned],
  check_in: ['id', 'event_id', 'attendee_id', 'day', 'session_id', 'checked_in_at', ...versioned],
  registration_question: ['id', 'event_id', 'label', 'kind', 'options', 'required', 'position', ...versioned],
  invitation_list: ['id', 'event_id', 'name', 'registration_type_id', 'notes', ...versioned],
} as const;
