import type { Context } from '../../context.js';
import type { ReleasedSession, ScheduleRelease } from '../../db/types.js';
import * as fields from '../../domain/fields.js';
import { compareReleases, type Changelog, type Placed } from '../../domain/releases/changelog.js';
import { findRelease, publishRelease, releaseOf, releasesOf } from '../../domain/releases/releases.js';
import { builder } from '../builder.js';
import { requireActor } from '../guards.js';
import { entityMutation } from '../mutation.js';
import { reads } from '../selection.js';
import { EventRef, ScheduleReleaseRef, UserRef } from '../refs.js';

/**
 * Schedule releases in the API: what management published, as every member of the event reads it,
 * and what changed between any two releases — as data and as text.
 */

const ReleasedRoomRef = builder.objectRef<{ id: string; name: string }>('ReleasedRoom').implement({
  description: 'A room as a release names it.',
  fields: (t) => ({
    id: t.globalID({ description: 'The room (its id today).', resolve: (r) => ({ type: 'Room', id: r.id }) }),
    name: t.exposeString('name', { description: 'Its name at the release.' }),
  }),
});
const ReleasedSpeakerRef = builder.objectRef<ReleasedSession['speakers'][number]>('ReleasedSpeaker').implement({
  description: 'A speaker as a release names them.',
  fields: (t) => ({
    id: t.globalID({ description: 'The speaker.', resolve: (s) => ({ type: 'Speaker', id: s.id }) }),
    name: t.exposeString('name', { description: 'Their name.' }),
    company: t.exposeString('company', { nullable: true, description: 'Their company.' }),
    role: t.exposeString('role', { description: 'PRESENTER, MODERATOR, PANELIST, HOST or PERFORMER.' }),
  }),
});
const ReleasedSessionRef = builder.objectRef<ReleasedSession>('ReleasedSession').implement({
  description: 'A session as a release published it.',
  fields: (t) => ({
    session: t.globalID({ description: 'The session (the same id in every release: a stable identity for calendars).', resolve: (s) => ({ type: 'Session', id: s.id }) }),
    title: t.exposeString('title', { description: 'Its title.' }),
    kind: t.exposeString('kind', { description: 'Its kind.' }),
    track: t.exposeString('track', { nullable: true, description: 'Its track.' }),
    description: t.exposeString('description', { nullable: true, description: 'Its description.' }),
    startsAt: t.field({ type: 'DateTime', description: 'When it starts.', resolve: (s) => new Date(s.startsAt) }),
    endsAt: t.field({ type: 'DateTime', description: 'When it ends.', resolve: (s) => new Date(s.endsAt) }),
    status: t.exposeString('status', { description: 'SCHEDULED, LIVE, ENDED or CANCELLED (kept in the release, marked).' }),
    room: t.field({ type: ReleasedRoomRef, nullable: true, description: 'Its room.', resolve: (s) => s.room }),
    speakers: t.field({ type: [ReleasedSpeakerRef], description: 'Its speakers, in order.', resolve: (s) => s.speakers }),
  }),
});

const PlacedRef = builder.objectRef<Placed>('SessionPlacement').implement({
  description: 'Where and when a session was.',
  fields: (t) => ({
    startsAt: t.field({ type: 'DateTime', description: 'Start.', resolve: (p) => new Date(p.startsAt) }),
    endsAt: t.field({ type: 'DateTime', description: 'End.', resolve: (p) => new Date(p.endsAt) }),
    room: t.string({ nullable: true, description: 'Room name.', resolve: (p) => p.room }),
  }),
});
const MovedRef = builder.objectRef<Changelog['moved'][number]>('SessionMoved').implement({
  description: 'A session moved in time or room.',
  fields: (t) => ({
    session: t.field({ type: ReleasedSessionRef, description: 'As released later.', resolve: (m) => m.session }),
    before: t.field({ type: PlacedRef, description: 'Before.', resolve: (m) => m.before }),
    after: t.field({ type: PlacedRef, description: 'After.', resolve: (m) => m.after }),
  }),
});
const RenamedRef = builder.objectRef<Changelog['renamed'][number]>('SessionRenamed').implement({
  description: 'A session renamed.',
  fields: (t) => ({
    session: t.field({ type: ReleasedSessionRef, description: 'As released later.', resolve: (m) => m.session }),
    before: t.string({ description: 'Its title before.', resolve: (m) => m.before }),
    after: t.string({ description: 'Its title after.', resolve: (m) => m.after }),
  }),
});
const SpeakersChangedRef = builder.objectRef<Changelog['speakersChanged'][number]>('SessionSpeakersChanged').implement({
  description: 'A session whose speakers changed.',
  fields: (t) => ({
    session: t.field({ type: ReleasedSessionRef, description: 'As released later.', resolve: (m) => m.session }),
    before: t.stringList({ description: 'Speakers before, in order.', resolve: (m) => m.before }),
    after: t.stringList({ description: 'Speakers after, in order.', resolve: (m) => m.after }),
  }),
});

type Compared = { log: Changelog; text: string };
const ChangelogRef = builder.objectRef<Compared>('ScheduleChangelog').implement({
  description: 'What changed between two releases.',
  fields: (t) => ({
    added: t.field({ type: [ReleasedSessionRef], description: 'Sessions added.', resolve: (c) => c.log.added }),
    cancelled: t.field({ type: [ReleasedSessionRef], description: 'Sessions cancelled or removed.', resolve: (c) => c.log.cancelled }),
    moved: t.field({ type: [MovedRef], description: 'Sessions moved in time or room.', resolve: (c) => c.log.moved }),
    renamed: t.field({ type: [RenamedRef], description: 'Sessions renamed.', resolve: (c) => c.log.renamed }),
    speakersChanged: t.field({ type: [SpeakersChangedRef], description: 'Sessions whose speakers changed.', resolve: (c) => c.log.speakersChanged }),
    text: t.string({ description: 'The same as text, times on the event’s wall clock.', resolve: (c) => c.text }),
  }),
});

const zoneOf = async (ctx: Context, eventId: string) => (await EventRef.getDataloader(ctx).load(eventId)).timezone;
async function compare(ctx: Context, eventId: string, from: ScheduleRelease | null, to: ScheduleRelease): Promise<Compared> {
  return compareReleases(from, to, await zoneOf(ctx, eventId));
}

ScheduleReleaseRef.implement({
  description: 'A published, immutable snapshot of the event’s public schedule.',
  fields: (t) => ({
    number: t.exposeInt('number', { description: '1, 2, 3… in the order published.' }),
    revision: t.exposeInt('revision', { description: 'The event’s revision it was taken at.' }),
    note: t.exposeString('note', { nullable: true, description: 'The release note.' }),
    publishedBy: t.field({ type: UserRef, nullable: true, description: 'Who published it.', extensions: reads('schedule_release', 'published_by'), resolve: (r) => r.published_by }),
    publishedAt: t.field({ type: 'DateTime', description: 'When.', extensions: reads('schedule_release', 'created_at'), resolve: (r) => r.created_at }),
    sessions: t.field({ type: [ReleasedSessionRef], description: 'Its sessions in time order, cancelled ones marked.', extensions: reads('schedule_release', 'sessions'), resolve: (r) => r.sessions }),
    changelog: t.field({
      type: ChangelogRef,
      description: 'What changed since the release before it (everything is added in the first).',
      extensions: reads('schedule_release', 'event_id', 'number', 'sessions'),
      resolve: async (r, _a, ctx) => compare(ctx, r.event_id, r.number > 1 ? await findRelease(ctx.db, r.event_id, r.number - 1, 'number') : null, r),
    }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('schedule_release', 'event_id'), resolve: (r) => r.event_id }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  releases: t.field({ type: [ScheduleReleaseRef], description: 'Its schedule releases, newest first.', extensions: reads('event', 'id'), resolve: (e, _a, ctx) => releasesOf(ctx.db, e.id) }),
  latestRelease: t.field({ type: ScheduleReleaseRef, nullable: true, description: 'The release exports publish by default; null before the first.', extensions: reads('event', 'id'), resolve: async (e, _a, ctx) => (await releaseOf(ctx.db, e.id, null)) ?? null }),
  releaseChangelog: t.field({
    type: ChangelogRef,
    description: 'What changed from one release to another (the latest unless `to` is given).',
    args: {
      from: t.arg.int({ required: true, description: 'The earlier release’s number.', validate: fields.capacity.min(1, 'must be at least 1') }),
      to: t.arg.int({ required: false, description: 'The later release’s number; the latest unless given.', validate: fields.capacity.min(1, 'must be at least 1').nullish() }),
    },
    extensions: reads('event', 'id'),
    resolve: async (e, args, ctx) => compare(ctx, e.id, await findRelease(ctx.db, e.id, args.from, 'from'), await findRelease(ctx.db, e.id, args.to ?? null, 'to')),
  }),
}));

entityMutation('publishScheduleRelease', {
  description: 'Publishes the event’s schedule as it stands as the next numbered release (management): what exports and feeds publish from now on.',
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    note: t.string({ required: false, description: 'The release note.', validate: fields.longText.nullish() }),
  }),
  field: 'release',
  ref: ScheduleReleaseRef,
  fieldDescription: 'The new release.',
  run: (ctx, { eventId, note }) => publishRelease(ctx.db, requireActor(ctx), eventId.id, note),
});
