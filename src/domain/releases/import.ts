import type { Database } from '../../db/client.js';
import type { SessionKind, SessionStatus, SpeakerRole } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { DomainError, ValidationError } from '../../shared/errors.js';
import { addSessionSpeaker, createSession, createSpeaker, removeSessionSpeaker, updateSession } from '../schedule/schedule.js';
import { createRoom } from '../venue/venue.js';
import { parseC3voc } from './c3voc.js';
import { parseScheduleCsv } from './csv.js';

/**
 * A schedule imported into an event — from a c3voc schedule.json (pretalx, frab, another showcall)
 * or the schedule CSV — all or nothing: every bad line or element is reported and nothing changes,
 * or every session is written in one transaction. A session whose id (the CSV's `Session ID`, the
 * JSON's `guid`) is one of this event's is updated; any other is created — keeping that id when no
 * session has it, so the next import of the same pretalx schedule updates it. Rooms and speakers are
 * matched by name (case ignored) and created when missing — new rooms in the event's first venue.
 * Sessions the file does not mention are left as they are.
 */

export type ScheduleImportFormat = 'C3VOC' | 'CSV';
export type ScheduleImportProblem = { line: number | null; field: string; message: string };
export type ImportedSession = {
  /** The CSV line, or null for JSON. */
  line: number | null;
  /** Where it came from, for messages: `line 4` or a JSON path. */
  at: string;
  id: string | null;
  title: string;
  kind: SessionKind;
  track: string | null;
  description: string | null;
  startsAt: Date;
  endsAt: Date;
  room: string | null;
  status: SessionStatus;
  speakers: { name: string; company: string | null; role: SpeakerRole }[];
};
export type ScheduleImportResult = {
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  roomsCreated: number;
  speakersCreated: number;
  problems: ScheduleImportProblem[];
  /** The event's revision after the import (null when nothing was written). */
  revision: number | null;
};

/** Raised inside the transaction to undo a preview, or to undo on the first problem while writing. */
class Undo extends Error {
  constructor(readonly result: ScheduleImportResult) {
    super('undo');
  }
}

const key = (name: string) => name.trim().toLowerCase();

export async function importSchedule(
  db: Database,
  actor: Actor,
  eventId: string,
  format: ScheduleImportFormat,
  content: string,
  options: { dryRun?: boolean } = {},
): Promise<ScheduleImportResult> {
  const event = await db.selectFrom('event').select('timezone').where('id', '=', eventId).executeTakeFirstOrThrow();
  const { sessions, problems } = format === 'C3VOC' ? parseC3voc(content) : parseScheduleCsv(content, event.timezone);
  const where = (s: ImportedSession, field: string) => (s.line !== null ? field : `${s.at}.${field}`);
  const seen = new Map<string, ImportedSession>();
  for (const s of sessions) {
    if (s.endsAt <= s.startsAt) problems.push({ line: s.line, field: where(s, 'End'), message: 'must be after the start' });
    if (s.id && seen.has(s.id))
      problems.push({ line: s.line, field: where(s, 'Session ID'), message: `is given twice (also at ${seen.get(s.id)!.at})` });
    if (s.id) seen.set(s.id, s);
  }
  const empty = { applied: false, created: 0, updated: 0, unchanged: 0, roomsCreated: 0, speakersCreated: 0, revision: null };
  if (!sessions.length && !problems.length)
    problems.push({ line: null, field: format === 'CSV' ? 'CSV' : 'schedule.json', message: 'holds no sessions' });
  if (problems.length) return { ...empty, problems };
  try {
    return await db.transaction().execute(async (tx) => {
      const result: ScheduleImportResult = { ...empty, applied: true, problems: [] };
      const rooms = new Map(
        (await tx.selectFrom('room').select(['id', 'name']).where('event_id', '=', eventId).execute()).map((r) => [key(r.name), r.id]),
      );
      const venue = await tx.selectFrom('venue').select('id').where('event_id', '=', eventId).orderBy('name').executeTakeFirst();
      const missingRooms = sessions.filter((s) => s.room && !rooms.has(key(s.room)));
      if (missingRooms.length && !venue)
        throw new Undo({
          ...empty,
          problems: missingRooms.map((s) => ({
            line: s.line,
            field: where(s, 'Room'),
            message: `${s.room} is not a room of the event, and the event has no venue to add it to`,
          })),
        });
      const speakers = new Map(
        (await tx.selectFrom('speaker').select(['id', 'name']).where('event_id', '=', eventId).execute()).map((p) => [key(p.name), p.id]),
      );
      const ids = [...seen.keys()];
      const found = ids.length ? await tx.selectFrom('session').selectAll().where('id', 'in', ids).execute() : [];
      const existing = new Map(found.filter((s) => s.event_id === eventId).map((s) => [s.id, s]));
      // Another event's session ids (an export of it) are not taken over: those sessions get new ids.
      const taken = new Set(found.map((s) => s.id));
      // The speakers of every session the file updates, in one statement.
      const onStage = existing.size
        ? await tx
            .selectFrom('session_speaker as ss')
            .innerJoin('speaker as p', 'p.id', 'ss.speaker_id')
            .select(['ss.id', 'ss.session_id', 'ss.role', 'p.name'])
            .where('ss.session_id', 'in', [...existing.keys()])
            .orderBy('ss.position')
            .execute()
        : [];
      const track = (written: { revision: number | null }) => {
        if (written.revision !== null) result.revision = written.revision;
      };
      for (const s of sessions) {
        try {
          let roomId: string | null = null;
          if (s.room) {
            roomId = rooms.get(key(s.room)) ?? null;
            if (!roomId) {
              const written = await createRoom(tx, actor, eventId, { venueId: venue!.id, name: s.room, kind: 'OTHER' });
              roomId = written.result.id;
              rooms.set(key(s.room), roomId);
              result.roomsCreated++;
              track(written);
            }
          }
          const fields = {
            title: s.title,
            kind: s.kind,
            track: s.track,
            description: s.description,
            startsAt: s.startsAt,
            endsAt: s.endsAt,
            roomId,
            status: s.status,
          };
          const before = s.id ? existing.get(s.id) : undefined;
          let sessionId: string;
          let changed = false;
          if (before) {
            sessionId = before.id;
            const written = await updateSession(tx, actor, before.id, before.version, fields);
            changed = written.revision !== null;
            track(written);
          } else {
            const written = await createSession(tx, actor, eventId, { ...fields, id: s.id && !taken.has(s.id) ? s.id : undefined });
            sessionId = written.result.id;
            track(written);
          }
          // Speakers as the file lists them: the missing ones taken off, new ones added in order.
          const current = before ? onStage.filter((c) => c.session_id === sessionId) : [];
          const wanted = new Set(s.speakers.map((p) => `${key(p.name)}\u0000${p.role}`));
          for (const c of current)
            if (!wanted.has(`${key(c.name)}\u0000${c.role}`)) {
              track(await removeSessionSpeaker(tx, actor, c.id));
              changed = true;
            }
          const kept = new Set(current.map((c) => `${key(c.name)}\u0000${c.role}`));
          for (const p of s.speakers) {
            if (kept.has(`${key(p.name)}\u0000${p.role}`)) continue;
            let speakerId = speakers.get(key(p.name));
            if (!speakerId) {
              const written = await createSpeaker(tx, actor, eventId, { name: p.name, company: p.company });
              speakerId = written.result.id;
              speakers.set(key(p.name), speakerId);
              result.speakersCreated++;
              track(written);
            }
            track(await addSessionSpeaker(tx, actor, { sessionId, speakerId, role: p.role }));
            changed = true;
          }
          if (!before) result.created++;
          else if (changed) result.updated++;
          else result.unchanged++;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          const issues = error instanceof ValidationError ? error.issues : [{ field: '', message: error.message }];
          throw new Undo({
            ...empty,
            problems: issues.map((i) => ({ line: s.line, field: where(s, i.field || 'session'), message: i.message })),
          });
        }
      }
      if (options.dryRun) throw new Undo({ ...result, applied: false, revision: null });
      return result;
    });
  } catch (error) {
    if (error instanceof Undo) return error.result;
    throw error;
  }
}
