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
  | 'GENERAL_SESSION'
  | 'KEYNOTE'
  | 'BREAKOUT'
  | 'PANEL'
  | 'WORKSHOP'
  | 'MEAL'
  | 'BREAK'
  | 'NETWORKING'
  | 'EVENING_EVENT';
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
