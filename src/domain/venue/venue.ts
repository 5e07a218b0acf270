import type { Transaction } from 'kysely';
import type { Database, Executor } from '../../db/client.js';
import type { DB, RoomKind } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { createEntity, deleteEntity, updateEntity } from '../entities.js';
import { requireSeatsWithin } from '../registration/capacity.js';
import { ValidationError } from '../../shared/errors.js';

export type VenueInput = { name: string; address?: string | null; city?: string | null; country?: string | null };

export function createVenue(db: Database, actor: Actor, eventId: string, input: VenueInput) {
  return createEntity(db, actor, 'venue', eventId, async () => ({
    name: input.name,
    address: input.address ?? null,
    city: input.city ?? null,
    country: input.country ?? null,
  }));
}

export function updateVenue(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<VenueInput>) {
  return updateEntity(db, actor, 'venue', id, expectedVersion, patch);
}

/** A venue's rooms go with it; their sessions stay, without a room. */
export function deleteVenue(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'venue', id, expectedVersion);
}

export type RoomInput = {
  venueId: string;
  name: string;
  kind: RoomKind;
  capacity?: number | null;
  /** The fire marshal's limit: no session in the room ever seats more. */
  fireCodeCapacity?: number | null;
  setup?: string | null;
  changeoverMinutes?: number | null;
  /** Clear height, in centimetres, and the power service in watts (the production advance). */
  trimHeightCm?: number | null;
  powerCapacityWatts?: number | null;
  rfChannels?: number | null;
};

/** A row of this event, or a ValidationError naming the field that pointed elsewhere. */
export async function requireInEvent(
  tx: Transaction<DB>,
  table: 'venue' | 'room' | 'session' | 'speaker' | 'cue' | 'vendor' | 'contract',
  id: string,
  eventId: string,
  field: string,
): Promise<void> {
  const row = await tx.selectFrom(table).select('event_id').where('id', '=', id).executeTakeFirst();
  if (!row || row.event_id !== eventId) {
    throw new ValidationError({ field, message: `no such ${table.replace('_', ' ')} in this event` });
  }
}

/** The event a venue belongs to; a venue that does not exist is the input's mistake. */
export async function eventOfVenue(db: Executor, venueId: string): Promise<string> {
  const venue = await db.selectFrom('venue').select('event_id').where('id', '=', venueId).executeTakeFirst();
  if (!venue) throw new ValidationError({ field: 'venueId', message: 'no such venue' });
  return venue.event_id;
}

export function createRoom(db: Database, actor: Actor, eventId: string, input: RoomInput) {
  return createEntity(db, actor, 'room', eventId, async (tx) => {
    await requireInEvent(tx, 'venue', input.venueId, eventId, 'venueId');
    return {
      venue_id: input.venueId,
      name: input.name,
      kind: input.kind,
      capacity: input.capacity ?? null,
      fire_code_capacity: input.fireCodeCapacity ?? null,
      setup: input.setup ?? null,
      changeover_minutes: input.changeoverMinutes ?? 0,
      trim_height_cm: input.trimHeightCm ?? null,
      power_capacity_watts: input.powerCapacityWatts ?? null,
      rf_channels: input.rfChannels ?? null,
    };
  });
}

export function updateRoom(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<RoomInput>) {
  return updateEntity(
    db,
    actor,
    'room',
    id,
    expectedVersion,
    {
      venue_id: patch.venueId,
      name: patch.name,
      kind: patch.kind,
      capacity: patch.capacity,
      fire_code_capacity: patch.fireCodeCapacity,
      setup: patch.setup,
      changeover_minutes: patch.changeoverMinutes ?? undefined,
      trim_height_cm: patch.trimHeightCm,
      power_capacity_watts: patch.powerCapacityWatts,
      rf_channels: patch.rfChannels,
    },
    async (tx, next, before) => {
      if (next.venue_id !== before.venue_id) await requireInEvent(tx, 'venue', next.venue_id, next.event_id, 'venueId');
      if (next.fire_code_capacity !== before.fire_code_capacity)
        await requireSeatsWithin(tx, { roomId: id }, next.fire_code_capacity, 'fireCodeCapacity');
    },
  );
}

export function deleteRoom(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'room', id, expectedVersion);
}
