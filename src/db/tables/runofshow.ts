import type { Generated, Selectable } from 'kysely';
import { type Timestamp, type Versioned, versioned } from './columns.js';

/** Each session's cues. */

export type CueDepartment = 'STAGE_MANAGEMENT' | 'LIGHTING' | 'AUDIO' | 'VIDEO' | 'GRAPHICS' | 'CAMERA' | 'STAGING';
export type CueTrigger = 'MANUAL' | 'FOLLOW' | 'TIMED';
export type CueState = 'PENDING' | 'STANDBY' | 'FIRED' | 'SKIPPED';

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

/** Rows as they are read. */
export type Cue = Selectable<CueTable>;

/** This area's tables, as Kysely's database interface names them. */
export interface RunOfShowTables {
  cue: CueTable;
}

/** The columns of the tables above, at run time. */
export const runofshowColumns = {
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
} as const;
