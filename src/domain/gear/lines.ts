import { sql } from 'kysely';

/**
 * Every booking that takes gear out (HELD or CONFIRMED; a quote takes nothing) as lines of items:
 * a kit's booking becomes one line per item of the kit, its units the booking's quantity times the
 * kit's. The shortages, the pull sheet and the rigging and power warnings all read gear this way;
 * filter it outside (`WHERE g.event_id = …`), the planner pushes the condition in.
 */
export const goingLines = sql`(
  SELECT b.id AS booking_id, b.event_id, b.room_id, b.rigging_point_id, b.leaves_at, b.returns_at,
         coalesce(b.item_id, (k.line->>'itemId')::uuid) AS item_id,
         b.quantity * coalesce((k.line->>'quantity')::int, 1) AS units,
         kit.name AS kit_name
    FROM gear_booking b
    LEFT JOIN gear_kit kit ON kit.id = b.kit_id
    LEFT JOIN LATERAL jsonb_array_elements(kit.items) AS k(line) ON true
   WHERE b.status <> 'QUOTED'
)`;
