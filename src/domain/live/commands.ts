import type { Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { Cue, DB } from '../../db/types.js';
import { writeEvent, type Actor, type ChangeRecord, type Written } from '../../db/write.js';
import { eventIdOf, updateChange } from '../entities.js';
import { DomainError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { cueLabel } from '../runofshow/runofshow.js';
import { fireCue, sessionForGo, setCueState, UNCALLED, type CueLivePatch } from './firing.js';

type Tx = Transaction<DB>;

/** A show-calling command that does not fit the show's state, with the cue that is next instead. */
export class CueStateError extends DomainError {
  constructor(
    message: string,
    /** The cue that would go next now, if any. */
    readonly nextCue: Cue | null,
  ) {
    super(message);
    this.name = 'CueStateError';
  }
}

/** The first cue of the session, in running order, that has not gone or been skipped. */
export async function nextCueOf(db: Database | Tx, sessionId: string): Promise<Cue | null> {
  return (
    (await db
      .selectFrom('cue')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('state', 'in', ['PENDING', 'STANDBY'])
      .orderBy('position')
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

async function lockCue(tx: Tx, cueId: string): Promise<Cue> {
  const cue = await tx.selectFrom('cue').selectAll().where('id', '=', cueId).forUpdate().executeTakeFirst();
  if (!cue) throw new NotFoundError('Cue', cueId);
  return cue;
}

export async function setState(tx: Tx, before: Cue, patch: CueLivePatch, kind: string) {
  const after = await setCueState(tx, before, patch);
  return { result: after, change: updateChange(kind, 'Cue', before.id, before, after) };
}

/** Each command locks the event through the write path; the cue's own checks run inside it. */
export async function onCue<T>(
  db: Database,
  actor: Actor,
  cueId: string,
  work: (tx: Tx, cue: Cue) => Promise<{ result: T; change: ChangeRecord | null }>,
): Promise<Written<T>> {
  const eventId = await eventIdOf(db, 'cue', cueId);
  return writeEvent(db, eventId, actor, async (tx) => work(tx, await lockCue(tx, cueId)));
}

/**
 * GO. A cue that already went is returned unchanged — a retried or double-pressed GO never fires
 * twice and records nothing. A skipped cue is refused. GO on a cue further down the list moves the
 * playhead there: the waiting cues it jumps over are passed over (SKIPPED), in the same change.
 * The cues that go with it (AUTO_CONTINUE) fire in the same change too; see firing.ts.
 */
export function goCue(db: Database, actor: Actor, cueId: string) {
  return onCue(db, actor, cueId, async (tx, cue) => {
    if (cue.state === 'FIRED') return { result: cue, change: null };
    if (cue.state === 'SKIPPED')
      throw new CueStateError(`${cueLabel(cue)} was skipped; reset the show to run it again.`, await nextCueOf(tx, cue.session_id));
    return fireCue(tx, actor, await sessionForGo(tx, cue.session_id), cue);
  });
}

/**
 * GO on whatever is next in the session — but only if it is the cue the caller expects. If the
 * expected cue already went (the same GO, pressed twice), it is returned unchanged.
 */
export async function goNextCue(db: Database, actor: Actor, sessionId: string, expectedCueId: string): Promise<Written<Cue>> {
  const eventId = await eventIdOf(db, 'session', sessionId);
  return writeEvent(db, eventId, actor, async (tx) => {
    const next = await nextCueOf(tx, sessionId);
    if (next?.id === expectedCueId) return fireCue(tx, actor, await sessionForGo(tx, sessionId), await lockCue(tx, next.id));
    const expected = await tx.selectFrom('cue').selectAll().where('id', '=', expectedCueId).executeTakeFirst();
    if (!expected || expected.session_id !== sessionId)
      throw new ValidationError({ field: 'expectedCueId', message: 'no such cue in this session' });
    if (expected.state === 'FIRED' && (!next || next.position > expected.position)) return { result: expected, change: null };
    throw new CueStateError(
      next
        ? `The next cue is ${cueLabel(next)} "${next.title}", not ${cueLabel(expected)}. Nothing was fired.`
        : `Every cue of this session has gone or been skipped. Nothing was fired.`,
      next,
    );
  });
}

/** PENDING or STANDBY → SKIPPED. Skipping again changes nothing; a cue that went cannot be skipped. */
export function skipCue(db: Database, actor: Actor, cueId: string) {
  return onCue(db, actor, cueId, async (tx, cue) => {
    if (cue.state === 'SKIPPED') return { result: cue, change: null };
    if (cue.state === 'FIRED')
      throw new CueStateError(`${cueLabel(cue)} has already gone and cannot be skipped.`, await nextCueOf(tx, cue.session_id));
    return setState(tx, cue, { state: 'SKIPPED' }, 'Cue.skipped');
  });
}

/** SKIPPED → PENDING: a cue passed over comes back; it is next when nothing before it waits. */
export function unskipCue(db: Database, actor: Actor, cueId: string) {
  return onCue(db, actor, cueId, async (tx, cue) => {
    if (cue.state !== 'SKIPPED') {
      if (cue.state === 'FIRED')
        throw new CueStateError(`${cueLabel(cue)} has already gone; it was not skipped.`, await nextCueOf(tx, cue.session_id));
      return { result: cue, change: null };
    }
    return setState(tx, cue, UNCALLED, 'Cue.unskipped');
  });
}

/**
 * Moves the playhead so that `cueId` is next, firing nothing: going forward, the waiting cues it
 * jumps over are passed over (SKIPPED); going back (a rehearsal's "again from LX 12"), it and every
 * cue after it wait again. One change.
 */
export async function jumpToCue(db: Database, actor: Actor, sessionId: string, cueId: string): Promise<Written<Cue>> {
  const eventId = await eventIdOf(db, 'session', sessionId);
  return writeEvent(db, eventId, actor, async (tx) => {
    const cues = await tx.selectFrom('cue').selectAll().where('session_id', '=', sessionId).orderBy('position').forUpdate().execute();
    const target = cues.find((c) => c.id === cueId);
    if (!target) throw new ValidationError({ field: 'cueId', message: 'no such cue in this session' });
    await sessionForGo(tx, sessionId);
    const passedOver: string[] = [];
    const again: string[] = [];
    for (const c of cues) {
      if (c.position < target.position && (c.state === 'PENDING' || c.state === 'STANDBY')) {
        await setCueState(tx, c, { state: 'SKIPPED' });
        passedOver.push(c.id);
      } else if (c.position >= target.position && (c.state === 'FIRED' || (c.state === 'SKIPPED' && c.id === target.id))) {
        await setCueState(tx, c, UNCALLED);
        again.push(c.id);
      }
    }
    if (passedOver.length === 0 && again.length === 0) return { result: target, change: null };
    const after = await tx.selectFrom('cue').selectAll().where('id', '=', cueId).executeTakeFirstOrThrow();
    return {
      result: after,
      change: {
        kind: 'Cue.jumpedTo',
        entityType: 'Cue',
        entityId: cueId,
        before: { state: target.state },
        after: { state: after.state, passedOver, pendingAgain: again },
      },
    };
  });
}
