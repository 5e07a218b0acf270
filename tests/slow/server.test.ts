import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { DemoTokens } from '../../src/seed/demo.js';
import { MyEventsDocument } from '../gql/graphql.js';
import { tokensFile } from '../../src/seed/tokens-file.js';
import { useTestDatabase } from '../helpers/db.js';
import { sleep, until } from '../helpers/wait.js';
import { freePort, run, scratchDir, startServer } from '../helpers/process.js';

/** The real server, as its own process, on a random port; clients over real HTTP and WebSocket. */
describe('server process on an existing database (DATABASE_URL)', () => {
  let url: string;
  let dataDir: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  let tokens: DemoTokens;
  let tokensPath: string;
  let healthPort: number;

  beforeAll(async () => {
    const { url: databaseUrl } = await useTestDatabase();
    dataDir = scratchDir('e2e-url-');
    // The embedded database's tokens, from an earlier npm start: seeding another database leaves them alone.
    fs.writeFileSync(path.join(dataDir, 'demo-tokens.json'), '{"client":"sc_embedded"}\n');
    const seed = run('src/cli/seed.ts', { DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
    expect(await seed.exited, seed.output()).toBe(0);
    expect(seed.output()).toMatch(/Seeded "Northwind Sales Kickoff 2027"/);
    const again = run('src/cli/seed.ts', { DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
    expect(await again.exited).toBe(0);
    expect(again.output()).toMatch(/already in this database; nothing to do/);
    tokensPath = tokensFile(dataDir, databaseUrl);
    tokens = JSON.parse(fs.readFileSync(tokensPath, 'utf8')) as DemoTokens;
    // A token that stopped working is never printed.
    const spare = { ...tokens, management: 'sc_revoked_long_ago' };
    fs.writeFileSync(tokensPath, JSON.stringify(spare));
    healthPort = await freePort();
    server = await startServer({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LIMIT_ALIASES: '3', HEALTH_PORT: String(healthPort) });
    fs.writeFileSync(tokensPath, JSON.stringify(tokens));
    url = server.url;
  });

  afterAll(async () => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the demo tokens readable by the owner only, one file per database, and prints only tokens that work', () => {
    expect(path.basename(tokensPath)).toMatch(/^demo-tokens\.127\.0\.0\.1-\d+-showcall_test_[0-9a-f]+\.json$/);
    expect(fs.statSync(tokensPath).mode & 0o777).toBe(0o600);
    expect(Object.keys(tokens).sort()).toEqual(['client', 'management', 'production']);
    expect(fs.readFileSync(path.join(dataDir, 'demo-tokens.json'), 'utf8')).toBe('{"client":"sc_embedded"}\n');
    expect(server.output()).toContain(tokens.production);
    expect(server.output()).not.toContain('sc_revoked_long_ago');
    expect(server.output()).toMatch(/holds tokens that no longer authenticate here; they are not shown/);
  });

  it('answers health and readiness, on the API port and on HEALTH_PORT (only those there), and prints where', async () => {
    const healthUrl = `http://127.0.0.1:${healthPort}`;
    expect(server.output()).toContain(`Health:   ${healthUrl}/health`);
    for (const base of [url, healthUrl]) {
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', service: 'showcall', version: '0.1.0', database: 'reachable' });
      const ready = await fetch(`${base}/ready`);
      expect(ready.status).toBe(200);
    }
    const other = await fetch(`${healthUrl}/graphql?query=%7B__typename%7D`);
    expect(other.status).toBe(404);
    expect(await other.text()).toBe('Only /health and /ready answer on this port.\n');
  });

  it('does not log client mistakes as errors: no ERR, no stack, for bad input, wrong id types and refused limits', async () => {
    const post = (body: unknown) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.production}` },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    const before = server.output().length;
    const answers = await Promise.all([
      post({ query: 'query($id: ID!) { node(id: $id) { id } }', variables: { id: 'not-a-global-id' } }),
      post({
        query:
          'mutation { createRoom(input: { venueId: "Q3VlOjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA==", name: "x" }) { __typename } }',
      }),
      post({ query: '{ a: serverTime b: serverTime c: serverTime d: serverTime }' }),
      post({ query: '{ events(first: 5) { nodes { nam } } }' }),
      post({ query: 'mutation { updateCue(input: { id: "x", expectedVersion: 1, title: "" }) { __typename } }' }),
    ]);
    expect(answers.every((a) => (a as { errors?: unknown[] }).errors?.length || (a as { data?: unknown }).data)).toBe(true);
    // What is logged for these comes after their answers: give the log the moment it needs.
    await sleep(200);
    const logged = server.output().slice(before);
    expect(logged).not.toMatch(/ERR|\n\s+at /);
  });

  it('serves GraphiQL from its own assets (tests/browser/ drives the page itself)', async () => {
    const html = await (await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('showcall');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=["']https?:/i);
  });

  it('returns the demo event with sessions, rooms, speakers and hundreds of cues to a dashboard query', async () => {
    const query = `{ events(first: 5) { nodes { name days sessions(first: 100) { totalCount nodes { title room { name } speakers(first: 10) { nodes { role speaker { name } } } cues(first: 100) { totalCount } } } } } }`;
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.production}` },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as {
      data: {
        events: {
          nodes: {
            name: string;
            days: string[];
            sessions: {
              totalCount: number;
              nodes: { title: string; room: { name: string }; speakers: { nodes: unknown[] }; cues: { totalCount: number } }[];
            };
          }[];
        };
      };
    };
    const event = body.data.events.nodes[0]!;
    expect(event.name).toBe('Northwind Sales Kickoff 2027');
    expect(event.days).toEqual(['2027-01-26', '2027-01-27', '2027-01-28']);
    expect(event.sessions.totalCount).toBeGreaterThan(30);
    const kinds = new Set(event.sessions.nodes.map((s) => s.room.name));
    expect(kinds.size).toBeGreaterThanOrEqual(6);
    const cues = event.sessions.nodes.reduce((sum, s) => sum + s.cues.totalCount, 0);
    expect(cues).toBeGreaterThan(300);
    expect(event.sessions.nodes.some((s) => s.speakers.nodes.length >= 3)).toBe(true);
  });

  it('takes its limits from the environment (LIMIT_ALIASES=3 here)', async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ a: __typename b: __typename c: __typename d: __typename }' }),
    });
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors[0]!.message).toBe('The operation uses 4 aliases (fragments expanded); at most 3 are allowed (LIMIT_ALIASES).');
  });

  it('refuses an unknown token with a clear error', async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sc_not-a-real-token' },
      body: JSON.stringify({ query: '{ serverTime }' }),
    });
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).toMatch(/unknown or revoked/);
  });

  it('answers over graphql-ws with the token in connectionParams, and closes sockets on SIGTERM', async () => {
    const closes: number[] = [];
    const ws = createClient({
      url: url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${tokens.client}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined, // the close is recorded below
      on: { closed: (event) => closes.push((event as { code: number }).code) },
    });
    const result = await new Promise<unknown>((resolve, reject) => {
      let value: unknown;
      ws.subscribe(
        { query: print(MyEventsDocument), variables: { first: 5 } },
        { next: (v) => (value = v), error: reject, complete: () => resolve(value) },
      );
    });
    expect(result).toMatchObject({ data: { viewer: { organization: { kind: 'CLIENT' } }, events: { totalCount: 1 } } });

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/Stopped\./);
    expect(await until(() => closes.length > 0)).toBe(true);
    // 1001 Going Away: the server is shutting down, so a client should reconnect elsewhere.
    expect(closes).toEqual([1001]);
    await ws.dispose();
  });
});

describe('npm start on a fresh machine (embedded PostgreSQL)', () => {
  const dataDir = path.resolve(`.data/e2e-embedded-${process.pid}`);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('initialises, migrates and seeds on first start only, reuses the data after a restart or a kill -9, and refuses a second server on it', async () => {
    const env = { DATABASE_URL: undefined, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
    const first = await startServer(env, 120_000);
    expect(first.output()).toMatch(/Seeding the demo event/);
    expect(first.output()).toMatch(/management\s+\(Bluebird Event Management\)\s+sc_/);
    const tokens = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-tokens.json'), 'utf8')) as DemoTokens;
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);

    const second = await startServer(env, 120_000);
    expect(second.output()).not.toMatch(/Seeding/);
    // Killed outright: its PostgreSQL is left behind, still holding the data directory.
    second.child.kill('SIGKILL');
    await second.exited;

    const third = await startServer(env, 120_000);
    try {
      expect(third.output()).not.toMatch(/Seeding/);
      const response = await fetch(`${third.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.management}` },
        body: JSON.stringify({ query: '{ events(first: 5) { totalCount nodes { name } } }' }),
      });
      expect(await response.json()).toEqual({ data: { events: { totalCount: 1, nodes: [{ name: 'Northwind Sales Kickoff 2027' }] } } });

      const rival = run('src/server.ts', { ...env, PORT: '0' });
      expect(await rival.exited).toBe(1);
      expect(rival.output()).toMatch(/Another showcall \(process \d+\) is already running/);

      // The token tool works while the server runs, on its database, with no extra flags, with the
      // README's e-mail; revoke takes the id the API shows.
      const cli = (...args: string[]) => {
        const proc = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/token.ts', ...args], {
          env: { ...process.env, ...env, DATABASE_URL: '' },
          encoding: 'utf8',
        });
        return { status: proc.status, out: `${proc.stdout}${proc.stderr}` };
      };
      const made = cli('create', '--email', 'marco.reyes@bluebird.example', '--name', 'laptop');
      expect(made.status, made.out).toBe(0);
      const secret = /\n(sc_\S+)/.exec(made.out)![1]!;
      const viewer = async () =>
        fetch(`${third.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
          body: JSON.stringify({ query: '{ viewer { user { name } apiTokens(first: 20) { nodes { id name } } } }' }),
        });
      const seen = (await (await viewer()).json()) as {
        data: { viewer: { user: { name: string }; apiTokens: { nodes: { id: string; name: string }[] } } };
      };
      expect(seen.data.viewer.user.name).toBe('Marco Reyes');
      const apiId = seen.data.viewer.apiTokens.nodes.find((k) => k.name === 'laptop')!.id;
      expect(cli('list', '--email', 'marco.reyes@bluebird.example').out).toContain(apiId);
      const revoked = cli('revoke', '--id', apiId);
      expect(revoked.status, revoked.out).toBe(0);
      expect((await viewer()).status).toBe(401);
    } finally {
      third.child.kill('SIGTERM');
      expect(await third.exited).toBe(0);
    }
  }, 180_000);

  it('says in one line which port is taken, PORT, HEALTH_PORT or EMBEDDED_PG_PORT, before creating any database', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    const port = String((taken.address() as net.AddressInfo).port);
    const fresh = scratchDir('e2e-port-');
    try {
      fs.chmodSync(fresh, 0o755); // the embedded PostgreSQL, as root, runs as "postgres"
      for (const [setting, ports] of [
        ['PORT', { PORT: port }],
        ['HEALTH_PORT', { PORT: '0', HEALTH_PORT: port }],
      ] as const) {
        const api = run('src/server.ts', {
          DATABASE_URL: undefined,
          DATA_DIR: fresh,
          HOST: '127.0.0.1',
          ...ports,
          EMBEDDED_PG_PORT: String(await freePort()),
        });
        expect(await api.exited).toBe(1);
        expect(api.output().trim()).toBe(
          `showcall could not start: port ${port} is already in use (another showcall, or another program). Use another one, e.g. ${setting}=${Number(port) + 1} npm start`,
        );
        expect(fs.existsSync(path.join(fresh, 'pg'))).toBe(false);
      }

      const pgPort = run('src/server.ts', { DATABASE_URL: undefined, DATA_DIR: fresh, PORT: '0', EMBEDDED_PG_PORT: port });
      expect(await pgPort.exited).toBe(1);
      expect(pgPort.output()).toMatch(
        new RegExp(`port ${port} is in use by another program .*EMBEDDED_PG_PORT=${Number(port) + 1} npm start`),
      );
      expect(pgPort.output()).not.toMatch(/FATAL|\n\s+at /);
    } finally {
      taken.close();
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('refuses bad configuration with a message naming the variable', async () => {
    const proc = run('src/server.ts', { PORT: 'eighty', DATABASE_URL: 'mysql://nope', LIMIT_COST: '-1' });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toMatch(/PORT="eighty"/);
    expect(proc.output()).toMatch(/DATABASE_URL="mysql:\/\/nope": must be a postgres:\/\//);
    expect(proc.output()).toMatch(/LIMIT_COST="-1": must not be negative/);
  });
});
