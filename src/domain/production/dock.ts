import type { Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { DB, Truck } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity, deleteEntity, updateEntity } from '../entities.js';
import { eventOfVenue, requireInEvent } from '../venue/venue.js';

/**
 * The venue's side of the production schedule: the hours its contract lets production in
 * (management keeps them: they are the venue's contract), and the trucks production sends to its
 * dock, each with a slot at a dock. Blocks or dock slots outside the access hours, a truck without
 * a slot and two trucks on one dock at once are warnings (warnings.ts).
 */

type Tx = Transaction<DB>;

export type AccessInput = { venueId: string; startsAt: Date; endsAt: Date; notes?: string | null };

function requireOrder(startsAt: Date | string, endsAt: Date | string, field = 'endsAt'): void {
  if (new Date(endsAt) <= new Date(startsAt))
    throw new ValidationError({ field, message: field === 'endsAt' ? 'must be after startsAt' : 'must be after dockStartsAt' });
}

export async function createAccessWindow(db: Database, actor: Actor, input: AccessInput) {
  return createEntity(db, actor, 'venue_access_window', await eventOfVenue(db, input.venueId), async () => {
    requireOrder(input.startsAt, input.endsAt);
    return { venue_id: input.venueId, starts_at: input.startsAt, ends_at: input.endsAt, notes: input.notes ?? null };
  });
}

export function updateAccessWindow(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<AccessInput, 'venueId'>>,
) {
  return updateEntity(
    db,
    actor,
    'venue_access_window',
    id,
    expectedVersion,
    { starts_at: patch.startsAt, ends_at: patch.endsAt, notes: patch.notes },
    (_tx, next) => requireOrder(next.starts_at, next.ends_at),
  );
}

export function deleteAccessWindow(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'venue_access_window', id, expectedVersion);
}

export type TruckInput = {
  venueId: string;
  name: string;
  vendor?: string | null;
  arrivesAt: Date;
  dock?: string | null;
  dockStartsAt?: Date | null;
  dockEndsAt?: Date | null;
};

async function checkTruck(
  tx: Tx,
  next: Pick<Truck, 'event_id' | 'venue_id' | 'dock' | 'dock_starts_at' | 'dock_ends_at'>,
  before: Truck | null,
) {
  if (next.venue_id !== before?.venue_id) await requireInEvent(tx, 'venue', next.venue_id, next.event_id, 'venueId');
  const given = [next.dock, next.dock_starts_at, next.dock_ends_at].filter((v) => v !== null).length;
  if (given !== 0 && given !== 3)
    throw new ValidationError({
      field: next.dock ? 'dockStartsAt' : 'dock',
      message: 'a dock slot is a dock with its start and end: give all three, or none',
    });
  if (next.dock_starts_at && next.dock_ends_at) requireOrder(next.dock_starts_at, next.dock_ends_at, 'dockEndsAt');
}

export async function createTruck(db: Database, actor: Actor, input: TruckInput) {
  const eventId = await eventOfVenue(db, input.venueId);
  return createEntity(db, actor, 'truck', eventId, async (tx) => {
    const values = {
      venue_id: input.venueId,
      name: input.name,
      vendor: input.vendor ?? null,
      arrives_at: input.arrivesAt,
      dock: input.dock ?? null,
      dock_starts_at: input.dockStartsAt ?? null,
      dock_ends_at: input.dockEndsAt ?? null,
    };
    await checkTruck(tx, { ...values, event_id: eventId }, null);
    return values;
  });
}

export function updateTruck(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<TruckInput>) {
  return updateEntity(
    db,
    actor,
    'truck',
    id,
    expectedVersion,
    {
      venue_id: patch.venueId,
      name: patch.name,
      vendor: patch.vendor,
      arrives_at: patch.arrivesAt,
      dock: patch.dock,
      dock_starts_at: patch.dockStartsAt,
      dock_ends_at: patch.dockEndsAt,
    },
    (tx, next, before) => checkTruck(tx, next, before),
  );
}

export function deleteTruck(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'truck', id, expectedVersion);
}
