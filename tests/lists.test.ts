import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { createDatabase } from '../src/db/client.js';
import { fetchPages, type ListSpec, type PageArgs } from '../src/db/pagination.js';
import { cuesOfSession } from '../src/domain/runofshow/lists.js';
import { useTestDatabase, type TestDatabase } from './helpers/db.js';
import { send } from './helpers/graphql.js';
import { gid, makeWorld } from './helpers/world.js';

let t: TestDatabase;
let app: App;
let world: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db });
  world = await makeWorld(t.db, { rooms: 3, sessionsPerRoom: 3, cuesPerSession: 5 });
});

/** Every list the graph pages through: the `ListSpec`s the domain's modules export. */
async function allLists(): Promise<ListSpec<PageArgs>[]> {
  const root = path.resolve('src/domain');
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const lists: ListSpec<PageArgs>[] = [];
  for (const file of files) {
    if (!fs.readFileSync(path.join(root, file), 'utf8').includes('ListSpec<')) continue;
    const exported = (await import(pathToFileURL(path.join(root, file)).href)) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      const spec = value as Partial<ListSpec<PageArgs>> | null;
      if (
        spec &&
        typeof spec === 'object' &&
        typeof spec.table === 'string' &&
        typeof spec.parent === 'string' &&
        Array.isArray(spec.orderBy)
      ) {
        lists.push(spec as ListSpec<PageArgs>);
      }
    }
  }
  return lists;
}

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] };
const seqScans = (node: PlanNode): string[] => [
  ...(node['Node Type'] === 'Seq Scan' ? [node['Relation Name']!] : []),
  ...(node.Plans ?? []).flatMap(seqScans),
];

type SessionCues = {
  id: string;
  cues: { edges: { cursor: string; node: { number: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
};
type Days = { node: { sessions: { nodes: SessionCues[] } } };

describe('pages of many parents', () => {
  it('read every list one index range per parent: no list makes PostgreSQL scan a whole table for each parent', async () => {
    // A list whose parent is not an id is the organization directory, whose parent is a constant:
    // it is never read for more than one.
    const lists = (await allLists()).filter((spec) => spec.parent.endsWith('_id'));
    expect(lists.length).toBeGreaterThan(60);
    const sent: { sql: string; parameters: readonly unknown[] }[] = [];
    const db = createDatabase(t.url, { poolSize: 1, onQuery: (sql, parameters) => void sent.push({ sql, parameters }) });
    const explain = new pg.Client({ connectionString: t.url });
    await explain.connect();
    // Sequential scans priced out: a plan still holds one only where no index can serve.
    await explain.query('SET enable_seqscan = off');
    const unindexed: string[] = [];
    try {
      for (const spec of lists) {
        sent.length = 0;
        await fetchPages(db, spec, [randomUUID(), randomUUID()], { first: 10 });
        expect(sent, spec.name).toHaveLength(1);
        const { rows } = await explain.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${sent[0]!.sql}`, [
          ...sent[0]!.parameters,
        ]);
        const scanned = seqScans(rows[0]!['QUERY PLAN'][0]!.Plan);
        if (scanned.length) unindexed.push(`${spec.name} (${spec.table}.${spec.parent}): scans ${scanned.join(', ')}`);
      }
    } finally {
      await explain.end();
      await db.destroy();
    }
    expect(unindexed).toEqual([]);
  });

  it('give each parent the page it would get alone: same rows, order and next page, past a cursor too', async () => {
    const sessions = world.sessionIds;
    const wanted = { columns: ['number', 'title'], event: false, cursors: true, joins: [] };
    const together = await fetchPages(t.db, cuesOfSession, sessions, { first: 2 }, wanted);
    for (const id of sessions) {
      const alone = (await fetchPages(t.db, cuesOfSession, [id], { first: 2 }, wanted)).get(id)!;
      const page = together.get(id)!;
      expect(page.rows).toEqual(alone.rows);
      expect(page.rows).toHaveLength(2);
      expect(page.hasNextPage).toBe(true);
      const after = page.cursorOf(page.rows[1]!);
      const rest = (await fetchPages(t.db, cuesOfSession, sessions, { first: 10, after }, wanted)).get(id)!;
      const restAlone = (await fetchPages(t.db, cuesOfSession, [id], { first: 10, after }, wanted)).get(id)!;
      expect(rest.rows).toEqual(restAlone.rows);
      expect(rest.rows).toHaveLength(3);
      expect(rest.hasNextPage).toBe(false);
    }
    // A parent named twice is one parent, and a parent without rows has an empty page.
    const twice = await fetchPages(t.db, cuesOfSession, [sessions[0]!, sessions[0]!, randomUUID()], { first: 10 }, wanted);
    expect(twice.get(sessions[0]!)!.rows).toHaveLength(5);
    expect([...twice.values()].filter((p) => p.rows.length === 0)).toHaveLength(1);
  });

  it('reads the sort columns only when the query asks for cursors, and its cursors then page on', async () => {
    const nodesOnly = `query($id: ID!) { node(id: $id) { ... on Event { sessions(first: 20) { nodes { cues(first: 2) { nodes { number } } } } } } }`;
    t.queries.length = 0;
    const plain = await send(app, world.management.token, nodesOnly, { id: gid('Event', world.event.id) });
    expect(plain.errors).toBeUndefined();
    const cueStatement = t.queries.find((q) => q.includes('from "cue"'))!;
    expect(cueStatement).not.toMatch(/select[^)]*"position"[^)]*from "cue"/);

    const withCursors = `query($id: ID!, $after: String) { node(id: $id) { ... on Event { sessions(first: 20) { nodes { id cues(first: 2, after: $after) { edges { cursor node { number } } pageInfo { hasNextPage endCursor } } } } } } }`;
    t.queries.length = 0;
    const first = await send<Days>(app, world.management.token, withCursors, { id: gid('Event', world.event.id) });
    expect(first.errors).toBeUndefined();
    expect(t.queries.find((q) => q.includes('from "cue"'))).toMatch(/select[^)]*"position"[^)]*from "cue"/);
    const session = first.data!.node.sessions.nodes[0]!;
    expect(session.cues.pageInfo.hasNextPage).toBe(true);
    const next = await send<Days>(app, world.management.token, withCursors, {
      id: gid('Event', world.event.id),
      after: session.cues.pageInfo.endCursor,
    });
    expect(next.errors).toBeUndefined();
    const numbers = (s: SessionCues) => s.cues.edges.map((e) => e.node.number);
    const again = next.data!.node.sessions.nodes.find((s) => s.id === session.id)!;
    expect(numbers(again)).toHaveLength(2);
    expect(numbers(again).some((n) => numbers(session).includes(n))).toBe(false);
  });
});
