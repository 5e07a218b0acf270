import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { Database } from '../src/db/client.js';

/**
 * The production side of the benchmark event, made once and reused: per room and day a load-in,
 * a show and a strike block, two trucks a day at the dock, and the production company's gear —
 * items and a lectern kit — booked into every room. Written in bulk (reads are measured).
 */
export async function ensureBenchProduction(db: Database, eventId: string, days: string[]): Promise<void> {
  if (await db.selectFrom('production_block').select('id').where('event_id', '=', eventId).limit(1).executeTakeFirst()) return;
  await db.transaction().execute(async (tx) => {
    const production = await tx
      .selectFrom('event_member')
      .select('organization_id')
      .where('event_id', '=', eventId)
      .where('role', '=', 'PRODUCTION')
      .executeTakeFirstOrThrow();
    const rooms = await tx.selectFrom('room').select(['id', 'name', 'venue_id']).where('event_id', '=', eventId).orderBy('name').execute();
    const at = (day: string, time: string) => sql<Date>`(${day}::date + ${time}::time) AT TIME ZONE 'Europe/Berlin'`;
    for (const day of days)
      for (const room of rooms)
        for (const [kind, title, from, until] of [
          ['LOAD_IN', `${room.name} load-in`, '05:00', '07:30'],
          ['SHOW', `${room.name} show`, '08:00', '19:00'],
          ['STRIKE', `${room.name} strike`, '19:30', '22:00'],
        ] as const)
          await tx
            .insertInto('production_block')
            .values({ event_id: eventId, room_id: room.id, kind, title, starts_at: at(day, from), ends_at: at(day, until) })
            .execute();
    for (const day of days)
      for (const n of [1, 2])
        await tx
          .insertInto('truck')
          .values({
            event_id: eventId,
            venue_id: rooms[0]!.venue_id,
            name: `Truck ${day} #${n}`,
            arrives_at: at(day, n === 1 ? '04:30' : '06:00'),
            dock: `Dock ${n}`,
            dock_starts_at: at(day, n === 1 ? '04:30' : '06:00'),
            dock_ends_at: at(day, n === 1 ? '05:30' : '07:00'),
          })
          .execute();
    const items = await tx
      .insertInto('gear_item')
      .values(
        Array.from({ length: 40 }, (_, i) => ({
          organization_id: production.organization_id,
          name: `Bench item ${String(i).padStart(2, '0')}`,
          category: ['Audio', 'Video', 'Lighting', 'Staging'][i % 4]!,
          quantity: 500,
          unit_weight_grams: 1_000 + i * 250,
          unit_power_watts: (i % 5) * 60,
        })),
      )
      .returning('id')
      .execute();
    const kit = await tx
      .insertInto('gear_kit')
      .values({
        organization_id: production.organization_id,
        name: 'Bench lectern package',
        items: JSON.stringify(items.slice(0, 4).map((it) => ({ itemId: it.id, quantity: 1 }))),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const leaves = at(days[0]!, '00:00');
    const returns = at(days.at(-1)!, '23:00');
    for (const [r, room] of rooms.entries()) {
      await tx
        .insertInto('gear_booking')
        .values({
          event_id: eventId,
          kit_id: kit.id,
          quantity: 1,
          status: 'CONFIRMED',
          leaves_at: leaves,
          returns_at: returns,
          room_id: room.id,
        })
        .execute();
      for (const item of items.slice(4 + (r % 6), 4 + (r % 6) + 20))
        await tx
          .insertInto('gear_booking')
          .values({
            event_id: eventId,
            item_id: item.id,
            quantity: 2 + (r % 3),
            status: 'CONFIRMED',
            leaves_at: leaves,
            returns_at: returns,
            room_id: room.id,
          })
          .execute();
    }
  });
}

/** What a production manager's day view asks for: the day's schedule and the pull sheet, room by room. */
export const PRODUCTION_DAY = `query ProductionDay($id: ID!, $day: Date!) {
  node(id: $id) { ... on Event {
    productionSchedule(day: $day) { kind startsAt endsAt title room { name } }
    pullSheet { room { name } weightGrams powerWatts lines { name quantity weightGrams powerWatts kits } }
  } }
}`;

/** The floor: the same answer from hand-written SQL through pg, JSON.stringify-ed by bare node:http. */
export async function productionFloor(db: Database, eventId: string, day: string): Promise<{ url: string; close: () => void }> {
  const server = http.createServer(async (_req, res) => {
    const [schedule, lines] = await Promise.all([
      sql<Record<string, unknown>>`
        WITH ev AS (SELECT timezone, doors_minutes FROM event WHERE id = ${eventId}),
        span AS (SELECT (${day}::date::timestamp AT TIME ZONE ev.timezone) AS f, ((${day}::date + 1)::timestamp AT TIME ZONE ev.timezone) AS t FROM ev),
        firsts AS (SELECT DISTINCT ON (s.room_id) s.room_id, s.title, s.starts_at FROM session s, span
                    WHERE s.event_id = ${eventId} AND s.room_id IS NOT NULL AND s.status <> 'CANCELLED' AND s.starts_at >= span.f AND s.starts_at < span.t
                    ORDER BY s.room_id, s.starts_at, s.id),
        entries AS (
          SELECT 'DOCK' AS kind, coalesce(k.dock_starts_at, k.arrives_at) AS starts_at, k.dock_ends_at AS ends_at, k.name || coalesce(' at ' || k.dock, ' (no dock slot)') AS title, NULL::uuid AS room_id
            FROM truck k, span WHERE k.event_id = ${eventId} AND coalesce(k.dock_starts_at, k.arrives_at) < span.t AND coalesce(k.dock_ends_at, k.arrives_at) >= span.f
          UNION ALL
          SELECT b.kind::text, b.starts_at, b.ends_at, b.title, b.room_id FROM production_block b, span
           WHERE b.event_id = ${eventId} AND b.starts_at < span.t AND b.ends_at > span.f
          UNION ALL
          SELECT 'DOORS', f.starts_at - make_interval(mins => ev.doors_minutes), f.starts_at, 'Doors: ' || f.title, f.room_id FROM firsts f, ev)
        SELECT e.kind, e.starts_at, e.ends_at, e.title, r.name AS room FROM entries e LEFT JOIN room r ON r.id = e.room_id
         ORDER BY e.starts_at, array_position(ARRAY['DOCK','LOAD_IN','FOCUS','TECH','REHEARSAL','DOORS','SHOW','STRIKE','LOAD_OUT'], e.kind), r.name NULLS FIRST, e.title`.execute(
        db,
      ),
      sql<Record<string, unknown>>`
        SELECT r.name AS room, i.name, sum(g.units)::int AS quantity, i.unit_weight_grams, i.unit_power_watts, array_remove(array_agg(DISTINCT g.kit_name), NULL) AS kits
          FROM (SELECT b.room_id, b.event_id, coalesce(b.item_id, (k.line->>'itemId')::uuid) AS item_id, b.quantity * coalesce((k.line->>'quantity')::int, 1) AS units, kit.name AS kit_name
                  FROM gear_booking b LEFT JOIN gear_kit kit ON kit.id = b.kit_id LEFT JOIN LATERAL jsonb_array_elements(kit.items) AS k(line) ON true
                 WHERE b.status <> 'QUOTED') g
          JOIN gear_item i ON i.id = g.item_id LEFT JOIN room r ON r.id = g.room_id
         WHERE g.event_id = ${eventId}
         GROUP BY g.room_id, r.name, i.id ORDER BY r.name NULLS LAST, i.category NULLS LAST, i.name`.execute(db),
    ]);
    const rooms = new Map<string, { room: { name: string } | null; weightGrams: number; powerWatts: number; lines: unknown[] }>();
    for (const l of lines.rows) {
      const key = String(l.room);
      const line = {
        name: l.name,
        quantity: l.quantity,
        weightGrams: Number(l.quantity) * Number(l.unit_weight_grams),
        powerWatts: Number(l.quantity) * Number(l.unit_power_watts),
        kits: l.kits,
      };
      const room = rooms.get(key) ?? { room: l.room === null ? null : { name: String(l.room) }, weightGrams: 0, powerWatts: 0, lines: [] };
      room.weightGrams += line.weightGrams;
      room.powerWatts += line.powerWatts;
      room.lines.push(line);
      rooms.set(key, room);
    }
    const body = {
      data: {
        node: {
          productionSchedule: schedule.rows.map((e) => ({
            kind: e.kind,
            startsAt: e.starts_at,
            endsAt: e.ends_at,
            title: e.title,
            room: e.room === null ? null : { name: e.room },
          })),
          pullSheet: [...rooms.values()],
        },
      },
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}
