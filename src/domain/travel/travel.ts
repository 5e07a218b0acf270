import type { Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { DB, TransferWave, TravelDirection, TravelLeg, TravelMode } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity, deleteEntity, updateEntity } from '../entities.js';
import { requireOnePerson } from '../registration/people.js';

/**
 * Travel, as the event manager keeps it: every person's legs (an attendee's or a speaker's), and
 * the transfer waves that meet arrivals at a terminal within a time window. Management edits it
 * all. Overfull waves, passengers without a wave, legs changed after the manifest went out and
 * speakers landing too late are warnings (warnings.ts), never refusals.
 */

type Tx = Transaction<DB>;

export type LegInput = {
  attendeeId?: string | null;
  speakerId?: string | null;
  direction: TravelDirection;
  mode: TravelMode;
  carrier?: string | null;
  number?: string | null;
  from: string;
  to: string;
  departsAt: Date;
  arrivesAt: Date;
  terminal?: string | null;
  transferWaveId?: string | null;
};

type LegRow = Omit<TravelLeg, 'id' | 'version' | 'created_at' | 'updated_at'>;

async function checkLeg(tx: Tx, next: LegRow, before: TravelLeg | null): Promise<void> {
  await requireOnePerson(tx, next, 'a leg', before);
  if (next.arrives_at.getTime() <= next.departs_at.getTime())
    throw new ValidationError({ field: 'arrivesAt', message: 'must be after departsAt' });
  if (next.transfer_wave_id && (next.transfer_wave_id !== before?.transfer_wave_id || next.direction !== before.direction)) {
    const wave = await tx
      .selectFrom('transfer_wave')
      .select(['event_id', 'direction', 'name'])
      .where('id', '=', next.transfer_wave_id)
      .executeTakeFirst();
    if (wave?.event_id !== next.event_id)
      throw new ValidationError({ field: 'transferWaveId', message: 'is not a transfer wave of this event' });
    if (wave.direction !== next.direction)
      throw new ValidationError({
        field: 'transferWaveId',
        message: `${wave.name} takes ${wave.direction.toLowerCase()}s; this leg is a${next.direction === 'ARRIVAL' ? 'n arrival' : ' departure'}`,
      });
  }
}

export function createLeg(db: Database, actor: Actor, eventId: string, input: LegInput) {
  return createEntity(db, actor, 'travel_leg', eventId, async (tx) => {
    const values = {
      event_id: eventId,
      attendee_id: input.attendeeId ?? null,
      speaker_id: input.speakerId ?? null,
      direction: input.direction,
      mode: input.mode,
      carrier: input.carrier ?? null,
      number: input.number ?? null,
      from_place: input.from,
      to_place: input.to,
      departs_at: input.departsAt,
      arrives_at: input.arrivesAt,
      terminal: input.terminal ?? null,
      transfer_wave_id: input.transferWaveId ?? null,
    };
    await checkLeg(tx, values, null);
    const { event_id: _event, ...rest } = values;
    return rest;
  });
}

export function updateLeg(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<LegInput>) {
  return updateEntity(
    db,
    actor,
    'travel_leg',
    id,
    expectedVersion,
    {
      direction: patch.direction,
      mode: patch.mode,
      carrier: patch.carrier,
      number: patch.number,
      from_place: patch.from,
      to_place: patch.to,
      departs_at: patch.departsAt,
      arrives_at: patch.arrivesAt,
      terminal: patch.terminal,
      transfer_wave_id: patch.transferWaveId,
    },
    (tx, next, before) => checkLeg(tx, next, before),
  );
}

export function deleteLeg(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'travel_leg', id, expectedVersion);
}

export type WaveInput = {
  name: string;
  direction: TravelDirection;
  terminal?: string | null;
  windowStart: Date;
  windowEnd: Date;
  vehicle?: string | null;
  vehicleCapacity: number;
  vehicles?: number | null;
  meetAndGreet?: boolean | null;
  vipCar?: boolean | null;
  /** True records that the manifest went to the transport company now. */
  manifestSent?: boolean | null;
};

function checkWave(next: Pick<TransferWave, 'window_start' | 'window_end'>): void {
  if (next.window_end.getTime() <= next.window_start.getTime())
    throw new ValidationError({ field: 'windowEnd', message: 'must be after windowStart' });
}

export function createWave(db: Database, actor: Actor, eventId: string, input: WaveInput) {
  return createEntity(db, actor, 'transfer_wave', eventId, async () => {
    const values = {
      name: input.name,
      direction: input.direction,
      terminal: input.terminal ?? null,
      window_start: input.windowStart,
      window_end: input.windowEnd,
      vehicle: input.vehicle ?? null,
      vehicle_capacity: input.vehicleCapacity,
      vehicles: input.vehicles ?? 1,
      meet_and_greet: input.meetAndGreet ?? false,
      vip_car: input.vipCar ?? false,
      manifest_sent_at: input.manifestSent ? new Date() : null,
    };
    checkWave(values);
    return values;
  });
}

export function updateWave(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<WaveInput>) {
  return updateEntity(
    db,
    actor,
    'transfer_wave',
    id,
    expectedVersion,
    {
      name: patch.name,
      direction: patch.direction,
      terminal: patch.terminal,
      window_start: patch.windowStart,
      window_end: patch.windowEnd,
      vehicle: patch.vehicle,
      vehicle_capacity: patch.vehicleCapacity,
      vehicles: patch.vehicles ?? undefined,
      meet_and_greet: patch.meetAndGreet ?? undefined,
      vip_car: patch.vipCar ?? undefined,
      // Sending is a moment: true records it now (a resend again), false clears it.
      manifest_sent_at: patch.manifestSent === true ? new Date() : patch.manifestSent === false ? null : undefined,
    },
    async (tx, next, before) => {
      checkWave(next);
      if (next.direction !== before.direction) {
        const taken = await tx.selectFrom('travel_leg').select('id').where('transfer_wave_id', '=', id).limit(1).executeTakeFirst();
        if (taken) throw new ValidationError({ field: 'direction', message: 'it has passengers; take them off first' });
      }
    },
  );
}

export function deleteWave(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'transfer_wave', id, expectedVersion, undefined, async (tx) => {
    const taken = await tx.selectFrom('travel_leg').select('id').where('transfer_wave_id', '=', id).limit(1).executeTakeFirst();
    if (taken) throw new ValidationError({ field: 'id', message: 'it has passengers; move them to another wave first' });
  });
}

/** Leg fields production never reads for an attendee's leg (it reads speakers' travel, and counts). */
export const PRIVATE_LEG_FIELDS = [
  'attendeeId',
  'carrier',
  'number',
  'fromPlace',
  'toPlace',
  'departsAt',
  'arrivesAt',
  'terminal',
  'transferWaveId',
] as const;

/** A leg deleted since (null) is withheld from production: whose it was is no longer known. */
export function showsLeg(leg: Pick<TravelLeg, 'speaker_id'> | null, reader: { isPlatformAdmin: boolean; role: string | null }): boolean {
  return (leg !== null && leg.speaker_id !== null) || reader.isPlatformAdmin || reader.role === 'MANAGEMENT' || reader.role === 'CLIENT';
}
