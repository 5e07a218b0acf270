import { sql } from 'kysely';
import { rowCondition } from '../../auth/row-rules.js';
import type { Viewer } from '../../auth/tokens.js';
import type { Executor } from '../../db/client.js';
import type { Task } from '../../db/types.js';
import { dueOnSql, overdueSql } from './rules.js';

/** What the timeline reads: due days, an event's tasks in due order, its open and overdue counts per organization. */

export type Due = { dueOn: string | null; overdue: boolean };

/** Each task's due day and whether it is overdue, in key order; one statement. */
export async function dueOf(db: Executor, ids: readonly string[]): Promise<Due[]> {
  const rows = await db
    .selectFrom('task')
    .select(['task.id', dueOnSql().as('due_on'), overdueSql().as('overdue')])
    .where('task.id', 'in', ids as string[])
    .execute();
  return ids.map((id) => {
    const row = rows.find((r) => r.id === id);
    return { dueOn: row?.due_on ?? null, overdue: row?.overdue ?? false };
  });
}

export type TimelineFilter = {
  organizationId?: string | null;
  overdueOnly?: boolean;
  milestonesOnly?: boolean;
  includeClosed?: boolean;
  first: number;
};

/** The event's tasks the viewer reads, by due day (undated last), then title; one statement. */
export async function timelineOf(db: Executor, viewer: Viewer | null, eventId: string, filter: TimelineFilter): Promise<Task[]> {
  let query = db.selectFrom('task').selectAll('task').where('task.event_id', '=', eventId);
  const rule = rowCondition('task', viewer);
  if (rule) query = query.where(rule);
  if (filter.organizationId) query = query.where('task.organization_id', '=', filter.organizationId);
  if (filter.overdueOnly) query = query.where(overdueSql());
  if (filter.milestonesOnly) query = query.where('task.milestone', 'is not', null);
  if (!filter.includeClosed && !filter.overdueOnly) query = query.where('task.status', 'in', ['TODO', 'IN_PROGRESS']);
  return query
    .orderBy(sql`${dueOnSql()} NULLS LAST`)
    .orderBy('task.title')
    .orderBy('task.id')
    .limit(filter.first)
    .execute();
}

export type TaskCount = { organizationId: string; open: number; overdue: number; done: number; total: number };

/** Per organization owning tasks the viewer reads: how many are open, overdue, done; one statement. */
export async function taskCountsOf(db: Executor, viewer: Viewer | null, eventId: string): Promise<TaskCount[]> {
  let query = db
    .selectFrom('task')
    .select([
      'task.organization_id',
      sql<number>`count(*) FILTER (WHERE task.status IN ('TODO', 'IN_PROGRESS'))::int`.as('open'),
      sql<number>`count(*) FILTER (WHERE ${overdueSql()})::int`.as('overdue'),
      sql<number>`count(*) FILTER (WHERE task.status = 'DONE')::int`.as('done'),
      sql<number>`count(*)::int`.as('total'),
    ])
    .where('task.event_id', '=', eventId)
    .groupBy('task.organization_id')
    .orderBy('task.organization_id');
  const rule = rowCondition('task', viewer);
  if (rule) query = query.where(rule);
  return (await query.execute()).map((r) => ({
    organizationId: r.organization_id,
    open: r.open,
    overdue: r.overdue,
    done: r.done,
    total: r.total,
  }));
}
