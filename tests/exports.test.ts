import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { removeEventMember } from '../src/domain/event/event.js';
import { deleteSession, updateSession } from '../src/domain/schedule/schedule.js';
import { parseCsv } from '../src/shared/csv.js';
import { c3vocValidator } from './helpers/c3voc.js';
import { as, gid, having, makeWorld, ok, servedSuite } from './helpers/index.js';

/**
 * Exports (#20): iCal feeds that calendar apps subscribe to (a real parser reads them: UIDs stable
 * across releases, SEQUENCE counting the releases that changed a session, CANCELLED kept), feed
 * links scoped to one event and revocable, the public schedule, ETag/304, c3voc schedule.json
 * validated against the shared schema, and CSV.
 */

const s = servedSuite({ rooms: 2, sessionsPerRoom: 2, cuesPerSession: 3 });
const eventId = () => gid('Event', s.world.event.id);
const tokenOf = (who: 'management' | 'production' | 'client') => s.world[who].token;

/** The server's http:// base (the suite's `url` is its WebSocket endpoint). */
const base = () => s.url.replace(/^ws/, 'http').replace(/\/graphql$/, '');
async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base()}${path}`, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
const bearer = (who: 'management' | 'production' | 'client') => ({ authorization: `Bearer ${tokenOf(who)}` });
const publish = async (note: string) =>
  as(
    ok(await s.as.management(ops.PublishScheduleReleaseDocument, { input: { eventId: eventId(), note } })).publishScheduleRelease,
    'PublishScheduleReleasePayload',
  ).release.number;

type Vevent = { uid: string; sequence: number; status: string; summary: string; start: Date; end: Date; location: string | null };
/** The feed as a calendar app reads it: ical.js parses it, and its VTIMEZONE places the times. */
function calendar(text: string): { name: string; events: Map<string, Vevent> } {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const events = new Map<string, Vevent>();
  for (const component of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    expect(component.getFirstPropertyValue('dtstamp')).toBeTruthy();
    expect(component.getFirstPropertyValue('last-modified')).toBeTruthy();
    events.set(event.uid, {
      uid: event.uid,
      sequence: event.sequence,
      status: String(component.getFirstPropertyValue('status')),
      summary: event.summary,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      location: event.location,
    });
  }
  return { name: String(root.getFirstPropertyValue('x-wr-calname')), events };
}
const uid = (sessionId: string) => `${sessionId}@showcall`;

describe('iCal feeds across releases', () => {
  it('keep each session’s UID, count SEQUENCE per release that changed it, keep cancelled and dropped sessions as CANCELLED', async () => {
    const path = `/export/events/${encodeURIComponent(eventId())}/schedule.ics`;
    expect((await get(path, bearer('management'))).status).toBe(404); // no release yet
    expect(await publish('First agenda')).toBe(1);
    const first = calendar((await get(path, bearer('client'))).text);
    const [a, b, c, d] = s.world.sessionIds as [string, string, string, string];
    expect([...first.events.keys()].sort()).toEqual([a, b, c, d].map(uid).sort());
    expect([...first.events.values()].map((e) => [e.sequence, e.status])).toEqual(Array(4).fill([0, 'CONFIRMED']));
    // The VTIMEZONE places 09:00 Berlin where the session starts.
    const rows = await s.t.db.selectFrom('session').selectAll().where('event_id', '=', s.world.event.id).execute();
    const row = (id: string) => rows.find((r) => r.id === id)!;
    expect(first.events.get(uid(a))!.start.toISOString()).toBe(new Date(row(a).starts_at).toISOString());
    expect(first.name).toBe('Test Summit');

    // Release 2: a moves, c is cancelled, d is deleted; b is untouched.
    const actor = s.world.management.actor;
    const later = (at: Date) => new Date(new Date(at).getTime() + 30 * 60_000);
    await updateSession(s.t.db, actor, a, row(a).version, { startsAt: later(row(a).starts_at), endsAt: later(row(a).ends_at) });
    await updateSession(s.t.db, actor, c, row(c).version, { status: 'CANCELLED' });
    await deleteSession(s.t.db, actor, d);
    // Unreleased edits change nothing a subscriber reads.
    expect(calendar((await get(path, bearer('client'))).text).events.get(uid(a))!.sequence).toBe(0);
    await publish('Moved one, cancelled two');
    const second = calendar((await get(path, bearer('client'))).text);
    expect([...second.events.keys()].sort()).toEqual([a, b, c, d].map(uid).sort());
    const state = (cal: typeof second) =>
      Object.fromEntries([a, b, c, d].map((id, i) => [i, [cal.events.get(uid(id))!.sequence, cal.events.get(uid(id))!.status]]));
    expect(state(second)).toEqual({ 0: [1, 'CONFIRMED'], 1: [0, 'CONFIRMED'], 2: [1, 'CANCELLED'], 3: [1, 'CANCELLED'] });
    expect(second.events.get(uid(a))!.start.getTime() - first.events.get(uid(a))!.start.getTime()).toBe(30 * 60_000);

    // Release 3 renames b only: its SEQUENCE moves, the others keep theirs.
    const fresh = await s.t.db.selectFrom('session').select('version').where('id', '=', b).executeTakeFirstOrThrow();
    await updateSession(s.t.db, actor, b, fresh.version, { title: 'Renamed' });
    await publish('Renamed one');
    const third = calendar((await get(path, bearer('production'))).text);
    expect(state(third)).toEqual({ 0: [1, 'CONFIRMED'], 1: [1, 'CONFIRMED'], 2: [1, 'CANCELLED'], 3: [1, 'CANCELLED'] });
    expect(third.events.get(uid(b))!.summary).toBe('Renamed');
    // The changelog as text: what the release changed since the one before, narrowed like a feed.
    const changes = path.replace('schedule.ics', 'changelog.txt');
    expect((await get(changes, bearer('client'))).text).toBe('Release 3 (changes since release 2)\n~ Renamed: Session 1.2 → Renamed\n');
    const room1 = (await get(`${changes}?release=2&room=${s.world.roomIds[0]}`, bearer('client'))).text;
    expect(room1).toMatch(
      /^Release 2 \(changes since release 1\)\n~ Moved: Session 1\.1: 2027-03-01 09:00–09:45, Room 1 → 2027-03-01 09:30–10:15, Room 1\n$/,
    );
    // An older release reads as it was published.
    expect(state(calendar((await get(`${path}?release=1`, bearer('client'))).text))[0]).toEqual([0, 'CONFIRMED']);
  });

  it('narrow to a room, a track or a speaker, and show the draft to members only', async () => {
    const path = `/export/events/${encodeURIComponent(eventId())}/schedule.ics`;
    const [room1, room2] = s.world.roomIds as [string, string];
    const inRoom = await s.t.db
      .selectFrom('session')
      .select('id')
      .where('room_id', '=', room2)
      .where('status', '!=', 'CANCELLED')
      .execute();
    const roomFeed = calendar((await get(`${path}?room=${encodeURIComponent(gid('Room', room2))}`, bearer('client'))).text);
    expect([...roomFeed.events.values()].every((e) => e.location === 'Room 2')).toBe(true);
    expect([...roomFeed.events.keys()].sort()).toEqual(expect.arrayContaining(inRoom.map((r) => uid(r.id))));
    expect(roomFeed.name).toBe('Test Summit — Room 2');
    const track = calendar((await get(`${path}?track=Sales`, bearer('client'))).text);
    const sales = await s.t.db.selectFrom('session').select('id').where('room_id', '=', room1).execute();
    expect([...track.events.keys()].sort()).toEqual(sales.map((r) => uid(r.id)).sort());
    const speaker = await s.t.db
      .selectFrom('speaker')
      .select(['id', 'name'])
      .where('event_id', '=', s.world.event.id)
      .where('name', '=', 'Speaker 1.1.0')
      .executeTakeFirstOrThrow();
    const mine = calendar((await get(`${path}?speaker=${speaker.id}`, bearer('client'))).text);
    expect([...mine.events.values()].map((e) => e.location)).toEqual(['Room 2']);
    expect(mine.name).toBe('Test Summit — Speaker 1.1.0');
    expect((await get(`${path}?room=${room1}&track=Sales`, bearer('client'))).status).toBe(400);

    // The draft: the live schedule, for members' tokens only.
    const draft = await get(`${path}?release=draft`, bearer('client'));
    expect(draft.status).toBe(200);
    expect(draft.text).toContain('PRODID:-//showcall//schedule draft//EN');
    expect((await get(`${path}?release=draft`)).status).toBe(404);
    expect((await get(`${path}?release=soon`, bearer('client'))).status).toBe(400);
    expect((await get(`${path}?release=99`, bearer('client'))).text).toMatch(/no release 99/);
  });

  it('answer 304 to a calendar that already has the feed, and 200 again once a release changes it', async () => {
    const path = `/export/events/${encodeURIComponent(eventId())}/schedule.ics`;
    const first = await get(path, bearer('client'));
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    const again = await get(path, { ...bearer('client'), 'if-none-match': etag });
    expect([again.status, again.text]).toEqual([304, '']);
    // The draft changes with every edit.
    const draft = await get(`${path}?release=draft`, bearer('client'));
    expect((await get(`${path}?release=draft`, { ...bearer('client'), 'if-none-match': draft.headers.get('etag')! })).status).toBe(304);
    // Unreleased edits do not change the released feed…
    const [a] = s.world.sessionIds as [string];
    const row = await s.t.db.selectFrom('session').select('version').where('id', '=', a).executeTakeFirstOrThrow();
    await updateSession(s.t.db, s.world.management.actor, a, row.version, { title: 'Polished title' });
    expect((await get(path, { ...bearer('client'), 'if-none-match': etag })).status).toBe(304);
    expect((await get(`${path}?release=draft`, { ...bearer('client'), 'if-none-match': draft.headers.get('etag')! })).status).toBe(200);
    // …and a release does.
    await publish('Polished');
    const next = await get(path, { ...bearer('client'), 'if-none-match': etag });
    expect(next.status).toBe(200);
    expect(next.text).toContain('SUMMARY:Polished title');
  });
});

describe('feed links', () => {
  it('open one event’s released schedule, narrowed as made, until revoked — and nothing else', async () => {
    const made = as(
      ok(
        await s.as.production(ops.CreateFeedLinkDocument, {
          input: { eventId: eventId(), roomId: gid('Room', s.world.roomIds[0]!), label: 'Room 1 crew calendars' },
        }),
      ).createFeedLink,
      'CreateFeedLinkPayload',
    );
    expect(made.urls.ical).toMatch(/^\/export\/feeds\/scf_[\w-]+\/schedule\.ics$/);
    expect([made.feedLink.room?.name, made.feedLink.organization.name]).toEqual(['Room 1', expect.any(String)]);
    // No headers: the secret is the credential. Only room 1's sessions.
    const feed = await get(made.urls.ical);
    expect(feed.status).toBe(200);
    expect([...calendar(feed.text).events.values()].map((e) => e.location)).toEqual(expect.arrayContaining(['Room 1']));
    expect([...calendar(feed.text).events.values()].every((e) => e.location === 'Room 1')).toBe(true);
    // Its narrowing holds whatever the query asks, and a feed link never opens the draft.
    const other = await get(`${made.urls.ical}?room=${s.world.roomIds[1]}`);
    expect([...calendar(other.text).events.values()].every((e) => e.location === 'Room 1')).toBe(true);
    expect((await get(`${made.urls.ical}?release=draft`)).status).toBe(403);
    // The same secret as ?key= on its own event's path; on another event's path it is nothing.
    const secret = made.urls.ical.split('/')[3]!;
    expect((await get(`/export/events/${s.world.event.id}/schedule.csv?key=${secret}`)).status).toBe(200);
    // The JSON links its talks to the event's path: a republished file carries no secret.
    const json = await get(made.urls.json);
    expect([json.status, json.text.includes(secret)]).toEqual([200, false]);
    const elsewhere = await makeWorld(s.t.db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 0 });
    expect((await get(`/export/events/${elsewhere.event.id}/schedule.ics?key=${secret}`)).status).toBe(404);
    // It is no token: GraphQL does not take it.
    const graphql = await fetch(`${base()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query: '{ viewer { user { name } } }' }),
    });
    expect(graphql.status).toBe(401);
    // Listed to every member, with its last use.
    const listed = having(ok(await s.as.client(ops.EventExportsDocument, { eventId: eventId() })).node, 'feedLinks').feedLinks.nodes;
    expect(listed.find((l) => l.id === made.feedLink.id)?.lastUsedAt).toBeTruthy();
    // The client makes none (management and production run the event on site).
    expect(
      ok(await s.as.client(ops.CreateFeedLinkDocument, { input: { eventId: eventId(), label: 'Mine' } })).createFeedLink.__typename,
    ).toBe('ForbiddenError');
    // Revoked: 404, at once.
    as(ok(await s.as.production(ops.RevokeFeedLinkDocument, { id: made.feedLink.id })).revokeFeedLink, 'RevokeFeedLinkPayload');
    expect((await get(made.urls.ical)).status).toBe(404);
    expect((await get(made.urls.json)).status).toBe(404);
  });

  it('stop when their maker’s organization leaves the event, and refuse a narrowing of another event', async () => {
    const made = as(
      ok(await s.as.production(ops.CreateFeedLinkDocument, { input: { eventId: eventId(), track: 'Sales', label: 'Sales track' } }))
        .createFeedLink,
      'CreateFeedLinkPayload',
    );
    expect((await get(made.urls.csv)).status).toBe(200);
    const elsewhere = await makeWorld(s.t.db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 0 });
    const wrong = ok(
      await s.as.management(ops.CreateFeedLinkDocument, {
        input: { eventId: eventId(), roomId: gid('Room', elsewhere.roomIds[0]!), label: 'Wrong room' },
      }),
    ).createFeedLink;
    expect(wrong).toMatchObject({ __typename: 'ValidationError', field: 'roomId' });
    const both = ok(
      await s.as.management(ops.CreateFeedLinkDocument, {
        input: { eventId: eventId(), roomId: gid('Room', s.world.roomIds[0]!), track: 'Sales', label: 'Both' },
      }),
    ).createFeedLink;
    expect(both).toMatchObject({ __typename: 'ValidationError', field: 'track' });

    const membership = await s.t.db
      .selectFrom('event_member')
      .select(['id'])
      .where('event_id', '=', s.world.event.id)
      .where('organization_id', '=', s.world.production.organizationId)
      .executeTakeFirstOrThrow();
    await removeEventMember(s.t.db, s.world.management.actor, membership.id);
    try {
      expect((await get(made.urls.csv)).status).toBe(404);
    } finally {
      await s.t.db
        .insertInto('event_member')
        .values({ event_id: s.world.event.id, organization_id: s.world.production.organizationId, role: 'PRODUCTION' })
        .execute();
    }
    expect((await get(made.urls.csv)).status).toBe(200);
  });
});

describe('the public schedule', () => {
  it('is open without a secret once management publishes it — the released schedule, never the draft', async () => {
    const path = `/export/events/${s.world.event.id}/schedule.json`;
    expect((await get(path)).status).toBe(404);
    const event = having(ok(await s.as.management(ops.EventExportsDocument, { eventId: eventId() })).node, 'exports');
    expect([event.schedulePublic, event.exports.json]).toEqual([false, `/export/events/${encodeURIComponent(eventId())}/schedule.json`]);
    // Only management decides.
    const refused = ok(
      await s.as.production(ops.SetSchedulePublicDocument, {
        input: { id: eventId(), expectedVersion: event.version, schedulePublic: true },
      }),
    );
    expect(refused.updateEvent.__typename).toBe('ForbiddenError');
    as(
      ok(
        await s.as.management(ops.SetSchedulePublicDocument, {
          input: { id: eventId(), expectedVersion: event.version, schedulePublic: true },
        }),
      ).updateEvent,
      'UpdateEventPayload',
    );
    const open = await get(event.exports.json);
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await get(`${path}?release=draft`)).status).toBe(404);
    // A wrong token is an error, not an anonymous read.
    expect((await get(path, { authorization: 'Bearer sc_nope' })).status).toBe(401);
  });
});

describe('c3voc schedule.json', () => {
  it('validates against the shared c3voc schema for the whole event, a room, a release and the draft', async () => {
    const validate = c3vocValidator();
    const base = `/export/events/${s.world.event.id}/schedule.json`;
    for (const query of ['', `?room=${s.world.roomIds[0]}`, '?release=1', '?release=draft', '?track=Sales']) {
      const response = await get(`${base}${query}`, bearer('client'));
      expect(response.status).toBe(200);
      const doc = JSON.parse(response.text) as {
        schedule: { version: string; conference: { days: { rooms: Record<string, { guid: string; persons: unknown[] }[]> }[] } };
      };
      if (validate) expect(validate(doc) ? [] : validate.errors).toEqual([]);
      const talks = doc.schedule.conference.days.flatMap((d) => Object.values(d.rooms).flat());
      expect(talks.length).toBeGreaterThan(0);
      expect(talks.every((t) => t.persons.length === 2)).toBe(true);
    }
  });
});

describe('CSV', () => {
  it('lists the schedule in the columns a spreadsheet user expects, on the event’s wall clock', async () => {
    const response = await get(`/export/events/${s.world.event.id}/schedule.csv`, bearer('client'));
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = parseCsv(response.text).map((r) => r.cells);
    expect(header).toEqual(['Date', 'Start', 'End', 'Title', 'Kind', 'Track', 'Room', 'Speakers', 'Description', 'Status', 'Session ID']);
    const b = rows.find((r) => r[10] === s.world.sessionIds[1])!;
    // 10:00 Berlin: the world's second session of room 1.
    expect(b.slice(0, 3)).toEqual(['2027-03-01', '10:00', '10:45']);
    expect(b[7]).toBe('Speaker 0.1.0 (Acme); Speaker 0.1.1 (Acme) [MODERATOR]');
  });

  it('gives a session’s run-of-show in running order, with operators’ notes only for those who may read them', async () => {
    const session = s.world.sessionIds[0]!;
    const path = `/export/sessions/${encodeURIComponent(gid('Session', session))}/run-of-show.csv`;
    expect((await get(path)).status).toBe(401);
    await s.t.db.updateTable('cue').set({ notes: 'Wait for applause' }).where('session_id', '=', session).execute();
    const production = parseCsv((await get(path, bearer('production'))).text).map((r) => r.cells);
    expect(production[0]).toEqual(['Segment', 'Cue', 'Department', 'Number', 'Time', 'Offset', 'Title', 'Trigger', 'Notes']);
    expect(production.slice(1).map((r) => r[1])).toEqual(['SM 1', 'LX 2', 'SND 3']);
    expect(production[1]![8]).toBe('Wait for applause');
    const client = await get(path, bearer('client'));
    expect(parseCsv(client.text)[0]!.cells).not.toContain('Notes');
    expect(client.text).not.toContain('applause');
    // A room's screen link opens its stage timer only, not the run-of-show.
    expect((await get(`${path}?key=${s.world.screenLink.token}`)).status).toBe(404);
  });
});
