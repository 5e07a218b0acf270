import type { Session } from '../../db/types.js';

const plannedMs = (s: Session) => s.ends_at.getTime() - s.starts_at.getTime();

/** The end as published (the baseline), or the planned end when no baseline was kept. */
export const baselineEnd = (s: Session) => s.baseline_ends_at ?? s.ends_at;
export const baselineStart = (s: Session) => s.baseline_starts_at ?? s.starts_at;

/**
 * How far a session runs over (positive) or under (negative) its baseline end, in seconds: for an
 * ended session by its actual end; for a live one by its projected end (actual start plus planned
 * length, or now if it is already past that). Null before it starts.
 */
export function overUnderSeconds(s: Session, now: Date): number | null {
  if (!s.actual_start_at) return null;
  const end = s.actual_end_at ? s.actual_end_at.getTime() : Math.max(s.actual_start_at.getTime() + plannedMs(s), now.getTime());
  return Math.round((end - baselineEnd(s).getTime()) / 1000);
}

export type Projection = { startsAt: Date; endsAt: Date };

/**
 * When each of a room's sessions of one day will really start and end, given what has happened:
 * a started session starts when it did; a live one ends at its actual start plus its planned
 * length and the time it was held, or now if it runs over; a later session starts at its planned
 * time or, if the room is still busy, after the one before it plus the room's changeover —
 * whichever is later (and not before now while it is held). `held` gives each session's held
 * milliseconds and whether a hold is open.
 */
export function projectRoomDay(
  sessions: readonly Session[],
  changeoverMinutes: number,
  now: Date,
  held: (sessionId: string) => { ms: number; open: boolean } = () => ({ ms: 0, open: false }),
): Map<string, Projection> {
  const ordered = [...sessions].sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime() || a.id.localeCompare(b.id));
  const projections = new Map<string, Projection>();
  let roomFreeAt = Number.NEGATIVE_INFINITY;
  for (const s of ordered) {
    const hold = held(s.id);
    const waiting = Math.max(s.starts_at.getTime(), roomFreeAt, hold.open ? now.getTime() : Number.NEGATIVE_INFINITY);
    const start = s.actual_start_at ? s.actual_start_at.getTime() : waiting;
    const end = s.actual_end_at
      ? s.actual_end_at.getTime()
      : s.actual_start_at
        ? Math.max(start + plannedMs(s) + hold.ms, now.getTime())
        : start + plannedMs(s);
    projections.set(s.id, { startsAt: new Date(start), endsAt: new Date(end) });
    roomFreeAt = end + changeoverMinutes * 60_000;
  }
  return projections;
}

export { localDay } from '../time.js';

export type NowAndNext = {
  now: Session | null;
  next: Session | null;
  /**
   * When the clock alone changes what is now and next (a scheduled session's planned start or end
   * passing), or null when only a change can (a live session ends when someone ends it). Screens
   * re-derive now and next at that instant from `upcoming` instead of waiting for a message.
   */
  changesAt: number | null;
  /** The sessions not started yet, in start order: what a screen needs to move on by itself. */
  upcoming: Session[];
};

/**
 * What is on in one room and what comes next, from its sessions in start order: "now" is the live
 * session, or else one whose planned time covers `now` and that has not started; "next" is the
 * first after it (or after `now`) that has neither started nor been set aside.
 */
export function nowAndNext(sessions: readonly Session[], now: number): NowAndNext {
  const live =
    sessions.find((s) => s.status === 'LIVE') ??
    sessions.find((s) => !s.actual_start_at && s.starts_at.getTime() <= now && s.ends_at.getTime() > now) ??
    null;
  const after = live?.starts_at.getTime() ?? now;
  const upcoming = sessions.filter((s) => !s.actual_start_at && s.status === 'SCHEDULED');
  const next = upcoming.find((s) => s !== live && s.starts_at.getTime() > after) ?? null;
  const boundaries = [
    ...(live && live.status !== 'LIVE' ? [live.ends_at.getTime()] : []),
    ...(next ? [next.starts_at.getTime()] : []),
  ].filter((t) => t > now);
  return { now: live, next, changesAt: boundaries.length ? Math.min(...boundaries) : null, upcoming };
}
