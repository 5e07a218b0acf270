import type { ColumnType, Selectable } from 'kysely';

/** Every event's committed changes, by revision. */

export interface ChangeTable {
  event_id: string;
  revision: number;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor_user_id: string | null;
  actor_organization_id: string | null;
  kind: string;
  entity_type: string;
  entity_id: string;
  before: ColumnType<Record<string, unknown> | null, string | null, never>;
  after: ColumnType<Record<string, unknown> | null, string | null, never>;
}

/** Rows as they are read. */
export type Change = Selectable<ChangeTable>;

/** This area's tables, as Kysely's database interface names them. */
export interface HistoryTables {
  change: ChangeTable;
}

/** The columns of the tables above, at run time. */
export const historyColumns = {
  change: ['event_id', 'revision', 'at', 'actor_user_id', 'actor_organization_id', 'kind', 'entity_type', 'entity_id', 'before', 'after'],
} as const;
