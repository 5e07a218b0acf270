import type { Context } from '../../context.js';
import type { Cue, Session } from '../../db/types.js';
import { findConflicts, type Conflict } from '../../domain/live/conflicts.js';
import { CueStateError, endSession, goCue, goNextCue, resetShow, shiftSchedule, skipCue, standbyCue, startSession } from '../../domain/live/show.js';
import { localDay, overUnderSeconds, projectRoomDay, type Projection } from '../../domain/live/timing.js';
import { changeStream } from '../../realtime/stream.js';
import { mapIterator } from '../../realtime/iterators.js';
import { authorizeMessage, scopesFor } from '../auth.js';
import { builder } from '../builder.js';
import { reads } from '../selection.js';
import { ErrorInterface } from '../errors.js';
import { requireActor } from '../guards.js';
import { entityMutation } from '../mutation.js';
import { CueRef, EventRef, RoomRef, SessionRef, SpeakerRef } from '../refs.js';

builder.objectType(CueStateError, {
  name: 'CueStateError',
  description: 'The command does not fit the show as it stands (the cue already went, was skipped, or is not next). Nothing was fired.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    nextCue: t.field({ type: CueRef, nullable: true, description: 'The cue that is next now; null when every cue has gone.', resolve: (e) => e.nextCue }),
  }),
});

/** Sessions of each room, loaded once per operation, for projections of a room's day. */
async function projectionOf(ctx: Context, session: Session): Promise<Projection> {
  const now = new Date();
  if (!session.room_id) return { startsAt: session.starts_at, endsAt: session.ends_at };
  const roomSessions = await ctx.loaders
    .get<string, Session[]>('live:roomSessions', async (roomIds) => {
      const rows = await ctx.db.selectFrom('session').selectAll().where('room_id', 'in', roomIds).where('status', '!=', 'CANCELLED').execute();
      return roomIds.map((id) => rows.filter((r) => r.room_id === id));
    })
    .load(session.room_id);
  const [room, event] = await Promise.all([RoomRef.getDataloader(ctx).load(session.room_id), EventRef.getDataloader(ctx).load(session.event_id)]);
  const day = localDay(session.starts_at, event.timezone);
  const sameDay = roomSessions.filter((s) => localDay(s.starts_at, event.timezone) === day);
  if (!sameDay.some((s) => s.id === session.id)) sameDay.push(session);
  return projectRoomDay(sameDay, room.changeover_minutes, now).get(session.id)!;
}

/** Every cue of each session, in running order, in one statement per operation. */
function cuesOf(ctx: Context, sessionId: string): Promise<Cue[]> {
  return ctx.loaders
    .get<string, Cue[]>('live:cues', async (ids) => {
      const rows = await ctx.db.selectFrom('cue').selectAll().where('session_id', 'in', ids).orderBy('position').execute();
      return ids.map((id) => rows.filter((c) => c.session_id === id));
    })
    .load(sessionId);
}

builder.objectFields(SessionRef, (t) => ({
  overUnderSeconds: t.int({
    nullable: true,
    description: 'Seconds the session runs over (positive) or under (negative) its planned end, by its actual or projected end; null before it starts.',
    extensions: reads('session', 'starts_at', 'ends_at', 'actual_start_at', 'actual_end_at'),
    resolve: (s) => overUnderSeconds(s, new Date()),
  }),
  projectedStartsAt: t.field({
    type: 'DateTime',
    description: "When it will really start, given how the room's earlier sessions that day are running and the room's changeover.",
    extensions: reads('session', 'id', 'event_id', 'room_id', 'starts_at', 'ends_at', 'actual_start_at', 'actual_end_at'),
    resolve: async (s, _args, ctx) => (await projectionOf(ctx, s)).startsAt,
  }),
  projectedEndsAt: t.field({
    type: 'DateTime',
    description: 'When it will really end: its actual end, or its projected start plus its planned length (now, if it already runs over).',
    extensions: reads('session', 'id', 'event_id', 'room_id', 'starts_at', 'ends_at', 'actual_start_at', 'actual_end_at'),
    resolve: async (s, _args, ctx) => (await projectionOf(ctx, s)).endsAt,
  }),
  currentCue: t.field({
    type: CueRef,
    nullable: true,
    description: 'The cue that went last (in running order).',
    extensions: reads('session', 'id'),
    resolve: async (s, _args, ctx) => (await cuesOf(ctx, s.id)).filter((c) => c.state === 'FIRED').at(-1) ?? null,
  }),
  standbyCues: t.field({
    type: [CueRef],
    description: 'Cues standing by, in running order.',
    extensions: reads('session', 'id'),
    resolve: async (s, _args, ctx) => (await cuesOf(ctx, s.id)).filter((c) => c.state === 'STANDBY'),
  }),
  nextCue: t.field({
    type: CueRef,
    nullable: true,
    description: 'The next cue to call: the first, in running order, that has neither gone nor been skipped.',
    extensions: reads('session', 'id'),
    resolve: async (s, _args, ctx) => (await cuesOf(ctx, s.id)).find((c) => c.state === 'PENDING' || c.state === 'STANDBY') ?? null,
  }),
  cuesRemaining: t.int({
    description: 'Cues that have neither gone nor been skipped.',
    extensions: reads('session', 'id'),
    resolve: async (s, _args, ctx) => (await cuesOf(ctx, s.id)).filter((c) => c.state === 'PENDING' || c.state === 'STANDBY').length,
  }),
}));

const ConflictKind = builder.enumType('ConflictKind', {
  description: 'What a schedule warning is about.',
  values: {
    ROOM_DOUBLE_BOOKED: { description: 'Two sessions overlap in one room.' },
    CHANGEOVER_TOO_SHORT: { description: "Less time between two sessions in a room than the room's changeover minutes." },
    SPEAKER_DOUBLE_BOOKED: { description: 'A speaker is in two sessions that overlap.' },
    SPEAKER_NOT_ARRIVED: { description: 'A speaker arrives after their session starts.' },
  },
});

const ConflictRef = builder.objectRef<Conflict & { eventId: string }>('Conflict').implement({
  description: 'A warning computed from the schedule. It never blocks a change, and disappears when the data is fixed.',
  authScopes: (c) => ({ onEvent: { table: 'event', id: c.eventId, actions: ['read'] } }),
  fields: (t) => ({
    kind: t.field({ type: ConflictKind, description: 'What it is about.', resolve: (c) => c.kind }),
    message: t.exposeString('message', { description: 'The warning in words.' }),
    sessions: t.field({ type: [SessionRef], description: 'The sessions involved.', resolve: (c) => c.sessionIds }),
    room: t.field({ type: RoomRef, nullable: true, description: 'The room, for room warnings.', resolve: (c) => c.roomId }),
    speaker: t.field({ type: SpeakerRef, nullable: true, description: 'The speaker, for speaker warnings.', resolve: (c) => c.speakerId }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  conflicts: t.field({
    type: [ConflictRef],
    description: 'Schedule warnings: rooms double-booked, changeovers too short, speakers in two places or not yet arrived.',
    extensions: reads('event', 'id'),
    resolve: async (e, _args, ctx) => (await findConflicts(ctx.db, e.id)).map((c) => ({ ...c, eventId: e.id })),
  }),
}));

const cueCommand = (name: 'standbyCue' | 'goCue' | 'skipCue', description: string, run: typeof goCue) =>
  entityMutation(name, {
    description,
    inputFields: (t) => ({ cueId: t.globalID({ for: CueRef, required: true, description: 'The cue.' }) }),
    field: 'cue',
    ref: CueRef,
    fieldDescription: 'The cue as it is now.',
    moreErrors: [CueStateError],
    run: (ctx, input) => run(ctx.db, requireActor(ctx), input.cueId.id),
  });

cueCommand('standbyCue', 'Calls a cue to standby: its operator gets ready. Standing by again changes nothing.', standbyCue);
cueCommand('goCue', 'GO: fires a cue. A cue that already went is returned unchanged — a retried or double-pressed GO never fires twice.', goCue);
cueCommand('skipCue', 'Passes over a cue that has not gone.', skipCue);

entityMutation('goNextCue', {
  description:
    "GO on the session's next cue, only if it is the one you expect (what your screen shows as next). Otherwise nothing fires and CueStateError names the actual next cue. If the expected cue already went (the same GO twice), it is returned unchanged.",
  inputFields: (t) => ({
    sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session being called.' }),
    expectedCueId: t.globalID({ for: CueRef, required: true, description: 'The cue you are calling GO on.' }),
  }),
  field: 'cue',
  ref: CueRef,
  fieldDescription: 'The cue that went.',
  moreErrors: [CueStateError],
  run: (ctx, input) => goNextCue(ctx.db, requireActor(ctx), input.sessionId.id, input.expectedCueId.id),
});

entityMutation('resetShow', {
  description: "Returns a session to its planned state: every cue back to PENDING, actual times cleared. Recorded as one change; resetting a session that is already as planned changes nothing and records nothing.",
  inputFields: (t) => ({ sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session.' }) }),
  field: 'session',
  ref: SessionRef,
  fieldDescription: 'The session, reset.',
  run: (ctx, input) => resetShow(ctx.db, requireActor(ctx), input.sessionId.id),
});

const sessionTiming = (name: 'startSession' | 'endSession', description: string, run: typeof startSession) =>
  entityMutation(name, {
    description,
    inputFields: (t) => ({
      sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session.' }),
      at: t.field({ type: 'DateTime', required: false, description: 'When it happened; now when left out.' }),
    }),
    field: 'session',
    ref: SessionRef,
    fieldDescription: 'The session with its actual times.',
    run: (ctx, input) => run(ctx.db, requireActor(ctx), input.sessionId.id, input.at ?? undefined),
  });

sessionTiming('startSession', 'Records that a session started (now, or at `at`); it becomes LIVE. Starting it again changes nothing.', startSession);
sessionTiming('endSession', 'Records that a session ended (now, or at `at`); it becomes ENDED.', endSession);

const ShiftResult = builder.objectRef<{ session: Session; moved: Session[] }>('ScheduleShift').implement({
  description: 'What a schedule shift moved.',
  fields: (t) => ({
    session: t.field({ type: SessionRef, description: 'The session you shifted.', resolve: (r) => r.session }),
    moved: t.field({ type: [SessionRef], description: 'Every session that moved, that one first, in order.', resolve: (r) => r.moved }),
  }),
});

entityMutation('shiftSchedule', {
  description:
    "Moves a session by `minutes` (negative: earlier) together with the later sessions in its room that day, in one change; their cues move with them. With `absorbGaps` (the default) a delay pushes each later session only as far as needed to keep the room's changeover after the one before it, so free time soaks it up; without it every later session moves by the same amount.",
  inputFields: (t) => ({
    sessionId: t.globalID({ for: SessionRef, required: true, description: 'The session to move.' }),
    minutes: t.int({ required: true, description: 'How far: positive is later, negative earlier; not 0, at most a day.' }),
    absorbGaps: t.boolean({ required: false, defaultValue: true, description: 'Let free time between sessions absorb a delay (default true).' }),
  }),
  field: 'shift',
  ref: ShiftResult,
  fieldDescription: 'The sessions moved.',
  run: (ctx, input) => shiftSchedule(ctx.db, requireActor(ctx), input.sessionId.id, input.minutes, input.absorbGaps ?? true),
});

type Tick = { revision: number; sessionId?: string; eventId?: string };

/** The event's revision as this message's snapshot sees it (a change may have landed since the tick). */
async function eventRevision(ctx: Context, id: string, of: 'event' | 'session'): Promise<number> {
  const row =
    of === 'event'
      ? await ctx.db.selectFrom('event').select('revision').where('id', '=', id).executeTakeFirstOrThrow()
      : await ctx.db.selectFrom('session').innerJoin('event', 'event.id', 'session.event_id').select('event.revision').where('session.id', '=', id).executeTakeFirstOrThrow();
  return row.revision;
}

/** The current state first, then again after every change to the event. Never on a timer. */
function onEveryChange(ctx: Context, eventId: string, tick: (revision: number) => Tick): AsyncIterableIterator<Tick> {
  let first = true;
  const changes = changeStream(ctx, ctx.hub, eventId);
  return mapIterator(
    {
      next: async () => {
        if (first) {
          first = false;
          const { revision } = await ctx.db.selectFrom('event').select('revision').where('id', '=', eventId).executeTakeFirstOrThrow();
          return { done: false, value: { revision } };
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
        const [rooms, sessions] = await Promise.all([
          ctx.db.selectFrom('room').select(['id', 'name']).where('event_id', '=', o.eventId).orderBy('name').execute(),
          ctx.db.selectFrom('session').selectAll().where('event_id', '=', o.eventId).where('room_id', 'is not', null).where('status', '!=', 'CANCELLED').orderBy('starts_at').execute(),
        ]);
        return rooms.map((room) => {
          const mine = sessions.filter((s) => s.room_id === room.id);
          const live = mine.find((s) => s.status === 'LIVE') ?? mine.find((s) => !s.actual_start_at && s.starts_at.getTime() <= now && s.ends_at.getTime() > now) ?? null;
          const next = mine.find((s) => s !== live && !s.actual_start_at && s.status === 'SCHEDULED' && s.starts_at.getTime() > (live?.starts_at.getTime() ?? now)) ?? null;
          return { roomId: room.id, now: live, next };
        });
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

