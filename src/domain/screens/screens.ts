import { hashToken, SCREEN_LINK_PREFIX } from '../../auth/tokens.js';
import type { Database } from '../../db/client.js';
import type { ScreenLink } from '../../db/types.js';
import type { Actor, Written } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity } from '../entities.js';
import { newSecret, readsAs, requireOfEvent, revokeLink } from '../links.js';

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
  const token = newSecret(SCREEN_LINK_PREFIX);
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
export const revokeScreenLink = (db: Database, actor: Actor, id: string): Promise<Written<ScreenLink>> =>
  revokeLink(db, actor, 'screen_link', id);
