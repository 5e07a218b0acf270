import { sql } from 'kysely';
import { organizationSees } from '../../auth/row-rules.js';
import type { Database, Executor } from '../../db/client.js';
import type { MilestoneKind, Task, TaskAnchor, TaskStatus } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ForbiddenError, ValidationError } from '../../shared/errors.js';
import { createEntity, deleteEntity, findById, updateEntity } from '../entities.js';
import { eventOfSubject, roleOf } from '../subjects.js';
import { CONTRACT_ANCHORS } from './rules.js';

/**
 * Tasks and milestones of the T-minus timeline. An organization makes its own tasks; management,
 * which runs the roadmap, also gives tasks to the other organizations (production's deliverables).
 * A task is changed by the organization that owns it, or by management unless it is internal.
 */

export type TaskInput = {
  title: string;
  notes?: string | null;
  /** The owning organization: the actor's unless management names another member. */
  organizationId?: string | null;
  assigneeUserId?: string | null;
  forOrganizationId?: string | null;
  status?: TaskStatus | null;
  internal?: boolean | null;
  milestone?: MilestoneKind | null;
  anchor?: TaskAnchor | null;
  offsetDays?: number | null;
  contractId?: string | null;
  paymentId?: string | null;
  fixedOn?: string | null;
  dependsOn?: readonly string[] | null;
  subjectType?: string | null;
  subjectId?: string | null;
};

const values = (input: Partial<TaskInput>) => ({
  title: input.title,
  notes: input.notes,
  organization_id: input.organizationId ?? undefined,
  assignee_user_id: input.assigneeUserId,
  for_organization_id: input.forOrganizationId,
  status: input.status ?? undefined,
  internal: input.internal ?? undefined,
  milestone: input.milestone,
  anchor: input.anchor ?? undefined,
  offset_days: input.offsetDays ?? undefined,
  contract_id: input.contractId,
  payment_id: input.paymentId,
  fixed_on: input.fixedOn,
  depends_on: input.dependsOn === undefined ? undefined : [...new Set(input.dependsOn ?? [])],
  subject_type: input.subjectType,
  subject_id: input.subjectId,
});

/** A task's anchor with only the columns it uses: moving to another anchor forgets the old one's. */
function anchored(next: Task): Pick<Task, 'contract_id' | 'payment_id' | 'fixed_on'> {
  return {
    contract_id: CONTRACT_ANCHORS.includes(next.anchor) ? next.contract_id : null,
    payment_id: next.anchor === 'PAYMENT_DUE' ? next.payment_id : null,
    fixed_on: next.anchor === 'FIXED' ? next.fixed_on : null,
  };
}

async function requireMember(tx: Executor, eventId: string, organizationId: string | null, field: string) {
  if (organizationId && !(await roleOf(tx, eventId, organizationId)))
    throw new ValidationError({ field, message: 'is not a member organization of this event' });
}

/** Everything a task's row must be, checked against the database; returns the columns it settles. */
async function checkTask(tx: Executor, actor: Actor, next: Task, before: Task | null) {
  const actorRole = actor.isPlatformAdmin ? 'MANAGEMENT' : await roleOf(tx, next.event_id, actor.organizationId);
  const own = (t: Task) => actor.isPlatformAdmin || t.organization_id === actor.organizationId;
  if (before && !own(before) && (actorRole !== 'MANAGEMENT' || before.internal))
    throw new ForbiddenError('Only the organization that owns a task, or management, may change it.');
  if ((!before || next.organization_id !== before.organization_id) && !own(next) && actorRole !== 'MANAGEMENT')
    throw new ValidationError({
      field: 'organizationId',
      message: 'is another organization: you make tasks for your own; management gives them to others',
    });
  if (next.internal && !own(next)) throw new ValidationError({ field: 'internal', message: 'an internal task is your own organization’s' });
  await requireMember(tx, next.event_id, next.organization_id, 'organizationId');
  await requireMember(tx, next.event_id, next.for_organization_id, 'forOrganizationId');
  if (next.assignee_user_id) {
    const user = await tx.selectFrom('app_user').select('organization_id').where('id', '=', next.assignee_user_id).executeTakeFirst();
    if (user?.organization_id !== next.organization_id)
      throw new ValidationError({ field: 'assigneeId', message: 'is not a user of the organization that owns the task' });
  }
  if (
    before?.automatic &&
    (next.anchor !== before.anchor || next.contract_id !== before.contract_id || next.payment_id !== before.payment_id)
  )
    throw new ValidationError({ field: 'anchor', message: 'is its contract’s date: change the contract instead' });
  const anchor = anchored(next);
  const viewerOrg = next.organization_id;
  if (CONTRACT_ANCHORS.includes(next.anchor)) {
    if (!anchor.contract_id) throw new ValidationError({ field: 'contractId', message: `is required for ${next.anchor}` });
    const c = await tx.selectFrom('contract').select('event_id').where('id', '=', anchor.contract_id).executeTakeFirst();
    if (c?.event_id !== next.event_id || !(await organizationSees(tx, 'contract', viewerOrg, anchor.contract_id)))
      throw new ValidationError({ field: 'contractId', message: 'is not a contract of this event its organization reads' });
  }
  if (next.anchor === 'PAYMENT_DUE') {
    if (!anchor.payment_id) throw new ValidationError({ field: 'paymentId', message: 'is required for PAYMENT_DUE' });
    const p = await tx.selectFrom('contract_payment').select('event_id').where('id', '=', anchor.payment_id).executeTakeFirst();
    if (p?.event_id !== next.event_id || !(await organizationSees(tx, 'contract_payment', viewerOrg, anchor.payment_id)))
      throw new ValidationError({ field: 'paymentId', message: 'is not a payment of this event its organization reads' });
  }
  if (next.anchor === 'FIXED' && !anchor.fixed_on) throw new ValidationError({ field: 'fixedOn', message: 'is required for FIXED' });
  if (next.subject_id && (await eventOfSubject(tx, next.subject_type!, next.subject_id)) !== next.event_id)
    throw new ValidationError({ field: 'subjectId', message: 'is not an object of this event' });
  await checkDependencies(tx, next);
  const completed_at = next.status === 'DONE' ? (before?.status === 'DONE' ? before.completed_at : new Date()) : null;
  return { ...anchor, completed_at };
}

async function checkDependencies(tx: Executor, next: Task) {
  const deps = next.depends_on;
  if (deps.includes(next.id)) throw new ValidationError({ field: 'dependsOn', message: 'names the task itself' });
  if (!deps.length) return;
  const rows = await tx
    .selectFrom('task')
    .select(['id', 'event_id', 'title', 'status', 'internal', 'organization_id'])
    .where('id', 'in', deps)
    .execute();
  if (rows.length !== deps.length || rows.some((r) => r.event_id !== next.event_id))
    throw new ValidationError({ field: 'dependsOn', message: 'names a task that is not of this event' });
  // Whoever reads the task must read what holds it up.
  if (rows.some((r) => r.internal && (!next.internal || r.organization_id !== next.organization_id)))
    throw new ValidationError({ field: 'dependsOn', message: 'names an internal task that not everyone who reads this one may read' });
  if (next.id) {
    const cycle = await sql<{ found: number }>`
      WITH RECURSIVE reach(id) AS (
        SELECT unnest(${deps}::uuid[])
        UNION SELECT unnest(t.depends_on) FROM task t JOIN reach r ON t.id = r.id
      ) SELECT 1 AS found FROM reach WHERE id = ${next.id} LIMIT 1`.execute(tx);
    if (cycle.rows.length) throw new ValidationError({ field: 'dependsOn', message: 'would make a loop: the task would wait for itself' });
  }
  const waiting = rows.filter((r) => r.status !== 'DONE' && r.status !== 'CANCELLED');
  if (next.status === 'DONE' && waiting.length)
    throw new ValidationError({
      field: 'status',
      message: `cannot be DONE before what it waits for: ${waiting.map((r) => r.title).join(', ')}`,
    });
}

/** The actor's organization; for an administrator outside the event, its management agency. */
async function defaultOwner(tx: Executor, actor: Actor, eventId: string): Promise<string> {
  if (actor.organizationId && (await roleOf(tx, eventId, actor.organizationId))) return actor.organizationId;
  const management = await tx
    .selectFrom('event_member')
    .select('organization_id')
    .where('event_id', '=', eventId)
    .where('role', '=', 'MANAGEMENT')
    .executeTakeFirst();
  return management?.organization_id ?? actor.organizationId ?? '';
}

/** A new task's columns before its input: what the table's defaults make them. */
const NEW_TASK: Omit<Task, 'event_id' | 'title' | 'organization_id'> = {
  id: '',
  notes: null,
  assignee_user_id: null,
  for_organization_id: null,
  status: 'TODO',
  internal: false,
  milestone: null,
  anchor: 'EVENT_START',
  offset_days: 0,
  contract_id: null,
  payment_id: null,
  fixed_on: null,
  depends_on: [],
  subject_type: null,
  subject_id: null,
  automatic: false,
  completed_at: null,
  version: 1,
  created_at: new Date(0),
  updated_at: new Date(0),
};

export const createTask = (db: Database, actor: Actor, eventId: string, input: TaskInput) =>
  createEntity(db, actor, 'task', eventId, async (tx) => {
    const row = {
      ...values(input),
      title: input.title,
      organization_id: input.organizationId ?? (await defaultOwner(tx, actor, eventId)),
      depends_on: [...new Set(input.dependsOn ?? [])],
    };
    if (!row.organization_id) throw new ValidationError({ field: 'organizationId', message: 'is required' });
    const given = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
    const draft = { ...NEW_TASK, event_id: eventId, ...given } as Task;
    return { ...row, ...(await checkTask(tx, actor, draft, null)) };
  });

export const updateTask = (db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<TaskInput>) =>
  updateEntity(db, actor, 'task', id, expectedVersion, values(patch), (tx, next, before) => checkTask(tx, actor, next, before));

export const deleteTask = (db: Database, actor: Actor, id: string, expectedVersion?: number | null) =>
  deleteEntity(db, actor, 'task', id, expectedVersion, undefined, async (tx, row) => {
    await checkTask(tx, actor, { ...row, depends_on: [] }, row);
    if (row.automatic) throw new ValidationError({ field: 'id', message: 'is its contract’s date: it goes when the date goes' });
    const waiting = await tx
      .selectFrom('task')
      .select('title')
      .where('depends_on', '@>', sql<string[]>`ARRAY[${id}]::uuid[]`)
      .execute();
    if (waiting.length)
      throw new ValidationError({ field: 'id', message: `other tasks wait for it: ${waiting.map((w) => w.title).join(', ')}` });
  });

export const findTask = (db: Executor, id: string) => findById(db, 'task', id);
