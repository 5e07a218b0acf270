import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiToken } from '../../src/auth/tokens.js';
import { useTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startServer, type Running } from '../helpers/process.js';
import { gid, makeWorld } from '../helpers/world.js';
import { until } from '../helpers/wait.js';

/**
 * Through the real server process: who may change memberships, commands that change nothing,
 * variables nested too deep, and what one client may make the server keep (#12, defects 6–9).
 */
let t: TestDatabase;
let api: Running & { exited: Promise<number | null> };
let world: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  t = await useTestDatabase();
  world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 2, cuesPerSession: 3 });
  api = await startServer({
    DATABASE_URL: t.url,
    DATA_DIR: path.resolve('.data'),
    LOG_LEVEL: 'warn',
    WS_MAX_SUBSCRIPTIONS_PER_TOKEN: '5',
  });
});
afterAll(async () => {
  api?.child.kill('SIGTERM');
  await api?.exited;
});

type Body = {
  data?: Record<string, { __typename: string; message?: string; revision?: number | null } & Record<string, unknown>> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

async function post(token: string, query: string, variables?: unknown): Promise<Body & { status: number }> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Body) };
}

async function revision(): Promise<number> {
  return (await t.db.selectFrom('event').select('revision').where('id', '=', world.event.id).executeTakeFirstOrThrow()).revision;
}

async function membership(organizationId: string) {
  return t.db
    .selectFrom('event_member')
    .select(['id', 'role', 'version'])
    .where('event_id', '=', world.event.id)
    .where('organization_id', '=', organizationId)
    .executeTakeFirstOrThrow();
}

const UPDATE_MEMBER =
  'mutation($input: UpdateEventMemberInput!) { updateEventMember(input: $input) { __typename ... on Error { message } } }';
const CREATE_MEMBER =
  'mutation($input: CreateEventMemberInput!) { createEventMember(input: $input) { __typename ... on Error { message } } }';
const DELETE_MEMBER =
  'mutation($input: DeleteEventMemberInput!) { deleteEventMember(input: $input) { __typename ... on Error { message } } }';

describe('who may change memberships', () => {
  it('management cannot give itself production rights, nor remove itself; the client cannot raise itself', async () => {
    const before = await revision();
    const own = await membership(world.management.organizationId);
    const raised = await post(world.management.token, UPDATE_MEMBER, {
      input: { id: gid('EventMember', own.id), expectedVersion: own.version, role: 'PRODUCTION' },
    });
    expect(raised.data!.updateEventMember!.__typename).toBe('ForbiddenError');
    const removed = await post(world.management.token, DELETE_MEMBER, {
      input: { id: gid('EventMember', own.id), expectedVersion: own.version },
    });
    expect(removed.data!.deleteEventMember).toMatchObject({
      __typename: 'ForbiddenError',
      message: expect.stringMatching(/own membership/),
    });
    const clientOwn = await membership(world.client.organizationId);
    const clientRaised = await post(world.client.token, UPDATE_MEMBER, {
      input: { id: gid('EventMember', clientOwn.id), expectedVersion: clientOwn.version, role: 'PRODUCTION' },
    });
    expect(clientRaised.data!.updateEventMember!.__typename).toBe('ForbiddenError');
    // Still MANAGEMENT, so GO is still refused.
    expect((await membership(world.management.organizationId)).role).toBe('MANAGEMENT');
    const go = await post(world.management.token, 'mutation($id: ID!) { goCue(input: { cueId: $id }) { __typename } }', {
      id: gid('Cue', world.cueIds[0]!),
    });
    expect(go.data!.goCue!.__typename).toBe('ForbiddenError');
    expect(await revision()).toBe(before);
  });

  it('only the client appoints a production agency, and only a production agency can hold PRODUCTION', async () => {
    const agency = await t.db
      .insertInto('organization')
      .values({ name: 'Second Unit Productions', kind: 'PRODUCTION_AGENCY' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const sister = await t.db
      .insertInto('organization')
      .values({ name: 'Sister Planners', kind: 'MANAGEMENT_AGENCY' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = await revision();
    const add = (token: string, organizationId: string, role: string) =>
      post(token, CREATE_MEMBER, {
        input: { eventId: gid('Event', world.event.id), organizationId: gid('Organization', organizationId), role },
      });
    expect((await add(world.management.token, agency.id, 'PRODUCTION')).data!.createEventMember!.__typename).toBe('ForbiddenError');
    expect((await add(world.management.token, sister.id, 'PRODUCTION')).data!.createEventMember!.__typename).toBe('ForbiddenError');
    const wrongKind = await add(world.client.token, sister.id, 'PRODUCTION');
    expect(wrongKind.data!.createEventMember).toMatchObject({
      __typename: 'ValidationError',
      message: expect.stringMatching(/^role: PRODUCTION is for a PRODUCTION_AGENCY organization; Sister Planners is a MANAGEMENT_AGENCY/),
    });
    expect(await revision()).toBe(before);
    expect((await add(world.client.token, agency.id, 'PRODUCTION')).data!.createEventMember!.__typename).toBe('CreateEventMemberPayload');
    // Management plans the rest: a read-only member of any kind, a management agency as management.
    expect((await add(world.management.token, sister.id, 'MANAGEMENT')).data!.createEventMember!.__typename).toBe(
      'CreateEventMemberPayload',
    );
    expect(await revision()).toBe(before + 2);
  });
});

describe('commands that change nothing record nothing', () => {
  it('resetShow on a session already as planned, and moveCue to where the cue is', async () => {
    const session = gid('Session', world.sessionIds[1]!);
    const before = await revision();
    for (let i = 0; i < 3; i++) {
      const reset = await post(
        world.production.token,
        'mutation($id: ID!) { resetShow(input: { sessionId: $id }) { __typename ... on ResetShowPayload { revision } } }',
        { id: session },
      );
      expect(reset.data!.resetShow).toEqual({ __typename: 'ResetShowPayload', revision: null });
    }
    const cues = await t.db
      .selectFrom('cue')
      .select(['id', 'version', 'position'])
      .where('session_id', '=', world.sessionIds[1]!)
      .orderBy('position')
      .execute();
    const move = await post(
      world.production.token,
      'mutation($input: MoveCueInput!) { moveCue(input: $input) { __typename ... on MoveCuePayload { revision } } }',
      {
        input: { id: gid('Cue', cues[1]!.id), expectedVersion: cues[1]!.version, afterCueId: gid('Cue', cues[0]!.id) },
      },
    );
    expect(move.data!.moveCue).toEqual({ __typename: 'MoveCuePayload', revision: null });
    expect(await revision()).toBe(before);
    // After a GO there is something to reset: one change, then nothing again.
    await post(world.production.token, 'mutation($id: ID!) { goCue(input: { cueId: $id }) { __typename } }', {
      id: gid('Cue', cues[0]!.id),
    });
    const resets = [];
    for (let i = 0; i < 2; i++)
      resets.push(
        (
          await post(
            world.production.token,
            'mutation($id: ID!) { resetShow(input: { sessionId: $id }) { ... on ResetShowPayload { revision } } }',
            { id: session },
          )
        ).data!.resetShow!.revision,
      );
    expect(resets).toEqual([before + 2, null]);
  });
});

/** A raw graphql-transport-ws socket, acknowledged, that records what it gets. */
async function socket(token: string, payload: unknown = { Authorization: `Bearer ${token}` }) {
  const ws = new WebSocket(`${api.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
  const messages: { id?: string; type: string; payload?: unknown }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise((resolve) => ws.on('open', resolve));
  ws.send(JSON.stringify({ type: 'connection_init', payload }));
  await Promise.race([until(() => messages.some((m) => m.type === 'connection_ack')), closed]);
  return { ws, messages, closed };
}

const CHANGES = 'subscription($id: ID!) { eventChanges(eventId: $id) { revision } }';

/** JSON of an object nested `levels` deep, written out as text (JSON.stringify itself would overflow). */
const deep = (levels: number) => `${'{"v":'.repeat(levels)}"bottom"${'}'.repeat(levels)}`;

describe('variables nested too deep', () => {
  it('are refused naming LIMIT_VARIABLE_DEPTH over WebSocket and HTTP, and the socket stays open', async () => {
    const s = await socket(world.client.token);
    const variables = `{"id":${JSON.stringify(gid('Event', world.event.id))},"unused":${deep(10_000)}}`; // under the 64 KiB message cap
    s.ws.send(`{"id":"deep","type":"subscribe","payload":{"query":${JSON.stringify(CHANGES)},"variables":${variables}}}`);
    expect(await until(() => s.messages.some((m) => m.id === 'deep'))).toBe(true);
    const refused = s.messages.find((m) => m.id === 'deep')!;
    expect(refused.type).toBe('error');
    expect(refused.payload).toEqual([expect.objectContaining({ extensions: { code: 'LIMIT_EXCEEDED', limit: 'LIMIT_VARIABLE_DEPTH' } })]);
    // The same socket still serves.
    s.ws.send(JSON.stringify({ id: 'fine', type: 'subscribe', payload: { query: '{ serverTime }' } }));
    expect(await until(() => s.messages.some((m) => m.id === 'fine' && m.type === 'next'))).toBe(true);
    s.ws.close();

    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.client.token}` },
      body: `{"query":"{ serverTime }","variables":{"unused":${deep(30_000)}}}`,
    });
    const http = (await response.json()) as Body;
    expect(http.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'LIMIT_VARIABLE_DEPTH' });
    expect(api.output()).not.toMatch(/Maximum call stack/);
  });
});

describe('what one client may make the server keep', () => {
  it('refuses an operation id over WS_MAX_ID_CHARS by closing the socket 4400', async () => {
    const s = await socket(world.client.token);
    s.ws.send(
      JSON.stringify({
        id: 'x'.repeat(60_000),
        type: 'subscribe',
        payload: { query: CHANGES, variables: { id: gid('Event', world.event.id) } },
      }),
    );
    expect(await s.closed).toEqual({ code: 4400, reason: 'Operation id longer than 128 characters (WS_MAX_ID_CHARS)' });
  });

  it('refuses a connection_init payload over WS_MAX_INIT_PAYLOAD_BYTES, and a subscription over WS_MAX_SUBSCRIPTION_BYTES', async () => {
    const big = await socket(world.client.token, { Authorization: `Bearer ${world.client.token}`, padding: 'x'.repeat(10_000) });
    expect((await big.closed).code).toBe(4400);
    const s = await socket(world.client.token);
    s.ws.send(
      JSON.stringify({
        id: 'big',
        type: 'subscribe',
        payload: { query: CHANGES, variables: { id: gid('Event', world.event.id), padding: 'x'.repeat(20_000) } },
      }),
    );
    expect(await until(() => s.messages.some((m) => m.id === 'big'))).toBe(true);
    expect(s.messages.find((m) => m.id === 'big')!.payload).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'LIMIT_EXCEEDED', limit: 'WS_MAX_SUBSCRIPTION_BYTES' }) }),
    ]);
    s.ws.close();
  });

  it('caps the operations one token holds over all its sockets, without touching other tokens', async () => {
    const { token } = await createApiToken(t.db, world.client.userId, 'many screens');
    const sockets = await Promise.all([socket(token), socket(token), socket(token)]);
    const subscribe = (s: Awaited<ReturnType<typeof socket>>, id: string) =>
      s.ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query: CHANGES, variables: { id: gid('Event', world.event.id) } } }));
    sockets.forEach((s, i) => {
      subscribe(s, `a${i}`);
      subscribe(s, `b${i}`);
    });
    const errors = () => sockets.flatMap((s) => s.messages.filter((m) => m.type === 'error'));
    expect(await until(() => errors().length === 1)).toBe(true);
    expect(errors()[0]!.payload).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'LIMIT_EXCEEDED', limit: 'WS_MAX_SUBSCRIPTIONS_PER_TOKEN' }) }),
    ]);
    // Another token of the same user is not affected; a closed socket gives its share back.
    const other = await socket(world.client.token);
    subscribe(other, 'other');
    sockets[0]!.ws.close();
    await sockets[0]!.closed;
    // The server learns of the close a moment after the client does: try until the share is back.
    let accepted = false;
    for (let attempt = 0; attempt < 20 && !accepted; attempt++) {
      subscribe(sockets[1]!, `again${attempt}`);
      await until(() => sockets[1]!.messages.some((m) => m.id === `again${attempt}`), 200);
      accepted = !sockets[1]!.messages.some((m) => m.id === `again${attempt}` && m.type === 'error');
    }
    expect(accepted).toBe(true);
    expect(
      other.messages.filter((m) => m.type === 'error'),
      JSON.stringify(other.messages),
    ).toEqual([]);
    for (const s of [...sockets, other]) s.ws.close();
  });
});
