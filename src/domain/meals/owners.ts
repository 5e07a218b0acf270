import type { Database, Executor } from '../../db/client.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity, deleteEntity, findById } from '../entities.js';

/**
 * The client's users who may read individual health details of the event's people (duty of care:
 * the client decides who in its organization sees who is allergic to what). Management names them
 * or removes them, and so do the client's organization administrators for their own users. Every
 * other client user — and production, always — reads counts. Removing an owner takes effect on
 * the next answer, also over open subscriptions.
 */

async function requireMayName(db: Executor, actor: Actor, eventId: string, userOrganizationId: string): Promise<void> {
  if (actor.isPlatformAdmin) return;
  const role = await db
    .selectFrom('event_member')
    .select('role')
    .where('event_id', '=', eventId)
    .where('organization_id', '=', actor.organizationId!)
    .executeTakeFirst();
  if (role?.role === 'CLIENT' && (!actor.isOrganizationAdmin || actor.organizationId !== userOrganizationId))
    throw new ValidationError({
      field: 'userId',
      message: 'only an administrator of the client organization names its health-data owners, among its own users',
    });
}

export function createHealthDataOwner(db: Database, actor: Actor, eventId: string, userId: string) {
  return createEntity(db, actor, 'health_data_owner', eventId, async (tx) => {
    const user = await tx
      .selectFrom('app_user')
      .innerJoin('organization', 'organization.id', 'app_user.organization_id')
      .leftJoin('event_member', (j) =>
        j.onRef('event_member.organization_id', '=', 'organization.id').on('event_member.event_id', '=', eventId),
      )
      .select(['app_user.name', 'app_user.organization_id', 'organization.kind', 'event_member.role'])
      .where('app_user.id', '=', userId)
      .executeTakeFirst();
    if (!user || user.kind !== 'CLIENT' || user.role !== 'CLIENT')
      throw new ValidationError({ field: 'userId', message: "is not a user of the event's client organization" });
    await requireMayName(tx, actor, eventId, user.organization_id);
    const already = await tx
      .selectFrom('health_data_owner')
      .select('id')
      .where('event_id', '=', eventId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (already) throw new ValidationError({ field: 'userId', message: `${user.name} is already a health-data owner of this event` });
    return { user_id: userId };
  });
}

export async function deleteHealthDataOwner(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  const owner = await findById(db, 'health_data_owner', id);
  return deleteEntity(db, actor, 'health_data_owner', id, expectedVersion, undefined, async (tx, row) => {
    const user = await tx.selectFrom('app_user').select('organization_id').where('id', '=', owner.user_id).executeTakeFirstOrThrow();
    await requireMayName(tx, actor, row.event_id, user.organization_id);
  });
}

/** Whether the user may read individual health details on the event (as an owner; roles aside). */
export async function ownsHealthData(db: Executor, userId: string, eventIds: readonly string[]): Promise<boolean[]> {
  const rows = await db
    .selectFrom('health_data_owner')
    .select('event_id')
    .where('user_id', '=', userId)
    .where('event_id', 'in', eventIds)
    .execute();
  const owned = new Set(rows.map((r) => r.event_id));
  return eventIds.map((id) => owned.has(id));
}

/** Users' names and organizations' names, for the list of owners (which any member reads). */
export async function ownerNames(db: Executor, userIds: readonly string[]): Promise<({ name: string; organization: string } | null)[]> {
  const rows = await db
    .selectFrom('app_user')
    .innerJoin('organization', 'organization.id', 'app_user.organization_id')
    .select(['app_user.id', 'app_user.name', 'organization.name as organization'])
    .where('app_user.id', 'in', userIds)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, { name: r.name, organization: r.organization }]));
  return userIds.map((id) => byId.get(id) ?? null);
}
