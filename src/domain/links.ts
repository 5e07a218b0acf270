import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/client.js';
import type { DB, FeedLink, ScreenLink } from '../db/types.js';
import type { Actor, Written } from '../db/write.js';
import { ValidationError } from '../shared/errors.js';
import { findById, updateEntity } from './entities.js';

/**
 * What screen links and calendar feed links share: a secret shown once (only its hash is kept), the
 * organization whose membership keeps the link working, rows named in its scope that must be of its
 * event, and revocation that leaves the link listed.
 */

/** A new secret with its kind's prefix (`scl_` screens, `scf_` feeds). */
export const newSecret = (prefix: string): string => prefix + randomBytes(32).toString('base64url');

export async function requireOfEvent(
  tx: Transaction<DB>,
  table: 'room' | 'session' | 'speaker',
  id: string,
  eventId: string,
  field: string,
): Promise<void> {
  const row = await tx.selectFrom(table).select('event_id').where('id', '=', id).executeTakeFirst();
  if (row?.event_id !== eventId) throw new ValidationError({ field, message: `is not a ${table} of this event` });
}

/**
 * Whose rights a new link reads with: its maker's organization — or, for a platform administrator
 * whose organization is no member, the event's management.
 */
export async function readsAs(tx: Transaction<DB>, actor: Actor, eventId: string): Promise<string> {
  const members = await tx
    .selectFrom('event_member')
    .select(['organization_id', 'role'])
    .where('event_id', '=', eventId)
    .orderBy('created_at')
    .execute();
  if (members.some((m) => m.organization_id === actor.organizationId)) return actor.organizationId!;
  const management = members.find((m) => m.role === 'MANAGEMENT');
  if (actor.isPlatformAdmin && management) return management.organization_id;
  throw new ValidationError({
    field: 'eventId',
    message: 'your organization is not a member of this event, and a link reads with its rights',
  });
}

/** Revokes a link; revoking a revoked link changes nothing. */
export async function revokeLink<T extends 'screen_link' | 'feed_link'>(
  db: Database,
  actor: Actor,
  table: T,
  id: string,
): Promise<Written<T extends 'screen_link' ? ScreenLink : FeedLink>> {
  const link = (await findById(db, table, id)) as ScreenLink | FeedLink;
  if (link.revoked_at) return { result: link, revision: null } as never;
  return updateEntity(db, actor, table, id, null, { revoked_at: new Date() } as never) as never;
}
