import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../db/client.js';
import type { OrganizationKind } from '../db/types.js';

/** Who is calling: a token's user and organization. */
export type Viewer = {
  userId: string;
  organizationId: string;
  organizationKind: OrganizationKind;
  isPlatformAdmin: boolean;
  /** Adds users to its own organization and gives them tokens. */
  isOrganizationAdmin: boolean;
  tokenId: string;
  /** Set when the token is a screen link's: it reads only its screens (src/auth/screens.ts). */
  screen?: ScreenScope;
};

/** What a screen link opens: one event, and within it one room or one session, or all of it. */
export type ScreenScope = { eventId: string; roomId: string | null; sessionId: string | null };

const PREFIX = 'sc_';
/** A screen link's secret (src/domain/screens/screens.ts makes them). */
export const SCREEN_LINK_PREFIX = 'scl_';

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Creates a token for a user. The secret is returned once; only its hash is stored. */
export async function createApiToken(db: Executor, userId: string, name: string): Promise<{ id: string; token: string }> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const row = await db
    .insertInto('api_token')
    .values({ user_id: userId, name, token_hash: hashToken(token) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

/** Last use is recorded at most once a minute per token or link, so reads do not become writes. */
const LAST_USED_GRANULARITY_MS = 60_000;

export async function noteUse(
  db: Executor,
  table: 'api_token' | 'screen_link' | 'feed_link',
  id: string,
  lastUsedAt: Date | null,
): Promise<void> {
  if (lastUsedAt && Date.now() - lastUsedAt.getTime() <= LAST_USED_GRANULARITY_MS) return;
  await db.updateTable(table).set({ last_used_at: new Date() }).where('id', '=', id).execute();
}

export async function viewerForToken(db: Executor, token: string): Promise<Viewer | null> {
  if (token.length > 200) return null;
  if (token.startsWith(SCREEN_LINK_PREFIX)) return viewerForScreenLink(db, token);
  if (!token.startsWith(PREFIX)) return null;
  const row = await db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .innerJoin('organization', 'organization.id', 'app_user.organization_id')
    .select([
      'api_token.id as tokenId',
      'api_token.last_used_at as lastUsedAt',
      'app_user.id as userId',
      'app_user.is_platform_admin as isPlatformAdmin',
      'app_user.is_organization_admin as isOrganizationAdmin',
      'organization.id as organizationId',
      'organization.kind as organizationKind',
    ])
    .where('api_token.token_hash', '=', hashToken(token))
    .where('api_token.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  await noteUse(db, 'api_token', row.tokenId, row.lastUsedAt);
  return {
    userId: row.userId,
    organizationId: row.organizationId,
    organizationKind: row.organizationKind,
    isPlatformAdmin: row.isPlatformAdmin,
    isOrganizationAdmin: row.isOrganizationAdmin,
    tokenId: row.tokenId,
  };
}

/** A screen link reads with its organization's rights, as its maker's user, and only its screens. */
async function viewerForScreenLink(db: Executor, token: string): Promise<Viewer | null> {
  const row = await db
    .selectFrom('screen_link')
    .innerJoin('organization', 'organization.id', 'screen_link.organization_id')
    .select([
      'screen_link.id as tokenId',
      'screen_link.last_used_at as lastUsedAt',
      'screen_link.created_by_user_id as userId',
      'screen_link.event_id as eventId',
      'screen_link.room_id as roomId',
      'screen_link.session_id as sessionId',
      'organization.id as organizationId',
      'organization.kind as organizationKind',
    ])
    .where('screen_link.token_hash', '=', hashToken(token))
    .where('screen_link.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  await noteUse(db, 'screen_link', row.tokenId, row.lastUsedAt);
  return {
    userId: row.userId,
    organizationId: row.organizationId,
    organizationKind: row.organizationKind,
    isPlatformAdmin: false,
    isOrganizationAdmin: false,
    tokenId: row.tokenId,
    screen: { eventId: row.eventId, roomId: row.roomId, sessionId: row.sessionId },
  };
}

/** `Authorization: Bearer <token>` → the token, or null when absent. */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
