import { decideChangeOrder, makeChangeOrder, openRequest, replyToRequest, setRequestStatus } from '../../domain/requests/requests.js';
import { messagesOfRequest, requestsOfEvent } from '../../domain/requests/lists.js';
import * as fields from '../../domain/fields.js';
import { money, MoneyRef } from '../money.js';
import { builder } from '../builder.js';
import { childList, connectionOf } from '../connections.js';
import { requireActor } from '../guards.js';
import { entityMutation } from '../mutation.js';
import { declarePrivateFields, privately } from '../private-fields.js';
import { reads, refersTo } from '../selection.js';
import { EventRef, OrganizationRef, RequestMessageRef, RequestRef, UserRef } from '../refs.js';

/** Requests between agencies and change orders in the API; every step is a change in `eventChanges`. */

const RequestStatus = builder.enumType('RequestStatus', {
  description: 'Where a request stands.',
  values: {
    OPEN: { description: 'Asked; not answered yet (the opener may reopen a closed one).' },
    ANSWERED: { description: 'The addressee answered.' },
    DONE: { description: 'Done (a change order only once the client approved it).' },
    DECLINED: { description: 'The addressee declined it.' },
  },
});

const ChangeOrderStatus = builder.enumType('ChangeOrderStatus', {
  description: 'Where a change order stands with the client.',
  values: {
    AWAITING_CLIENT: { description: "Priced; waiting for the client's approval." },
    APPROVED: { description: 'The client approved it.' },
    REJECTED: { description: 'The client rejected it.' },
  },
});

// An internal reply is its author organization's own: others see that it exists, not what it says.
const internalBody = declarePrivateFields('RequestMessage', {
  table: 'request_message',
  fields: ['body'],
  shows: (row, reader) => row !== null && (!row.internal || reader.isPlatformAdmin || row.author_organization_id === reader.organizationId),
});

RequestMessageRef.implement({
  description: "A reply in a request's thread.",
  fields: (t) => ({
    request: t.field({ type: RequestRef, description: 'The request.', ...refersTo('request_message', 'request_id') }),
    authorOrganization: t.field({ type: OrganizationRef, description: 'Whose reply.', extensions: reads('request_message', 'author_organization_id'), resolve: (m) => m.author_organization_id }),
    author: t.field({ type: UserRef, nullable: true, description: 'Who wrote it.', extensions: reads('request_message', 'author_user_id'), resolve: (m) => m.author_user_id }),
    body: t.string({
      nullable: true,
      description: "What it says; null for an internal reply of another organization.",
      extensions: reads('request_message', 'body', 'internal', 'author_organization_id', 'event_id'),
      resolve: privately(internalBody, (m) => m.body),
    }),
    internal: t.exposeBoolean('internal', { description: "Read only by its author's organization." }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was written.' }),
  }),
});

RequestRef.implement({
  description: 'A thread about an object of the event, from one organization to another; one that changes scope becomes a change order for the client to approve.',
  fields: (t) => ({
    subject: t.node({
      description: 'What it is about (a session, a cue, a room, an asset, a block, the event).',
      extensions: reads('request', 'subject_type', 'subject_id'),
      id: (r) => ({ id: r.subject_id, type: r.subject_type }),
    }),
    fromOrganization: t.field({ type: OrganizationRef, description: 'Who asks.', extensions: reads('request', 'from_organization_id'), resolve: (r) => r.from_organization_id }),
    toOrganization: t.field({ type: OrganizationRef, description: 'Who is asked.', extensions: reads('request', 'to_organization_id'), resolve: (r) => r.to_organization_id }),
    openedBy: t.field({ type: UserRef, nullable: true, description: 'Who opened it.', extensions: reads('request', 'opened_by_user_id'), resolve: (r) => r.opened_by_user_id }),
    title: t.exposeString('title', { description: 'What is asked ("Add a walk-in video").' }),
    body: t.exposeString('body', { nullable: true, description: 'The details.' }),
    status: t.expose('status', { type: RequestStatus, description: 'Where it stands.' }),
    changeOrderStatus: t.expose('change_order_status', { type: ChangeOrderStatus, nullable: true, description: 'Null unless it became a change order.' }),
    costMinor: t.int({ nullable: true, description: 'The change order’s cost, in minor units of `currency`.', extensions: reads('request', 'cost_minor'), resolve: (r) => (r.cost_minor === null ? null : Number(r.cost_minor)) }),
    currency: t.exposeString('currency', { nullable: true, description: 'ISO 4217 currency of the cost.' }),
    cost: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'The change order’s cost, exactly. Null unless it became a change order.',
      extensions: reads('request', 'cost_minor', 'currency'),
      resolve: (r) => money(r.cost_minor, r.currency),
    }),
    timeImpactMinutes: t.exposeInt('time_impact_minutes', { nullable: true, description: 'What it adds to the schedule (crew time, a longer load-in), in minutes.' }),
    decidedAt: t.expose('decided_at', { type: 'DateTime', nullable: true, description: 'When the client decided.' }),
    decidedBy: t.field({ type: UserRef, nullable: true, description: 'Who decided.', extensions: reads('request', 'decided_by_user_id'), resolve: (r) => r.decided_by_user_id }),
    decisionNote: t.exposeString('decision_note', { nullable: true, description: "The client's note on the decision." }),
    messages: childList(t, 'request', { type: connectionOf(RequestMessageRef, 'RequestMessage', 'requestMessages'), description: 'The replies, oldest first.', spec: messagesOfRequest, node: RequestMessageRef }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was opened.' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  requests: childList(t, 'event', { type: connectionOf(RequestRef, 'Request', 'requests'), description: 'Requests between its organizations, oldest first.', spec: requestsOfEvent, node: RequestRef }),
}));

entityMutation('openRequest', {
  description: 'Asks another organization of the event for something, about one of its objects (any member).',
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    subjectId: t.globalID({ required: false, description: 'What it is about: any object of the event (the event itself unless given).' }),
    toOrganizationId: t.globalID({ for: OrganizationRef, required: true, description: 'Whom it asks: another organization of the event.' }),
    title: t.string({ required: true, description: 'What is asked.', validate: fields.title }),
    body: t.string({ required: false, description: 'The details.', validate: fields.longText.nullish() }),
  }),
  field: 'request',
  ref: RequestRef,
  fieldDescription: 'The new request.',
  run: (ctx, { eventId, subjectId, toOrganizationId, title, body }) =>
    openRequest(ctx.db, requireActor(ctx), {
      eventId: eventId.id,
      subjectType: subjectId?.typename ?? 'Event',
      subjectId: subjectId?.id ?? eventId.id,
      toOrganizationId: toOrganizationId.id,
      title,
      body,
    }),
});

entityMutation('replyToRequest', {
  description: "Replies in a request's thread; an internal reply is read only by your organization.",
  inputFields: (t) => ({
    requestId: t.globalID({ for: RequestRef, required: true, description: 'The request.' }),
    body: t.string({ required: true, description: 'The reply.', validate: fields.text(10_000) }),
    internal: t.boolean({ required: false, description: "Only your organization reads it (false unless given)." }),
  }),
  field: 'requestMessage',
  ref: RequestMessageRef,
  fieldDescription: 'The reply.',
  run: (ctx, { requestId, body, internal }) => replyToRequest(ctx.db, requireActor(ctx), { requestId: requestId.id, body, internal }),
});

entityMutation('setRequestStatus', {
  description: 'The addressee answers, completes or declines a request; the opener reopens it. A change order is DONE only once the client approved it.',
  inputFields: (t) => ({
    id: t.globalID({ for: RequestRef, required: true, description: 'The request.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    status: t.field({ type: RequestStatus, required: true, description: 'The new status.' }),
  }),
  field: 'request',
  ref: RequestRef,
  fieldDescription: 'The request as it is now.',
  run: (ctx, { id, expectedVersion, status }) => setRequestStatus(ctx.db, requireActor(ctx), id.id, expectedVersion, status),
});

entityMutation('makeChangeOrder', {
  description: "The addressee prices a request that changes scope: it becomes a change order awaiting the client's approval (new terms need a new approval).",
  inputFields: (t) => ({
    id: t.globalID({ for: RequestRef, required: true, description: 'The request.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    costMinor: t.int({ required: true, description: 'What it costs, in minor units of `currency` (12500 is 125.00 USD).', validate: fields.capacity.max(2_000_000_000) }),
    currency: t.string({ required: true, description: 'ISO 4217 currency.', validate: fields.currency }),
    timeImpactMinutes: t.int({ required: false, description: 'What it adds to the schedule, in minutes.', validate: fields.capacity.max(100_000).nullish() }),
  }),
  field: 'request',
  ref: RequestRef,
  fieldDescription: 'The change order.',
  run: (ctx, { id, expectedVersion, ...input }) => makeChangeOrder(ctx.db, requireActor(ctx), id.id, expectedVersion, input),
});

entityMutation('decideChangeOrder', {
  description: 'The client approves or rejects a change order awaiting them.',
  inputFields: (t) => ({
    id: t.globalID({ for: RequestRef, required: true, description: 'The change order.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    approve: t.boolean({ required: true, description: 'True approves it, false rejects it.' }),
    note: t.string({ required: false, description: 'A note on the decision.', validate: fields.optionalText(1000).nullish() }),
  }),
  field: 'request',
  ref: RequestRef,
  fieldDescription: 'The change order as it is now.',
  run: (ctx, { id, expectedVersion, approve, note }) => decideChangeOrder(ctx.db, requireActor(ctx), id.id, expectedVersion, approve, note),
});
