import { operationLoader } from '../../context.js';
import type { RunOfShowVersion } from '../../db/types.js';
import { findOfSessions } from '../../domain/live/readings.js';
import { diffSnapshots, publishRunOfShow, snapshotAt, unlockRunOfShow, type DiffEntry } from '../../domain/runofshow/versions.js';
import * as fields from '../../domain/fields.js';
import { builder } from '../builder.js';
import { requireActor } from '../guards.js';
import { entityMutation } from '../mutation.js';
import { reads, refersTo } from '../selection.js';
import { CueRef, RunOfShowVersionRef, SegmentRef, SessionRef, UserRef } from '../refs.js';

/** Published run-of-show versions, the lock, and what changed between any two versions. */

const RunOfShowStatus = builder.enumType('RunOfShowStatus', {
  description: 'Whether a run-of-show is still a draft or stands as published.',
  values: {
    DRAFT: { description: 'Being written; edits are not flagged.' },
    LOCKED: { description: 'A version is published: edits still go through (a show is never blocked), each flagged `editedUnderLock`.' },
  },
});

RunOfShowVersionRef.implement({
  description: 'A published run-of-show ("Rev C"): its segments and cues as they stood, without operators’ notes.',
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'Its number in the session, from 1.' }),
    label: t.exposeString('label', { description: 'What the show calls it ("Rev C").' }),
    publishedAt: t.expose('published_at', { type: 'DateTime', description: 'When it was published.' }),
    publishedBy: t.field({ type: UserRef, nullable: true, description: 'Who published it.', extensions: reads('run_of_show_version', 'published_by_user_id'), resolve: (v) => v.published_by_user_id }),
    cueCount: t.int({
      description: 'How many cues it has.',
      extensions: reads('run_of_show_version', 'snapshot'),
      resolve: (v) => (v.snapshot as { cues: unknown[] }).cues.length,
    }),
    session: t.field({ type: SessionRef, description: 'The session.', ...refersTo('run_of_show_version', 'session_id') }),
  }),
});

const DiffItem = builder.enumType('RunOfShowItem', {
  description: 'What a run-of-show change is about.',
  values: { SEGMENT: { description: 'A segment.' }, CUE: { description: 'A cue.' } },
});
const DiffKind = builder.enumType('RunOfShowChangeKind', {
  description: 'How it changed.',
  values: { ADDED: { description: 'It is new.' }, REMOVED: { description: 'It is gone.' }, CHANGED: { description: 'One of its fields changed.' } },
});

const words = (e: DiffEntry) =>
  `${e.change === 'ADDED' ? '+' : e.change === 'REMOVED' ? '-' : '~'} ${e.item === 'CUE' ? '' : 'segment '}${e.label}` +
  (e.field ? `: ${e.field} ${JSON.stringify(e.before)} → ${JSON.stringify(e.after)}` : '');

const RunOfShowChange = builder.objectRef<DiffEntry>('RunOfShowChange').implement({
  description: 'One difference between two run-of-show versions.',
  fields: (t) => ({
    item: t.field({ type: DiffItem, description: 'A segment or a cue.', resolve: (e) => e.item }),
    change: t.field({ type: DiffKind, description: 'Added, removed or changed.', resolve: (e) => e.change }),
    label: t.exposeString('label', { description: 'How the show names it ("LX 12", a segment’s title), as in the newer version.' }),
    field: t.exposeString('field', { nullable: true, description: 'For CHANGED, the field ("title", "position", "offsetSeconds").' }),
    before: t.field({ type: 'JSON', nullable: true, description: 'For CHANGED, the value before.', resolve: (e) => e.before }),
    after: t.field({ type: 'JSON', nullable: true, description: 'For CHANGED, the value after.', resolve: (e) => e.after }),
    text: t.string({ description: 'The change in one line ("~ LX 12: title \\"Warm\\" → \\"Cool\\"").', resolve: words }),
  }),
});

const versionsOfSessions = operationLoader<string, RunOfShowVersion[]>((ctx, ids) => findOfSessions(ctx.db, 'run_of_show_version', ids));

builder.objectFields(SessionRef, (t) => ({
  runOfShowStatus: t.expose('run_of_show_status', { type: RunOfShowStatus, description: 'DRAFT, or LOCKED once a version is published.' }),
  runOfShowVersions: t.field({
    type: [RunOfShowVersionRef],
    description: 'Every published version, oldest first.',
    extensions: reads('session', 'id'),
    resolve: (s, _args, ctx) => versionsOfSessions(ctx).load(s.id),
  }),
  runOfShowDiff: t.field({
    type: [RunOfShowChange],
    description: 'What changed from version `from` to version `to` (the working run-of-show when `to` is left out): segments, then cues.',
    args: {
      from: t.arg.int({ required: true, description: 'The older version’s number.' }),
      to: t.arg.int({ required: false, description: 'The newer version’s number; the working state when left out.' }),
    },
    extensions: reads('session', 'id'),
    resolve: async (s, args, ctx) => diffSnapshots(await snapshotAt(ctx.db, s.id, args.from, 'from'), await snapshotAt(ctx.db, s.id, args.to ?? null, 'to')),
  }),
}));

const EDITED_UNDER_LOCK = 'Changed since the last published version, while the run-of-show was locked.';
builder.objectFields(CueRef, (t) => ({ editedUnderLock: t.exposeBoolean('edited_under_lock', { description: EDITED_UNDER_LOCK }) }));
builder.objectFields(SegmentRef, (t) => ({ editedUnderLock: t.exposeBoolean('edited_under_lock', { description: EDITED_UNDER_LOCK }) }));

entityMutation('publishRunOfShow', {
  description: 'Publishes the session’s run-of-show as its next version ("Rev C") and locks it: later edits are flagged until the next version.',
  inputFields: (t) => ({
    sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session.' }),
    label: t.string({ required: true, description: 'What the show calls it ("Rev C").', validate: fields.text(40) }),
  }),
  field: 'runOfShowVersion',
  ref: RunOfShowVersionRef,
  fieldDescription: 'The version published.',
  run: (ctx, input) => publishRunOfShow(ctx.db, requireActor(ctx), input.sessionId.id, input.label),
});

entityMutation('unlockRunOfShow', {
  description: 'Puts a locked run-of-show back to DRAFT. Unlocking a draft changes nothing.',
  inputFields: (t) => ({ sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session.' }) }),
  field: 'session',
  ref: SessionRef,
  fieldDescription: 'The session.',
  run: (ctx, input) => unlockRunOfShow(ctx.db, requireActor(ctx), input.sessionId.id),
});
