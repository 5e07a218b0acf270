import type { Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { DB, GearBooking, GearBookingStatus } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity, deleteEntity, updateEntity } from '../entities.js';
import { requireInEvent } from '../venue/venue.js';

/**
 * An event's gear: bookings of items or kits from the production company's inventory, held from
 * the day they leave the warehouse until they are back (plus the item's return buffer), QUOTED
 * (holds nothing yet), HELD or CONFIRMED with a priority; and subrentals, units rented in from a
 * named vendor for their own dates. Availability and shortages: availability.ts.
 */

type Tx = Transaction<DB>;

/** Inventory the event may book from: that of an organization holding the PRODUCTION role on it. */
async function requireProductionInventory(
  tx: Tx,
  eventId: string,
  table: 'gear_item' | 'gear_kit',
  id: string,
  field: string,
): Promise<void> {
  const row = await tx
    .selectFrom(table as 'gear_item')
    .innerJoin('event_member', 'event_member.organization_id', `${table as 'gear_item'}.organization_id`)
    .select('event_member.role')
    .where(`${table as 'gear_item'}.id`, '=', id)
    .where('event_member.event_id', '=', eventId)
    .where('event_member.role', '=', 'PRODUCTION')
    .executeTakeFirst();
  if (!row) throw new ValidationError({ field, message: `is not in the inventory of this event's production company` });
}

export type BookingInput = {
  itemId?: string | null;
  kitId?: string | null;
  quantity: number;
  status?: GearBookingStatus | null;
  priority?: number | null;
  leavesAt: Date;
  returnsAt: Date;
  roomId?: string | null;
  blockId?: string | null;
  /** Where it is hung (a rigging point of its room): its weight counts against the point's limit. */
  riggingPointId?: string | null;
  notes?: string | null;
};

async function checkBooking(
  tx: Tx,
  next: Omit<GearBooking, 'id' | 'version' | 'created_at' | 'updated_at' | 'status' | 'priority' | 'notes'>,
  before: GearBooking | null,
) {
  if ((next.item_id === null) === (next.kit_id === null))
    throw new ValidationError({
      field: next.item_id ? 'kitId' : 'itemId',
      message: 'a booking is of an item or of a kit: give one of itemId and kitId',
    });
  if (next.item_id && next.item_id !== before?.item_id)
    await requireProductionInventory(tx, next.event_id, 'gear_item', next.item_id, 'itemId');
  if (next.kit_id && next.kit_id !== before?.kit_id) await requireProductionInventory(tx, next.event_id, 'gear_kit', next.kit_id, 'kitId');
  if (new Date(next.returns_at) <= new Date(next.leaves_at))
    throw new ValidationError({ field: 'returnsAt', message: 'must be after leavesAt' });
  if (next.room_id && next.room_id !== before?.room_id) await requireInEvent(tx, 'room', next.room_id, next.event_id, 'roomId');
  if (next.block_id && next.block_id !== before?.block_id) {
    const block = await tx
      .selectFrom('production_block')
      .select(['event_id', 'room_id'])
      .where('id', '=', next.block_id)
      .executeTakeFirst();
    if (block?.event_id !== next.event_id)
      throw new ValidationError({ field: 'blockId', message: 'is not a production block of this event' });
    if (next.room_id && block.room_id !== next.room_id)
      throw new ValidationError({ field: 'blockId', message: 'is in another room than the booking' });
  }
  if (next.rigging_point_id && (next.rigging_point_id !== before?.rigging_point_id || next.room_id !== before?.room_id)) {
    const point = await tx
      .selectFrom('rigging_point')
      .select(['event_id', 'room_id'])
      .where('id', '=', next.rigging_point_id)
      .executeTakeFirst();
    if (point?.event_id !== next.event_id)
      throw new ValidationError({ field: 'riggingPointId', message: 'is not a rigging point of this event' });
    if (point.room_id !== next.room_id) throw new ValidationError({ field: 'riggingPointId', message: "is not in the booking's room" });
  }
}

export function createBooking(db: Database, actor: Actor, eventId: string, input: BookingInput) {
  return createEntity(db, actor, 'gear_booking', eventId, async (tx) => {
    // Gear that goes with a block goes to its room.
    const blockRoom =
      input.blockId && !input.roomId
        ? (await tx.selectFrom('production_block').select('room_id').where('id', '=', input.blockId).executeTakeFirst())?.room_id
        : null;
    const values = {
      item_id: input.itemId ?? null,
      kit_id: input.kitId ?? null,
      quantity: input.quantity,
      leaves_at: input.leavesAt,
      returns_at: input.returnsAt,
      room_id: input.roomId ?? blockRoom ?? null,
      block_id: input.blockId ?? null,
      rigging_point_id: input.riggingPointId ?? null,
    };
    await checkBooking(tx, { ...values, event_id: eventId }, null);
    return { ...values, status: input.status ?? 'QUOTED', priority: input.priority ?? 0, notes: input.notes ?? null };
  });
}

export function updateBooking(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<BookingInput, 'itemId' | 'kitId'>>,
) {
  return updateEntity(
    db,
    actor,
    'gear_booking',
    id,
    expectedVersion,
    {
      quantity: patch.quantity,
      status: patch.status ?? undefined,
      priority: patch.priority ?? undefined,
      leaves_at: patch.leavesAt,
      returns_at: patch.returnsAt,
      room_id: patch.roomId,
      block_id: patch.blockId,
      rigging_point_id: patch.riggingPointId,
      notes: patch.notes,
    },
    (tx, next, before) => checkBooking(tx, next, before),
  );
}

export function deleteBooking(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'gear_booking', id, expectedVersion);
}

export type SubrentalInput = {
  itemId: string;
  quantity: number;
  vendor: string;
  startsAt: Date;
  endsAt: Date;
  costMinor?: number | null;
  currency?: string | null;
};

/** Units rented in for the event: stock of the item for these dates only, from a named vendor. */
export function createSubrental(db: Database, actor: Actor, eventId: string, input: SubrentalInput) {
  return createEntity(db, actor, 'gear_subrental', eventId, async (tx) => {
    await requireProductionInventory(tx, eventId, 'gear_item', input.itemId, 'itemId');
    if (input.endsAt <= input.startsAt) throw new ValidationError({ field: 'endsAt', message: 'must be after startsAt' });
    return {
      item_id: input.itemId,
      quantity: input.quantity,
      vendor: input.vendor,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      cost_minor: input.costMinor ?? null,
      currency: input.currency ?? 'USD',
    };
  });
}

export function deleteSubrental(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'gear_subrental', id, expectedVersion);
}
