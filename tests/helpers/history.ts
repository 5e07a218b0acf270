import * as ops from '../gql/graphql.js';
import { having, ok, type client } from './graphql.js';

/** An event's whole history as one caller reads it, page by page, as one text (for what it must or must not contain). */
export async function historyText(call: ReturnType<typeof client>, eventId: string, kinds: RegExp = /./): Promise<string> {
  const pages: unknown[] = [];
  for (let after: string | null | undefined = undefined; ;) {
    const page: ops.ChangeHistoryQuery = ok(await call(ops.ChangeHistoryDocument, { eventId, after }));
    const changes = having(page.node, 'changes').changes;
    pages.push(changes.nodes.filter((c) => kinds.test(c.kind)));
    if (!changes.pageInfo.hasNextPage) return JSON.stringify(pages);
    after = changes.pageInfo.endCursor;
  }
}
