import { encodeGlobalID } from '@pothos/plugin-relay';
import { createFeedLink, feedLinksOfEvent, revokeFeedLink } from '../../domain/releases/feeds.js';
import * as fields from '../../domain/fields.js';
import { builder } from '../builder.js';
import { scopesFor } from '../auth.js';
import { connectionOf, pageArgs, resolvePage } from '../connections.js';
import { MUTATION_ERRORS } from '../errors.js';
import { requireActor } from '../guards.js';
import { entityMutation } from '../mutation.js';
import { reads, refersTo, readsOnly } from '../selection.js';
import { EventRef, FeedLinkRef, OrganizationRef, RoomRef, SpeakerRef, UserRef } from '../refs.js';

/** Exports in the API: where an event's exports are, and calendar feed links (`createFeedLink`, `revokeFeedLink`). */

type Paths = { ical: string; json: string; csv: string; changelog: string };
const pathsOf = (base: string): Paths => ({ ical: `${base}/schedule.ics`, json: `${base}/schedule.json`, csv: `${base}/schedule.csv`, changelog: `${base}/changelog.txt` });

const ExportPaths = builder.objectRef<Paths>('ExportPaths').implement({
  description: "Where a schedule's exports are on this server (put its address in front).",
  fields: (t) => ({
    ical: t.exposeString('ical', { description: 'iCalendar (RFC 5545), for calendar apps to subscribe to.' }),
    json: t.exposeString('json', { description: 'c3voc schedule.json, as pretalx exports it and schedule apps and the C3VOC pipeline read it.' }),
    csv: t.exposeString('csv', { description: 'CSV, one row per session, for spreadsheets (and `importSchedule`).' }),
    changelog: t.exposeString('changelog', { description: 'What the release changed since the one before, as text (`releaseChangelog` in GraphQL).' }),
  }),
});

FeedLinkRef.implement({
  description:
    "A calendar feed's link: its secret in the URL, because calendar apps cannot send headers. It reads one event's released schedule — all of it, or one room's, one track's or one speaker's — and nothing else, while its maker's organization stays a member. Listed to every member; its secret was shown once.",
  fields: (t) => ({
    label: t.exposeString('label', { description: 'What it is for ("Speakers\' calendars").' }),
    event: t.field({ type: EventRef, description: 'The event it reads.', extensions: reads('feed_link', 'event_id'), resolve: (l) => l.event_id }),
    room: t.field({ type: RoomRef, nullable: true, description: 'The room it is narrowed to, if any.', ...refersTo('feed_link', 'room_id') }),
    speaker: t.field({ type: SpeakerRef, nullable: true, description: 'The speaker it is narrowed to, if any.', ...refersTo('feed_link', 'speaker_id') }),
    track: t.exposeString('track', { nullable: true, description: 'The track it is narrowed to, if any.' }),
    organization: t.field({
      type: OrganizationRef,
      description: 'The organization of its maker: the link works while it stays a member.',
      extensions: reads('feed_link', 'organization_id'),
      resolve: (l) => l.organization_id,
    }),
    createdBy: t.field({ type: UserRef, nullable: true, description: 'Who made it.', extensions: reads('feed_link', 'created_by_user_id'), resolve: (l) => l.created_by_user_id }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was made.' }),
    lastUsedAt: t.expose('last_used_at', { type: 'DateTime', nullable: true, description: 'When a calendar last read it (to the minute).' }),
    revokedAt: t.expose('revoked_at', { type: 'DateTime', nullable: true, description: 'When it was revoked; it answers 404 since.' }),
    version: t.exposeInt('version', { description: 'Incremented on every change.' }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  exports: t.field({
    type: ExportPaths,
    description:
      "Where this event's released schedule is exported: for a member's token (`Authorization: Bearer`), or for anyone when `schedulePublic`. Add `?release=N` for an older release, `?release=draft` for the live schedule (members), `?room=`, `?track=` or `?speaker=` to narrow it.",
    extensions: reads('event', 'id'),
    resolve: (e) => pathsOf(`/export/events/${encodeURIComponent(encodeGlobalID('Event', e.id))}`),
  }),
  feedLinks: t.field({
    type: connectionOf(FeedLinkRef, 'FeedLink', 'feedLinks'),
    description: "The event's calendar feed links, oldest first, revoked ones included. Every member sees the list; nobody sees a secret again.",
    args: pageArgs(t.arg),
    extensions: readsOnly('event', 'id'),
    resolve: (e, args, ctx, info) => resolvePage(ctx, info, feedLinksOfEvent, e.id, args, FeedLinkRef),
  }),
}));

builder.relayMutationField(
  'createFeedLink',
  {
    description: 'Input of `createFeedLink`.',
    inputFields: (t) => ({
      eventId: t.globalID({ for: EventRef, required: true, description: 'The event whose released schedule it reads.' }),
      roomId: t.globalID({ for: RoomRef, required: false, description: "Only this room's sessions." }),
      speakerId: t.globalID({ for: SpeakerRef, required: false, description: "Only this speaker's sessions." }),
      track: t.string({ required: false, description: "Only this track's sessions.", validate: fields.text(100).nullish() }),
      label: t.string({ required: true, description: 'What it is for ("Speakers\' calendars").', validate: fields.text(100) }),
    }),
  },
  {
    description:
      'Makes a calendar feed link (management and production): read-only, for one event, optionally narrowed to one room, track or speaker; released schedules only. Its URLs, with the secret, are in the payload once and never again. Revoke it with `revokeFeedLink`.',
    authScopes: scopesFor('Mutation.createFeedLink') as never,
    errors: { types: MUTATION_ERRORS },
    resolve: (_root, { input }, ctx) =>
      createFeedLink(ctx.db, requireActor(ctx), {
        eventId: input.eventId.id,
        roomId: input.roomId?.id ?? null,
        speakerId: input.speakerId?.id ?? null,
        track: input.track ?? null,
        label: input.label,
      }),
  },
  {
    description: 'Result of `createFeedLink`.',
    outputFields: (t) => ({
      urls: t.field({
        type: ExportPaths,
        description: "The feed's paths on this server, secret included: put this server's address in front and subscribe. Shown only this once.",
        resolve: (r) => pathsOf(`/export/feeds/${r.token}`),
      }),
      feedLink: t.field({ type: FeedLinkRef, description: 'The link as `Event.feedLinks` lists it.', resolve: (r) => r.result }),
      revision: t.int({ nullable: true, description: "The event's revision that recorded this change.", resolve: (r) => r.revision }),
    }),
  },
);

entityMutation('revokeFeedLink', {
  description: 'Revokes a feed link (management and production): calendars reading it get 404 from now on. Revoking a revoked link changes nothing.',
  inputFields: (t) => ({ id: t.globalID({ for: FeedLinkRef, required: true, description: 'The link.' }) }),
  field: 'feedLink',
  ref: FeedLinkRef,
  fieldDescription: 'The link, now revoked.',
  run: (ctx, input) => revokeFeedLink(ctx.db, requireActor(ctx), input.id.id),
});
