import type { Generated, Selectable } from 'kysely';
import { type Timestamp, type Versioned, versioned } from './columns.js';

/** Read-only links for control-room screens: one event, optionally one room or session. */

export interface ScreenLinkTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  /** A room's link opens only that room's stage timer. */
  room_id: string | null;
  /** A session's link opens its run-of-show (read only) and its room's stage timer. */
  session_id: string | null;
  label: string;
  /** SHA-256 of the secret; the secret itself is shown once. Never in the change history. */
  token_hash: Buffer;
  /** Whose rights the link reads with: its creator's organization, while it stays a member. */
  organization_id: string;
  created_by_user_id: string;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export type ScreenLink = Selectable<ScreenLinkTable>;

export interface ScreensTables {
  screen_link: ScreenLinkTable;
}

export const screensColumns = {
  screen_link: [
    'id',
    'event_id',
    'room_id',
    'session_id',
    'label',
    'token_hash',
    'organization_id',
    'created_by_user_id',
    'last_used_at',
    'revoked_at',
    ...versioned,
  ],
} as const;
