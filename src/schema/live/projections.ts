import { operationLoader, type Context } from '../../context.js';
import type { Cue, Segment, Session, SessionHold } from '../../db/types.js';
import { timeSegments } from '../../domain/live/segments.js';
import { heldMs } from '../../domain/live/holds.js';
import { findOfSessions, findSessionsOfRooms } from '../../domain/live/readings.js';
import { baselineEnd, baselineStart, localDay, overUnderSeconds, projectRoomDay, type Projection } from '../../domain/live/timing.js';
import { builder } from '../builder.js';
import { reads } from '../selection.js';
import { EventRef, RoomRef, SessionRef, CueRef } from '../refs.js';

/** A session's live projection and its cues' states: what the show caller's screen reads. */

/** Sessions of each room, loaded once per operation, for projections of a room's day. */
const sessionsOfRooms = operationLoader<string, Session[]>((ctx, roomIds) => findSessionsOfRooms(ctx.db, roomIds));
export const sessionsOfRoom = (ctx: Context, roomId: string) => sessionsOfRooms(ctx).load(roomId);

/** When a session will really start and end, given its room's day so far. */
export async function projectionOf(ctx: Context, session: Session): Promise<Projection> {
  const now = new Date();
  if (!session.room_id) return { startsAt: session.starts_at, endsAt: session.ends_at };
  const roomSessions = await sessionsOfRoom(ctx, session.room_id);
  const [room, event] = await Promise.all([RoomRef.getDataloader(ctx).load(session.room_id), EventRef.getDataloader(ctx).load(session.event_id)]);
  const day = localDay(session.starts_at, event.timezone);
  const sameDay = roomSessions.filter((s) => localDay(s.starts_at, event.timezone) === day);
  if (!sameDay.some((s) => s.id === session.id)) sameDay.push(session);
  const ids = sameDay.map((s) => s.id);
  const [holds, segments] = await Promise.all([holdsOfSessions(ctx).loadMany(ids), segmentsOfSessions(ctx).loadMany(ids)]);
  const rows = <T>(list: (T[] | Error)[], i: number): T[] => (list[i] instanceof Error ? [] : (list[i] as T[]));
  const late = new Map(
    sameDay.map((s, i) => {
      const held = rows(holds, i);
      const heldFor = heldMs(held, now);
      // A live session run by segment ends when its last segment is projected to (front-timing), if that is later.
      const plan = rows<Segment>(segments, i);
      const lastEnd = s.actual_start_at && !s.actual_end_at && plan.length ? Math.max(...[...timeSegments(plan, s, s.actual_start_at, now).values()].map((t) => t.projectedEndAt.getTime())) : 0;
      const overrun = s.actual_start_at ? Math.max(0, lastEnd - (s.actual_start_at.getTime() + (s.ends_at.getTime() - s.starts_at.getTime()) + heldFor)) : 0;
      return [s.id, { ms: heldFor + overrun, open: held.some((h) => !h.ended_at) }];
    }),
  );
  return projectRoomDay(sameDay, room.changeover_minutes, now, (id) => late.get(id) ?? { ms: 0, open: false }).get(session.id)!;
}

/** Every segment of each session, in running order, once per operation. */
export const segmentsOfSessions = operationLoader<string, Segment[]>((ctx, ids) => findOfSessions(ctx.db, 'segment', ids));

/** Every hold of each session, oldest first, once per operation. */
export const holdsOfSessions = operationLoader<string, SessionHold[]>((ctx, ids) => findOfSessions(ctx.db, 'session_hold', ids));

/** Every cue of each session, in running order, in one statement per operation. */
const cuesOfSessions = operationLoader<string, Cue[]>((ctx, ids) => findOfSessions(ctx.db, 'cue', ids));
export const cuesOf = (ctx: Context, sessionId: string): Promise<Cue[]> => cuesOfSessions(ctx).load(sessionId);

builder.objectFields(SessionRef, (t) => ({
  overUnderSeconds: t.int({
    nullable: true,
    description:
      'Seconds the session runs over (positive) or under (negative) its baseline end (the published plan), by its actual end or, while it runs, its projected end (`projectedEndsAt`: held time and its segments count); null before it starts.',
    extensions: reads('session', 'id', 'event_id', 'room_id', 'starts_at', 'ends_at', 'baseline_ends_at', 'actual_start_at', 'actual_end_at'),
    // A live session in a room ends as projected: held time and its segments' front-timing count.
    resolve: async (s, _args, ctx) =>
      !s.actual_start_at || s.actual_end_at || !s.room_id
        ? overUnderSeconds(s, new Date())
        : Math.round(((await projectionOf(ctx, s)).endsAt.getTime() - baselineEnd(s).getTime()) / 1000),
  }),
  delaySeconds: t.int({
    description: 'How late (positive) or early (negative) it starts against its baseline start: its actual start, or its projected start. A +10 minute shift reads 600.',
    extensions: reads('session', 'id', 'event_id', 'room_id', 'starts_at', 'ends_at', 'baseline_starts_at', 'actual_start_at', 'actual_end_at'),
    resolve: async (s, _args, ctx) => Math.round(((await projectionOf(ctx, s)).startsAt.getTime() - baselineStart(s).getTime()) / 1000),
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
