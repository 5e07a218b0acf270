import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Database, Executor } from '../../db/client.js';
import type { DB, Session, SessionRegistration } from '../../db/types.js';
import { writeEvent, type Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { describe, diff, eventIdOf, lockForEdit, sameValue } from '../entities.js';

/**
 * A session's capacity as planners count it: the room's fire-code limit is hard (nothing ever
 * seats more), the session's cap is what sign-ups fill (soft: set it above the seats set to
 * over-register for no-shows, below to hold seats back). Free seats are filled from the waitlist,
 * first in line first: given while it is open, offered for `claim_minutes` once it has closed.
 */

type Tx = Transaction<DB>;

export type SeatCounts = {
  sessionId: string;
  /** REGISTERED and OFFERED: a seat offered is held for its claimant. */
  seatsTaken: number;
  waitlistCount: number;
  /** The lower of the cap and the room's fire-code limit; null when neither is set. */
  seatLimit: number | null;
  /** What sign-ups may still take; null for no limit. */
  seatsLeft: number | null;
};

const lower = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

/** Seat counts of sessions, in key order: one statement for all. */
export async function seatCountsOf(db: Executor, sessionIds: readonly string[]): Promise<SeatCounts[]> {
  if (sessionIds.length === 0) return [];
  const rows = await db
    .selectFrom('session as s')
    .leftJoin('room as r', 'r.id', 's.room_id')
    .leftJoin('session_registration as sr', 'sr.session_id', 's.id')
    .select([
      's.id',
      's.capacity',
      'r.fire_code_capacity',
      sql<string>`count(sr.id) FILTER (WHERE sr.status <> 'WAITLISTED')`.as('taken'),
      sql<string>`count(sr.id) FILTER (WHERE sr.status = 'WAITLISTED')`.as('waiting'),
    ])
    .where('s.id', 'in', sessionIds as string[])
    .groupBy(['s.id', 'r.fire_code_capacity'])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return sessionIds.map((sessionId) => {
    const row = byId.get(sessionId);
    const seatsTaken = Number(row?.taken ?? 0);
    const seatLimit = row ? lower(row.capacity, row.fire_code_capacity) : null;
    return {
      sessionId,
      seatsTaken,
      waitlistCount: Number(row?.waiting ?? 0),
      seatLimit,
      seatsLeft: seatLimit === null ? null : Math.max(0, seatLimit - seatsTaken),
    };
  });
}

export const countsOf = async (tx: Tx, sessionId: string) => (await seatCountsOf(tx, [sessionId]))[0]!;
export const seats = ({ seatsTaken, waitlistCount, seatsLeft }: SeatCounts) => ({ seatsTaken, waitlistCount, seatsLeft });

export const when = (date: Date) => date.toISOString();

/** Refuses a fire-code limit below what a session in the room has taken (the hard limit is never exceeded). */
export async function requireSeatsWithin(
  tx: Executor,
  where: { roomId: string } | { sessionId: string },
  limit: number | null,
  field: string,
) {
  if (limit === null) return;
  const sessions = await tx
    .selectFrom('session')
    .select('id')
    .$call((q) => ('roomId' in where ? q.where('room_id', '=', where.roomId) : q.where('id', '=', where.sessionId)))
    .execute();
  const over = (
    await seatCountsOf(
      tx,
      sessions.map((s) => s.id),
    )
  ).find((c) => c.seatsTaken > limit);
  if (over)
    throw new ValidationError({
      field,
      message: `a session there has ${over.seatsTaken} seats taken, above the fire-code limit of ${limit}`,
    });
}

/** Fills free seats from the waitlist, first in line first: seated while the waitlist is open, offered after. */
export async function fillSeats(tx: Tx, session: Session, now: Date): Promise<SessionRegistration[]> {
  const { seatsLeft } = await countsOf(tx, session.id);
  if (seatsLeft === 0) return [];
  const offer = session.waitlist_closes_at !== null && session.waitlist_closes_at.getTime() <= now.getTime();
  let next = tx
    .selectFrom('session_registration')
    .select('id')
    .where('session_id', '=', session.id)
    .where('status', '=', 'WAITLISTED')
    .orderBy('position');
  if (seatsLeft !== null) next = next.limit(seatsLeft);
  const ids = (await next.execute()).map((r) => r.id);
  if (ids.length === 0) return [];
  return tx
    .updateTable('session_registration')
    .set((eb) => ({
      status: offer ? 'OFFERED' : 'REGISTERED',
      offered_until: offer ? new Date(now.getTime() + session.claim_minutes * 60_000) : null,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('id', 'in', ids)
    .returningAll()
    .execute()
    .then((rows) => rows.sort((a, b) => Number(a.position) - Number(b.position)));
}

export type SessionCapacityInput = {
  capacity?: number | null;
  seatsSet?: number | null;
  waitlistCapacity?: number | null;
  waitlistClosesAt?: Date | null;
  claimMinutes?: number | null;
};

/** Sets a session's sign-up numbers; a raised cap seats the waitlist (or offers, once it has closed) in the same change. */
export async function setSessionCapacity(
  db: Database,
  actor: Actor,
  sessionId: string,
  expectedVersion: number,
  input: SessionCapacityInput,
) {
  const eventId = await eventIdOf(db, 'session', sessionId);
  return writeEvent(db, eventId, actor, async (tx) => {
    const before = await lockForEdit(tx, 'session', sessionId, expectedVersion);
    const patch = Object.fromEntries(
      Object.entries({
        capacity: input.capacity,
        seats_set: input.seatsSet,
        waitlist_capacity: input.waitlistCapacity,
        waitlist_closes_at: input.waitlistClosesAt,
        claim_minutes: input.claimMinutes ?? undefined,
      }).filter(([, v]) => v !== undefined),
    );
    const fire = before.room_id
      ? (await tx.selectFrom('room').select('fire_code_capacity').where('id', '=', before.room_id).executeTakeFirstOrThrow())
          .fire_code_capacity
      : null;
    for (const [field, value] of [
      ['capacity', input.capacity],
      ['seatsSet', input.seatsSet],
    ] as const)
      if (fire !== null && value != null && value > fire)
        throw new ValidationError({ field, message: `is above the room's fire-code limit of ${fire}` });
    if (Object.entries(patch).every(([key, value]) => sameValue((before as Record<string, unknown>)[key], value)))
      return { result: before, change: null };
    const after = await tx
      .updateTable('session')
      .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', sessionId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const changed = diff(before, after);
    const promoted = await fillSeats(tx, after, new Date());
    const change = {
      kind: 'Session.capacitySet',
      entityType: 'Session',
      entityId: sessionId,
      before: changed.before,
      after: { ...changed.after, promoted: promoted.map(describe), seats: seats(await countsOf(tx, sessionId)) },
    };
    return { result: after, change };
  });
}
