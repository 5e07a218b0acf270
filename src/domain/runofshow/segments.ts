import type { Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { DB, Segment, SegmentKind, StartMode, TimerType } from '../../db/types.js';
import type { Actor, Written } from '../../db/write.js';
import { createEntity, deleteEntity, eventIdOf, updateEntity } from '../entities.js';
import { ValidationError } from '../../shared/errors.js';
import { closeGap, moveInSession, openGap, positionAfter } from './positions.js';
import { isLocked } from './versions.js';

/** A session's segments: walk-in, opening video, keynote, award, panel, walk-out — what a caller thinks in. */

export type SegmentInput = {
  title: string;
  kind: SegmentKind;
  plannedSeconds: number;
  presenterId?: string | null;
  owner?: string | null;
  startMode?: StartMode | null;
  fixedStartAt?: Date | null;
  timerType?: TimerType | null;
  warningSeconds?: number | null;
  dangerSeconds?: number | null;
};

type Tx = Transaction<DB>;

/** The rules a segment keeps whatever is edited: checked on the row as it would be. */
async function checkSegment(
  tx: Tx,
  next: Pick<Segment, 'session_id' | 'presenter_id' | 'start_mode' | 'fixed_start_at' | 'warning_seconds' | 'danger_seconds'>,
) {
  if (next.presenter_id) {
    const link = await tx.selectFrom('session_speaker').select('session_id').where('id', '=', next.presenter_id).executeTakeFirst();
    if (!link || link.session_id !== next.session_id)
      throw new ValidationError({ field: 'presenterId', message: 'must be one of the session speakers of this session' });
  }
  if (next.start_mode === 'FIXED' && !next.fixed_start_at)
    throw new ValidationError({ field: 'fixedStartAt', message: 'a FIXED segment needs the time it starts' });
  if (next.start_mode !== 'FIXED' && next.fixed_start_at)
    throw new ValidationError({
      field: 'fixedStartAt',
      message: 'only a FIXED segment has a fixed start; set startMode to FIXED or leave this out',
    });
  if (next.warning_seconds != null && next.danger_seconds != null && next.danger_seconds > next.warning_seconds)
    throw new ValidationError({
      field: 'dangerSeconds',
      message: 'the danger threshold comes after the warning: it must be at most warningSeconds',
    });
}

const columns = (input: Partial<SegmentInput>) => ({
  title: input.title,
  kind: input.kind,
  planned_seconds: input.plannedSeconds,
  presenter_id: input.presenterId,
  owner: input.owner,
  start_mode: input.startMode ?? undefined,
  fixed_start_at: input.fixedStartAt,
  timer_type: input.timerType ?? undefined,
  warning_seconds: input.warningSeconds,
  danger_seconds: input.dangerSeconds,
});

/** Appends the segment to the session, or places it right after `afterSegmentId` (first when null). */
export async function createSegment(
  db: Database,
  actor: Actor,
  sessionId: string,
  input: SegmentInput & { afterSegmentId?: string | null },
): Promise<Written<Segment>> {
  const eventId = await eventIdOf(db, 'session', sessionId).catch(() => {
    throw new ValidationError({ field: 'sessionId', message: 'no such session' });
  });
  return createEntity(db, actor, 'segment', eventId, async (tx) => {
    const values = {
      ...columns(input),
      session_id: sessionId,
      presenter_id: input.presenterId ?? null,
      start_mode: input.startMode ?? 'FLEXIBLE',
      fixed_start_at: input.fixedStartAt ?? null,
      timer_type: input.timerType ?? 'COUNT_DOWN',
      warning_seconds: input.warningSeconds ?? null,
      danger_seconds: input.dangerSeconds ?? null,
      owner: input.owner ?? null,
    };
    await checkSegment(tx, values);
    const position = await positionAfter(tx, 'segment', sessionId, input.afterSegmentId, 'afterSegmentId');
    await openGap(tx, 'segment', sessionId, position);
    return {
      ...values,
      title: input.title,
      kind: input.kind,
      planned_seconds: input.plannedSeconds,
      position,
      edited_under_lock: await isLocked(tx, sessionId),
    };
  });
}

export function updateSegment(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<SegmentInput>) {
  return updateEntity(db, actor, 'segment', id, expectedVersion, columns(patch), async (tx, next) => {
    await checkSegment(tx, next);
    return (await isLocked(tx, next.session_id)) ? { edited_under_lock: true } : {};
  });
}

/** Removes a segment; its cues stay in the session, no longer in a segment. */
export function deleteSegment(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'segment', id, expectedVersion, (tx, deleted) =>
    closeGap(tx, 'segment', deleted.session_id, deleted.position),
  );
}

/** Reorders a session's segments: right after `afterSegmentId`, or first when null. A segment that has run stays where it ran. */
export function moveSegment(db: Database, actor: Actor, id: string, expectedVersion: number, afterSegmentId: string | null) {
  return moveInSession(db, actor, 'segment', id, expectedVersion, afterSegmentId, (segment) => {
    if (segment.actual_start_at)
      throw new ValidationError({
        field: 'id',
        message: `"${segment.title}" has already started, so it cannot be moved; reset the show first`,
      });
  });
}
