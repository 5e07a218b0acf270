import { sql } from 'kysely';
import type { Executor } from '../../db/client.js';
import type { ReleasedSession } from '../../db/types.js';
import { compareReleases } from './changelog.js';
import { publicSchedule } from './releases.js';

/**
 * What an export publishes: a release of the schedule (the latest unless another is asked for) or,
 * for members, the draft — the live schedule as the next release would take it. Each session
 * carries what calendars need from the releases before: how many of them changed it (iCal's
 * SEQUENCE) and when it last changed; a session a later release dropped stays, CANCELLED.
 */

export type Which = 'latest' | 'draft' | number;
/** At most one of them narrows a feed. */
export type Narrowing = { roomId?: string | null; speakerId?: string | null; track?: string | null };

export type ExportEvent = {
  id: string;
  name: string;
  timezone: string;
  startDate: string;
  endDate: string;
  version: number;
  revision: number;
  schedulePublic: boolean;
  /** The latest release's number, 0 when none. */
  latest: number;
};

export type PublishedSession = ReleasedSession & { sequence: number; lastModified: Date };
export type Published = {
  event: ExportEvent;
  /** The release's number, or 'draft'. */
  version: string;
  /** When the release was published (now, for a draft). */
  stamp: Date;
  sessions: PublishedSession[];
};

/** The event's facts every export needs, and whether a conditional request can stop here; one statement. */
export async function exportEvent(db: Executor, eventId: string): Promise<ExportEvent | null> {
  const { rows } = await sql<ExportEvent>`
    SELECT e.id, e.name, e.timezone, to_char(e.start_date, 'YYYY-MM-DD') AS "startDate", to_char(e.end_date, 'YYYY-MM-DD') AS "endDate",
           e.version, e.revision::int AS revision, e.schedule_public AS "schedulePublic",
           coalesce((SELECT max(number) FROM schedule_release r WHERE r.event_id = e.id), 0) AS latest
    FROM event e WHERE e.id = ${eventId}`.execute(db);
  return rows[0] ?? null;
}

/** What `which` names for this event: the release's number, or null for the draft; undefined when there is none. */
export function releaseNumber(event: ExportEvent, which: Which): number | null | undefined {
  if (which === 'draft') return null;
  const number = which === 'latest' ? event.latest : which;
  return number >= 1 && number <= event.latest ? number : undefined;
}

/** The sessions of a room, a track or a speaker (all without a narrowing). */
export const narrowed = <S extends ReleasedSession>(sessions: readonly S[], narrowing: Narrowing): S[] =>
  sessions.filter(
    (s) =>
      (!narrowing.roomId || s.room?.id === narrowing.roomId) &&
      (!narrowing.track || s.track === narrowing.track) &&
      (!narrowing.speakerId || s.speakers.some((p) => p.id === narrowing.speakerId)),
  );

/** The changelog text of release `number` (null: the draft against the latest release), narrowed; two statements. */
export async function publishedChangelog(
  db: Executor,
  event: ExportEvent,
  number: number | null,
  narrowing: Narrowing = {},
): Promise<string> {
  const upTo = number ?? event.latest;
  const rows = await db
    .selectFrom('schedule_release')
    .select(['number', 'sessions'])
    .where('event_id', '=', event.id)
    .where('number', 'in', number === null ? [upTo] : [upTo - 1, upTo])
    .orderBy('number')
    .execute();
  const to = number === null ? { number: 'draft' as const, sessions: await publicSchedule(db, event.id) } : rows.pop()!;
  const from = rows[0] ?? null;
  const only = (sessions: readonly ReleasedSession[]) => narrowed(sessions, narrowing);
  return (
    compareReleases(
      from && { number: from.number, sessions: only(from.sessions) },
      { number: to.number, sessions: only(to.sessions) },
      event.timezone,
    ).text + '\n'
  );
}

/** The schedule as release `number` (null: the draft) publishes it, narrowed; two statements. */
export async function published(db: Executor, event: ExportEvent, number: number | null, narrowing: Narrowing = {}): Promise<Published> {
  const upTo = number ?? event.latest;
  const releases = await db
    .selectFrom('schedule_release')
    .select(['number', 'sessions', 'created_at'])
    .where('event_id', '=', event.id)
    .where('number', '<=', upTo)
    .orderBy('number')
    .execute();
  const steps = releases.map((r) => ({ sessions: r.sessions, at: new Date(r.created_at) }));
  if (number === null) steps.push({ sessions: await publicSchedule(db, event.id), at: new Date() });
  // Walk the releases in order: a session's sequence counts the releases that changed (or dropped) it.
  const state = new Map<string, { snapshot: ReleasedSession; sequence: number; lastModified: Date }>();
  for (const step of steps) {
    const here = new Set<string>();
    for (const s of step.sessions) {
      here.add(s.id);
      const was = state.get(s.id);
      if (!was) state.set(s.id, { snapshot: s, sequence: 0, lastModified: step.at });
      else if (JSON.stringify(was.snapshot) !== JSON.stringify(s))
        state.set(s.id, { snapshot: s, sequence: was.sequence + 1, lastModified: step.at });
    }
    for (const [id, was] of state)
      if (!here.has(id) && was.snapshot.status !== 'CANCELLED')
        state.set(id, { snapshot: { ...was.snapshot, status: 'CANCELLED' }, sequence: was.sequence + 1, lastModified: step.at });
  }
  const last = steps.at(-1);
  const sessions = narrowed(
    [...state.values()].map(({ snapshot, sequence, lastModified }): PublishedSession => ({ ...snapshot, sequence, lastModified })),
    narrowing,
  ).sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
  return { event, version: number === null ? 'draft' : String(number), stamp: last?.at ?? new Date(), sessions };
}
