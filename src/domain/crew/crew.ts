import type { Database, Executor } from '../../db/client.js';
import type { CrewAssignmentStatus, CrewRole } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity, deleteEntity, updateEntity } from '../entities.js';

/**
 * Crew calls: a call asks for N people in a role for a time window, in one room or — a floater —
 * several; people are put on it tentatively or confirmed. The crew's rates and personal details are
 * production's alone (the schema withholds them); the labor rules are checked in labor.ts.
 */

async function requireOf(
  tx: Executor,
  table: 'venue' | 'room' | 'production_block' | 'labor_rule_set' | 'crew_vendor' | 'crew_call' | 'crew_member',
  id: string,
  eventId: string,
  field: string,
  what: string,
) {
  const row = await tx.selectFrom(table).select('event_id').where('id', '=', id).executeTakeFirst();
  if (!row || row.event_id !== eventId) throw new ValidationError({ field, message: `no such ${what} in this event` });
}

export type RuleSetInput = {
  venueId?: string | null;
  name: string;
  minimumCallMinutes?: number | null;
  mealAfterMinutes?: number | null;
  mealPenaltyStepMinutes?: number | null;
  overtimeAfterMinutes?: number | null;
  minimumRestMinutes?: number | null;
  /** The night premium's window on the venue's wall clock ("22:00"–"06:00"). */
  nightStarts?: string | null;
  nightEnds?: string | null;
};

/** "HH:MM" as minutes after midnight. */
export function minuteOfDay(value: string, field: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new ValidationError({ field, message: 'must be a time of day as HH:MM ("22:00")' });
  return Number(m[1]) * 60 + Number(m[2]);
}

function nightOf(input: { nightStarts?: string | null; nightEnds?: string | null }) {
  if ((input.nightStarts == null) !== (input.nightEnds == null))
    throw new ValidationError({
      field: input.nightStarts == null ? 'nightStarts' : 'nightEnds',
      message: 'give both ends of the night window, or neither',
    });
  return input.nightStarts == null
    ? { night_starts_minute: null, night_ends_minute: null }
    : { night_starts_minute: minuteOfDay(input.nightStarts, 'nightStarts'), night_ends_minute: minuteOfDay(input.nightEnds!, 'nightEnds') };
}

export function createRuleSet(db: Database, actor: Actor, eventId: string, input: RuleSetInput) {
  return createEntity(db, actor, 'labor_rule_set', eventId, async (tx) => {
    if (input.venueId) await requireOf(tx, 'venue', input.venueId, eventId, 'venueId', 'venue');
    return {
      venue_id: input.venueId ?? null,
      name: input.name,
      minimum_call_minutes: input.minimumCallMinutes ?? undefined,
      meal_after_minutes: input.mealAfterMinutes ?? undefined,
      meal_penalty_step_minutes: input.mealPenaltyStepMinutes ?? undefined,
      overtime_after_minutes: input.overtimeAfterMinutes ?? undefined,
      minimum_rest_minutes: input.minimumRestMinutes ?? undefined,
      ...nightOf(input),
    };
  });
}

export function updateRuleSet(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<RuleSetInput, 'venueId'>>,
) {
  const night = patch.nightStarts === undefined && patch.nightEnds === undefined ? {} : nightOf(patch);
  return updateEntity(db, actor, 'labor_rule_set', id, expectedVersion, {
    name: patch.name,
    minimum_call_minutes: patch.minimumCallMinutes ?? undefined,
    meal_after_minutes: patch.mealAfterMinutes ?? undefined,
    meal_penalty_step_minutes: patch.mealPenaltyStepMinutes ?? undefined,
    overtime_after_minutes: patch.overtimeAfterMinutes ?? undefined,
    minimum_rest_minutes: patch.minimumRestMinutes ?? undefined,
    ...night,
  });
}

export type VendorInput = { name: string; trade: string; insuranceExpiresOn?: string | null; insuranceLocation?: string | null };

export function createVendor(db: Database, actor: Actor, eventId: string, input: VendorInput) {
  return createEntity(db, actor, 'crew_vendor', eventId, async () => ({
    name: input.name,
    trade: input.trade,
    insurance_expires_on: input.insuranceExpiresOn ?? null,
    insurance_location: input.insuranceLocation ?? null,
  }));
}

export function updateVendor(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<VendorInput>) {
  return updateEntity(db, actor, 'crew_vendor', id, expectedVersion, {
    name: patch.name,
    trade: patch.trade,
    insurance_expires_on: patch.insuranceExpiresOn,
    insurance_location: patch.insuranceLocation,
  });
}

export type MemberInput = {
  vendorId?: string | null;
  name: string;
  role: CrewRole;
  phone?: string | null;
  email?: string | null;
  dayRateMinor?: number | null;
  currency?: string | null;
  address?: string | null;
  dateOfBirth?: string | null;
  passportNumber?: string | null;
  emergencyContact?: string | null;
  medicalNotes?: string | null;
};

const memberColumns = (input: Partial<Omit<MemberInput, 'vendorId'>>) => ({
  name: input.name,
  role: input.role,
  phone: input.phone,
  email: input.email,
  day_rate_minor: input.dayRateMinor,
  currency: input.currency,
  address: input.address,
  date_of_birth: input.dateOfBirth,
  passport_number: input.passportNumber,
  emergency_contact: input.emergencyContact,
  medical_notes: input.medicalNotes,
});

function requireRate(next: { day_rate_minor: number | null; currency: string | null }) {
  if ((next.day_rate_minor === null) !== (next.currency === null))
    throw new ValidationError({
      field: next.day_rate_minor === null ? 'dayRateMinor' : 'currency',
      message: 'a day rate needs its currency, and a currency its rate',
    });
}

export function createMember(db: Database, actor: Actor, eventId: string, input: MemberInput) {
  return createEntity(db, actor, 'crew_member', eventId, async (tx) => {
    if (input.vendorId) await requireOf(tx, 'crew_vendor', input.vendorId, eventId, 'vendorId', 'crew vendor');
    const values = {
      ...memberColumns(input),
      name: input.name,
      role: input.role,
      vendor_id: input.vendorId ?? null,
      day_rate_minor: input.dayRateMinor ?? null,
      currency: input.currency ?? null,
    };
    requireRate(values);
    return values;
  });
}

export function updateMember(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<MemberInput, 'vendorId'>>,
) {
  return updateEntity(db, actor, 'crew_member', id, expectedVersion, memberColumns(patch), (_tx, next) => requireRate(next));
}

export const deleteMember = (db: Database, actor: Actor, id: string, expectedVersion?: number | null) =>
  deleteEntity(db, actor, 'crew_member', id, expectedVersion);

export type CallInput = {
  role: CrewRole;
  headcount: number;
  startsAt: Date;
  endsAt: Date;
  roomIds?: readonly string[] | null;
  blockId?: string | null;
  ruleSetId?: string | null;
  mealStartsAt?: Date | null;
  mealMinutes?: number | null;
  notes?: string | null;
};

async function checkCall(
  tx: Executor,
  eventId: string,
  next: {
    starts_at: Date;
    ends_at: Date;
    room_ids: string[];
    block_id: string | null;
    rule_set_id: string | null;
    meal_starts_at: Date | null;
    meal_minutes: number;
    headcount: number;
  },
  callId?: string,
) {
  const start = new Date(next.starts_at).getTime();
  const end = new Date(next.ends_at).getTime();
  if (end <= start) throw new ValidationError({ field: 'endsAt', message: 'must be after startsAt' });
  if (end - start > 24 * 3600_000) throw new ValidationError({ field: 'endsAt', message: 'a call is at most 24 hours' });
  for (const [i, room] of next.room_ids.entries()) await requireOf(tx, 'room', room, eventId, `roomIds.${i}`, 'room');
  if (new Set(next.room_ids).size !== next.room_ids.length)
    throw new ValidationError({ field: 'roomIds', message: 'must not repeat a room' });
  if (next.block_id) await requireOf(tx, 'production_block', next.block_id, eventId, 'blockId', 'production block');
  if (next.rule_set_id) await requireOf(tx, 'labor_rule_set', next.rule_set_id, eventId, 'ruleSetId', 'labor rule set');
  if (next.meal_starts_at) {
    const meal = new Date(next.meal_starts_at).getTime();
    if (meal < start || meal + next.meal_minutes * 60_000 > end)
      throw new ValidationError({ field: 'mealStartsAt', message: 'the meal break must fall within the call' });
  }
  if (callId) {
    const { n } = await tx
      .selectFrom('crew_assignment')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('call_id', '=', callId)
      .executeTakeFirstOrThrow();
    if (Number(n) > next.headcount)
      throw new ValidationError({ field: 'headcount', message: `${n} people are on the call: take some off first` });
  }
}

export function createCall(db: Database, actor: Actor, eventId: string, input: CallInput) {
  return createEntity(db, actor, 'crew_call', eventId, async (tx) => {
    const values = {
      role: input.role,
      headcount: input.headcount,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      room_ids: [...(input.roomIds ?? [])],
      block_id: input.blockId ?? null,
      rule_set_id: input.ruleSetId ?? null,
      meal_starts_at: input.mealStartsAt ?? null,
      meal_minutes: input.mealMinutes ?? 60,
      notes: input.notes ?? null,
    };
    await checkCall(tx, eventId, values);
    return values;
  });
}

export function updateCall(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<CallInput>) {
  return updateEntity(
    db,
    actor,
    'crew_call',
    id,
    expectedVersion,
    {
      role: patch.role,
      headcount: patch.headcount,
      starts_at: patch.startsAt,
      ends_at: patch.endsAt,
      room_ids: patch.roomIds == null ? undefined : [...patch.roomIds],
      block_id: patch.blockId,
      rule_set_id: patch.ruleSetId,
      meal_starts_at: patch.mealStartsAt,
      meal_minutes: patch.mealMinutes ?? undefined,
      notes: patch.notes,
    },
    (tx, next) => checkCall(tx, next.event_id, next, id),
  );
}

export const deleteCall = (db: Database, actor: Actor, id: string, expectedVersion?: number | null) =>
  deleteEntity(db, actor, 'crew_call', id, expectedVersion);

/** Puts a person on a call: once per call, up to its headcount. */
export async function assignCrew(
  db: Database,
  actor: Actor,
  input: { callId: string; memberId: string; status?: CrewAssignmentStatus | null },
) {
  const call = await db.selectFrom('crew_call').select(['event_id', 'headcount', 'role']).where('id', '=', input.callId).executeTakeFirst();
  if (!call) throw new ValidationError({ field: 'callId', message: 'no such crew call' });
  return createEntity(db, actor, 'crew_assignment', call.event_id, async (tx) => {
    await requireOf(tx, 'crew_member', input.memberId, call.event_id, 'memberId', 'crew member');
    const on = await tx.selectFrom('crew_assignment').select('member_id').where('call_id', '=', input.callId).execute();
    if (on.some((a) => a.member_id === input.memberId))
      throw new ValidationError({ field: 'memberId', message: 'is already on this call' });
    if (on.length >= call.headcount)
      throw new ValidationError({ field: 'callId', message: `the call is for ${call.headcount} ${call.role} and has them all` });
    return { call_id: input.callId, member_id: input.memberId, status: input.status ?? 'TENTATIVE' };
  });
}

export const updateAssignment = (db: Database, actor: Actor, id: string, expectedVersion: number, status: CrewAssignmentStatus) =>
  updateEntity(db, actor, 'crew_assignment', id, expectedVersion, { status });

export const deleteAssignment = (db: Database, actor: Actor, id: string, expectedVersion?: number | null) =>
  deleteEntity(db, actor, 'crew_assignment', id, expectedVersion);
