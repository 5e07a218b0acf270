import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import type { Session } from '../src/db/types.js';
import { addEventMember, createEvent } from '../src/domain/event/event.js';
import { nowAndNext } from '../src/domain/live/timing.js';
import { createSession } from '../src/domain/schedule/schedule.js';
import { createRoom, createVenue } from '../src/domain/venue/venue.js';
import * as ops from './gql/graphql.js';
import { gid, listening, makeWorld, subscribe, useTestDatabase, wsClient, type TestDatabase } from './helpers/index.js';

let t: TestDatabase;
let app: App;
let url: string;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db, databaseUrl: t.url });
  url = await listening(app);
});

const at = (hhmm: string) => Date.parse(`2027-03-01T${hhmm}:00Z`);
const session = (id: string, from: string, to: string, status: Session['status'] = 'SCHEDULED'): Session =>
  ({
    id,
    starts_at: new Date(at(from)),
    ends_at: new Date(at(to)),
    status,
    actual_start_at: status === 'LIVE' ? new Date(at(from)) : null,
  }) as Session;

describe('now and next between changes', () => {
  it('say when the clock alone changes them, so a screen moves on by itself instead of going stale', () => {
    const day = [session('a', '09:00', '10:00'), session('b', '10:30', '11:00')];
    expect(nowAndNext(day, at('09:30'))).toMatchObject({ now: { id: 'a' }, next: { id: 'b' }, changesAt: at('10:00') });
    // At changesAt the screen derives again, from the same sessions: the gap, then B.
    expect(nowAndNext(day, at('10:00'))).toMatchObject({ now: null, next: { id: 'b' }, changesAt: at('10:30') });
    expect(nowAndNext(day, at('10:30'))).toMatchObject({ now: { id: 'b' }, next: null, changesAt: at('11:00') });
    // A live session ends when someone ends it: no boundary of the clock's.
    const live = [session('a', '09:00', '10:00', 'LIVE')];
    expect(nowAndNext(live, at('10:15'))).toMatchObject({ now: { id: 'a' }, next: null, changesAt: null });
  });

  it('liveOverview carries changesAt and the sessions to come', async () => {
    const world = await makeWorld(t.db, { rooms: 0 });
    const mgmt = world.management.actor;
    const { result: event } = await createEvent(t.db, mgmt, {
      name: 'Today',
      timezone: 'UTC',
      startDate: '2026-01-01',
      endDate: '2027-12-31',
    });
    await addEventMember(t.db, mgmt, event.id, world.client.organizationId, 'CLIENT');
    const { result: venue } = await createVenue(t.db, mgmt, event.id, { name: 'Hall' });
    const { result: room } = await createRoom(t.db, mgmt, event.id, { venueId: venue.id, name: 'Main', kind: 'BALLROOM' });
    const now = Date.now();
    const minute = 60_000;
    const slot = (title: string, from: number, to: number) =>
      createSession(t.db, mgmt, event.id, {
        roomId: room.id,
        title,
        kind: 'BREAKOUT',
        startsAt: new Date(now + from * minute),
        endsAt: new Date(now + to * minute),
      });
    await slot('Running now', -10, 20);
    const { result: later } = await slot('Later', 40, 60);
    const screen = subscribe(wsClient(url, world.client.token), ops.OverviewClockDocument, { eventId: gid('Event', event.id) });
    const [main] = (await screen.nextMessage(0)).liveOverview.rooms;
    expect(main).toMatchObject({ now: { title: 'Running now' }, next: { title: 'Later' } });
    // The clock moves it next when "Running now" reaches its planned end.
    expect(main!.changesAt).toBe(new Date(now + 20 * minute).toISOString());
    expect(main!.upcoming.map((s) => s.title)).toEqual(['Running now', 'Later']);
    expect(main!.upcoming[1]!.startsAt).toBe(later.starts_at.toISOString());
    screen.stop();
  });
});
