import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor, UntypedDb } from '../db/client.js';
import type { EditableTable } from '../db/entities.js';
import type { Viewer } from './tokens.js';

/**
 * Rows that not every member of their event may see. Membership decides what an organization
 * reads of an event; a row rule narrows it for one table, as **one SQL condition** on the table's
 * row (written against the table's own name) for the reading organization. Everything that
 * surfaces rows asks the same condition: `node`/`nodes` and every edge (auth/visibility.ts),
 * lists and their `totalCount` (schema/connections.ts), the `before`/`after` of changes in the
 * history and `eventChanges` (schema/private-fields.ts: a change of a row you may not see keeps its
 * revision, kind and id, with no fields), and mutations that name the row (auth/permissions.ts: it
 * is not found). Platform administrators see every row.
 */
type RowRule = (organizationId: string) => RawBuilder<SqlBool>;

const memberAs = (eventColumn: RawBuilder<unknown>, organizationId: string, role: string) =>
  sql<boolean>`EXISTS (SELECT 1 FROM event_member m WHERE m.event_id = ${eventColumn} AND m.organization_id = ${organizationId} AND m.role = ${role})`;

/** A request is its two organizations' — and the client's too once it is a change order (the client pays for it). */
const request: RowRule = (org) =>
  sql<boolean>`(request.from_organization_id = ${org} OR request.to_organization_id = ${org}
    OR (request.change_order_status IS NOT NULL AND ${memberAs(sql.ref('request.event_id'), org, 'CLIENT')}))`;

/** The client of an event whose budget is kept OPEN_BOOK: it reads net prices, contracts and commissions. */
const openBookClient = (eventColumn: RawBuilder<unknown>, org: string) =>
  sql<boolean>`(${memberAs(eventColumn, org, 'CLIENT')} AND EXISTS (SELECT 1 FROM budget b WHERE b.event_id = ${eventColumn} AND b.pricing_model = 'OPEN_BOOK'))`;

/**
 * Management's working papers: a contract is management's, the vendor's own when the vendor is an
 * organization of the platform (the production agency reads its contract), and the client's when
 * the budget is kept open book.
 */
const contract: RowRule = (org) =>
  sql<boolean>`(${memberAs(sql.ref('contract.event_id'), org, 'MANAGEMENT')}
    OR EXISTS (SELECT 1 FROM vendor v WHERE v.id = contract.vendor_id AND v.organization_id = ${org})
    OR ${openBookClient(sql.ref('contract.event_id'), org)})`;

/** Management's and the client's: the budget (production reads none of it: not its own cap, not its margin), venue selection. */
const managementAndClient = (table: string) => (org: string) =>
  sql<boolean>`(${memberAs(sql.ref(`${table}.event_id`), org, 'MANAGEMENT')} OR ${memberAs(sql.ref(`${table}.event_id`), org, 'CLIENT')})`;

const ROW_RULES: Partial<Record<EditableTable, RowRule>> = {
  request,
  vendor: (org) =>
    sql<boolean>`(vendor.organization_id = ${org} OR ${memberAs(sql.ref('vendor.event_id'), org, 'MANAGEMENT')} OR ${openBookClient(sql.ref('vendor.event_id'), org)})`,
  contract,
  // A payment and an invoice go with their contract.
  contract_payment: (org) =>
    sql<boolean>`EXISTS (SELECT 1 FROM contract WHERE contract.id = contract_payment.contract_id AND ${contract(org)})`,
  invoice: (org) => sql<boolean>`EXISTS (SELECT 1 FROM contract WHERE contract.id = invoice.contract_id AND ${contract(org)})`,
  budget: managementAndClient('budget'),
  budget_version: managementAndClient('budget_version'),
  // Internal lines (agency staff cost) are management's alone.
  budget_line: (org) =>
    sql<boolean>`(${memberAs(sql.ref('budget_line.event_id'), org, 'MANAGEMENT')} OR (NOT budget_line.internal AND ${memberAs(sql.ref('budget_line.event_id'), org, 'CLIENT')}))`,
  // Venue selection is management's with the client (who joins site visits and picks); production reads none of it.
  selection_criterion: managementAndClient('selection_criterion'),
  venue_candidate: managementAndClient('venue_candidate'),
  site_visit: managementAndClient('site_visit'),
  // A task marked internal is its own organization's; the rest of the timeline is every member's.
  task: (org) => sql<boolean>`(NOT task.internal OR task.organization_id = ${org})`,
  // A reply goes with its request.
  request_message: (org) => sql<boolean>`EXISTS (SELECT 1 FROM request WHERE request.id = request_message.request_id AND ${request(org)})`,
};

/** Whether the table has a row rule at all (most do not: membership is the rule). */
export const hasRowRule = (table: string): boolean => table in ROW_RULES;

/** Whether an organization reads this row of a ruled table (any row of a table without a rule); one statement. */
export async function organizationSees(db: Executor, table: EditableTable, organizationId: string, id: string): Promise<boolean> {
  const rule = ROW_RULES[table];
  if (!rule) return true;
  const row = await (db as unknown as UntypedDb)
    .selectFrom(table)
    .select('id')
    .where('id', '=', id)
    .where(rule(organizationId))
    .executeTakeFirst();
  return row !== undefined;
}

/** The condition the viewer's rows of this table must meet, or null when all its event's rows are theirs. */
export function rowCondition(table: string, viewer: Viewer | null): RawBuilder<SqlBool> | null {
  const rule = ROW_RULES[table as EditableTable];
  if (!rule || viewer?.isPlatformAdmin) return null;
  // No viewer reads no rows of a ruled table.
  return viewer ? rule(viewer.organizationId) : sql<boolean>`false`;
}

/** Of these ids, those the viewer may see (all of them for a table without a rule); one statement. */
export async function visibleIds(db: Executor, table: EditableTable, viewer: Viewer | null, ids: readonly string[]): Promise<Set<string>> {
  const condition = rowCondition(table, viewer);
  if (!condition || ids.length === 0) return new Set(ids);
  const rows = (await (db as unknown as UntypedDb)
    .selectFrom(table)
    .select('id')
    .where('id', 'in', ids as string[])
    .where(condition)
    .execute()) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}
