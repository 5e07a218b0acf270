import type { Executor } from '../db/client.js';
import { EDITABLE_TABLES, tableOf, type EditableTable } from '../db/entities.js';
import type { MemberRole } from '../db/types.js';
import { ValidationError } from '../shared/errors.js';
import { findById } from './entities.js';

/**
 * What rows of other areas are about: a request or a task names any object of its event by its
 * GraphQL type and id; an organization takes part in an event with a role.
 */

/** The event an object belongs to, from its GraphQL type and id; refused (naming `field`) for anything that is not an event's. */
export async function eventOfSubject(db: Executor, typename: string, id: string, field = 'subjectId'): Promise<string> {
  const table = tableOf(typename);
  if (!table || !EDITABLE_TABLES.includes(table as EditableTable))
    throw new ValidationError({ field, message: `must be an object of an event, not a ${typename}` });
  if (table === 'event') {
    if (!(await db.selectFrom('event').select('id').where('id', '=', id).executeTakeFirst()))
      throw new ValidationError({ field, message: 'no such event' });
    return id;
  }
  const row = await findById(db, table as Exclude<EditableTable, 'event'>, id).catch(() => null);
  if (!row) throw new ValidationError({ field, message: `no such ${typename}` });
  return (row as { event_id: string }).event_id;
}

/** An organization's role on an event, or null when it is not a member. */
export async function roleOf(db: Executor, eventId: string, organizationId: string | null | undefined): Promise<MemberRole | null> {
  if (!organizationId) return null;
  const row = await db
    .selectFrom('event_member')
    .select('role')
    .where('event_id', '=', eventId)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return row?.role ?? null;
}
