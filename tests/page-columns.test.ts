import { parse, type FieldNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { listedCondition } from '../src/auth/visibility.js';
import { viewerForToken } from '../src/auth/tokens.js';
import { countByParent, fetchPages } from '../src/db/pagination.js';
import { cuesOfSession } from '../src/domain/runofshow/lists.js';
import { schema } from '../src/schema/index.js';
import { selectedColumns } from '../src/schema/selection.js';
import { useTestDatabase, type TestDatabase } from './helpers/db.js';
import { ok, send } from './helpers/graphql.js';
import { gid, makeWorld, persona, type Persona } from './helpers/world.js';

/**
 * A page asks who may read its rows in its own statement (`listedCondition`), so its rows need not
 * carry their event for a check after it: a page whose fields read only what they name (columns,
 * ids, rows pointed at, lists under them) reads no `event_id` of its 4,200 cues; a computed field
 * or a rule on the type may read the event, and its page reads it (src/schema/selection.ts).
 */
let t: TestDatabase;
let app: App;
let world: Awaited<ReturnType<typeof makeWorld>>;
let stranger: Persona;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db });
  world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 2, cuesPerSession: 3 });
  stranger = await persona(t.db, 'PRODUCTION_AGENCY', 'stranger');
  await t.db.updateTable('cue').set({ notes: 'Wait for the applause' }).where('event_id', '=', world.event.id).execute();
});

/** The columns the statement reading `table`'s page selects of it. */
function selectedOf(table: string): string[] {
  const statement = t.queries.find((q) => q.includes(`from "${table}" where`));
  // The innermost select before the table: the page's own, inside its lateral or alone.
  const list = statement && new RegExp(`select ((?:(?!select ).)*?) from "${table}" where`).exec(statement)?.[1];
  if (!list) throw new Error(`no page of ${table} among ${t.queries.length} statements`);
  return list.split(', ').map((column) => column.replaceAll('"', ''));
}

type Cues = { node: { sessions: { nodes: { id: string; cues: { nodes: { id: string; title: string; notes?: string | null }[] } }[] } } };

async function cuesAs(token: string, fields: string) {
  t.queries.length = 0;
  const query = `query($id: ID!) { node(id: $id) { ... on Event { sessions(first: 10) { nodes { id cues(first: 10) { nodes { ${fields} } } } } } } }`;
  return ok(await send<Cues>(app, token, query, { id: gid('Event', world.event.id) })).node.sessions.nodes;
}

describe('a page', () => {
  it("asks who may read in its own statement: a stranger gets none of an event's rows, counts included, a member all", async () => {
    for (const [who, token, expected] of [
      ['stranger', stranger.token, 0],
      ['client', world.client.token, 3],
      ['production', world.production.token, 3],
    ] as const) {
      const visible = listedCondition(await viewerForToken(t.db, token), 'cue');
      const pages = await fetchPages(t.db, cuesOfSession, world.sessionIds, { first: 10 }, undefined, visible);
      const counts = await countByParent(t.db, cuesOfSession, world.sessionIds, { first: 10 }, visible);
      for (const id of world.sessionIds) {
        expect([who, pages.get(id)!.rows.length, counts.get(id)]).toEqual([who, expected, expected]);
      }
    }
  });

  it('whose fields read only what they name reads no event of its rows, and answers as a lookup by id does', async () => {
    const sessions = await cuesAs(world.production.token, 'id number title');
    expect(selectedOf('cue')).not.toContain('event_id');
    expect(sessions.flatMap((s) => s.cues.nodes)).toHaveLength(6);
    const one = `query($id: ID!) { node(id: $id) { ... on Cue { id number title } } }`;
    for (const cue of sessions[0]!.cues.nodes) {
      expect(ok(await send<{ node: unknown }>(app, world.production.token, one, { id: cue.id })).node).toEqual(cue);
    }
  });

  it('with a computed field reads the event it may ask, and keeps its rights: notes for production, null for the client', async () => {
    for (const [who, notes] of [
      ['production', 'Wait for the applause'],
      ['client', null],
    ] as const) {
      const sessions = await cuesAs(world[who].token, 'id notes');
      expect(selectedOf('cue')).toContain('event_id');
      expect(new Set(sessions.flatMap((s) => s.cues.nodes.map((c) => c.notes)))).toEqual(new Set([notes]));
    }
  });

  it('of a type with a rule on each row (a change) reads its event for that rule, whatever fields are asked', () => {
    // Listed by event, a change's page reads its event as its parent column anyway: asked here of
    // the selection itself, so that a type listed otherwise keeps its rule's column too.
    const wanted = (connection: string, fields: string) => {
      const operation = parse(`{ list(first: 5) { nodes { ${fields} } } }`).definitions[0] as OperationDefinitionNode;
      const fieldNodes = [operation.selectionSet.selections[0] as FieldNode];
      return selectedColumns({ fieldNodes, returnType: schema.getType(connection), fragments: {} } as unknown as GraphQLResolveInfo);
    };
    expect(wanted('ChangeConnection', 'revision kind')).toMatchObject({ columns: ['kind', 'revision'], event: true });
    expect(wanted('CueConnection', 'id number title')).toMatchObject({ columns: ['id', 'number', 'title'], event: false });
    expect(wanted('CueConnection', 'id notes')).toMatchObject({ event: true });
  });
});
