/**
 * Screens across processes (#21): three API processes on one database, behind HAProxy (Debian's;
 * tests/helpers/haproxy.ts), N screens spread over them — commit → every screen, against a floor
 * of three bare `ws` broadcasters behind the same kind of balancers, GOs alternating — and then
 * failover: one API process killed -9 while GOs continue, its screens back through the balancer
 * from their last revision. One HAProxy carries at most ~9,990 sockets under this machine's
 * 20,000-descriptor limit (two per proxied connection), so each side has one balancer per 7,500
 * screens and the screens spread over them round robin, as DNS would spread them over balancers.
 */
import { execFileSync } from 'node:child_process';
import type { Database } from '../src/db/client.js';
import type { Actor } from '../src/db/write.js';
import { goCue } from '../src/domain/live/commands.js';
import { HAPROXY, HaProxy } from '../tests/helpers/haproxy.js';
import { freePort, startServer } from '../tests/helpers/process.js';
import { screens, startFloor, type Floor, type Screens } from './fleet.js';
import { monotonicMs as now } from '../src/shared/monotonic.js';

const QUERY =
  'subscription($id: ID!, $afterRevision: Int) { eventChanges(eventId: $id, afterRevision: $afterRevision) { revision kind entity { id ... on Cue { number title state firedAt } } } }';
const PER_BALANCER = 7500;
const PER_PROCESS = 5000;
const round = (n: number) => Math.round(n * 100) / 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Options = {
  databaseUrl: string;
  db: Database;
  eventId: string;
  eventGid: string;
  token: string;
  actor: Actor;
  nextCue: () => string;
  count: number;
  gos: number;
  log: (line: string) => void;
  percentile: (values: number[], p: number) => number;
};

/** Screens in processes of ≤ 5,000, each spreading its sockets over every one of `urls`. */
async function fleetOf(urls: string[], mode: 'graphql' | 'raw', count: number, o: Options): Promise<Screens[]> {
  const sizes = Array.from({ length: Math.ceil(count / PER_PROCESS) }, (_, i) => Math.min(PER_PROCESS, count - i * PER_PROCESS));
  const all: Screens[] = [];
  // One process at a time: connecting tens of thousands at once only makes the balancers queue them.
  for (const size of sizes)
    all.push(await screens(urls.join(','), mode, size, o.token, mode === 'graphql' ? QUERY : '', { id: o.eventGid }));
  return all;
}

/** One GO to a fleet: every screen's delay from `fire`'s instant (null: never came). */
async function go(fleet: Screens[], fire: () => Promise<number>, waitMs: number) {
  await Promise.all(fleet.map((s) => s.ask('arm')));
  const t0 = await fire();
  await sleep(waitMs);
  const answers = await Promise.all(fleet.map((s) => s.ask<{ times: (number | null)[] }>('collect')));
  return answers.flatMap((a) => a.times.map((t) => (t === null ? null : t - t0)));
}

/** Established connections on a local port: the screens a process holds (through its balancers). */
function connectionsOn(port: number): number {
  const out = execFileSync('ss', ['-Htn', 'state', 'established', `( sport = :${port} )`], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).length;
}

export async function measureCluster(o: Options) {
  if (!HAPROXY) {
    o.log('Cluster: skipped, HAProxy is not installed (apt-get install -y haproxy)');
    return { skipped: 'HAProxy is not installed' };
  }
  const stops: (() => Promise<unknown> | unknown)[] = [];
  try {
    o.log(`Cluster: three API processes, ${o.count} screens…`);
    const env = {
      DATABASE_URL: o.databaseUrl,
      WS_MAX_CONNECTIONS_PER_IP: '1000000',
      WS_MAX_SUBSCRIPTIONS_PER_TOKEN: '1000000',
      LIMIT_MUTATIONS_PER_MINUTE: '0',
    };
    // PROFILE_DIR=/tmp/prof: the survivors write CPU profiles (stopped with SIGINT, so they can).
    const profiled = process.env.PROFILE_DIR;
    // Each process answers the balancers' health checks on a port of its own (HEALTH_PORT).
    const healthPorts = await Promise.all([0, 1, 2].map(() => freePort()));
    const apis = await Promise.all(
      healthPorts.map((healthPort, i) =>
        startServer(
          { ...env, HEALTH_PORT: String(healthPort) },
          undefined,
          profiled && i > 0 ? ['--cpu-prof', `--cpu-prof-dir=${profiled}`] : [],
        ),
      ),
    );
    for (const api of apis)
      stops.push(async () => {
        if (api.child.exitCode !== null || api.child.signalCode !== null) return;
        api.child.kill(profiled ? 'SIGINT' : 'SIGKILL');
        await api.exited;
      });
    const floors: Floor[] = await Promise.all([0, 1, 2].map(() => startFloor()));
    for (const floor of floors) stops.push(() => floor.ask('close'));
    const balancers = Math.ceil(o.count / PER_BALANCER);
    const started: HaProxy[] = [];
    const start = (backends: string[], checkPorts: number[] = []) =>
      Promise.all(
        Array.from({ length: balancers }, async () => {
          const balancer = await HaProxy.start(backends, checkPorts);
          started.push(balancer);
          stops.push(() => balancer.stop());
          return `${balancer.url.replace('http', 'ws')}/graphql`;
        }),
      );
    const apiBalancers = await start(
      apis.map((a) => new URL(a.url).host),
      healthPorts,
    );
    const apiBalancersStarted = [...started];
    const floorBalancers = await start(floors.map((f) => `127.0.0.1:${f.port}`));
    // Health checks mark every backend up before the screens come.
    await sleep(2000);
    const graphql = await fleetOf(apiBalancers, 'graphql', o.count, o);
    for (const set of graphql) stops.push(() => set.close());
    const raw = await fleetOf(floorBalancers, 'raw', o.count, o);
    for (const set of raw) stops.push(() => set.close());
    const spread = apis.map((a) => connectionsOn(Number(new URL(a.url).port)));
    o.log(`Cluster: screens per process ${spread.join(' / ')}; GOs…`);
    await sleep(1500);

    const waitMs = Math.max(1500, o.count / 10);
    const graphqlGos: (number | null)[][] = [];
    const floorGos: (number | null)[][] = [];
    for (let g = -1; g < o.gos; g++) {
      const viaGraphql = await go(
        graphql,
        async () => {
          await goCue(o.db, o.actor, o.nextCue());
          return now();
        },
        waitMs,
      );
      const viaFloor = await go(
        raw,
        async () => {
          const sent = await Promise.all(floors.map((f) => f.ask<{ t0: number }>('broadcast', { bytes: 330 })));
          return Math.min(...sent.map((s) => s.t0));
        },
        waitMs,
      );
      if (g < 0) continue;
      graphqlGos.push(viaGraphql);
      floorGos.push(viaFloor);
    }
    const summary = (gos: (number | null)[][]) => {
      const all = gos.flatMap((d) => d.filter((x): x is number => x !== null));
      return {
        p50Ms: round(o.percentile(all, 50)),
        p99Ms: round(o.percentile(all, 99)),
        maxMs: round(all.reduce((m, t) => Math.max(m, t), -Infinity)),
        lost: gos.reduce((n, d) => n + d.filter((x) => x === null).length, 0),
      };
    };
    const viaGraphql = summary(graphqlGos);
    const viaFloor = summary(floorGos);
    for (const set of raw) set.close();

    // Failover: GOs go on at a pace this machine sustains at this size — twice the fan-out's p99
    // just measured (at least every 100 ms), not faster than the screens can be written to — and
    // one process is killed -9 two seconds in.
    const paceMs = Math.max(100, Math.ceil((2 * viaGraphql.p99Ms) / 100) * 100);
    o.log(`Cluster: failover, one process killed -9 under a GO every ${paceMs} ms…`);
    let going = true;
    const gos = { done: 0, failed: [] as string[] };
    const goes = (async () => {
      while (going) {
        await goCue(o.db, o.actor, o.nextCue()).then(
          () => gos.done++,
          (error: unknown) => gos.failed.push(String(error)),
        );
        await sleep(paceMs);
      }
    })();
    await sleep(2000);
    // The survivors asked directly, bypassing the balancers: how long one takes to answer while it takes the storm.
    const slowest = [0, 0, 0];
    let probing = true;
    const probes = apis.slice(1).map(async (api, k) => {
      while (probing) {
        const t = now();
        await fetch(`${api.url}/health`, { signal: AbortSignal.timeout(30_000) }).catch(() => undefined);
        slowest[k + 1] = Math.max(slowest[k + 1]!, now() - t);
        await sleep(250);
      }
    });
    // The kernel's accept queues meanwhile: the deepest seen on each listening port, and overflows.
    const deepest = new Map<number, number>();
    const overflows = () =>
      Number(/TcpExtListenOverflows\s+(\d+)/.exec(execFileSync('nstat', ['-az', 'TcpExtListenOverflows'], { encoding: 'utf8' }))?.[1] ?? 0);
    const overflowsBefore = overflows();
    const queues = (async () => {
      while (probing) {
        for (const line of execFileSync('ss', ['-Hltn'], { encoding: 'utf8' }).split('\n')) {
          const [, queued, local] = /^\S+\s+(\d+)\s+\d+\s+(\S+)/.exec(line) ?? [];
          if (!local) continue;
          const port = Number(local.split(':').at(-1));
          deepest.set(port, Math.max(deepest.get(port) ?? 0, Number(queued)));
        }
        await sleep(100);
      }
    })();
    const onKilled = connectionsOn(Number(new URL(apis[0]!.url).port));
    const killedAt = now();
    apis[0]!.child.kill('SIGKILL');
    type Stats = {
      lastRevisions: (number | null)[];
      duplicates: number;
      gaps: number;
      dropped: number;
      notBack: number;
      lastBackAt: number;
      backAt: number[];
      retries: number;
      phases: number[][];
      closeCodes: Record<string, number>;
      openErrors: Record<string, number>;
      attempts: { opened: number[]; failed: number[] };
    };
    const stats = () => Promise.all(graphql.map((s) => s.ask<Stats>('stats')));
    const deadline = killedAt + 120_000;
    for (;;) {
      await sleep(500);
      const now_ = await stats();
      const dropped = now_.reduce((n, s) => n + s.dropped, 0);
      const notBack = now_.reduce((n, s) => n + s.notBack, 0);
      if ((dropped >= onKilled && notBack === 0) || now() > deadline) break;
    }
    await sleep(2000);
    going = false;
    probing = false;
    await Promise.all([goes, queues, ...probes]);
    const portOf = (url: string) => Number(new URL(url).port);
    o.log(
      `Cluster: accept queues, deepest: survivors ${apis
        .slice(1)
        .map((a) => deepest.get(portOf(a.url)) ?? 0)
        .join(
          ' / ',
        )}, API balancers ${apiBalancers.map((u) => deepest.get(portOf(u)) ?? 0).join(' / ')}; ${overflows() - overflowsBefore} connections dropped for a full queue (TcpExtListenOverflows)`,
    );
    o.log(`Cluster: the survivors' slowest /health during failover ${slowest.slice(1).map(round).join(' / ')} ms`);
    for (const [i, balancer] of apiBalancersStarted.entries()) {
      const changes = balancer
        .output()
        .split('\n')
        .filter((line) => / is (UP|DOWN)/.test(line));
      const reasons: Record<string, number> = {};
      for (const line of changes.filter((l) => l.startsWith('<'))) {
        const [, server, state, reason] = /\/(api\d) is (UP|DOWN), reason: ([^,]+)/.exec(line) ?? [];
        if (server) reasons[`${server} ${state} (${reason})`] = (reasons[`${server} ${state} (${reason})`] ?? 0) + 1;
      }
      o.log(`Cluster: API balancer ${i + 1}: ${JSON.stringify(reasons)}`);
    }
    const { revision } = await o.db.selectFrom('event').select('revision').where('id', '=', o.eventId).executeTakeFirstOrThrow();
    // Long enough for the last GO to reach every screen.
    await sleep(Math.max(2000, paceMs));
    const after = await stats();
    const last = after.flatMap((s) => s.lastRevisions);
    const dropped = after.reduce((n, s) => n + s.dropped, 0);
    const phases = after.flatMap((s) => s.phases);
    o.log(
      `Cluster: after its drop, a screen's socket open / acknowledged / first revision p50: ${[0, 1, 2]
        .map((k) =>
          round(
            o.percentile(
              phases.map((p) => p[k]!),
              50,
            ),
          ),
        )
        .join(' / ')} ms, p99: ${[0, 1, 2]
        .map((k) =>
          round(
            o.percentile(
              phases.map((p) => p[k]!),
              99,
            ),
          ),
        )
        .join(' / ')} ms`,
    );
    const back = after.flatMap((s) => s.backAt.filter((t) => t > 0).map((t) => t - killedAt));
    const merged = (pick: (s: Stats) => Record<string, number>) => {
      const into: Record<string, number> = {};
      for (const s of after) for (const [k, n] of Object.entries(pick(s))) into[k] = (into[k] ?? 0) + n;
      return into;
    };
    const closeCodes = merged((s) => s.closeCodes);
    const openErrors = merged((s) => s.openErrors);
    o.log(`Cluster: sockets closed by ${JSON.stringify(closeCodes)}; reopening failed with ${JSON.stringify(openErrors)}`);
    const took = (pick: (s: Stats) => number[]) => {
      const all = after.flatMap(pick);
      return `${all.length} took p50/p99/max ${round(o.percentile(all, 50))}/${round(o.percentile(all, 99))}/${round(all.reduce((m, t) => Math.max(m, t), 0))} ms`;
    };
    o.log(`Cluster: reconnect attempts that opened: ${took((s) => s.attempts.opened)}; that failed: ${took((s) => s.attempts.failed)}`);
    // The survivors' own account: a process that died or complained is the first suspect of a storm.
    for (const [i, api] of apis.entries()) {
      if (i === 0) continue;
      const complaints = api
        .output()
        .split('\n')
        .filter((line) => /error|warn|exit/i.test(line));
      o.log(
        `Cluster: process ${i + 1} ${api.child.exitCode === null && api.child.signalCode === null ? 'running' : `exited (${api.child.exitCode ?? api.child.signalCode})`}, ${complaints.length} complaints${complaints.length ? `, e.g. ${complaints.slice(-3).join(' | ')}` : ''}`,
      );
    }
    const failover = {
      screensOnKilled: onKilled,
      dropped,
      /** Screens of the surviving processes that lost their socket too (refused, or cut by the storm). */
      healthyDropped: Math.max(0, dropped - onKilled),
      notBack: after.reduce((n, s) => n + s.notBack, 0),
      allBackMs: round(Math.max(...after.map((s) => s.lastBackAt)) - killedAt),
      backP50Ms: round(o.percentile(back, 50)),
      backP99Ms: round(o.percentile(back, 99)),
      /** Reconnects the balancer could not place at once (retried after a longer wait). */
      retries: after.reduce((n, s) => n + s.retries, 0),
      lost: last.filter((r) => r !== revision).length + after.reduce((n, s) => n + s.gaps, 0),
      duplicated: after.reduce((n, s) => n + s.duplicates, 0),
      gos: gos.done,
      paceMs,
      closeCodes,
      openErrors,
    };
    if (gos.failed.length) o.log(`Cluster: ${gos.failed.length} GOs failed during failover, e.g. ${gos.failed[0]}`);
    return {
      screens: o.count,
      processes: 3,
      balancersPerSide: balancers,
      screensPerProcess: spread,
      ...viaGraphql,
      floorP50Ms: viaFloor.p50Ms,
      floorP99Ms: viaFloor.p99Ms,
      floorMaxMs: viaFloor.maxMs,
      floorLost: viaFloor.lost,
      p99Ratio: round(viaGraphql.p99Ms / viaFloor.p99Ms),
      failover,
    };
  } finally {
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => undefined);
  }
}
