import type { Database, Executor } from '../../db/client.js';
import type { SessionHold } from '../../db/types.js';
import { writeEvent, type Actor, type Written } from '../../db/write.js';
import { describe, eventIdOf } from '../entities.js';
import { ValidationError } from '../../shared/errors.js';
import { refuseCancelled, refuseRehearsing } from './refusals.js';
import { holdStageOf } from './stage.js';

/**
 * Holds: the show stops and waits ("hold for the CEO", "hold: fire alarm"). Each is recorded with
 * its reason and its interval; a live session's projected end moves by the time held, and the
 * room's stage timer stands still while its session is held.
 */

async function openHold(db: Executor, sessionId: string) {
  return db.selectFrom('session_hold').selectAll().where('session_id', '=', sessionId).where('ended_at', 'is', null).executeTakeFirst();
}

/** Holds the session from now (or `at`). Holding a session that is already held changes nothing. */
export async function holdSession(
  db: Database,
  actor: Actor,
  sessionId: string,
  reason: string,
  at: Date = new Date(),
): Promise<Written<SessionHold>> {
  const eventId = await eventIdOf(db, 'session', sessionId);
  return writeEvent(db, eventId, actor, async (tx) => {
    const session = await tx.selectFrom('session').selectAll().where('id', '=', sessionId).forUpdate().executeTakeFirstOrThrow();
    refuseCancelled(session, 'held');
    refuseRehearsing(session, 'held');
    if (session.status === 'ENDED')
      throw new ValidationError({ field: 'sessionId', message: 'the session has ended; there is nothing to hold' });
    const open = await openHold(tx, sessionId);
    if (open) return { result: open, change: null };
    const hold = await tx
      .insertInto('session_hold')
      .values({ event_id: eventId, session_id: sessionId, reason, started_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (session.room_id) await holdStageOf(tx, session.room_id, eventId, sessionId, true, at);
    return {
      result: hold,
      change: { kind: 'Session.held', entityType: 'SessionHold', entityId: hold.id, before: null, after: describe(hold) },
    };
  });
}

/** Ends the session's hold now (or at `at`); the stage timer runs on. Releasing again changes nothing. */
export async function releaseHold(db: Database, actor: Actor, sessionId: string, at: Date = new Date()): Promise<Written<SessionHold>> {
  const eventId = await eventIdOf(db, 'session', sessionId);
  return writeEvent(db, eventId, actor, async (tx) => {
    const session = await tx.selectFrom('session').selectAll().where('id', '=', sessionId).forUpdate().executeTakeFirstOrThrow();
    const open = await openHold(tx, sessionId);
    if (!open) {
      const last = await tx
        .selectFrom('session_hold')
        .selectAll()
        .where('session_id', '=', sessionId)
        .orderBy('started_at', 'desc')
        .executeTakeFirst();
      if (last) return { result: last, change: null };
      throw new ValidationError({ field: 'sessionId', message: 'the session is not on hold' });
    }
    if (at.getTime() < open.started_at.getTime())
      throw new ValidationError({ field: 'at', message: 'must not be before the hold started' });
    const released = await tx
      .updateTable('session_hold')
      .set((eb) => ({ ended_at: at, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', open.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (session.room_id) await holdStageOf(tx, session.room_id, eventId, sessionId, false, at);
    return {
      result: released,
      change: {
        kind: 'Session.holdReleased',
        entityType: 'SessionHold',
        entityId: open.id,
        before: { endedAt: null, version: open.version },
        after: { endedAt: at.toISOString(), version: released.version },
      },
    };
  });
}

/** Milliseconds each session has been held, up to `now` for a hold still open. */
export function heldMs(holds: readonly SessionHold[], now: Date): number {
  return holds.reduce((sum, h) => sum + Math.max(0, (h.ended_at ?? now).getTime() - h.started_at.getTime()), 0);
}
