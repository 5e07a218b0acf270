import { loaderFor, operationLoader, type Context } from '../context.js';
import { roleOn } from '../auth/permissions.js';
import { tableOf, type EditableTable, type Row } from '../db/entities.js';
import { hasRowRule, visibleIds } from '../auth/row-rules.js';
import type { MemberRole } from '../db/types.js';
import { findByIds } from '../domain/entities.js';
import { ownsHealthData } from '../domain/meals/owners.js';
import { openBookEvents } from '../domain/budget/facts.js';

/**
 * Who reads a value: what a field-level rule decides on — the organization's role on the event, and
 * for a client's user whether the client named them an owner of the event's health data.
 */
export type Reader = {
  organizationId: string;
  userId: string;
  isPlatformAdmin: boolean;
  role: MemberRole | null;
  ownsHealthData: boolean;
  /** For the client: whether the event's budget is kept open book (it then reads net prices). */
  openBook: boolean;
};

/**
 * Fields of a row that only some members of its event may read. An area declares them once, and
 * they are withheld wherever the row surfaces: its own fields (queries, `node`, subscriptions, the
 * `entity` of a change) and the `before`/`after` of its changes in the history and the change stream.
 */
export type PrivateFields<T extends EditableTable> = {
  table: T;
  /** API field names, as the history records them. */
  fields: readonly string[];
  /** Whether the reader sees them on this row; `null` when the row is gone (deleted since). */
  shows: (row: Row<T> | null, reader: Reader) => boolean;
  /** False when `shows` looks at the reader only: the history then loads no rows for it. */
  dependsOnRow?: boolean;
};

/** A type may declare several rules, each for its own fields (an attendee's e-mail, their allergies). */
const RULES = new Map<string, PrivateFields<EditableTable>[]>();

/** Declares fields of a type that only some readers see; the rule returned is what its resolvers ask with `showsPrivate`. */
export function declarePrivateFields<T extends EditableTable>(typename: string, rule: PrivateFields<T>): PrivateFields<T> {
  RULES.set(typename, [...(RULES.get(typename) ?? []), rule as unknown as PrivateFields<EditableTable>]);
  return rule;
}

/** Whether the viewer's user is a health-data owner of each event: asked only for client users. */
const healthOwnership = operationLoader<string, boolean>((ctx, eventIds) => ownsHealthData(ctx.db, ctx.viewer!.userId, eventIds));

/** Whether each event's budget is kept open book: asked only for client users. */
const openBooks = operationLoader<string, boolean>((ctx, eventIds) => openBookEvents(ctx.db, eventIds));

/** Management reads net prices; the client too when the budget is open book. */
/** Management's working notes and bids: management's (and administrators') alone. */
export const managementOnly = (_row: unknown, reader: Pick<Reader, 'isPlatformAdmin' | 'role'>) => reader.isPlatformAdmin || reader.role === 'MANAGEMENT';

export const readsNet = (_row: unknown, reader: Pick<Reader, 'isPlatformAdmin' | 'role' | 'openBook'>) =>
  reader.isPlatformAdmin || reader.role === 'MANAGEMENT' || (reader.role === 'CLIENT' && reader.openBook);

async function readerOf(ctx: Context, eventId: string): Promise<Reader | null> {
  const viewer = ctx.viewer;
  if (!viewer) return null;
  const role = await roleOn(ctx, eventId);
  const client = role === 'CLIENT' && !viewer.screen;
  const [owns, openBook] = client ? await Promise.all([healthOwnership(ctx).load(eventId), openBooks(ctx).load(eventId)]) : [false, false];
  return { organizationId: viewer.organizationId, userId: viewer.userId, isPlatformAdmin: viewer.isPlatformAdmin, role, ownsHealthData: owns, openBook };
}

/** Whether the viewer may read the fields of this rule on this row. */
export async function showsPrivate<T extends EditableTable>(ctx: Context, rule: PrivateFields<T>, row: Row<T> & { event_id: string }): Promise<boolean> {
  const reader = await readerOf(ctx, row.event_id);
  return reader !== null && rule.shows(row, reader);
}

/** A resolver for a private field: the value when the viewer may read it, else null. */
export const privately =
  <T extends EditableTable, V>(rule: PrivateFields<T>, pick: (r: Row<T>) => V) =>
  async (r: Row<T>, _a: unknown, ctx: Context): Promise<V | null> =>
    (await showsPrivate(ctx, rule, r as Row<T> & { event_id: string })) ? pick(r) : null;

/** Those who run the production read it (and platform administrators). */
export const productionOnly = (_row: unknown, reader: Pick<Reader, 'isPlatformAdmin' | 'role'>) => reader.isPlatformAdmin || reader.role === 'PRODUCTION';

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
  const table = tableOf(change.entity_type);
  // A row the viewer may not see at all (auth/row-rules.ts, as it is now; a deleted one is judged unseen): no fields.
  if (values && table && table !== 'event' && hasRowRule(table)) {
    return rowVisible(ctx, table as EditableTable, change.entity_id).then((seen) => (seen ? fieldsVisible(ctx, change, values) : {}));
  }
  return fieldsVisible(ctx, change, values);
}

const rowVisible = (ctx: Context, table: EditableTable, id: string): Promise<boolean> =>
  loaderFor<string, boolean>(ctx, `row-rule:${table}`, async (ids) => {
    const seen = await visibleIds(ctx.db, table, ctx.viewer, ids);
    return ids.map((id) => seen.has(id));
  }).load(id);

function fieldsVisible(
  ctx: Context,
  change: RecordedChange,
  values: Record<string, unknown> | null,
): Record<string, unknown> | null | Promise<Record<string, unknown> | null> {
  const rules = RULES.get(change.entity_type);
  if (!rules || !values) return values;
  return Promise.all(rules.map((rule) => hiddenInChange(ctx, rule, change))).then((lists) => {
    const hidden = lists.flat();
    return hidden.length ? Object.fromEntries(Object.entries(values).filter(([key]) => !hidden.includes(key))) : values;
  });
}
