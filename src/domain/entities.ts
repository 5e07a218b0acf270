import type { Insertable, Transaction, Updateable } from 'kysely';
import type { Database, Executor, UntypedDb } from '../db/client.js';
import type { DB, Event } from '../db/types.js';
import { writeEvent, type Actor, type ChangeRecord, type Written } from '../db/write.js';
import { TYPENAMES, type EditableTable, type Row } from '../db/entities.js';
import { NotFoundError, StaleVersionError } from '../shared/errors.js';

/**
 * Every editable row of an event goes through these three functions: they find the event the row
 * belongs to, check `expectedVersion`, bump `version`, and describe the change for the write path.
 */
export { TYPENAMES, type EditableTable, type Row } from '../db/entities.js';

type Tx = Transaction<DB>;

// Dynamic table names defeat Kysely's inference; the typed signatures below are the contract.
const untyped = (db: Executor) => db as unknown as UntypedDb;

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
/** Bookkeeping, and secrets' hashes: never part of what the history shows. */
const HIDDEN = new Set(['created_at', 'updated_at', 'token_hash']);

/** The row as the change history shows it: API field names, no bookkeeping columns. */
export function describe(row: object | null | undefined): Record<string, unknown> | null {
  if (!row) return null;
  return Object.fromEntries(
    Object.entries(row)
      .filter(([key]) => !HIDDEN.has(key))
      .map(([key, value]) => [camel(key), value]),
  );
}

/** A JSON value with its object keys in one order, so that equal values read equal however stored. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
        )
      : value;

export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a && b && typeof a === 'object' && typeof b === 'object') return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
  return a === b;
}

/** Only the fields that changed, on both sides, plus the version. */
export function diff(before: object, after: object): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  const beforeEntries = before as Record<string, unknown>;
  for (const [key, value] of Object.entries(after)) {
    if (HIDDEN.has(key)) continue;
    if (key === 'version' || !sameValue(beforeEntries[key], value)) {
      b[camel(key)] = beforeEntries[key];
      a[camel(key)] = value;
    }
  }
  return { before: b, after: a };
}

/** A change record for a row that was updated: kind and entity, with only the fields that changed. */
export function updateChange(kind: string, entityType: string, entityId: string, before: object, after: object): ChangeRecord {
  const changed = diff(before, after);
  return { kind, entityType, entityId, before: changed.before, after: changed.after };
}

export async function findByIds<T extends EditableTable>(db: Executor, table: T, ids: readonly string[]): Promise<Row<T>[]> {
  if (ids.length === 0) return [];
  return (await untyped(db)
    .selectFrom(table as string)
    .selectAll()
    .where('id', 'in', ids)
    .execute()) as Row<T>[];
}

export async function findById<T extends EditableTable>(db: Executor, table: T, id: string): Promise<Row<T>> {
  const [row] = await findByIds(db, table, [id]);
  if (!row) throw new NotFoundError(TYPENAMES[table], id);
  return row;
}

export async function eventIdOf(db: Executor, table: EditableTable, id: string): Promise<string> {
  const row = (await untyped(db)
    .selectFrom(table)
    .select(table === 'event' ? 'id as event_id' : 'event_id')
    .where('id', '=', id)
    .executeTakeFirst()) as { event_id: string } | undefined;
  if (!row) throw new NotFoundError(TYPENAMES[table], id);
  return row.event_id;
}

export async function lockForEdit<T extends EditableTable>(
  tx: Tx,
  table: T,
  id: string,
  expectedVersion: number | null | undefined,
): Promise<Row<T>> {
  const row = (await untyped(tx)
    .selectFrom(table as string)
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()) as (Row<T> & { id: string; version: number }) | undefined;
  if (!row) throw new NotFoundError(TYPENAMES[table], id);
  if (expectedVersion != null && row.version !== expectedVersion) {
    throw new StaleVersionError(TYPENAMES[table], expectedVersion, row.version, row);
  }
  return row;
}

function change(
  kind: 'created' | 'updated' | 'deleted',
  table: EditableTable,
  id: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): ChangeRecord {
  const typename = TYPENAMES[table];
  return { kind: `${typename}.${kind}`, entityType: typename, entityId: id, before, after };
}

export async function createEntity<T extends Exclude<EditableTable, 'event'>>(
  db: Database,
  actor: Actor,
  table: T,
  eventId: string,
  build: (tx: Tx, event: Event) => Promise<Omit<Insertable<DB[T]>, 'event_id'>>,
): Promise<Written<Row<T>>> {
  return writeEvent(db, eventId, actor, async (tx, event) => {
    const values = await build(tx, event);
    const row = (await untyped(tx)
      .insertInto(table)
      .values({ ...values, event_id: eventId })
      .returningAll()
      .executeTakeFirstOrThrow()) as Row<T> & { id: string };
    return { result: row, change: change('created', table, row.id, null, describe(row)) };
  });
}

/**
 * `check` sees the row as it would be after the patch, inside the transaction, and throws a
 * ValidationError to refuse it; it may return columns to write besides, when the patch changes something. A patch that changes nothing writes nothing and takes no revision.
 */
export async function updateEntity<T extends EditableTable>(
  db: Database,
  actor: Actor,
  table: T,
  id: string,
  expectedVersion: number | null | undefined,
  patch: Updateable<DB[T]>,
  check?: (tx: Tx, next: Row<T>, before: Row<T>) => Promise<void | Updateable<DB[T]>> | void | Updateable<DB[T]>,
): Promise<Written<Row<T>>> {
  const eventId = await eventIdOf(db, table, id);
  return writeEvent(db, eventId, actor, async (tx) => {
    const before = await lockForEdit(tx, table, id, expectedVersion);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const next = { ...before, ...defined } as Row<T>;
    // What the check adds (bookkeeping such as a lock's flag) is written only with a real change.
    const more = (await check?.(tx, next, before)) ?? {};
    if (Object.keys(defined).every((key) => sameValue((before as Record<string, unknown>)[key], defined[key]))) {
      return { result: before, change: null };
    }
    const after = (await untyped(tx)
      .updateTable(table as string)
      .set((eb) => ({ ...defined, ...more, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()) as Row<T>;
    return { result: after, change: updateChange(`${TYPENAMES[table]}.updated`, TYPENAMES[table], id, before, after) };
  });
}

export async function deleteEntity<T extends Exclude<EditableTable, 'event'>>(
  db: Database,
  actor: Actor,
  table: T,
  id: string,
  expectedVersion: number | null | undefined,
  afterDelete?: (tx: Tx, deleted: Row<T>) => Promise<void>,
  /** Refuses the delete (a ValidationError) before anything is deleted, e.g. while other rows still use this one. */
  beforeDelete?: (tx: Tx, row: Row<T>) => Promise<void>,
): Promise<Written<Row<T>>> {
  const eventId = await eventIdOf(db, table, id);
  return writeEvent(db, eventId, actor, async (tx) => {
    const before = await lockForEdit(tx, table, id, expectedVersion);
    await beforeDelete?.(tx, before);
    await untyped(tx)
      .deleteFrom(table as string)
      .where('id', '=', id)
      .execute();
    await afterDelete?.(tx, before);
    return { result: before, change: change('deleted', table, id, describe(before), null) };
  });
}
