import { describe, expect, it } from 'vitest';
import type { Session } from '../src/db/types.js';
import { nowAndNext, overUnderSeconds, projectRoomDay } from '../src/domain/live/timing.js';

/** The live rules as pure functions: no database, no GraphQL. */
const at = (hhmm: string) => new Date(`2027-03-01T${hhmm}:00Z`);

function session(id: string, start: string, end: string, more: Partial<Session> = {}): Session {
  return {
    id,
    event_id: 'e',
    room_id: 'r',
    title: id,
    description: null,
    kind: 'BREAKOUT',
    track: null,
    starts_at: at(start),
    ends_at: at(end),
    status: 'SCHEDULED',
    actual_start_at: null,
    actual_end_at: null,
    presentation_format: null,
    version: 1,
    created_at: at('00:00'),
    updated_at: at('00:00'),
    ...more,
  } as Session;
}

describe('now and next in a room', () => {
  const day = [session('a', '09:00', '10:00'), session('b', '10:30', '11:30'), session('c', '13:00', '14:00')];

  it('is the session whose time it is, and the one after it', () => {
    expect(nowAndNext(day, at('09:30').getTime())).toMatchObject({ now: { id: 'a' }, next: { id: 'b' } });
  });

  it('between sessions: nothing now, the next one', () => {
    expect(nowAndNext(day, at('10:10').getTime())).toMatchObject({ now: null, next: { id: 'b' } });
  });

  it('a live session is now whatever the clock says, and next is what follows it', () => {
    const late = [session('a', '09:00', '10:00', { status: 'LIVE', actual_start_at: at('09:40') }), ...day.slice(1)];
    expect(nowAndNext(late, at('10:45').getTime())).toMatchObject({ now: { id: 'a' }, next: { id: 'b' } });
  });

  it('skips sessions that already started or are not scheduled', () => {
    const done = [
      session('a', '09:00', '10:00', { status: 'ENDED', actual_start_at: at('09:00'), actual_end_at: at('10:00') }),
      day[1]!,
      day[2]!,
    ];
    expect(nowAndNext(done, at('09:30').getTime())).toMatchObject({ now: null, next: { id: 'b' } });
    expect(nowAndNext([], at('09:30').getTime())).toEqual({ now: null, next: null, changesAt: null, upcoming: [] });
  });
});

describe('projections and over/under', () => {
  it('push the following sessions back by what runs over, keeping the changeover', () => {
    const late = [session('a', '09:00', '10:00', { status: 'LIVE', actual_start_at: at('09:20') }), session('b', '10:10', '11:00')];
    const projected = projectRoomDay(late, 15, at('10:00'));
    expect(projected.get('a')!.endsAt.toISOString()).toBe(at('10:20').toISOString());
    expect(projected.get('b')!.startsAt.toISOString()).toBe(at('10:35').toISOString());
    expect(overUnderSeconds(late[0]!, at('10:00'))).toBe(20 * 60);
  });
});
