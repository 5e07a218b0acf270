import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApp, type App } from '../src/app.js';
import { readableRows } from '../src/auth/permissions.js';
import { viewerForToken } from '../src/auth/tokens.js';
import { createContext } from '../src/context.js';
import { useTestDatabase, type TestDatabase } from './helpers/db.js';
import { send } from './helpers/graphql.js';
import { gid, makeWorld, persona, type Persona } from './helpers/world.js';
import { until } from './helpers/wait.js';

let t: TestDatabase;
let app: App;
let world: Awaited<ReturnType<typeof makeWorld>>;
let stranger: Persona;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db, tokenRecheckMs: 100 });
  world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 2, cuesPerSession: 3 });
  stranger = await persona(t.db, 'PRODUCTION_AGENCY', 'stranger');
});

// These tests read many shapes of untyped responses; the typed documents live in the other suites.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

async function gql(token: string | undefined, query: string, variables: Record<string, unknown> = {}) {
  return (await send<Loose>(app, token, query, variables)) as {
    status: number;
    data?: Loose;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

describe("a stranger's event", () => {
  const nodeQuery = 'query($id: ID!) { node(id: $id) { id __typename } }';

  it('reads through node and nodes exactly like ids that never existed', async () => {
    for (const [type, id] of [
      ['Event', world.event.id],
      ['Session', world.sessionIds[0]!],
      ['Cue', world.cueIds[0]!],
      ['Room', world.roomIds[0]!],
    ] as const) {
      const theirs = await gql(stranger.token, nodeQuery, { id: gid(type, id) });
      const missing = await gql(stranger.token, nodeQuery, { id: gid(type, randomUUID()) });
      expect(theirs).toEqual(missing);
      expect(theirs.data).toEqual({ node: null });
      const mine = await gql(world.client.token, nodeQuery, { id: gid(type, id) });
      expect(mine.data.node).toEqual({ id: gid(type, id), __typename: type });
    }
    const many = await gql(stranger.token, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: [gid('Session', world.sessionIds[0]!), gid('Cue', world.cueIds[1]!)],
    });
    expect(many.data).toEqual({ nodes: [null, null] });
  });

  it('is not listed, and a change to it is refused exactly like a change to nothing', async () => {
    const events = await gql(stranger.token, '{ events(first: 10) { totalCount } }');
    expect(events.data).toEqual({ events: { totalCount: 0 } });
    const update = `mutation($input: UpdateSessionInput!) { updateSession(input: $input) { __typename ... on Error { message } ... on NotFoundError { id } } }`;
    const theirs = await gql(stranger.token, update, {
      input: { id: gid('Session', world.sessionIds[0]!), expectedVersion: 1, title: 'Hijacked' },
    });
    const ghost = randomUUID();
    const missing = await gql(stranger.token, update, { input: { id: gid('Session', ghost), expectedVersion: 1, title: 'Hijacked' } });
    expect(theirs.data.updateSession.__typename).toBe('NotFoundError');
    expect(theirs.data.updateSession.message.replace(world.sessionIds[0]!, 'X')).toBe(
      missing.data.updateSession.message.replace(ghost, 'X'),
    );
    const session = await t.db.selectFrom('session').select('title').where('id', '=', world.sessionIds[0]!).executeTakeFirstOrThrow();
    expect(session.title).not.toBe('Hijacked');
  });
});

describe('lists check their rows once per page', () => {
  it("drop another event's rows handed to a stranger, and keep them for a member", async () => {
    const rows = await t.db.selectFrom('cue').selectAll().where('event_id', '=', world.event.id).execute();
    const as = async (token: string) => createContext({ db: t.db, viewer: await viewerForToken(t.db, token), hub: app.hub });
    expect(await readableRows(await as(stranger.token), rows)).toEqual([]);
    expect(await readableRows(await as(world.client.token), rows)).toHaveLength(rows.length);
  });

  it('answer from the loaded role without another query once it is known', async () => {
    const rows = await t.db.selectFrom('cue').selectAll().where('event_id', '=', world.event.id).execute();
    const ctx = createContext({ db: t.db, viewer: await viewerForToken(t.db, world.production.token), hub: app.hub });
    expect(await readableRows(ctx, rows)).toHaveLength(rows.length);
    expect(readableRows(ctx, rows)).toBe(rows); // synchronous: no promise, no statement
  });
});

describe('field ownership', () => {
  const update = `mutation($input: UpdateSessionInput!) {
    updateSession(input: $input) { __typename ... on Error { message } ... on UpdateSessionPayload { session { title presentationFormat version } } }
  }`;
  const version = async () =>
    (await t.db.selectFrom('session').select('version').where('id', '=', world.sessionIds[1]!).executeTakeFirstOrThrow()).version;
  const id = () => gid('Session', world.sessionIds[1]!);

  it("lets production set a session's presentation format, but not its title or time", async () => {
    const format = await gql(world.production.token, update, {
      input: { id: id(), expectedVersion: await version(), presentationFormat: 'LIVE_DEMO' },
    });
    expect(format.data.updateSession).toMatchObject({ __typename: 'UpdateSessionPayload', session: { presentationFormat: 'LIVE_DEMO' } });
    const title = await gql(world.production.token, update, {
      input: { id: id(), expectedVersion: await version(), title: 'Renamed by production' },
    });
    expect(title.data.updateSession).toEqual({
      __typename: 'ForbiddenError',
      message: 'Your organization is PRODUCTION on this event and may not plan this event (management).',
    });
    const both = await gql(world.production.token, update, {
      input: { id: id(), expectedVersion: await version(), presentationFormat: 'SLIDES', startsAt: '2027-03-01T12:00:00Z' },
    });
    expect(both.data.updateSession.__typename).toBe('ForbiddenError');
  });

  it('lets management plan a session, but not set its format or touch the run-of-show', async () => {
    const title = await gql(world.management.token, update, {
      input: { id: id(), expectedVersion: await version(), title: 'Renamed by management' },
    });
    expect(title.data.updateSession.session.title).toBe('Renamed by management');
    const format = await gql(world.management.token, update, {
      input: { id: id(), expectedVersion: await version(), presentationFormat: 'VIDEO' },
    });
    expect(format.data.updateSession.__typename).toBe('ForbiddenError');
    const cue = await gql(world.management.token, 'mutation($input: UpdateCueInput!) { updateCue(input: $input) { __typename } }', {
      input: { id: gid('Cue', world.cueIds[0]!), expectedVersion: 1, title: 'Management was here' },
    });
    expect(cue.data.updateCue.__typename).toBe('ForbiddenError');
  });

  it('lets the client read everything and change nothing', async () => {
    const read = await gql(
      world.client.token,
      'query($id: ID!) { node(id: $id) { ... on Session { title cues(first: 10) { totalCount } } } }',
      { id: id() },
    );
    expect(read.data.node.cues.totalCount).toBe(3);
    const venue = await gql(world.client.token, 'mutation($input: UpdateVenueInput!) { updateVenue(input: $input) { __typename } }', {
      input: { id: gid('Venue', world.venue.id), expectedVersion: 1, name: 'Client Hall' },
    });
    expect(venue.data.updateVenue.__typename).toBe('ForbiddenError');
  });

  it('records who made each change in the history', async () => {
    await gql(world.production.token, 'mutation($input: UpdateCueInput!) { updateCue(input: $input) { __typename } }', {
      input: { id: gid('Cue', world.cueIds[2]!), expectedVersion: 1, notes: 'Go on the downbeat' },
    });
    const history = await gql(
      world.client.token,
      'query($id: ID!) { node(id: $id) { ... on Event { revision changes(first: 100) { totalCount nodes { revision kind entityId before after actorUser { name } actorOrganization { name kind } } } } } }',
      {
        id: gid('Event', world.event.id),
      },
    );
    const event = history.data.node;
    const last = event.changes.nodes.at(-1);
    expect(event.changes.totalCount).toBe(event.revision);
    expect(last).toMatchObject({
      revision: event.revision,
      kind: 'Cue.updated',
      entityId: gid('Cue', world.cueIds[2]!),
      before: { notes: null, version: 1 },
      after: { notes: 'Go on the downbeat', version: 2 },
      actorUser: { name: 'production user' },
      actorOrganization: { kind: 'PRODUCTION_AGENCY' },
    });
    expect(event.changes.nodes.map((c: { revision: number }) => c.revision)).toEqual(
      Array.from({ length: event.revision }, (_, i) => i + 1),
    );
  });
});

describe('token lifecycle', () => {
  const create =
    'mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { __typename ... on CreateApiTokenPayload { token apiToken { id name createdAt lastUsedAt revokedAt } } } }';
  const list = '{ viewer { apiTokens(first: 100) { nodes { id name lastUsedAt revokedAt } } } }';
  const revoke =
    'mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { __typename ... on Error { message } ... on RevokeApiTokenPayload { apiToken { id revokedAt } } } }';

  it('creates a token shown once, uses it, lists it, revokes it, and refuses it afterwards (HTTP)', async () => {
    const created = (await gql(world.management.token, create, { input: { name: 'budget script' } })).data.createApiToken;
    expect(created.token).toMatch(/^sc_[A-Za-z0-9_-]{43}$/);
    expect(created.apiToken).toMatchObject({ name: 'budget script', lastUsedAt: null, revokedAt: null });
    const stored = await t.db.selectFrom('api_token').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(3));

    const used = await gql(created.token, '{ viewer { user { name } } }');
    expect(used.data.viewer.user.name).toBe('management user');
    const listed = (await gql(created.token, list)).data.viewer.apiTokens.nodes;
    expect(listed.map((k: { name: string }) => k.name)).toEqual(['test', 'budget script']);
    expect(listed[1].lastUsedAt).not.toBeNull();

    const othersToken = (await gql(world.production.token, create, { input: { name: 'not yours' } })).data.createApiToken.apiToken.id;
    const notYours = await gql(created.token, revoke, { input: { id: othersToken } });
    expect(notYours.data.revokeApiToken.__typename).toBe('NotFoundError');

    const revoked = await gql(world.management.token, revoke, { input: { id: created.apiToken.id } });
    expect(revoked.data.revokeApiToken.apiToken.revokedAt).not.toBeNull();
    const refused = await gql(created.token, '{ viewer { user { name } } }');
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.message).toMatch(/unknown or revoked/);
    const anonymous = await gql(undefined, '{ events(first: 1) { totalCount } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  describe('over WebSocket', () => {
    let url: string;
    beforeAll(async () => {
      url = (await app.listen(0, '127.0.0.1')).replace('http', 'ws') + '/graphql';
    });
    afterAll(() => app.stop());

    function connect(token: string) {
      const closed: number[] = [];
      const client = createClient({
        url,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: () => undefined, // the closes are recorded below
        connectionParams: { Authorization: `Bearer ${token}` },
        on: { closed: (event) => closed.push((event as { code: number }).code) },
      });
      const query = <T>(q: string) =>
        new Promise<T>((resolve, reject) => {
          let value: T;
          client.subscribe<T>({ query: q }, { next: (v) => (value = v.data as T), error: reject, complete: () => resolve(value) });
        });
      return { client, closed, query };
    }

    it('closes a socket with 4403 when the token is unknown or revoked at connection', async () => {
      const { closed, client } = connect('sc_made-up');
      expect(await until(() => closed.length > 0)).toBe(true);
      expect(closed).toEqual([4403]);
      await client.dispose();
    });

    it('ends an open socket with 4403 within seconds of its token being revoked', async () => {
      const created = (await gql(world.client.token, create, { input: { name: 'green room screen' } })).data.createApiToken;
      const screen = connect(created.token);
      expect(await screen.query<{ viewer: { user: { name: string } } }>('{ viewer { user { name } } }')).toEqual({
        viewer: { user: { name: 'client user' } },
      });
      await gql(world.client.token, revoke, { input: { id: created.apiToken.id } });
      const started = Date.now();
      expect(await until(() => screen.closed.length > 0)).toBe(true);
      expect(screen.closed).toEqual([4403]);
      expect(Date.now() - started).toBeLessThan(3000);
      await screen.client.dispose();
    });
  });
});

describe('npm run token (admin CLI)', () => {
  it('bootstraps a platform administrator who can then create organizations, and creates, lists and revokes tokens', async () => {
    const env = { DATABASE_URL: t.url };
    const exec = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/token.ts', ...args], { env: { ...process.env, ...env } });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (out += c.toString()));
        child.on('exit', (code) => resolve({ code, out }));
      });

    const bootstrap = await exec([
      'bootstrap',
      '--email',
      'Ops@Example.com',
      '--user',
      'Olga Ops',
      '--organization',
      'Showcall Ops',
      '--kind',
      'MANAGEMENT_AGENCY',
      '--admin',
    ]);
    expect(bootstrap.code, bootstrap.out).toBe(0);
    const adminToken = /\n(sc_\S+)/.exec(bootstrap.out)![1]!;
    const org = await gql(
      adminToken,
      'mutation { createOrganization(input: { name: "Harbor AV", kind: PRODUCTION_AGENCY }) { __typename ... on CreateOrganizationPayload { organization { name kind } } } }',
    );
    expect(org.data.createOrganization.organization).toEqual({ name: 'Harbor AV', kind: 'PRODUCTION_AGENCY' });

    const created = await exec(['create', '--email', 'ops@example.com', '--name', 'deploy']);
    expect(created.code, created.out).toBe(0);
    const listed = await exec(['list', '--email', 'ops@example.com']);
    expect(listed.out).toMatch(/bootstrap .*active/);
    expect(listed.out).toMatch(/deploy .*active/);
    const id = /^(\S+)\s+deploy/m.exec(listed.out)![1]!;
    const revoked = await exec(['revoke', '--id', id]);
    expect(revoked.out).toMatch(/Revoked token/);
    expect((await exec(['list', '--email', 'ops@example.com'])).out).toMatch(/deploy .*REVOKED/);

    const wrong = await exec(['create', '--email', 'nobody@example.com']);
    expect(wrong.code).toBe(2);
    expect(wrong.out).toMatch(/No user has the email nobody@example.com/);
  }, 120_000);
});
