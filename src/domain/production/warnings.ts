import { sql } from 'kysely';
import type { Executor } from '../../db/client.js';
import { localTimeText } from '../time.js';
import { goingLines } from '../gear/lines.js';
import { requirementWarnings, type RequirementWarningRow } from './requirements.js';

export type ProductionWarningKind =
  | 'OUTSIDE_ACCESS_HOURS'
  | 'TRUCK_WITHOUT_DOCK_SLOT'
  | 'DOCK_DOUBLE_BOOKED'
  | 'REHEARSAL_MOVED'
  | 'RIGGING_OVERLOAD'
  | 'POWER_OVER_SERVICE'
  | 'ASSET_OVERDUE'
  | 'RF_CHANNELS_EXCEEDED'
  | 'REQUIRED_KIT_NOT_BOOKED';

type WarningRow = {
  kind: Exclude<ProductionWarningKind, 'ASSET_OVERDUE' | RequirementWarningRow['kind']>;
  block_id: string | null;
  truck_id: string | null;
  other_truck_id: string | null;
  room_id: string | null;
  title: string;
  place: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
};

export type ProductionWarning = {
  kind: ProductionWarningKind;
  message: string;
  blockId: string | null;
  truckIds: string[];
  roomId: string | null;
  assetId?: string | null;
  sessionId?: string | null;
};

/**
 * Warnings about the production schedule, computed as it stands: a block (or a truck's dock slot)
 * outside the venue's contracted access hours — when the venue has any — a truck with no dock slot,
 * two trucks on one dock at once, and a rehearsal management moved that production has not
 * acknowledged yet (its crew calls have not moved with it).
 */
export async function findProductionWarnings(db: Executor, eventId: string): Promise<ProductionWarning[]> {
  const { timezone } = await db.selectFrom('event').select('timezone').where('id', '=', eventId).executeTakeFirstOrThrow();
  const { rows } = await sql<WarningRow>`
    WITH access AS (
      SELECT venue_id, range_agg(tstzrange(starts_at, ends_at)) AS hours FROM venue_access_window WHERE event_id = ${eventId} GROUP BY venue_id
    ),
    -- The gear that is going (not quotes), kits expanded into their items.
    gear AS (
      SELECT g.room_id, g.rigging_point_id, g.units, i.unit_weight_grams, i.unit_power_watts
        FROM ${goingLines} g JOIN gear_item i ON i.id = g.item_id
       WHERE g.event_id = ${eventId}
    )
    SELECT 'OUTSIDE_ACCESS_HOURS' AS kind, b.id AS block_id, NULL::uuid AS truck_id, NULL::uuid AS other_truck_id, r.id AS room_id,
           b.title, r.name AS place, b.starts_at, b.ends_at
      FROM production_block b JOIN room r ON r.id = b.room_id JOIN access a ON a.venue_id = r.venue_id
     WHERE b.event_id = ${eventId} AND NOT a.hours @> tstzrange(b.starts_at, b.ends_at)
    UNION ALL
    SELECT 'OUTSIDE_ACCESS_HOURS', NULL, t.id, NULL, NULL, t.name, t.dock, t.dock_starts_at, t.dock_ends_at
      FROM truck t JOIN access a ON a.venue_id = t.venue_id
     WHERE t.event_id = ${eventId} AND t.dock_starts_at IS NOT NULL AND NOT a.hours @> tstzrange(t.dock_starts_at, t.dock_ends_at)
    UNION ALL
    SELECT 'TRUCK_WITHOUT_DOCK_SLOT', NULL, t.id, NULL, NULL, t.name, NULL, t.arrives_at, NULL
      FROM truck t WHERE t.event_id = ${eventId} AND t.dock IS NULL
    UNION ALL
    SELECT 'DOCK_DOUBLE_BOOKED', NULL, a.id, b.id, NULL, a.name || '" and "' || b.name, a.dock, greatest(a.dock_starts_at, b.dock_starts_at), least(a.dock_ends_at, b.dock_ends_at)
      FROM truck a JOIN truck b ON a.venue_id = b.venue_id AND a.dock = b.dock AND (a.dock_starts_at, a.id) < (b.dock_starts_at, b.id)
       AND a.dock_starts_at < b.dock_ends_at AND b.dock_starts_at < a.dock_ends_at
     WHERE a.event_id = ${eventId}
    UNION ALL
    SELECT 'RIGGING_OVERLOAD', NULL, NULL, NULL, r.id, p.name,
           r.name || ' carries ' || round(sum(g.units * g.unit_weight_grams) / 1000.0) || ' kg; its limit is ' || p.load_limit_kg || ' kg', NULL, NULL
      FROM rigging_point p JOIN room r ON r.id = p.room_id JOIN gear g ON g.rigging_point_id = p.id
     WHERE p.event_id = ${eventId}
     GROUP BY p.id, r.id HAVING sum(g.units * g.unit_weight_grams) > p.load_limit_kg * 1000
    UNION ALL
    SELECT 'POWER_OVER_SERVICE', NULL, NULL, NULL, r.id, r.name,
           'draws ' || sum(g.units * g.unit_power_watts) || ' W of its ' || r.power_capacity_watts || ' W service', NULL, NULL
      FROM room r JOIN gear g ON g.room_id = r.id
     WHERE r.event_id = ${eventId} AND r.power_capacity_watts IS NOT NULL
     GROUP BY r.id HAVING sum(g.units * g.unit_power_watts) > r.power_capacity_watts
    UNION ALL
    SELECT 'REHEARSAL_MOVED', b.id, NULL, NULL, r.id, b.title, r.name, b.starts_at, b.ends_at
      FROM production_block b JOIN room r ON r.id = b.room_id
     WHERE b.event_id = ${eventId} AND b.moved_at IS NOT NULL AND (b.acknowledged_at IS NULL OR b.acknowledged_at < b.moved_at)
     ORDER BY 1, 8, 6`.execute(db);
  const at = (d: Date | null) => (d ? localTimeText(d, timezone) : '');
  // Files still missing, or sent back, past their due date.
  const overdue = await db
    .selectFrom('asset')
    .select(['id', 'name', 'status', 'due_at'])
    .where('event_id', '=', eventId)
    .where('status', 'in', ['REQUESTED', 'CHANGES_REQUESTED'])
    .where('due_at', '<', new Date())
    .orderBy('due_at')
    .execute();
  const assets: ProductionWarning[] = overdue.map((a) => ({
    kind: 'ASSET_OVERDUE',
    message: `"${a.name}" was due ${at(a.due_at)} and is ${a.status === 'REQUESTED' ? 'still missing' : 'back with changes requested'}`,
    blockId: null,
    truckIds: [],
    roomId: null,
    assetId: a.id,
  }));
  const requirements: ProductionWarning[] = (await requirementWarnings(db, eventId)).map((r) => ({
    kind: r.kind,
    message:
      r.kind === 'RF_CHANNELS_EXCEEDED'
        ? `"${r.title}" in ${r.place} needs ${r.needed} wireless channels at once; the room's frequency plan has ${r.available}`
        : `"${r.title}" in ${r.place} needs the kit "${r.kit}" (its format's template); no held or confirmed booking has it there for the session`,
    blockId: null,
    truckIds: [],
    roomId: r.room_id,
    sessionId: r.session_id,
  }));
  return [...assets, ...blockAndDockWarnings(rows, at), ...requirements];
}

function blockAndDockWarnings(rows: WarningRow[], at: (d: Date | null) => string): ProductionWarning[] {
  return rows.map((r) => ({
    kind: r.kind,
    blockId: r.block_id,
    truckIds: [r.truck_id, r.other_truck_id].filter((id): id is string => id !== null),
    roomId: r.room_id,
    message: {
      OUTSIDE_ACCESS_HOURS: r.block_id
        ? `"${r.title}" in ${r.place} (${at(r.starts_at)} to ${at(r.ends_at)}) is outside the venue's access hours`
        : `Truck "${r.title}" at ${r.place} (${at(r.starts_at)} to ${at(r.ends_at)}) is outside the venue's access hours`,
      TRUCK_WITHOUT_DOCK_SLOT: `Truck "${r.title}" arrives ${at(r.starts_at)} and has no dock slot`,
      DOCK_DOUBLE_BOOKED: `"${r.title}" are both at ${r.place} from ${at(r.starts_at)} to ${at(r.ends_at)}`,
      RIGGING_OVERLOAD: `Rigging point ${r.title} in ${r.place}`,
      POWER_OVER_SERVICE: `The gear in ${r.title} ${r.place}`,
      REHEARSAL_MOVED: `Management moved "${r.title}" in ${r.place} to ${at(r.starts_at)}; production has not acknowledged it (its crew calls move when it does)`,
    }[r.kind],
  }));
}
