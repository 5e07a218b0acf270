import { isUuid } from '../fields.js';
import { createApiToken } from '../../auth/tokens.js';
import type { Database, Executor } from '../../db/client.js';
import type { ApiToken, Organization, OrganizationKind, User } from '../../db/types.js';
import { ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../../shared/errors.js';

/**
 * Organizations, users and tokens live outside any event: they take no event revision. Platform
 * administrators create organizations and users; organization administrators add users to their
 * own organization and give them tokens; everyone manages their own tokens.
 */
export async function createOrganization(db: Executor, input: { name: string; kind: OrganizationKind }): Promise<Organization> {
  return db.insertInto('organization').values(input).returningAll().executeTakeFirstOrThrow();
}

export async function updateOrganization(
  db: Database,
  id: string,
  expectedVersion: number,
  patch: { name?: string },
): Promise<Organization> {
  return db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('organization').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw new NotFoundError('Organization', id);
    if (current.version !== expectedVersion) throw new StaleVersionError('Organization', expectedVersion, current.version, current);
    if (patch.name === undefined || patch.name === current.name) return current;
    return tx
      .updateTable('organization')
      .set((eb) => ({ name: patch.name, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Who adds users or gives tokens: a user with their rights, or the system itself (the command-line tools). */
export type UserAdmin = { userId: string; organizationId: string; isPlatformAdmin: boolean; isOrganizationAdmin: boolean } | 'system';

/**
 * A new user. Platform administrators add users to any organization; an organization's own
 * administrators add users to theirs (and may make them organization administrators too).
 */
export async function createUser(
  db: Executor,
  input: { organizationId: string; name: string; email: string; isPlatformAdmin?: boolean; isOrganizationAdmin?: boolean },
  by: UserAdmin = 'system',
): Promise<User> {
  if (by !== 'system' && !by.isPlatformAdmin) {
    if (!by.isOrganizationAdmin || input.organizationId !== by.organizationId) {
      throw new ForbiddenError('Organization administrators add users to their own organization only.');
    }
    if (input.isPlatformAdmin) throw new ForbiddenError('Only platform administrators make platform administrators.');
  }
  const org = await db.selectFrom('organization').select('id').where('id', '=', input.organizationId).executeTakeFirst();
  if (!org) throw new ValidationError({ field: 'organizationId', message: 'no such organization' });
  const taken = await db.selectFrom('app_user').select('id').where('email', '=', input.email.toLowerCase()).executeTakeFirst();
  if (taken) throw new ValidationError({ field: 'email', message: 'is already used by another user' });
  return db
    .insertInto('app_user')
    .values({
      organization_id: input.organizationId,
      name: input.name,
      email: input.email.toLowerCase(),
      is_platform_admin: input.isPlatformAdmin ?? false,
      is_organization_admin: input.isOrganizationAdmin ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A new token for `userId`, issued by `by`: anyone for themselves; a platform administrator for
 * anyone; an organization administrator for the users of their organization. Users of another
 * organization are not found, as elsewhere.
 */
export async function issueTokenFor(
  db: Executor,
  by: Exclude<UserAdmin, 'system'>,
  userId: string,
  name: string,
): Promise<{ token: string; apiToken: ApiToken }> {
  if (userId !== by.userId && !by.isPlatformAdmin) {
    const user = isUuid(userId)
      ? await db.selectFrom('app_user').select('organization_id').where('id', '=', userId).executeTakeFirst()
      : undefined;
    if (!user || user.organization_id !== by.organizationId) throw new NotFoundError('User', userId);
    if (!by.isOrganizationAdmin)
      throw new ForbiddenError('Only organization administrators give tokens to other users of their organization.');
  } else if (
    userId !== by.userId &&
    !(isUuid(userId) && (await db.selectFrom('app_user').select('id').where('id', '=', userId).executeTakeFirst()))
  ) {
    throw new NotFoundError('User', userId);
  }
  return issueToken(db, userId, name);
}

/** A new token for the user; the secret is in the result and nowhere else, ever. */
export async function issueToken(db: Executor, userId: string, name: string): Promise<{ token: string; apiToken: ApiToken }> {
  const { id, token } = await createApiToken(db, userId, name);
  const apiToken = await db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { token, apiToken };
}

/**
 * Revokes a token of `ownerId` (any user's, for an administrator). Revoking twice keeps the first
 * revocation time. Someone else's token is reported as not found.
 */
export async function revokeToken(db: Executor, id: string, by: { userId: string; isPlatformAdmin: boolean }): Promise<ApiToken> {
  const current = isUuid(id) ? await db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!current || (!by.isPlatformAdmin && current.user_id !== by.userId)) throw new NotFoundError('ApiToken', id);
  if (current.revoked_at) return current;
  return db.updateTable('api_token').set({ revoked_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
