import type { ArgBuilder, ObjectRef } from '@pothos/core';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type DataLoader from 'dataloader';
import { z } from 'zod';
import { loaderFor, perOperation, type Context } from '../context.js';
import { countByParent, fetchPages, type ListSpec, type Page, type PageArgs, type Wanted } from '../db/pagination.js';
import { builder, type BuilderTypes } from './builder.js';
import { listedCondition, visibleCondition } from '../auth/visibility.js';
import type { EditableTable } from '../db/entities.js';
import { readsOnly, selectedColumns } from './selection.js';

export const MAX_PAGE_SIZE = 100;

/** An edge whose cursor is encoded only if a client selects it. */
class Edge<Row> {
  constructor(
    readonly node: Row,
    private readonly cursorOf: (row: Row) => string,
  ) {}

  get cursor(): string {
    return this.cursorOf(this.node);
  }
}

type PageInfo = { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };

/**
 * A page as GraphQL reads it. Dashboards mostly ask for `nodes`: edges and cursors are made only
 * when a client selects them.
 */
class Connection<Row> {
  constructor(
    readonly nodes: Row[],
    private readonly page: Page<Row>,
    private readonly hasPrevious: boolean,
    readonly totalCount: () => number | Promise<number>,
  ) {}

  get edges(): Edge<Row>[] {
    return this.nodes.map((node) => new Edge(node, this.page.cursorOf));
  }

  get pageInfo(): PageInfo {
    const { nodes, page } = this;
    return {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: this.hasPrevious,
      startCursor: nodes.length ? page.cursorOf(nodes[0]!) : null,
      endCursor: nodes.length ? page.cursorOf(nodes.at(-1)!) : null,
    };
  }
}

/** `XConnection` and `XEdge` for a node type, with `totalCount`. */
export function connectionOf<Shape>(nodeRef: ObjectRef<BuilderTypes, Shape>, name: string, what: string) {
  return builder.connectionObject(
    {
      type: nodeRef,
      name: `${name}Connection`,
      description: `A page of ${what}.`,
      fields: (t) => ({
        // Here rather than the relay plugin's, which reads every node through an edge.
        nodes: t.field({
          type: [nodeRef],
          description: 'The items of this page, without their cursors.',
          resolve: (connection) => (connection as unknown as Connection<Shape>).nodes,
        }),
        totalCount: t.int({
          description: `How many ${what} match, on all pages together.`,
          resolve: (connection) => (connection as unknown as Connection<Shape>).totalCount(),
        }),
      }),
    },
    { name: `${name}Edge`, description: `One of ${what}, with its cursor.` },
  );
}

/** `first` (required, 1–100) and `after`, the forward pagination every list takes. */
export const pageArgs = (arg: ArgBuilder<BuilderTypes>) => ({
  first: arg.int({
    required: true,
    description: `How many to return, 1 to ${MAX_PAGE_SIZE}.`,
    validate: z.number().int().min(1, 'must be at least 1').max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`),
  }),
  after: arg.string({
    required: false,
    description: 'Return the items after this cursor (an `endCursor` of a previous page).',
    validate: z.string().max(4096, 'must be at most 4096 characters').nullish(),
  }),
});

type Row = Record<string, unknown>;
type ListLoaders = { spec: unknown; selection: Wanted; pages: DataLoader<string, Page<Row>>; counts: DataLoader<string, number> };

/** Per operation, each list field's loaders: its arguments are the same at every parent (the operation's variables). */
const listsOf = perOperation(() => new Map<FieldNode, ListLoaders>());

/**
 * The loaders of a list field: its pages and its counts, shared with every field of the operation
 * that reads the same list with the same arguments and columns. Worked out once per field (a
 * dashboard asks it at each of its 84 sessions).
 */
function listLoaders<Args extends PageArgs>(ctx: Context, info: GraphQLResolveInfo, spec: ListSpec<Args>, args: Args): ListLoaders {
  const lists = listsOf(ctx);
  const field = info.fieldNodes[0]!;
  let found = lists.get(field);
  // A field of an interface, selected once, can be two types' lists: each keeps its own.
  if (found?.spec === spec) return found;
  const selection = selectedColumns(info);
  const { columns } = selection;
  const { after: _after, first: _first, ...filters } = args;
  // The viewer is the operation's: one condition for every page and count of this list.
  const visible = listedCondition(ctx.viewer, spec.table);
  const joins = selection.joins.map((join) => `${join.column}(${join.columns.join(',')})`).join(',');
  const pages = loaderFor<string, Page<Row>>(ctx, `page:${spec.name}:${columns?.join(',') ?? '*'}:${joins}:${JSON.stringify(args)}`, async (ids) => {
    const byParent = await fetchPages<Args, Row>(ctx.db, spec, ids, args, selection, visible, (table) =>
      visibleCondition(ctx.viewer, table as EditableTable),
    );
    return ids.map((id) => byParent.get(id)!);
  });
  const counts = loaderFor<string, number>(ctx, `count:${spec.name}:${JSON.stringify(filters)}`, async (ids) => {
    const byParent = await countByParent(ctx.db, spec, ids, args, visible);
    return ids.map((id) => byParent.get(id) ?? 0);
  });
  lists.set(field, (found = { spec, selection, pages, counts }));
  return found;
}

/**
 * One page of a parent's children, batched with every other parent that asks for the same list
 * with the same arguments in this operation.
 */
export async function resolvePage<Args extends PageArgs>(
  ctx: Context,
  info: GraphQLResolveInfo,
  spec: ListSpec<Args>,
  parentId: string,
  args: Args,
  /** The node type listed: its loader is primed with whole rows, so `node`-style lookups reuse them. */
  node?: { getDataloader(ctx: Context): { prime(key: string, value: never): unknown } },
): Promise<Connection<never>> {
  const { selection, pages, counts } = listLoaders<Args>(ctx, info, spec, args);
  const { columns } = selection;
  const page = await pages.load(parentId);
  // Its statement read only rows the viewer may see (`listedCondition`): no check per row here.
  const rows = page.rows;
  if (node && columns === null) {
    const loader = node.getDataloader(ctx);
    for (const row of rows) loader.prime(row.id as string, row as never);
  }
  // Rows of the listed type, typed `never` so that every connection field accepts them.
  // A first page with nothing after it holds every match: its length is the count, without a statement.
  const total = () => (args.after || page.hasNextPage ? counts.load(parentId) : page.rows.length);
  return new Connection(rows, page, Boolean(args.after), total) as unknown as Connection<never>;
}

type NodeLoader = { getDataloader(ctx: Context): { prime(key: string, value: never): unknown } };

/**
 * A parent's list of children as a field: `first`/`after`, the parent's `id` as the only column it
 * reads, one batched page per parent. What every area's "event.meals", "room.productionBlocks"… is.
 */
export function childList<Parent extends { id: string }>(
  t: { field: (options: never) => unknown; arg: ArgBuilder<BuilderTypes> },
  parentTable: Parameters<typeof readsOnly>[0],
  /** `parentColumn`: the parent's column the list's rows point at, when it is not its id (a budget's versions are the event's). */
  options: { type: unknown; description: string; spec: ListSpec<PageArgs>; node: NodeLoader; parentColumn?: string },
) {
  const column = options.parentColumn ?? 'id';
  return t.field({
    type: options.type,
    description: options.description,
    args: pageArgs(t.arg),
    extensions: readsOnly(parentTable, column as never),
    resolve: (parent: Parent, args: PageArgs, ctx: Context, info: GraphQLResolveInfo) =>
      resolvePage(ctx, info, options.spec, (parent as unknown as Record<string, string>)[column]!, args, options.node),
  } as never) as never;
}
