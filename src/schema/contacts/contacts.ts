import type { InputFieldBuilder } from '@pothos/core';
import { createContact, deleteContact, PRIVATE_CONTACT_FIELDS, showsPrivateDetails, updateContact, type ContactInput } from '../../domain/contacts/contacts.js';
import { contactsOfEvent } from '../../domain/contacts/lists.js';
import type { EventContact } from '../../db/types.js';
import * as fields from '../../domain/fields.js';
import type { Context } from '../../context.js';
import { builder, type BuilderTypes } from '../builder.js';
import { connectionOf, pageArgs, resolvePage } from '../connections.js';
import { requireActor } from '../guards.js';
import { wallClock } from '../local-time.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { declarePrivateFields, showsPrivate } from '../private-fields.js';
import { reads, readsOnly } from '../selection.js';
import { EventContactRef, EventRef, OrganizationRef } from '../refs.js';

/** The contacts area in the API: `Event.contacts`, `EventContact`, and its three mutations. */

const contactDetails = declarePrivateFields('EventContact', { table: 'event_contact', fields: PRIVATE_CONTACT_FIELDS, shows: showsPrivateDetails });

/** The columns the private-details rule reads, beside the field's own. */
const PRIVACY_COLUMNS = ['event_id', 'is_private', 'organization_id'] as const;

const privateDetail = (ctx: Context, contact: EventContact, value: string | null) =>
  showsPrivate(ctx, contactDetails, contact).then((shows) => (shows ? value : null));

EventContactRef.implement({
  description: 'Someone to call on site: who they are, for whom they work, how to reach them and when they are there.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name.' }),
    organization: t.field({
      type: OrganizationRef,
      nullable: true,
      description: 'The member organization they work for; its people see their phone and e-mail even when the contact is private.',
      extensions: reads('event_contact', 'organization_id'),
      resolve: (c) => c.organization_id,
    }),
    company: t.exposeString('company', { nullable: true, description: 'Their company, when it is not a member organization (the venue, the caterer).' }),
    role: t.exposeString('role', { nullable: true, description: 'What they do here ("Banquet captain", "Technical director").' }),
    phone: t.string({
      nullable: true,
      description: 'Phone number. Null when none is known, or when the contact is private and you are neither of its organization nor management.',
      extensions: reads('event_contact', 'phone', ...PRIVACY_COLUMNS),
      resolve: (c, _args, ctx) => privateDetail(ctx, c, c.phone),
    }),
    email: t.string({
      nullable: true,
      description: 'E-mail address; withheld like `phone`.',
      extensions: reads('event_contact', 'email', ...PRIVACY_COLUMNS),
      resolve: (c, _args, ctx) => privateDetail(ctx, c, c.email),
    }),
    detailsWithheld: t.boolean({
      description: 'True when `phone` and `email` are withheld from you (a private contact of another organization).',
      extensions: reads('event_contact', ...PRIVACY_COLUMNS),
      resolve: async (c, _args, ctx) => !(await showsPrivate(ctx, contactDetails, c)),
    }),
    isPrivate: t.exposeBoolean('is_private', { description: 'Whether phone and e-mail are for its own organization and management only.' }),
    onSiteFrom: t.expose('on_site_from', { type: 'DateTime', nullable: true, description: 'When they are on site from.' }),
    onSiteUntil: t.expose('on_site_until', { type: 'DateTime', nullable: true, description: 'When they leave the site.' }),
    onSiteFromLocal: t.field(wallClock('event_contact', 'on_site_from', "`onSiteFrom` on the event's wall clock.")),
    onSiteUntilLocal: t.field(wallClock('event_contact', 'on_site_until', "`onSiteUntil` on the event's wall clock.")),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('event_contact', 'event_id'), resolve: (c) => c.event_id }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  contacts: t.field({
    type: connectionOf(EventContactRef, 'EventContact', 'contacts'),
    description: "Who to call on site, by name. Every member reads the list; a private contact's phone and e-mail only its own organization and management.",
    args: pageArgs(t.arg),
    extensions: readsOnly('event', 'id'),
    resolve: (e, args, ctx, info) => resolvePage(ctx, info, contactsOfEvent, e.id, args, EventContactRef),
  }),
}));

const contactFields = <R extends boolean>(required: R) => (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  name: t.string({ required, description: 'Full name.', validate: required ? fields.name : fields.name.optional() }),
  organizationId: t.globalID({ for: OrganizationRef, required: false, description: 'The member organization they work for.' }),
  company: t.string({ required: false, description: 'Their company, when not a member organization.', validate: fields.optionalText(200).nullish() }),
  role: t.string({ required: false, description: 'What they do here.', validate: fields.optionalText(200).nullish() }),
  phone: t.string({ required: false, description: 'Phone number.', validate: fields.phone.nullish() }),
  email: t.string({ required: false, description: 'E-mail address.', validate: fields.email.nullish() }),
  onSiteFrom: t.field({ type: 'DateTime', required: false, description: 'On site from.' }),
  onSiteUntil: t.field({ type: 'DateTime', required: false, description: 'On site until; after `onSiteFrom`.' }),
  isPrivate: t.boolean({ required: false, description: 'Phone and e-mail for its own organization and management only (default false).' }),
});

/** The input as the domain takes it: ids unwrapped, everything else as given (undefined = unchanged). */
function contactInput<I extends { organizationId?: { id: string } | null; name?: string | null }>(input: I): ContactInput {
  return { ...input, name: input.name ?? undefined, organizationId: input.organizationId === null ? null : input.organizationId?.id } as ContactInput;
}

entityMutation('createEventContact', {
  description: "Adds a contact to the event's on-site list.",
  inputFields: (t) => ({ eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }), ...contactFields(true)(t) }),
  field: 'contact',
  ref: EventContactRef,
  fieldDescription: 'The new contact.',
  run: (ctx, { eventId, ...input }) => createContact(ctx.db, requireActor(ctx), eventId.id, contactInput(input)),
});

entityMutation('updateEventContact', {
  description: 'Changes a contact. Fields left out stay as they are; null clears an optional field.',
  inputFields: (t) => ({
    id: t.globalID({ for: EventContactRef, required: true, description: 'The contact.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...contactFields(false)(t),
  }),
  field: 'contact',
  ref: EventContactRef,
  fieldDescription: 'The contact as it is now.',
  run: (ctx, { id, expectedVersion, ...input }) => updateContact(ctx.db, requireActor(ctx), id.id, expectedVersion, contactInput(input)),
});

deleteMutation('EventContact', {
  description: 'Removes a contact from the list.',
  field: 'contact',
  ref: EventContactRef,
  run: (ctx, id, expectedVersion) => deleteContact(ctx.db, requireActor(ctx), id, expectedVersion),
});
