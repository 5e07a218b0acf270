import {
  getNamedType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { Wanted } from '../db/pagination.js';
import type { ColumnOf, DB } from '../db/types.js';

/**
 * Which columns a page must select: only those the query reads, so a dashboard listing thousands
 * of cues does not fetch, parse and keep every note and timestamp it never shows.
 *
 * A field tells what it reads from its row: a field that `expose`s a column reads that column; a
 * computed field declares its columns with `reads(...)`; a field that declares nothing reads the
 * whole row, so forgetting a declaration costs speed, never correctness.
 */
export function reads<T extends keyof DB>(_table: T, ...columns: ColumnOf<T>[]): { columns: readonly string[] } {
  return { columns };
}

// Parsed documents are cached and reused, so the answer is worked out once per field of a document.
const cache = new WeakMap<FieldNode, Wanted>();

/** What the fields selected under this connection field read from its rows. */
export function selectedColumns(info: GraphQLResolveInfo): Wanted {
  const first = info.fieldNodes[0]!;
  let selection = cache.get(first);
  if (selection === undefined) {
    selection = { columns: columnsOf(info), cursors: info.fieldNodes.some((field) => asksCursors(field, info.fragments)) };
    cache.set(first, selection);
  }
  return selection;
}

function columnsOf(info: GraphQLResolveInfo): readonly string[] | null {
  const connection = getNamedType(info.returnType);
  const nodes = isObjectType(connection) ? connection.getFields().nodes : undefined;
  const node = nodes ? getNamedType(nodes.type) : undefined;
  if (!isObjectType(node)) return null;
  const found = new Set<string>();
  const fragments = info.fragments;
  for (const field of info.fieldNodes) {
    if (field.selectionSet && !collectConnection(field.selectionSet, node, fragments, found)) return null;
  }
  return [...found].sort();
}

/** Whether it asks for cursors, conservatively: any `edges` or `pageInfo` under the connection, through fragments too. */
function asksCursors(field: FieldNode, fragments: Fragments): boolean {
  const cursorless = (f: FieldNode) => f.name.value !== 'edges' && f.name.value !== 'pageInfo';
  return field.selectionSet ? !everySelection(field.selectionSet, fragments, cursorless) : false;
}

type Fragments = Record<string, FragmentDefinitionNode>;

/** Walks `nodes { … }` and `edges { node { … } }` of a connection; false when a field needs the whole row. */
function collectConnection(set: SelectionSetNode, node: GraphQLObjectType, fragments: Fragments, found: Set<string>): boolean {
  return everySelection(set, fragments, (field) => {
    if (!field.selectionSet) return true;
    if (field.name.value === 'nodes') return collectNode(field.selectionSet, node, fragments, found);
    if (field.name.value === 'edges') {
      return everySelection(field.selectionSet, fragments, (edgeField) =>
        edgeField.name.value === 'node' && edgeField.selectionSet ? collectNode(edgeField.selectionSet, node, fragments, found) : true,
      );
    }
    return true;
  });
}

function collectNode(set: SelectionSetNode, node: GraphQLObjectType, fragments: Fragments, found: Set<string>): boolean {
  const fields = node.getFields();
  return everySelection(set, fragments, (selected) => {
    if (selected.name.value === '__typename') return true;
    const extensions = fields[selected.name.value]?.extensions as { pothosExposedField?: string; columns?: readonly string[] } | undefined;
    if (typeof extensions?.pothosExposedField === 'string') {
      found.add(extensions.pothosExposedField);
      return true;
    }
    if (!extensions?.columns) return false;
    for (const column of extensions.columns) found.add(column);
    return true;
  });
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
