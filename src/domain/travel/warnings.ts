import { sql } from 'kysely';
import type { Executor } from '../../db/client.js';
import { localTimeText } from '../time.js';

export type TravelWarningKind =
  'UNASSIGNED_PASSENGER' | 'WAVE_OVERFULL' | 'CHANGED_AFTER_MANIFEST' | 'SPEAKER_LANDS_LATE' | 'SPEAKER_LEAVES_EARLY';

export type TravelWarning = {
  kind: TravelWarningKind;
  message: string;
  legIds: string[];
  waveId: string | null;
  attendeeId: string | null;
  speakerId: string | null;
  sessionId: string | null;
};

type Leg = {
  id: string;
  attendee_id: string | null;
  speaker_id: string | null;
  who: string;
  direction: 'ARRIVAL' | 'DEPARTURE';
  mode: string;
  carrier: string | null;
  number: string | null;
  departs_at: Date;
  arrives_at: Date;
  terminal: string | null;
  transfer_wave_id: string | null;
  updated_at: Date;
};

/**
 * Travel warnings, computed from the legs and waves as they stand: they never block a change and
 * disappear when the data is fixed. `speakersOnly` leaves out every warning about an attendee's
 * travel (production reads speakers' arrivals and counts, not other people's flights).
 */
export async function findTravelWarnings(db: Executor, eventId: string, speakersOnly = false): Promise<TravelWarning[]> {
  const event = await db
    .selectFrom('event')
    .select(['timezone', 'speaker_arrival_buffer_minutes'])
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow();
  const at = (d: Date) => localTimeText(d, event.timezone);
  const { rows: legs } = await sql<Leg>`
    SELECT l.id, l.attendee_id, l.speaker_id, coalesce(a.name, s.name) AS who, l.direction, l.mode, l.carrier, l.number,
           l.departs_at, l.arrives_at, l.terminal, l.transfer_wave_id, l.updated_at
      FROM travel_leg l LEFT JOIN attendee a ON a.id = l.attendee_id LEFT JOIN speaker s ON s.id = l.speaker_id
     WHERE l.event_id = ${eventId}
     ORDER BY l.arrives_at, l.id`.execute(db);
  const waves = await db.selectFrom('transfer_wave').selectAll().where('event_id', '=', eventId).orderBy('window_start').execute();
  const warnings: TravelWarning[] = [];
  const flight = (l: Leg) => [l.carrier, l.number].filter(Boolean).join(' ') || l.mode.toLowerCase();
  const about = (l: Leg) => ({ legIds: [l.id], attendeeId: l.attendee_id, speakerId: l.speaker_id, sessionId: null });

  for (const direction of ['ARRIVAL', 'DEPARTURE'] as const) {
    if (!waves.some((w) => w.direction === direction)) continue;
    for (const l of legs.filter((x) => x.direction === direction && x.mode !== 'CAR' && !x.transfer_wave_id))
      warnings.push({
        kind: 'UNASSIGNED_PASSENGER',
        message: `${l.who} (${flight(l)}, ${direction === 'ARRIVAL' ? `lands ${at(l.arrives_at)}` : `leaves ${at(l.departs_at)}`}${l.terminal ? `, ${l.terminal}` : ''}) is in no transfer wave`,
        waveId: null,
        ...about(l),
      });
  }
  for (const w of waves) {
    const aboard = legs.filter((l) => l.transfer_wave_id === w.id);
    const seats = w.vehicle_capacity * w.vehicles;
    if (aboard.length > seats)
      warnings.push({
        kind: 'WAVE_OVERFULL',
        message: `${w.name}: ${aboard.length} passengers for ${seats} seats (${w.vehicles} × ${w.vehicle ?? 'vehicle'} of ${w.vehicle_capacity})`,
        legIds: aboard.map((l) => l.id),
        waveId: w.id,
        attendeeId: null,
        speakerId: null,
        sessionId: null,
      });
    if (w.manifest_sent_at)
      for (const l of aboard.filter((x) => x.updated_at.getTime() > w.manifest_sent_at!.getTime()))
        warnings.push({
          kind: 'CHANGED_AFTER_MANIFEST',
          message: `${l.who}'s ${flight(l)} changed after ${w.name}'s manifest was sent (${at(w.manifest_sent_at)}): send it again`,
          waveId: w.id,
          ...about(l),
        });
  }
  warnings.push(...(await speakerTiming(db, eventId, legs, event.speaker_arrival_buffer_minutes, at, flight)));
  return speakersOnly ? warnings.filter((w) => w.attendeeId === null) : warnings;
}

/** Speakers landing less than the event's buffer before their first session, or leaving before their last one ends. */
async function speakerTiming(
  db: Executor,
  eventId: string,
  legs: Leg[],
  buffer: number,
  at: (d: Date) => string,
  flight: (l: Leg) => string,
): Promise<TravelWarning[]> {
  // Their calls: each session, and each rehearsal slot (the rehearsal call comes first when there is one).
  const { rows } = await sql<{ speaker_id: string; id: string | null; title: string; starts_at: Date; ends_at: Date; rehearsal: boolean }>`
    SELECT ss.speaker_id, s.id, s.title, s.starts_at, s.ends_at, false AS rehearsal
      FROM session_speaker ss JOIN session s ON s.id = ss.session_id
     WHERE ss.event_id = ${eventId} AND s.status <> 'CANCELLED'
    UNION ALL
    SELECT r.speaker_id, r.session_id, b.title, b.starts_at + make_interval(secs => r.offset_seconds),
           b.starts_at + make_interval(secs => r.offset_seconds + r.duration_seconds), true
      FROM rehearsal_slot r JOIN production_block b ON b.id = r.block_id
     WHERE r.event_id = ${eventId}
     ORDER BY 4, 2`.execute(db);
  const warnings: TravelWarning[] = [];
  for (const speakerId of new Set(legs.filter((l) => l.speaker_id).map((l) => l.speaker_id!))) {
    const sessions = rows.filter((r) => r.speaker_id === speakerId);
    if (!sessions.length) continue;
    const first = sessions[0]!;
    const last = sessions
      .filter((r) => !r.rehearsal)
      .reduce<(typeof sessions)[number] | null>((a, b) => (!a || b.ends_at > a.ends_at ? b : a), null);
    const arrival = legs.filter((l) => l.speaker_id === speakerId && l.direction === 'ARRIVAL').at(-1);
    if (arrival) {
      const minutes = Math.round((first.starts_at.getTime() - arrival.arrives_at.getTime()) / 60_000);
      if (minutes < buffer)
        warnings.push({
          kind: 'SPEAKER_LANDS_LATE',
          message: `${arrival.who} lands ${at(arrival.arrives_at)} (${flight(arrival)}), ${minutes < 0 ? `${-minutes} minutes after` : `${minutes} minutes before`} ${first.rehearsal ? 'their rehearsal call in' : 'their first session'} "${first.title}" at ${at(first.starts_at)}; the event wants ${buffer}`,
          legIds: [arrival.id],
          waveId: null,
          attendeeId: null,
          speakerId,
          sessionId: first.id,
        });
    }
    const departure = legs.find((l) => l.speaker_id === speakerId && l.direction === 'DEPARTURE');
    if (departure && last && departure.departs_at.getTime() < last.ends_at.getTime())
      warnings.push({
        kind: 'SPEAKER_LEAVES_EARLY',
        message: `${departure.who} leaves ${at(departure.departs_at)} (${flight(departure)}), before their last session "${last.title}" ends at ${at(last.ends_at)}`,
        legIds: [departure.id],
        waveId: null,
        attendeeId: null,
        speakerId,
        sessionId: last.id,
      });
  }
  return warnings;
}
