import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { DB } from '../../db/types.js';
import { writeEvent, type Actor, type Written } from '../../db/write.js';
import { eventIdOf, lockForEdit, TYPENAMES, type Row } from '../entities.js';
import { ValidationError } from '../../shared/errors.js';
import { isLocked } from './versions.js';

/**
 * A session's ordered lists — its segments and its cues — keep dense positions 1..n. One set of
 * helpers serves both: place after an item (first when null, last when left out), open and close gaps.
 */
export type OrderedTable = 'cue' | 'segment';
type Tx = Transaction<DB>;

const noun = { cue: 'cue', segment: 'segment' } as const;

/** The position right after `afterId` in the session, first when null, last when undefined. */
export async function positionAfter(
  tx: Tx,
  table: OrderedTable,
  sessionId: string,
  afterId: string | null | undefined,
  field: string,
): Promise<number> {
  if (afterId === undefined) {
    const { rows } = await sql<{ last: number }>`
      SELECT coalesce(max(position), 0)::int AS last FROM ${sql.table(table)} WHERE session_id = ${sessionId}`.execute(tx);
    return rows[0]!.last + 1;
  }
  if (afterId === null) return 1;
  const { rows } = await sql<{ position: number; session_id: string }>`
    SELECT position, session_id FROM ${sql.table(table)} WHERE id = ${afterId}`.execute(tx);
  const after = rows[0];
  if (!after || after.session_id !== sessionId) throw new ValidationError({ field, message: `no such ${noun[table]} in this session` });
  return after.position + 1;
}

/** Makes room at `position`: everything from it moves down one. */
export async function openGap(tx: Tx, table: OrderedTable, sessionId: string, position: number): Promise<void> {
  await sql`UPDATE ${sql.table(table)} SET position = position + 1 WHERE session_id = ${sessionId} AND position >= ${position}`.execute(tx);
}

/** Closes the hole left at `position`: everything after it moves up one. */
export async function closeGap(tx: Tx, table: OrderedTable, sessionId: string, position: number): Promise<void> {
  await sql`UPDATE ${sql.table(table)} SET position = position - 1 WHERE session_id = ${sessionId} AND position > ${position}`.execute(tx);
}

/** The id of the item just before `position`, or null at the top. */
export async function idBefore(tx: Tx, table: OrderedTable, sessionId: string, position: number): Promise<string | null> {
  if (position === 1) return null;
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM ${sql.table(table)} WHERE session_id = ${sessionId} AND position = ${position - 1}`.execute(tx);
  return rows[0]?.id ?? null;
}

/** Moves an item right after `afterId` (first when null); returns its new position, or null when it is already there. */
export async function reposition(
  tx: Tx,
  table: OrderedTable,
  item: { id: string; session_id: string; position: number },
  afterId: string | null,
  field: string,
): Promise<number | null> {
  if (afterId === item.id) throw new ValidationError({ field, message: `cannot place a ${noun[table]} after itself` });
  if ((await idBefore(tx, table, item.session_id, item.position)) === afterId) return null;
  await closeGap(tx, table, item.session_id, item.position);
  const position = await positionAfter(tx, table, item.session_id, afterId, field);
  await openGap(tx, table, item.session_id, position);
  return position;
}

/**
 * Moves a cue or a segment right after another of its session (first when null), in one change.
 * Moving it to where it already is changes nothing and records nothing; `refuse` throws for an
 * item that may not move (one that already ran).
 */
export async function moveInSession<T extends OrderedTable>(
  db: Database,
  actor: Actor,
  table: T,
  id: string,
  expectedVersion: number,
  afterId: string | null,
  refuse: (item: Row<T>) => void,
): Promise<Written<Row<T>>> {
  const field = table === 'cue' ? 'afterCueId' : 'afterSegmentId';
  const eventId = await eventIdOf(db, table, id);
  return writeEvent(db, eventId, actor, async (tx) => {
    const before = (await lockForEdit(tx, table, id, expectedVersion)) as Row<T> & {
      id: string;
      session_id: string;
      position: number;
      version: number;
    };
    const position = await reposition(tx, table, before, afterId, field);
    if (position === null) return { result: before, change: null };
    refuse(before);
    // Moved while its run-of-show is locked: flagged, like any edit under the lock.
    const flag = (await isLocked(tx, before.session_id)) ? sql`, edited_under_lock = true` : sql``;
    const { rows } = await sql<Row<T> & { version: number }>`
      UPDATE ${sql.table(table)} SET position = ${position}${flag}, version = version + 1, updated_at = now()
       WHERE id = ${id} RETURNING *`.execute(tx);
    const after = rows[0]!;
    return {
      result: after,
      change: {
        kind: `${TYPENAMES[table]}.moved`,
        entityType: TYPENAMES[table],
        entityId: id,
        before: { position: before.position, version: before.version },
        after: { position, version: after.version },
      },
    };
  });
}
