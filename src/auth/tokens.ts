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
};

const PREFIX = 'sc_';

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

/** Last use is recorded at most once a minute per token, so reads do not become writes. */
const LAST_USED_GRANULARITY_MS = 60_000;

export async function viewerForToken(db: Executor, token: string): Promise<Viewer | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
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
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', row.tokenId).execute();
  }
  return {
    userId: row.userId,
    organizationId: row.organizationId,
    organizationKind: row.organizationKind,
    isPlatformAdmin: row.isPlatformAdmin,
    isOrganizationAdmin: row.isOrganizationAdmin,
    tokenId: row.tokenId,
  };
}

/** `Authorization: Bearer <token>` → the token, or null when absent. */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
