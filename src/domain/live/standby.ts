import type { Database } from '../../db/client.js';
import type { Actor } from '../../db/write.js';
import { cueLabel } from '../runofshow/runofshow.js';
import { CueStateError, nextCueOf, onCue, setState } from './commands.js';

/**
 * Standby, as callers and operators work it: the caller warns a cue ("standby LX 12"), its
 * operator answers ("LX standing by"), the caller may stand it down. A GO never waits for the
 * answer — a device or a headset must never block a show — but a cue fired without one is marked
 * `calledWithoutStandby` (firing.ts).
 */

/** PENDING → STANDBY: the caller warns the cue. Warning it again changes nothing. */
export function warnCue(db: Database, actor: Actor, cueId: string) {
  return onCue(db, actor, cueId, async (tx, cue) => {
    if (cue.state === 'STANDBY') return { result: cue, change: null };
    if (cue.state !== 'PENDING') {
      throw new CueStateError(
        `${cueLabel(cue)} has ${cue.state === 'FIRED' ? 'already gone' : 'been skipped'}; reset the show to run it again.`,
        await nextCueOf(tx, cue.session_id),
      );
    }
    return setState(
      tx,
      cue,
      { state: 'STANDBY', warned_at: new Date(), acknowledged_at: null, acknowledged_by_user_id: null },
      'Cue.standby',
    );
  });
}

/** The operator answers a standby. Answering again changes nothing; only a cue standing by can be answered. */
export function acknowledgeStandby(db: Database, actor: Actor, cueId: string) {
  return onCue(db, actor, cueId, async (tx, cue) => {
    if (cue.state !== 'STANDBY')
      throw new CueStateError(
        `${cueLabel(cue)} is not standing by (it is ${cue.state}); nothing to acknowledge.`,
        await nextCueOf(tx, cue.session_id),
      );
    if (cue.acknowledged_at) return { result: cue, change: null };
    return setState(tx, cue, { acknowledged_at: new Date(), acknowledged_by_user_id: actor.userId }, 'Cue.standbyAcknowledged');
  });
}

/** STANDBY → PENDING: the caller stands the cue down. A cue not standing by is left as it is. */
export function cancelStandby(db: Database, actor: Actor, cueId: string) {
  return onCue(db, actor, cueId, async (tx, cue) => {
    if (cue.state !== 'STANDBY') return { result: cue, change: null };
    return setState(
      tx,
      cue,
      { state: 'PENDING', warned_at: null, acknowledged_at: null, acknowledged_by_user_id: null },
      'Cue.standbyCancelled',
    );
  });
}
