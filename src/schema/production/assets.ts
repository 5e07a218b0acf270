import { createAsset, isApproved, receiveAssetVersion, reviewAsset, slideLocks } from '../../domain/production/assets.js';
import { assetsOfEvent, assetsOfSession } from '../../domain/production/speclists.js';
import { z } from 'zod';
import * as fields from '../../domain/fields.js';
import { roleOn } from '../../auth/permissions.js';
import { operationLoader } from '../../context.js';
import { builder } from '../builder.js';
import { childList, connectionOf } from '../connections.js';
import { requireActor } from '../guards.js';
import { entityMutation } from '../mutation.js';
import { reads, refersTo } from '../selection.js';
import { AssetRef, EventRef, SessionRef } from '../refs.js';

/** Assets and their approvals in the API. */

const locks = operationLoader<string, Date | null>((ctx, sessionIds) => slideLocks(ctx.db, sessionIds));

const AssetKind = builder.enumType('AssetKind', {
  description: 'What a file is.',
  values: {
    SLIDES: { description: "A presenter's slides: they lock the event's `slideLockMinutes` before the session." },
    VIDEO: { description: 'A video to play back.' },
    AUDIO: { description: 'Sound to play back (walk-up music, a sting, a voice of God).' },
    GRAPHICS: { description: 'Graphics (lower thirds, holding slides).' },
    RENDER: { description: 'A render of the stage or room.' },
    SHOW_FILE: { description: 'A console or playback show file.' },
    STAGE_DESIGN: { description: 'The stage design: the client signs it off.' },
    LED_CONTENT: { description: 'Content for the LED wall: the client signs it off.' },
  },
});

const AssetStatus = builder.enumType('AssetStatus', {
  description: 'Where an asset stands.',
  values: {
    REQUESTED: { description: 'Asked for; nothing received yet.' },
    RECEIVED: { description: 'A version arrived (a new version voids an approval).' },
    IN_REVIEW: { description: 'Being reviewed.' },
    CHANGES_REQUESTED: { description: 'Sent back with changes to make.' },
    APPROVED: { description: 'Approved — the version `approvedVersion`.' },
  },
});

const ReviewDecision = builder.enumType('AssetReviewDecision', {
  description: 'What a review says.',
  values: { IN_REVIEW: { description: 'Under review.' }, CHANGES_REQUESTED: { description: 'Send back with changes.' }, APPROVED: { description: 'Approve the current version.' } },
});

AssetRef.implement({
  description: 'A file a session (or the show) needs, as metadata — the file lives at `location`. An approval is for one version; a new version voids it.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name ("Keynote deck", "Opening video").' }),
    kind: t.expose('kind', { type: AssetKind, description: 'What it is.' }),
    status: t.expose('status', { type: AssetStatus, description: 'Where it stands.' }),
    session: t.field({ type: SessionRef, nullable: true, description: 'The session it is for.', ...refersTo('asset', 'session_id') }),
    dueAt: t.expose('due_at', { type: 'DateTime', nullable: true, description: 'When it is due; missing after it is an ASSET_OVERDUE warning.' }),
    currentVersion: t.exposeInt('current_version', { description: 'The version of the file there now; 0 until one is received.' }),
    sizeBytes: t.float({ nullable: true, description: 'Its size, in bytes.', extensions: reads('asset', 'size_bytes'), resolve: (a) => (a.size_bytes === null ? null : Number(a.size_bytes)) }),
    checksum: t.exposeString('checksum', { nullable: true, description: 'Its checksum ("sha256:…").' }),
    location: t.exposeString('location', { nullable: true, description: 'Where the file is (a URL or a path on the show server).' }),
    approvedVersion: t.exposeInt('approved_version', { nullable: true, description: 'The version last approved.' }),
    approved: t.boolean({
      description: 'True when the version there now is the one approved.',
      extensions: reads('asset', 'status', 'approved_version', 'current_version'),
      resolve: (a) => isApproved(a),
    }),
    reviewNote: t.exposeString('review_note', { nullable: true, description: 'What the last review said.' }),
    locksAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When slides lock (no new version after it); null for other kinds.',
      extensions: reads('asset', 'kind', 'session_id'),
      // One statement for every asset of a list, not one per asset.
      resolve: (a, _x, ctx) => (a.kind === 'SLIDES' && a.session_id ? locks(ctx).load(a.session_id) : null),
    }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

const Assets = connectionOf(AssetRef, 'Asset', 'assets');
builder.objectFields(EventRef, (t) => ({
  assets: childList(t, 'event', { type: Assets, description: 'Its assets, by name.', spec: assetsOfEvent, node: AssetRef }),
}));
builder.objectFields(SessionRef, (t) => ({
  assets: childList(t, 'session', { type: Assets, description: 'The files it needs, by name.', spec: assetsOfSession, node: AssetRef }),
}));

entityMutation('createAsset', {
  description: 'Requests a file (management or production): status REQUESTED, due when given.',
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    sessionId: t.globalID({ for: SessionRef, required: false, description: 'The session it is for.' }),
    name: t.string({ required: true, description: 'Its name.', validate: fields.name }),
    kind: t.field({ type: AssetKind, required: true, description: 'What it is.' }),
    dueAt: t.field({ type: 'DateTime', required: false, description: 'When it is due.' }),
  }),
  field: 'asset',
  ref: AssetRef,
  fieldDescription: 'The new asset.',
  run: (ctx, { eventId, sessionId, ...input }) => createAsset(ctx.db, requireActor(ctx), eventId.id, { ...input, sessionId: sessionId?.id ?? null }),
});

entityMutation('receiveAssetVersion', {
  description: 'Records a new version of the file (management or production): the version number goes up and any approval is void. Slides are refused after they lock; the same checksum again changes nothing.',
  inputFields: (t) => ({
    id: t.globalID({ for: AssetRef, required: true, description: 'The asset.' }),
    expectedVersion: t.int({ required: false, description: 'When given, only if it is still at this version.' }),
    sizeBytes: t.int({ required: true, description: 'Its size, in bytes.', validate: z.number().int().min(0, 'must not be negative') }),
    checksum: t.string({ required: true, description: 'Its checksum ("sha256:…").', validate: fields.text(200) }),
    location: t.string({ required: true, description: 'Where the file is.', validate: fields.text(2000) }),
  }),
  field: 'asset',
  ref: AssetRef,
  fieldDescription: 'The asset as it is now.',
  run: (ctx, { id, expectedVersion, ...input }) => receiveAssetVersion(ctx.db, requireActor(ctx), id.id, expectedVersion, input),
});

entityMutation('reviewAsset', {
  description: 'Reviews the current version: in review, changes requested, or approved. The client signs off stage designs and LED content; production the rest.',
  inputFields: (t) => ({
    id: t.globalID({ for: AssetRef, required: true, description: 'The asset.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    decision: t.field({ type: ReviewDecision, required: true, description: 'What the review says.' }),
    note: t.string({ required: false, description: 'Why, or what to change.', validate: fields.optionalText(2000).nullish() }),
  }),
  field: 'asset',
  ref: AssetRef,
  fieldDescription: 'The asset as it is now.',
  run: async (ctx, { id, expectedVersion, decision, note }) => {
    const asset = await AssetRef.getDataloader(ctx).load(id.id);
    return reviewAsset(ctx.db, requireActor(ctx), id.id, expectedVersion, decision, note ?? null, await roleOn(ctx, asset.event_id));
  },
});
