import { holdSession, releaseHold } from '../../domain/live/holds.js';
import * as fields from '../../domain/fields.js';
import { builder } from '../builder.js';
import { requireActor } from '../guards.js';
import { entityMutation } from '../mutation.js';
import { reads, refersTo } from '../selection.js';
import { SessionHoldRef, SessionRef } from '../refs.js';
import { holdsOfSessions } from './projections.js';

/** Holds in the API: `Session.holds`, `Session.currentHold`, `holdSession` and `releaseHold`. */

SessionHoldRef.implement({
  description: 'A time the show stopped and waited, with why.',
  fields: (t) => ({
    reason: t.exposeString('reason', { description: 'Why ("Hold for the CEO", "Fire alarm").' }),
    startedAt: t.expose('started_at', { type: 'DateTime', description: 'When the hold began.' }),
    endedAt: t.expose('ended_at', { type: 'DateTime', nullable: true, description: 'When it was released; null while it lasts.' }),
    version: t.exposeInt('version', { description: 'Changes when the hold is released.' }),
    session: t.field({ type: SessionRef, description: 'The session held.', ...refersTo('session_hold', 'session_id') }),
  }),
});

builder.objectFields(SessionRef, (t) => ({
  holds: t.field({
    type: [SessionHoldRef],
    description: 'Every hold of the session, oldest first. A live session ends later by the time held (`projectedEndsAt`).',
    extensions: reads('session', 'id'),
    resolve: (s, _args, ctx) => holdsOfSessions(ctx).load(s.id),
  }),
  currentHold: t.field({
    type: SessionHoldRef,
    nullable: true,
    description: 'The hold that lasts now; null when the show is running.',
    extensions: reads('session', 'id'),
    resolve: async (s, _args, ctx) => (await holdsOfSessions(ctx).load(s.id)).find((h) => !h.ended_at) ?? null,
  }),
}));

entityMutation('holdSession', {
  description:
    "Holds the session (now, or at `at`) with a reason: recorded, its projected end moves by the time held, and the room's stage timer stands still. Holding a session already held changes nothing.",
  inputFields: (t) => ({
    sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session.' }),
    reason: t.string({ required: true, description: 'Why ("Hold for the CEO").', validate: fields.text(200) }),
    at: t.field({ type: 'DateTime', required: false, description: 'When the hold began; now when left out.' }),
  }),
  field: 'hold',
  ref: SessionHoldRef,
  fieldDescription: 'The hold.',
  run: (ctx, input) => holdSession(ctx.db, requireActor(ctx), input.sessionId.id, input.reason, input.at ?? undefined),
});

entityMutation('releaseHold', {
  description: "Ends the session's hold (now, or at `at`); the stage timer runs on. Releasing again changes nothing.",
  inputFields: (t) => ({
    sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session.' }),
    at: t.field({ type: 'DateTime', required: false, description: 'When it was released; now when left out.' }),
  }),
  field: 'hold',
  ref: SessionHoldRef,
  fieldDescription: 'The hold, released.',
  run: (ctx, input) => releaseHold(ctx.db, requireActor(ctx), input.sessionId.id, input.at ?? undefined),
});
