import type { Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { Cue, DB, Session } from '../../db/types.js';
import { writeEvent, type Actor, type ChangeRecord, type Written } from '../../db/write.js';
import { eventIdOf, findById, sameValue, updateChange } from '../entities.js';
import { DomainError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { cueLabel } from '../runofshow/runofshow.js';

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

async function setCueState(tx: Tx, before: Cue, patch: Partial<Pick<Cue, 'state' | 'fired_at' | 'fired_by_user_id'>>, kind: string) {
  const after = await tx
    .updateTable('cue')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { result: after, change: updateChange(kind, 'Cue', before.id, before, after) };
}

/** Each command locks the event through the write path; the cue's own checks run inside it. */
async function onCue<T>(
  db: Database,
  actor: Actor,
  cueId: string,
  work: (tx: Tx, cue: Cue) => Promise<{ result: T; change: ChangeRecord | null }>,
): Promise<Written<T>> {
  const eventId = await eventIdOf(db, 'cue', cueId);
  return writeEvent(db, eventId, actor, async (tx) => work(tx, await lockCue(tx, cueId)));
}

/** PENDING → STANDBY: the operator is ready. Standing by again changes nothing. */
export function standbyCue(db: Database, actor: Actor, cueId: string) {
  return onCue(db, actor, cueId, async (tx, cue) => {
    if (cue.state === 'STANDBY') return { result: cue, change: null };
    if (cue.state !== 'PENDING') {
      throw new CueStateError(
        `${cueLabel(cue)} has ${cue.state === 'FIRED' ? 'already gone' : 'been skipped'}; reset the show to run it again.`,
        await nextCueOf(tx, cue.session_id),
      );
    }
    return setCueState(tx, cue, { state: 'STANDBY' }, 'Cue.standby');
  });
}

async function fire(tx: Tx, actor: Actor, cue: Cue) {
  return setCueState(tx, cue, { state: 'FIRED', fired_at: new Date(), fired_by_user_id: actor.userId }, 'Cue.fired');
}

/**
 * GO. A cue that already went is returned unchanged — a retried or double-pressed GO never fires
 * twice and records nothing. A skipped cue is refused.
 */
export function goCue(db: Database, actor: Actor, cueId: string) {
  return onCue(db, actor, cueId, async (tx, cue) => {
    if (cue.state === 'FIRED') return { result: cue, change: null };
    if (cue.state === 'SKIPPED')
      throw new CueStateError(`${cueLabel(cue)} was skipped; reset the show to run it again.`, await nextCueOf(tx, cue.session_id));
    return fire(tx, actor, cue);
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
    if (next?.id === expectedCueId) return fire(tx, actor, await lockCue(tx, next.id));
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
    return setCueState(tx, cue, { state: 'SKIPPED' }, 'Cue.skipped');
  });
}

/**
 * Cancelling is management's decision (a planning field): live timing and show calling must not
 * undo it by starting, ending or resetting the session.
 */
function refuseCancelled(session: Pick<Session, 'status'>, doing: string): void {
  if (session.status === 'CANCELLED') {
    throw new ValidationError({
      field: 'sessionId',
      message: `the session is cancelled, so it cannot be ${doing}; management sets its status back to SCHEDULED first`,
    });
  }
}

/** Puts every cue of the session back to PENDING and clears its actual times: one change. */
export async function resetShow(db: Database, actor: Actor, sessionId: string): Promise<Written<Session>> {
  const eventId = await eventIdOf(db, 'session', sessionId);
  return writeEvent(db, eventId, actor, async (tx) => {
    const before = await findById(tx, 'session', sessionId);
    refuseCancelled(before, 'reset');
    const touched = await tx
      .updateTable('cue')
      .set((eb) => ({ state: 'PENDING', fired_at: null, fired_by_user_id: null, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('session_id', '=', sessionId)
      .where((eb) => eb.or([eb('state', '!=', 'PENDING'), eb('fired_at', 'is not', null)]))
      .returning('id')
      .execute();
    // Like a second GO: resetting a show that is already as planned changes nothing and records nothing.
    if (touched.length === 0 && before.status === 'SCHEDULED' && !before.actual_start_at && !before.actual_end_at)
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
    const change = updateChange('Session.showReset', 'Session', sessionId, before, after);
    return { result: after, change: { ...change, after: { ...change.after, cuesReset: touched.length } } };
  });
}

type LivePatch = Partial<Pick<Session, 'status' | 'actual_start_at' | 'actual_end_at'>>;

async function onSession(
  db: Database,
  actor: Actor,
  sessionId: string,
  kind: string,
  patch: (s: Session) => LivePatch,
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
    return { result: after, change: updateChange(kind, 'Session', sessionId, before, after) };
  });
}

/** Records the actual start (now, or the instant given). */
export function startSession(db: Database, actor: Actor, sessionId: string, at: Date = new Date()) {
  return onSession(db, actor, sessionId, 'Session.started', (s) => {
    refuseCancelled(s, 'started');
    if (s.status === 'ENDED')
      throw new ValidationError({ field: 'sessionId', message: 'the session has ended; reset the show to run it again' });
    return { status: 'LIVE', actual_start_at: s.actual_start_at ?? at };
  });
}

/** Records the actual end (now, or the instant given); a session that never started starts then too. */
export function endSession(db: Database, actor: Actor, sessionId: string, at: Date = new Date()) {
  return onSession(db, actor, sessionId, 'Session.ended', (s) => {
    refuseCancelled(s, 'ended');
    const start = s.actual_start_at ?? at;
    if (at.getTime() < start.getTime()) throw new ValidationError({ field: 'at', message: 'must not be before the actual start' });
    return { status: 'ENDED', actual_start_at: start, actual_end_at: s.actual_end_at ?? at };
  });
}
