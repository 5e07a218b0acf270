import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { sql } from 'kysely';
import { createApp, type App } from '../src/app.js';
import { readableRows, roleOn } from '../src/auth/permissions.js';
import { viewerForToken } from '../src/auth/tokens.js';
import { createContext } from '../src/context.js';
import { useTestDatabase, type TestDatabase } from './helpers/db.js';
import * as ops from './gql/graphql.js';
import { as, client, having, ok } from './helpers/graphql.js';
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

/** Typed operations as the holder of `token` (or no one). */
const as_ = (token?: string) => client(app, token);

describe("a stranger's event", () => {
  it('reads through node and nodes exactly like ids that never existed', async () => {
    for (const [type, id] of [
      ['Event', world.event.id],
      ['Session', world.sessionIds[0]!],
      ['Cue', world.cueIds[0]!],
      ['Room', world.roomIds[0]!],
    ] as const) {
      const theirs = await as_(stranger.token)(ops.NodeProbeDocument, { id: gid(type, id) });
      const missing = await as_(stranger.token)(ops.NodeProbeDocument, { id: gid(type, randomUUID()) });
      expect(theirs).toEqual(missing);
      expect(theirs.data).toEqual({ node: null });
      const mine = ok(await as_(world.client.token)(ops.NodeProbeDocument, { id: gid(type, id) }));
      expect(mine.node).toEqual({ id: gid(type, id), __typename: type });
    }
    const many = await as_(stranger.token)(ops.NodesProbeDocument, {
      ids: [gid('Session', world.sessionIds[0]!), gid('Cue', world.cueIds[1]!)],
    });
    expect(many.data).toEqual({ nodes: [null, null] });
  });

  it('is not listed, and a change to it is refused exactly like a change to nothing', async () => {
    const events = await as_(stranger.token)(ops.EventsCountDocument, { first: 10 });
    expect(events.data).toEqual({ events: { totalCount: 0 } });
    const update = (id: string) =>
      as_(stranger.token)(ops.UpdateSessionDocument, { input: { id: gid('Session', id), expectedVersion: 1, title: 'Hijacked' } });
    const ghost = randomUUID();
    const theirs = as(ok(await update(world.sessionIds[0]!)).updateSession, 'NotFoundError');
    const missing = as(ok(await update(ghost)).updateSession, 'NotFoundError');
    expect(theirs.message.replace(world.sessionIds[0]!, 'X')).toBe(missing.message.replace(ghost, 'X'));
    const session = await t.db.selectFrom('session').select('title').where('id', '=', world.sessionIds[0]!).executeTakeFirstOrThrow();
    expect(session.title).not.toBe('Hijacked');
  });
});

// Pages ask it in their own statement: tests/page-columns.test.ts.
describe("rows read together by hand are checked once (an event's rooms)", () => {
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

describe("an organization's role on an event", () => {
  const roleStatements = () => t.queries.filter((q) => q.includes('from "event_member"') && q.includes('"role"')).length;
  const contextOf = async (token: string) => createContext({ db: t.db, viewer: await viewerForToken(t.db, token), hub: app.hub });

  it('is one statement for the operations asking at once, and is kept by none once answered', async () => {
    // Twenty screens of one organization subscribing together, each its own operation.
    const contexts = await Promise.all(Array.from({ length: 20 }, () => contextOf(world.production.token)));
    t.queries.length = 0;
    const roles = await Promise.all(contexts.map((ctx) => roleOn(ctx, world.event.id)));
    expect(roles).toEqual(Array(20).fill('PRODUCTION'));
    expect(roleStatements()).toBe(1);
    expect(app.hub.roles.running).toBe(0);

    // Removed by hand (no notification, no mutation of this process): the next operation reads it.
    const member = await t.db
      .deleteFrom('event_member')
      .where('event_id', '=', world.event.id)
      .where('organization_id', '=', world.production.organizationId)
      .returningAll()
      .executeTakeFirstOrThrow();
    try {
      expect(await roleOn(await contextOf(world.production.token), world.event.id)).toBeNull();
    } finally {
      await t.db
        .insertInto('event_member')
        .values({ event_id: member.event_id, organization_id: member.organization_id, role: member.role })
        .execute();
    }
    expect(await roleOn(await contextOf(world.production.token), world.event.id)).toBe('PRODUCTION');
  });

  it('is not shared across an access change heard here, nor by a subscription message reading its snapshot', async () => {
    const ask = () => app.hub.roles.roles(world.client.organizationId, [world.event.id]);
    t.queries.length = 0;
    const first = ask();
    expect(app.hub.roles.running).toBe(1);
    const joined = ask();
    app.hub.accessChanged();
    const second = ask();
    expect(await Promise.all([first, joined, second])).toEqual([['CLIENT'], ['CLIENT'], ['CLIENT']]);
    expect(roleStatements()).toBe(2);

    const viewer = await viewerForToken(t.db, world.client.token);
    t.queries.length = 0;
    await t.db.transaction().execute(async (tx) => {
      const inSnapshot = createContext({ db: tx, viewer, hub: app.hub });
      const outside = await contextOf(world.client.token);
      expect(await Promise.all([roleOn(inSnapshot, world.event.id), roleOn(outside, world.event.id)])).toEqual(['CLIENT', 'CLIENT']);
    });
    expect(roleStatements()).toBe(2);
  });

  it('changes through a mutation of this process count as an access change at once', async () => {
    const member = await t.db
      .selectFrom('event_member')
      .select(['id', 'version'])
      .where('event_id', '=', world.event.id)
      .where('organization_id', '=', world.client.organizationId)
      .executeTakeFirstOrThrow();
    const generation = app.hub.accessGeneration;
    const changed = ok(
      await as_(world.management.token)(ops.UpdateEventMemberDocument, {
        input: { id: gid('EventMember', member.id), expectedVersion: member.version, role: 'CLIENT' },
      }),
    );
    expect(changed.updateEventMember.__typename).toBe('UpdateEventMemberPayload');
    expect(app.hub.accessGeneration).toBeGreaterThan(generation);
  });
});

describe('field ownership', () => {
  const update = (token: string, input: ops.UpdateSessionInput) => as_(token)(ops.UpdateSessionDocument, { input }).then(ok);
  const version = async () =>
    (await t.db.selectFrom('session').select('version').where('id', '=', world.sessionIds[1]!).executeTakeFirstOrThrow()).version;
  const id = () => gid('Session', world.sessionIds[1]!);

  it("lets production set a session's presentation format, but not its title or time", async () => {
    const format = await update(world.production.token, { id: id(), expectedVersion: await version(), presentationFormat: 'LIVE_DEMO' });
    expect(format.updateSession).toMatchObject({ __typename: 'UpdateSessionPayload', session: { presentationFormat: 'LIVE_DEMO' } });
    const title = await update(world.production.token, { id: id(), expectedVersion: await version(), title: 'Renamed by production' });
    expect(as(title.updateSession, 'ForbiddenError').message).toBe(
      'Your organization is PRODUCTION on this event and may not plan this event (management).',
    );
    const both = await update(world.production.token, {
      id: id(),
      expectedVersion: await version(),
      presentationFormat: 'SLIDES',
      startsAt: '2027-03-01T12:00:00Z',
    });
    expect(both.updateSession.__typename).toBe('ForbiddenError');
  });

  it('lets management plan a session, but not set its format or touch the run-of-show', async () => {
    const title = await update(world.management.token, { id: id(), expectedVersion: await version(), title: 'Renamed by management' });
    expect(as(title.updateSession, 'UpdateSessionPayload').session.title).toBe('Renamed by management');
    const format = await update(world.management.token, { id: id(), expectedVersion: await version(), presentationFormat: 'VIDEO' });
    expect(format.updateSession.__typename).toBe('ForbiddenError');
    const cue = await as_(world.management.token)(ops.UpdateCueDocument, {
      input: { id: gid('Cue', world.cueIds[0]!), expectedVersion: 1, title: 'Management was here' },
    });
    expect(ok(cue).updateCue.__typename).toBe('ForbiddenError');
  });

  it('lets the client read everything and change nothing', async () => {
    const read = ok(await as_(world.client.token)(ops.SessionCueCountDocument, { id: id() }));
    expect(having(read.node, 'cues').cues.totalCount).toBe(3);
    const venue = await as_(world.client.token)(ops.UpdateVenueDocument, {
      input: { id: gid('Venue', world.venue.id), expectedVersion: 1, name: 'Client Hall' },
    });
    expect(ok(venue).updateVenue.__typename).toBe('ForbiddenError');
  });

  it("keeps operators' notes for production and management: the client reads the cue without them", async () => {
    const cueId = gid('Cue', world.cueIds[1]!);
    await as_(world.production.token)(ops.UpdateCueDocument, { input: { id: cueId, expectedVersion: 1, notes: 'Wait for the laugh' } });
    const notesAs = async (token: string) => having(ok(await as_(token)(ops.CueNotesDocument, { id: cueId })).node, 'notes').notes;
    expect(await notesAs(world.production.token)).toBe('Wait for the laugh');
    expect(await notesAs(world.management.token)).toBe('Wait for the laugh');
    expect(await notesAs(world.client.token)).toBeNull();
  });

  it('records who made each change in the history', async () => {
    await as_(world.production.token)(ops.UpdateCueDocument, {
      input: { id: gid('Cue', world.cueIds[2]!), expectedVersion: 1, notes: 'Go on the downbeat' },
    });
    const history = ok(await as_(world.client.token)(ops.EventWhoDidWhatDocument, { id: gid('Event', world.event.id) }));
    const event = having(history.node, 'changes');
    const last = event.changes.nodes.at(-1);
    expect(event.changes.totalCount).toBe(event.revision);
    // The client reads who changed what, but not the operator's notes themselves.
    expect(last).toMatchObject({
      revision: event.revision,
      kind: 'Cue.updated',
      entityId: gid('Cue', world.cueIds[2]!),
      before: { version: 1 },
      after: { version: 2 },
      actorUser: { name: 'production user' },
      actorOrganization: { kind: 'PRODUCTION_AGENCY' },
    });
    expect(last!.after).not.toHaveProperty('notes');
    const asProduction = ok(await as_(world.production.token)(ops.EventWhoDidWhatDocument, { id: gid('Event', world.event.id) }));
    expect(having(asProduction.node, 'changes').changes.nodes.at(-1)).toMatchObject({
      before: { notes: null, version: 1 },
      after: { notes: 'Go on the downbeat', version: 2 },
    });
    expect(event.changes.nodes.map((c) => c.revision)).toEqual(Array.from({ length: event.revision }, (_, i) => i + 1));
  });
});

describe('token lifecycle', () => {
  const create = async (token: string, name: string) =>
    as(ok(await as_(token)(ops.IssueTokenDocument, { input: { name } })).createApiToken, 'CreateApiTokenPayload');
  const revoke = async (token: string, id: string) => ok(await as_(token)(ops.RevokeTokenDocument, { input: { id } })).revokeApiToken;

  it('creates a token shown once, uses it, lists it, revokes it, and refuses it afterwards (HTTP)', async () => {
    const created = await create(world.management.token, 'budget script');
    expect(created.token).toMatch(/^sc_[A-Za-z0-9_-]{43}$/);
    expect(created.apiToken).toMatchObject({ name: 'budget script', lastUsedAt: null, revokedAt: null });
    const stored = await t.db.selectFrom('api_token').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(3));

    const used = ok(await as_(created.token)(ops.WhoAmIDocument));
    expect(used.viewer?.user.name).toBe('management user');
    const listed = ok(await as_(created.token)(ops.MyTokensDocument)).viewer!.apiTokens.nodes;
    expect(listed.map((k) => k.name)).toEqual(['test', 'budget script']);
    expect(listed[1]!.lastUsedAt).not.toBeNull();

    const othersToken = (await create(world.production.token, 'not yours')).apiToken.id;
    expect((await revoke(created.token, othersToken)).__typename).toBe('NotFoundError');

    const revoked = as(await revoke(world.management.token, created.apiToken.id), 'RevokeApiTokenPayload');
    expect(revoked.apiToken.revokedAt).not.toBeNull();
    const refused = await as_(created.token)(ops.WhoAmIDocument);
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.message).toMatch(/unknown or revoked/);
    const anonymous = await as_()(ops.EventsCountDocument, { first: 1 });
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
      const created = await create(world.client.token, 'green room screen');
      const screen = connect(created.token);
      expect(await screen.query<{ viewer: { user: { name: string } } }>('{ viewer { user { name } } }')).toEqual({
        viewer: { user: { name: 'client user' } },
      });
      await revoke(world.client.token, created.apiToken.id);
      const started = Date.now();
      expect(await until(() => screen.closed.length > 0)).toBe(true);
      expect(screen.closed).toEqual([4403]);
      expect(Date.now() - started).toBeLessThan(3000);
      await screen.client.dispose();
    });
  });
});

describe('tokens kept between requests', () => {
  // An app that hears the database's notifications: only then does it keep a token's viewer.
  let kept: App;
  beforeAll(async () => {
    kept = createApp({ db: t.db, databaseUrl: t.url, tokenRecheckMs: 60_000 });
    await kept.listen(0, '127.0.0.1');
    await until(() => kept.hub.notified);
  });
  afterAll(() => kept.stop());
  const call = (token: string) => client(kept, token)(ops.WhoAmIDocument);
  const lookups = (from: number) => t.queries.slice(from).filter((q) => q.includes('"api_token"."token_hash"')).length;
  const issue = async (name: string) =>
    as(ok(await client(kept, world.management.token)(ops.IssueTokenDocument, { input: { name } })).createApiToken, 'CreateApiTokenPayload');

  it('looks a token up once, not on every request', async () => {
    const { token } = await issue('dashboard');
    const from = t.queries.length;
    for (let i = 0; i < 5; i++) expect(ok(await call(token)).viewer?.user.name).toBe('management user');
    expect(lookups(from)).toBe(1);
  });

  it('looks a token up once when a wall of screens brings it at the same moment', async () => {
    const { token } = await issue('wall of screens');
    const from = t.queries.length;
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(token)));
    for (const answer of answers) expect(ok(answer).viewer?.user.name).toBe('management user');
    expect(lookups(from)).toBe(1);
  });

  it('refuses a token revoked in this process at once, and one revoked by anyone else as soon as the database says so', async () => {
    const mine = await issue('revoked here');
    ok(await call(mine.token));
    ok(await client(kept, world.management.token)(ops.RevokeTokenDocument, { input: { id: mine.apiToken.id } }));
    expect((await call(mine.token)).status).toBe(401);

    // The token CLI, or an operator in psql: another connection writes it.
    const theirs = await issue('revoked elsewhere');
    ok(await call(theirs.token));
    const notified = kept.hub.accessGeneration;
    await t.db.updateTable('api_token').set({ revoked_at: new Date() }).where('name', '=', 'revoked elsewhere').execute();
    expect(await until(() => kept.hub.accessGeneration > notified)).toBe(true);
    expect((await call(theirs.token)).status).toBe(401);
  });

  it("takes back an administrator's rights as soon as the flag is cleared", async () => {
    const admin = await persona(t.db, 'MANAGEMENT_AGENCY', 'kept-admin');
    await t.db.updateTable('app_user').set({ is_organization_admin: true }).where('id', '=', admin.userId).execute();
    const orgId = gid('Organization', admin.organizationId);
    const addUser = async (email: string) =>
      ok(await client(kept, admin.token)(ops.CreateUserDocument, { input: { organizationId: orgId, name: 'Ana', email } })).createUser
        .__typename;
    expect(await addUser('ana.kept@example.com')).toBe('CreateUserPayload');
    const notified = kept.hub.accessGeneration;
    await t.db.updateTable('app_user').set({ is_organization_admin: false }).where('id', '=', admin.userId).execute();
    expect(await until(() => kept.hub.accessGeneration > notified)).toBe(true);
    expect(await addUser('bo.kept@example.com')).toBe('ForbiddenError');
  });

  it('keeps nothing while it cannot hear the database: a revocation made then is refused too', async () => {
    const { token, apiToken } = await issue('revoked while deaf');
    ok(await call(token));
    // Cut the process's LISTEN connection, and revoke before it is back.
    await t.db.executeQuery(
      sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`.compile(t.db),
    );
    await t.db.updateTable('api_token').set({ revoked_at: new Date() }).where('name', '=', apiToken.name).execute();
    expect((await call(token)).status).toBe(401);
    // It comes back by itself, and keeps tokens again.
    expect(await until(() => kept.hub.notified)).toBe(true);
    const again = await issue('after the outage');
    const from = t.queries.length;
    for (let i = 0; i < 3; i++) ok(await call(again.token));
    expect(lookups(from)).toBe(1);
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
    const org = ok(await as_(adminToken)(ops.CreateOrganizationDocument, { input: { name: 'Harbor AV', kind: 'PRODUCTION_AGENCY' } }));
    expect(as(org.createOrganization, 'CreateOrganizationPayload').organization).toEqual({ name: 'Harbor AV', kind: 'PRODUCTION_AGENCY' });

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
