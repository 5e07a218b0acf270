import { sql } from 'kysely';
import { hashToken, noteUse } from '../../auth/tokens.js';
import type { Database, Executor } from '../../db/client.js';
import type { ListSpec, PageArgs } from '../../db/pagination.js';
import type { FeedLink } from '../../db/types.js';
import type { Actor, Written } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity } from '../entities.js';
import { newSecret, readsAs, requireOfEvent, revokeLink } from '../links.js';

/**
 * Calendar feed links: calendar apps cannot send headers, so the secret is in the URL
 * (`/export/feeds/<secret>/schedule.ics`). A link reads one event's released schedule — all of it,
 * or one room's, one track's or one speaker's sessions — and nothing else: no draft, no run-of-show,
 * no GraphQL. It works while it is not revoked and its maker's organization stays a member.
 */

export const FEED_LINK_PREFIX = 'scf_';

/** What a feed link opens. At most one of room, speaker and track narrows it. */
export type FeedScope = { linkId: string; eventId: string; roomId: string | null; speakerId: string | null; track: string | null };

export type FeedLinkInput = { eventId: string; roomId?: string | null; speakerId?: string | null; track?: string | null; label: string };

/** Makes a feed link; its secret comes back here only. */
export async function createFeedLink(db: Database, actor: Actor, input: FeedLinkInput): Promise<Written<FeedLink> & { token: string }> {
  const narrowed = (['roomId', 'speakerId', 'track'] as const).filter((k) => input[k]);
  if (narrowed.length > 1)
    throw new ValidationError({ field: narrowed[1]!, message: `give one of roomId, speakerId and track, not ${narrowed.join(' and ')}` });
  if (!actor.userId || !actor.organizationId)
    throw new ValidationError({ field: 'eventId', message: 'a feed link is made by a user of a member organization' });
  const token = newSecret(FEED_LINK_PREFIX);
  const written = await createEntity(db, actor, 'feed_link', input.eventId, async (tx) => {
    if (input.roomId) await requireOfEvent(tx, 'room', input.roomId, input.eventId, 'roomId');
    if (input.speakerId) await requireOfEvent(tx, 'speaker', input.speakerId, input.eventId, 'speakerId');
    return {
      room_id: input.roomId ?? null,
      speaker_id: input.speakerId ?? null,
      track: input.track ?? null,
      label: input.label,
      token_hash: hashToken(token),
      organization_id: await readsAs(tx, actor, input.eventId),
      created_by_user_id: actor.userId!,
    };
  });
  return { ...written, token };
}

/** Revokes a feed link: calendars polling it get 404 from now on. Revoking a revoked link changes nothing. */
export const revokeFeedLink = (db: Database, actor: Actor, id: string): Promise<Written<FeedLink>> =>
  revokeLink(db, actor, 'feed_link', id);

/** The scope of a live feed link's secret, or null (unknown, revoked, or its organization no longer a member); one statement. */
export async function feedScope(db: Executor, secret: string): Promise<FeedScope | null> {
  if (!secret.startsWith(FEED_LINK_PREFIX) || secret.length > 200) return null;
  const row = await db
    .selectFrom('feed_link as l')
    .select(['l.id', 'l.event_id', 'l.room_id', 'l.speaker_id', 'l.track', 'l.last_used_at'])
    .where('l.token_hash', '=', hashToken(secret))
    .where('l.revoked_at', 'is', null)
    .where(sql<boolean>`EXISTS (SELECT 1 FROM event_member m WHERE m.event_id = l.event_id AND m.organization_id = l.organization_id)`)
    .executeTakeFirst();
  if (!row) return null;
  await noteUse(db, 'feed_link', row.id, row.last_used_at);
  return { linkId: row.id, eventId: row.event_id, roomId: row.room_id, speakerId: row.speaker_id, track: row.track };
}

/** An event's feed links, oldest first (revoked ones stay listed). */
export const feedLinksOfEvent: ListSpec<PageArgs> = {
  name: 'event.feedLinks',
  table: 'feed_link',
  parent: 'event_id',
  orderBy: ['created_at'],
};
