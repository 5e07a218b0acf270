import type { Database } from '../../db/client.js';
import type { Request, RequestStatus } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ForbiddenError, ValidationError } from '../../shared/errors.js';
import { createEntity, findById, updateEntity } from '../entities.js';
import { eventOfSubject, roleOf } from '../subjects.js';

/**
 * Requests between agencies: one organization asks another about any object of the event ("add a
 * walk-in video" on a session). The addressee answers, and closes it DONE or DECLINED; the opener
 * may reopen it. A request that changes scope becomes a change order — its cost and time impact
 * set by the addressee — and waits for the client: it cannot be DONE until the client approves,
 * and new terms need a new approval. Replies marked internal are their author organization's own.
 */

export type OpenRequestInput = {
  eventId: string;
  subjectType: string;
  subjectId: string;
  toOrganizationId: string;
  title: string;
  body?: string | null;
};

export async function openRequest(db: Database, actor: Actor, input: OpenRequestInput) {
  const eventId = await eventOfSubject(db, input.subjectType, input.subjectId);
  if (eventId !== input.eventId) throw new ValidationError({ field: 'subjectId', message: 'is not an object of this event' });
  return createEntity(db, actor, 'request', eventId, async (tx) => {
    if (input.toOrganizationId === actor.organizationId)
      throw new ValidationError({ field: 'toOrganizationId', message: 'is your own organization: a request goes to another one' });
    if (!(await roleOf(tx, eventId, input.toOrganizationId)))
      throw new ValidationError({ field: 'toOrganizationId', message: 'is not a member of this event' });
    if (!actor.organizationId) throw new ForbiddenError('A request is opened by an organization on the event.');
    return {
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      from_organization_id: actor.organizationId,
      to_organization_id: input.toOrganizationId,
      opened_by_user_id: actor.userId,
      title: input.title,
      body: input.body ?? null,
    };
  });
}

function requireParty(request: Request, actor: Actor, side: 'to' | 'from' | 'either', what: string) {
  if (actor.isPlatformAdmin) return;
  const ok =
    (side !== 'from' && actor.organizationId === request.to_organization_id) ||
    (side !== 'to' && actor.organizationId === request.from_organization_id);
  if (!ok)
    throw new ForbiddenError(
      `Only ${side === 'to' ? 'the organization it was sent to' : side === 'from' ? 'the organization that opened it' : 'the two organizations of a request'} may ${what}.`,
    );
}

/** A reply in the thread (the addressee marks the request ANSWERED, DONE or DECLINED with `setRequestStatus`). */
export async function replyToRequest(db: Database, actor: Actor, input: { requestId: string; body: string; internal?: boolean | null }) {
  const request = await findById(db, 'request', input.requestId).catch(() => {
    throw new ValidationError({ field: 'requestId', message: 'no such request' });
  });
  return createEntity(db, actor, 'request_message', request.event_id, async (tx) => {
    if (!actor.organizationId || !(await roleOf(tx, request.event_id, actor.organizationId)))
      if (!actor.isPlatformAdmin) throw new ForbiddenError('Only members of the event reply to its requests.');
    return {
      request_id: request.id,
      author_organization_id: actor.organizationId ?? request.from_organization_id,
      author_user_id: actor.userId,
      body: input.body,
      internal: input.internal ?? false,
    };
  });
}

/** DONE, DECLINED or ANSWERED are the addressee's; OPEN again the opener's. A change order is DONE only once the client approved it. */
export function setRequestStatus(db: Database, actor: Actor, id: string, expectedVersion: number, status: RequestStatus) {
  return updateEntity(db, actor, 'request', id, expectedVersion, { status }, (_tx, _next, before) => {
    requireParty(before, actor, status === 'OPEN' ? 'from' : 'to', status === 'OPEN' ? 'reopen it' : `set it ${status}`);
    if (status === 'DONE' && before.change_order_status !== null && before.change_order_status !== 'APPROVED')
      throw new ValidationError({
        field: 'status',
        message:
          before.change_order_status === 'AWAITING_CLIENT'
            ? "the change order awaits the client's approval"
            : 'the client rejected the change order: decline it, or change its terms for a new approval',
      });
  });
}

/** The addressee prices the change: cost (integer minor units) and time impact; it now waits for the client. */
export function makeChangeOrder(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: { costMinor: number; currency: string; timeImpactMinutes?: number | null },
) {
  return updateEntity(
    db,
    actor,
    'request',
    id,
    expectedVersion,
    { cost_minor: String(input.costMinor), currency: input.currency, time_impact_minutes: input.timeImpactMinutes ?? null },
    (_tx, _next, before) => {
      requireParty(before, actor, 'to', 'turn it into a change order');
      if (before.status === 'DONE' || before.status === 'DECLINED')
        throw new ValidationError({ field: 'id', message: `the request is ${before.status}` });
      return { change_order_status: 'AWAITING_CLIENT' as const, decided_at: null, decided_by_user_id: null, decision_note: null };
    },
  );
}

/** The client approves or rejects a change order awaiting them. */
export function decideChangeOrder(db: Database, actor: Actor, id: string, expectedVersion: number, approve: boolean, note?: string | null) {
  return updateEntity(
    db,
    actor,
    'request',
    id,
    expectedVersion,
    { change_order_status: approve ? 'APPROVED' : 'REJECTED', decision_note: note ?? null },
    async (tx, _next, before) => {
      if (before.change_order_status !== 'AWAITING_CLIENT')
        throw new ValidationError({
          field: 'id',
          message: before.change_order_status === null ? 'is not a change order' : `was already ${before.change_order_status}`,
        });
      if (!actor.isPlatformAdmin && (await roleOf(tx, before.event_id, actor.organizationId)) !== 'CLIENT')
        throw new ForbiddenError('Only the client approves change orders.');
      return { decided_at: new Date(), decided_by_user_id: actor.userId };
    },
  );
}
