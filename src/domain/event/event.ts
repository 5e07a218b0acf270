import type { Database, Executor } from '../../db/client.js';
import type { Event, EventStatus, MemberRole, OrganizationKind, CueNumbering } from '../../db/types.js';
import { checkNumbersPerRoomDay } from '../runofshow/runofshow.js';
import type { Actor, Written } from '../../db/write.js';
import { TYPENAMES, createEntity, deleteEntity, updateEntity } from '../entities.js';
import { ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../../shared/errors.js';

export type EventInput = {
  name: string;
  timezone: string;
  startDate: string;
  endDate: string;
  clientOrganizationId?: string | null;
  status?: EventStatus;
  /** Production's: cue numbers per session, or per department across a room's show day. */
  cueNumbering?: CueNumbering;
  /** How long before their first session a speaker must have landed (travel warnings). */
  speakerArrivalBufferMinutes?: number;
  /** How long before a room's first session its doors open (the production schedule). */
  doorsMinutes?: number;
  /** The released schedule's exports (iCal, schedule.json, CSV) open without a secret. */
  schedulePublic?: boolean;
};

function checkDates(startDate: string, endDate: string): void {
  if (endDate < startDate) throw new ValidationError({ field: 'endDate', message: 'must not be before startDate' });
}

/**
 * A new event starts at revision 0 with the creating organization as its management member.
 * Creation itself is the event's origin, not a change of it.
 */
export async function createEvent(db: Database, actor: Actor, input: EventInput): Promise<Written<Event>> {
  checkDates(input.startDate, input.endDate);
  return db.transaction().execute(async (tx) => {
    if (input.clientOrganizationId) {
      const client = await tx.selectFrom('organization').select('id').where('id', '=', input.clientOrganizationId).executeTakeFirst();
      if (!client) throw new NotFoundError('Organization', input.clientOrganizationId);
    }
    const event = await tx
      .insertInto('event')
      .values({
        name: input.name,
        timezone: input.timezone,
        start_date: input.startDate,
        end_date: input.endDate,
        client_organization_id: input.clientOrganizationId ?? null,
        ...(input.status ? { status: input.status } : {}),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (actor.organizationId) {
      // A management agency plans what it creates; an administrator's organization joins in the role of its kind.
      const { kind } = await tx.selectFrom('organization').select('kind').where('id', '=', actor.organizationId).executeTakeFirstOrThrow();
      await tx
        .insertInto('event_member')
        .values({ event_id: event.id, organization_id: actor.organizationId, role: ROLE_OF_KIND[kind] })
        .execute();
    }
    return { result: event, revision: null };
  });
}

export async function updateEvent(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: Partial<EventInput>,
): Promise<Written<Event>> {
  const written = await updateEntity(
    db,
    actor,
    'event',
    id,
    expectedVersion,
    {
      name: patch.name,
      timezone: patch.timezone,
      start_date: patch.startDate,
      end_date: patch.endDate,
      status: patch.status,
      client_organization_id: patch.clientOrganizationId,
      cue_numbering: patch.cueNumbering,
      speaker_arrival_buffer_minutes: patch.speakerArrivalBufferMinutes,
      doors_minutes: patch.doorsMinutes,
      schedule_public: patch.schedulePublic,
    },
    async (tx, next, before) => {
      checkDates(next.start_date, next.end_date);
      if (next.cue_numbering === 'ROOM_DAY' && before.cue_numbering !== 'ROOM_DAY') await checkNumbersPerRoomDay(tx, id, next.timezone);
    },
  );
  // The row was read before this very change took its revision.
  if (written.revision !== null) written.result.revision = written.revision;
  return written;
}

/** Deleting an event removes everything in it, its history included. */
export async function deleteEvent(db: Database, id: string, expectedVersion?: number | null): Promise<Event> {
  return db.transaction().execute(async (tx) => {
    const event = await tx.selectFrom('event').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!event) throw new NotFoundError(TYPENAMES.event, id);
    if (expectedVersion != null && expectedVersion !== event.version) {
      throw new StaleVersionError('Event', expectedVersion, event.version, event);
    }
    await tx.deleteFrom('event').where('id', '=', id).execute();
    return event;
  });
}

/**
 * The role that gives an organization of each kind its rights. Any organization may also be a
 * (read-only) CLIENT member, but planning is for a management agency and the show for a production
 * agency: no role can make an organization something it is not.
 */
export const ROLE_OF_KIND: Record<OrganizationKind, MemberRole> = {
  CLIENT: 'CLIENT',
  MANAGEMENT_AGENCY: 'MANAGEMENT',
  PRODUCTION_AGENCY: 'PRODUCTION',
};

async function checkRoleFits(tx: Executor, organizationId: string, role: MemberRole): Promise<void> {
  const org = await tx.selectFrom('organization').select(['name', 'kind']).where('id', '=', organizationId).executeTakeFirst();
  if (!org) throw new NotFoundError('Organization', organizationId);
  if (role !== 'CLIENT' && ROLE_OF_KIND[org.kind] !== role) {
    const wanted = role === 'MANAGEMENT' ? 'MANAGEMENT_AGENCY' : 'PRODUCTION_AGENCY';
    throw new ValidationError({ field: 'role', message: `${role} is for a ${wanted} organization; ${org.name} is a ${org.kind}` });
  }
}

/** No organization changes or removes its own membership; a platform administrator may. */
function checkNotOwn(actor: Actor, member: { organization_id: string }, doing: string): void {
  if (actor.isPlatformAdmin || actor.organizationId !== member.organization_id) return;
  throw new ForbiddenError(
    `No organization may ${doing} its own membership of an event; another member with the right, or a platform administrator, can.`,
  );
}

export async function addEventMember(db: Database, actor: Actor, eventId: string, organizationId: string, role: MemberRole) {
  return createEntity(db, actor, 'event_member', eventId, async (tx) => {
    await checkRoleFits(tx, organizationId, role);
    const existing = await tx
      .selectFrom('event_member')
      .select('id')
      .where('event_id', '=', eventId)
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    if (existing) throw new ValidationError({ field: 'organizationId', message: 'is already a member of this event' });
    return { organization_id: organizationId, role };
  });
}

export async function updateEventMember(db: Database, actor: Actor, id: string, expectedVersion: number, role: MemberRole) {
  return updateEntity(db, actor, 'event_member', id, expectedVersion, { role }, async (tx, next) => {
    checkNotOwn(actor, next, 'change');
    await checkRoleFits(tx, next.organization_id, role);
  });
}

export async function removeEventMember(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  // Checked inside the transaction that deletes it: a refusal rolls the deletion back.
  return deleteEntity(db, actor, 'event_member', id, expectedVersion, async (_tx, member) => checkNotOwn(actor, member, 'remove'));
}
