import type { Generated, Selectable } from 'kysely';
import { type Timestamp, type Versioned, versioned } from './columns.js';

/** Each session's run-of-show: its segments and cues, its holds, and each room's stage output. */

export type CueDepartment = 'STAGE_MANAGEMENT' | 'LIGHTING' | 'AUDIO' | 'VIDEO' | 'GRAPHICS' | 'CAMERA' | 'STAGING';
export type CueTrigger = 'MANUAL' | 'AUTO_CONTINUE' | 'AUTO_FOLLOW' | 'TIMED';
export type CueState = 'PENDING' | 'STANDBY' | 'FIRED' | 'SKIPPED';
export type SegmentKind =
  | 'WALK_IN'
  | 'OPENING'
  | 'VIDEO'
  | 'PRESENTATION'
  | 'KEYNOTE'
  | 'AWARD'
  | 'PANEL'
  | 'PERFORMANCE'
  | 'Q_AND_A'
  | 'BREAK'
  | 'WALK_OUT'
  | 'OTHER';
export type StartMode = 'FLEXIBLE' | 'FIXED';
export type TimerType = 'COUNT_DOWN' | 'COUNT_UP' | 'TIME_OF_DAY' | 'NONE';
export type MessageTone = 'NORMAL' | 'WARNING' | 'DANGER';

export interface SegmentTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  session_id: string;
  position: number;
  title: string;
  kind: SegmentKind;
  planned_seconds: number;
  /** A session speaker (the person on stage). */
  presenter_id: string | null;
  owner: string | null;
  start_mode: Generated<StartMode>;
  fixed_start_at: Timestamp | null;
  timer_type: Generated<TimerType>;
  warning_seconds: number | null;
  danger_seconds: number | null;
  actual_start_at: Timestamp | null;
  actual_end_at: Timestamp | null;
  /** Changed while the run-of-show was LOCKED (a published version stands). */
  edited_under_lock: Generated<boolean>;
}

export interface CueTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  session_id: string;
  segment_id: string | null;
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
  /** When the caller warned it ("standby LX 12"). */
  warned_at: Timestamp | null;
  /** When its operator answered the standby, and who. */
  acknowledged_at: Timestamp | null;
  acknowledged_by_user_id: string | null;
  /** GO came before its operator acknowledged a standby (it fired anyway). */
  called_without_standby: Generated<boolean>;
  /** The session speaker it is about (a mic, a walk-up). */
  speaker_id: string | null;
  /** Values of the department's fields, by key (clip name, mic number, camera shot). */
  field_values: Generated<Record<string, string | number>>;
  /** Changed while the run-of-show was LOCKED (a published version stands). */
  edited_under_lock: Generated<boolean>;
}

export interface SessionHoldTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  session_id: string;
  reason: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
}

/** What a room's stage shows its presenter: one row per room, made when first needed. */
export interface StageOutputTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  room_id: string;
  session_id: string | null;
  segment_id: string | null;
  timer_type: Generated<TimerType>;
  timer_title: string | null;
  timer_started_at: Timestamp | null;
  timer_ends_at: Timestamp | null;
  timer_paused_at: Timestamp | null;
  warning_seconds: number | null;
  danger_seconds: number | null;
  message: string | null;
  message_tone: Generated<MessageTone>;
  message_blink: Generated<boolean>;
  message_sent_at: Timestamp | null;
  blackout: Generated<boolean>;
}

export type DepartmentFieldKind = 'TEXT' | 'NUMBER' | 'SELECT' | 'ASSET';

/** A field a department's cues carry (LX: "Look"; VID: "Clip"; SND: "Mic"), defined per event. */
export interface DepartmentFieldTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  department: CueDepartment;
  key: string;
  label: string;
  kind: DepartmentFieldKind;
  options: Generated<string[]>;
  position: Generated<number>;
}

/** A rehearsal of a session: the show's state it set aside, and what happened in it. */
export interface ShowRunTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  session_id: string;
  kind: 'REHEARSAL';
  started_at: Timestamp;
  ended_at: Timestamp | null;
  show_state: unknown;
  result: unknown;
}

/** A published run-of-show ("Rev C"): its segments and cues as they stood. */
export interface RunOfShowVersionTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  session_id: string;
  number: number;
  label: string;
  snapshot: unknown;
  published_at: Generated<Date>;
  published_by_user_id: string | null;
}

/** Rows as they are read. */
export type Segment = Selectable<SegmentTable>;
export type Cue = Selectable<CueTable>;
export type SessionHold = Selectable<SessionHoldTable>;
export type StageOutput = Selectable<StageOutputTable>;
export type DepartmentField = Selectable<DepartmentFieldTable>;
export type ShowRun = Selectable<ShowRunTable>;
export type RunOfShowVersion = Selectable<RunOfShowVersionTable>;

/** This area's tables, as Kysely's database interface names them. */
export interface RunOfShowTables {
  segment: SegmentTable;
  cue: CueTable;
  session_hold: SessionHoldTable;
  stage_output: StageOutputTable;
  department_field: DepartmentFieldTable;
  show_run: ShowRunTable;
  run_of_show_version: RunOfShowVersionTable;
}

/** The columns of the tables above, at run time. */
export const runofshowColumns = {
  segment: [
    'id',
    'event_id',
    'session_id',
    'position',
    'title',
    'kind',
    'planned_seconds',
    'presenter_id',
    'owner',
    'start_mode',
    'fixed_start_at',
    'timer_type',
    'warning_seconds',
    'danger_seconds',
    'actual_start_at',
    'actual_end_at',
    'edited_under_lock',
    ...versioned,
  ],
  cue: [
    'id',
    'event_id',
    'session_id',
    'segment_id',
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
    'warned_at',
    'acknowledged_at',
    'acknowledged_by_user_id',
    'called_without_standby',
    'speaker_id',
    'field_values',
    'edited_under_lock',
    ...versioned,
  ],
  department_field: ['id', 'event_id', 'department', 'key', 'label', 'kind', 'options', 'position', ...versioned],
  show_run: ['id', 'event_id', 'session_id', 'kind', 'started_at', 'ended_at', 'show_state', 'result', ...versioned],
  run_of_show_version: [
    'id',
    'event_id',
    'session_id',
    'number',
    'label',
    'snapshot',
    'published_at',
    'published_by_user_id',
    ...versioned,
  ],
  session_hold: ['id', 'event_id', 'session_id', 'reason', 'started_at', 'ended_at', ...versioned],
  stage_output: [
    'id',
    'event_id',
    'room_id',
    'session_id',
    'segment_id',
    'timer_type',
    'timer_title',
    'timer_started_at',
    'timer_ends_at',
    'timer_paused_at',
    'warning_seconds',
    'danger_seconds',
    'message',
    'message_tone',
    'message_blink',
    'message_sent_at',
    'blackout',
    ...versioned,
  ],
} as const;
