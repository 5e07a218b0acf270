import { sql } from 'kysely';
import type { Executor } from '../../db/client.js';
import { goingLines } from './lines.js';

/**
 * Where an organization's stock runs short, item by item over time, computed in SQL: every HELD or
 * CONFIRMED booking (a kit's expanded into its items) needs its units from leaving the warehouse
 * until it is back plus the item's return buffer; supply is the units owned, less those out of
 * service, plus subrentals for their own dates. The running sums over each item's boundary
 * instants (a window query) give the stretches where need exceeds supply — each one a subrental to
 * suggest: that many units, those dates. QUOTED bookings hold nothing yet.
 */
export type Shortage = {
  itemId: string;
  item: string;
  from: Date;
  until: Date;
  needed: number;
  available: number;
  short: number;
  /** The events whose bookings need the item then. */
  eventIds: string[];
};

export async function findShortages(db: Executor, organizationId: string, eventId?: string): Promise<Shortage[]> {
  const { rows } = await sql<{
    item_id: string;
    item: string;
    from: Date;
    until: Date;
    needed: number;
    available: number;
    event_ids: string[];
  }>`
    WITH items AS (SELECT * FROM gear_item WHERE organization_id = ${organizationId}),
    demand AS (
      SELECT i.id AS item_id, g.units AS quantity, g.event_id,
             g.leaves_at AS starts_at, g.returns_at + make_interval(hours => i.return_buffer_hours) AS ends_at
        FROM ${goingLines} g JOIN items i ON i.id = g.item_id
    ),
    supply AS (
      SELECT o.item_id, -o.quantity AS delta, o.starts_at, coalesce(o.ends_at, 'infinity') AS ends_at FROM gear_outage o JOIN items i ON i.id = o.item_id
      UNION ALL
      SELECT r.item_id, r.quantity, r.starts_at, r.ends_at FROM gear_subrental r JOIN items i ON i.id = r.item_id
    ),
    steps AS (
      SELECT item_id, starts_at AS at, quantity AS need, 0 AS extra FROM demand
      UNION ALL SELECT item_id, ends_at, -quantity, 0 FROM demand
      UNION ALL SELECT item_id, starts_at, 0, delta FROM supply
      UNION ALL SELECT item_id, ends_at, 0, -delta FROM supply
    ),
    running AS (
      SELECT item_id, at, lead(at) OVER w AS until,
             sum(sum(need)) OVER w AS needed, sum(sum(extra)) OVER w AS extra
        FROM steps GROUP BY item_id, at
      WINDOW w AS (PARTITION BY item_id ORDER BY at)
    )
    SELECT r.item_id, i.name AS item, r.at AS from, r.until, r.needed::int AS needed, (i.quantity + r.extra)::int AS available,
           array(SELECT DISTINCT d.event_id FROM demand d WHERE d.item_id = r.item_id AND d.starts_at < r.until AND d.ends_at > r.at) AS event_ids
      FROM running r JOIN items i ON i.id = r.item_id
     WHERE r.until IS NOT NULL AND r.until <> 'infinity' AND r.needed > i.quantity + r.extra
     ORDER BY i.name, r.at`.execute(db);
  return rows
    .map((r) => ({
      itemId: r.item_id,
      item: r.item,
      from: r.from,
      until: r.until,
      needed: r.needed,
      available: r.available,
      short: r.needed - r.available,
      eventIds: r.event_ids,
    }))
    .filter((s) => !eventId || s.eventIds.includes(eventId));
}

/** The organization whose inventory an event books from: its production company. */
export async function productionOrganizationOf(db: Executor, eventId: string): Promise<string | null> {
  const row = await db
    .selectFrom('event_member')
    .select('organization_id')
    .where('event_id', '=', eventId)
    .where('role', '=', 'PRODUCTION')
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.organization_id ?? null;
}
