import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor, UntypedDb, UntypedQuery } from './client.js';
import { COLUMNS, type DB } from './types.js';
import { ValidationError } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';

/**
 * Keyset pagination over child rows of many parents at once, so that a connection nested under a
 * list costs one statement however many parents there are.
 */
export type ListSpec<Args> = {
  /** Unique name; with the arguments it keys the per-request loader. */
  name: string;
  table: keyof DB & string;
  /** Rows to list instead of the bare table, when the parent column comes from a join. */
  from?: (db: UntypedDb) => UntypedQuery;
  /** Column holding the parent's id. */
  parent: string;
  /** Ascending sort columns; `key` is appended to make the order total. */
  orderBy: string[];
  /** A column unique among one parent's rows; `id` unless given. */
  key?: string;
  /** Extra conditions from the field's filter arguments. */
  filter?: (args: Args) => Expression<SqlBool> | null;
};

export type PageArgs = { first: number; after?: string | null };

/** A list's filter from its arguments' conditions (null ones left out): all of them, or none. */
export function allOf(conditions: readonly (Expression<SqlBool> | null)[]): Expression<SqlBool> | null {
  const given = conditions.filter((c): c is Expression<SqlBool> => c !== null);
  return given.length ? sql<boolean>`${sql.join(given, sql` AND `)}` : null;
}
/** One parent's page; cursors are encoded only when a client asks for them. */
export type Page<Row> = { rows: Row[]; hasNextPage: boolean; cursorOf: (row: Row) => string };

const untyped = (db: Executor) => db as unknown as UntypedDb;

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? v.toISOString() : v)))).toString('base64url');
}

/** Columns holding ids (uuid). */
const holdsIds = (column: string) => column === 'id' || column.endsWith('_id');

/** Whether a cursor value can be what the column holds: a forged cursor must not reach SQL as junk. */
function fitsColumn(column: string, value: unknown): boolean {
  if (holdsIds(column)) return typeof value === 'string' && isUuid(value);
  if (column.endsWith('_at')) return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));
  if (column.endsWith('_date')) return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (column === 'position' || column === 'revision') return Number.isSafeInteger(value);
  return typeof value === 'string' && value.length <= 1000 && !value.includes('\u0000');
}

export function decodeCursor(cursor: string, columns: readonly string[]): unknown[] {
  try {
    const values = cursor.length <= 4096 ? (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown) : null;
    if (Array.isArray(values) && values.length === columns.length && values.every((v, i) => fitsColumn(columns[i]!, v))) {
      return values;
    }
  } catch {
    // fall through to the error below
  }
  throw new ValidationError({ field: 'after', message: 'is not a cursor of this list' });
}

/** The listed rows of the given parents (`parents` narrows the source to them), filtered and visible. */
function baseQuery<Args>(
  db: Executor,
  spec: ListSpec<Args>,
  parents: (query: UntypedQuery) => UntypedQuery,
  args: Args,
  visible: Visible,
): UntypedQuery {
  const source = spec.from ? untyped(db).selectFrom(spec.from(untyped(db)).as(spec.table)) : untyped(db).selectFrom(spec.table);
  let query = parents(source);
  const condition = spec.filter?.(args);
  if (condition) query = query.where(condition);
  if (visible) query = query.where(visible);
  return query;
}

const amongIds = (column: string, ids: readonly string[]) => (query: UntypedQuery) => query.where(column, 'in', ids as string[]);

/** The reader's row rule for the listed table (src/auth/row-rules.ts), or null: pages and counts both obey it. */
export type Visible = Expression<SqlBool> | null;

/**
 * A row each listed row points at (a session's room, a session speaker's speaker), read in the
 * page's own statement instead of by a statement of its own after it.
 */
export type Join = {
  /** The listed table's column holding the other row's id. */
  column: string;
  /** The table it points into. */
  table: keyof DB & string;
  /** The columns the query reads of it; its id comes with them. */
  columns: readonly string[];
  /** Whether a field reads its event too (its `event_id`), as `Wanted.event`. */
  event: boolean;
};

/** What a page's query reads from its rows (src/schema/selection.ts). */
export type Wanted = {
  /** The columns its fields read; null for whole rows. */
  columns: readonly string[] | null;
  /**
   * Whether a field may read the rows' event (`event_id`) without naming it: a computed field or a
   * rule on the type. Who may read a row is asked in the page's statement, so a page whose fields
   * read only what they name (columns, ids, rows pointed at) reads no event of 4,200 cues.
   */
  event: boolean;
  /** Whether it asks for cursors, which are made of the sort columns. */
  cursors: boolean;
  /** The rows its rows point at that it reads too, each by a column among `columns`. */
  joins: readonly Join[];
};

const WHOLE_ROWS: Wanted = { columns: null, event: true, cursors: true, joins: [] };

/** Who may read a joined table's rows: one condition on its unqualified columns (src/auth/visibility.ts). */
export type JoinedVisible = (table: keyof DB & string) => Expression<SqlBool>;

const JOINED = Symbol('joined rows');
/** The place of a row's parent in its statement's list of parents, from 1. */
const PARENT = '_parent';

/** The place of a row's parent among its page's parents (from 0), taken off the row as it was read (its last column). */
function takePlace(row: Record<string, unknown>): number {
  const place = (row[PARENT] as number) - 1;
  delete row[PARENT];
  return place;
}
type WithJoined = { [JOINED]?: Record<string, Record<string, unknown>> };

/**
 * The row that a listed row's column points at, as its page read it: only the columns the query
 * reads of it (with its id, and its event when a field may read it). Undefined when the page did
 * not read it, or read nothing there (no such row, or one the reader may not see): the field then
 * loads it by id as before.
 */
export function joinedRow(row: object, column: string): Record<string, unknown> | undefined {
  return (row as WithJoined)[JOINED]?.[column];
}

/** The joined columns of each row (aliased `<column>.<its column>` by fetchPages), as rows of their own beside it. */
function splitJoined(rows: Record<string, unknown>[], joins: readonly Join[], columnsOf: string[][]) {
  // The aliases made once, not per row: 84 sessions' rooms, ~300 speakers.
  const aliased = joins.map((join, i) => ({
    column: join.column,
    id: `${join.column}.id`,
    columns: columnsOf[i]!.map((column) => [column, `${join.column}.${column}`] as const),
  }));
  for (const row of rows) {
    const joined: Record<string, Record<string, unknown>> = {};
    for (const join of aliased) {
      if (row[join.id] == null) continue;
      const other: Record<string, unknown> = {};
      for (const [column, alias] of join.columns) other[column] = row[alias];
      joined[join.column] = other;
    }
    (row as WithJoined)[JOINED] = joined;
  }
}

/** Of a table's columns, those asked, with its id, and its event when a field may read it (`Wanted.event`). */
const withKeys = (all: readonly string[], event: boolean, asked: readonly string[]) =>
  all.filter((c) => c === 'id' || (event && c === 'event_id') || asked.includes(c));

/**
 * The columns a page selects: those its query reads, its id, and the sort columns when cursors are
 * asked for (a page is sorted by them either way; 4,200 cues need not carry their positions to a
 * dashboard that lists them). Not its parent's id: a row's page is told by its parent's place in
 * the statement's list of parents (`_parent`), a small number where a uuid was parsed per row.
 */
function pageColumns<Args>(spec: ListSpec<Args>, sortColumns: readonly string[], wanted: Wanted): string[] {
  const all: readonly string[] = COLUMNS[spec.table];
  const rows = wanted.columns && wanted.columns.every((c) => all.includes(c)) ? wanted.columns : all;
  return [...new Set([...withKeys(all, wanted.event, []), ...(wanted.cursors ? sortColumns : []), ...rows])];
}

/** A joined table's columns to read: those asked, with its id (and event). */
function joinColumns(join: Join): string[] {
  return withKeys(COLUMNS[join.table], join.event, join.columns);
}

export async function fetchPages<Args extends PageArgs, Row extends Record<string, unknown>>(
  db: Executor,
  spec: ListSpec<Args>,
  parentIds: readonly string[],
  args: Args,
  wanted: Wanted = WHOLE_ROWS,
  visible: Visible = null,
  joinedVisible?: JoinedVisible,
): Promise<Map<string, Page<Row>>> {
  const columns = [...spec.orderBy, spec.key ?? 'id'];
  const selected = pageColumns(spec, columns, wanted);
  const after = args.after ? decodeCursor(args.after, columns) : null;
  /** The page of the parents `parents` narrows the rows to: past the cursor, in order, one more than asked. */
  const page = (parents: (query: UntypedQuery) => UntypedQuery) => {
    let query = baseQuery(db, spec, parents, args, visible).select(selected);
    if (after) {
      query = query.where(sql<boolean>`(${sql.join(columns.map((c) => sql.ref(c)))}) > (${sql.join(after.map((v) => sql.val(v)))})`);
    }
    for (const c of columns) query = query.orderBy(c);
    return query.limit(args.first + 1);
  };
  const joins = wanted.joins.filter(
    (join) => selected.includes(join.column) && join.columns.every((c) => (COLUMNS[join.table] as readonly string[]).includes(c)),
  );
  let statement: UntypedQuery;
  const parents = [...new Set(parentIds)];
  if (parents.length === 1) {
    const alone = page(amongIds(spec.parent, parents));
    statement = joins.length ? untyped(db).selectFrom(alone.as('page')).selectAll('page') : alone;
  } else {
    // One page per parent, each read as a range of the index that leads with the parent column
    // (tests/lists.test.ts checks every list has one): PostgreSQL reads only the rows returned, in
    // order — ranking every child of every parent instead read and sorted them all, 3× the time for
    // a day's 4,200 cues. A parent's rows come from one run of its page, so they keep its order.
    const type = holdsIds(spec.parent) ? sql`uuid[]` : sql`text[]`;
    const list = sql`unnest(${sql.val(parents)}::${type}) WITH ORDINALITY`.as<'_parents'>(sql`_parents(id, n)`);
    const perParent = page((query) => query.whereRef(spec.parent, '=', '_parents.id'));
    statement = untyped(db)
      .selectFrom(list)
      .innerJoinLateral(perParent.as('page'), (join) => join.onTrue())
      .selectAll('page');
  }
  if (joins.length && !joinedVisible) throw new Error(`${spec.name}: joined rows asked without who may read them`);
  const joinedColumns = joins.map((join) => joinColumns(join));
  joins.forEach((join, i) => {
    // A lateral lookup by id per listed row, after the page's LIMIT: it keeps the page's order and
    // reads nothing but the rows pointed at, each as the reader may see it (else nothing).
    const other = untyped(db)
      .selectFrom(join.table)
      .select(joinedColumns[i]!)
      .whereRef('id', '=', `page.${join.column}`)
      .where(joinedVisible!(join.table));
    statement = statement
      .leftJoinLateral(other.as(`_joined${i}`), (on) => on.onTrue())
      .select(joinedColumns[i]!.map((column) => sql.ref(`_joined${i}.${column}`).as(`${join.column}.${column}`)));
  });
  // Last, so that taking it off each row below leaves the row as pg made it (a fast delete in V8).
  if (parents.length > 1) statement = statement.select(sql.ref('_parents.n').as(PARENT));
  const rows = (await statement.execute()) as Row[];
  const cursorOf = wanted.cursors
    ? (row: Row) => encodeCursor(columns.map((c) => row[c]))
    : () => {
        throw new Error(`${spec.name}: a cursor asked of a page read without its sort columns`);
      };
  // Pages in the parents' order: a row's page is found by its parent's place, without a lookup by uuid.
  const inOrder = parents.map((): Page<Row> => ({ rows: [], hasNextPage: false, cursorOf }));
  const many = parents.length > 1;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const page = inOrder[many ? takePlace(row) : 0]!;
    if (page.rows.length === args.first) page.hasNextPage = true;
    else page.rows.push(row);
  }
  if (joins.length) splitJoined(rows, joins, joinedColumns);
  return new Map(parents.map((id, i) => [id, inOrder[i]!]));
}

export async function countByParent<Args>(
  db: Executor,
  spec: ListSpec<Args>,
  parentIds: readonly string[],
  args: Args,
  visible: Visible = null,
): Promise<Map<string, number>> {
  const rows = (await baseQuery(db, spec, amongIds(spec.parent, parentIds), args, visible)
    .select([sql.ref(spec.parent).as('parent'), sql<number>`count(*)::int`.as('count')])
    .groupBy(spec.parent)
    .execute()) as { parent: string; count: number }[];
  const counts = new Map<string, number>(parentIds.map((id) => [id, 0]));
  for (const row of rows) counts.set(row.parent, row.count);
  return counts;
}
