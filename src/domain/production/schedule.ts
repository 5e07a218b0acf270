import { sql } from 'kysely';
import type { Executor } from '../../db/client.js';

export type ScheduleEntryKind = 'DOCK' | 'LOAD_IN' | 'FOCUS' | 'TECH' | 'REHEARSAL' | 'DOORS' | 'SHOW' | 'STRIKE' | 'LOAD_OUT';
const ORDER: ScheduleEntryKind[] = ['DOCK', 'LOAD_IN', 'FOCUS', 'TECH', 'REHEARSAL', 'DOORS', 'SHOW', 'STRIKE', 'LOAD_OUT'];

export type ScheduleEntry = {
  kind: ScheduleEntryKind;
  startsAt: Date;
  endsAt: Date | null;
  title: string;
  roomId: string | null;
  blockId: string | null;
  truckId: string | null;
  sessionId: string | null;
};

/**
 * A day's production schedule as the trade writes it — dock → load-in → focus → tech → doors →
 * show → strike — on the event's calendar: trucks at the dock (or arriving, with no slot yet), the
 * blocks of every room, and each room's doors (its first session of the day, less the event's
 * `doors_minutes`). One statement, whatever the size of the event.
 */
export async function productionSchedule(db: Executor, eventId: string, day: string): Promise<ScheduleEntry[]> {
  const { rows } = await sql<{
    kind: ScheduleEntryKind;
    starts_at: Date;
    ends_at: Date | null;
    title: string;
    room_id: string | null;
    block_id: string | null;
    truck_id: string | null;
    session_id: string | null;
  }>`
    WITH ev AS (SELECT timezone, doors_minutes FROM event WHERE id = ${eventId}),
    span AS (SELECT (${day}::date::timestamp AT TIME ZONE ev.timezone) AS day_from,
                    ((${day}::date + 1)::timestamp AT TIME ZONE ev.timezone) AS day_to FROM ev),
    firsts AS (
      SELECT DISTINCT ON (s.room_id) s.id, s.room_id, s.title, s.starts_at
        FROM session s, span
       WHERE s.event_id = ${eventId} AND s.room_id IS NOT NULL AND s.status <> 'CANCELLED'
         AND s.starts_at >= span.day_from AND s.starts_at < span.day_to
       ORDER BY s.room_id, s.starts_at, s.id
    ),
    entries AS (
      SELECT 'DOCK' AS kind, coalesce(t.dock_starts_at, t.arrives_at) AS starts_at, t.dock_ends_at AS ends_at,
             t.name || coalesce(' at ' || t.dock, ' (no dock slot)') AS title,
             NULL::uuid AS room_id, NULL::uuid AS block_id, t.id AS truck_id, NULL::uuid AS session_id
        FROM truck t, span
       WHERE t.event_id = ${eventId} AND coalesce(t.dock_starts_at, t.arrives_at) < span.day_to
         AND coalesce(t.dock_ends_at, t.arrives_at) >= span.day_from
      UNION ALL
      SELECT b.kind::text, b.starts_at, b.ends_at, b.title, b.room_id, b.id, NULL, NULL
        FROM production_block b, span
       WHERE b.event_id = ${eventId} AND b.starts_at < span.day_to AND b.ends_at > span.day_from
      UNION ALL
      SELECT 'DOORS', f.starts_at - make_interval(mins => ev.doors_minutes), f.starts_at, 'Doors: ' || f.title, f.room_id, NULL, NULL, f.id
        FROM firsts f, ev
    )
    SELECT e.* FROM entries e LEFT JOIN room r ON r.id = e.room_id
     ORDER BY e.starts_at, array_position(${sql.raw(`ARRAY['${ORDER.join("','")}']`)}, e.kind), r.name NULLS FIRST, e.title`.execute(db);
  return rows.map((r) => ({
    kind: r.kind,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    title: r.title,
    roomId: r.room_id,
    blockId: r.block_id,
    truckId: r.truck_id,
    sessionId: r.session_id,
  }));
}
