import * as fields from '../../domain/fields.js';
import { createEvent, deleteEvent, updateEvent, addEventMember, removeEventMember, updateEventMember } from '../../domain/event/event.js';
import { scopesFor } from '../auth.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../builder.js';
import { MUTATION_ERRORS } from '../errors.js';
import { connectionOf, pageArgs, resolvePage } from '../connections.js';
import { reads, readsOnly } from '../selection.js';
import { requireActor, requireViewer } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { EventMemberRef, EventRef, OrganizationRef } from '../refs.js';
import { membersOfEvent, eventsOfOrganization } from '../../domain/event/lists.js';
import type { Context } from '../../context.js';

export const EventStatus = builder.enumType('EventStatus', {
  description: 'Where an event stands.',
  values: {
    PLANNING: { description: 'Being planned; details will change.' },
    CONFIRMED: { description: 'Contracted and scheduled.' },
    LIVE: { description: 'Doors are open; the show is running.' },
    WRAPPED: { description: 'Over.' },
    CANCELLED: { description: 'Will not take place.' },
  },
});

export const MemberRole = builder.enumType('MemberRole', {
  description: 'What an organization does on an event; it decides what it may read and edit.',
  values: {
    CLIENT: { description: 'The client: reads everything.' },
    MANAGEMENT: { description: 'The management agency: plans the event.' },
    PRODUCTION: { description: 'The production agency: technical fields, run-of-show and show calling.' },
  },
});

function eachDay(start: string, end: string): string[] {
  const days: string[] = [];
  for (let d = new Date(`${start}T00:00:00Z`); d.toISOString().slice(0, 10) <= end; d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

EventRef.implement({
  authScopes: (event) => ({ onEvent: { table: 'event', id: event.id, actions: ['read'] } }),
  description:
    'An event: the schedule that the management agency plans and the show the production agency runs. `revision` counts its changes.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Public name of the event.' }),
    timezone: t.exposeString('timezone', { description: 'IANA time zone of the venue; day views and local times use it.' }),
    cueNumbering: t.expose('cue_numbering', { type: CueNumbering, description: 'How cue numbers are kept unique: per session, or per department across a room’s show day.' }),
    speakerArrivalBufferMinutes: t.exposeInt('speaker_arrival_buffer_minutes', {
      description: 'How long before their first session (or rehearsal slot) a speaker must have landed; less is a SPEAKER_LANDS_LATE warning (120 unless set).',
    }),
    doorsMinutes: t.exposeInt('doors_minutes', { description: "How long before a room's first session of the day its doors open, in the production schedule (30 unless set)." }),
    schedulePublic: t.exposeBoolean('schedule_public', {
      description: 'Whether the released schedule is published without a secret: `/export/events/<id>/schedule.ics` (and .json, .csv) open to anyone. Drafts never are.',
    }),
    startDate: t.expose('start_date', { type: 'Date', description: 'First day, in the event time zone.' }),
    endDate: t.expose('end_date', { type: 'Date', description: 'Last day, in the event time zone.' }),
    days: t.field({ type: ['Date'], description: 'Every day of the event, first to last.', extensions: reads('event', 'start_date', 'end_date'), resolve: (e) => eachDay(e.start_date, e.end_date) }),
    status: t.expose('status', { type: EventStatus, description: 'Where the event stands.' }),
    revision: t.exposeInt('revision', {
      description: 'How many changes the event has had: 0 when new, +1 for every committed change to anything in it, without gaps.',
    }),
    version: t.exposeInt('version', { description: "Version of the event's own fields; pass it as `expectedVersion` to `updateEvent`." }),
    client: t.field({
      type: OrganizationRef,
      nullable: true,
      description: 'The client organization the event is for.',
      extensions: reads('event', 'client_organization_id'),
      resolve: (e) => e.client_organization_id,
    }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When the event was created.' }),
    updatedAt: t.expose('updated_at', { type: 'DateTime', description: "When the event's own fields last changed." }),
    members: t.field({
      type: connectionOf(EventMemberRef, 'EventMember', 'member organizations'),
      description: 'The organizations working on the event and their roles.',
      args: pageArgs(t.arg),
      extensions: readsOnly('event', 'id'),
      resolve: (e, args, ctx, info) => resolvePage(ctx, info, membersOfEvent, e.id, args, EventMemberRef),
    }),
  }),
});

EventMemberRef.implement({
  description: 'An organization taking part in an event, in one role.',
  fields: (t) => ({
    role: t.expose('role', { type: MemberRole, description: 'What the organization does on this event.' }),
    organization: t.field({ type: OrganizationRef, description: 'The member organization.', extensions: reads('event_member', 'organization_id'), resolve: (m) => m.organization_id }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('event_member', 'event_id'), resolve: (m) => m.event_id }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

builder.queryFields((t) => ({
  events: t.field({
    type: connectionOf(EventRef, 'Event', 'events'),
    description: "The events your organization is a member of, earliest first.",
    authScopes: scopesFor('Query.events'),
    args: { ...pageArgs(t.arg), status: t.arg({ type: EventStatus, required: false, description: 'Only events with this status.' }) },
    resolve: (_root, args, ctx, info) => resolvePage(ctx, info, eventsOfOrganization, requireViewer(ctx).organizationId, args, EventRef),
  }),
}));

const eventFields = {
  name: fields.name,
  timezone: fields.timeZone,
};

entityMutation('createEvent', {
  description: "Creates an event at revision 0, with your organization as its management member.",
  inputFields: (t) => ({
    name: t.string({ required: true, description: 'Public name.', validate: eventFields.name }),
    timezone: t.string({ required: true, description: 'IANA time zone, e.g. "America/Los_Angeles".', validate: eventFields.timezone }),
    startDate: t.field({ type: 'Date', required: true, description: 'First day.' }),
    endDate: t.field({ type: 'Date', required: true, description: 'Last day; not before startDate.' }),
    status: t.field({ type: EventStatus, required: false, description: 'Defaults to PLANNING.' }),
    clientId: t.globalID({ for: OrganizationRef, required: false, description: 'The client organization.' }),
  }),
  field: 'event',
  ref: EventRef,
  fieldDescription: 'The new event.',
  run: (ctx, input) =>
    createEvent(ctx.db, requireActor(ctx), {
      name: input.name,
      timezone: input.timezone,
      startDate: input.startDate,
      endDate: input.endDate,
      status: input.status ?? undefined,
      clientOrganizationId: input.clientId?.id ?? null,
    }),
});

const CueNumbering = builder.enumType('CueNumbering', {
  description: 'How cue numbers are kept unique.',
  values: {
    SESSION: { description: 'Per session and department: every session starts again at LX 1.' },
    ROOM_DAY: { description: "Per department across a room's show day, as a console's one cue list runs: the keynote's LX cues continue where the opening's ended." },
  },
});

entityMutation('updateEvent', {
  description: "Changes an event's own fields. Fields left out stay as they are.",
  inputFields: (t) => ({
    id: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read; a stale one returns StaleVersionError.' }),
    name: t.string({ required: false, description: 'Public name.', validate: eventFields.name.optional() }),
    timezone: t.string({ required: false, description: 'IANA time zone.', validate: eventFields.timezone.optional() }),
    startDate: t.field({ type: 'Date', required: false, description: 'First day.' }),
    endDate: t.field({ type: 'Date', required: false, description: 'Last day.' }),
    status: t.field({ type: EventStatus, required: false, description: 'New status.' }),
    clientId: t.globalID({ for: OrganizationRef, required: false, description: 'The client organization; null to clear.' }),
    cueNumbering: t.field({ type: CueNumbering, required: false, description: "How cue numbers are kept unique (production's)." }),
    speakerArrivalBufferMinutes: t.int({ required: false, description: 'How long before their first session a speaker must have landed.', validate: fields.minutes.nullish() }),
    doorsMinutes: t.int({ required: false, description: "How long before a room's first session its doors open.", validate: fields.minutes.nullish() }),
    schedulePublic: t.boolean({ required: false, description: 'Publish the released schedule without a secret (true) or only through feed links and tokens (false).' }),
  }),
  field: 'event',
  ref: EventRef,
  fieldDescription: 'The event as it is now.',
  run: (ctx, input) =>
    updateEvent(ctx.db, requireActor(ctx), input.id.id, input.expectedVersion, {
      name: input.name ?? undefined,
      timezone: input.timezone ?? undefined,
      startDate: input.startDate ?? undefined,
      endDate: input.endDate ?? undefined,
      status: input.status ?? undefined,
      clientOrganizationId: input.clientId === undefined ? undefined : (input.clientId?.id ?? null),
      cueNumbering: input.cueNumbering ?? undefined,
      speakerArrivalBufferMinutes: input.speakerArrivalBufferMinutes ?? undefined,
      doorsMinutes: input.doorsMinutes ?? undefined,
      schedulePublic: input.schedulePublic ?? undefined,
    }),
});

// Once deleted an event is nothing anyone can read, so the payload carries its id only.
builder.relayMutationField(
  'deleteEvent',
  {
    description: 'Input of `deleteEvent`.',
    inputFields: (t) => ({
      id: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
      expectedVersion: t.int({ required: false, description: 'When given, delete only if it is still at this version.' }),
    }),
  },
  {
    description: 'Deletes an event and everything in it, its change history included.',
    authScopes: scopesFor('Mutation.deleteEvent') as never,
    errors: { types: MUTATION_ERRORS },
    resolve: async (_root, { input }, ctx) => {
      requireActor(ctx);
      const event = await deleteEvent(ctx.db, input.id.id, input.expectedVersion);
      return { deletedId: encodeGlobalID('Event', event.id) };
    },
  },
  {
    description: 'Result of `deleteEvent`.',
    outputFields: (t) => ({
      deletedId: t.exposeID('deletedId', { description: 'Global id of the event that was deleted.' }),
    }),
  },
);

/**
 * A membership written here is an access change at once: no role lookup running from before it
 * answers an operation after it (src/auth/role-lookups.ts).
 */
function membershipChanged<T>(ctx: Context, result: T): T {
  ctx.hub.accessChanged();
  return result;
}

entityMutation('createEventMember', {
  description:
    "Adds an organization to an event in a role. MANAGEMENT is for a management agency and PRODUCTION for a production agency (any organization may be a read-only CLIENT member). Management adds members; only the event's client (or a platform administrator) gives the PRODUCTION role: the client appoints its production agency.",
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    organizationId: t.globalID({ for: OrganizationRef, required: true, description: 'The organization to add.' }),
    role: t.field({ type: MemberRole, required: true, description: 'Its role on the event.' }),
  }),
  field: 'eventMember',
  ref: EventMemberRef,
  fieldDescription: 'The new membership.',
  run: async (ctx, input) => membershipChanged(ctx, await addEventMember(ctx.db, requireActor(ctx), input.eventId.id, input.organizationId.id, input.role)),
});

entityMutation('updateEventMember', {
  description:
    "Changes a member organization's role, under the same rules as createEventMember. No organization changes its own membership (a platform administrator may).",
  inputFields: (t) => ({
    id: t.globalID({ for: EventMemberRef, required: true, description: 'The membership.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    role: t.field({ type: MemberRole, required: true, description: 'The new role.' }),
  }),
  field: 'eventMember',
  ref: EventMemberRef,
  fieldDescription: 'The membership as it is now.',
  run: async (ctx, input) => membershipChanged(ctx, await updateEventMember(ctx.db, requireActor(ctx), input.id.id, input.expectedVersion, input.role)),
});

deleteMutation('EventMember', {
  description: 'Removes an organization from an event; its open subscriptions to the event end at once. No organization removes itself (a platform administrator may).',
  field: 'eventMember',
  ref: EventMemberRef,
  run: async (ctx, id, expectedVersion) => membershipChanged(ctx, await removeEventMember(ctx.db, requireActor(ctx), id, expectedVersion)),
});
