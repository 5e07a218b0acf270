import {
  getNamedType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { joinedRow, type Wanted } from '../db/pagination.js';
import type { ColumnOf, DB } from '../db/types.js';

/**
 * Which columns a page must select: only those the query reads, so a dashboard listing thousands
 * of cues does not fetch, parse and keep every note and timestamp it never shows.
 *
 * A field tells what it reads from its row: a field that `expose`s a column reads that column; a
 * computed field declares its columns with `reads(...)`; a field that declares nothing reads the
 * whole row, so forgetting a declaration costs speed, never correctness. A computed field may also
 * read its row's event (`event_id`, which every row carried before pages checked who may read them
 * in SQL), so its page reads that too; one that reads nothing but what it names says `readsOnly`.
 */
export function reads<T extends keyof DB>(_table: T, ...columns: ColumnOf<T>[]): { columns: readonly string[] } {
  return { columns };
}

/** `reads`, for a field that reads nothing of its row but these columns (a list under it reads its id). */
export function readsOnly<T extends keyof DB>(_table: T, ...columns: ColumnOf<T>[]): { columns: readonly string[]; only: true } {
  return { columns, only: true };
}

/**
 * A field that returns the row its column points at (a session's `room`): it reads that column,
 * and a page whose query asks only columns of that row reads the row in its own statement
 * (src/db/pagination.ts, `Join`); the field returns it then, and otherwise the id, which the
 * node type's loader reads as before. Only node types made by `entityNode` (src/schema/refs.ts),
 * whose loader asks `visibleCondition`, are read this way.
 */
export function refersTo<T extends keyof DB, C extends ColumnOf<T>>(table: T, column: C) {
  return {
    extensions: { columns: [column] as readonly string[], only: true, joins: true },
    resolve: (row: Record<C, unknown>) => (joinedRow(row, column) ?? row[column]) as never,
  };
}

/** Node types whose rows a page may read in its own statement, by name: their tables. */
const joinable = new Map<string, keyof DB & string>();

/** Marks a node type whose loader reads its table's rows by id as `visibleCondition` allows, and nothing else. */
export function joinableNode(typename: string, table: keyof DB & string): void {
  joinable.set(typename, table);
}

/** The table of a node type a page may read in its own statement; undefined for the others. */
export const joinableTable = (typename: string): (keyof DB & string) | undefined => joinable.get(typename);

// Parsed documents are cached and reused, so the answer is worked out once per field of a document.
const cache = new WeakMap<FieldNode, Wanted>();

/** What the fields selected under this connection field read from its rows. */
export function selectedColumns(info: GraphQLResolveInfo): Wanted {
  const first = info.fieldNodes[0]!;
  let selection = cache.get(first);
  if (selection === undefined) {
    const read = readOf(info);
    selection = {
      columns: read && [...read.columns].sort(),
      event: read?.event ?? true,
      cursors: info.fieldNodes.some((field) => asksCursors(field, info.fragments)),
      joins: read
        ? [...read.joins!]
            .filter(([, join]) => join.columns.size)
            .map(([column, join]) => ({ column, table: join.table, columns: [...join.columns].sort(), event: join.event }))
        : [],
    };
    cache.set(first, selection);
  }
  return selection;
}

/** The columns read of a page's rows (and whether their event may be), and of the rows they point at that it can read with them. */
type Read = { columns: Set<string>; event: boolean; joins: Map<string, { table: keyof DB & string; columns: Set<string>; event: boolean }> | null };

function readOf(info: GraphQLResolveInfo): Read | null {
  const connection = getNamedType(info.returnType);
  const nodes = isObjectType(connection) ? connection.getFields().nodes : undefined;
  const node = nodes ? getNamedType(nodes.type) : undefined;
  if (!isObjectType(node)) return null;
  const read: Read = { columns: new Set(), event: false, joins: new Map() };
  const fragments = info.fragments;
  for (const field of info.fieldNodes) {
    if (field.selectionSet && !collectConnection(field.selectionSet, node, fragments, read)) return null;
  }
  return read;
}

/** Whether it asks for cursors, conservatively: any `edges` or `pageInfo` under the connection, through fragments too. */
function asksCursors(field: FieldNode, fragments: Fragments): boolean {
  const cursorless = (f: FieldNode) => f.name.value !== 'edges' && f.name.value !== 'pageInfo';
  return field.selectionSet ? !everySelection(field.selectionSet, fragments, cursorless) : false;
}

type Fragments = Record<string, FragmentDefinitionNode>;

/** Walks `nodes { … }` and `edges { node { … } }` of a connection; false when a field needs the whole row. */
function collectConnection(set: SelectionSetNode, node: GraphQLObjectType, fragments: Fragments, read: Read): boolean {
  return everySelection(set, fragments, (field) => {
    if (!field.selectionSet) return true;
    if (field.name.value === 'nodes') return collectNode(field.selectionSet, node, fragments, read);
    if (field.name.value === 'edges') {
      return everySelection(field.selectionSet, fragments, (edgeField) =>
        edgeField.name.value === 'node' && edgeField.selectionSet ? collectNode(edgeField.selectionSet, node, fragments, read) : true,
      );
    }
    return true;
  });
}

type FieldExtensions = { pothosExposedField?: string; columns?: readonly string[]; only?: true; joins?: true } | undefined;

/** Adds what a selection of a node reads to `read`; false when a field needs the whole row. */
function collectNode(set: SelectionSetNode, node: GraphQLObjectType, fragments: Fragments, read: Read): boolean {
  const fields = node.getFields();
  // A rule on the type itself (`authScopes`: a change's event) reads each of its rows.
  if ((node.extensions.pothosOptions as { authScopes?: unknown } | undefined)?.authScopes) read.event = true;
  return everySelection(set, fragments, (selected) => {
    if (selected.name.value === '__typename') return true;
    const field = fields[selected.name.value];
    const extensions = field?.extensions as FieldExtensions;
    if (typeof extensions?.pothosExposedField === 'string') {
      read.columns.add(extensions.pothosExposedField);
      return true;
    }
    if (!extensions?.columns) return false;
    for (const column of extensions.columns) read.columns.add(column);
    if (!extensions.only) read.event = true;
    if (extensions.joins && read.joins && selected.selectionSet) collectJoin(selected.selectionSet, field!.type, extensions.columns[0]!, fragments, read.joins);
    return true;
  });
}

/**
 * The columns a selection reads of the row a column points at, kept as a join of that column when
 * they are all columns (no field of it needs the whole row) and its type is an entity node's; a
 * row it points at in turn is loaded by id (joins go one level). The same field selected twice
 * (aliases) reads both selections' columns, and none when either needs the whole row.
 */
function collectJoin(set: SelectionSetNode, type: GraphQLOutputType, column: string, fragments: Fragments, joins: NonNullable<Read['joins']>) {
  const other = getNamedType(type);
  const table = joinableTable(other.name);
  if (!table || !isObjectType(other)) return;
  const read: Read = { columns: new Set(), event: false, joins: null };
  const known = joins.get(column);
  if (known === undefined || known.columns.size) {
    // A selection that needs whole rows reads none of it here (an empty join is not read).
    const columns = collectNode(set, other, fragments, read) ? read.columns : new Set<string>();
    const event = read.event || Boolean(known?.event);
    joins.set(column, { table, columns: known && columns.size ? new Set([...known.columns, ...columns]) : columns, event });
  }
}

/** Calls `visit` for every field of a selection set, through fragments, until it returns false. */
function everySelection(set: SelectionSetNode, fragments: Fragments, visit: (field: FieldNode) => boolean): boolean {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!visit(selection)) return false;
    } else {
      const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments[selection.name.value]?.selectionSet;
      if (inner && !everySelection(inner, fragments, visit)) return false;
    }
  }
  return true;
}
