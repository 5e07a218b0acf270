import { formatMoney } from '../../shared/money.js';
import { sql } from 'kysely';
import type { Executor } from '../../db/client.js';
import { localDay } from '../time.js';

export type HousingWarningKind = 'PICKUP_BELOW_ATTRITION' | 'CUT_OFF_APPROACHING' | 'FLIGHT_WITHOUT_ROOM' | 'ROOM_DATES_MISMATCH';

export type HousingWarning = {
  kind: HousingWarningKind;
  message: string;
  blockId: string | null;
  reservationId: string | null;
  attendeeId: string | null;
  speakerId: string | null;
};

/**
 * Housing warnings, computed from the blocks, the rooming list and the travel legs as they stand:
 * pickup below the attrition threshold (with what it would cost), a cut-off coming up, someone who
 * flies in but has no room, or whose room's dates do not match their flights. `speakersOnly`
 * keeps only warnings about speakers (production reads speakers' logistics, not the contracts).
 */
export async function findHousingWarnings(
  db: Executor,
  eventId: string,
  speakersOnly = false,
  today = new Date(),
): Promise<HousingWarning[]> {
  const { timezone } = await db.selectFrom('event').select('timezone').where('id', '=', eventId).executeTakeFirstOrThrow();
  const { rows: blocks } = await sql<{
    id: string;
    hotel: string;
    room_type: string;
    night: string;
    contracted: number;
    held: number;
    rate_minor: number;
    currency: string;
    cut_off_date: string;
    cut_off_warning_days: number;
    attrition_percent: number;
    picked_up: number;
  }>`
    SELECT b.id, b.hotel, b.room_type, b.night, b.contracted, b.held, b.rate_minor, b.currency, b.cut_off_date,
           b.cut_off_warning_days, b.attrition_percent, count(r.id)::int AS picked_up
      FROM hotel_block b
      LEFT JOIN room_reservation r ON r.event_id = b.event_id AND r.hotel = b.hotel AND r.room_type = b.room_type AND r.arrives <= b.night AND r.departs > b.night
     WHERE b.event_id = ${eventId}
     GROUP BY b.id ORDER BY b.night, b.hotel, b.room_type`.execute(db);
  const warnings: HousingWarning[] = [];
  const todayLocal = localDay(today, timezone);
  const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  for (const b of blocks) {
    const floor = Math.ceil((b.contracted * b.attrition_percent) / 100);
    const block = { blockId: b.id, reservationId: null, attendeeId: null, speakerId: null };
    if (b.picked_up < floor)
      warnings.push({
        kind: 'PICKUP_BELOW_ATTRITION',
        message: `${b.hotel}, ${b.room_type}, night of ${b.night}: ${b.picked_up} of ${b.contracted} picked up, below the ${b.attrition_percent} % the contract holds the event to (${floor}); ${floor - b.picked_up} rooms short, ${formatMoney(BigInt(floor - b.picked_up) * BigInt(b.rate_minor), b.currency)} owed at today's pickup`,
        ...block,
      });
    const left = days(todayLocal, b.cut_off_date);
    if (left >= 0 && left <= b.cut_off_warning_days)
      warnings.push({
        kind: 'CUT_OFF_APPROACHING',
        message: `${b.hotel}, ${b.room_type}, night of ${b.night}: the cut-off is ${left === 0 ? 'today' : `in ${left} days`} (${b.cut_off_date}); ${b.contracted - b.held - b.picked_up} rooms still unassigned go back to the hotel then`,
        ...block,
      });
  }
  const { rows: people } = await sql<{
    attendee_id: string | null;
    speaker_id: string | null;
    who: string;
    direction: 'ARRIVAL' | 'DEPARTURE';
    at: Date;
    flight: string;
    reservation_id: string | null;
    arrives: string | null;
    departs: string | null;
  }>`
    SELECT l.attendee_id, l.speaker_id, coalesce(a.name, s.name) AS who, l.direction,
           CASE WHEN l.direction = 'ARRIVAL' THEN l.arrives_at ELSE l.departs_at END AS at,
           concat_ws(' ', l.carrier, l.number) AS flight, r.id AS reservation_id, r.arrives, r.departs
      FROM travel_leg l
      LEFT JOIN attendee a ON a.id = l.attendee_id LEFT JOIN speaker s ON s.id = l.speaker_id
      LEFT JOIN LATERAL (
        SELECT id, arrives, departs FROM room_reservation r
         WHERE r.event_id = l.event_id AND (r.attendee_id = l.attendee_id OR r.speaker_id = l.speaker_id OR r.roommate_attendee_id = l.attendee_id)
         ORDER BY r.arrives LIMIT 1
      ) r ON true
     WHERE l.event_id = ${eventId} AND l.mode <> 'CAR'
     ORDER BY who, l.arrives_at`.execute(db);
  const noted = new Set<string>();
  for (const p of people) {
    const person = { attendeeId: p.attendee_id, speakerId: p.speaker_id };
    const key = p.attendee_id ?? p.speaker_id!;
    if (!p.reservation_id) {
      if (p.direction !== 'ARRIVAL' || noted.has(key)) continue;
      noted.add(key);
      warnings.push({
        kind: 'FLIGHT_WITHOUT_ROOM',
        message: `${p.who} flies in (${p.flight || 'a flight'}, ${localDay(p.at, timezone)}) but has no room`,
        blockId: null,
        reservationId: null,
        ...person,
      });
      continue;
    }
    const day = localDay(p.at, timezone);
    const booked = p.direction === 'ARRIVAL' ? p.arrives! : p.departs!;
    if (day !== booked)
      warnings.push({
        kind: 'ROOM_DATES_MISMATCH',
        message: `${p.who} ${p.direction === 'ARRIVAL' ? 'lands' : 'leaves'} on ${day} (${p.flight || 'their flight'}), but their room ${p.direction === 'ARRIVAL' ? 'starts' : 'ends'} on ${booked}`,
        blockId: null,
        reservationId: p.reservation_id,
        ...person,
      });
  }
  return speakersOnly ? warnings.filter((w) => w.speakerId !== null) : warnings;
}
