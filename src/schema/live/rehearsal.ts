import { operationLoader } from '../../context.js';
import type { ShowRun } from '../../db/types.js';
import { endRehearsal, startRehearsal } from '../../domain/live/rehearsal.js';
import { findOfSessions } from '../../domain/live/readings.js';
import { builder } from '../builder.js';
import { requireActor } from '../guards.js';
import { entityMutation } from '../mutation.js';
import { reads, refersTo } from '../selection.js';
import { CueRef, RehearsalRef, SessionRef } from '../refs.js';
import { CueState } from '../runofshow/runofshow.js';

/** Rehearsal runs in the API: `Session.rehearsal`, `Session.rehearsals`, `startRehearsal`, `endRehearsal`. */

type CueResult = { id: string; state: 'PENDING' | 'STANDBY' | 'FIRED' | 'SKIPPED'; fired_at: string | null };

const RehearsalCue = builder.objectRef<CueResult>('RehearsalCue').implement({
  description: 'How a cue went in a rehearsal.',
  fields: (t) => ({
    cue: t.field({ type: CueRef, nullable: true, description: 'The cue (null once deleted).', resolve: (c) => c.id }),
    state: t.field({ type: CueState, description: 'Where it stood when the rehearsal ended.', resolve: (c) => c.state }),
    firedAt: t.field({ type: 'DateTime', nullable: true, description: 'When GO was called on it.', resolve: (c) => (c.fired_at ? new Date(c.fired_at) : null) }),
  }),
});

RehearsalRef.implement({
  description: "A rehearsal of a session: run on a state of its own, so the show's cue states, actual times and the overview are never touched.",
  fields: (t) => ({
    startedAt: t.expose('started_at', { type: 'DateTime', description: 'When it started.' }),
    endedAt: t.expose('ended_at', { type: 'DateTime', nullable: true, description: 'When it ended; null while it runs.' }),
    cues: t.field({
      type: [RehearsalCue],
      description: 'How each cue went, in running order; empty while it runs (the session’s cues show it live).',
      extensions: reads('show_run', 'result'),
      resolve: (r) => ((r.result as { cues?: CueResult[] } | null)?.cues ?? []).filter((c) => c.state !== 'PENDING'),
    }),
    version: t.exposeInt('version', { description: 'Changes when it ends.' }),
    session: t.field({ type: SessionRef, description: 'The session rehearsed.', ...refersTo('show_run', 'session_id') }),
  }),
});

const rehearsalsOfSessions = operationLoader<string, ShowRun[]>((ctx, ids) => findOfSessions(ctx.db, 'show_run', ids));

builder.objectFields(SessionRef, (t) => ({
  rehearsal: t.field({
    type: RehearsalRef,
    nullable: true,
    description: 'The rehearsal running now: while it runs, the cues and segments show the rehearsal, and the session’s status and times the show.',
    ...refersTo('session', 'rehearsal_id'),
  }),
  rehearsals: t.field({
    type: [RehearsalRef],
    description: 'Every rehearsal of the session, oldest first.',
    extensions: reads('session', 'id'),
    resolve: (s, _args, ctx) => rehearsalsOfSessions(ctx).load(s.id),
  }),
}));

const rehearsalCommand = (name: 'startRehearsal' | 'endRehearsal', description: string, run: typeof startRehearsal) =>
  entityMutation(name, {
    description,
    inputFields: (t) => ({
      sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session.' }),
      at: t.field({ type: 'DateTime', required: false, description: 'When; now when left out.' }),
    }),
    field: 'rehearsal',
    ref: RehearsalRef,
    fieldDescription: 'The rehearsal.',
    run: (ctx, input) => run(ctx.db, requireActor(ctx), input.sessionId.id, input.at ?? undefined),
  });

rehearsalCommand(
  'startRehearsal',
  "Starts rehearsing a session that is not live: the show's cue states and segment times are set aside and every cue waits; GO, segments, standbys and follows then work as in the show, without touching the session's status or actual times. Starting again changes nothing.",
  startRehearsal,
);
rehearsalCommand(
  'endRehearsal',
  "Ends the rehearsal: what happened in it stays with it (`Rehearsal.cues`), and the show's state comes back exactly as it was. Ending again changes nothing.",
  endRehearsal,
);
