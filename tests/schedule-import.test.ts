import { describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { publishRelease } from '../src/domain/releases/releases.js';
import { c3vocValidator } from './helpers/c3voc.js';
import { as, client, gid, makeWorld, ok, revisionOf, servedSuite } from './helpers/index.js';

/**
 * Importing a schedule (#20): a c3voc schedule.json (pretalx's export, or showcall's own) or the
 * schedule CSV goes into an event all or nothing, every bad line or element reported; an export
 * imported into another event exports the same schedule again (round trip), and a CSV edited and
 * imported back updates the same sessions.
 */

const s = servedSuite({ rooms: 2, sessionsPerRoom: 2, cuesPerSession: 0 });
const base = () => s.url.replace(/^ws/, 'http').replace(/\/graphql$/, '');
async function exported(eventId: string, file: string, token: string) {
  const response = await fetch(`${base()}/export/events/${eventId}/${file}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return response.text();
}
type Talk = {
  title: string;
  date: string;
  duration: string;
  room: string;
  track: string | null;
  type: string;
  abstract: string | null;
  persons: { name: string; role: string }[];
};
const talks = (json: string) =>
  (JSON.parse(json) as { schedule: { conference: { days: { rooms: Record<string, Talk[]> }[] } } }).schedule.conference.days
    .flatMap((d) => Object.values(d.rooms).flat())
    .map((t) => [t.title, t.date, t.duration, t.room, t.track, t.type, t.abstract, t.persons.map((p) => `${p.name}/${p.role}`)]);

const importInto = (who: ReturnType<typeof client>, eventId: string, format: 'C3VOC' | 'CSV', content: string, dryRun = false) =>
  who(ops.ImportScheduleDocument, {
    input: { eventId: gid('Event', eventId), format: format as ops.ScheduleImportFormat, content, dryRun },
  });

describe('importing a schedule', () => {
  it('round-trips: an export imported into another event exports the same schedule', async () => {
    await publishRelease(s.t.db, s.world.management.actor, s.world.event.id, 'For the app');
    const json = await exported(s.world.event.id, 'schedule.json', s.world.client.token);
    // Another event with one room of the same name, and none of the sessions.
    const other = await makeWorld(s.t.db, { rooms: 1, sessionsPerRoom: 0, cuesPerSession: 0 });
    const asOther = client(s.app, other.management.token);
    const before = await revisionOf(s.t.db, other.event.id);
    const preview = as(ok(await importInto(asOther, other.event.id, 'C3VOC', json, true)).importSchedule, 'ImportSchedulePayload').import;
    expect(preview).toMatchObject({ applied: false, created: 4, updated: 0, roomsCreated: 1, speakersCreated: 8, problems: [] });
    expect(await revisionOf(s.t.db, other.event.id)).toBe(before);
    const done = as(ok(await importInto(asOther, other.event.id, 'C3VOC', json)).importSchedule, 'ImportSchedulePayload');
    expect(done.import).toMatchObject({ applied: true, created: 4, roomsCreated: 1, speakersCreated: 8 });
    expect(done.revision).toBe(await revisionOf(s.t.db, other.event.id));
    await publishRelease(s.t.db, other.management.actor, other.event.id, 'Imported');
    const again = await exported(other.event.id, 'schedule.json', other.client.token);
    expect(talks(again)).toEqual(talks(json));
    const validate = c3vocValidator();
    if (validate) expect(validate(JSON.parse(again)) ? [] : validate.errors).toEqual([]);
    // Its own export imported back finds its own sessions by guid: nothing changes.
    const own = await exported(other.event.id, 'schedule.json', other.client.token);
    const twice = as(ok(await importInto(asOther, other.event.id, 'C3VOC', own)).importSchedule, 'ImportSchedulePayload').import;
    expect(twice).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 4 });
  });

  it('keeps a pretalx schedule’s guids, so importing its next version updates the same sessions', async () => {
    const other = await makeWorld(s.t.db, { rooms: 1, sessionsPerRoom: 0, cuesPerSession: 0 });
    const asOther = client(s.app, other.management.token);
    const guid = '6f1a3f0e-9a51-5d0e-a0c2-3b5a8e0c7d11';
    const pretalx = (title: string) =>
      JSON.stringify({
        schedule: {
          version: '0.9',
          conference: {
            acronym: 'demo2027',
            title: 'Demo',
            days: [
              {
                index: 1,
                date: '2027-03-01',
                rooms: {
                  'Room 1': [
                    {
                      guid,
                      title,
                      type: 'Talk',
                      date: '2027-03-01T14:00:00+01:00',
                      duration: '00:40',
                      persons: [{ name: 'Rosa Pretalx', code: 'ABC' }],
                    },
                  ],
                },
              },
            ],
          },
        },
      });
    expect(ok(await importInto(asOther, other.event.id, 'C3VOC', pretalx('Draft title'))).importSchedule).toMatchObject({
      import: { created: 1 },
    });
    expect(ok(await importInto(asOther, other.event.id, 'C3VOC', pretalx('Final title'))).importSchedule).toMatchObject({
      import: { created: 0, updated: 1 },
    });
    const session = await s.t.db.selectFrom('session').selectAll().where('id', '=', guid).executeTakeFirstOrThrow();
    expect([session.event_id, session.title, session.kind, new Date(session.ends_at).toISOString()]).toEqual([
      other.event.id,
      'Final title',
      'BREAKOUT',
      '2027-03-01T13:40:00.000Z',
    ]);
  });

  it('updates the sessions a CSV names by id, and leaves the rest as they are', async () => {
    const csv = await exported(s.world.event.id, 'schedule.csv?release=draft', s.world.management.token);
    const unchanged = as(ok(await importInto(s.as.management, s.world.event.id, 'CSV', csv)).importSchedule, 'ImportSchedulePayload');
    expect(unchanged.import).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 4 });
    expect(unchanged.revision).toBeNull();
    // Edited in a spreadsheet: one renamed and moved, one speaker dropped, one line added.
    const lines = csv.trimEnd().split('\r\n');
    const at = lines.findIndex((l) => l.includes(s.world.sessionIds[0]!));
    lines[at] = lines[at]!.replace('Session 1.1', 'Opening keynote')
      .replace(',09:00,09:45,', ',09:15,10:00,')
      .replace('; Speaker 0.0.1 (Acme) [MODERATOR]', '');
    lines.push('2027-03-02,23:30,00:30,Late-night jam,EVENING_EVENT,,Rooftop,Ada Lovelace (Analytical Engines) [PERFORMER],,SCHEDULED,');
    const done = as(
      ok(await importInto(s.as.management, s.world.event.id, 'CSV', lines.join('\r\n'))).importSchedule,
      'ImportSchedulePayload',
    ).import;
    expect(done).toMatchObject({ applied: true, created: 1, updated: 1, unchanged: 3, roomsCreated: 1, speakersCreated: 1, problems: [] });
    const first = await s.t.db.selectFrom('session').selectAll().where('id', '=', s.world.sessionIds[0]!).executeTakeFirstOrThrow();
    expect([first.title, new Date(first.starts_at).toISOString()]).toEqual(['Opening keynote', '2027-03-01T08:15:00.000Z']);
    const speakers = await s.t.db.selectFrom('session_speaker').select('id').where('session_id', '=', first.id).execute();
    expect(speakers).toHaveLength(1);
    // Past midnight: the end is the next day.
    const late = await s.t.db.selectFrom('session').selectAll().where('title', '=', 'Late-night jam').executeTakeFirstOrThrow();
    expect([new Date(late.starts_at).toISOString(), new Date(late.ends_at).toISOString()]).toEqual([
      '2027-03-02T22:30:00.000Z',
      '2027-03-02T23:30:00.000Z',
    ]);
  });

  it('reports every bad line of a CSV and every bad element of a JSON, and writes nothing', async () => {
    const before = await revisionOf(s.t.db, s.world.event.id);
    const csv = [
      'Date,Start,End,Title,Kind,Room,Speakers',
      '2027-03-01,09:00,10:00,Fine,BREAKOUT,Room 1,Someone',
      '03/01/2027,09:00,10:00,Bad date,BREAKOUT,Room 1,',
      '2027-03-01,9am,10:00,Bad start,BREAKOUT,Room 1,',
      '2027-03-01,09:00,10:00,,SEMINAR,Room 1,Grace (Navy) [HEADLINER]',
    ].join('\n');
    const result = as(ok(await importInto(s.as.management, s.world.event.id, 'CSV', csv)).importSchedule, 'ImportSchedulePayload').import;
    expect(result.applied).toBe(false);
    expect(result.problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'Date'],
      [4, 'Start'],
      [5, 'Title'],
      [5, 'Kind'],
      [5, 'Speakers'],
    ]);
    expect(result.problems[4]!.message).toMatch(/HEADLINER|role must be one of/);
    expect(await revisionOf(s.t.db, s.world.event.id)).toBe(before);
    expect(await s.t.db.selectFrom('session').select('id').where('title', '=', 'Fine').execute()).toEqual([]);

    const json = JSON.stringify({
      schedule: {
        version: '1',
        conference: {
          days: [
            {
              rooms: {
                Ballroom: [
                  { title: 'No date', duration: '00:30', persons: [] },
                  { title: 'Bad duration', date: '2027-03-01T09:00:00+01:00', duration: 'half an hour', persons: [{ name: '' }] },
                  { title: 'Good', date: '2027-03-01T09:00:00+01:00', duration: '00:30', persons: [{ name: 'Pretalx Person' }] },
                ],
              },
            },
          ],
        },
      },
    });
    const bad = as(ok(await importInto(s.as.management, s.world.event.id, 'C3VOC', json)).importSchedule, 'ImportSchedulePayload').import;
    expect(bad.problems.map((p) => p.field)).toEqual([
      'schedule.conference.days[0].rooms.Ballroom[0].date',
      'schedule.conference.days[0].rooms.Ballroom[1].duration',
      'schedule.conference.days[0].rooms.Ballroom[1].persons[0].name',
    ]);
    expect(ok(await importInto(s.as.management, s.world.event.id, 'C3VOC', '{"not": "a schedule"')).importSchedule).toMatchObject({
      import: { applied: false, problems: [{ field: 'schedule.json', message: expect.stringMatching(/^is not JSON/) }] },
    });
    expect(await revisionOf(s.t.db, s.world.event.id)).toBe(before);
    // Only management plans the schedule.
    expect(ok(await importInto(s.as.client, s.world.event.id, 'CSV', csv)).importSchedule.__typename).toBe('ForbiddenError');
  });
});
