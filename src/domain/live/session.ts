import type { Database } from '../../db/client.js';
import type { Transaction } from 'kysely';
import type { DB, Session } from '../../db/types.js';
import { writeEvent, type Actor, type Written } from '../../db/write.js';
import { eventIdOf, findById, sameValue, updateChange } from '../entities.js';
import { ValidationError } from '../../shared/errors.js';
import { refuseCancelled, refuseRehearsing } from './refusals.js';
import { clearTimerOf, showSessionTimer } from './stage.js';
import { UNCALLED } from './firing.js';

/** Live timing of a session: its actual start and end, and a reset to the plan. */

/** Puts every cue of the session back to PENDING and clears its actual times and its segments': one change. */
export async function resetShow(db: Database, actor: Actor, sessionId: string): Promise<Written<Session>> {
  const eventId = await eventIdOf(db, 'session', sessionId);
  return writeEvent(db, eventId, actor, async (tx) => {
    const before = await findById(tx, 'session', sessionId);
    refuseCancelled(before, 'reset');
    refuseRehearsing(before, 'reset');
    const touched = await tx
      .updateTable('cue')
      .set((eb) => ({ ...UNCALLED, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('session_id', '=', sessionId)
      .where((eb) =>
        eb.or([
          eb('state', '!=', 'PENDING'),
          eb('fired_at', 'is not', null),
          eb('warned_at', 'is not', null),
          eb('called_without_standby', '=', true),
        ]),
      )
      .returning('id')
      .execute();
    const segments = await tx
      .updateTable('segment')
      .set((eb) => ({ actual_start_at: null, actual_end_at: null, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('session_id', '=', sessionId)
      .where((eb) => eb.or([eb('actual_start_at', 'is not', null), eb('actual_end_at', 'is not', null)]))
      .returning('id')
      .execute();
    // Like a second GO: resetting a show that is already as planned changes nothing and records nothing.
    if (touched.length === 0 && segments.length === 0 && before.status === 'SCHEDULED' && !before.actual_start_at && !before.actual_end_at)
      return { result: before, change: null };
    const after = await tx
      .updateTable('session')
      .set((eb) => ({
        status: 'SCHEDULED',
        actual_start_at: null,
        actual_end_at: null,
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', sessionId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (after.room_id) await clearTimerOf(tx, after.room_id, eventId, sessionId);
    const change = updateChange('Session.showReset', 'Session', sessionId, before, after);
    return { result: after, change: { ...change, after: { ...change.after, cuesReset: touched.length, segmentsReset: segments.length } } };
  });
}

type LivePatch = Partial<Pick<Session, 'status' | 'actual_start_at' | 'actual_end_at'>>;

async function onSession(
  db: Database,
  actor: Actor,
  sessionId: string,
  kind: string,
  patch: (s: Session) => LivePatch,
  /** What else the change does in the same transaction (the stage timer, the live segment). */
  also?: (tx: Transaction<DB>, after: Session, eventId: string) => Promise<void>,
): Promise<Written<Session>> {
  const eventId = await eventIdOf(db, 'session', sessionId);
  return writeEvent(db, eventId, actor, async (tx) => {
    const before = await tx.selectFrom('session').selectAll().where('id', '=', sessionId).forUpdate().executeTakeFirstOrThrow();
    const values = patch(before);
    if (Object.entries(values).every(([key, value]) => sameValue(before[key as keyof Session], value)))
      return { result: before, change: null };
    const after = await tx
      .updateTable('session')
      .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', sessionId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await also?.(tx, after, eventId);
    return { result: after, change: updateChange(kind, 'Session', sessionId, before, after) };
  });
}

/** Records the actual start (now, or the instant given), and puts the session's timer on its stage (stage.ts). */
export function startSession(db: Database, actor: Actor, sessionId: string, at: Date = new Date()) {
  return onSession(
    db,
    actor,
    sessionId,
    'Session.started',
    (s) => {
      refuseCancelled(s, 'started');
      refuseRehearsing(s, 'started');
      if (s.status === 'ENDED')
        throw new ValidationError({ field: 'sessionId', message: 'the session has ended; reset the show to run it again' });
      return { status: 'LIVE', actual_start_at: s.actual_start_at ?? at };
    },
    (tx, after) => showSessionTimer(tx, after),
  );
}

/**
 * Records the actual end (now, or the instant given); a session that never started starts then
 * too. Its live segment ends with it, and its timer leaves the stage.
 */
export function endSession(db: Database, actor: Actor, sessionId: string, at: Date = new Date()) {
  return onSession(
    db,
    actor,
    sessionId,
    'Session.ended',
    (s) => {
      refuseCancelled(s, 'ended');
      refuseRehearsing(s, 'ended');
      const start = s.actual_start_at ?? at;
      if (at.getTime() < start.getTime()) throw new ValidationError({ field: 'at', message: 'must not be before the actual start' });
      return { status: 'ENDED', actual_start_at: start, actual_end_at: s.actual_end_at ?? at };
    },
    async (tx, after, eventId) => {
      await tx
        .updateTable('segment')
        .set((eb) => ({ actual_end_at: after.actual_end_at, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('session_id', '=', after.id)
        .where('actual_start_at', 'is not', null)
        .where('actual_end_at', 'is', null)
        .execute();
      if (after.room_id) await clearTimerOf(tx, after.room_id, eventId, after.id);
    },
  );
}
