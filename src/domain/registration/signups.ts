import type { Transaction } from 'kysely';
import type { Database, Executor } from '../../db/client.js';
import type { DB, SessionRegistration } from '../../db/types.js';
import { SYSTEM_ACTOR, writeEvent, type Actor, type Written } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { describe, diff, eventIdOf, lockForEdit } from '../entities.js';
import { countsOf, fillSeats, seats, when } from './capacity.js';

/**
 * Sign-ups for sessions: a seat while one is left (see capacity.ts), else a place at the end of the
 * waitlist, served in arrival order. Every write takes the event's lock, so concurrent sign-ups are
 * served one at a time and no count can be overtaken.
 */

type Tx = Transaction<DB>;

export type SignUp = { attendeeId: string; sessionId: string };

/** Takes a seat, or a place at the end of the waitlist; refuses what the rules do not allow, naming why. */
export async function registerForSession(db: Database, actor: Actor, input: SignUp): Promise<Written<SessionRegistration>> {
  const eventId = await eventIdOf(db, 'session', input.sessionId);
  return writeEvent(db, eventId, actor, async (tx) => {
    const now = new Date();
    const session = await tx.selectFrom('session').selectAll().where('id', '=', input.sessionId).executeTakeFirstOrThrow();
    const attendee = await tx.selectFrom('attendee').select(['event_id', 'status']).where('id', '=', input.attendeeId).executeTakeFirst();
    if (attendee?.event_id !== eventId)
      throw new ValidationError({ field: 'attendeeId', message: "is not an attendee of the session's event" });
    if (attendee.status !== 'REGISTERED')
      throw new ValidationError({
        field: 'attendeeId',
        message: `is ${attendee.status} for the event; only REGISTERED attendees sign up for sessions`,
      });
    if (session.status === 'CANCELLED' || session.status === 'ENDED')
      throw new ValidationError({ field: 'sessionId', message: `is ${session.status.toLowerCase()}; it takes no sign-ups` });
    const mine = await tx
      .selectFrom('session_registration as sr')
      .innerJoin('session as s', 's.id', 'sr.session_id')
      .select(['s.id', 's.title', 's.starts_at', 's.ends_at', 'sr.status'])
      .where('sr.attendee_id', '=', input.attendeeId)
      .where((eb) =>
        eb.or([eb('s.id', '=', session.id), eb.and([eb('s.starts_at', '<', session.ends_at), eb('s.ends_at', '>', session.starts_at)])]),
      )
      .where('s.status', '!=', 'CANCELLED')
      .orderBy('s.starts_at')
      .execute();
    const same = mine.find((m) => m.id === session.id);
    if (same) throw new ValidationError({ field: 'sessionId', message: `they are already ${same.status} for this session` });
    if (mine[0])
      throw new ValidationError({
        field: 'sessionId',
        message: `overlaps "${mine[0].title}" (${when(mine[0].starts_at)} – ${when(mine[0].ends_at)}), which they are ${mine[0].status} for`,
      });
    const counts = await countsOf(tx, session.id);
    let status: 'REGISTERED' | 'WAITLISTED' = 'REGISTERED';
    if (counts.seatsLeft === 0) {
      status = 'WAITLISTED';
      if (session.waitlist_closes_at && session.waitlist_closes_at.getTime() <= now.getTime())
        throw new ValidationError({
          field: 'sessionId',
          message: `is full, and its waitlist closed at ${when(session.waitlist_closes_at)}`,
        });
      if (session.waitlist_capacity !== null && counts.waitlistCount >= session.waitlist_capacity)
        throw new ValidationError({ field: 'sessionId', message: `is full, and so is its waitlist (${session.waitlist_capacity})` });
    }
    const row = await tx
      .insertInto('session_registration')
      .values({ event_id: eventId, session_id: session.id, attendee_id: input.attendeeId, status, offered_until: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = { ...describe(row), seats: seats(await countsOf(tx, session.id)) };
    return {
      result: row,
      change: { kind: 'SessionRegistration.created', entityType: 'SessionRegistration', entityId: row.id, before: null, after },
    };
  });
}

/** Gives up a seat, an offer or a place in line; a freed seat goes to the waitlist in the same change. */
export async function cancelSessionRegistration(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  const eventId = await eventIdOf(db, 'session_registration', id);
  return writeEvent(db, eventId, actor, async (tx) =>
    release(tx, await lockForEdit(tx, 'session_registration', id, expectedVersion), 'cancelled'),
  );
}

async function release(tx: Tx, row: SessionRegistration, kind: 'cancelled' | 'offerExpired') {
  await tx.deleteFrom('session_registration').where('id', '=', row.id).execute();
  const session = await tx.selectFrom('session').selectAll().where('id', '=', row.session_id).executeTakeFirstOrThrow();
  const promoted = await fillSeats(tx, session, new Date());
  const after = { promoted: promoted.map(describe), seats: seats(await countsOf(tx, session.id)) };
  return {
    result: row,
    change: { kind: `SessionRegistration.${kind}`, entityType: 'SessionRegistration', entityId: row.id, before: describe(row), after },
  };
}

/** Takes an offered seat before its deadline. */
export async function claimSessionSeat(db: Database, actor: Actor, id: string) {
  const eventId = await eventIdOf(db, 'session_registration', id);
  return writeEvent(db, eventId, actor, async (tx) => {
    const before = await lockForEdit(tx, 'session_registration', id, null);
    if (before.status !== 'OFFERED') throw new ValidationError({ field: 'id', message: `is ${before.status}, not an offered seat` });
    if (before.offered_until!.getTime() <= Date.now())
      throw new ValidationError({
        field: 'id',
        message: `the offer ended at ${when(before.offered_until!)}; the seat goes to the next in line`,
      });
    const after = await tx
      .updateTable('session_registration')
      .set((eb) => ({ status: 'REGISTERED', offered_until: null, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const changed = diff(before, after);
    return { result: after, change: { kind: 'SessionRegistration.claimed', entityType: 'SessionRegistration', entityId: id, ...changed } };
  });
}

/** Offers whose claim window has passed, soonest first: the due-work runner passes them on. */
export async function pendingOfferExpiries(db: Executor): Promise<{ id: string; eventId: string; dueAt: Date }[]> {
  const rows = await db
    .selectFrom('session_registration')
    .select(['id', 'event_id', 'offered_until'])
    .where('status', '=', 'OFFERED')
    .orderBy('offered_until')
    .limit(100)
    .execute();
  return rows.map((r) => ({ id: r.id, eventId: r.event_id, dueAt: r.offered_until! }));
}

/** Ends an unclaimed offer and offers the seat to the next in line; checked inside the write, so two processes never do it twice. */
export async function expireOffer(db: Database, offer: { id: string; eventId: string }) {
  return writeEvent(db, offer.eventId, SYSTEM_ACTOR, async (tx) => {
    const row = await tx.selectFrom('session_registration').selectAll().where('id', '=', offer.id).forUpdate().executeTakeFirst();
    if (row?.status !== 'OFFERED' || row.offered_until!.getTime() > Date.now()) return { result: null, change: null };
    return release(tx, row, 'offerExpired');
  });
}
