import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { updateCue } from '../../src/domain/runofshow/runofshow.js';
import { useTestDatabase } from '../helpers/db.js';
import { HAPROXY, HaProxy } from '../helpers/haproxy.js';
import { freePort, startServer, type Running } from '../helpers/process.js';
import { until } from '../helpers/wait.js';
import { gid, makeWorld } from '../helpers/world.js';

/**
 * Three stateless API processes on one database behind a real HAProxy (#21): screens spread over
 * them (least connections), one process is killed -9 while changes keep coming, and every screen
 * that was on it comes back through the balancer (jittered backoff, as the screens app does) and
 * resumes from its last revision — none lost, none twice.
 */

const SUBSCRIPTION = `subscription($eventId: ID!, $afterRevision: Int) { eventChanges(eventId: $eventId, afterRevision: $afterRevision) { revision } }`;
const SCREENS = 90;

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

/** A screen that applies each revision once, and on a lost socket reconnects after a jittered wait, from its last revision. */
function screen(url: string, token: string, eventId: string, from: number) {
  const state = { applied: [] as number[], duplicates: 0, gaps: 0, drops: 0, backAt: [] as number[], client: null as Client | null };
  const connect = () => {
    let lost = false;
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: { Authorization: `Bearer ${token}` },
      on: {
        connected: () => state.drops && state.backAt.push(Date.now()),
        closed: () => {
          if (lost) return;
          lost = true;
          state.drops++;
          void client.dispose();
          setTimeout(connect, 250 * (0.5 + Math.random()));
        },
      },
    });
    state.client = client;
    client.subscribe<{ eventChanges: { revision: number } }>(
      { query: SUBSCRIPTION, variables: { eventId: gid('Event', eventId), afterRevision: state.applied.at(-1) ?? from } },
      {
        next: (m) => {
          const revision = m.data!.eventChanges.revision;
          const last = state.applied.at(-1) ?? from;
          if (revision <= last) state.duplicates++;
          else {
            if (revision !== last + 1) state.gaps++;
            state.applied.push(revision);
          }
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
  };
  connect();
  cleanup.push(async () => state.client?.dispose());
  return state;
}

describe('three API processes behind HAProxy', () => {
  it('spread the screens; when one is killed -9 under changes, its screens come back through the balancer missing nothing', async () => {
    const { db, url } = await useTestDatabase();
    const world = await makeWorld(db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 4 });
    const env = { DATABASE_URL: url, DATA_DIR: path.resolve('.data'), LOG_LEVEL: 'error', WS_MAX_CONNECTIONS_PER_IP: '100000' };
    // Each process answers the balancer's health checks on a port of its own, as docker-compose.yml runs them.
    const healthPorts = await Promise.all([0, 1, 2].map(() => freePort()));
    const apis: (Running & { exited: Promise<number | null> })[] = await Promise.all(
      healthPorts.map((port) => startServer({ ...env, HEALTH_PORT: String(port) })),
    );
    cleanup.push(async () => Promise.all(apis.map((a) => (a.child.kill('SIGTERM'), a.exited))));
    for (const port of healthPorts) expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    const balancer = await HaProxy.start(
      apis.map((a) => new URL(a.url).host),
      healthPorts,
    );
    cleanup.push(() => balancer.stop());

    const start = (await db.selectFrom('event').select('revision').where('id', '=', world.event.id).executeTakeFirstOrThrow()).revision;
    const screens = Array.from({ length: SCREENS }, () =>
      screen(`${balancer.url.replace('http', 'ws')}/graphql`, world.client.token, world.event.id, start),
    );

    // The show goes on: an edit every 25 ms, committed through the database as any process would.
    let writing = true;
    let last = start;
    const versions = world.cueIds.map(() => 1);
    const writer = (async () => {
      for (let n = 0; writing; n++) {
        const c = n % world.cueIds.length;
        const { revision } = await updateCue(db, world.production.actor, world.cueIds[c]!, versions[c]!, { title: `Take ${n}` });
        versions[c]!++;
        last = revision!;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    expect(await until(() => screens.every((s) => s.applied.length >= 5), 30_000)).toBe(true);

    const killedAt = Date.now();
    apis[0]!.child.kill('SIGKILL');
    await apis[0]!.exited;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    writing = false;
    await writer;
    const end = last;
    expect(await until(() => screens.every((s) => s.applied.at(-1) === end), 30_000)).toBe(true);

    const dropped = screens.filter((s) => s.drops > 0);
    const allBackMs = Math.max(...dropped.map((s) => s.backAt[0]! - killedAt));
    console.log(
      `balancer: ${dropped.length} of ${SCREENS} screens were on the killed process; all back ${allBackMs} ms after the kill; ${end - start} changes`,
    );
    // Least connections spread them: about a third were on the process that died.
    expect(dropped.length).toBeGreaterThanOrEqual(SCREENS / 6);
    expect(dropped.length).toBeLessThanOrEqual(SCREENS / 2);
    expect(dropped.every((s) => s.backAt.length >= 1)).toBe(true);
    for (const s of screens) {
      expect([s.duplicates, s.gaps]).toEqual([0, 0]);
      expect(s.applied).toEqual(Array.from({ length: end - start }, (_, i) => start + 1 + i));
    }
  }, 180_000);

  it('is the shape docker-compose.yml runs: its haproxy.cfg is valid for HAProxy, in front of three API replicas', () => {
    expect(execFileSync(HAPROXY!, ['-c', '-f', 'docker/haproxy.cfg'], { encoding: 'utf8' })).toMatch(/Configuration file is valid/);
    const compose = fs.readFileSync('docker-compose.yml', 'utf8');
    expect(compose).toMatch(/api:\n {4}build: \.\n[\s\S]*?replicas: 3/);
    expect(compose).toContain('./docker/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
  });
});
