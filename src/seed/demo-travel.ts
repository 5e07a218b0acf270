import type { Database } from '../db/client.js';
import type { Actor } from '../db/write.js';
import { createLeg, createWave } from '../domain/travel/travel.js';

/**
 * The demo's travel: the sales team flies into San Diego (SAN) the day before, met by two airport
 * runs — the afternoon van booked too small — and two stragglers not yet on any run; every speaker
 * of the first day's sessions flies in too, the opening keynote's speaker on a red-eye that lands
 * too close to the keynote.
 */
export async function seedTravel(db: Database, management: Actor, eventId: string): Promise<void> {
  const { start_date: firstDay } = await db.selectFrom('event').select('start_date').where('id', '=', eventId).executeTakeFirstOrThrow();
  const dayBefore = new Date(`${firstDay}T00:00:00Z`).getTime() - 86_400_000;
  // Pacific time is UTC−8 (or −7): 20:00Z is about noon in San Diego.
  const at = (hoursUtc: number, minutes = 0) => new Date(dayBefore + (hoursUtc * 60 + minutes) * 60_000);
  const afternoon = (
    await createWave(db, management, eventId, {
      name: 'SAN Terminal 2, afternoon',
      direction: 'ARRIVAL',
      terminal: 'T2',
      windowStart: at(20),
      windowEnd: at(24),
      vehicle: 'Sprinter van',
      vehicleCapacity: 12,
      meetAndGreet: true,
    })
  ).result.id;
  const evening = (
    await createWave(db, management, eventId, {
      name: 'SAN Terminal 2, evening',
      direction: 'ARRIVAL',
      terminal: 'T2',
      windowStart: at(24),
      windowEnd: at(28),
      vehicle: 'Sprinter van',
      vehicleCapacity: 12,
      vehicles: 3,
    })
  ).result.id;
  const sales = await db
    .selectFrom('attendee')
    .innerJoin('registration_type as t', 't.id', 'attendee.registration_type_id')
    .select(['attendee.id'])
    .where('attendee.event_id', '=', eventId)
    .where('t.name', '=', 'Sales team')
    .where('attendee.status', '=', 'REGISTERED')
    .orderBy('attendee.name')
    .limit(36)
    .execute();
  const hubs = [
    ['DL', 'ATL'],
    ['UA', 'ORD'],
    ['AA', 'DFW'],
    ['AS', 'SEA'],
    ['B6', 'JFK'],
  ] as const;
  for (const [i, person] of sales.entries()) {
    const [carrier, from] = hubs[i % hubs.length]!;
    // Fourteen on the afternoon run (a van of twelve), twenty on the evening one, two on neither yet.
    const wave = i < 14 ? afternoon : i < 34 ? evening : null;
    const lands = wave === afternoon ? at(20, 30 + i * 10) : at(24, 15 + (i - 14) * 10);
    await createLeg(db, management, eventId, {
      attendeeId: person.id,
      direction: 'ARRIVAL',
      mode: 'FLIGHT',
      carrier,
      number: String(1200 + i * 7),
      from,
      to: 'SAN',
      departsAt: new Date(lands.getTime() - 4 * 3600_000),
      arrivesAt: lands,
      terminal: 'T2',
      transferWaveId: wave,
    });
  }
  // The first day's speakers, in the order they speak; the keynote's lands 75 minutes before it.
  const speakers = await db
    .selectFrom('session_speaker as ss')
    .innerJoin('session as s', 's.id', 'ss.session_id')
    .select(['ss.speaker_id', 's.starts_at'])
    .where('ss.event_id', '=', eventId)
    .where('s.starts_at', '<', new Date(dayBefore + 2 * 86_400_000))
    .orderBy('s.starts_at')
    .execute();
  const seen = new Set<string>();
  for (const { speaker_id: speakerId, starts_at: startsAt } of speakers) {
    if (seen.has(speakerId)) continue;
    const lands = seen.size === 0 ? new Date(startsAt.getTime() - 75 * 60_000) : at(22, seen.size * 20);
    seen.add(speakerId);
    await createLeg(db, management, eventId, {
      speakerId,
      direction: 'ARRIVAL',
      mode: 'FLIGHT',
      carrier: seen.size === 1 ? 'UA' : 'AS',
      number: seen.size === 1 ? '1166' : String(500 + seen.size),
      from: seen.size === 1 ? 'EWR' : 'SFO',
      to: 'SAN',
      departsAt: new Date(lands.getTime() - (seen.size === 1 ? 6 : 1.5) * 3600_000),
      arrivesAt: lands,
      terminal: 'T2',
      transferWaveId: seen.size === 1 ? null : lands.getTime() < at(24).getTime() ? afternoon : evening,
    });
  }
}
