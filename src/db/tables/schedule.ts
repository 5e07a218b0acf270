import type { ColumnType, Generated, Selectable } from 'kysely';
import { type Timestamp, type Versioned, versioned } from './columns.js';

/** Sessions, speakers and who speaks in which session. */

export type SessionKind =
  'GENERAL_SESSION' | 'KEYNOTE' | 'BREAKOUT' | 'PANEL' | 'WORKSHOP' | 'MEAL' | 'BREAK' | 'NETWORKING' | 'EVENING_EVENT';
export type LaptopSource = 'OWN_LAPTOP' | 'SHOW_MACHINE' | 'NONE';
export type MicKind = 'LAV' | 'HEADSET' | 'HANDHELD' | 'LECTERN' | 'NONE';
export type ConfidenceView = 'SLIDES_AND_NOTES' | 'CURRENT_AND_NEXT' | 'TIMER' | 'PROGRAM' | 'NONE';

export type SessionStatus = 'SCHEDULED' | 'LIVE' | 'ENDED' | 'CANCELLED';
export type PresentationFormat = 'SLIDES' | 'VIDEO' | 'LIVE_DEMO' | 'PANEL' | 'FIRESIDE_CHAT' | 'PERFORMANCE' | 'NONE';
export type RunOfShowStatus = 'DRAFT' | 'LOCKED';
export type SpeakerRole = 'PRESENTER' | 'MODERATOR' | 'PANELIST' | 'HOST' | 'PERFORMER';

/** The kinds and roles at run time, for readers of files (the schedule importers). */
export const SESSION_KINDS: readonly SessionKind[] = [
  'GENERAL_SESSION',
  'KEYNOTE',
  'BREAKOUT',
  'PANEL',
  'WORKSHOP',
  'MEAL',
  'BREAK',
  'NETWORKING',
  'EVENING_EVENT',
];
export const SPEAKER_ROLES: readonly SpeakerRole[] = ['PRESENTER', 'MODERATOR', 'PANELIST', 'HOST', 'PERFORMER'];

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
  /** The latest instant the session may end (a ballroom flip, a live broadcast): back-timing aims at it. */
  hard_out_at: Timestamp | null;
  /** Starts at its planned time whatever runs before it: shifts never move it. */
  is_hard_start: Generated<boolean>;
  /** The plan as published: set when live timing first moves the session, or by publishBaseline. */
  baseline_starts_at: Timestamp | null;
  baseline_ends_at: Timestamp | null;
  /** The rehearsal being run now, if any: the show's state is set aside in it meanwhile. */
  rehearsal_id: string | null;
  /** DRAFT, or LOCKED once a version is published: edits still go through, each flagged. */
  run_of_show_status: Generated<RunOfShowStatus>;
  /** The registration cap (soft: planners over-register for no-shows, or hold seats back); null for none. */
  capacity: number | null;
  /** The seats set for the session's layout. */
  seats_set: number | null;
  /** How many may wait for a seat; null for no limit. */
  waitlist_capacity: number | null;
  /** After it, nobody joins the waitlist and a freed seat is offered for `claim_minutes`, not given. */
  waitlist_closes_at: Timestamp | null;
  claim_minutes: Generated<number>;
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
  /** The mic they wear or hold ("Lav 3", "HH 1"). */
  mic: string | null;
  /** What plays as they walk on. */
  walk_up_music: string | null;
  /** What they present from, their mic kind and what their confidence monitor shows; null takes the format's template. */
  laptop: ColumnType<LaptopSource | null, LaptopSource | null | undefined, LaptopSource | null>;
  mic_kind: ColumnType<MicKind | null, MicKind | null | undefined, MicKind | null>;
  confidence_view: ColumnType<ConfidenceView | null, ConfidenceView | null | undefined, ConfidenceView | null>;
}

/** Rows as they are read. */
export type Session = Selectable<SessionTable>;
export type Speaker = Selectable<SpeakerTable>;
export type SessionSpeaker = Selectable<SessionSpeakerTable>;

/** This area's tables, as Kysely's database interface names them. */
export interface ScheduleTables {
  session: SessionTable;
  speaker: SpeakerTable;
  session_speaker: SessionSpeakerTable;
}

/** The columns of the tables above, at run time. */
export const scheduleColumns = {
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
    'hard_out_at',
    'is_hard_start',
    'baseline_starts_at',
    'baseline_ends_at',
    'rehearsal_id',
    'run_of_show_status',
    'capacity',
    'seats_set',
    'waitlist_capacity',
    'waitlist_closes_at',
    'claim_minutes',
    ...versioned,
  ],
  speaker: ['id', 'event_id', 'name', 'company', 'job_title', 'bio', 'email', 'arrival_at', 'departure_at', ...versioned],
  session_speaker: [
    'id',
    'event_id',
    'session_id',
    'speaker_id',
    'role',
    'position',
    'mic',
    'walk_up_music',
    'laptop',
    'mic_kind',
    'confidence_view',
    ...versioned,
  ],
} as const;
