import { loaderFor, type Context } from '../context.js';
import { roleOn } from '../auth/permissions.js';
import type { EditableTable, Row } from '../db/entities.js';
import type { MemberRole } from '../db/types.js';
import { findByIds } from '../domain/entities.js';

/** Who reads a value: what a field-level rule decides on. */
export type Reader = { organizationId: string; isPlatformAdmin: boolean; role: MemberRole | null };

/**
 * Fields of a row that only some members of its event may read. An area declares them once, and
 * they are withheld wherever the row surfaces: its own fields (queries, `node`, subscriptions, the
 * `entity` of a change) and the `before`/`after` of its changes in the history and the change stream.
 */
type PrivateFields<T extends EditableTable> = {
  table: T;
  /** API field names, as the history records them. */
  fields: readonly string[];
  /** Whether the reader sees them on this row; `null` when the row is gone (deleted since). */
  shows: (row: Row<T> | null, reader: Reader) => boolean;
  /** False when `shows` looks at the reader only: the history then loads no rows for it. */
  dependsOnRow?: boolean;
};

const RULES = new Map<string, PrivateFields<EditableTable>>();

export function declarePrivateFields<T extends EditableTable>(typename: string, rule: PrivateFields<T>): void {
  RULES.set(typename, rule as unknown as PrivateFields<EditableTable>);
}

async function readerOf(ctx: Context, eventId: string): Promise<Reader | null> {
  const viewer = ctx.viewer;
  if (!viewer) return null;
  return { organizationId: viewer.organizationId, isPlatformAdmin: viewer.isPlatformAdmin, role: await roleOn(ctx, eventId) };
}

/** Whether the viewer may read the private fields of this row (true for types that declare none). */
export async function showsPrivate<T extends EditableTable>(ctx: Context, typename: string, row: Row<T> & { event_id: string }): Promise<boolean> {
  const rule = RULES.get(typename);
  if (!rule) return true;
  const reader = await readerOf(ctx, row.event_id);
  return reader !== null && rule.shows(row as never, reader);
}

/** The fields of a change's entity the viewer may not read, looked up on the row as it is now. */
async function hiddenInChange(ctx: Context, rule: PrivateFields<EditableTable>, change: RecordedChange): Promise<readonly string[]> {
  const table = rule.table;
  const [row, reader] = await Promise.all([
    rule.dependsOnRow === false
      ? null
      : loaderFor<string, Row<EditableTable> | null>(ctx, `private:${table}`, async (ids) => {
          const rows = await findByIds(ctx.db, table, ids);
          const byId = new Map(rows.map((r) => [(r as { id: string }).id, r]));
          return ids.map((id) => byId.get(id) ?? null);
        }).load(change.entity_id),
    readerOf(ctx, change.event_id),
  ]);
  return reader !== null && rule.shows(row, reader) ? [] : rule.fields;
}

type RecordedChange = { entity_type: string; entity_id: string; event_id: string };

/**
 * A change's recorded fields (`before` or `after`) without those the viewer may not read. Changes
 * of types without private fields answer at once: the history of a busy event costs no lookups.
 */
export function visibleFields(
  ctx: Context,
  change: RecordedChange,
  values: Record<string, unknown> | null,
): Record<string, unknown> | null | Promise<Record<string, unknown> | null> {
  const rule = RULES.get(change.entity_type);
  if (!rule || !values) return values;
  return hiddenInChange(ctx, rule, change).then((hidden) =>
    hidden.length ? Object.fromEntries(Object.entries(values).filter(([key]) => !hidden.includes(key))) : values,
  );
}
