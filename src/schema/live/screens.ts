import type { Context } from '../../context.js';
import type { Session } from '../../db/types.js';
import { findRoomsWithSessions, revisionOf } from '../../domain/live/readings.js';
import { nowAndNext } from '../../domain/live/timing.js';
import { changeStream } from '../../realtime/stream.js';
import { mapIterator } from '../../realtime/iterators.js';
import { authorizeMessage, scopesFor } from '../auth.js';
import { builder } from '../builder.js';
import { EventRef, RoomRef, SessionRef } from '../refs.js';

/** The screens' subscriptions: a show caller's state, and now and next in every room. */

type Tick = { revision: number; sessionId?: string; eventId?: string };

/** The event's revision as this message's snapshot sees it (a change may have landed since the tick). */
const eventRevision = (ctx: Context, id: string, of: 'event' | 'session') => revisionOf(ctx.db, id, of);

/** The current state first, then again after every change to the event. Never on a timer. */
function onEveryChange(ctx: Context, eventId: string, tick: (revision: number) => Tick): AsyncIterableIterator<Tick> {
  let first = true;
  const changes = changeStream(ctx, ctx.hub, eventId);
  return mapIterator(
    {
      next: async () => {
        if (first) {
          first = false;
          return { done: false, value: { revision: await revisionOf(ctx.db, eventId, 'event') } };
        }
        return changes.next();
      },
      return: () => changes.return!(),
    } as AsyncIterator<{ revision: number }>,
    (change) => tick(change.revision),
  );
}

const ShowState = builder.objectRef<Tick & { sessionId: string }>('ShowState').implement({
  description: "Everything a show caller's screen needs, as of `revision`. Times are instants: count down locally from `serverTime`.",
  fields: (t) => ({
    revision: t.int({
      description: "The event's revision this state reflects: every field of the message is read as of it.",
      resolve: (s, _args, ctx) => eventRevision(ctx, s.sessionId, 'session'),
    }),
    serverTime: t.field({ type: 'DateTime', description: "The server's clock when this was sent.", resolve: () => new Date() }),
    session: t.field({ type: SessionRef, description: 'The session, with its actual and projected times, over/under and cues.', resolve: (s) => s.sessionId }),
  }),
});

const RoomNowNext = builder.objectRef<{ roomId: string; now: Session | null; next: Session | null }>('RoomNowNext').implement({
  description: 'What is on in a room now, and what comes next.',
  fields: (t) => ({
    room: t.field({ type: RoomRef, description: 'The room.', resolve: (r) => r.roomId }),
    now: t.field({ type: SessionRef, nullable: true, description: 'The session live in the room, if any.', resolve: (r) => r.now }),
    next: t.field({ type: SessionRef, nullable: true, description: 'The next session in the room that has not started.', resolve: (r) => r.next }),
  }),
});

const LiveOverview = builder.objectRef<Tick & { eventId: string }>('LiveOverview').implement({
  description: 'Now and next in every room of the event, as of `revision`.',
  fields: (t) => ({
    revision: t.int({
      description: "The event's revision this reflects: every field of the message is read as of it.",
      resolve: (o, _args, ctx) => eventRevision(ctx, o.eventId, 'event'),
    }),
    serverTime: t.field({ type: 'DateTime', description: "The server's clock when this was sent.", resolve: () => new Date() }),
    rooms: t.field({
      type: [RoomNowNext],
      description: 'Every room of the event, by name.',
      resolve: async (o, _args, ctx) => {
        const now = Date.now();
        return (await findRoomsWithSessions(ctx.db, o.eventId)).map(({ room, sessions }) => ({ roomId: room.id, ...nowAndNext(sessions, now) }));
      },
    }),
  }),
});

builder.subscriptionFields((t) => ({
  showState: t.field({
    type: ShowState,
    description: "A show caller's screen: the session's state now, then again after every change to its event — never on a timer.",
    authScopes: scopesFor('Subscription.showState') as never,
    args: { sessionId: t.arg.globalID({ for: SessionRef, required: true, description: 'The session being called.' }) },
    subscribe: async (_root, args, ctx) => {
      const session = await SessionRef.getDataloader(ctx).load(args.sessionId.id);
      return onEveryChange(ctx, session.event_id, (revision) => ({ revision, sessionId: session.id }));
    },
    resolve: async (tick, args, ctx) => {
      await authorizeMessage('Subscription.showState', args, ctx);
      return tick as Tick & { sessionId: string };
    },
  }),
  liveOverview: t.field({
    type: LiveOverview,
    description: 'Now and next in every room, for the production office and the registration desk: now, then after every change.',
    authScopes: scopesFor('Subscription.liveOverview') as never,
    args: { eventId: t.arg.globalID({ for: EventRef, required: true, description: 'The event.' }) },
    subscribe: (_root, args, ctx) => onEveryChange(ctx, args.eventId.id, (revision) => ({ revision, eventId: args.eventId.id })),
    resolve: async (tick, args, ctx) => {
      await authorizeMessage('Subscription.liveOverview', args, ctx);
      return tick as Tick & { eventId: string };
    },
  }),
}));
