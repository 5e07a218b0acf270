import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import { hashToken, SCREEN_LINK_PREFIX } from '../../auth/tokens.js';
import type { Database } from '../../db/client.js';
import type { DB, ScreenLink } from '../../db/types.js';
import type { Actor, Written } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity, findById, updateEntity } from '../entities.js';

/**
 * The screens area: read-only links for control-room screens. A link is for one event, and
 * optionally one room (its stage timer) or one session (its run-of-show and its room's stage). It
 * reads with the rights of the organization that made it, while that organization stays a member;
 * it never writes. Its secret is shown once, in the URL's fragment; only a hash is kept.
 */

/** Which page a link opens: its scope decides. */
export type ScreenKind = 'OVERVIEW' | 'TIMER' | 'CALLER';

export function screenOf(link: Pick<ScreenLink, 'room_id' | 'session_id'>): ScreenKind {
  return link.session_id ? 'CALLER' : link.room_id ? 'TIMER' : 'OVERVIEW';
}

/** The link's page on this server, without its secret: `/screens/timer?room=<Room id>`. */
export function screenPath(
  link: Pick<ScreenLink, 'event_id' | 'room_id' | 'session_id'>,
  globalId: (type: string, id: string) => string,
): string {
  const [page, param, type, id] = link.session_id
    ? ['caller', 'session', 'Session', link.session_id]
    : link.room_id
      ? ['timer', 'room', 'Room', link.room_id]
      : ['overview', 'event', 'Event', link.event_id];
  return `/screens/${page}?${param}=${encodeURIComponent(globalId(type, id))}`;
}

export type ScreenLinkInput = { eventId: string; roomId?: string | null; sessionId?: string | null; label: string };

async function requireOfEvent(tx: Transaction<DB>, table: 'room' | 'session', id: string, eventId: string, field: string): Promise<void> {
  const row = await tx.selectFrom(table).select('event_id').where('id', '=', id).executeTakeFirst();
  if (row?.event_id !== eventId) throw new ValidationError({ field, message: `is not a ${table} of this event` });
}

/**
 * Whose rights a new link reads with: its maker's organization — or, for a platform administrator
 * whose organization is no member, the event's management.
 */
async function readsAs(tx: Transaction<DB>, actor: Actor, eventId: string): Promise<string> {
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

/** Makes a link; the secret comes back here only. */
export async function createScreenLink(
  db: Database,
  actor: Actor,
  input: ScreenLinkInput,
): Promise<Written<ScreenLink> & { token: string }> {
  if (input.roomId && input.sessionId) {
    throw new ValidationError({
      field: 'sessionId',
      message: "give a room or a session, not both: a session's link opens its room's stage timer too",
    });
  }
  if (!actor.userId || !actor.organizationId)
    throw new ValidationError({ field: 'eventId', message: 'a screen link is made by a user of a member organization' });
  const token = SCREEN_LINK_PREFIX + randomBytes(32).toString('base64url');
  const written = await createEntity(db, actor, 'screen_link', input.eventId, async (tx) => {
    if (input.roomId) await requireOfEvent(tx, 'room', input.roomId, input.eventId, 'roomId');
    if (input.sessionId) await requireOfEvent(tx, 'session', input.sessionId, input.eventId, 'sessionId');
    const organizationId = await readsAs(tx, actor, input.eventId);
    return {
      room_id: input.roomId ?? null,
      session_id: input.sessionId ?? null,
      label: input.label,
      token_hash: hashToken(token),
      organization_id: organizationId,
      created_by_user_id: actor.userId!,
    };
  });
  return { ...written, token };
}

/** Revokes a link: its screens go blank within seconds. Revoking a revoked link changes nothing. */
export async function revokeScreenLink(db: Database, actor: Actor, id: string): Promise<Written<ScreenLink>> {
  const link = await findById(db, 'screen_link', id);
  if (link.revoked_at) return { result: link, revision: null };
  return updateEntity(db, actor, 'screen_link', id, null, { revoked_at: new Date() });
}
