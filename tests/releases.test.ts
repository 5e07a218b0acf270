import { describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { addSessionSpeaker, createSession, createSpeaker, updateSession } from '../src/domain/schedule/schedule.js';
import { as, gid, having, ok, servedSuite } from './helpers/index.js';

/**
 * Schedule releases (#20): management publishes numbered, immutable snapshots of the public
 * schedule; the changelog between two releases names sessions added, cancelled, moved, renamed and
 * whose speakers changed — as data and as text — and later edits never change a release.
 */

const s = servedSuite({ rooms: 2, sessionsPerRoom: 2, cuesPerSession: 1 });
const eventId = () => gid('Event', s.world.event.id);
const publish = async (note: string) =>
  as(
    ok(await s.as.management(ops.PublishScheduleReleaseDocument, { input: { eventId: eventId(), note } })).publishScheduleRelease,
    'PublishScheduleReleasePayload',
  ).release;

describe('releases and their changelog', () => {
  it('numbers releases, keeps each as published, and lists what changed between two — as data and as text', async () => {
    const first = await publish('First public agenda');
    expect([first.number, first.note, first.sessions.length]).toEqual([1, 'First public agenda', 4]);
    expect(first.changelog.added).toHaveLength(4);
    expect(first.changelog.text).toMatch(/^Release 1 \(the first\)\n\+ Added: /);

    const actor = s.world.management.actor;
    const [a, b, c] = s.world.sessionIds as [string, string, string];
    const rows = await s.t.db.selectFrom('session').selectAll().where('id', 'in', [a, b, c]).execute();
    const row = (id: string) => rows.find((r) => r.id === id)!;
    const later = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);
    await updateSession(s.t.db, actor, a, row(a).version, {
      startsAt: later(row(a).starts_at, 30),
      endsAt: later(row(a).ends_at, 30),
      roomId: s.world.roomIds[1],
    });
    await updateSession(s.t.db, actor, b, row(b).version, { title: 'Keynote: the year ahead' });
    await updateSession(s.t.db, actor, c, row(c).version, { status: 'CANCELLED' });
    const { result: added } = await createSession(s.t.db, actor, s.world.event.id, {
      title: 'Fireside chat',
      kind: 'PANEL',
      roomId: s.world.roomIds[0],
      startsAt: new Date('2027-03-02T15:00:00Z'),
      endsAt: new Date('2027-03-02T15:45:00Z'),
    });
    const { result: guest } = await createSpeaker(s.t.db, actor, s.world.event.id, { name: 'Grace Guest', company: 'Acme' });
    await addSessionSpeaker(s.t.db, actor, { sessionId: b, speakerId: guest.id, role: 'PANELIST', position: 99 });

    const second = await publish('Keynote renamed, one breakout cancelled');
    const { revision } = await s.t.db.selectFrom('event').select('revision').where('id', '=', s.world.event.id).executeTakeFirstOrThrow();
    // Taken at the revision before its own.
    expect([second.number, second.revision]).toEqual([2, Number(revision) - 1]);

    const read = having(ok(await s.as.client(ops.ReleaseChangelogDocument, { eventId: eventId(), from: 1 })).node, 'releaseChangelog');
    expect(read.latestRelease?.number).toBe(2);
    const log = read.releaseChangelog;
    expect(log.added.map((x) => x.title)).toEqual(['Fireside chat']);
    expect(log.cancelled.map((x) => [x.title, x.status])).toEqual([[row(c).title, 'CANCELLED']]);
    expect(log.moved.map((m) => [m.session.title, m.before.room, m.after.room])).toEqual([[row(a).title, 'Room 1', 'Room 2']]);
    expect(new Date(log.moved[0]!.after.startsAt).getTime() - new Date(log.moved[0]!.before.startsAt).getTime()).toBe(30 * 60_000);
    expect(log.renamed).toEqual([{ before: row(b).title, after: 'Keynote: the year ahead' }]);
    expect(log.speakersChanged.map((x) => x.after.at(-1))).toEqual(['Grace Guest']);
    expect(log.text.split('\n')).toEqual([
      'Release 2 (changes since release 1)',
      expect.stringMatching(/^\+ Added: Fireside chat \(2027-03-02 16:00–16:45, Room 1\)$/),
      expect.stringMatching(/^- Cancelled: /),
      expect.stringMatching(/^~ Moved: .*Room 1 → .*Room 2$/),
      `~ Renamed: ${row(b).title} → Keynote: the year ahead`,
      expect.stringMatching(/^~ Speakers of Keynote: the year ahead: .* → .*Grace Guest$/),
    ]);

    // A release is what was published: the first still holds the old title and room.
    const [newest, oldest] = read.releases;
    expect([newest!.number, oldest!.number]).toEqual([2, 1]);
    expect(oldest!.sessions.find((x) => x.session === gid('Session', b))!.title).toBe(row(b).title);
    expect(newest!.sessions.find((x) => x.session === gid('Session', c))!.status).toBe('CANCELLED');
    expect(newest!.sessions.some((x) => x.session === gid('Session', added.id))).toBe(true);
  });

  it('refuses a release that does not exist, and production publishing, naming what was wrong', async () => {
    const missing = await s.as.management(ops.ReleaseChangelogDocument, { eventId: eventId(), from: 1, to: 9 });
    expect(missing.errors?.[0]?.message).toMatch(/to: release 9 does not exist/);
    const refused = ok(await s.as.production(ops.PublishScheduleReleaseDocument, { input: { eventId: eventId() } })).publishScheduleRelease;
    expect(as(refused, 'ForbiddenError').message).toMatch(/plan this event/);
  });
});
