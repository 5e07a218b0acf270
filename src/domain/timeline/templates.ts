import type { Transaction } from 'kysely';
import type { Database, Executor } from '../../db/client.js';
import type { DB, MemberRole, Task, TaskAnchor, TaskTemplate, TemplateItem } from '../../db/types.js';
import type { Actor, Written } from '../../db/write.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { createTask } from './tasks.js';

/**
 * Task templates: an organization's standard timeline ("T-120 site visit, T-90 contracts signed,
 * T-30 production brief…"), each item owned by a role of the event and due days from the event's
 * first or last day. Applying one to an event makes its tasks in one transaction, owned by the
 * organizations that hold those roles, with the items' dependencies.
 */

export const MAX_TEMPLATE_ITEMS = 200;

/** An item as given: any anchor, checked to be the event's. */
export type TemplateItemInput = Omit<TemplateItem, 'anchor'> & { anchor?: TaskAnchor | null };

function checkItems(items: readonly TemplateItemInput[]): TemplateItem[] {
  if (!items.length) throw new ValidationError({ field: 'items', message: 'a template holds at least one task' });
  if (items.length > MAX_TEMPLATE_ITEMS)
    throw new ValidationError({ field: 'items', message: `holds at most ${MAX_TEMPLATE_ITEMS} tasks` });
  return items.map((item, i) => {
    if (!Number.isInteger(item.offsetDays) || Math.abs(item.offsetDays) > 1000)
      throw new ValidationError({ field: `items.${i}.offsetDays`, message: 'must be a whole number of days from -1000 to 1000' });
    const anchor = item.anchor ?? 'EVENT_START';
    if (anchor !== 'EVENT_START' && anchor !== 'EVENT_END')
      throw new ValidationError({ field: `items.${i}.anchor`, message: 'a template counts from EVENT_START or EVENT_END' });
    const dependsOn = [...new Set(item.dependsOn ?? [])];
    if (dependsOn.some((d) => !Number.isInteger(d) || d < 0 || d >= i))
      throw new ValidationError({ field: `items.${i}.dependsOn`, message: 'names an item that does not come before it' });
    return {
      ...item,
      anchor,
      forRole: item.forRole ?? null,
      milestone: item.milestone ?? null,
      internal: item.internal ?? false,
      dependsOn,
    };
  });
}

async function ownerFor(tx: Transaction<DB>, actor: Actor, organizationId: string | null | undefined): Promise<string> {
  const id = organizationId ?? actor.organizationId;
  if (!id) throw new ValidationError({ field: 'organizationId', message: 'is required' });
  if (!actor.isPlatformAdmin && id !== actor.organizationId)
    throw new ValidationError({ field: 'organizationId', message: 'is not your organization: an organization keeps its own templates' });
  if (!(await tx.selectFrom('organization').select('id').where('id', '=', id).executeTakeFirst()))
    throw new ValidationError({ field: 'organizationId', message: 'no such organization' });
  return id;
}

export function createTaskTemplate(
  db: Database,
  actor: Actor,
  input: { organizationId?: string | null; name: string; items: readonly TemplateItemInput[] },
): Promise<TaskTemplate> {
  return db.transaction().execute(async (tx) => {
    const organizationId = await ownerFor(tx, actor, input.organizationId);
    const items = checkItems(input.items);
    const taken = await tx
      .selectFrom('task_template')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (taken) throw new ValidationError({ field: 'name', message: 'is the name of another template of your organization' });
    return tx
      .insertInto('task_template')
      .values({ organization_id: organizationId, name: input.name, items: JSON.stringify(items) })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

async function ownTemplate(tx: Transaction<DB>, actor: Actor, id: string, lock = false): Promise<TaskTemplate> {
  let query = tx.selectFrom('task_template').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row || (!actor.isPlatformAdmin && row.organization_id !== actor.organizationId)) throw new NotFoundError('TaskTemplate', id);
  return row;
}

export const deleteTaskTemplate = (db: Database, actor: Actor, id: string): Promise<TaskTemplate> =>
  db.transaction().execute(async (tx) => {
    const row = await ownTemplate(tx, actor, id, true);
    await tx.deleteFrom('task_template').where('id', '=', id).execute();
    return row;
  });

/** Makes the template's tasks on the event: all of them, or none. */
export function applyTaskTemplate(db: Database, actor: Actor, eventId: string, templateId: string): Promise<Written<{ tasks: Task[] }>> {
  return db.transaction().execute(async (tx) => {
    const template = await ownTemplate(tx, actor, templateId);
    const members = await tx
      .selectFrom('event_member')
      .select(['organization_id', 'role'])
      .where('event_id', '=', eventId)
      .orderBy('created_at')
      .execute();
    const holder = (role: MemberRole | null | undefined, field: string) => {
      if (!role) return null;
      const member = members.find((m) => m.role === role);
      if (!member) throw new ValidationError({ field, message: `no organization is ${role} on this event` });
      return member.organization_id;
    };
    const tasks: Task[] = [];
    let revision: number | null = null;
    for (const [i, item] of template.items.entries()) {
      const written = await createTask(tx, actor, eventId, {
        title: item.title,
        organizationId: holder(item.ownerRole, `items.${i}.ownerRole`),
        forOrganizationId: holder(item.forRole, `items.${i}.forRole`),
        milestone: item.milestone,
        internal: item.internal,
        anchor: item.anchor,
        offsetDays: item.offsetDays,
        dependsOn: (item.dependsOn ?? []).map((d) => tasks[d]!.id),
      }).catch((error: unknown) => {
        if (error instanceof ValidationError)
          throw new ValidationError(error.issues.map((issue) => ({ ...issue, field: `items.${i}.${issue.field}` })));
        throw error;
      });
      tasks.push(written.result);
      revision = written.revision;
    }
    return { result: { tasks }, revision };
  });
}

/** An organization's templates, by name. */
export const templatesOf = (db: Executor, organizationId: string): Promise<TaskTemplate[]> =>
  db.selectFrom('task_template').selectAll().where('organization_id', '=', organizationId).orderBy('name').execute();
