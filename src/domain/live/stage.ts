import type { Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { DB, MessageTone, Segment, Session, StageOutput } from '../../db/types.js';
import { writeEvent, type Actor, type Written } from '../../db/write.js';
import { eventIdOf, sameValue, updateChange } from '../entities.js';
import { ValidationError } from '../../shared/errors.js';

type Tx = Transaction<DB>;

/**
 * Each room's stage output: the timer its presenter sees and the messages the control room sends
 * ("wrap up"), with blackout. One row per room, made the first time it is needed. Times are
 * instants (started, ends, paused at): a stage screen counts locally and never drifts.
 */

/** The room's stage output row, locked for this transaction (made when it does not exist yet). */
export async function lockStageOutput(tx: Tx, roomId: string, eventId: string): Promise<StageOutput> {
  await tx
    .insertInto('stage_output')
    .values({ room_id: roomId, event_id: eventId })
    .onConflict((oc) => oc.column('room_id').doNothing())
    .execute();
  return tx.selectFrom('stage_output').selectAll().where('room_id', '=', roomId).forUpdate().executeTakeFirstOrThrow();
}

type StagePatch = Partial<Omit<StageOutput, 'id' | 'event_id' | 'room_id' | 'version' | 'created_at' | 'updated_at'>>;

async function patchStage(tx: Tx, before: StageOutput, patch: StagePatch): Promise<StageOutput> {
  return tx
    .updateTable('stage_output')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The stage timer follows the show: a segment's own timer when one starts, or — for a session
 * without segments — the session counting down to its planned length. Part of the command that
 * started it (no change of its own).
 */
export async function showTimerOf(
  tx: Tx,
  roomId: string,
  eventId: string,
  what: { session: Session; segment?: Segment | null; at?: Date },
): Promise<StageOutput> {
  const before = await lockStageOutput(tx, roomId, eventId);
  const { session, segment } = what;
  const startedAt = segment?.actual_start_at ?? session.actual_start_at ?? what.at ?? new Date();
  const length = segment ? segment.planned_seconds * 1000 : session.ends_at.getTime() - session.starts_at.getTime();
  return patchStage(tx, before, {
    session_id: session.id,
    segment_id: segment?.id ?? null,
    timer_type: segment?.timer_type ?? 'COUNT_DOWN',
    timer_title: segment?.title ?? session.title,
    timer_started_at: startedAt,
    timer_ends_at: new Date(startedAt.getTime() + length),
    timer_paused_at: null,
    warning_seconds: segment?.warning_seconds ?? null,
    danger_seconds: segment?.danger_seconds ?? null,
  });
}

/** A session without segments puts its own countdown on its room's stage; one with segments gets its timer from each segment as it starts. */
export async function showSessionTimer(tx: Tx, session: Session): Promise<void> {
  if (!session.room_id) return;
  const segmented = await tx.selectFrom('segment').select('id').where('session_id', '=', session.id).limit(1).executeTakeFirst();
  if (!segmented) await showTimerOf(tx, session.room_id, session.event_id, { session });
}

/**
 * A show that begins by its first GO or its first segment starts its session too (LIVE, actual
 * start), in the same change — unless it already runs, or is being rehearsed (a rehearsal never
 * touches the show's times). Returns the session as it is now, or null when it did not start.
 */
export async function startWithShow(tx: Tx, session: Session, at: Date): Promise<Session | null> {
  if (session.status === 'LIVE' || session.status === 'ENDED' || session.rehearsal_id) return null;
  return tx
    .updateTable('session')
    .set((eb) => ({
      status: 'LIVE',
      actual_start_at: session.actual_start_at ?? at,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', session.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** When a session ends or is reset, its timer leaves the stage (the message stays until it is cleared). */
export async function clearTimerOf(tx: Tx, roomId: string, eventId: string, sessionId: string): Promise<void> {
  const before = await lockStageOutput(tx, roomId, eventId);
  if (before.session_id !== sessionId) return;
  await patchStage(tx, before, {
    session_id: null,
    segment_id: null,
    timer_type: 'NONE',
    timer_title: null,
    timer_started_at: null,
    timer_ends_at: null,
    timer_paused_at: null,
    warning_seconds: null,
    danger_seconds: null,
  });
}

/** Runs one stage command on a room's output: one change, nothing recorded when nothing changes. */
async function onStage(
  db: Database,
  actor: Actor,
  roomId: string,
  kind: string,
  patch: (stage: StageOutput) => StagePatch | null,
): Promise<Written<StageOutput>> {
  const eventId = await eventIdOf(db, 'room', roomId).catch(() => {
    throw new ValidationError({ field: 'roomId', message: 'no such room' });
  });
  return writeEvent(db, eventId, actor, async (tx) => {
    const before = await lockStageOutput(tx, roomId, eventId);
    const values = patch(before);
    if (!values || Object.entries(values).every(([key, value]) => sameValue(before[key as keyof StageOutput], value)))
      return { result: before, change: null };
    const after = await patchStage(tx, before, values);
    return { result: after, change: updateChange(kind, 'StageOutput', after.id, before, after) };
  });
}

export type StageMessage = { text: string | null; tone?: MessageTone | null; blink?: boolean | null };

/** Shows a message to the presenter ("Wrap up", "Louder please"), or clears it with a null text. */
export function sendStageMessage(db: Database, actor: Actor, roomId: string, message: StageMessage) {
  return onStage(db, actor, roomId, 'StageOutput.message', () => ({
    message: message.text,
    message_tone: message.tone ?? 'NORMAL',
    message_blink: message.blink ?? false,
    message_sent_at: message.text === null ? null : new Date(),
  }));
}

/** Blacks the stage screen out (true) or brings it back (false). */
export function setStageBlackout(db: Database, actor: Actor, roomId: string, blackout: boolean) {
  return onStage(db, actor, roomId, 'StageOutput.blackout', () => ({ blackout }));
}

function runningTimer(stage: StageOutput): StageOutput & { timer_started_at: Date; timer_ends_at: Date } {
  if (!stage.timer_started_at || !stage.timer_ends_at || stage.timer_type === 'NONE')
    throw new ValidationError({ field: 'roomId', message: 'no timer is running on this stage; start a session or a segment first' });
  return stage as StageOutput & { timer_started_at: Date; timer_ends_at: Date };
}

/** Gives the presenter more time (or less, negative): the timer's end moves by `seconds`. */
export function addStageTime(db: Database, actor: Actor, roomId: string, seconds: number) {
  if (!Number.isInteger(seconds) || seconds === 0 || Math.abs(seconds) > 6 * 3600)
    throw new ValidationError({ field: 'seconds', message: 'must be a whole number of seconds, not 0, at most six hours either way' });
  return onStage(db, actor, roomId, 'StageOutput.timeAdded', (stage) => {
    const timer = runningTimer(stage);
    return { timer_ends_at: new Date(timer.timer_ends_at.getTime() + seconds * 1000) };
  });
}

/** The patch that stops a running timer at `at`; null when it already stands still or nothing is timed. */
function pausing(stage: StageOutput, at: Date): StagePatch | null {
  return stage.timer_ends_at && !stage.timer_paused_at ? { timer_paused_at: at } : null;
}

/** The patch that runs a paused timer on from `at`: its end moves by the time it stood still. */
function resuming(stage: StageOutput, at: Date): StagePatch | null {
  if (!stage.timer_ends_at || !stage.timer_paused_at) return null;
  const stood = Math.max(0, at.getTime() - stage.timer_paused_at.getTime());
  return { timer_paused_at: null, timer_ends_at: new Date(stage.timer_ends_at.getTime() + stood) };
}

/** Stops the stage timer where it is (now, or `at`); pausing a paused timer changes nothing. */
export function pauseStageTimer(db: Database, actor: Actor, roomId: string, at: Date = new Date()) {
  return onStage(db, actor, roomId, 'StageOutput.paused', (stage) => pausing(runningTimer(stage), at));
}

/** Runs a paused timer on: its end moves by the time it stood still. Resuming a running timer changes nothing. */
export function resumeStageTimer(db: Database, actor: Actor, roomId: string, at: Date = new Date()) {
  return onStage(db, actor, roomId, 'StageOutput.resumed', (stage) => resuming(runningTimer(stage), at));
}

/**
 * A session's hold stops its room's stage timer, and its release runs it on — when the stage is
 * timing that session. Part of the hold's change.
 */
export async function holdStageOf(tx: Tx, roomId: string, eventId: string, sessionId: string, held: boolean, at: Date): Promise<void> {
  const stage = await lockStageOutput(tx, roomId, eventId);
  if (stage.session_id !== sessionId) return;
  const patch = held ? pausing(stage, at) : resuming(stage, at);
  if (patch) await patchStage(tx, stage, patch);
}
