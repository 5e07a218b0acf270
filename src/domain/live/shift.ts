import { sql } from 'kysely';
import type { Database } from '../../db/client.js';
import type { Session } from '../../db/types.js';
import { writeEvent, type Actor, type Written } from '../../db/write.js';
import { eventIdOf, findById } from '../entities.js';
import { ValidationError } from '../../shared/errors.js';

/** Live timing's schedule shift: a room's day moved by a delay, as one change. */

export type ShiftedSession = { id: string; from: Date; to: Date };

/**
 * Moves a session by `minutes` (negative: earlier) and the later sessions in its room on the same
 * day (in the event's time zone). With `absorbGaps`, a delay pushes each later session only as far
 * as it must to keep the room's changeover after the one before it (or the planned gap, where the
 * plan allowed less): free time between sessions soaks the delay up. Without it, every later
 * session moves by the same amount. Cancelled sessions stay where they are and hold nothing up; a
 * hard start stops the shift (it and what follows stay). The plan before the first shift is kept
 * as each session's baseline, and a negative shift never moves a session before it. One
 * transaction, one change; cues move with their sessions because they are offsets from its start.
 */
export async function shiftSchedule(
  db: Database,
  actor: Actor,
  sessionId: string,
  minutes: number,
  absorbGaps: boolean,
): Promise<Written<{ session: Session; moved: Session[] }>> {
  if (!Number.isInteger(minutes) || minutes === 0 || Math.abs(minutes) > 24 * 60) {
    throw new ValidationError({ field: 'minutes', message: 'must be a whole number of minutes, not 0, at most a day either way' });
  }
  const eventId = await eventIdOf(db, 'session', sessionId);
  return writeEvent(db, eventId, actor, async (tx, event) => {
    const session = await findById(tx, 'session', sessionId);
    if (!session.room_id)
      throw new ValidationError({ field: 'sessionId', message: 'the session has no room, so there is no room schedule to shift' });
    if (session.is_hard_start)
      throw new ValidationError({
        field: 'sessionId',
        message: 'the session is a hard start: it starts at its planned time, so a shift cannot move it',
      });
    const room = await findById(tx, 'room', session.room_id);
    const day = sql`(starts_at AT TIME ZONE ${event.timezone})::date`;
    const later = await tx
      .selectFrom('session')
      .selectAll()
      .where('room_id', '=', session.room_id)
      .where('id', '!=', session.id)
      .where('starts_at', '>=', session.starts_at)
      .where(sql<boolean>`${day} = (${session.starts_at}::timestamptz AT TIME ZONE ${event.timezone})::date`)
      .orderBy('starts_at')
      .orderBy('id')
      .forUpdate()
      .execute();
    const shift = minutes * 60_000;
    const changeover = room.changeover_minutes * 60_000;
    // Never earlier than published: a negative shift stops at each session's baseline.
    const clamp = (row: Session, by: number) => Math.max(by, (row.baseline_starts_at ?? row.starts_at).getTime() - row.starts_at.getTime());
    const first = clamp(session, shift);
    if (first === 0)
      throw new ValidationError({
        field: 'minutes',
        message: 'the session is already at its published start (its baseline); it cannot move earlier than that',
      });
    const moves: { row: Session; by: number }[] = [{ row: session, by: first }];
    let previousEnd = session.ends_at.getTime() + first;
    let previousPlannedEnd = session.ends_at.getTime();
    // A cancelled session neither moves nor holds anything up: it is not happening.
    for (const row of later.filter((s) => s.status !== 'CANCELLED')) {
      // A hard start stays at its time, and so does everything after it: the delay stops there
      // (HARD_START_AT_RISK says when it no longer fits).
      if (row.is_hard_start) break;
      let by = shift;
      if (absorbGaps && shift > 0) {
        // The changeover, or the planned gap where the plan already allowed less (an agency's
        // decision the delay should not undo by inflating it).
        const gap = Math.min(changeover, Math.max(0, row.starts_at.getTime() - previousPlannedEnd));
        by = Math.max(0, previousEnd + gap - row.starts_at.getTime());
      }
      by = clamp(row, by);
      if (by !== 0) moves.push({ row, by });
      previousEnd = row.ends_at.getTime() + by;
      previousPlannedEnd = row.ends_at.getTime();
    }
    const moved: Session[] = [];
    for (const { row, by } of moves) {
      moved.push(
        await tx
          .updateTable('session')
          .set((eb) => ({
            starts_at: new Date(row.starts_at.getTime() + by),
            ends_at: new Date(row.ends_at.getTime() + by),
            // The plan as it was before live timing first moved it stays as the baseline.
            baseline_starts_at: row.baseline_starts_at ?? row.starts_at,
            baseline_ends_at: row.baseline_ends_at ?? row.ends_at,
            version: eb('version', '+', 1),
            updated_at: new Date(),
          }))
          .where('id', '=', row.id)
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
    }
    const entry = (s: Session) => ({ id: s.id, startsAt: s.starts_at, endsAt: s.ends_at, version: s.version });
    return {
      result: { session: moved[0]!, moved },
      change: {
        kind: 'Schedule.shifted',
        entityType: 'Session',
        entityId: session.id,
        before: { minutes, absorbGaps, sessions: moves.map(({ row }) => entry(row)) },
        after: { minutes, absorbGaps, sessions: moved.map(entry) },
      },
    };
  });
}

/**
 * Publishes the plan as it stands as every session's baseline (management's "this is the
 * schedule"): over/under and delays are measured against it from now on. One change; publishing
 * a plan that is already the baseline changes nothing.
 */
export async function publishBaseline(db: Database, actor: Actor, eventId: string): Promise<Written<{ sessions: number }>> {
  return writeEvent(db, eventId, actor, async (tx) => {
    const touched = await tx
      .updateTable('session')
      .set((eb) => ({
        baseline_starts_at: eb.ref('starts_at'),
        baseline_ends_at: eb.ref('ends_at'),
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('event_id', '=', eventId)
      .where((eb) =>
        eb.or([
          eb('baseline_starts_at', 'is', null),
          eb('baseline_starts_at', '!=', eb.ref('starts_at')),
          eb('baseline_ends_at', '!=', eb.ref('ends_at')),
        ]),
      )
      .returning('id')
      .execute();
    if (touched.length === 0) return { result: { sessions: 0 }, change: null };
    return {
      result: { sessions: touched.length },
      change: {
        kind: 'Schedule.baselinePublished',
        entityType: 'Event',
        entityId: eventId,
        before: null,
        after: { sessions: touched.map((s) => s.id) },
      },
    };
  });
}
