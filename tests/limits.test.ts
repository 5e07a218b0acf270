import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApp, type App } from '../src/app.js';
import { useTestDatabase } from './helpers/db.js';
import { send } from './helpers/graphql.js';
import { gid, makeWorld } from './helpers/world.js';
import { revisionOf } from './helpers/live.js';

type Body = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };

let t: Awaited<ReturnType<typeof useTestDatabase>>;
let world: Awaited<ReturnType<typeof makeWorld>>;
let app: App;
let base: string;

beforeAll(async () => {
  t = await useTestDatabase();
  world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 2, cuesPerSession: 2 });
  app = createApp({
    db: t.db,
    databaseUrl: t.url,
    logLevel: 'error',
    limits: { mutationBurst: 3, mutationsPerMinute: 6, wsMaxConnectionsPerIp: 3, maxBatch: 0 },
  });
  base = await app.listen(0, '127.0.0.1');
});
afterAll(() => app.stop());

async function post(body: unknown, token?: string, target = `${base}/graphql`): Promise<{ status: number; headers: Headers; body: Body }> {
  const response = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Body };
}

const revision = () => revisionOf(t.db, world.event.id);

describe('operation limits', () => {
  it('refuses a query nested 13 fields deep (the limit is 10), naming LIMIT_DEPTH, without running it', async () => {
    const deep = `{ events(first: 1) { nodes { sessions(first: 1) { nodes { room { venue { event { sessions(first: 1) { nodes { cues(first: 1) { nodes { session { title } } } } } } } } } } } } }`;
    const { body } = await post({ query: deep }, world.management.token);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(/nests fields 13 deep; at most 10 .*\(LIMIT_DEPTH\)/);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'LIMIT_DEPTH' });
  });

  it('counts aliases through fragments, however often they are spread', async () => {
    const fragment = `fragment F on Event { a: name b: name c: name d: name }`;
    const query = `{ events(first: 1) { nodes { ...F ...F ...F ...F } } } ${fragment}`;
    const { body } = await post({ query }, world.management.token);
    expect(body.errors?.[0]?.message).toMatch(/16 aliases .*at most 15 .*\(LIMIT_ALIASES\)/);
  });

  it('refuses too many directives', async () => {
    const fields = Array.from({ length: 21 }, () => 'name @include(if: true)').join(' ');
    const { body } = await post({ query: `{ events(first: 1) { nodes { ${fields} } } }` }, world.management.token);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'LIMIT_DIRECTIVES' });
  });

  it('does not read a document over 2000 tokens', async () => {
    const query = `{ events(first: 1) { nodes { ${'name '.repeat(2100)} } } }`;
    const { body } = await post({ query }, world.management.token);
    expect(body.errors?.[0]?.message).toMatch(/more than 2000 tokens .*\(LIMIT_TOKENS\)/);
  });

  it('weighs lists by first, from literals and variables, and refuses an expensive operation', async () => {
    const query = `query($n: Int!) { events(first: $n) { nodes { sessions(first: 100) { nodes { cues(first: 100) { nodes { title number state } } speakers(first: 100) { nodes { role } } } } } } }`;
    const cheap = await post({ query, variables: { n: 1 } }, world.management.token);
    expect(cheap.body.errors).toBeUndefined();
    const expensive = await post({ query, variables: { n: 100 } }, world.management.token);
    expect(expensive.body.data ?? null).toBeNull();
    expect(expensive.body.errors?.[0]?.message).toMatch(/estimated cost is \d+; at most 200000 .*\(LIMIT_COST\)/);
  });

  it('still lets GraphiQL read the schema (introspection is not counted in depth or cost)', async () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      inputValueDeprecation: true,
      schemaDescription: true,
      directiveIsRepeatable: true,
      specifiedByUrl: true,
    });
    const { body } = await post({ query });
    expect(body.errors).toBeUndefined();
    expect((body.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(50);
  });

  it('gives a query with a bad variable the same message as any other operation (queries run compiled)', async () => {
    const query = 'query($id: ID!, $day: Date) { node(id: $id) { ... on Event { sessions(first: 5, day: $day) { totalCount } } } }';
    const { body } = await post({ query, variables: { id: gid('Event', world.event.id), day: '2027-02-30' } }, world.management.token);
    expect(body.errors?.[0]?.message).toMatch(/Variable "\$day" got invalid value "2027-02-30"; .*calendar day/);
    const good = await post({ query, variables: { id: gid('Event', world.event.id), day: '2027-03-01' } }, world.management.token);
    expect(good.body.data).toEqual({ node: { sessions: { totalCount: 2 } } });
  });

  it('requires first on every list, at most 100', async () => {
    const { body } = await post({ query: '{ events { nodes { name } } }' }, world.management.token);
    expect(body.errors?.[0]?.message).toMatch(/argument "first" of type "Int!" is required/);
    const tooMany = await post({ query: '{ events(first: 101) { nodes { name } } }' }, world.management.token);
    expect(tooMany.body.errors?.[0]?.message).toMatch(/first: must be at most 100/);
  });

  it('refuses batched requests with a clear error', async () => {
    const { status, body } = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toMatch(/batch/i);
  });

  it('refuses a body over 1 MB before reading it, with 413 naming LIMIT_BODY_BYTES', async () => {
    const before = await revision();
    const huge = JSON.stringify({ query: 'mutation($n: String!) { __typename }', variables: { n: 'x'.repeat(1024 * 1024) } });
    const { status, body } = await post(huge, world.management.token);
    expect(status).toBe(413);
    expect(body.errors?.[0]?.message).toMatch(/at most 1048576 .*\(LIMIT_BODY_BYTES\)/);
    expect(await revision()).toBe(before);
  });

  it('asks for a Content-Length instead of reading a chunked body of unknown size', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${base}/graphql`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('{"query":');
      req.end('"{ __typename }"}');
    });
    expect(status).toBe(411);
  });

  it('stops a query that runs longer than the execution timeout', async () => {
    const slow = createApp({ db: t.db, logLevel: 'error', limits: { executionTimeoutMs: 1 } });
    try {
      const query = `{ events(first: 5) { nodes { sessions(first: 10) { nodes { title room { name venue { name } } speakers(first: 5) { nodes { speaker { name } } } cues(first: 10) { nodes { plannedAt } } } } } } }`;
      const body = (await send(slow, world.management.token, query)) as Body;
      expect(body.errors?.[0]?.message).toMatch(/ran longer than 1 ms and was stopped \(LIMIT_EXECUTION_MS\)/);
    } finally {
      await slow.stop();
    }
  });
});

describe('mutation rate limit', () => {
  it('lets a token send its burst, then answers 429 with Retry-After and writes nothing', async () => {
    const token = world.production.token;
    const go = (i: number) =>
      post(
        {
          query: 'mutation($id: ID!) { standbyCue(input: { cueId: $id }) { __typename } }',
          variables: { id: gid('Cue', world.cueIds[i % 2]!) },
        },
        token,
      );
    for (let i = 0; i < 3; i++) expect((await go(i)).body.errors).toBeUndefined();
    const before = await revision();
    const refused = await go(3);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body.errors?.[0]?.message).toMatch(/Too many mutations with this token: 3 at once and 6 a minute .*Retry in \d+ s/);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(await revision()).toBe(before);
    // Another token is not affected, and reads are never limited.
    const { version } = await t.db.selectFrom('event').select('version').where('id', '=', world.event.id).executeTakeFirstOrThrow();
    const other = await post(
      {
        query: `mutation { updateEvent(input: { id: "${gid('Event', world.event.id)}", expectedVersion: ${version}, name: "Renamed" }) { __typename } }`,
      },
      world.management.token,
    );
    expect(other.body.errors).toBeUndefined();
    expect((await post({ query: '{ events(first: 1) { totalCount } }' }, token)).body.errors).toBeUndefined();
  });

  it('refuses more mutations in one request than the burst', async () => {
    const fields = Array.from(
      { length: 4 },
      (_, i) => `m${i}: standbyCue(input: { cueId: "${gid('Cue', world.cueIds[0]!)}" }) { __typename }`,
    ).join(' ');
    const { body } = await post({ query: `mutation { ${fields} }` }, world.client.token);
    expect(body.errors?.[0]?.message).toMatch(/holds 4 mutations; at most 3 .*\(LIMIT_MUTATION_BURST\)/);
  });
});

describe('errors', () => {
  it('suggests field names to signed-in users only', async () => {
    const anonymous = await post({ query: '{ events(first: 1) { nodes { nam } } }' });
    expect(anonymous.body.errors?.[0]?.message).toBe('Cannot query field "nam" on type "Event".');
    const signedIn = await post({ query: '{ events(first: 1) { nodes { nam } } }' }, world.client.token);
    expect(signedIn.body.errors?.[0]?.message).toMatch(/Did you mean "name"\?/);
    const forged = await post({ query: '{ events(first: 1) { nodes { nam } } }' }, 'sc_not_a_token');
    expect(forged.status).toBe(401);
    expect(JSON.stringify(forged.body)).not.toMatch(/Did you mean/);
  });

  it('names the field when text holds control characters, and writes nothing', async () => {
    const before = await revision();
    const { body } = await post(
      {
        query:
          'mutation($input: CreateVenueInput!) { createVenue(input: $input) { __typename ... on ValidationError { issues { field message } } } }',
        variables: { input: { eventId: gid('Event', world.event.id), name: 'Hall\u0000A' } },
      },
      world.management.token,
    );
    expect(body.data).toEqual({
      createVenue: { __typename: 'ValidationError', issues: [{ field: 'name', message: 'must not contain control characters' }] },
    });
    expect(await revision()).toBe(before);
  });

  it('bounds the strings it only echoes or decodes: clientMutationId and cursors', async () => {
    const echo = await post(
      {
        query:
          'mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { __typename ... on ValidationError { issues { field message } } } }',
        variables: { input: { name: 'ci', clientMutationId: 'x'.repeat(201) } },
      },
      world.client.token,
    );
    expect(JSON.stringify(echo.body)).toMatch(/clientMutationId.*must be at most 200 characters/);
    const cursor = await post(
      { query: 'query($after: String) { events(first: 1, after: $after) { totalCount } }', variables: { after: 'x'.repeat(5000) } },
      world.client.token,
    );
    expect(cursor.body.errors?.[0]?.message).toMatch(/after: must be at most 4096 characters/);
  });

  it('refuses an id of the wrong type cleanly, and a malformed one', async () => {
    const before = await revision();
    const sessionAsCue = await post(
      { query: `mutation { standbyCue(input: { cueId: "${gid('Session', world.sessionIds[0]!)}" }) { __typename } }` },
      world.management.token,
    );
    expect(sessionAsCue.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/is not of type: Cue/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await revision()).toBe(before);
    const junk = await post(
      { query: 'query($id: ID!) { node(id: $id) { id } }', variables: { id: 'x'.repeat(5000) } },
      world.management.token,
    );
    expect(junk.status).toBeLessThan(500);
  });
});

/** A WebSocket once open; a refused upgrade rejects with its status, Retry-After and body. */
const openSocket = (url: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () =>
        reject(
          Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode, retryAfter: res.headers['retry-after'], body }),
        ),
      );
    });
    socket.once('error', reject);
  });

describe('WebSockets opening at once', () => {
  it('takes on WS_MAX_OPENING at a time: more are told 503 to come back, and are let in as those are acknowledged', async () => {
    const gated = createApp({ db: t.db, databaseUrl: t.url, logLevel: 'error', limits: { wsMaxOpening: 2 } });
    const url = `${(await gated.listen(0, '127.0.0.1')).replace('http', 'ws')}/graphql`;
    try {
      // Upgraded, neither has sent connection_init yet: both are still being taken on.
      const first = await openSocket(url);
      const second = await openSocket(url);
      const refused = (await openSocket(url).catch((error: unknown) => error)) as { status?: number; retryAfter?: string; body?: string };
      expect(refused).toMatchObject({ status: 503, retryAfter: '1' });
      expect(refused.body).toMatch(/taking on 2 connections at once \(WS_MAX_OPENING\); connect again in a moment/);
      // Once acknowledged, the first no longer counts: the next one is let in, and the first works.
      const acknowledged = new Promise<boolean>((resolve) =>
        first.on('message', (data) => (JSON.parse(String(data)) as { type: string }).type === 'connection_ack' && resolve(true)),
      );
      first.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${world.client.token}` } }));
      expect(await acknowledged).toBe(true);
      const third = await openSocket(url);
      expect(third.readyState).toBe(WebSocket.OPEN);
      expect(first.readyState).toBe(WebSocket.OPEN);
      // One that goes away before its connection_init frees its place too.
      second.terminate();
      let fourth: WebSocket | undefined;
      for (const end = Date.now() + 5000; !fourth && Date.now() < end;) fourth = await openSocket(url).catch(() => undefined);
      expect(fourth).toBeDefined();
      for (const socket of [first, third, fourth!]) socket.terminate();
    } finally {
      await gated.stop();
    }
  });
});

describe('WebSocket connections per address', () => {
  it('refuses the connection past the cap with 429, and accepts again once one closes', async () => {
    const url = `${base.replace('http', 'ws')}/graphql`;
    const open = () => openSocket(url);
    const sockets = [await open(), await open(), await open()];
    await expect(open()).rejects.toMatchObject({ status: 429, retryAfter: '10' });
    const closed = new Promise((resolve) => sockets[0]!.once('close', resolve));
    sockets[0]!.close();
    await closed;
    // The server counts the socket out when it sees the close too: the next connection is let in then.
    let again: Awaited<ReturnType<typeof open>> | undefined;
    for (const end = Date.now() + 5000; !again && Date.now() < end;) again = await open().catch(() => undefined);
    expect(again).toBeDefined();
    for (const socket of [...sockets.slice(1), again!]) socket.terminate();
  });
});
