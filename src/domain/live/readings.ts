import type { Selectable } from 'kysely';
import type { Executor, UntypedDb } from '../../db/client.js';
import type { DB, Room, Session, StageOutput } from '../../db/types.js';

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

/** A session's rows of one table (its cues, segments, holds, rehearsals, versions), and the order they are read in. */
const BY_SESSION = {
  cue: 'position',
  segment: 'position',
  session_hold: 'started_at',
  show_run: 'started_at',
  run_of_show_version: 'number',
} as const;
type BySession = keyof typeof BY_SESSION;

/** Every row of `table` of each session, in the table's order, in key order: one statement for all sessions. */
export async function findOfSessions<T extends BySession>(
  db: Executor,
  table: T,
  sessionIds: readonly string[],
): Promise<Selectable<DB[T]>[][]> {
  const rows = (await (db as unknown as UntypedDb)
    .selectFrom(table)
    .selectAll()
    .where('session_id', 'in', sessionIds as string[])
    .orderBy(BY_SESSION[table])
    .execute()) as (Selectable<DB[T]> & { session_id: string })[];
  return sessionIds.map((id) => rows.filter((r) => r.session_id === id));
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

/** Each room's stage output, or null where nothing has been shown yet, in key order. */
export async function findStageOutputsOfRooms(db: Executor, roomIds: readonly string[]): Promise<(StageOutput | null)[]> {
  const rows = await db
    .selectFrom('stage_output')
    .selectAll()
    .where('room_id', 'in', roomIds as string[])
    .execute();
  return roomIds.map((id) => rows.find((r) => r.room_id === id) ?? null);
}
