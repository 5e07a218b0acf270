import { encodeGlobalID } from '@pothos/plugin-relay';
import { screenLinksOfEvent } from '../../domain/screens/lists.js';
import { createScreenLink, revokeScreenLink, screenOf, screenPath } from '../../domain/screens/screens.js';
import * as fields from '../../domain/fields.js';
import { builder } from '../builder.js';
import { scopesFor } from '../auth.js';
import { connectionOf, pageArgs, resolvePage } from '../connections.js';
import { MUTATION_ERRORS } from '../errors.js';
import { requireActor } from '../guards.js';
import { entityMutation } from '../mutation.js';
import { reads, refersTo, readsOnly } from '../selection.js';
import { EventRef, OrganizationRef, RoomRef, ScreenLinkRef, SessionRef, UserRef } from '../refs.js';

/** The screens area in the API: `Event.screenLinks`, `ScreenLink`, `createScreenLink` and `revokeScreenLink`. */

const Screen = builder.enumType('Screen', {
  description: 'Which page a screen link opens (its scope decides).',
  values: {
    OVERVIEW: { description: 'Now and next in every room (`/screens/overview`): a link for the whole event, which opens every screen of it.' },
    TIMER: { description: "A room's stage timer (`/screens/timer`): public values only. A room's link opens nothing else." },
    CALLER: { description: "A session's run-of-show, read only (`/screens/caller`), and its room's stage timer." },
  },
});

ScreenLinkRef.implement({
  description:
    "A read-only link for a control-room screen: one event, and optionally one room or one session. It reads with its maker's organization's rights while that organization stays a member, never writes, and is listed to every member; its secret was shown once.",
  fields: (t) => ({
    label: t.exposeString('label', { description: 'What it is for ("Ballroom stage left TV").' }),
    screen: t.field({ type: Screen, description: 'The page it opens.', extensions: reads('screen_link', 'room_id', 'session_id'), resolve: (l) => screenOf(l) }),
    path: t.string({
      description: "The page on this server, without the secret (`/screens/timer?room=…`): the URL `createScreenLink` returned, minus its `#token=…`.",
      extensions: reads('screen_link', 'event_id', 'room_id', 'session_id'),
      resolve: (l) => screenPath(l, encodeGlobalID),
    }),
    event: t.field({ type: EventRef, description: 'The event it reads.', extensions: reads('screen_link', 'event_id'), resolve: (l) => l.event_id }),
    room: t.field({ type: RoomRef, nullable: true, description: 'The room it is limited to, if any.', ...refersTo('screen_link', 'room_id') }),
    session: t.field({ type: SessionRef, nullable: true, description: 'The session it is limited to, if any.', ...refersTo('screen_link', 'session_id') }),
    organization: t.field({
      type: OrganizationRef,
      description: 'Whose rights it reads with: the organization of the user who made it.',
      extensions: reads('screen_link', 'organization_id'),
      resolve: (l) => l.organization_id,
    }),
    createdBy: t.field({ type: UserRef, nullable: true, description: 'Who made it.', extensions: reads('screen_link', 'created_by_user_id'), resolve: (l) => l.created_by_user_id }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was made.' }),
    lastUsedAt: t.expose('last_used_at', { type: 'DateTime', nullable: true, description: 'When a screen last opened with it (to the minute).' }),
    revokedAt: t.expose('revoked_at', { type: 'DateTime', nullable: true, description: 'When it was revoked; its screens went blank within seconds.' }),
    version: t.exposeInt('version', { description: 'Incremented on every change.' }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  screenLinks: t.field({
    type: connectionOf(ScreenLinkRef, 'ScreenLink', 'screenLinks'),
    description: "The event's screen links, oldest first, revoked ones included. Every member sees the list; nobody sees a secret again.",
    args: pageArgs(t.arg),
    extensions: readsOnly('event', 'id'),
    resolve: (e, args, ctx, info) => resolvePage(ctx, info, screenLinksOfEvent, e.id, args, ScreenLinkRef),
  }),
}));

builder.relayMutationField(
  'createScreenLink',
  {
    description: 'Input of `createScreenLink`.',
    inputFields: (t) => ({
      eventId: t.globalID({ for: EventRef, required: true, description: 'The event the link reads.' }),
      roomId: t.globalID({ for: RoomRef, required: false, description: "Limit it to one room's stage timer." }),
      sessionId: t.globalID({ for: SessionRef, required: false, description: "Limit it to one session's run-of-show (read only) and its room's stage timer." }),
      label: t.string({ required: true, description: 'What it is for ("Ballroom stage left TV").', validate: fields.text(100) }),
    }),
  },
  {
    description:
      "Makes a read-only link for a control-room screen (management and production). The URL, with its secret in the fragment (`#token=…`, never sent to a server), is in the payload once and never again. Revoke it with `revokeScreenLink`.",
    authScopes: scopesFor('Mutation.createScreenLink') as never,
    errors: { types: MUTATION_ERRORS },
    resolve: (_root, { input }, ctx) =>
      createScreenLink(ctx.db, requireActor(ctx), {
        eventId: input.eventId.id,
        roomId: input.roomId?.id ?? null,
        sessionId: input.sessionId?.id ?? null,
        label: input.label,
      }),
  },
  {
    description: 'Result of `createScreenLink`.',
    outputFields: (t) => ({
      url: t.string({
        description: "The screen's URL on this server, from `/screens/…` to its `#token=…`: put this server's address in front and open it on the screen. Shown only this once.",
        resolve: (r) => `${screenPath(r.result, encodeGlobalID)}#token=${r.token}`,
      }),
      screenLink: t.field({ type: ScreenLinkRef, description: 'The link as `Event.screenLinks` lists it.', resolve: (r) => r.result }),
      revision: t.int({ nullable: true, description: "The event's revision that recorded this change.", resolve: (r) => r.revision }),
    }),
  },
);

entityMutation('revokeScreenLink', {
  description: 'Revokes a screen link (management and production): its open screens go blank within seconds, and it opens nothing again. Revoking a revoked link changes nothing.',
  inputFields: (t) => ({ id: t.globalID({ for: ScreenLinkRef, required: true, description: 'The link.' }) }),
  field: 'screenLink',
  ref: ScreenLinkRef,
  fieldDescription: 'The link, now revoked.',
  run: async (ctx, input) => {
    const written = await revokeScreenLink(ctx.db, requireActor(ctx), input.id.id);
    // This process refuses it from now on; others when the database's notification reaches them.
    ctx.hub.accessChanged();
    return written;
  },
});
