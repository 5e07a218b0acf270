import { sql } from 'kysely';
import { NotFoundError } from '../shared/errors.js';
import type { Executor } from './client.js';
import type { Event } from './types.js';
import type { Transaction } from 'kysely';
import type { DB } from './types.js';

/** Who made a change: a user of an organization, or the system itself (seed, admin CLI). */
export type Actor = { userId: string | null; organizationId: string | null; isPlatformAdmin?: boolean; isOrganizationAdmin?: boolean };
export const SYSTEM_ACTOR: Actor = { userId: null, organizationId: null };

export type ChangeRecord = {
  kind: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

export type WorkResult<T> = { result: T; change: ChangeRecord | null };
export type Written<T> = { result: T; revision: number | null };

/** Channel that carries `eventId:revision` after each commit; readers fetch the rows themselves. */
export const CHANGE_CHANNEL = 'showcall_changes';

/**
 * The one write path. In one transaction: lock the event row, run `work`, and when it changed
 * something take the event's next revision and record the change. PostgreSQL delivers the
 * NOTIFY only on commit, so nothing is announced that did not happen.
 */
export async function writeEvent<T>(
  db: Executor,
  eventId: string,
  actor: Actor,
  work: (tx: Transaction<DB>, event: Event) => Promise<WorkResult<T>>,
): Promise<Written<T>> {
  const write = async (tx: Transaction<DB>): Promise<Written<T>> => {
    // NO KEY UPDATE: writes to one event still queue on it, but a transaction that only inserts rows
    // pointing at the event (an import's bulk phase takes the foreign key's KEY SHARE) does not hold them up.
    const event = await tx.selectFrom('event').selectAll().where('id', '=', eventId).forNoKeyUpdate().executeTakeFirst();
    if (!event) throw new NotFoundError('Event', eventId);
    const { result, change } = await work(tx, event);
    if (!change) return { result, revision: null };
    const revision = await recordChange(tx, eventId, actor, change);
    return { result, revision };
  };
  // Inside a caller's transaction it joins it: several writes land together, or none does.
  return db.isTransaction ? write(db as Transaction<DB>) : db.transaction().execute(write);
}

async function recordChange(tx: Executor, eventId: string, actor: Actor, change: ChangeRecord): Promise<number> {
  const { revision } = await tx
    .updateTable('event')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', eventId)
    .returning('revision')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('change')
    .values({
      event_id: eventId,
      revision,
      actor_user_id: actor.userId,
      actor_organization_id: actor.organizationId,
      kind: change.kind,
      entity_type: change.entityType,
      entity_id: change.entityId,
      before: change.before === null ? null : JSON.stringify(change.before),
      after: change.after === null ? null : JSON.stringify(change.after),
    })
    .execute();
  await sql`SELECT pg_notify(${CHANGE_CHANNEL}, ${`${eventId}:${revision}`})`.execute(tx);
  return revision;
}
