import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor, UntypedDb } from '../db/client.js';
import type { ApiToken, Event, MemberRole, Organization, User } from '../db/types.js';
import { EDITABLE_TABLES, type EditableTable, type Row } from '../db/entities.js';
import { rowCondition } from './row-rules.js';
import type { Viewer } from './tokens.js';

/**
 * Rows the viewer may see, by id, in one statement: those of events its organization is a member
 * of (all of them for a platform administrator). Anything else is simply not found, so a stranger's
 * event and a missing one look the same through `node`, `nodes` and every edge.
 */
export async function findVisibleByIds<T extends EditableTable>(
  db: Executor,
  viewer: Viewer | null,
  table: T,
  ids: readonly string[],
): Promise<Row<T>[]> {
  if (ids.length === 0 || !viewer) return [];
  return (await (db as unknown as UntypedDb)
    .selectFrom(table as string)
    .selectAll()
    .where('id', 'in', ids as string[])
    .where(visibleCondition(viewer, table))
    .execute()) as Row<T>[];
}

/**
 * Which rows of a table the viewer may see, as one condition on the table's row (unqualified
 * columns, so it reads the innermost row of the table): what `findVisibleByIds` asks, and what a
 * page asks of the rows its listed rows point at when it reads them in its own statement
 * (src/db/pagination.ts, "joins").
 */
export function visibleCondition(viewer: Viewer | null, table: EditableTable): Expression<SqlBool> {
  if (!viewer) return sql<boolean>`false`;
  const eventColumn = table === 'event' ? 'id' : 'event_id';
  const conditions: Expression<SqlBool>[] = [];
  if (viewer.screen) conditions.push(sql<boolean>`${sql.ref(eventColumn)} = ${viewer.screen.eventId}`);
  const rule = rowCondition(table, viewer);
  if (rule) conditions.push(rule);
  if (!viewer.isPlatformAdmin) {
    conditions.push(
      sql<boolean>`${sql.ref(eventColumn)} IN (SELECT event_id FROM event_member WHERE organization_id = ${viewer.organizationId})`,
    );
  }
  return conditions.length ? sql<boolean>`${sql.join(conditions, sql` AND `)}` : sql<boolean>`true`;
}

/**
 * Which rows of a listed table the viewer may see: an event's rows as `visibleCondition` says (so a
 * page checks in its own statement, and its rows need not carry their event for a check after it),
 * an organization's by the table's row rule alone (tests/page-columns.test.ts).
 */
export function listedCondition(viewer: Viewer | null, table: string): Expression<SqlBool> | null {
  return (EDITABLE_TABLES as readonly string[]).includes(table)
    ? visibleCondition(viewer, table as EditableTable)
    : rowCondition(table, viewer);
}

/**
 * Events by id as the viewer may read them, each with the viewer's role on it — one statement
 * where a node lookup and the role check after it took two.
 */
export async function findVisibleEventsWithRole(
  db: Executor,
  viewer: Viewer | null,
  ids: readonly string[],
): Promise<{ event: Event; role?: MemberRole }[]> {
  if (ids.length === 0 || !viewer) return [];
  // An administrator reads every event, a screen link one: their roles are the loader's to work out.
  if (viewer.isPlatformAdmin || viewer.screen) return (await findVisibleByIds(db, viewer, 'event', ids)).map((event) => ({ event }));
  const rows = await db
    .selectFrom('event')
    .innerJoin('event_member', (j) =>
      j.onRef('event_member.event_id', '=', 'event.id').on('event_member.organization_id', '=', viewer.organizationId),
    )
    .selectAll('event')
    .select('event_member.role as viewerRole')
    .where('event.id', 'in', ids as string[])
    .execute();
  return rows.map(({ viewerRole, ...event }) => ({ event, role: viewerRole }));
}

/**
 * Organizations form a directory every signed-in user can read: management has to find an agency
 * to add it to an event. Events, not organizations, are what strangers must not see.
 */
export async function findVisibleOrganizations(db: Executor, viewer: Viewer | null, ids: readonly string[]): Promise<Organization[]> {
  if (ids.length === 0 || !viewer) return [];
  return db
    .selectFrom('organization')
    .selectAll()
    .where('id', 'in', ids as string[])
    .execute();
}

/** Users of the viewer's organization and of organizations it shares an event with. */
export async function findVisibleUsers(db: Executor, viewer: Viewer | null, ids: readonly string[]): Promise<User[]> {
  if (ids.length === 0 || !viewer) return [];
  let query = db
    .selectFrom('app_user')
    .selectAll()
    .where('id', 'in', ids as string[]);
  if (!viewer.isPlatformAdmin) {
    query = query.where((eb) =>
      eb.or([
        eb('organization_id', '=', viewer.organizationId),
        eb(
          'organization_id',
          'in',
          eb
            .selectFrom('event_member as theirs')
            .innerJoin('event_member as ours', 'ours.event_id', 'theirs.event_id')
            .select('theirs.organization_id')
            .where('ours.organization_id', '=', viewer.organizationId),
        ),
      ]),
    );
  }
  return query.execute();
}

/** A token's metadata (never its secret): its owner's, or any for a platform administrator. */
export async function findVisibleApiTokens(db: Executor, viewer: Viewer | null, ids: readonly string[]): Promise<ApiToken[]> {
  if (!viewer || ids.length === 0) return [];
  let query = db
    .selectFrom('api_token')
    .selectAll()
    .where('id', 'in', ids as string[]);
  if (!viewer.isPlatformAdmin) query = query.where('user_id', '=', viewer.userId);
  return query.execute();
}

/** Rows an organization keeps for itself (gear inventory, task templates): its own users' (and administrators'); others', none. */
export async function findOrganizationRows<T extends 'gear_item' | 'gear_kit' | 'gear_outage' | 'task_template'>(
  db: Executor,
  table: T,
  viewer: { organizationId: string; isPlatformAdmin: boolean } | null,
  ids: readonly string[],
) {
  if (!viewer || !ids.length) return [];
  let q = db
    .selectFrom(table as 'gear_item')
    .selectAll()
    .where('id', 'in', ids);
  if (!viewer.isPlatformAdmin) q = q.where('organization_id', '=', viewer.organizationId);
  return q.execute();
}
