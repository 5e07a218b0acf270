/**
 * npm run bench [-- --quick]: how fast showcall does what it exists for, each figure next to a
 * floor measured in the same run on the same machine, so that ratios mean something where
 * absolute times drift. Writes bench/results/latest.json and a dated copy.
 */
import fs from 'node:fs';
import http from 'node:http';
import { PerformanceObserver } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createApp } from '../src/app.js';
import { createApiToken } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open.js';
import { goCue } from '../src/domain/live/commands.js';
import type { BroadcastTiming } from '../src/realtime/broadcaster.js';
import { DASHBOARD, ensureBenchEvent } from './generate.js';
import { ensureBenchProduction, productionFloor, PRODUCTION_DAY } from './production.js';
import { ensureBenchPlan, planningFloor, PLANNING } from './planning.js';
import { measureGoToGlass } from './screens.js';
import { measureImport } from './import.js';
import { resetShow } from '../src/domain/live/session.js';
import { measureExports } from './exports.js';
import { measureWrites } from './writes.js';
import { screens as fleet, startFloor, type Screens } from './fleet.js';
import { measureCluster } from './cluster.js';
import { monotonicMs as now } from '../src/shared/monotonic.js';

const quick = process.argv.includes('--quick');
const plan = quick
  ? {
      rounds: 2,
      seconds: 3,
      warmUpSeconds: 1,
      connections: 8,
      fanout: [200, 500, 1000],
      gos: 5,
      roundTrips: 20,
      goSubscribers: 200,
      glassGos: 30,
      cluster: 3000,
      clusterGos: 5,
    }
  : {
      rounds: 3,
      seconds: 10,
      warmUpSeconds: 5,
      connections: 10,
      fanout: [1000, 5000, 10000],
      gos: 15,
      roundTrips: 100,
      goSubscribers: 1000,
      glassGos: 60,
      cluster: 30000,
      clusterGos: 10,
    };
/** `--only fanout` (or dashboard, production, planning, cluster, go, writes, screens, import, exports): one part alone, e.g. to profile it. */
/** `--screens N`: the cluster part with N screens instead of the plan's. */
if (process.argv.includes('--screens')) plan.cluster = Number(process.argv[process.argv.indexOf('--screens') + 1]);
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const runs = (part: 'dashboard' | 'production' | 'planning' | 'fanout' | 'cluster' | 'go' | 'writes' | 'screens' | 'import' | 'exports') =>
  !only || only === part;

const log = (line: string) => console.log(line);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
};
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

const config = loadConfig({
  ...process.env,
  DATA_DIR: process.env.DATA_DIR ?? '.data/bench',
  EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? '54339',
  LOG_LEVEL: 'error',
});
const database = await openDatabase(config, { log });
await migrateToLatest(database.db);
log('Preparing the benchmark event (generated once, then reused)…');
const { eventId, days } = await ensureBenchEvent(database.db);
/**
 * The database as production keeps it: vacuumed, with planner statistics. A database without
 * autovacuum (this machine's PostgreSQL runs with it off) carries every earlier run's dead cue rows
 * (~300,000 after a few runs) and no statistics, and the planner's guesses from table sizes change
 * plans between runs: the dashboard's ratio moved from ~0.6 to ~1.0 between two runs that way.
 */
const settle = async () => void (await sql`VACUUM ANALYZE`.execute(database.db));
await settle();
const users = await database.db
  .selectFrom('app_user')
  .innerJoin('organization', 'organization.id', 'app_user.organization_id')
  .select(['app_user.id', 'app_user.organization_id', 'organization.kind'])
  .where('app_user.email', 'like', 'bench.%')
  .execute();
const production = users.find((u) => u.kind === 'PRODUCTION_AGENCY')!;
const management = users.find((u) => u.kind === 'MANAGEMENT_AGENCY')!;
const productionToken = (await createApiToken(database.db, production.id, 'bench')).token;
const managementToken = (await createApiToken(database.db, management.id, 'bench')).token;

// The API, with every SQL statement counted.
let statements = 0;
// The follow runner's look for due follows (once a second) is the process's, not the dashboard's.
const counted = createDatabase(database.url, { poolSize: 20, onQuery: (sql) => void (sql.includes("'AUTO_FOLLOW'") || statements++) });
// 10,000 sockets come from one address, and GOs are sent faster than a caller would: limits off for those.
const app = createApp({
  db: counted,
  databaseUrl: database.url,
  logLevel: 'error',
  limits: { wsMaxConnectionsPerIp: 1_000_000, wsMaxSubscriptionsPerToken: 1_000_000, mutationsPerMinute: 0 },
});
const apiUrl = await app.listen(0, '127.0.0.1');

// ---------------------------------------------------------------- dashboard
const dashboardBody = JSON.stringify({ query: DASHBOARD, variables: { id: encodeGlobalID('Event', eventId), day: days[1] } });

/**
 * The floor: the same answer by hand-written SQL through pg, JSON.stringify-ed by bare node:http —
 * the same bytes as the API's (checked before it is measured: global ids, the event's name),
 * grouped by session in one pass as a hand-written endpoint would.
 */
const pool = createDatabase(database.url, { poolSize: 20 });
/** Rows by their session, in their order. */
function bySession(rows: Record<string, unknown>[]) {
  const grouped = new Map<unknown, Record<string, unknown>[]>();
  for (const row of rows) {
    const list = grouped.get(row.session_id);
    if (list) list.push(row);
    else grouped.set(row.session_id, [row]);
  }
  return grouped;
}
const floor = http.createServer(async (_req, res) => {
  const day = days[1]!;
  const sessions = await sql<Record<string, unknown>>`
    SELECT s.id, s.title, s.kind, s.starts_at, s.ends_at, r.name AS room_name, e.name AS event_name
    FROM session s LEFT JOIN room r ON r.id = s.room_id JOIN event e ON e.id = s.event_id
    WHERE s.event_id = ${eventId} AND (s.starts_at AT TIME ZONE e.timezone)::date = ${day}::date
    ORDER BY s.starts_at, s.id LIMIT 100`.execute(pool);
  const ids = sessions.rows.map((s) => s.id as string);
  const [speakers, cues] = await Promise.all([
    sql<
      Record<string, unknown>
    >`SELECT ss.session_id, ss.role, sp.name, sp.company FROM session_speaker ss JOIN speaker sp ON sp.id = ss.speaker_id WHERE ss.session_id = ANY(${ids}) ORDER BY ss.position, ss.id`.execute(
      pool,
    ),
    sql<
      Record<string, unknown>
    >`SELECT id, session_id, number, department, title, state, offset_seconds FROM cue WHERE session_id = ANY(${ids}) ORDER BY session_id, position, id`.execute(
      pool,
    ),
  ]);
  const speakersOf = bySession(speakers.rows);
  const cuesOf = bySession(cues.rows);
  const body = {
    data: {
      node: {
        name: sessions.rows[0]?.event_name ?? null,
        sessions: {
          totalCount: ids.length,
          nodes: sessions.rows.map((s) => ({
            id: btoa(`Session:${s.id as string}`),
            title: s.title,
            kind: s.kind,
            startsAt: s.starts_at,
            endsAt: s.ends_at,
            room: s.room_name == null ? null : { name: s.room_name },
            speakers: {
              nodes: (speakersOf.get(s.id) ?? [])
                .slice(0, 10)
                .map((x) => ({ role: x.role, speaker: { name: x.name, company: x.company } })),
            },
            cues: {
              nodes: (cuesOf.get(s.id) ?? []).slice(0, 100).map((c) => ({
                id: btoa(`Cue:${c.id as string}`),
                number: c.number,
                department: c.department,
                title: c.title,
                state: c.state,
                offsetSeconds: c.offset_seconds,
              })),
            },
          })),
        },
      },
    },
  };
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
});
await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
const floorUrl = `http://127.0.0.1:${(floor.address() as AddressInfo).port}/`;

async function load(url: string, body?: string, seconds = plan.seconds) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${managementToken}` },
    body: body ?? '{}',
    connections: plan.connections,
    duration: seconds,
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/**
 * A GraphQL query against its hand-written floor, alternating rounds; the ratio of means and each
 * round's ratio. The floor must answer the very bytes the API does: the benchmark stops where they differ.
 */
async function againstFloor(label: string, body: string, floorUrl: string) {
  log(`${label}: GraphQL against the hand-written floor, alternating…`);
  const ask = async () => {
    const probe = await fetch(`${apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${managementToken}` },
      body,
    });
    const answer = (await probe.json()) as { data: unknown; errors?: unknown };
    if (answer.errors) throw new Error(`${label}: ${JSON.stringify(answer.errors)}`);
    return answer;
  };
  await ask();
  // Counted on a second request, as the load sees it: the token's viewer is kept by then.
  statements = 0;
  const probeBody = await ask();
  const sqlStatements = statements;
  const floorAnswer = await (await fetch(floorUrl, { method: 'POST', body: '{}' })).text();
  const answer = JSON.stringify({ data: probeBody.data });
  if (floorAnswer !== answer) {
    let at = 0;
    while (answer[at] === floorAnswer[at]) at++;
    const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 60), at + 60));
    throw new Error(
      `${label}: the floor's answer is not the API's, from character ${at}: API ${around(answer)}, floor ${around(floorAnswer)}`,
    );
  }
  // Not measured: a warm-up of each under the same load, so that the first round is not the one in
  // which V8 optimizes the code it serves (the API's first round read ~10 % below its others).
  await load(`${apiUrl}/graphql`, body, plan.warmUpSeconds);
  await load(floorUrl, undefined, plan.warmUpSeconds);
  const graphqlRuns: Awaited<ReturnType<typeof load>>[] = [];
  const floorRuns: Awaited<ReturnType<typeof load>>[] = [];
  for (let r = 0; r < plan.rounds; r++) {
    graphqlRuns.push(await load(`${apiUrl}/graphql`, body));
    floorRuns.push(await load(floorUrl));
  }
  const avg = (runs: { rps: number }[], key: 'rps' | 'p50' | 'p99') =>
    runs.reduce((s, r) => s + (r as Record<string, number>)[key]!, 0) / runs.length;
  const perRound = graphqlRuns.map((g, i) => round(g.rps / floorRuns[i]!.rps, 3));
  return {
    data: probeBody.data,
    graphql: {
      rps: round(avg(graphqlRuns, 'rps')),
      p50Ms: round(avg(graphqlRuns, 'p50')),
      p99Ms: round(avg(graphqlRuns, 'p99')),
      errors: graphqlRuns.reduce((s, r) => s + r.errors, 0),
    },
    floor: {
      rps: round(avg(floorRuns, 'rps')),
      p50Ms: round(avg(floorRuns, 'p50')),
      p99Ms: round(avg(floorRuns, 'p99')),
      errors: floorRuns.reduce((s, r) => s + r.errors, 0),
    },
    ratio: round(avg(graphqlRuns, 'rps') / avg(floorRuns, 'rps'), 3),
    ratioRange: [Math.min(...perRound), Math.max(...perRound)],
    sqlStatements,
  };
}

async function measureDashboard() {
  const { data, ...figures } = await againstFloor('Dashboard', dashboardBody, floorUrl);
  return { sessions: (data as { node: { sessions: { totalCount: number } } }).node.sessions.totalCount, ...figures };
}
const dashboard = runs('dashboard') ? await measureDashboard() : undefined;

// ---------------------------------------------------------------- production day
async function measureProduction() {
  await ensureBenchProduction(database.db, eventId, days);
  await settle();
  const floor = await productionFloor(pool, eventId, days[1]!);
  const body = JSON.stringify({ query: PRODUCTION_DAY, variables: { id: encodeGlobalID('Event', eventId), day: days[1] } });
  const { data, ...figures } = await againstFloor('Production day', body, floor.url);
  floor.close();
  const node = (data as { node: { productionSchedule: unknown[]; pullSheet: { lines: unknown[] }[] } }).node;
  return {
    scheduleEntries: node.productionSchedule.length,
    pullSheetLines: node.pullSheet.reduce((n, r) => n + r.lines.length, 0),
    ...figures,
  };
}
const productionDay = runs('production') ? await measureProduction() : undefined;

// ---------------------------------------------------------------- planning dashboard
async function measurePlanning() {
  await ensureBenchPlan(database.db, eventId);
  await settle();
  const floor = await planningFloor(pool, eventId);
  const body = JSON.stringify({ query: PLANNING, variables: { id: encodeGlobalID('Event', eventId) } });
  const { data, ...figures } = await againstFloor('Planning', body, floor.url);
  floor.close();
  const node = (data as { node: { budget: { summary: { categories: unknown[] } }; overdueTasks: unknown[]; upcomingPayments: unknown[] } })
    .node;
  return {
    categories: node.budget.summary.categories.length,
    overdueTasks: node.overdueTasks.length,
    upcomingPayments: node.upcomingPayments.length,
    ...figures,
  };
}
const planning = runs('planning') ? await measurePlanning() : undefined;

// ---------------------------------------------------------------- fan-out
const screens = (url: string, mode: 'graphql' | 'raw', count: number, query = '', variables = {}) =>
  fleet(url, mode, count, productionToken, query, variables);

const SUBSCRIPTION =
  'subscription($id: ID!) { eventChanges(eventId: $id) { revision kind entity { id ... on Cue { number title state firedAt } } } }';
// Called as a show is: each session's cues in running order (a GO further down would pass over the rest).
const cues = await database.db
  .selectFrom('cue')
  .select('id')
  .where('event_id', '=', eventId)
  .orderBy('session_id')
  .orderBy('position')
  .execute();
let cueIndex = 0;
await database.db.updateTable('cue').set({ state: 'PENDING', fired_at: null }).where('event_id', '=', eventId).execute();
const actor = { userId: production.id, organizationId: production.organization_id };

/** One GO to a set of screens: each screen's delay from `fire`'s instant, null for one that never got it. */
async function once(set: Screens, fire: () => Promise<number>, count: number) {
  await set.ask('arm');
  const t0 = await fire();
  await new Promise((r) => setTimeout(r, Math.max(1000, count / 5)));
  const { times, bytes } = await set.ask<{ times: (number | null)[]; bytes: number }>('collect');
  return { delays: times.map((t) => (t === null ? null : t - t0)), bytes };
}

/** p50/p99/max over every receipt of every GO, receipts that never came, and the spread of per-GO p99s. */
function summary(gos: (number | null)[][]) {
  const latencies = gos.flatMap((delays) => delays.filter((d): d is number => d !== null));
  /** The p99 of each GO alone: how much one GO differs from the next on this machine. */
  const perGo = gos.map((delays) =>
    percentile(
      delays.filter((d): d is number => d !== null),
      99,
    ),
  );
  return {
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.reduce((m, t) => Math.max(m, t), -Infinity)),
    lost: gos.reduce((n, delays) => n + delays.filter((d) => d === null).length, 0),
    p99RangeMs: [round(Math.min(...perGo)), round(Math.max(...perGo))],
    perGoP99Ms: perGo.map((ms) => round(ms)),
  };
}

const wsUrl = `${apiUrl.replace('http', 'ws')}/graphql`;
const floorWs = await startFloor();
const rawUrl = `ws://127.0.0.1:${floorWs.port}`;
const fanout: Record<string, Record<string, number | number[] | Record<string, number>[]>> = {};
let memory = { bytesPerSubscriber: NaN, heapBytesPerSubscriber: NaN, subscribers: 0 };
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * Inside the server during each GO: when the change reached the broadcaster after the commit
 * (NOTIFY and reading the row), how long its one execution took, how long the loop writing it to
 * every socket took, and how long garbage collection paused the process in the GO's window.
 */
const broadcasts: BroadcastTiming[] = [];
app.fanout.onBroadcast = (timing) => broadcasts.push(timing);
const pauses: { at: number; ms: number }[] = [];
// A GC entry's start is on this process's performance timeline: moved onto the monotonic clock.
const timelineToMonotonic = now() - performance.now();
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) pauses.push({ at: timelineToMonotonic + entry.startTime, ms: entry.duration });
}).observe({ entryTypes: ['gc'] });
const spread = (values: number[]) => [round(percentile(values, 50)), round(Math.max(...values))];

for (const count of runs('fanout') ? plan.fanout : []) {
  log(`Fan-out: ${count} subscribers…`);
  gc();
  const { rss: rssBefore, heapUsed: heapBefore } = process.memoryUsage();
  const graphqlScreens = await screens(wsUrl, 'graphql', count, SUBSCRIPTION, { id: encodeGlobalID('Event', eventId) });
  await new Promise((r) => setTimeout(r, 1500));
  gc();
  if (count === plan.fanout.at(-1))
    memory = {
      bytesPerSubscriber: Math.round((process.memoryUsage().rss - rssBefore) / count),
      heapBytesPerSubscriber: Math.round((process.memoryUsage().heapUsed - heapBefore) / count),
      subscribers: count,
    };
  // GraphQL and floor GOs alternate, so that both meet the same moments of a shared machine.
  const rawScreens = await screens(rawUrl, 'raw', count);
  const graphqlGos: (number | null)[][] = [];
  const floorGos: (number | null)[][] = [];
  let bytes = 0;
  let warmUpLost = 0;
  const inServer = {
    feedMs: [] as number[],
    executeMs: [] as number[],
    loopMs: [] as number[],
    loopCpuMs: [] as number[],
    gcMs: [] as number[],
  };
  const floorLoopMs: number[] = [];
  /** Every timed GO, in order: which one set the tail, and whether its loop worked or waited for a core. */
  const perGo: Record<string, number>[] = [];
  // One uncounted GO each first: the first pass through a path compiles it.
  for (let g = -1; g < plan.gos; g++) {
    broadcasts.length = 0;
    pauses.length = 0;
    let t0 = 0;
    const viaGraphql = await once(
      graphqlScreens,
      async () => {
        await goCue(database.db, actor, cues[cueIndex++]!.id);
        return (t0 = now());
      },
      count,
    );
    const last = Math.max(...viaGraphql.delays.map((d) => d ?? 0)) + t0;
    const timing = broadcasts.find((b) => b.members === count);
    if (g >= 0 && timing) {
      inServer.feedMs.push(timing.receivedAt - t0);
      inServer.executeMs.push(timing.readyAt - timing.receivedAt);
      inServer.loopMs.push(timing.writtenAt - timing.readyAt);
      inServer.loopCpuMs.push(timing.loopCpuMs);
      inServer.gcMs.push(pauses.filter((p) => p.at >= t0 - 50 && p.at <= last).reduce((sum, p) => sum + p.ms, 0));
    }
    bytes = viaGraphql.bytes || bytes;
    const viaFloor = await once(
      rawScreens,
      async () => {
        const sent = await floorWs.ask<{ t0: number; loopMs: number }>('broadcast', { bytes: bytes || 300 });
        if (g >= 0) floorLoopMs.push(sent.loopMs);
        return sent.t0;
      },
      count,
    );
    if (g < 0) {
      // Not timed, but every screen must still have got it.
      warmUpLost = viaGraphql.delays.filter((d) => d === null).length;
      continue;
    }
    graphqlGos.push(viaGraphql.delays);
    floorGos.push(viaFloor.delays);
    perGo.push({
      loopMs: timing ? round(timing.writtenAt - timing.readyAt) : NaN,
      loopCpuMs: timing ? round(timing.loopCpuMs) : NaN,
      floorLoopMs: round(floorLoopMs.at(-1) ?? NaN),
      gcMs: timing ? round(inServer.gcMs.at(-1) ?? NaN) : NaN,
    });
  }
  graphqlScreens.child.send({ type: 'close' });
  rawScreens.child.send({ type: 'close' });
  await floorWs.ask('drop');
  const timed = summary(graphqlGos);
  const viaGraphql = { ...timed, lost: timed.lost + warmUpLost, bytes };
  const viaRaw = summary(floorGos);
  fanout[count] = {
    p50Ms: viaGraphql.p50Ms,
    p99Ms: viaGraphql.p99Ms,
    maxMs: viaGraphql.maxMs,
    lost: viaGraphql.lost,
    bytes: viaGraphql.bytes,
    floorP50Ms: viaRaw.p50Ms,
    floorP99Ms: viaRaw.p99Ms,
    floorMaxMs: viaRaw.maxMs,
    floorLost: viaRaw.lost,
    p99Ratio: round(viaGraphql.p99Ms / viaRaw.p99Ms, 3),
    p99RangeMs: viaGraphql.p99RangeMs,
    floorP99RangeMs: viaRaw.p99RangeMs,
    // [p50, worst] over the timed GOs; feed is from the commit's return, so it can be below 0.
    serverFeedMs: spread(inServer.feedMs),
    serverExecuteMs: spread(inServer.executeMs),
    serverLoopMs: spread(inServer.loopMs),
    serverLoopCpuMs: spread(inServer.loopCpuMs),
    serverGcMs: spread(inServer.gcMs),
    floorLoopMs: spread(floorLoopMs),
    // Every timed GO, in order: which one set the tail, and whether its loop worked or waited for a core.
    perGo: perGo.map((go, g) => ({ p99Ms: viaGraphql.perGoP99Ms[g] ?? NaN, floorP99Ms: viaRaw.perGoP99Ms[g] ?? NaN, ...go })),
  };
  await new Promise((r) => setTimeout(r, 1000));
}

// ---------------------------------------------------------------- GO round trip
async function measureGo() {
  log(`GO round trip with ${plan.goSubscribers} subscribers attached…`);
  const attached = await screens(wsUrl, 'graphql', plan.goSubscribers, SUBSCRIPTION, { id: encodeGlobalID('Event', eventId) });
  await new Promise((r) => setTimeout(r, 1000));
  const trips: number[] = [];
  for (let i = 0; i < plan.roundTrips; i++) {
    const id = encodeGlobalID('Cue', cues[cueIndex++]!.id);
    const t0 = performance.now();
    const response = await fetch(`${apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${productionToken}` },
      body: JSON.stringify({ query: 'mutation($id: ID!) { goCue(input: { cueId: $id }) { __typename } }', variables: { id } }),
    });
    await response.text();
    trips.push(performance.now() - t0);
  }
  attached.child.send({ type: 'close' });
  return { p50Ms: round(percentile(trips, 50)), p99Ms: round(percentile(trips, 99)), subscribers: plan.goSubscribers };
}
const go = runs('go') ? await measureGo() : undefined;

// ---------------------------------------------------------------- writes: the commit rate of one event
async function measureWritesWithScreens() {
  const writers = 8;
  log(
    `Writes: ${writers} callers editing one event's cues with ${plan.goSubscribers} screens attached, against the same transaction in plain SQL: ${plan.rounds} alternating rounds of ${plan.seconds} s…`,
  );
  const attached = await screens(wsUrl, 'graphql', plan.goSubscribers, SUBSCRIPTION, { id: encodeGlobalID('Event', eventId) });
  // Cues from the end of the list: the GO parts call from the start.
  const mine = await database.db
    .selectFrom('cue')
    .select(['id', 'version'])
    .where('event_id', '=', eventId)
    .orderBy('id', 'desc')
    .limit(writers)
    .execute();
  const result = await measureWrites({
    apiUrl,
    databaseUrl: database.url,
    token: productionToken,
    eventId,
    cues: mine,
    actor,
    seconds: plan.seconds,
    rounds: plan.rounds,
    percentile,
    detach: async () => {
      attached.child.send({ type: 'close' });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    },
  });
  return { ...result, screens: plan.goSubscribers };
}
const writes = runs('writes') ? await measureWritesWithScreens() : undefined;

// ---------------------------------------------------------------- cluster: three processes behind HAProxy, and failover
const clusterRun = runs('cluster')
  ? await measureCluster({
      databaseUrl: database.url,
      db: database.db,
      eventId,
      eventGid: encodeGlobalID('Event', eventId),
      token: productionToken,
      actor,
      nextCue: () => cues[cueIndex++]!.id,
      count: plan.cluster,
      gos: plan.clusterGos,
      log,
      percentile,
    })
  : undefined;
const { failover, ...clusterFanout } = clusterRun && 'failover' in clusterRun ? clusterRun : { failover: undefined };
const cluster = clusterRun ? { [plan.cluster]: 'skipped' in clusterRun ? clusterRun : clusterFanout } : undefined;

// ---------------------------------------------------------------- screens: GO to glass in a real browser
async function measureScreens() {
  log(`GO to glass: ${plan.glassGos} GOs, the stage timer and caller pages in headless Chromium…`);
  // The event's last session: the other parts call cues from the first sessions on.
  const session = await database.db
    .selectFrom('session')
    .select(['id', 'room_id'])
    .where('event_id', '=', eventId)
    .where('room_id', 'is not', null)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  // The room's stage timer shows whichever of its sessions is live: one the other parts left
  // running (they call cues from the first sessions on) would hold the timer through every reset.
  const inRoom = await database.db.selectFrom('session').select('id').where('room_id', '=', session.room_id!).execute();
  for (const { id } of inRoom) await resetShow(database.db, actor, id);
  return measureGoToGlass({
    apiUrl,
    db: database.db,
    actor,
    token: productionToken,
    sessionId: session.id,
    roomId: session.room_id!,
    gos: plan.glassGos,
    percentile,
  });
}
const screensResult = runs('screens') ? { goToGlassMs: await measureScreens() } : undefined;

// ---------------------------------------------------------------- import: a 20,000-row attendee list
if (runs('import')) log(`Attendee import: a 20,000-row list, ${quick ? 1 : 3} runs…`);
const importResult = runs('import')
  ? await measureImport({
      db: database.db,
      actor: { userId: management.id, organizationId: management.organization_id },
      runs: quick ? 1 : 3,
      log,
    })
  : undefined;

// ---------------------------------------------------------------- exports: the ~240-session schedule as iCal, c3voc JSON, CSV
if (runs('exports')) log('Exports: the schedule as iCal, schedule.json and CSV, and the 304 a polling calendar gets…');
const exportsResult = runs('exports')
  ? await measureExports({
      db: database.db,
      apiUrl,
      token: managementToken,
      eventId,
      actor: { userId: management.id, organizationId: management.organization_id },
      requests: quick ? 10 : 50,
      percentile,
    })
  : undefined;

// ---------------------------------------------------------------- report
const results = {
  at: new Date().toISOString(),
  quick,
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  },
  dashboard,
  productionDay,
  planning,
  fanout,
  cluster,
  failover,
  go,
  writes,
  screens: screensResult,
  import: importResult,
  exports: exportsResult,
  memory,
  sharing: { ...app.fanout.stats },
};
/** The issue's fan-out targets on one process (#21): ≤ 1.2× the floor at 10,000 screens, ≤ 1.5× at 5,000. */
const fanoutTarget = (n: string) => (n === '10000' ? ' (target ≤ 1.2)' : n === '5000' ? ' (target ≤ 1.5)' : '');
const rows = [
  ...(dashboard
    ? [
        ['dashboard GraphQL req/s (p50/p99 ms)', `${dashboard.graphql.rps} (${dashboard.graphql.p50Ms}/${dashboard.graphql.p99Ms})`],
        ['dashboard floor req/s (p50/p99 ms)', `${dashboard.floor.rps} (${dashboard.floor.p50Ms}/${dashboard.floor.p99Ms})`],
        ['dashboard ratio (GraphQL/floor)', `${dashboard.ratio}  (target ≥ 0.8)`],
        ['dashboard SQL statements per query', String(dashboard.sqlStatements)],
      ]
    : []),
  ...(productionDay
    ? [
        [
          'production day GraphQL req/s (p50/p99 ms)',
          `${productionDay.graphql.rps} (${productionDay.graphql.p50Ms}/${productionDay.graphql.p99Ms}); ${productionDay.scheduleEntries} entries, ${productionDay.pullSheetLines} pull-sheet lines`,
        ],
        [
          'production day floor req/s (p50/p99 ms)',
          `${productionDay.floor.rps} (${productionDay.floor.p50Ms}/${productionDay.floor.p99Ms})`,
        ],
        ['production day ratio (GraphQL/floor)', `${productionDay.ratio}, rounds ${productionDay.ratioRange.join('–')}  (target ≥ 0.5)`],
        ['production day SQL statements per query', String(productionDay.sqlStatements)],
      ]
    : []),
  ...(planning
    ? [
        [
          'planning GraphQL req/s (p50/p99 ms)',
          `${planning.graphql.rps} (${planning.graphql.p50Ms}/${planning.graphql.p99Ms}); ${planning.categories} categories, ${planning.overdueTasks} overdue tasks, ${planning.upcomingPayments} payments due`,
        ],
        ['planning floor req/s (p50/p99 ms)', `${planning.floor.rps} (${planning.floor.p50Ms}/${planning.floor.p99Ms})`],
        ['planning ratio (GraphQL/floor)', `${planning.ratio}, rounds ${planning.ratioRange.join('–')}  (target ≥ 0.5)`],
        ['planning SQL statements per query', String(planning.sqlStatements)],
      ]
    : []),
  ...Object.entries(fanout).map(([n, f]) => [
    `fan-out ${n}: p50/p99/max ms (floor p50/p99)`,
    `${f.p50Ms}/${f.p99Ms}/${f.maxMs} (${f.floorP50Ms}/${f.floorP99Ms})  p99 ratio ${f.p99Ratio}${fanoutTarget(n)}, lost ${f.lost}; per-GO p99 ${(f.p99RangeMs as number[]).join('–')} (floor ${(f.floorP99RangeMs as number[]).join('–')}); in the server p50/worst: feed ${(f.serverFeedMs as number[]).join('/')}, execute ${(f.serverExecuteMs as number[]).join('/')}, loop ${(f.serverLoopMs as number[]).join('/')} (CPU ${(f.serverLoopCpuMs as number[]).join('/')}; floor's ${(f.floorLoopMs as number[]).join('/')}), GC ${(f.serverGcMs as number[]).join('/')} ms`,
  ]),
  ...(clusterRun && 'failover' in clusterRun
    ? [
        [
          `cluster ${clusterRun.screens}: p50/p99/max ms (floor p50/p99)`,
          `${clusterRun.p50Ms}/${clusterRun.p99Ms}/${clusterRun.maxMs} (${clusterRun.floorP50Ms}/${clusterRun.floorP99Ms})  p99 ratio ${clusterRun.p99Ratio}  (target ≤ 1.5), lost ${clusterRun.lost}; 3 processes holding ${clusterRun.screensPerProcess.join('/')}`,
        ],
        [
          'failover (kill -9 under GOs)',
          `${clusterRun.failover.dropped} screens dropped (${clusterRun.failover.screensOnKilled} on the killed process), back p50/p99 ${clusterRun.failover.backP50Ms}/${clusterRun.failover.backP99Ms} ms, all back in ${clusterRun.failover.allBackMs} ms, ${clusterRun.failover.retries} reconnects retried, lost ${clusterRun.failover.lost}, duplicated ${clusterRun.failover.duplicated}, not back ${clusterRun.failover.notBack}`,
        ],
      ]
    : clusterRun
      ? [['cluster', 'skipped: HAProxy is not installed']]
      : []),
  ...(go ? [['GO round trip p50/p99 ms', `${go.p50Ms}/${go.p99Ms} with ${go.subscribers} subscribers`]] : []),
  ...(writes
    ? [
        [
          `writes on one event: commits/s (p50/p99 ms), ${writes.writers} writers`,
          `${writes.graphql.perSecond} (${writes.graphql.p50Ms}/${writes.graphql.p99Ms}) vs SQL floor ${writes.floor.perSecond} (${writes.floor.p50Ms}/${writes.floor.p99Ms}); ratio ${writes.ratio} (rounds ${writes.ratioRange.join('–')})  (target ≥ 0.7), ${writes.screens} screens attached; the SQL alone with no screens ${writes.floorAlone.perSecond} (${writes.floorAlone.p50Ms}/${writes.floorAlone.p99Ms})`,
        ],
      ]
    : []),
  ...(screensResult
    ? [
        [
          'GO to glass (timer page) p50/p99/max ms',
          'skipped' in screensResult.goToGlassMs
            ? `skipped: ${screensResult.goToGlassMs.skipped}`
            : `${screensResult.goToGlassMs.p50Ms}/${screensResult.goToGlassMs.p99Ms}/${screensResult.goToGlassMs.maxMs} over ${screensResult.goToGlassMs.gos} GOs (caller page p50/p99 ${screensResult.goToGlassMs.callerP50Ms}/${screensResult.goToGlassMs.callerP99Ms})`,
        ],
      ]
    : []),
  ...(importResult
    ? [
        [
          'import 20,000 rows: apply ms, lock held ms (worst of runs)',
          `${importResult.runs.map((r) => r.applyMs).join('/')} ms; lock ≤ ${importResult.worstLockHeldMs} ms, a concurrent write waited ≤ ${importResult.worstProbeMs} ms`,
        ],
      ]
    : []),
  ...(exportsResult
    ? Object.entries(exportsResult)
        .filter((e): e is [string, { p50Ms: number; p99Ms: number; maxMs: number; bytes?: number }] => typeof e[1] === 'object')
        .map(([name, t]) => [
          `export ${name} p50/p99/max ms`,
          `${t.p50Ms}/${t.p99Ms}/${t.maxMs}${t.bytes ? `, ${Math.round(t.bytes / 1024)} KB` : ''}${name === 'schedule.ics' ? ` (${String(exportsResult.sessions)} sessions)` : ''}`,
        ])
    : []),
  [
    `server memory per idle subscriber (${memory.subscribers})`,
    `RSS ${memory.bytesPerSubscriber} bytes, heap ${memory.heapBytesPerSubscriber} bytes  (target < 8,000)`,
  ],
];
const width = Math.max(...rows.map(([k]) => k!.length));
log(
  `\nshowcall benchmark${quick ? ' (quick)' : ''} — ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memoryGiB} GiB, Node ${results.machine.node}`,
);
for (const [k, v] of rows) log(`  ${k!.padEnd(width)}  ${v}`);
fs.mkdirSync('bench/results', { recursive: true });
const json = `${JSON.stringify(results, null, 2)}\n`;
// A partial run (--only) keeps latest.json for the last complete one.
const dated = `bench/results/${only ? `only-${only}-` : ''}${results.at.replace(/[:.]/g, '-')}.json`;
if (!only) fs.writeFileSync('bench/results/latest.json', json);
fs.writeFileSync(dated, json);
log(`\nWrote ${only ? dated : 'bench/results/latest.json'}`);

await app.stop();
floor.close();
void floorWs.ask('close');
await counted.destroy();
await pool.destroy();
await database.close();
process.exit(0);
