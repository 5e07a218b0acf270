import type { Database } from '../../db/client.js';
import type { SetupStyle } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity, deleteEntity, findById, updateEntity } from '../entities.js';

/**
 * A room's specs as the venue advance records them (management keeps them; production reads and
 * plans against them): setup styles with their capacity net of the stage, front-of-house and camera
 * risers, and rigging points with their load limits. The trim height and power service are the
 * room's own fields (src/domain/venue). Gear over a point's limit or a room's power is a warning.
 */

export type SetupInput = {
  style: SetupStyle;
  capacity: number;
  stageSeats?: number | null;
  fohSeats?: number | null;
  riserSeats?: number | null;
};

function requireNet(next: { capacity: number; stage_seats: number; foh_seats: number; riser_seats: number }): void {
  if (next.stage_seats + next.foh_seats + next.riser_seats > next.capacity)
    throw new ValidationError({
      field: 'capacity',
      message: `must be at least the ${next.stage_seats + next.foh_seats + next.riser_seats} seats the stage, front-of-house and risers take`,
    });
}

export async function createSetup(db: Database, actor: Actor, roomId: string, input: SetupInput) {
  const room = await findById(db, 'room', roomId).catch(() => {
    throw new ValidationError({ field: 'roomId', message: 'no such room' });
  });
  return createEntity(db, actor, 'room_setup', room.event_id, async (tx) => {
    const values = {
      room_id: roomId,
      style: input.style,
      capacity: input.capacity,
      stage_seats: input.stageSeats ?? 0,
      foh_seats: input.fohSeats ?? 0,
      riser_seats: input.riserSeats ?? 0,
    };
    requireNet(values);
    if (await tx.selectFrom('room_setup').select('id').where('room_id', '=', roomId).where('style', '=', input.style).executeTakeFirst())
      throw new ValidationError({ field: 'style', message: `the room already has a ${input.style} setup` });
    return values;
  });
}

export function updateSetup(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<Omit<SetupInput, 'style'>>) {
  return updateEntity(
    db,
    actor,
    'room_setup',
    id,
    expectedVersion,
    {
      capacity: patch.capacity,
      stage_seats: patch.stageSeats ?? undefined,
      foh_seats: patch.fohSeats ?? undefined,
      riser_seats: patch.riserSeats ?? undefined,
    },
    (_tx, next) => requireNet(next),
  );
}

export function deleteSetup(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'room_setup', id, expectedVersion);
}

export async function createRiggingPoint(db: Database, actor: Actor, roomId: string, input: { name: string; loadLimitKg: number }) {
  const room = await findById(db, 'room', roomId).catch(() => {
    throw new ValidationError({ field: 'roomId', message: 'no such room' });
  });
  return createEntity(db, actor, 'rigging_point', room.event_id, async (tx) => {
    if (await tx.selectFrom('rigging_point').select('id').where('room_id', '=', roomId).where('name', '=', input.name).executeTakeFirst())
      throw new ValidationError({ field: 'name', message: 'the room already has a rigging point with this name' });
    return { room_id: roomId, name: input.name, load_limit_kg: input.loadLimitKg };
  });
}

export function updateRiggingPoint(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: { name?: string; loadLimitKg?: number },
) {
  return updateEntity(db, actor, 'rigging_point', id, expectedVersion, { name: patch.name, load_limit_kg: patch.loadLimitKg });
}

export function deleteRiggingPoint(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'rigging_point', id, expectedVersion);
}
