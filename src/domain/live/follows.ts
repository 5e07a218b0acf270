import { sql } from 'kysely';
import type { Database } from '../../db/client.js';
import type { Cue } from '../../db/types.js';
import { SYSTEM_ACTOR, writeEvent, type Written } from '../../db/write.js';
import { fireCue } from './firing.js';

/**
 * AUTO_FOLLOW cues that wait for the cue before them to end: the state lives in the database (the
 * previous cue's `firedAt` plus its duration), so a follow pending when a process stops is found by
 * whichever process looks next, and fires exactly once — the cue is locked and checked again inside
 * the write, so two processes (or a follow racing the caller's own GO) cannot both fire it.
 */

export type PendingFollow = { id: string; eventId: string; dueAt: Date };

/** The follows of live (or rehearsing) sessions whose previous cue has gone, soonest first. */
export async function pendingFollows(db: Database, limit = 50): Promise<PendingFollow[]> {
  const { rows } = await sql<{ id: string; event_id: string; due_at: Date }>`
    SELECT c.id, c.event_id, p.fired_at + make_interval(secs => coalesce(p.duration_seconds, 0)) AS due_at
      FROM cue c
      JOIN cue p ON p.session_id = c.session_id AND p.position = c.position - 1
      JOIN session s ON s.id = c.session_id
     WHERE c.trigger = 'AUTO_FOLLOW' AND c.state IN ('PENDING', 'STANDBY') AND p.state = 'FIRED'
       AND (s.status = 'LIVE' OR s.rehearsal_id IS NOT NULL)
     ORDER BY due_at, c.id
     LIMIT ${limit}`.execute(db);
  return rows.map((r) => ({ id: r.id, eventId: r.event_id, dueAt: r.due_at }));
}

/**
 * Fires a follow whose time has come, with the cues that continue from it, as the server (no
 * user). Anything that no longer holds — it went, was skipped, moved, its session ended, its time
 * is not yet — fires nothing and records nothing.
 */
export async function fireFollow(db: Database, follow: PendingFollow, now = new Date()): Promise<Written<Cue | null>> {
  return writeEvent(db, follow.eventId, SYSTEM_ACTOR, async (tx) => {
    const cue = await tx.selectFrom('cue').selectAll().where('id', '=', follow.id).forUpdate().executeTakeFirst();
    if (!cue || cue.trigger !== 'AUTO_FOLLOW' || (cue.state !== 'PENDING' && cue.state !== 'STANDBY'))
      return { result: null, change: null };
    const previous = await tx
      .selectFrom('cue')
      .selectAll()
      .where('session_id', '=', cue.session_id)
      .where('position', '=', cue.position - 1)
      .executeTakeFirst();
    const session = await tx.selectFrom('session').selectAll().where('id', '=', cue.session_id).forUpdate().executeTakeFirstOrThrow();
    if (!previous?.fired_at || previous.state !== 'FIRED' || (session.status !== 'LIVE' && !session.rehearsal_id))
      return { result: null, change: null };
    if (previous.fired_at.getTime() + (previous.duration_seconds ?? 0) * 1000 > now.getTime()) return { result: null, change: null };
    return fireCue(tx, SYSTEM_ACTOR, session, cue, 'Cue.followed');
  });
}
