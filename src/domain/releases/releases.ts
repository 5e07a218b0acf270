import { sql } from 'kysely';
import type { Database, Executor } from '../../db/client.js';
import type { ReleasedSession, ScheduleRelease } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity } from '../entities.js';

/**
 * Schedule releases: management publishes the event's public schedule — every session with its
 * room, speakers and times, cancelled ones marked — as an immutable snapshot numbered 1, 2, 3…,
 * taken at the event's revision. Nothing edits a release; the next one supersedes it.
 */

/** The event's public schedule as it stands, in time order; one statement. */
export async function publicSchedule(db: Executor, eventId: string): Promise<ReleasedSession[]> {
  const { rows } = await sql<{ snapshot: ReleasedSession[] | null }>`
    SELECT coalesce(jsonb_agg(jsonb_build_object(
      'id', s.id, 'title', s.title, 'kind', s.kind, 'track', s.track, 'description', s.description,
      'startsAt', to_char(s.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
      'endsAt', to_char(s.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
      'status', s.status,
      'room', CASE WHEN r.id IS NULL THEN NULL ELSE jsonb_build_object('id', r.id, 'name', r.name) END,
      'speakers', coalesce((SELECT jsonb_agg(jsonb_build_object('id', p.id, 'name', p.name, 'company', p.company, 'role', ss.role) ORDER BY ss.position, p.name)
                            FROM session_speaker ss JOIN speaker p ON p.id = ss.speaker_id WHERE ss.session_id = s.id), '[]'::jsonb)
    ) ORDER BY s.starts_at, s.id), '[]'::jsonb) AS snapshot
    FROM session s LEFT JOIN room r ON r.id = s.room_id
    WHERE s.event_id = ${eventId}`.execute(db);
  return rows[0]?.snapshot ?? [];
}

export const publishRelease = (db: Database, actor: Actor, eventId: string, note: string | null | undefined) =>
  createEntity(db, actor, 'schedule_release', eventId, async (tx, event) => {
    const last = await tx
      .selectFrom('schedule_release')
      .select(sql<number>`coalesce(max(number), 0)`.as('n'))
      .where('event_id', '=', eventId)
      .executeTakeFirstOrThrow();
    const sessions = await publicSchedule(tx, eventId);
    return {
      number: Number(last.n) + 1,
      revision: Number(event.revision),
      note: note ?? null,
      published_by: actor.userId,
      sessions: JSON.stringify(sessions),
    };
  });

/** An event's release by number, or its latest when `number` is null; one statement, one row. */
export function releaseOf(db: Executor, eventId: string, number: number | null): Promise<ScheduleRelease | undefined> {
  const q = db.selectFrom('schedule_release').selectAll().where('event_id', '=', eventId);
  return (number === null ? q.orderBy('number', 'desc').limit(1) : q.where('number', '=', number)).executeTakeFirst();
}

/** As `releaseOf`, a missing one refused, naming `field`. */
export async function findRelease(db: Executor, eventId: string, number: number | null, field: string): Promise<ScheduleRelease> {
  const row = await releaseOf(db, eventId, number);
  if (!row)
    throw new ValidationError({ field, message: number === null ? 'the event has no release yet' : `release ${number} does not exist` });
  return row;
}

/** An event's releases, newest first. */
export const releasesOf = (db: Executor, eventId: string): Promise<ScheduleRelease[]> =>
  db.selectFrom('schedule_release').selectAll().where('event_id', '=', eventId).orderBy('number', 'desc').execute();
