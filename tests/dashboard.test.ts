import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { DashboardDocument, EventScheduleDocument, type EventScheduleQuery, MyEventsDocument, SessionCuesDocument } from './gql/graphql.js';
import { useTestDatabase, type TestDatabase } from './helpers/db.js';
import { client, ok, send } from './helpers/graphql.js';
import { gid, makeWorld } from './helpers/world.js';
import { createSession } from '../src/domain/schedule/schedule.js';
import { createBudgetLine } from '../src/domain/budget/entries.js';
import { createFunctionOrder } from '../src/domain/beo/beo.js';
import { createContract, createPayment } from '../src/domain/contracts/contracts.js';
import { createTask } from '../src/domain/timeline/tasks.js';
import { addDays, localDay } from '../src/domain/time.js';
import { PLANNING } from '../bench/planning.js';
import { print } from 'graphql';
import { EncodedResponse, ENCODE_FROM_CHARS } from '../src/encoded-response.js';

let t: TestDatabase;
let app: App;
let small: Awaited<ReturnType<typeof makeWorld>>;
let large: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db });
  small = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 2, cuesPerSession: 3 });
  large = await makeWorld(t.db, { rooms: 4, sessionsPerRoom: 5, cuesPerSession: 6 });
});

async function statementsFor(world: typeof small) {
  t.queries.length = 0;
  const data = ok(await client(app, world.management.token)(DashboardDocument, { eventId: gid('Event', world.event.id) }));
  // The token lookup is part of every request; count what the query itself costs.
  // The due-work runner's looks (src/realtime/due-runner.ts: due follows, seat offers) are the process's, not the query's.
  const statements = t.queries.filter((q) => !q.includes('"api_token"') && !q.includes("'AUTO_FOLLOW'") && !q.includes('"offered_until"'));
  return { data, statements };
}

describe('dashboard query', () => {
  it('issues the same number of SQL statements for a small and a ten-times larger event', async () => {
    const a = await statementsFor(small);
    const b = await statementsFor(large);
    const event = (x: typeof a) =>
      x.data.node as Extract<typeof a.data.node, { __typename?: 'Event' }> & { sessions: { totalCount: number } };
    expect(event(a).sessions.totalCount).toBe(2);
    expect(event(b).sessions.totalCount).toBe(20);
    expect(b.statements.length).toBe(a.statements.length);
    // node, sessions (page, count), rooms, venues, speakers (page, count, rows), cues (page, count), the role
    // check, and sessions by id for the cues' plannedAt (pages hold only the columns a query reads, so they
    // do not fill the node loaders).
    expect(a.statements.length).toBeLessThanOrEqual(12);
  });

  it('returns sessions with rooms, speakers in order and cues in running order', async () => {
    const { data } = await statementsFor(small);
    const event = data.node as {
      sessions: {
        edges: {
          node: {
            title: string;
            room: { name: string };
            speakers: { nodes: { role: string; speaker: { name: string } }[] };
            cues: { totalCount: number; nodes: { label: string; plannedAt: string; offsetSeconds: number }[] };
          };
        }[];
      };
    };
    const first = event.sessions.edges[0]!.node;
    expect(first.title).toBe('Session 1.1');
    expect(first.room.name).toBe('Room 1');
    expect(first.speakers.nodes.map((s) => s.role)).toEqual(['PRESENTER', 'MODERATOR']);
    expect(first.cues.nodes.map((c) => c.label)).toEqual(['SM 1', 'LX 2', 'SND 3']);
    expect(first.cues.nodes[1]!.plannedAt).toBe('2027-03-01T08:00:30.000Z');
  });
});

describe('connections', () => {
  it('pages with first/after until hasNextPage is false, without repeats', async () => {
    const run = client(app, large.management.token);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const data: EventScheduleQuery = ok(await run(EventScheduleDocument, { eventId: gid('Event', large.event.id), first: 6, after }));
      const sessions: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string }[] } = (
        data.node as {
          sessions: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string }[] };
        }
      ).sessions;
      expect(sessions.totalCount).toBe(20);
      seen.push(...sessions.nodes.map((n) => n.id));
      if (!sessions.pageInfo.hasNextPage) break;
      after = sessions.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
  });

  it('counts a list whose first page holds it all from that page, and counts in SQL otherwise', async () => {
    const run = client(app, large.management.token);
    const counted = async (first: number, after: string | null = null) => {
      t.queries.length = 0;
      const data = ok(await run(EventScheduleDocument, { eventId: gid('Event', large.event.id), first, after }));
      const { sessions } = data.node as { sessions: { totalCount: number; pageInfo: { endCursor: string | null }; nodes: unknown[] } };
      return { sessions, countStatements: t.queries.filter((q) => q.includes('count(*)')).length };
    };
    const whole = await counted(100);
    expect(whole.sessions.nodes).toHaveLength(20);
    expect(whole).toMatchObject({ sessions: { totalCount: 20 }, countStatements: 0 });
    const firstPage = await counted(6);
    expect(firstPage).toMatchObject({ sessions: { totalCount: 20 }, countStatements: 1 });
    // The last page is complete but not the first: what came before it is not on it.
    const lastPage = await counted(6, (await counted(18)).sessions.pageInfo.endCursor);
    expect(lastPage.sessions.nodes).toHaveLength(2);
    expect(lastPage).toMatchObject({ sessions: { totalCount: 20 }, countStatements: 1 });
  });

  it('filters sessions by day in the event time zone, room, track and kind', async () => {
    const run = client(app, large.management.token);
    const count = async (filters: Record<string, unknown>) => {
      const data = ok(await run(EventScheduleDocument, { eventId: gid('Event', large.event.id), first: 100, ...filters }));
      return (data.node as { sessions: { totalCount: number; nodes: unknown[] } }).sessions;
    };
    expect((await count({ day: '2027-03-01' })).totalCount).toBe(20);
    expect((await count({ day: '2027-03-02' })).totalCount).toBe(0);
    expect((await count({ roomId: gid('Room', large.roomIds[0]!) })).totalCount).toBe(5);
    expect((await count({ track: 'Product' })).totalCount).toBe(10);
    expect((await count({ kind: 'KEYNOTE' })).totalCount).toBe(0);
    expect((await count({ kind: 'BREAKOUT', track: 'Sales', roomId: gid('Room', large.roomIds[2]!) })).nodes).toHaveLength(5);
  });

  it("assigns sessions to days by the event's time zone, not UTC", async () => {
    const world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 0 });
    const late = { kind: 'EVENING_EVENT' as const, roomId: world.roomIds[0]! };
    // 23:30 in Berlin on 1 March is 22:30 UTC; 00:30 on 2 March is still 1 March in UTC.
    await createSession(t.db, world.management.actor, world.event.id, {
      ...late,
      title: 'Late show',
      startsAt: new Date('2027-03-01T23:30:00+01:00'),
      endsAt: new Date('2027-03-02T00:15:00+01:00'),
    });
    await createSession(t.db, world.management.actor, world.event.id, {
      ...late,
      title: 'After party',
      startsAt: new Date('2027-03-02T00:30:00+01:00'),
      endsAt: new Date('2027-03-02T02:00:00+01:00'),
    });
    const run = client(app, world.management.token);
    const day = async (d: string) => {
      const data = ok(await run(EventScheduleDocument, { eventId: gid('Event', world.event.id), first: 10, day: d }));
      return (data.node as { sessions: { nodes: { title: string; day: string }[] } }).sessions.nodes;
    };
    expect(await day('2027-03-01')).toEqual([expect.objectContaining({ title: 'Late show', day: '2027-03-01' })]);
    expect(await day('2027-03-02')).toEqual([expect.objectContaining({ title: 'After party', day: '2027-03-02' })]);
  });

  it('filters cues by department', async () => {
    const data = ok(
      await client(app, small.production.token)(SessionCuesDocument, {
        sessionId: gid('Session', small.sessionIds[0]!),
        department: 'LIGHTING',
      }),
    );
    const cues = (data.node as { cues: { totalCount: number; nodes: { label: string }[] } }).cues;
    expect(cues.totalCount).toBe(1);
    expect(cues.nodes.map((c) => c.label)).toEqual(['LX 2']);
  });

  it('refuses a missing or too large first, and a foreign cursor, with errors naming the argument', async () => {
    const run = client(app, small.management.token);
    const tooMany = await run(MyEventsDocument, { first: 101 });
    expect(tooMany.errors?.[0]?.message).toMatch(/first: must be at most 100/);
    const none = await run(MyEventsDocument, { first: 0 });
    expect(none.errors?.[0]?.message).toMatch(/first: must be at least 1/);
    const bad = await run(MyEventsDocument, { first: 5, after: 'not-a-cursor' });
    expect(bad.errors?.[0]?.message).toMatch(/after: is not a cursor/);
  });

  it('checks a nested list’s arguments at every parent, each field by its own (src/schema/plugins.ts)', async () => {
    const query = `query ($id: ID!, $few: Int!, $many: Int!) { node(id: $id) { ... on Event { sessions(first: 10) { nodes {
      title few: cues(first: $few) { nodes { number } } many: cues(first: $many) { nodes { number } } } } } } }`;
    const id = gid('Event', large.event.id);
    // Mapped once per field of the operation: two fields of one list with other arguments keep their own.
    const good = await send<{ node: { sessions: { nodes: { few: { nodes: unknown[] }; many: { nodes: unknown[] } }[] } } }>(
      app,
      large.management.token,
      query,
      { id, few: 1, many: 4 },
    );
    expect(good.errors).toBeUndefined();
    const sessions = good.data!.node.sessions.nodes;
    expect(sessions).toHaveLength(10);
    expect(sessions.map((s) => [s.few.nodes.length, s.many.nodes.length])).toEqual(sessions.map(() => [1, 4]));
    // A refused argument is refused at every parent, naming it, as before; the other field still answers.
    const bad = await send(app, large.management.token, query, { id, few: 1, many: 101 });
    expect(bad.errors).toHaveLength(10);
    expect(bad.errors!.every((e) => /first: must be at most 100/.test(e.message) && e.path?.at(-1) === 'many')).toBe(true);
    expect(new Set(bad.errors!.map((e) => e.path?.[3]))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  });

  it('keeps each batched operation’s arguments apart, for one document sent twice', async () => {
    // Operations of one batch share parsed documents (and so field nodes), never a context.
    const batching = createApp({ db: t.db, limits: { maxBatch: 5 } });
    const query = `query ($id: ID!, $n: Int!) { node(id: $id) { ... on Event { sessions(first: 10) { nodes { cues(first: $n) { nodes { number } } } } } } }`;
    const id = gid('Event', large.event.id);
    const response = await batching.yoga.fetch('http://showcall.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${large.management.token}` },
      body: JSON.stringify([1, 3].map((n) => ({ query, variables: { id, n } }))),
    });
    const answers = (await response.json()) as { data: { node: { sessions: { nodes: { cues: { nodes: unknown[] } }[] } } } }[];
    expect(answers.map((a) => a.data.node.sessions.nodes.map((s) => s.cues.nodes.length))).toEqual([Array(10).fill(1), Array(10).fill(3)]);
  });

  it("lists only the viewer organization's events", async () => {
    const mine = ok(await client(app, small.client.token)(MyEventsDocument, { first: 10 }));
    expect(mine.viewer?.organization.kind).toBe('CLIENT');
    expect(mine.events.nodes.map((e) => e.id)).toEqual([gid('Event', small.event.id)]);
    expect(mine.events.nodes[0]!.days).toEqual(['2027-03-01', '2027-03-02']);
  });
});

describe('planning dashboard query', () => {
  /** More of everything the planning dashboard reads: contracts with payments due, budget lines, overdue tasks, guarantees coming due. */
  async function growPlan(world: typeof small, times: number) {
    const actor = world.management.actor;
    const vendor = await t.db.selectFrom('vendor').select('id').where('event_id', '=', world.event.id).executeTakeFirstOrThrow();
    const version = await t.db.selectFrom('budget_version').select('id').where('event_id', '=', world.event.id).executeTakeFirstOrThrow();
    const soon = new Date(Date.now() + 2 * 86_400_000);
    for (let n = 0; n < times; n++) {
      const { result: contract } = await createContract(t.db, actor, world.event.id, {
        vendorId: vendor.id,
        title: `Contract ${n}`,
        currency: n % 2 ? 'EUR' : 'USD',
        value: '1000.00',
        cutOffDate: '2027-01-15',
      });
      await createPayment(t.db, actor, {
        contractId: contract.id,
        label: `Deposit ${n}`,
        // Tomorrow in the event's zone: due soon, never overdue whatever the hour in UTC.
        dueOn: addDays(localDay(new Date(), 'Europe/Berlin'), 1),
        amount: '100.00',
      });
      await createBudgetLine(t.db, actor, {
        versionId: version.id,
        category: `Category ${n}`,
        item: `Item ${n}`,
        currency: n % 2 ? 'EUR' : 'USD',
        unitCost: '10.00',
        quantity: 2,
        contractId: contract.id,
      });
      await createTask(t.db, world.production.actor, world.event.id, { title: `Late ${n}`, anchor: 'FIXED', fixedOn: '2026-01-01' });
      await createFunctionOrder(t.db, actor, world.event.id, {
        name: `Order ${n}`,
        kind: 'OTHER',
        startsAt: soon,
        endsAt: new Date(soon.getTime() + 3_600_000),
        currency: 'USD',
        guaranteedCount: 10,
        guaranteeNoticeHours: 0,
      });
    }
  }

  async function planningStatements(world: typeof small) {
    t.queries.length = 0;
    const answer = await send<{
      node: {
        overdueTasks: unknown[];
        upcomingPayments: unknown[];
        guaranteesDue: unknown[];
        budget: { summary: { categories: unknown[] } };
      };
    }>(app, world.management.token, PLANNING, { id: gid('Event', world.event.id) });
    expect(answer.errors).toBeUndefined();
    const statements = t.queries.filter(
      (q) => !q.includes('"api_token"') && !q.includes("'AUTO_FOLLOW'") && !q.includes('"offered_until"'),
    );
    return { node: answer.data!.node, statements };
  }

  it('issues the same number of SQL statements however many contracts, lines, tasks and orders the event has', async () => {
    await growPlan(large, 12);
    const a = await planningStatements(small);
    const b = await planningStatements(large);
    const sizes = (x: typeof a) => [
      x.node.overdueTasks.length,
      x.node.upcomingPayments.length,
      x.node.guaranteesDue.length,
      x.node.budget.summary.categories.length,
    ];
    expect(sizes(b)).toEqual(sizes(a).map((n) => n + 12));
    expect(b.node.overdueTasks.length).toBe(a.node.overdueTasks.length + 12);
    expect(b.node.upcomingPayments.length).toBe(a.node.upcomingPayments.length + 12);
    expect(b.node.guaranteesDue.length).toBe(a.node.guaranteesDue.length + 12);
    expect(b.node.budget.summary.categories.length).toBe(a.node.budget.summary.categories.length + 12);
    // The same statements (organizations may come in one batch or two, as the resolvers' timing falls), never more for more data.
    const kinds = (x: typeof a) => [...new Set(x.statements.map((q) => q.replace(/\(\$[\d, $]+\)/g, '(…)').slice(0, 90)))].sort();
    expect(kinds(b)).toEqual(kinds(a));
    expect(b.statements.length).toBeLessThanOrEqual(a.statements.length);
    expect(a.statements.length).toBeLessThanOrEqual(20);
  });

  it('is the query the README shows', () => {
    expect(fs.readFileSync('README.md', 'utf8')).toContain(PLANNING);
  });
});

describe('a large answer over HTTP', () => {
  it('leaves as UTF-8 bytes whose length the response states, with non-ASCII text intact', async () => {
    const world = await makeWorld(t.db, { rooms: 2, sessionsPerRoom: 5, cuesPerSession: 12 });
    const title = 'Begrüßung — Keynote 🎤';
    await t.db.updateTable('cue').set({ title }).where('event_id', '=', world.event.id).execute();
    const served = createApp({ db: t.db });
    try {
      const url = await served.listen(0, '127.0.0.1');
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${world.management.token}` },
        body: JSON.stringify({ query: print(DashboardDocument), variables: { eventId: gid('Event', world.event.id) } }),
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      // Large enough to leave as bytes (src/encoded-response.ts), and every byte of it announced.
      expect(bytes.toString('utf8').length).toBeGreaterThan(ENCODE_FROM_CHARS);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('content-length')).toBe(String(bytes.length));
      const body = JSON.parse(bytes.toString('utf8')) as {
        data: { node: { sessions: { edges: { node: { cues: { nodes: { title: string }[] } } }[] } } };
      };
      const titles = body.data.node.sessions.edges.flatMap((e) => e.node.cues.nodes.map((c) => c.title));
      expect(titles).toHaveLength(120);
      expect(new Set(titles)).toEqual(new Set([title]));
    } finally {
      await served.stop();
    }
  });

  it('keeps a bare text body as text with its default type', async () => {
    const text = 'ü'.repeat(ENCODE_FROM_CHARS);
    const bare = new EncodedResponse(text);
    expect(bare.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
    expect(await bare.text()).toBe(text);
    const typed = new EncodedResponse(text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    expect(typed.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(await typed.text()).toBe(text);
  });
});
