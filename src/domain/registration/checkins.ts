import type { Database } from '../../db/client.js';
import type { CheckIn } from '../../db/types.js';
import { writeEvent, type Actor, type Written } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { deleteEntity, describe, eventIdOf } from '../entities.js';
import { localDay } from '../time.js';

/**
 * Check-in is not a status: it is a fact per day (at the registration desk) and per session (at
 * the door, where it matters), recorded once. Checking in again is answered with the first
 * record and changes nothing, like a second GO.
 */

export type CheckInInput = {
  attendeeId: string;
  /** At a session's door; its day is the session's. */
  sessionId?: string | null;
  /** The event's day on its wall clock (`YYYY-MM-DD`); today in the event's zone when left out. */
  day?: string | null;
};

export async function checkIn(db: Database, actor: Actor, input: CheckInInput): Promise<Written<CheckIn>> {
  const eventId = await eventIdOf(db, 'attendee', input.attendeeId);
  return writeEvent(db, eventId, actor, async (tx, event) => {
    const attendee = await tx.selectFrom('attendee').select(['status']).where('id', '=', input.attendeeId).executeTakeFirstOrThrow();
    if (attendee.status !== 'REGISTERED')
      throw new ValidationError({
        field: 'attendeeId',
        message: `is ${attendee.status}; only REGISTERED attendees check in (register them first)`,
      });
    let day = input.day ?? localDay(new Date(), event.timezone);
    if (input.sessionId) {
      const session = await tx.selectFrom('session').select(['event_id', 'starts_at']).where('id', '=', input.sessionId).executeTakeFirst();
      if (session?.event_id !== eventId)
        throw new ValidationError({ field: 'sessionId', message: "is not a session of the attendee's event" });
      const sessionDay = localDay(session.starts_at, event.timezone);
      if (input.day && input.day !== sessionDay) throw new ValidationError({ field: 'day', message: `the session is on ${sessionDay}` });
      day = sessionDay;
    }
    if (day < event.start_date || day > event.end_date)
      throw new ValidationError({
        field: input.sessionId ? 'sessionId' : 'day',
        message: `${day} is not a day of the event (${event.start_date} – ${event.end_date})`,
      });
    const same = await tx
      .selectFrom('check_in')
      .selectAll()
      .where('attendee_id', '=', input.attendeeId)
      .where('day', '=', day)
      .where((eb) => (input.sessionId ? eb('session_id', '=', input.sessionId) : eb('session_id', 'is', null)))
      .executeTakeFirst();
    if (same) return { result: same, change: null };
    const row = await tx
      .insertInto('check_in')
      .values({ event_id: eventId, attendee_id: input.attendeeId, day, session_id: input.sessionId ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: row,
      change: { kind: 'CheckIn.created', entityType: 'CheckIn', entityId: row.id, before: null, after: describe(row) },
    };
  });
}

/** Takes back a check-in made by mistake. */
export function undoCheckIn(db: Database, actor: Actor, id: string) {
  return deleteEntity(db, actor, 'check_in', id, null);
}
