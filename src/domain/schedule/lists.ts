import { sql } from 'kysely';
import { allOf, type ListSpec, type PageArgs } from '../../db/pagination.js';

/** The schedule's lists: sessions of an event or a room (with their filters), speakers, assignments. */

export type SessionFilters = PageArgs & {
  day?: string | null;
  roomId?: string | null;
  track?: string | null;
  kind?: string | null;
};

function sessionFilter(args: SessionFilters) {
  return allOf([
    args.day
      ? sql<boolean>`(starts_at AT TIME ZONE (SELECT e.timezone FROM event e WHERE e.id = session.event_id))::date = ${args.day}::date`
      : null,
    args.roomId ? sql<boolean>`room_id = ${args.roomId}` : null,
    args.track ? sql<boolean>`track = ${args.track}` : null,
    args.kind ? sql<boolean>`kind = ${args.kind}` : null,
  ]);
}

export const sessionsOfEvent: ListSpec<SessionFilters> = {
  name: 'event.sessions',
  table: 'session',
  parent: 'event_id',
  orderBy: ['starts_at'],
  filter: sessionFilter,
};
export const sessionsOfRoom: ListSpec<SessionFilters> = { ...sessionsOfEvent, name: 'room.sessions', parent: 'room_id' };
export const speakersOfEvent: ListSpec<PageArgs> = { name: 'event.speakers', table: 'speaker', parent: 'event_id', orderBy: ['name'] };
export const speakersOfSession: ListSpec<PageArgs> = {
  name: 'session.speakers',
  table: 'session_speaker',
  parent: 'session_id',
  orderBy: ['position'],
};
export const sessionsOfSpeaker: ListSpec<PageArgs> = {
  name: 'speaker.sessions',
  table: 'session_speaker',
  from: (db) =>
    db
      .selectFrom('session_speaker')
      .innerJoin('session', 'session.id', 'session_speaker.session_id')
      .selectAll('session_speaker')
      .select('session.starts_at'),
  parent: 'speaker_id',
  orderBy: ['starts_at'],
};
