import { isUuid } from '../fields.js';
import { createApiToken } from '../../auth/tokens.js';
import type { Database, Executor } from '../../db/client.js';
import type { ApiToken, Organization, OrganizationKind, User } from '../../db/types.js';
import { NotFoundError, StaleVersionError, ValidationError } from '../errors.js';

/**
 * Organizations, users and tokens live outside any event: they take no event revision. Platform
 * administrators create organizations and users; everyone manages their own tokens.
 */
export async function createOrganization(db: Executor, input: { name: string; kind: OrganizationKind }): Promise<Organization> {
  return db.insertInto('organization').values(input).returningAll().executeTakeFirstOrThrow();
}

export async function updateOrganization(db: Database, id: string, expectedVersion: number, patch: { name?: string }): Promise<Organization> {
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

export async function createUser(
  db: Executor,
  input: { organizationId: string; name: string; email: string; isPlatformAdmin?: boolean },
): Promise<User> {
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
    })
    .returningAll()
    .executeTakeFirstOrThrow();
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
