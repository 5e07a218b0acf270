import type { Transaction } from 'kysely';
import type { Cue, DB, Session } from '../../db/types.js';
import type { Actor, ChangeRecord } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { updateChange } from '../entities.js';
import { refuseCancelled } from './refusals.js';
import { showSessionTimer, startWithShow } from './stage.js';

type Tx = Transaction<DB>;

/**
 * What one GO does, in one transaction and one change: the cue fires, the cues that go with it
 * fire too (AUTO_CONTINUE, and AUTO_FOLLOW after a cue with no running time), the cues it jumps
 * over are passed over, and a session that had not started starts. An AUTO_FOLLOW after a cue
 * that runs for a while is the follow runner's (follows.ts): it fires when that cue ends.
 */

/** What live commands change on a cue: its state and the instants and people of calling it. */
export type CueLivePatch = Partial<
  Pick<
    Cue,
    'state' | 'fired_at' | 'fired_by_user_id' | 'warned_at' | 'acknowledged_at' | 'acknowledged_by_user_id' | 'called_without_standby'
  >
>;

/** A cue back to where it was before the show: PENDING, nothing called. */
export const UNCALLED: CueLivePatch = {
  state: 'PENDING',
  fired_at: null,
  fired_by_user_id: null,
  warned_at: null,
  acknowledged_at: null,
  acknowledged_by_user_id: null,
  called_without_standby: false,
};

export async function setCueState(tx: Tx, before: Cue, patch: CueLivePatch): Promise<Cue> {
  return tx
    .updateTable('cue')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

const waiting = (cue: Cue) => cue.state === 'PENDING' || cue.state === 'STANDBY';

/** Whether `cue` goes on its own the moment the cue before it goes. */
export const goesWithPrevious = (cue: Cue, previous: Cue) =>
  cue.trigger === 'AUTO_CONTINUE' || (cue.trigger === 'AUTO_FOLLOW' && !previous.duration_seconds);

/**
 * The GO checks every path shares: a cancelled or ended session fires nothing. Returns the session
 * locked for the change.
 */
export async function sessionForGo(tx: Tx, sessionId: string): Promise<Session> {
  const session = await tx.selectFrom('session').selectAll().where('id', '=', sessionId).forUpdate().executeTakeFirstOrThrow();
  refuseCancelled(session, 'called');
  // A rehearsal runs on a state of its own, whatever the show's status is.
  if (session.status === 'ENDED' && !session.rehearsal_id)
    throw new ValidationError({
      field: 'sessionId',
      message: 'the session has ended, so nothing in it can go; reset the show to run it again',
    });
  return session;
}

const entry = (c: Cue) => ({ id: c.id, state: c.state, firedAt: c.fired_at?.toISOString() ?? null, version: c.version });

/**
 * Fires `cue` and everything that goes with it. The cues before it that are still waiting are
 * passed over (SKIPPED): the playhead is where the last GO was, so `nextCue` is always the first
 * waiting cue after it. The session starts with its first GO.
 */
export async function fireCue(
  tx: Tx,
  actor: Actor,
  session: Session,
  cue: Cue,
  kind = 'Cue.fired',
): Promise<{ result: Cue; change: ChangeRecord }> {
  const now = new Date();
  const cues = await tx.selectFrom('cue').selectAll().where('session_id', '=', session.id).orderBy('position').forUpdate().execute();
  const passedOver: Cue[] = [];
  for (const c of cues) {
    if (c.position >= cue.position) break;
    if (waiting(c)) passedOver.push(await setCueState(tx, c, { state: 'SKIPPED' }));
  }
  // A GO never waits for a device or an answer: it fires, and says when the operator had not acknowledged a standby.
  const answered = cue.state === 'STANDBY' && cue.acknowledged_at !== null;
  const fired = await setCueState(tx, cue, {
    state: 'FIRED',
    fired_at: now,
    fired_by_user_id: actor.userId,
    called_without_standby: !answered,
  });
  const followers: Cue[] = [];
  let previous = fired;
  for (const c of cues.filter((c) => c.position > cue.position)) {
    if (!waiting(c) || !goesWithPrevious(c, previous)) break;
    previous = await setCueState(tx, c, { state: 'FIRED', fired_at: now, fired_by_user_id: actor.userId });
    followers.push(previous);
  }
  const started = await startWithShow(tx, session, now);
  if (started) await showSessionTimer(tx, started);
  const change = updateChange(kind, 'Cue', cue.id, cue, fired);
  const after: Record<string, unknown> = { ...change.after };
  if (followers.length) after.followers = followers.map(entry);
  if (passedOver.length) after.passedOver = passedOver.map(entry);
  if (session.rehearsal_id) after.rehearsal = session.rehearsal_id;
  if (started) after.session = { id: started.id, status: started.status, actualStartAt: now.toISOString(), version: started.version };
  return { result: fired, change: { ...change, after } };
}
