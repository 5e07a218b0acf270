import { sql } from 'kysely';
import type { Executor } from '../../db/client.js';
import { localTimeText } from '../time.js';

/**
 * The conflicts production blocks and rehearsal slots make in the schedule (src/domain/live/
 * conflicts.ts adds them to the sessions'): a block overlapping a session in its room — a SHOW
 * block runs with its sessions and is left out — or another block; a speaker's rehearsal slot over
 * another slot or a session in its room. Back-to-back slots are how rehearsals run: no changeover.
 */
export type BlockConflict = {
  kind: 'ROOM_DOUBLE_BOOKED' | 'REHEARSAL_SLOT_CLASH';
  message: string;
  sessionIds: string[];
  blockIds: string[];
  roomId: string;
  speakerId: string | null;
};

export async function findBlockConflicts(db: Executor, eventId: string): Promise<BlockConflict[]> {
  const { timezone } = await db.selectFrom('event').select('timezone').where('id', '=', eventId).executeTakeFirstOrThrow();
  const { rows } = await sql<{
    kind: BlockConflict['kind'];
    block_id: string;
    other_block_id: string | null;
    session_id: string | null;
    room_id: string;
    room_name: string;
    what: string;
    other: string;
    speaker_id: string | null;
    starts_at: Date;
  }>`
    WITH blocks AS (
      SELECT b.* FROM production_block b WHERE b.event_id = ${eventId}
    ),
    live AS (
      SELECT s.* FROM session s WHERE s.event_id = ${eventId} AND s.status <> 'CANCELLED' AND s.room_id IS NOT NULL
    ),
    slots AS (
      SELECT r.id, r.block_id, r.speaker_id, sp.name AS speaker_name, b.room_id, b.title,
             b.starts_at + make_interval(secs => r.offset_seconds) AS starts_at,
             b.starts_at + make_interval(secs => r.offset_seconds + r.duration_seconds) AS ends_at
        FROM rehearsal_slot r JOIN blocks b ON b.id = r.block_id JOIN speaker sp ON sp.id = r.speaker_id
    )
    SELECT 'ROOM_DOUBLE_BOOKED' AS kind, b.id AS block_id, NULL::uuid AS other_block_id, s.id AS session_id, rm.id AS room_id, rm.name AS room_name,
           'the ' || b.kind || ' "' || b.title || '"' AS what, '"' || s.title || '"' AS other, NULL::uuid AS speaker_id, greatest(b.starts_at, s.starts_at) AS starts_at
      FROM blocks b JOIN live s ON s.room_id = b.room_id AND b.starts_at < s.ends_at AND s.starts_at < b.ends_at JOIN room rm ON rm.id = b.room_id
     WHERE b.kind <> 'SHOW'
    UNION ALL
    SELECT 'ROOM_DOUBLE_BOOKED', a.id, b.id, NULL, rm.id, rm.name, 'the ' || a.kind || ' "' || a.title || '"', 'the ' || b.kind || ' "' || b.title || '"', NULL,
           greatest(a.starts_at, b.starts_at)
      FROM blocks a JOIN blocks b ON a.room_id = b.room_id AND (a.starts_at, a.title, a.id) < (b.starts_at, b.title, b.id) AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at JOIN room rm ON rm.id = a.room_id
    UNION ALL
    SELECT 'REHEARSAL_SLOT_CLASH', x.block_id, CASE WHEN y.block_id <> x.block_id THEN y.block_id END, NULL, rm.id, rm.name,
           x.speaker_name || '''s rehearsal', y.speaker_name || '''s rehearsal', x.speaker_id, greatest(x.starts_at, y.starts_at)
      FROM slots x JOIN slots y ON x.room_id = y.room_id AND (x.starts_at, x.speaker_name, x.id) < (y.starts_at, y.speaker_name, y.id) AND x.starts_at < y.ends_at AND y.starts_at < x.ends_at JOIN room rm ON rm.id = x.room_id
    UNION ALL
    SELECT 'REHEARSAL_SLOT_CLASH', x.block_id, NULL, s.id, rm.id, rm.name, x.speaker_name || '''s rehearsal', '"' || s.title || '"', x.speaker_id,
           greatest(x.starts_at, s.starts_at)
      FROM slots x JOIN live s ON s.room_id = x.room_id AND x.starts_at < s.ends_at AND s.starts_at < x.ends_at JOIN room rm ON rm.id = x.room_id
     ORDER BY 1, 10, 7`.execute(db);
  return rows.map((r) => ({
    kind: r.kind,
    sessionIds: r.session_id ? [r.session_id] : [],
    blockIds: r.other_block_id ? [r.block_id, r.other_block_id] : [r.block_id],
    roomId: r.room_id,
    speakerId: r.speaker_id,
    message: `${r.room_name} is booked twice at ${localTimeText(r.starts_at, timezone)}: ${r.what} and ${r.other} overlap.`,
  }));
}
