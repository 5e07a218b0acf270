import type { Executor } from '../../db/client.js';
import { ValidationError } from '../../shared/errors.js';

/**
 * Whose a row of people logistics is (a travel leg, a room): an attendee's or a speaker's, exactly
 * one of the two, and of the row's event. `what` names the row in the refusal ("a leg").
 */
export async function requireOnePerson(
  tx: Executor,
  next: { event_id: string; attendee_id: string | null; speaker_id: string | null },
  what: string,
  unchanged?: { attendee_id: string | null; speaker_id: string | null } | null,
): Promise<void> {
  if ((next.attendee_id === null) === (next.speaker_id === null))
    throw new ValidationError({
      field: next.attendee_id ? 'speakerId' : 'attendeeId',
      message: `${what} is either an attendee’s or a speaker’s: give one of attendeeId and speakerId`,
    });
  await requireInEvent(tx, next.event_id, [
    ['attendee', next.attendee_id === unchanged?.attendee_id ? null : next.attendee_id, 'attendeeId'],
    ['speaker', next.speaker_id === unchanged?.speaker_id ? null : next.speaker_id, 'speakerId'],
  ]);
}

/** Each given attendee or speaker is of the event, or a refusal names its input field. */
export async function requireInEvent(
  tx: Executor,
  eventId: string,
  people: readonly (readonly ['attendee' | 'speaker', string | null, string])[],
): Promise<void> {
  for (const [table, id, field] of people) {
    if (!id) continue;
    const row = await tx.selectFrom(table).select('event_id').where('id', '=', id).executeTakeFirst();
    if (row?.event_id !== eventId)
      throw new ValidationError({ field, message: `is not a${table === 'attendee' ? 'n attendee' : ' speaker'} of this event` });
  }
}
