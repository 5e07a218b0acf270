import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { removeEventMember } from '../src/domain/event/event.js';
import * as ops from './gql/graphql.js';
import {
  allRows,
  as,
  client,
  gid,
  makeWorld,
  ok,
  send,
  servedWorld,
  subscribe,
  until,
  wsClient,
  type TestDatabase,
} from './helpers/index.js';

/**
 * The screens area: read-only links for control-room screens. Management and production make
 * them; a link opens only its screens, only in its event, room or session; it never writes; and a
 * revoked link ends its open screens within the token re-check.
 */

let t: TestDatabase;
let app: App;
let url: string;
let world: Awaited<ReturnType<typeof makeWorld>>;
let other: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  ({ t, app, url, world } = await servedWorld({ rooms: 2, sessionsPerRoom: 1, cuesPerSession: 1 }, { tokenRecheckMs: 200 }));
  other = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 1 });
});

const eventId = () => gid('Event', world.event.id);

const snapshot = () => allRows(t.db);

async function makeLink(input: Partial<ops.CreateScreenLinkInput>, token = world.production.token) {
  const result = ok(
    await client(app, token)(ops.CreateScreenLinkDocument, { input: { eventId: eventId(), label: 'TV', ...input } }),
  ).createScreenLink;
  const created = as(result, 'CreateScreenLinkPayload');
  return { ...created, token: /#token=(.+)$/.exec(created.url)![1]! };
}

/** What a subscription over a socket signed in with `token` gets first: its data, or the error that refused it. */
async function firstOf<R, V extends Record<string, unknown>>(token: string, document: Parameters<typeof subscribe<R, V>>[1], variables: V) {
  const stream = subscribe(wsClient(url, token), document, variables);
  await until(() => stream.received.length > 0 || stream.ended() || stream.errors.length > 0);
  stream.stop();
  return { data: stream.received[0], errors: JSON.stringify(stream.errors) };
}

describe('screen links', () => {
  it('are made by management and production, return their URL once with the secret in the fragment, and are listed to every member without it', async () => {
    const room = await makeLink({ roomId: gid('Room', world.roomIds[1]!), label: 'Room 2 stage TV' });
    expect(room.url).toMatch(new RegExp(`^/screens/timer\\?room=${encodeURIComponent(gid('Room', world.roomIds[1]!))}#token=scl_`));
    expect(room.screenLink).toMatchObject({
      screen: 'TIMER',
      label: 'Room 2 stage TV',
      room: { name: 'Room 2' },
      createdBy: { name: 'production user' },
    });
    expect(room.url).toBe(`${room.screenLink.path}#token=${room.token}`);
    const session = await makeLink({ sessionId: gid('Session', world.sessionIds[0]!) }, world.management.token);
    expect(session.screenLink.screen).toBe('CALLER');
    expect(session.url).toMatch(/^\/screens\/caller\?session=/);
    expect((await makeLink({})).screenLink.screen).toBe('OVERVIEW');

    // The client reads the list (it is the client's event) but the secret is nowhere: not in the list, not in the history.
    const listed = ok(await client(app, world.client.token)(ops.EventScreenLinksDocument, { eventId: eventId() })).node;
    const links = (listed as { screenLinks: { nodes: { id: string; path: string }[] } }).screenLinks.nodes;
    expect(links.map((l) => l.id)).toContain(room.screenLink.id);
    const history = JSON.stringify(
      ok(await client(app, world.management.token)(ops.ScreenLinkHistoryDocument, { eventId: eventId() })).node,
    );
    expect(history).toContain('ScreenLink.created');
    expect(history).not.toContain(room.token);
    expect(history).not.toMatch(/tokenHash|token_hash/);
    expect(JSON.stringify(links)).not.toContain('scl_');
  });

  it('refuses the client, and bad input, naming what was wrong and writing nothing', async () => {
    const before = await snapshot();
    const byClient = ok(
      await client(app, world.client.token)(ops.CreateScreenLinkDocument, { input: { eventId: eventId(), label: 'TV' } }),
    ).createScreenLink;
    expect(as(byClient, 'ForbiddenError').message).toMatch(/make or revoke screen links/);
    const elsewhere = ok(
      await client(app, world.production.token)(ops.CreateScreenLinkDocument, {
        input: { eventId: eventId(), roomId: gid('Room', other.roomIds[0]!), label: 'TV' },
      }),
    ).createScreenLink;
    expect(as(elsewhere, 'ValidationError')).toMatchObject({ field: 'roomId', message: expect.stringMatching(/not a room of this event/) });
    const both = ok(
      await client(app, world.production.token)(ops.CreateScreenLinkDocument, {
        input: { eventId: eventId(), roomId: gid('Room', world.roomIds[0]!), sessionId: gid('Session', world.sessionIds[0]!), label: 'TV' },
      }),
    ).createScreenLink;
    expect(as(both, 'ValidationError').field).toBe('sessionId');
    const blank = ok(
      await client(app, world.production.token)(ops.CreateScreenLinkDocument, { input: { eventId: eventId(), label: '' } }),
    ).createScreenLink;
    expect(as(blank, 'ValidationError').field).toBe('label');
    expect(await snapshot()).toEqual(before);
  });

  it('opens only screens: no query, no mutation, no history, no viewer', async () => {
    const { token } = await makeLink({});
    const events = await send(app, token, '{ events(first: 5) { nodes { id } } }');
    expect(events.errors?.[0]?.message).toMatch(/A screen link opens only its screens/);
    const node = await send(app, token, 'query($id: ID!) { node(id: $id) { id } }', { id: eventId() });
    expect(node.errors?.[0]?.message).toMatch(/A screen link opens only its screens/);
    const before = await snapshot();
    const go = ok(
      await client(app, token)(ops.GoNextCueDocument, {
        sessionId: gid('Session', world.sessionIds[1]!),
        expectedCueId: gid('Cue', world.cueIds[1]!),
      }),
    ).goNextCue;
    expect(as(go, 'ForbiddenError').message).toMatch(/A screen link opens only its screens/);
    const revoke = ok(
      await client(app, token)(ops.RevokeScreenLinkDocument, { id: gid('ScreenLink', world.screenLink.id) }),
    ).revokeScreenLink;
    expect(revoke.__typename).toBe('ForbiddenError');
    expect(await snapshot()).toEqual(before);
    const who = ok(await client(app, token)(ops.WhoIsThisScreenDocument));
    expect(who.viewer).toBeNull();
    expect(who.serverTime).toBeTruthy();
    const history = await firstOf(token, ops.ContactChangesDocument, { eventId: eventId(), afterRevision: 0 });
    expect(history.data).toBeUndefined();
    expect(history.errors).toMatch(/A screen link opens only its screens/);
  });

  it("opens its event's screens and no other event's; a room's link only that room's stage; a session's its run-of-show and its room's stage", async () => {
    const event = await makeLink({});
    expect((await firstOf(event.token, ops.LiveOverviewDocument, { eventId: eventId() })).data?.liveOverview.rooms).toHaveLength(2);
    expect(
      (await firstOf(event.token, ops.ShowStateDocument, { sessionId: gid('Session', world.sessionIds[1]!) })).data?.showState.session
        .status,
    ).toBe('SCHEDULED');
    // Another event does not exist for it: the same refusal as a wrong id.
    const foreign = await firstOf(event.token, ops.LiveOverviewDocument, { eventId: gid('Event', other.event.id) });
    expect(foreign.data).toBeUndefined();
    expect(foreign.errors).toMatch(/No Event with id/);
    const foreignStage = await firstOf(event.token, ops.StageOutputDocument, { roomId: gid('Room', other.roomIds[0]!) });
    expect(foreignStage.errors).toMatch(/No Room with id/);

    const room = world.screenLink.token; // Room 1's stage TV (makeWorld)
    expect(
      (await firstOf(room, ops.StageOutputDocument, { roomId: gid('Room', world.roomIds[0]!) })).data?.stageOutput.revision,
    ).toBeGreaterThan(0);
    expect((await firstOf(room, ops.StageOutputDocument, { roomId: gid('Room', world.roomIds[1]!) })).errors).toMatch(
      /one room's stage timer/,
    );
    expect((await firstOf(room, ops.ShowStateDocument, { sessionId: gid('Session', world.sessionIds[0]!) })).errors).toMatch(
      /one room's stage timer/,
    );
    expect((await firstOf(room, ops.LiveOverviewDocument, { eventId: eventId() })).errors).toMatch(/one room's stage timer/);

    const session = await makeLink({ sessionId: gid('Session', world.sessionIds[0]!) });
    expect(
      (await firstOf(session.token, ops.ShowStateDocument, { sessionId: gid('Session', world.sessionIds[0]!) })).data?.showState.session
        .status,
    ).toBe('SCHEDULED');
    expect((await firstOf(session.token, ops.StageOutputDocument, { roomId: gid('Room', world.roomIds[0]!) })).data).toBeDefined();
    expect((await firstOf(session.token, ops.ShowStateDocument, { sessionId: gid('Session', world.sessionIds[1]!) })).errors).toMatch(
      /one session/,
    );
    expect((await firstOf(session.token, ops.StageOutputDocument, { roomId: gid('Room', world.roomIds[1]!) })).errors).toMatch(
      /one session/,
    );
  });

  it('ends its open screens when revoked, and opens nothing afterwards', async () => {
    const link = await makeLink({ roomId: gid('Room', world.roomIds[1]!) });
    const socket = wsClient(url, link.token);
    let closed: number | null = null;
    socket.on('closed', (event) => (closed = (event as { code: number }).code));
    const stage = subscribe(socket, ops.StageOutputDocument, { roomId: gid('Room', world.roomIds[1]!) });
    await stage.nextMessage(0);
    const revoked = as(
      ok(await client(app, world.management.token)(ops.RevokeScreenLinkDocument, { id: link.screenLink.id })).revokeScreenLink,
      'RevokeScreenLinkPayload',
    );
    expect(revoked.screenLink.revokedAt).toBeTruthy();
    expect(await until(() => closed === 4403, 5_000)).toBe(true);
    const again = await send(app, link.token, '{ serverTime }');
    expect(again.status).toBe(401);
    // Revoking it again changes nothing.
    const twice = as(
      ok(await client(app, world.production.token)(ops.RevokeScreenLinkDocument, { id: link.screenLink.id })).revokeScreenLink,
      'RevokeScreenLinkPayload',
    );
    expect(twice.revision).toBeNull();
  });

  it("ends with its organization's membership", async () => {
    const event = await makeLink({});
    const overview = subscribe(wsClient(url, event.token), ops.LiveOverviewDocument, { eventId: eventId() });
    await overview.nextMessage(0);
    const membership = await t.db
      .selectFrom('event_member')
      .select('id')
      .where('event_id', '=', world.event.id)
      .where('organization_id', '=', world.production.organizationId)
      .executeTakeFirstOrThrow();
    // Management takes production off the event: production's link reads with its rights, so it ends too.
    await removeEventMember(t.db, world.management.actor, membership.id);
    expect(await until(() => overview.ended(), 5_000)).toBe(true);
    expect(JSON.stringify(overview.errors)).toMatch(/This subscription has ended/);
  });
});
