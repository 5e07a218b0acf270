import { sql } from 'kysely';
import type { Database, Executor } from '../../db/client.js';
import type { RunOfShowVersion } from '../../db/types.js';
import { writeEvent, type Actor, type Written } from '../../db/write.js';
import { eventIdOf, sameValue } from '../entities.js';
import { ValidationError } from '../../shared/errors.js';
import { cueLabelSql } from './runofshow.js';

/**
 * Published run-of-show versions ("Rev C") and the lock. Publishing snapshots the session's
 * segments and cues as they stand and locks the run-of-show: edits still go through (a show is
 * never blocked), each flagged `editedUnderLock` until the next version. Any two versions, or a
 * version and the working state, can be compared. Operators' notes are left out of snapshots:
 * they are production's working text, and a version is what everyone reads.
 */

export type Snapshot = { segments: Record<string, unknown>[]; cues: Record<string, unknown>[] };

const CUE_FIELDS = ['position', 'label', 'title', 'offsetSeconds', 'durationSeconds', 'trigger', 'segmentId'] as const;
const SEGMENT_FIELDS = ['position', 'title', 'kind', 'plannedSeconds', 'startMode', 'fixedStartAt', 'timerType'] as const;

export async function snapshotOf(db: Executor, sessionId: string): Promise<Snapshot> {
  const { rows } = await sql<Snapshot>`
    SELECT
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'position', position, 'title', title, 'kind', kind,
         'plannedSeconds', planned_seconds, 'startMode', start_mode, 'fixedStartAt', fixed_start_at, 'timerType', timer_type) ORDER BY position), '[]'::jsonb)
         FROM segment WHERE session_id = ${sessionId}) AS segments,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'position', position, 'department', department, 'number', number,
         'label', ${cueLabelSql(sql.ref('department'), sql.ref('number'))},
         'title', title, 'offsetSeconds', offset_seconds, 'durationSeconds', duration_seconds, 'trigger', trigger, 'segmentId', segment_id) ORDER BY position), '[]'::jsonb)
         FROM cue WHERE session_id = ${sessionId}) AS cues`.execute(db);
  return rows[0]!;
}

/** Publishes the run-of-show as the next version with a label ("Rev C") and locks it. */
export async function publishRunOfShow(db: Database, actor: Actor, sessionId: string, label: string): Promise<Written<RunOfShowVersion>> {
  const eventId = await eventIdOf(db, 'session', sessionId);
  return writeEvent(db, eventId, actor, async (tx) => {
    await tx.selectFrom('session').select('id').where('id', '=', sessionId).forUpdate().executeTakeFirstOrThrow();
    const { last } = await tx
      .selectFrom('run_of_show_version')
      .select((eb) => eb.fn.coalesce(eb.fn.max('number'), eb.lit(0)).as('last'))
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    const version = await tx
      .insertInto('run_of_show_version')
      .values({
        event_id: eventId,
        session_id: sessionId,
        number: Number(last) + 1,
        label,
        snapshot: JSON.stringify(await snapshotOf(tx, sessionId)),
        published_by_user_id: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('session')
      .set((eb) => ({ run_of_show_status: 'LOCKED', version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', sessionId)
      .execute();
    await tx
      .updateTable('cue')
      .set({ edited_under_lock: false })
      .where('session_id', '=', sessionId)
      .where('edited_under_lock', '=', true)
      .execute();
    return {
      result: version,
      change: {
        kind: 'RunOfShow.published',
        entityType: 'RunOfShowVersion',
        entityId: version.id,
        before: null,
        after: { number: version.number, label, status: 'LOCKED' },
      },
    };
  });
}

/** Back to DRAFT: edits are no longer flagged. Unlocking a draft changes nothing. */
export async function unlockRunOfShow(db: Database, actor: Actor, sessionId: string) {
  const eventId = await eventIdOf(db, 'session', sessionId);
  return writeEvent(db, eventId, actor, async (tx) => {
    const before = await tx.selectFrom('session').selectAll().where('id', '=', sessionId).forUpdate().executeTakeFirstOrThrow();
    if (before.run_of_show_status === 'DRAFT') return { result: before, change: null };
    const after = await tx
      .updateTable('session')
      .set((eb) => ({ run_of_show_status: 'DRAFT', version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', sessionId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: after,
      change: {
        kind: 'RunOfShow.unlocked',
        entityType: 'Session',
        entityId: sessionId,
        before: { runOfShowStatus: 'LOCKED' },
        after: { runOfShowStatus: 'DRAFT', version: after.version },
      },
    };
  });
}

/** Whether edits to the session's cues are flagged now. */
export async function isLocked(tx: Executor, sessionId: string): Promise<boolean> {
  const row = await tx.selectFrom('session').select('run_of_show_status').where('id', '=', sessionId).executeTakeFirst();
  return row?.run_of_show_status === 'LOCKED';
}

export type DiffEntry = {
  item: 'SEGMENT' | 'CUE';
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  id: string;
  label: string;
  field: string | null;
  before: unknown;
  after: unknown;
};

function diffList(
  item: DiffEntry['item'],
  fields: readonly string[],
  from: Record<string, unknown>[],
  to: Record<string, unknown>[],
): DiffEntry[] {
  const name = (row: Record<string, unknown>) => String(item === 'CUE' ? row.label : row.title);
  const entries: DiffEntry[] = [];
  const before = new Map(from.map((r) => [String(r.id), r]));
  for (const row of to) {
    const old = before.get(String(row.id));
    if (!old) {
      entries.push({ item, change: 'ADDED', id: String(row.id), label: name(row), field: null, before: null, after: null });
      continue;
    }
    for (const field of fields)
      if (!sameValue(old[field] ?? null, row[field] ?? null))
        entries.push({
          item,
          change: 'CHANGED',
          id: String(row.id),
          label: name(row),
          field,
          before: old[field] ?? null,
          after: row[field] ?? null,
        });
  }
  const kept = new Set(to.map((r) => String(r.id)));
  for (const row of from)
    if (!kept.has(String(row.id)))
      entries.push({ item, change: 'REMOVED', id: String(row.id), label: name(row), field: null, before: null, after: null });
  return entries;
}

/** What changed from one snapshot to another: segments first, then cues, each in the newer running order. */
export function diffSnapshots(from: Snapshot, to: Snapshot): DiffEntry[] {
  return [...diffList('SEGMENT', SEGMENT_FIELDS, from.segments, to.segments), ...diffList('CUE', CUE_FIELDS, from.cues, to.cues)];
}

/** The snapshot of version `number` of the session, or the working state when null. */
export async function snapshotAt(db: Executor, sessionId: string, number: number | null, field: string): Promise<Snapshot> {
  if (number === null) return snapshotOf(db, sessionId);
  const row = await db
    .selectFrom('run_of_show_version')
    .select('snapshot')
    .where('session_id', '=', sessionId)
    .where('number', '=', number)
    .executeTakeFirst();
  if (!row) throw new ValidationError({ field, message: `the session has no version ${number}` });
  return row.snapshot as Snapshot;
}
