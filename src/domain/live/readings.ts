import type { Executor } from '../../db/client.js';
import type { Cue, Room, Segment, Session, SessionHold, StageOutput } from '../../db/types.js';

/** What the live views read: repository functions, executor first, in one statement each. */

/** The sessions of each room that still count (not cancelled), in key order. */
export async function findSessionsOfRooms(db: Executor, roomIds: readonly string[]): Promise<Session[][]> {
  const rows = await db
    .selectFrom('session')
    .selectAll()
    .where('room_id', 'in', roomIds as string[])
    .where('status', '!=', 'CANCELLED')
    .execute();
  return roomIds.map((id) => rows.filter((r) => r.room_id === id));
}

/** Every cue of each session, in running order, in key order. */
export async function findCuesOfSessions(db: Executor, sessionIds: readonly string[]): Promise<Cue[][]> {
  const rows = await db
    .selectFrom('cue')
    .selectAll()
    .where('session_id', 'in', sessionIds as string[])
    .orderBy('position')
    .execute();
  return sessionIds.map((id) => rows.filter((c) => c.session_id === id));
}

/** An event's rooms by name, each with its sessions that count, in start order. */
export async function findRoomsWithSessions(
  db: Executor,
  eventId: string,
): Promise<{ room: Pick<Room, 'id' | 'name'>; sessions: Session[] }[]> {
  const [rooms, sessions] = await Promise.all([
    db.selectFrom('room').select(['id', 'name']).where('event_id', '=', eventId).orderBy('name').execute(),
    db
      .selectFrom('session')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('room_id', 'is not', null)
      .where('status', '!=', 'CANCELLED')
      .orderBy('starts_at')
      .execute(),
  ]);
  return rooms.map((room) => ({ room, sessions: sessions.filter((s) => s.room_id === room.id) }));
}

/** The event's revision as this executor sees it, by the event or by one of its sessions. */
export async function revisionOf(db: Executor, id: string, of: 'event' | 'session'): Promise<number> {
  const row =
    of === 'event'
      ? await db.selectFrom('event').select('revision').where('id', '=', id).executeTakeFirstOrThrow()
      : await db
          .selectFrom('session')
          .innerJoin('event', 'event.id', 'session.event_id')
          .select('event.revision')
          .where('session.id', '=', id)
          .executeTakeFirstOrThrow();
  return row.revision;
}

/** Every segment of each session, in running order, in key order. */
export async function findSegmentsOfSessions(db: Executor, sessionIds: readonly string[]): Promise<Segment[][]> {
  const rows = await db
    .selectFrom('segment')
    .selectAll()
    .where('session_id', 'in', sessionIds as string[])
    .orderBy('position')
    .execute();
  return sessionIds.map((id) => rows.filter((s) => s.session_id === id));
}

/** Each room's stage output, or null where nothing has been shown yet, in key order. */
export async function findStageOutputsOfRooms(db: Executor, roomIds: readonly string[]): Promise<(StageOutput | null)[]> {
  const rows = await db
    .selectFrom('stage_output')
    .selectAll()
    .where('room_id', 'in', roomIds as string[])
    .execute();
  return roomIds.map((id) => rows.find((r) => r.room_id === id) ?? null);
}

/** Every hold of each session, oldest first, in key order. */
export async function findHoldsOfSessions(db: Executor, sessionIds: readonly string[]): Promise<SessionHold[][]> {
  const rows = await db
    .selectFrom('session_hold')
    .selectAll()
    .where('session_id', 'in', sessionIds as string[])
    .orderBy('started_at')
    .execute();
  return sessionIds.map((id) => rows.filter((h) => h.session_id === id));
}
