import type { Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { DB, Segment, Session } from '../../db/types.js';
import { writeEvent, type Actor, type Written } from '../../db/write.js';
import { eventIdOf } from '../entities.js';
import { DomainError, ValidationError } from '../../shared/errors.js';
import { refuseCancelled } from './refusals.js';
import { showTimerOf, startWithShow } from './stage.js';

type Tx = Transaction<DB>;

/** Front- and back-timing of a session's segments, and the command that moves its playhead. */

export type SegmentTiming = {
  /** When it starts (actual) or will start (front-timed from what has actually run). */
  projectedStartAt: Date;
  /** When it ended or will end: planned length from its start, or now if it already runs over. */
  projectedEndAt: Date;
  /** Back-timing: the latest it may end so every later segment still runs as planned and the session makes its hard out. */
  mustEndBy: Date;
};

/**
 * Front-timing runs forward from the session's start: a segment that started starts when it did;
 * a later one follows the one before it (FLEXIBLE) or waits for its time of day (FIXED, never
 * earlier, but late when the stage is still busy). A live segment ends at its start plus its
 * planned length, or now when it runs over. Back-timing runs backward from the hard out: each
 * segment must end by the hard out minus the planned lengths of the segments after it (and in time
 * for the fixed start of a later one).
 */
export function timeSegments(
  segments: readonly Segment[],
  session: Pick<Session, 'starts_at' | 'ends_at' | 'hard_out_at' | 'actual_start_at'>,
  sessionStart: Date,
  now: Date,
): Map<string, SegmentTiming> {
  const ordered = [...segments].sort((a, b) => a.position - b.position);
  const starts: number[] = [];
  const ends: number[] = [];
  let previousEnd = sessionStart.getTime();
  for (const s of ordered) {
    const start = s.actual_start_at
      ? s.actual_start_at.getTime()
      : Math.max(previousEnd, s.start_mode === 'FIXED' && s.fixed_start_at ? s.fixed_start_at.getTime() : Number.NEGATIVE_INFINITY);
    const planned = start + s.planned_seconds * 1000;
    const end = s.actual_end_at ? s.actual_end_at.getTime() : s.actual_start_at ? Math.max(planned, now.getTime()) : planned;
    starts.push(start);
    ends.push(end);
    previousEnd = end;
  }
  const mustEnd: number[] = new Array(ordered.length);
  let latestEnd = (session.hard_out_at ?? session.ends_at).getTime();
  for (let i = ordered.length - 1; i >= 0; i--) {
    const s = ordered[i]!;
    mustEnd[i] = latestEnd;
    let latestStart = latestEnd - s.planned_seconds * 1000;
    if (s.start_mode === 'FIXED' && s.fixed_start_at) latestStart = Math.min(latestStart, s.fixed_start_at.getTime());
    latestEnd = latestStart;
  }
  return new Map(
    ordered.map((s, i) => [
      s.id,
      { projectedStartAt: new Date(starts[i]!), projectedEndAt: new Date(ends[i]!), mustEndBy: new Date(mustEnd[i]!) },
    ]),
  );
}

/** A segment command that does not fit the show as it stands, with the segment that is next instead. */
export class SegmentStateError extends DomainError {
  constructor(
    message: string,
    /** The segment that would start next now, if any. */
    readonly nextSegment: Segment | null,
  ) {
    super(message);
    this.name = 'SegmentStateError';
  }
}

/** The session's segments in order: the one running (started, not ended) and the first not yet started after it. */
export function playheadOf(segments: readonly Segment[]): { live: Segment | null; next: Segment | null } {
  const ordered = [...segments].sort((a, b) => a.position - b.position);
  const live = ordered.find((s) => s.actual_start_at && !s.actual_end_at) ?? null;
  const after = live?.position ?? 0;
  const next = ordered.find((s) => s.position > after && !s.actual_start_at) ?? null;
  return { live, next };
}

const at = (d: Date | null) => d?.toISOString() ?? null;

async function touch(tx: Tx, id: string, values: Partial<Pick<Segment, 'actual_start_at' | 'actual_end_at'>>): Promise<Segment> {
  return tx
    .updateTable('segment')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Moves the session's playhead to its next segment, only if it is the one the caller expects: the
 * live segment ends and the next starts at the same instant (now, or `at`), the session goes LIVE
 * when this is its first, and the room's stage timer takes the segment's. Pressed twice, the
 * second finds its segment already live and changes nothing. One change, one revision.
 */
export async function startSegment(
  db: Database,
  actor: Actor,
  sessionId: string,
  expectedSegmentId: string,
  when: Date = new Date(),
): Promise<Written<Segment>> {
  const eventId = await eventIdOf(db, 'session', sessionId);
  return writeEvent(db, eventId, actor, async (tx) => {
    const session = await tx.selectFrom('session').selectAll().where('id', '=', sessionId).forUpdate().executeTakeFirstOrThrow();
    refuseCancelled(session, 'run');
    const segments = await tx
      .selectFrom('segment')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('position')
      .forUpdate()
      .execute();
    const expected = segments.find((s) => s.id === expectedSegmentId);
    if (!expected) throw new ValidationError({ field: 'expectedSegmentId', message: 'no such segment in this session' });
    const { live, next } = playheadOf(segments);
    if (live?.id === expected.id) return { result: live, change: null };
    if (session.status === 'ENDED' && !session.rehearsal_id)
      throw new SegmentStateError('The session has ended; reset the show to run it again. Nothing was started.', null);
    if (next?.id !== expected.id) {
      throw new SegmentStateError(
        next
          ? `The next segment is "${next.title}", not "${expected.title}". Nothing was started.`
          : `Every segment of this session has run. Nothing was started.`,
        next,
      );
    }
    if (live && when.getTime() < live.actual_start_at!.getTime())
      throw new ValidationError({ field: 'at', message: `must not be before "${live.title}" started` });
    const ended = live ? await touch(tx, live.id, { actual_end_at: when }) : null;
    const started = await touch(tx, expected.id, { actual_start_at: when });
    // The first segment starts the session (a rehearsal leaves the show's status and times alone).
    const begun = await startWithShow(tx, session, when);
    const sessionChange = begun
      ? { id: sessionId, status: begun.status, actualStartAt: at(begun.actual_start_at), version: begun.version }
      : null;
    if (session.room_id) await showTimerOf(tx, session.room_id, eventId, { session, segment: started });
    return {
      result: started,
      change: {
        kind: 'Segment.started',
        entityType: 'Segment',
        entityId: started.id,
        before: { actualStartAt: null, version: expected.version },
        after: {
          actualStartAt: at(started.actual_start_at),
          version: started.version,
          ...(ended ? { ended: { id: ended.id, actualEndAt: at(ended.actual_end_at), version: ended.version } } : {}),
          ...(sessionChange ? { session: sessionChange } : {}),
        },
      },
    };
  });
}

/** Each segment's start in the plan: the session's planned start plus the planned lengths before it (fixed starts kept), nothing actual. */
export function plannedSegmentStarts(
  segments: readonly Segment[],
  session: Pick<Session, 'starts_at' | 'ends_at' | 'hard_out_at' | 'actual_start_at'>,
): Map<string, Date> {
  const plan = segments.map((s) => ({ ...s, actual_start_at: null, actual_end_at: null }));
  const start = new Date(session.starts_at);
  return new Map([...timeSegments(plan, session, start, start)].map(([id, timing]) => [id, timing.projectedStartAt]));
}
