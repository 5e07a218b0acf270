import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns are read as 'YYYY-MM-DD' strings (see client.ts), never shifted by a time zone. */
type DateOnly = string;

export type OrganizationKind = 'CLIENT' | 'MANAGEMENT_AGENCY' | 'PRODUCTION_AGENCY';
export type EventStatus = 'PLANNING' | 'CONFIRMED' | 'LIVE' | 'WRAPPED' | 'CANCELLED';
export type MemberRole = 'CLIENT' | 'MANAGEMENT' | 'PRODUCTION';
export type RoomKind = 'GENERAL_SESSION' | 'BREAKOUT' | 'BALLROOM' | 'BOARDROOM' | 'EXHIBIT_HALL' | 'OUTDOOR' | 'OTHER';
export type SessionKind =
  'GENERAL_SESSION' | 'KEYNOTE' | 'BREAKOUT' | 'PANEL' | 'WORKSHOP' | 'MEAL' | 'BREAK' | 'NETWORKING' | 'EVENING_EVENT';
export type SessionStatus = 'SCHEDULED' | 'LIVE' | 'ENDED' | 'CANCELLED';
export type PresentationFormat = 'SLIDES' | 'VIDEO' | 'LIVE_DEMO' | 'PANEL' | 'FIRESIDE_CHAT' | 'PERFORMANCE' | 'NONE';
export type SpeakerRole = 'PRESENTER' | 'MODERATOR' | 'PANELIST' | 'HOST' | 'PERFORMER';
export type CueDepartment = 'STAGE_MANAGEMENT' | 'LIGHTING' | 'AUDIO' | 'VIDEO' | 'GRAPHICS' | 'CAMERA' | 'STAGING';
export type CueTrigger = 'MANUAL' | 'FOLLOW' | 'TIMED';
export type CueState = 'PENDING' | 'STANDBY' | 'FIRED' | 'SKIPPED';

type Versioned = {
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
};

export interface OrganizationTable extends Versioned {
  id: Generated<string>;
  name: string;
  kind: OrganizationKind;
}

export interface AppUserTable extends Versioned {
  id: Generated<string>;
  organization_id: string;
  name: string;
  email: string;
  is_platform_admin: Generated<boolean>;
  is_organization_admin: Generated<boolean>;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: Buffer;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface EventTable extends Versioned {
  id: Generated<string>;
  name: string;
  client_organization_id: string | null;
  timezone: string;
  start_date: DateOnly;
  end_date: DateOnly;
  status: Generated<EventStatus>;
  revision: Generated<number>;
}

export interface EventMemberTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  organization_id: string;
  role: MemberRole;
}

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
  setup: string | null;
  changeover_minutes: Generated<number>;
}

export interface SessionTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  room_id: string | null;
  title: string;
  description: string | null;
  kind: SessionKind;
  track: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: Generated<SessionStatus>;
  actual_start_at: Timestamp | null;
  actual_end_at: Timestamp | null;
  presentation_format: PresentationFormat | null;
}

export interface SpeakerTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  name: string;
  company: string | null;
  job_title: string | null;
  bio: string | null;
  email: string | null;
  arrival_at: Timestamp | null;
  departure_at: Timestamp | null;
}

export interface SessionSpeakerTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  session_id: string;
  speaker_id: string;
  role: SpeakerRole;
  position: Generated<number>;
}

export interface CueTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  session_id: string;
  position: number;
  number: string;
  department: CueDepartment;
  title: string;
  notes: string | null;
  offset_seconds: Generated<number>;
  duration_seconds: number | null;
  trigger: Generated<CueTrigger>;
  state: Generated<CueState>;
  fired_at: Timestamp | null;
  fired_by_user_id: string | null;
}

export interface ChangeTable {
  event_id: string;
  revision: number;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor_user_id: string | null;
  actor_organization_id: string | null;
  kind: string;
  entity_type: string;
  entity_id: string;
  before: ColumnType<Record<string, unknown> | null, string | null, never>;
  after: ColumnType<Record<string, unknown> | null, string | null, never>;
}

export interface DB {
  organization: OrganizationTable;
  app_user: AppUserTable;
  api_token: ApiTokenTable;
  event: EventTable;
  event_member: EventMemberTable;
  venue: VenueTable;
  room: RoomTable;
  session: SessionTable;
  speaker: SpeakerTable;
  session_speaker: SessionSpeakerTable;
  cue: CueTable;
  change: ChangeTable;
}

const versioned = ['version', 'created_at', 'updated_at'] as const;

/**
 * Every column of every table, at run time: pages name the columns they select (only those a query
 * reads, see src/schema/selection.ts), and need the whole list when a query reads whole rows.
 */
export const COLUMNS = {
  organization: ['id', 'name', 'kind', ...versioned],
  app_user: ['id', 'organization_id', 'name', 'email', 'is_platform_admin', 'is_organization_admin', ...versioned],
  api_token: ['id', 'user_id', 'name', 'token_hash', 'created_at', 'last_used_at', 'revoked_at'],
  event: ['id', 'name', 'client_organization_id', 'timezone', 'start_date', 'end_date', 'status', 'revision', ...versioned],
  event_member: ['id', 'event_id', 'organization_id', 'role', ...versioned],
  venue: ['id', 'event_id', 'name', 'address', 'city', 'country', ...versioned],
  room: ['id', 'event_id', 'venue_id', 'name', 'kind', 'capacity', 'setup', 'changeover_minutes', ...versioned],
  session: [
    'id',
    'event_id',
    'room_id',
    'title',
    'description',
    'kind',
    'track',
    'starts_at',
    'ends_at',
    'status',
    'actual_start_at',
    'actual_end_at',
    'presentation_format',
    ...versioned,
  ],
  speaker: ['id', 'event_id', 'name', 'company', 'job_title', 'bio', 'email', 'arrival_at', 'departure_at', ...versioned],
  session_speaker: ['id', 'event_id', 'session_id', 'speaker_id', 'role', 'position', ...versioned],
  cue: [
    'id',
    'event_id',
    'session_id',
    'position',
    'number',
    'department',
    'title',
    'notes',
    'offset_seconds',
    'duration_seconds',
    'trigger',
    'state',
    'fired_at',
    'fired_by_user_id',
    ...versioned,
  ],
  change: ['event_id', 'revision', 'at', 'actor_user_id', 'actor_organization_id', 'kind', 'entity_type', 'entity_id', 'before', 'after'],
} as const satisfies { [T in keyof DB]: readonly (keyof DB[T] & string)[] };

/** A column of a table, by name. */
export type ColumnOf<T extends keyof DB> = keyof DB[T] & string;

// Fails to compile, naming the column, when a table above gains a column that COLUMNS lacks.
type MissingColumns = { [T in keyof DB]: Exclude<ColumnOf<T>, (typeof COLUMNS)[T][number]> }[keyof DB];
const columnsComplete: [MissingColumns] extends [never] ? true : MissingColumns = true;
void columnsComplete;

export type Organization = Selectable<OrganizationTable>;
export type User = Selectable<AppUserTable>;
export type ApiToken = Selectable<ApiTokenTable>;
export type Event = Selectable<EventTable>;
export type EventMember = Selectable<EventMemberTable>;
export type Venue = Selectable<VenueTable>;
export type Room = Selectable<RoomTable>;
export type Session = Selectable<SessionTable>;
export type Speaker = Selectable<SpeakerTable>;
export type SessionSpeaker = Selectable<SessionSpeakerTable>;
export type Cue = Selectable<CueTable>;
export type Change = Selectable<ChangeTable>;
export type { Insertable, Updateable };
