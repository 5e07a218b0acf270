import type { ReleasedSession, ScheduleRelease } from '../../db/types.js';
import { localTimeText } from '../time.js';

/**
 * What changed between two releases of a schedule, session by session (matched by id): sessions
 * added, cancelled (gone, or marked CANCELLED), moved in time or room, renamed, and whose speakers
 * changed. A session can be moved and renamed at once; it is listed under each.
 */

export type Placed = { startsAt: string; endsAt: string; room: string | null };
export type Changelog = {
  added: ReleasedSession[];
  cancelled: ReleasedSession[];
  moved: { session: ReleasedSession; before: Placed; after: Placed }[];
  renamed: { session: ReleasedSession; before: string; after: string }[];
  speakersChanged: { session: ReleasedSession; before: string[]; after: string[] }[];
};

const live = (s: ReleasedSession | undefined): s is ReleasedSession => !!s && s.status !== 'CANCELLED';
const placed = (s: ReleasedSession): Placed => ({ startsAt: s.startsAt, endsAt: s.endsAt, room: s.room?.name ?? null });
const speakers = (s: ReleasedSession) => s.speakers.map((p) => p.name);

export function changelog(from: readonly ReleasedSession[], to: readonly ReleasedSession[]): Changelog {
  const before = new Map(from.map((s) => [s.id, s]));
  const log: Changelog = { added: [], cancelled: [], moved: [], renamed: [], speakersChanged: [] };
  for (const s of to) {
    const was = before.get(s.id);
    if (live(s) && !live(was)) log.added.push(s);
    if (!live(s) && live(was)) log.cancelled.push(s);
    if (!live(s) || !live(was)) continue;
    if (s.startsAt !== was.startsAt || s.endsAt !== was.endsAt || s.room?.id !== was.room?.id)
      log.moved.push({ session: s, before: placed(was), after: placed(s) });
    if (s.title !== was.title) log.renamed.push({ session: s, before: was.title, after: s.title });
    if (speakers(s).join('\u0000') !== speakers(was).join('\u0000'))
      log.speakersChanged.push({ session: s, before: speakers(was), after: speakers(s) });
  }
  const kept = new Set(to.map((s) => s.id));
  for (const s of from) if (!kept.has(s.id) && live(s)) log.cancelled.push(s);
  return log;
}

/** The changelog as text a person reads (and a release note can quote), times on the event's wall clock. */
export function changelogText(log: Changelog, timeZone: string, heading: string): string {
  const when = (p: Placed) =>
    `${localTimeText(new Date(p.startsAt), timeZone)}–${localTimeText(new Date(p.endsAt), timeZone).slice(11)}${p.room ? `, ${p.room}` : ''}`;
  const lines = [
    ...log.added.map((s) => `+ Added: ${s.title} (${when(placed(s))})`),
    ...log.cancelled.map((s) => `- Cancelled: ${s.title} (${when(placed(s))})`),
    ...log.moved.map((m) => `~ Moved: ${m.session.title}: ${when(m.before)} → ${when(m.after)}`),
    ...log.renamed.map((r) => `~ Renamed: ${r.before} → ${r.after}`),
    ...log.speakersChanged.map(
      (c) => `~ Speakers of ${c.session.title}: ${c.before.join(', ') || 'none'} → ${c.after.join(', ') || 'none'}`,
    ),
  ];
  return [heading, ...(lines.length ? lines : ['No changes.'])].join('\n');
}

/** What release `to` changed since `from` (null: it is the first), as data and as text headed with their numbers. */
export function compareReleases(
  from: Pick<ScheduleRelease, 'number' | 'sessions'> | null,
  to: { number: number | 'draft'; sessions: readonly ReleasedSession[] },
  timeZone: string,
): { log: Changelog; text: string } {
  const log = changelog(from?.sessions ?? [], to.sessions);
  const name = to.number === 'draft' ? 'The draft' : `Release ${to.number}`;
  const heading = from ? `${name} (changes since release ${from.number})` : `${name} (the first)`;
  return { log, text: changelogText(log, timeZone, heading) };
}
