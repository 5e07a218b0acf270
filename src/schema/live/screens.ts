import type { Context } from '../../context.js';
import type { Cue, CueDepartment as CueDepartmentValue } from '../../db/types.js';
import { CueDepartment } from '../runofshow/runofshow.js';
import { cuesOf, sessionsOfRoom } from './projections.js';
import { findRoomsWithSessions, revisionOf } from '../../domain/live/readings.js';
import { nowAndNext, type NowAndNext } from '../../domain/live/timing.js';
import { changeStream, LIVE, liveTapOf } from '../../realtime/stream.js';
import { mapIterator } from '../../realtime/iterators.js';
import { authorizeMessage, scopesFor } from '../auth.js';
import { builder } from '../builder.js';
import { CueRef, EventRef, RoomRef, SessionRef, StageOutputRef } from '../refs.js';
import { stageOutputOf } from './stage.js';

/** The screens' subscriptions: a show caller's state, and now and next in every room. */

type Tick = { revision: number; sessionId?: string; eventId?: string; roomId?: string };

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
      [LIVE]: liveTapOf(changes),
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

const RoomNowNext = builder.objectRef<{ roomId: string } & NowAndNext>('RoomNowNext').implement({
  description:
    "What is on in a room now, and what comes next, as of the message's `serverTime`. The clock moves it too (a scheduled session's planned times passing): at `changesAt` a screen derives now and next again from `upcoming`, without waiting for a message.",
  fields: (t) => ({
    room: t.field({ type: RoomRef, description: 'The room.', resolve: (r) => r.roomId }),
    now: t.field({ type: SessionRef, nullable: true, description: 'The session live in the room, or scheduled for now and not yet started.', resolve: (r) => r.now }),
    next: t.field({ type: SessionRef, nullable: true, description: 'The next session in the room that has not started.', resolve: (r) => r.next }),
    changesAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the clock alone changes `now` or `next` (a planned start or end passing); null when only a change can (a live session ends when it is ended).',
      resolve: (r) => (r.changesAt === null ? null : new Date(r.changesAt)),
    }),
    upcoming: t.field({
      type: [SessionRef],
      description: 'The sessions of the room not started yet, in start order: with `changesAt`, what a screen needs to move on by itself.',
      resolve: (r) => r.upcoming,
    }),
  }),
});

const LiveOverview = builder.objectRef<Tick & { eventId: string }>('LiveOverview').implement({
  description: 'Now and next in every room of the event, as of `revision`.',
  fields: (t) => ({
    event: t.field({ type: EventRef, description: 'The event: its name, time zone and conflicts.', resolve: (o) => o.eventId }),
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

const StageNext = builder.objectRef<{ title: string; startsAt: Date }>('StageNext').implement({
  description: "What comes next on a stage, as the presenter may see it: a title and a time, nothing more.",
  fields: (t) => ({
    title: t.exposeString('title', { description: "The next session's title." }),
    startsAt: t.field({ type: 'DateTime', description: 'When it is planned to start.', resolve: (n) => n.startsAt }),
  }),
});

const StageState = builder.objectRef<Tick & { roomId: string }>('StageState').implement({
  description: "What a room's stage screen shows, as of `revision`: public values only, times as instants.",
  fields: (t) => ({
    revision: t.int({
      description: "The event's revision this reflects.",
      resolve: (s, _args, ctx) => eventRevision(ctx, s.eventId!, 'event'),
    }),
    serverTime: t.field({ type: 'DateTime', description: "The server's clock when this was sent: count down from the timer's instants against it.", resolve: () => new Date() }),
    stageOutput: t.field({
      type: StageOutputRef,
      nullable: true,
      description: 'The timer, message and blackout; null until something has been shown in the room.',
      resolve: (s, _args, ctx) => stageOutputOf(ctx, s.roomId),
    }),
    timezone: t.string({
      description: "The event's IANA time zone, to show times as the room's clocks do.",
      resolve: async (s, _args, ctx) => (await EventRef.getDataloader(ctx).load(s.eventId!)).timezone,
    }),
    next: t.field({
      type: StageNext,
      nullable: true,
      description: "The room's next session that has not started, for a stage with nothing timed; null when there is none.",
      resolve: async (s, _args, ctx) => {
        const sessions = [...(await sessionsOfRoom(ctx, s.roomId))].sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime());
        const { next } = nowAndNext(sessions, Date.now());
        return next && { title: next.title, startsAt: next.starts_at };
      },
    }),
  }),
});

type FeedTick = Tick & { sessionId: string; department: CueDepartmentValue };
const waiting = (c: Cue) => c.state === 'PENDING' || c.state === 'STANDBY';
const departmentCues = async (ctx: Context, f: FeedTick) => (await cuesOf(ctx, f.sessionId)).filter((c) => c.department === f.department);

const DepartmentFeed = builder.objectRef<FeedTick>('DepartmentFeed').implement({
  description: "One department's view of a session's run-of-show, as of `revision`: what its operator stands by for and fires.",
  fields: (t) => ({
    revision: t.int({ description: "The event's revision this reflects.", resolve: (f, _args, ctx) => eventRevision(ctx, f.sessionId, 'session') }),
    serverTime: t.field({ type: 'DateTime', description: "The server's clock when this was sent.", resolve: () => new Date() }),
    department: t.field({ type: CueDepartment, description: 'The department.', resolve: (f) => f.department }),
    session: t.field({ type: SessionRef, description: 'The session.', resolve: (f) => f.sessionId }),
    cues: t.field({ type: [CueRef], description: "The department's cues, in running order.", resolve: (f, _args, ctx) => departmentCues(ctx, f) }),
    nextCue: t.field({
      type: CueRef,
      nullable: true,
      description: "The department's next cue: its first that has neither gone nor been skipped.",
      resolve: async (f, _args, ctx) => (await departmentCues(ctx, f)).find(waiting) ?? null,
    }),
    standbyCues: t.field({
      type: [CueRef],
      description: "The department's cues the caller has warned; `acknowledgedAt` says which the operator answered.",
      resolve: async (f, _args, ctx) => (await departmentCues(ctx, f)).filter((c) => c.state === 'STANDBY'),
    }),
  }),
});

/**
 * A screen's subscription: `locate` finds the event (and what the messages are about) from the
 * arguments; the state comes now, then after every change to the event, each message authorized again.
 */
function screen<Args, T extends Tick>(name: string, locate: (args: Args, ctx: Context) => Promise<Omit<T, 'revision'> & { eventId: string }>) {
  return {
    authScopes: scopesFor(`Subscription.${name}`) as never,
    subscribe: async (_root: unknown, args: Args, ctx: Context) => {
      const about = await locate(args, ctx);
      return onEveryChange(ctx, about.eventId, (revision) => ({ ...about, revision }));
    },
    resolve: async (tick: Tick, args: Args, ctx: Context) => {
      await authorizeMessage(`Subscription.${name}`, args as Record<string, unknown>, ctx);
      return tick as T;
    },
  };
}

type ById = { id: string };

builder.subscriptionFields((t) => ({
  showState: t.field({
    type: ShowState,
    description: "A show caller's screen: the session's state now, then again after every change to its event — never on a timer.",
    args: { sessionId: t.arg.globalID({ for: SessionRef, required: true, description: 'The session being called.' }) },
    ...screen<{ sessionId: ById }, Tick & { sessionId: string }>('showState', async (args, ctx) => {
      const session = await SessionRef.getDataloader(ctx).load(args.sessionId.id);
      return { eventId: session.event_id, sessionId: session.id };
    }),
  }),
  stageOutput: t.field({
    type: StageState,
    description: "A room's stage screen: its timer, message and blackout now, then again after every change to its event. Public values only — never operators' notes.",
    args: { roomId: t.arg.globalID({ for: RoomRef, required: true, description: 'The room.' }) },
    ...screen<{ roomId: ById }, Tick & { roomId: string }>('stageOutput', async (args, ctx) => {
      const room = await RoomRef.getDataloader(ctx).load(args.roomId.id);
      return { eventId: room.event_id, roomId: room.id };
    }),
  }),
  departmentFeed: t.field({
    type: DepartmentFeed,
    description: "An operator's cue view: one department's cues of a session, its next cue and its standbys, now and after every change.",
    args: {
      sessionId: t.arg.globalID({ for: SessionRef, required: true, description: 'The session being called.' }),
      department: t.arg({ type: CueDepartment, required: true, description: 'The department.' }),
    },
    ...screen<{ sessionId: ById; department: CueDepartmentValue }, FeedTick>('departmentFeed', async (args, ctx) => {
      const session = await SessionRef.getDataloader(ctx).load(args.sessionId.id);
      return { eventId: session.event_id, sessionId: session.id, department: args.department };
    }),
  }),
  liveOverview: t.field({
    type: LiveOverview,
    description: 'Now and next in every room, for the production office and the registration desk: now, then after every change.',
    args: { eventId: t.arg.globalID({ for: EventRef, required: true, description: 'The event.' }) },
    ...screen<{ eventId: ById }, Tick & { eventId: string }>('liveOverview', async (args) => ({ eventId: args.eventId.id })),
  }),
}));
