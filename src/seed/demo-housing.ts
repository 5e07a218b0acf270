import type { Database } from '../db/client.js';
import type { Actor } from '../db/write.js';
import { addDays, localDay } from '../domain/time.js';
import { createBlock, createReservation } from '../domain/housing/housing.js';

/**
 * The demo's housing: a King block at the headquarters hotel for the night before and the event's
 * nights, 120 rooms a night at 80 % attrition — the rooming list so far well below it — and the
 * sales team and the speakers who fly in on it: one rep with a room that starts a day after their
 * flight, one with no room yet.
 */
export async function seedHousing(db: Database, management: Actor, eventId: string): Promise<void> {
  const event = await db.selectFrom('event').select(['start_date', 'end_date']).where('id', '=', eventId).executeTakeFirstOrThrow();
  const hotel = 'Harborview Marriott';
  for (let night = addDays(event.start_date, -1); night < event.end_date; night = addDays(night, 1))
    await createBlock(db, management, eventId, {
      hotel,
      roomType: 'King',
      night,
      contracted: 120,
      held: 6,
      rateMinor: 28_900,
      currency: 'USD',
      cutOffDate: addDays(event.start_date, -30),
      attritionPercent: 80,
      compRatio: 40,
      staffRooms: 4,
    });
  const { timezone } = await db.selectFrom('event').select('timezone').where('id', '=', eventId).executeTakeFirstOrThrow();
  const flyers = await db
    .selectFrom('travel_leg')
    .select(['attendee_id', 'speaker_id', 'arrives_at'])
    .where('event_id', '=', eventId)
    .where('direction', '=', 'ARRIVAL')
    .orderBy('arrives_at')
    .execute();
  const attendees = flyers.filter((f) => f.attendee_id);
  const last = attendees.at(-1);
  for (const [i, f] of flyers.entries()) {
    if (f === last) continue; // the last to book: a flight, no room yet
    const landed = localDay(f.arrives_at, timezone);
    await createReservation(db, management, eventId, {
      attendeeId: f.attendee_id,
      speakerId: f.speaker_id,
      hotel,
      roomType: 'King',
      // One sales rep's room was booked from the first morning: a night short of their flight.
      arrives: f === attendees[4] ? addDays(landed, 1) : landed,
      departs: event.end_date,
      confirmation: `HM-${40_100 + i}`,
    });
  }
}
