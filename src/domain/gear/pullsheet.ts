import { sql } from 'kysely';
import type { Executor } from '../../db/client.js';
import { goingLines } from './lines.js';

/**
 * The pull sheet: what the warehouse pulls for an event, room by room — each item with its
 * quantity (kits expanded into their items), unit and total weight, and power draw — and each
 * room's totals, which the venue advance checks against the room's rigging and power. QUOTED
 * bookings are left out (nothing is pulled for a quote). One statement.
 */
export type PullLine = {
  roomId: string | null;
  itemId: string;
  item: string;
  category: string | null;
  quantity: number;
  unitWeightGrams: number;
  weightGrams: number;
  powerWatts: number;
  kits: string[];
};

export async function pullSheet(db: Executor, eventId: string): Promise<PullLine[]> {
  const { rows } = await sql<{
    room_id: string | null;
    item_id: string;
    item: string;
    category: string | null;
    quantity: number;
    unit_weight_grams: number;
    unit_power_watts: number;
    kits: string[];
  }>`
    SELECT g.room_id, i.id AS item_id, i.name AS item, i.category, sum(g.units)::int AS quantity,
           i.unit_weight_grams, i.unit_power_watts,
           array_remove(array_agg(DISTINCT g.kit_name), NULL) AS kits
      FROM ${goingLines} g
      JOIN gear_item i ON i.id = g.item_id
      LEFT JOIN room r ON r.id = g.room_id
     WHERE g.event_id = ${eventId}
     GROUP BY g.room_id, r.name, i.id
     ORDER BY r.name NULLS LAST, i.category NULLS LAST, i.name`.execute(db);
  return rows.map((r) => ({
    roomId: r.room_id,
    itemId: r.item_id,
    item: r.item,
    category: r.category,
    quantity: r.quantity,
    unitWeightGrams: r.unit_weight_grams,
    weightGrams: r.quantity * r.unit_weight_grams,
    powerWatts: r.quantity * r.unit_power_watts,
    kits: r.kits,
  }));
}
