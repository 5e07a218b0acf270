import type { Transaction } from 'kysely';
import type { Database, Executor } from '../../db/client.js';
import type { Attendee, AttendeeStatus, DB, MemberRole, RegistrationKind } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity, deleteEntity, findById, sameValue, updateEntity } from '../entities.js';
import { answersAfter, requireAnswered, type AnswerInput } from './questions.js';

/**
 * The registration area: who comes, as what, and with whom. Management keeps it. A registration
 * type's capacity bounds how many are REGISTERED with it; an invitation-only event starts people
 * as INVITED. Every write is one change of the event, serialized by the event's lock, so a
 * capacity check and the write it allows cannot be overtaken.
 */

type Tx = Transaction<DB>;

/** Attendee fields production never reads (names and counts only): contact, handling notes, what they answered. Management and the client do. */
export const PRIVATE_ATTENDEE_FIELDS = ['email', 'vipNotes', 'answers'] as const;

export function showsAttendeeDetails(reader: { isPlatformAdmin: boolean; role: MemberRole | null }): boolean {
  return reader.isPlatformAdmin || reader.role === 'MANAGEMENT' || reader.role === 'CLIENT';
}

export type RegistrationTypeInput = { name: string; kind: RegistrationKind; capacity?: number | null };

export function createRegistrationType(db: Database, actor: Actor, eventId: string, input: RegistrationTypeInput) {
  return createEntity(db, actor, 'registration_type', eventId, async (tx) => {
    await requireUniqueTypeName(tx, eventId, input.name, null);
    return { name: input.name, kind: input.kind, capacity: input.capacity ?? null };
  });
}

export function updateRegistrationType(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: Partial<RegistrationTypeInput>,
) {
  return updateEntity(
    db,
    actor,
    'registration_type',
    id,
    expectedVersion,
    { name: patch.name, kind: patch.kind, capacity: patch.capacity },
    async (tx, next, before) => {
      if (next.name !== before.name) await requireUniqueTypeName(tx, next.event_id, next.name, id);
      if (next.capacity !== null && next.capacity !== before.capacity) {
        const registered = await countRegistered(tx, id);
        if (registered > next.capacity)
          throw new ValidationError({
            field: 'capacity',
            message: `${registered} are already registered with this type; the capacity cannot be lower`,
          });
      }
    },
  );
}

export function deleteRegistrationType(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'registration_type', id, expectedVersion, undefined, async (tx) => {
    const used = await tx.selectFrom('attendee').select('id').where('registration_type_id', '=', id).limit(1).executeTakeFirst();
    if (used) throw new ValidationError({ field: 'id', message: 'attendees have this registration type; give them another first' });
  });
}

async function requireUniqueTypeName(tx: Tx, eventId: string, name: string, except: string | null): Promise<void> {
  let query = tx.selectFrom('registration_type').select('id').where('event_id', '=', eventId).where('name', '=', name);
  if (except) query = query.where('id', '!=', except);
  if (await query.executeTakeFirst())
    throw new ValidationError({ field: 'name', message: 'another registration type of this event has this name' });
}

/** How many are REGISTERED with each type, in key order. */
export async function countRegisteredByType(db: Executor, typeIds: readonly string[]): Promise<number[]> {
  const rows = await db
    .selectFrom('attendee')
    .select(['registration_type_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('registration_type_id', 'in', typeIds as string[])
    .where('status', '=', 'REGISTERED')
    .groupBy('registration_type_id')
    .execute();
  const counts = new Map(rows.map((r) => [r.registration_type_id, Number(r.n)]));
  return typeIds.map((id) => counts.get(id) ?? 0);
}

async function countRegistered(tx: Tx, typeId: string): Promise<number> {
  return (await countRegisteredByType(tx, [typeId]))[0]!;
}

export type AttendeeInput = {
  name: string;
  email: string;
  company?: string | null;
  registrationTypeId?: string | null;
  status?: AttendeeStatus | null;
  guestOfId?: string | null;
  badgeName?: string | null;
  badgeType?: string | null;
  vipNotes?: string | null;
  answers?: AnswerInput[] | null;
  invitationListId?: string | null;
};

/** The rules an attendee meets as it would be after a write: its type and guest link in its event, its e-mail unique, its type's capacity. */
async function checkAttendee(
  tx: Tx,
  next: Omit<
    Attendee,
    'id' | 'version' | 'created_at' | 'updated_at' | 'dietary' | 'dietary_notes' | 'allergies' | 'accessibility' | 'accessibility_notes'
  > & {
    id?: string;
  },
  before: Attendee | null,
): Promise<void> {
  const others = (q: ReturnType<typeof tx.selectFrom<'attendee'>>) => (next.id ? q.where('id', '!=', next.id) : q);
  if (!before || next.email.toLowerCase() !== before.email.toLowerCase()) {
    const taken = await others(tx.selectFrom('attendee'))
      .select('id')
      .where('event_id', '=', next.event_id)
      .where((eb) => eb(eb.fn('lower', ['email']), '=', next.email.toLowerCase()))
      .executeTakeFirst();
    if (taken)
      throw new ValidationError({
        field: 'email',
        message: 'another attendee of this event has this e-mail (a substitution changes the person on a registration)',
      });
  }
  if (next.registration_type_id && next.registration_type_id !== before?.registration_type_id) {
    const type = await tx.selectFrom('registration_type').select('event_id').where('id', '=', next.registration_type_id).executeTakeFirst();
    if (type?.event_id !== next.event_id)
      throw new ValidationError({ field: 'registrationTypeId', message: 'is not a registration type of this event' });
  }
  if (next.guest_of_attendee_id && next.guest_of_attendee_id !== before?.guest_of_attendee_id) {
    if (next.guest_of_attendee_id === next.id)
      throw new ValidationError({ field: 'guestOfId', message: 'an attendee cannot be their own guest' });
    const primary = await tx
      .selectFrom('attendee')
      .select(['event_id', 'guest_of_attendee_id'])
      .where('id', '=', next.guest_of_attendee_id)
      .executeTakeFirst();
    if (primary?.event_id !== next.event_id) throw new ValidationError({ field: 'guestOfId', message: 'is not an attendee of this event' });
    if (primary.guest_of_attendee_id)
      throw new ValidationError({
        field: 'guestOfId',
        message: 'is a guest; a guest comes with a primary attendee, not with another guest',
      });
  }
  if (before?.status === 'REGISTERED' && next.status !== 'REGISTERED') await requireNoSignUps(tx, before.id, 'status');
  if (next.invitation_list_id && next.invitation_list_id !== before?.invitation_list_id) {
    const list = await tx.selectFrom('invitation_list').select('event_id').where('id', '=', next.invitation_list_id).executeTakeFirst();
    if (list?.event_id !== next.event_id)
      throw new ValidationError({ field: 'invitationListId', message: 'is not an invitation list of this event' });
  }
  if (next.status === 'REGISTERED' && (before?.status !== 'REGISTERED' || !sameValue(before.answers, next.answers)))
    await requireAnswered(tx, next.event_id, next.answers);
  const takesPlace = next.status === 'REGISTERED' && next.registration_type_id;
  const tookPlace = before?.status === 'REGISTERED' && before.registration_type_id === next.registration_type_id;
  if (takesPlace && !tookPlace) {
    const type = await tx
      .selectFrom('registration_type')
      .select(['name', 'capacity'])
      .where('id', '=', next.registration_type_id!)
      .executeTakeFirstOrThrow();
    if (type.capacity !== null && (await countRegistered(tx, next.registration_type_id!)) >= type.capacity)
      throw new ValidationError({
        field: 'status',
        message: `${type.name} is full (capacity ${type.capacity}): register them as WAITLISTED, or raise the type's capacity`,
      });
  }
}

export function createAttendee(db: Database, actor: Actor, eventId: string, input: AttendeeInput) {
  return createEntity(db, actor, 'attendee', eventId, async (tx) => {
    // People invited from a list get its registration type unless told otherwise.
    const listType = input.invitationListId
      ? (await tx.selectFrom('invitation_list').select('registration_type_id').where('id', '=', input.invitationListId).executeTakeFirst())
          ?.registration_type_id
      : null;
    const values = {
      event_id: eventId,
      registration_type_id: input.registrationTypeId ?? listType ?? null,
      name: input.name,
      email: input.email,
      company: input.company ?? null,
      status: input.status ?? 'INVITED',
      guest_of_attendee_id: input.guestOfId ?? null,
      badge_name: input.badgeName ?? null,
      badge_type: input.badgeType ?? null,
      badge_printed_at: null,
      vip_notes: input.vipNotes ?? null,
      answers: await answersAfter(tx, eventId, {}, input.answers),
      invitation_list_id: input.invitationListId ?? null,
    };
    await checkAttendee(tx, values, null);
    const { event_id: _event, ...rest } = values;
    return rest;
  });
}

export type AttendeePatch = Partial<AttendeeInput> & { badgePrinted?: boolean | null };

export async function updateAttendee(db: Database, actor: Actor, id: string, expectedVersion: number, patch: AttendeePatch) {
  // Answers merge into those the attendee has: read here, the version check makes sure nothing moved since.
  const current = patch.answers?.length ? await findById(db, 'attendee', id) : null;
  const answers = current ? await answersAfter(db, current.event_id, current.answers, patch.answers) : undefined;
  return updateEntity(
    db,
    actor,
    'attendee',
    id,
    expectedVersion,
    {
      name: patch.name,
      email: patch.email,
      company: patch.company,
      registration_type_id: patch.registrationTypeId,
      status: patch.status ?? undefined,
      guest_of_attendee_id: patch.guestOfId,
      badge_name: patch.badgeName,
      badge_type: patch.badgeType,
      vip_notes: patch.vipNotes,
      answers,
      invitation_list_id: patch.invitationListId,
      // Printing is a moment, not a value a client sends: true records it now (a reprint again), false clears it.
      badge_printed_at: patch.badgePrinted === true ? new Date() : patch.badgePrinted === false ? null : undefined,
    },
    (tx, next, before) => checkAttendee(tx, next, before),
  );
}

export type Substitute = { name: string; email: string; company?: string | null };

/**
 * A new person takes a registration: its type, status, sign-ups, guests and answers stay; the
 * badge (a new name to print) and the VIP notes (about the person who left) start again.
 */
export function substituteAttendee(db: Database, actor: Actor, id: string, expectedVersion: number, input: Substitute) {
  return updateEntity(
    db,
    actor,
    'attendee',
    id,
    expectedVersion,
    { name: input.name, email: input.email, company: input.company, badge_name: null, badge_printed_at: null, vip_notes: null },
    (tx, next, before) => checkAttendee(tx, next, before),
  );
}

export function deleteAttendee(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'attendee', id, expectedVersion, undefined, (tx, row) => requireNoSignUps(tx, row.id, 'id'));
}

/** Seats and waitlist places are given up one by one (each frees a seat for the next in line), before a person leaves. */
async function requireNoSignUps(tx: Tx, attendeeId: string, field: string): Promise<void> {
  const { n } = await tx
    .selectFrom('session_registration')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('attendee_id', '=', attendeeId)
    .executeTakeFirstOrThrow();
  if (Number(n) > 0)
    throw new ValidationError({
      field,
      message: `they are signed up for ${n} session(s); cancel those sign-ups first, so their seats go to the waitlist`,
    });
}
