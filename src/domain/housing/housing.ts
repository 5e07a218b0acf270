import { sql, type Transaction } from 'kysely';
import type { Database, Executor } from '../../db/client.js';
import type { BillingParty, DB, HotelBlock, RoomReservation } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity, deleteEntity, updateEntity } from '../entities.js';
import { requireInEvent, requireOnePerson } from '../registration/people.js';
import { requireInEvent as requireRowInEvent } from '../venue/venue.js';

/**
 * Housing as the event manager keeps it (the practice behind Passkey room blocks): blocks per
 * hotel × room type × night, and the rooming list — one reservation per room, with its roommate.
 * Pickup is counted from the rooming list, never typed in. Attrition, cut-offs and travel that does
 * not match a room are warnings (warnings.ts).
 */

type Tx = Transaction<DB>;

export type BlockInput = {
  hotel: string;
  roomType: string;
  night: string;
  contracted: number;
  held?: number | null;
  rateMinor: number;
  currency?: string | null;
  cutOffDate: string;
  cutOffWarningDays?: number | null;
  attritionPercent?: number | null;
  compRatio?: number | null;
  staffRooms?: number | null;
  /** The hotel contract whose attrition clause covers it. */
  contractId?: string | null;
  /** Rooms the hotel resold. */
  resold?: number | null;
};

type BlockRow = Pick<HotelBlock, 'event_id' | 'hotel' | 'room_type' | 'night' | 'contracted' | 'held' | 'cut_off_date' | 'contract_id'>;

async function checkBlock(tx: Tx, next: BlockRow, id: string | null): Promise<void> {
  if (next.held > next.contracted)
    throw new ValidationError({ field: 'held', message: `must not be more than the ${next.contracted} rooms contracted` });
  if (next.cut_off_date > next.night) throw new ValidationError({ field: 'cutOffDate', message: 'must not be after the night it is for' });
  if (next.contract_id) await requireRowInEvent(tx, 'contract', next.contract_id, next.event_id, 'contractId');
  let same = tx
    .selectFrom('hotel_block')
    .select('id')
    .where('event_id', '=', next.event_id)
    .where('hotel', '=', next.hotel)
    .where('room_type', '=', next.room_type)
    .where('night', '=', next.night);
  if (id) same = same.where('id', '!=', id);
  if (await same.executeTakeFirst())
    throw new ValidationError({ field: 'night', message: `${next.hotel} already has a ${next.room_type} block for ${next.night}` });
}

export function createBlock(db: Database, actor: Actor, eventId: string, input: BlockInput) {
  return createEntity(db, actor, 'hotel_block', eventId, async (tx) => {
    const values = {
      hotel: input.hotel,
      room_type: input.roomType,
      night: input.night,
      contracted: input.contracted,
      held: input.held ?? 0,
      rate_minor: input.rateMinor,
      currency: input.currency ?? 'USD',
      cut_off_date: input.cutOffDate,
      cut_off_warning_days: input.cutOffWarningDays ?? 14,
      attrition_percent: input.attritionPercent ?? 80,
      comp_ratio: input.compRatio ?? null,
      staff_rooms: input.staffRooms ?? 0,
      contract_id: input.contractId ?? null,
      resold: input.resold ?? 0,
    };
    await checkBlock(tx, { ...values, event_id: eventId }, null);
    return values;
  });
}

export function updateBlock(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<BlockInput>) {
  return updateEntity(
    db,
    actor,
    'hotel_block',
    id,
    expectedVersion,
    {
      hotel: patch.hotel,
      room_type: patch.roomType,
      night: patch.night,
      contracted: patch.contracted,
      held: patch.held ?? undefined,
      rate_minor: patch.rateMinor,
      currency: patch.currency ?? undefined,
      cut_off_date: patch.cutOffDate,
      cut_off_warning_days: patch.cutOffWarningDays ?? undefined,
      attrition_percent: patch.attritionPercent ?? undefined,
      comp_ratio: patch.compRatio,
      staff_rooms: patch.staffRooms ?? undefined,
      contract_id: patch.contractId,
      resold: patch.resold ?? undefined,
    },
    (tx, next) => checkBlock(tx, next, id),
  );
}

export function deleteBlock(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'hotel_block', id, expectedVersion);
}

export type ReservationInput = {
  attendeeId?: string | null;
  speakerId?: string | null;
  hotel: string;
  roomType: string;
  arrives: string;
  departs: string;
  roommateId?: string | null;
  roomBilling?: BillingParty | null;
  incidentalsBilling?: BillingParty | null;
  confirmation?: string | null;
};

type ReservationRow = Omit<RoomReservation, 'id' | 'version' | 'created_at' | 'updated_at'> & { id?: string };

async function checkReservation(tx: Tx, next: ReservationRow, before: RoomReservation | null): Promise<void> {
  await requireOnePerson(tx, next, 'a room');
  if (next.departs <= next.arrives)
    throw new ValidationError({ field: 'departs', message: 'must be after arrives (the check-out day follows the check-in day)' });
  await requireInEvent(tx, next.event_id, [['attendee', next.roommate_attendee_id, 'roommateId']]);
  if (next.roommate_attendee_id && next.roommate_attendee_id === next.attendee_id)
    throw new ValidationError({ field: 'roommateId', message: 'cannot be the guest themselves' });
  // Nobody sleeps in two rooms on one night: a person's own rooms, and rooms they share.
  const overlapping = async (personId: string) =>
    tx
      .selectFrom('room_reservation')
      .select(['id', 'hotel', 'arrives', 'departs'])
      .where('event_id', '=', next.event_id)
      .where((eb) => eb.or([eb('attendee_id', '=', personId), eb('speaker_id', '=', personId), eb('roommate_attendee_id', '=', personId)]))
      .where('arrives', '<', next.departs)
      .where('departs', '>', next.arrives)
      .$call((q) => (before ? q.where('id', '!=', before.id) : q))
      .executeTakeFirst();
  for (const [personId, field] of [
    [next.attendee_id ?? next.speaker_id, next.attendee_id ? 'attendeeId' : 'speakerId'],
    [next.roommate_attendee_id, 'roommateId'],
  ] as const) {
    if (!personId) continue;
    const other = await overlapping(personId);
    if (other)
      throw new ValidationError({ field, message: `already has a room at ${other.hotel} from ${other.arrives} to ${other.departs}` });
  }
}

export function createReservation(db: Database, actor: Actor, eventId: string, input: ReservationInput) {
  return createEntity(db, actor, 'room_reservation', eventId, async (tx) => {
    const values = {
      event_id: eventId,
      attendee_id: input.attendeeId ?? null,
      speaker_id: input.speakerId ?? null,
      hotel: input.hotel,
      room_type: input.roomType,
      arrives: input.arrives,
      departs: input.departs,
      roommate_attendee_id: input.roommateId ?? null,
      room_billing: input.roomBilling ?? 'MASTER_ACCOUNT',
      incidentals_billing: input.incidentalsBilling ?? 'GUEST',
      confirmation: input.confirmation ?? null,
    };
    await checkReservation(tx, values, null);
    const { event_id: _event, ...rest } = values;
    return rest;
  });
}

export function updateReservation(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<ReservationInput>) {
  return updateEntity(
    db,
    actor,
    'room_reservation',
    id,
    expectedVersion,
    {
      hotel: patch.hotel,
      room_type: patch.roomType,
      arrives: patch.arrives,
      departs: patch.departs,
      roommate_attendee_id: patch.roommateId,
      room_billing: patch.roomBilling ?? undefined,
      incidentals_billing: patch.incidentalsBilling ?? undefined,
      confirmation: patch.confirmation,
    },
    (tx, next, before) => checkReservation(tx, next, before),
  );
}

export function deleteReservation(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'room_reservation', id, expectedVersion);
}

/** Rooms picked up per block (reservations of its hotel and room type covering its night), in key order. */
export async function pickupOf(db: Executor, blockIds: readonly string[]): Promise<number[]> {
  const rows = await db
    .selectFrom('hotel_block as b')
    .leftJoin('room_reservation as r', (j) =>
      j
        .onRef('r.event_id', '=', 'b.event_id')
        .onRef('r.hotel', '=', 'b.hotel')
        .onRef('r.room_type', '=', 'b.room_type')
        .onRef('r.arrives', '<=', 'b.night')
        .onRef('r.departs', '>', 'b.night'),
    )
    .select(['b.id', (eb) => eb.fn.count<string>('r.id').as('n')])
    .where('b.id', 'in', blockIds as string[])
    .groupBy('b.id')
    .execute();
  const counts = new Map(rows.map((r) => [r.id, Number(r.n)]));
  return blockIds.map((id) => counts.get(id) ?? 0);
}

/** The nights of each reservation that no block of its hotel and room type covers (shoulder nights), in key order. */
export async function shoulderNightsOf(db: Executor, reservationIds: readonly string[]): Promise<string[][]> {
  const { rows } = await sql<{ id: string; night: string }>`
    SELECT r.id, to_char(n.night, 'YYYY-MM-DD') AS night
      FROM room_reservation r
      CROSS JOIN LATERAL generate_series(r.arrives, r.departs - 1, interval '1 day') AS n(night)
      LEFT JOIN hotel_block b ON b.event_id = r.event_id AND b.hotel = r.hotel AND b.room_type = r.room_type AND b.night = n.night::date
     WHERE r.id = ANY(${reservationIds as string[]}::uuid[]) AND b.id IS NULL
     ORDER BY n.night`.execute(db);
  return reservationIds.map((id) => rows.filter((r) => r.id === id).map((r) => r.night));
}

/** Reservation fields production never reads for an attendee's room (it reads speakers'). */
export const PRIVATE_RESERVATION_FIELDS = [
  'attendeeId',
  'hotel',
  'roomType',
  'arrives',
  'departs',
  'roommateAttendeeId',
  'roomBilling',
  'incidentalsBilling',
  'confirmation',
] as const;
