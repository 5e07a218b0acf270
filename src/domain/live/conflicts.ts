import { sql } from 'kysely';
import type { Executor } from '../../db/client.js';
import { cueLabelSql } from '../runofshow/runofshow.js';
import { findBlockConflicts } from '../production/conflicts.js';

export type ConflictKind =
  | 'ROOM_DOUBLE_BOOKED'
  | 'CHANGEOVER_TOO_SHORT'
  | 'SPEAKER_DOUBLE_BOOKED'
  | 'SPEAKER_NOT_ARRIVED'
  | 'HARD_START_AT_RISK'
  | 'MIC_DOUBLE_BOOKED'
  | 'REHEARSAL_SLOT_CLASH';

export type Conflict = {
  kind: ConflictKind;
  message: string;
  sessionIds: string[];
  /** The production blocks involved (src/domain/production/conflicts.ts). */
  blockIds: string[];
  roomId: string | null;
  speakerId: string | null;
};

type Row = {
  kind: Exclude<ConflictKind, 'REHEARSAL_SLOT_CLASH'>;
  a: string;
  b: string | null;
  a_title: string;
  b_title: string | null;
  room_id: string | null;
  room_name: string | null;
  speaker_id: string | null;
  speaker_name: string | null;
  minutes: number | null;
  needed: number | null;
  detail: string | null;
  other_name: string | null;
};

/**
 * Warnings computed from the schedule as it stands: they never block a write, and disappear as soon
 * as the data no longer has them. Cancelled sessions are left out.
 */
export async function findConflicts(db: Executor, eventId: string): Promise<Conflict[]> {
  const [sessions, blocks] = await Promise.all([findSessionConflicts(db, eventId), findBlockConflicts(db, eventId)]);
  // By kind, as the sessions' are: the blocks' double bookings next to the sessions'.
  return [...sessions, ...blocks].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

async function findSessionConflicts(db: Executor, eventId: string): Promise<Conflict[]> {
  const { rows } = await sql<Row>`
    WITH live AS (
      SELECT s.* FROM session s WHERE s.event_id = ${eventId} AND s.status <> 'CANCELLED'
    ),
    ordered AS (
      SELECT l.*, lead(l.id) OVER w AS next_id, lead(l.starts_at) OVER w AS next_start, lead(l.title) OVER w AS next_title,
             lead(l.is_hard_start) OVER w AS next_hard,
             -- When it will really end: as planned, or for a live session its actual start plus its length (now, when over).
             CASE WHEN l.status = 'ENDED' THEN l.actual_end_at
                  WHEN l.status = 'LIVE' THEN greatest(l.actual_start_at + (l.ends_at - l.starts_at), now())
                  ELSE l.ends_at END AS expected_end
      FROM live l WHERE l.room_id IS NOT NULL
      WINDOW w AS (PARTITION BY l.room_id ORDER BY l.starts_at, l.id)
    ),
    -- Cue numbers in running order within their numbering scope (the session, or the room's day).
    numbered AS (
      SELECT l.id AS session_id, l.title, l.room_id, c.department, ${cueLabelSql(sql.ref('c.department'), sql.ref('c.number'))} AS label,
             CASE WHEN c.number ~ '^[0-9]+([.][0-9]+)?$' THEN c.number::numeric END AS n,
             lag(CASE WHEN c.number ~ '^[0-9]+([.][0-9]+)?$' THEN c.number::numeric END) OVER w AS prev_n,
             lag(${cueLabelSql(sql.ref('c.department'), sql.ref('c.number'))}) OVER w AS prev_label,
             lag(l.id) OVER w AS prev_session, lag(l.title) OVER w AS prev_title
        FROM cue c JOIN live l ON l.id = c.session_id JOIN event e ON e.id = l.event_id
      WINDOW w AS (PARTITION BY c.department,
                   CASE WHEN e.cue_numbering = 'ROOM_DAY' AND l.room_id IS NOT NULL
                        THEN l.room_id::text || (l.starts_at AT TIME ZONE e.timezone)::date::text ELSE l.id::text END
                   ORDER BY l.starts_at, l.id, c.position)
    )
    SELECT 'ROOM_DOUBLE_BOOKED' AS kind, a.id AS a, b.id AS b, a.title AS a_title, b.title AS b_title, r.id AS room_id, r.name AS room_name,
           NULL::uuid AS speaker_id, NULL AS speaker_name, NULL::int AS minutes, NULL::int AS needed,
           NULL::text AS detail, NULL::text AS other_name
      FROM live a JOIN live b ON a.room_id = b.room_id AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
      JOIN room r ON r.id = a.room_id
    UNION ALL
    SELECT 'CHANGEOVER_TOO_SHORT', o.id, o.next_id, o.title, o.next_title, r.id, r.name, NULL, NULL,
           (extract(epoch FROM o.next_start - o.ends_at) / 60)::int, r.changeover_minutes, NULL, NULL
      FROM ordered o JOIN room r ON r.id = o.room_id
      WHERE o.next_id IS NOT NULL AND o.next_start >= o.ends_at AND o.next_start < o.ends_at + make_interval(mins => r.changeover_minutes)
    UNION ALL
    SELECT 'HARD_START_AT_RISK', o.next_id, o.id, o.next_title, o.title, r.id, r.name, NULL, NULL,
           (extract(epoch FROM o.expected_end + make_interval(mins => r.changeover_minutes) - o.next_start) / 60)::int, r.changeover_minutes,
           NULL, NULL
      FROM ordered o JOIN room r ON r.id = o.room_id
      WHERE o.next_hard AND o.status <> 'ENDED' AND o.expected_end + make_interval(mins => r.changeover_minutes) > o.next_start
    UNION ALL
    SELECT 'SPEAKER_DOUBLE_BOOKED', a.id, b.id, a.title, b.title, NULL, NULL, sp.id, sp.name, NULL, NULL, NULL, NULL
      FROM session_speaker x JOIN session_speaker y ON x.speaker_id = y.speaker_id AND x.session_id < y.session_id
      JOIN live a ON a.id = x.session_id JOIN live b ON b.id = y.session_id
      JOIN speaker sp ON sp.id = x.speaker_id
      WHERE a.starts_at < b.ends_at AND b.starts_at < a.ends_at
    UNION ALL
    SELECT 'SPEAKER_NOT_ARRIVED', a.id, NULL, a.title, NULL, NULL, NULL, sp.id, sp.name, NULL, NULL, NULL, NULL
      FROM session_speaker x JOIN live a ON a.id = x.session_id JOIN speaker sp ON sp.id = x.speaker_id
      WHERE sp.arrival_at IS NOT NULL AND sp.arrival_at > a.starts_at
    UNION ALL
    SELECT 'CUE_NUMBER_OUT_OF_ORDER', x.session_id, CASE WHEN x.prev_session <> x.session_id THEN x.prev_session END, x.title, x.prev_title,
           x.room_id, NULL, NULL, NULL, NULL, NULL, x.label, x.prev_label
      FROM numbered x WHERE x.n IS NOT NULL AND x.prev_n IS NOT NULL AND x.n <= x.prev_n
    UNION ALL
    -- One mic of a room's system on two people whose sessions overlap (or in one session).
    SELECT 'MIC_DOUBLE_BOOKED', a.id, CASE WHEN a.id = b.id THEN NULL ELSE b.id END, a.title, b.title, r.id, r.name,
           sx.id, sx.name, NULL, NULL, x.mic, sy.name
      FROM session_speaker x JOIN session_speaker y ON x.mic = y.mic AND x.id < y.id AND x.speaker_id <> y.speaker_id
      JOIN live a ON a.id = x.session_id JOIN live b ON b.id = y.session_id
      JOIN room r ON r.id = a.room_id AND r.id = b.room_id
      JOIN speaker sx ON sx.id = x.speaker_id JOIN speaker sy ON sy.id = y.speaker_id
      WHERE a.starts_at < b.ends_at AND b.starts_at < a.ends_at
    ORDER BY kind, a_title, a
  `.execute(db);
  return rows.map((r) => ({
    kind: r.kind,
    sessionIds: r.b ? [r.a, r.b] : [r.a],
    blockIds: [],
    roomId: r.room_id,
    speakerId: r.speaker_id,
    message: {
      ROOM_DOUBLE_BOOKED: `${r.room_name} is booked twice: "${r.a_title}" and "${r.b_title}" overlap.`,
      CHANGEOVER_TOO_SHORT: `${r.room_name} has ${r.minutes} min between "${r.a_title}" and "${r.b_title}"; its changeover needs ${r.needed} min.`,
      SPEAKER_DOUBLE_BOOKED: `${r.speaker_name} is in two places at once: "${r.a_title}" and "${r.b_title}".`,
      SPEAKER_NOT_ARRIVED: `${r.speaker_name} arrives after "${r.a_title}" starts.`,
      CUE_NUMBER_OUT_OF_ORDER: `${r.detail} in "${r.a_title}" comes after ${r.other_name}${r.b && r.b !== r.a ? ` (in "${r.b_title}")` : ''} in the running order: a console would run them the other way round.`,
      MIC_DOUBLE_BOOKED: `${r.detail} in ${r.room_name} is on two people at once: ${r.speaker_name} in "${r.a_title}" and ${r.other_name} in "${r.b_title}".`,
      HARD_START_AT_RISK: `"${r.a_title}" is a hard start in ${r.room_name}, but "${r.b_title}" before it runs ${r.minutes} min into its start with the ${r.needed} min changeover.`,
    }[r.kind],
  }));
}
