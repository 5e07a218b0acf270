import type { ColumnType, Generated, Selectable } from 'kysely';
import { type Versioned, versioned } from './columns.js';

/** Schedule releases: numbered, immutable snapshots of an event's public schedule. */

/** A session as a release holds it. */
export type ReleasedSession = {
  id: string;
  title: string;
  kind: string;
  track: string | null;
  description: string | null;
  startsAt: string;
  endsAt: string;
  status: string;
  room: { id: string; name: string } | null;
  speakers: { id: string; name: string; company: string | null; role: string }[];
};

export interface ScheduleReleaseTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  number: number;
  /** The event's revision the snapshot was taken at. */
  revision: number;
  note: string | null;
  published_by: string | null;
  sessions: ColumnType<ReleasedSession[], string, never>;
}

export type ScheduleRelease = Selectable<ScheduleReleaseTable>;

export interface ReleasesTables {
  schedule_release: ScheduleReleaseTable;
}

export const releasesColumns = {
  schedule_release: ['id', 'event_id', 'number', 'revision', 'note', 'published_by', 'sessions', ...versioned],
} as const;
