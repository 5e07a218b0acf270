import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { DB, ShowRun } from '../../db/types.js';
import { writeEvent, type Actor, type Written } from '../../db/write.js';
import { describe, eventIdOf } from '../entities.js';
import { ValidationError } from '../../shared/errors.js';
import { refuseCancelled } from './refusals.js';
import { clearTimerOf } from './stage.js';
import { UNCALLED } from './firing.js';

type Tx = Transaction<DB>;

/**
 * Rehearsal runs. The run-of-show's live state (cue states and times, segment actuals) is the
 * show's; a rehearsal sets it aside in its run, runs the same commands on a clean state, and puts
 * the show's state back when it ends, keeping what happened in the rehearsal with the run. The
 * session's own status and actual times are never touched while it is rehearsed (GO does not start
 * it), so the overview, over/under and projections see only the show.
 */

type LiveState = { cues: Record<string, unknown>[]; segments: Record<string, unknown>[] };

/** The session's cue and segment state as it stands, as JSON rows. */
async function liveStateOf(tx: Tx, sessionId: string): Promise<LiveState> {
  const { rows } = await sql<LiveState>`
    SELECT
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'state', state, 'fired_at', fired_at, 'fired_by_user_id', fired_by_user_id,
         'warned_at', warned_at, 'acknowledged_at', acknowledged_at, 'acknowledged_by_user_id', acknowledged_by_user_id,
         'called_without_standby', called_without_standby) ORDER BY position), '[]'::jsonb)
         FROM cue WHERE session_id = ${sessionId}) AS cues,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'actual_start_at', actual_start_at, 'actual_end_at', actual_end_at) ORDER BY position), '[]'::jsonb)
         FROM segment WHERE session_id = ${sessionId}) AS segments`.execute(tx);
  return rows[0]!;
}

/** Puts a saved state back; cues and segments made since it was saved start uncalled. */
async function restore(tx: Tx, sessionId: string, state: LiveState): Promise<void> {
  await tx
    .updateTable('cue')
    .set((eb) => ({ ...UNCALLED, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('session_id', '=', sessionId)
    .execute();
  await tx
    .updateTable('segment')
    .set((eb) => ({ actual_start_at: null, actual_end_at: null, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('session_id', '=', sessionId)
    .execute();
  await sql`
    UPDATE cue c SET state = s.state, fired_at = s.fired_at, fired_by_user_id = s.fired_by_user_id, warned_at = s.warned_at,
           acknowledged_at = s.acknowledged_at, acknowledged_by_user_id = s.acknowledged_by_user_id,
           called_without_standby = s.called_without_standby
      FROM jsonb_to_recordset(${JSON.stringify(state.cues)}::jsonb) AS s(id uuid, state text, fired_at timestamptz, fired_by_user_id uuid,
           warned_at timestamptz, acknowledged_at timestamptz, acknowledged_by_user_id uuid, called_without_standby boolean)
     WHERE c.id = s.id AND c.session_id = ${sessionId}`.execute(tx);
  await sql`
    UPDATE segment g SET actual_start_at = s.actual_start_at, actual_end_at = s.actual_end_at
      FROM jsonb_to_recordset(${JSON.stringify(state.segments)}::jsonb) AS s(id uuid, actual_start_at timestamptz, actual_end_at timestamptz)
     WHERE g.id = s.id AND g.session_id = ${sessionId}`.execute(tx);
}

/** Starts rehearsing a session that is not live: its show state is set aside, its cues wait. Starting again changes nothing. */
export async function startRehearsal(db: Database, actor: Actor, sessionId: string, at: Date = new Date()): Promise<Written<ShowRun>> {
  const eventId = await eventIdOf(db, 'session', sessionId);
  return writeEvent(db, eventId, actor, async (tx) => {
    const session = await tx.selectFrom('session').selectAll().where('id', '=', sessionId).forUpdate().executeTakeFirstOrThrow();
    refuseCancelled(session, 'rehearsed');
    if (session.rehearsal_id)
      return {
        result: await tx.selectFrom('show_run').selectAll().where('id', '=', session.rehearsal_id).executeTakeFirstOrThrow(),
        change: null,
      };
    if (session.status === 'LIVE')
      throw new ValidationError({ field: 'sessionId', message: 'the show is live; rehearse before it starts or after it ends' });
    const run = await tx
      .insertInto('show_run')
      .values({
        event_id: eventId,
        session_id: sessionId,
        kind: 'REHEARSAL',
        started_at: at,
        show_state: JSON.stringify(await liveStateOf(tx, sessionId)),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await restore(tx, sessionId, { cues: [], segments: [] });
    await tx
      .updateTable('session')
      .set((eb) => ({ rehearsal_id: run.id, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', sessionId)
      .execute();
    const { show_state: _set, ...shown } = describe(run) as Record<string, unknown>;
    return { result: run, change: { kind: 'Rehearsal.started', entityType: 'Rehearsal', entityId: run.id, before: null, after: shown } };
  });
}

/** Ends the rehearsal: what happened in it stays with the run, and the show's state comes back as it was. */
export async function endRehearsal(db: Database, actor: Actor, sessionId: string, at: Date = new Date()): Promise<Written<ShowRun>> {
  const eventId = await eventIdOf(db, 'session', sessionId);
  return writeEvent(db, eventId, actor, async (tx) => {
    const session = await tx.selectFrom('session').selectAll().where('id', '=', sessionId).forUpdate().executeTakeFirstOrThrow();
    if (!session.rehearsal_id) {
      const last = await tx
        .selectFrom('show_run')
        .selectAll()
        .where('session_id', '=', sessionId)
        .orderBy('started_at', 'desc')
        .executeTakeFirst();
      if (last) return { result: last, change: null };
      throw new ValidationError({ field: 'sessionId', message: 'no rehearsal of this session is running' });
    }
    const run = await tx.selectFrom('show_run').selectAll().where('id', '=', session.rehearsal_id).forUpdate().executeTakeFirstOrThrow();
    const result = await liveStateOf(tx, sessionId);
    await restore(tx, sessionId, run.show_state as LiveState);
    const ended = await tx
      .updateTable('show_run')
      .set((eb) => ({ ended_at: at, result: JSON.stringify(result), version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', run.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('session')
      .set((eb) => ({ rehearsal_id: null, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', sessionId)
      .execute();
    if (session.room_id) await clearTimerOf(tx, session.room_id, eventId, sessionId);
    return {
      result: ended,
      change: {
        kind: 'Rehearsal.ended',
        entityType: 'Rehearsal',
        entityId: run.id,
        before: { endedAt: null },
        after: { endedAt: at.toISOString(), version: ended.version },
      },
    };
  });
}
