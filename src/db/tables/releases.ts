import type { ColumnType, Generated, Selectable } from 'kysely';
import { type Timestamp, type Versioned, versioned } from './columns.js';

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

/** A calendar feed's link: one event, optionally one room, track or speaker; read-only, revocable. */
export interface FeedLinkTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  room_id: string | null;
  speaker_id: string | null;
  track: string | null;
  label: string;
  /** SHA-256 of the secret; the secret itself is shown once. Never in the change history. */
  token_hash: Buffer;
  /** The organization of its maker: the link works while that organization stays a member. */
  organization_id: string;
  created_by_user_id: string;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export type FeedLink = Selectable<FeedLinkTable>;

export interface ReleasesTables {
  schedule_release: ScheduleReleaseTable;
  feed_link: FeedLinkTable;
}

export const releasesColumns = {
  schedule_release: ['id', 'event_id', 'number', 'revision', 'note', 'published_by', 'sessions', ...versioned],
  feed_link: [
    'id',
    'event_id',
    'room_id',
    'speaker_id',
    'track',
    'label',
    'token_hash',
    'organization_id',
    'created_by_user_id',
    'last_used_at',
    'revoked_at',
    ...versioned,
  ],
} as const;
