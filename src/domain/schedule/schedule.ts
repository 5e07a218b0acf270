import type { Database, Executor } from '../../db/client.js';
import type { ConfidenceView, LaptopSource, MicKind, PresentationFormat, SessionKind, SessionStatus, SpeakerRole } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { createEntity, deleteEntity, eventIdOf, updateEntity } from '../entities.js';
import { localToInstant } from '../time.js';
import { ValidationError } from '../../shared/errors.js';
import { requireInEvent } from '../venue/venue.js';
import { requireSeatsWithin } from '../registration/capacity.js';

/** A planned time: an instant, or a wall-clock time (`YYYY-MM-DDTHH:MM`) in the event's time zone. */
export type When = Date | { local: string };

export type SessionInput = {
  /** On creation only: keep an imported schedule's own id (its guid), so importing it again finds the session. */
  id?: string;
  roomId?: string | null;
  title: string;
  description?: string | null;
  kind: SessionKind;
  track?: string | null;
  startsAt: When;
  endsAt: When;
  status?: SessionStatus;
  presentationFormat?: PresentationFormat | null;
  /** The latest it may end (a ballroom flip, a broadcast); back-timing aims at it. */
  hardOutAt?: Date | null;
  /** Starts at its planned time whatever runs before it: schedule shifts never move it. */
  isHardStart?: boolean | null;
};

function checkTimes(startsAt: Date, endsAt: Date, hardOutAt: Date | null | undefined): void {
  if (endsAt.getTime() <= startsAt.getTime()) throw new ValidationError({ field: 'endsAt', message: 'must be after startsAt' });
  if (hardOutAt && hardOutAt.getTime() <= startsAt.getTime())
    throw new ValidationError({ field: 'hardOutAt', message: 'must be after startsAt' });
}

/** Local wall-clock times become instants in the event's zone (looked up only when one is given). */
async function instantsOf<T extends { startsAt?: When; endsAt?: When }>(
  db: Executor,
  eventId: string,
  input: T,
): Promise<T & { startsAt?: Date; endsAt?: Date }> {
  const local = [input.startsAt, input.endsAt].some((w) => w !== undefined && !(w instanceof Date));
  if (!local) return input as T & { startsAt?: Date; endsAt?: Date };
  const { timezone } = await db.selectFrom('event').select('timezone').where('id', '=', eventId).executeTakeFirstOrThrow();
  const instant = (w: When | undefined) => (w === undefined || w instanceof Date ? w : localToInstant(w.local, timezone));
  return { ...input, startsAt: instant(input.startsAt), endsAt: instant(input.endsAt) };
}

export async function createSession(db: Database, actor: Actor, eventId: string, given: SessionInput) {
  const input = (await instantsOf(db, eventId, given)) as SessionInput & { startsAt: Date; endsAt: Date };
  checkTimes(input.startsAt, input.endsAt, input.hardOutAt);
  return createEntity(db, actor, 'session', eventId, async (tx) => {
    if (input.roomId) await requireInEvent(tx, 'room', input.roomId, eventId, 'roomId');
    return {
      ...(input.id ? { id: input.id } : {}),
      room_id: input.roomId ?? null,
      title: input.title,
      description: input.description ?? null,
      kind: input.kind,
      track: input.track ?? null,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      presentation_format: input.presentationFormat ?? null,
      hard_out_at: input.hardOutAt ?? null,
      is_hard_start: input.isHardStart ?? false,
      ...(input.status ? { status: input.status } : {}),
    };
  });
}

export async function updateSession(db: Database, actor: Actor, id: string, expectedVersion: number, given: Partial<SessionInput>) {
  const local = [given.startsAt, given.endsAt].some((w) => w !== undefined && !(w instanceof Date));
  const patch = local
    ? await instantsOf(db, await eventIdOf(db, 'session', id), given)
    : (given as Partial<SessionInput> & { startsAt?: Date; endsAt?: Date });
  return updateEntity(
    db,
    actor,
    'session',
    id,
    expectedVersion,
    {
      room_id: patch.roomId,
      title: patch.title,
      description: patch.description,
      kind: patch.kind,
      track: patch.track,
      starts_at: patch.startsAt,
      ends_at: patch.endsAt,
      status: patch.status,
      presentation_format: patch.presentationFormat,
      hard_out_at: patch.hardOutAt,
      is_hard_start: patch.isHardStart ?? undefined,
    },
    async (tx, next, before) => {
      checkTimes(next.starts_at, next.ends_at, next.hard_out_at);
      if (next.room_id && next.room_id !== before.room_id) {
        await requireInEvent(tx, 'room', next.room_id, next.event_id, 'roomId');
        const { fire_code_capacity } = await tx
          .selectFrom('room')
          .select('fire_code_capacity')
          .where('id', '=', next.room_id)
          .executeTakeFirstOrThrow();
        await requireSeatsWithin(tx, { sessionId: id }, fire_code_capacity, 'roomId');
      }
    },
  );
}

/** A session's cues and speaker assignments go with it. */
export function deleteSession(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'session', id, expectedVersion);
}

export type SpeakerInput = {
  name: string;
  company?: string | null;
  jobTitle?: string | null;
  bio?: string | null;
  email?: string | null;
  arrivalAt?: Date | null;
  departureAt?: Date | null;
};

function checkTravel(arrivalAt: Date | null | undefined, departureAt: Date | null | undefined): void {
  if (arrivalAt && departureAt && departureAt.getTime() < arrivalAt.getTime()) {
    throw new ValidationError({ field: 'departureAt', message: 'must not be before arrivalAt' });
  }
}

export function createSpeaker(db: Database, actor: Actor, eventId: string, input: SpeakerInput) {
  checkTravel(input.arrivalAt, input.departureAt);
  return createEntity(db, actor, 'speaker', eventId, async () => ({
    name: input.name,
    company: input.company ?? null,
    job_title: input.jobTitle ?? null,
    bio: input.bio ?? null,
    email: input.email ?? null,
    arrival_at: input.arrivalAt ?? null,
    departure_at: input.departureAt ?? null,
  }));
}

export function updateSpeaker(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<SpeakerInput>) {
  return updateEntity(
    db,
    actor,
    'speaker',
    id,
    expectedVersion,
    {
      name: patch.name,
      company: patch.company,
      job_title: patch.jobTitle,
      bio: patch.bio,
      email: patch.email,
      arrival_at: patch.arrivalAt,
      departure_at: patch.departureAt,
    },
    (_tx, next) => checkTravel(next.arrival_at, next.departure_at),
  );
}

export function deleteSpeaker(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'speaker', id, expectedVersion);
}

/** A speaker's part in a session; `mic` and `walkUpMusic` are production's (audio). */
export type SessionSpeakerInput = {
  sessionId: string;
  speakerId: string;
  role: SpeakerRole;
  position?: number | null;
  mic?: string | null;
  walkUpMusic?: string | null;
} & SpeakerNeedsInput;

/** What a speaker needs on stage (production's); null takes the format's template. */
export type SpeakerNeedsInput = { laptop?: LaptopSource | null; micKind?: MicKind | null; confidenceView?: ConfidenceView | null };

export async function addSessionSpeaker(db: Database, actor: Actor, input: SessionSpeakerInput) {
  const session = await db.selectFrom('session').select('event_id').where('id', '=', input.sessionId).executeTakeFirst();
  if (!session) throw new ValidationError({ field: 'sessionId', message: 'no such session' });
  return createEntity(db, actor, 'session_speaker', session.event_id, async (tx) => {
    await requireInEvent(tx, 'speaker', input.speakerId, session.event_id, 'speakerId');
    const existing = await tx.selectFrom('session_speaker').select(['id', 'position']).where('session_id', '=', input.sessionId).execute();
    const taken = await tx
      .selectFrom('session_speaker')
      .select('id')
      .where('session_id', '=', input.sessionId)
      .where('speaker_id', '=', input.speakerId)
      .executeTakeFirst();
    if (taken) throw new ValidationError({ field: 'speakerId', message: 'already speaks in this session' });
    const position = input.position ?? existing.reduce((max, row) => Math.max(max, row.position + 1), 0);
    return {
      session_id: input.sessionId,
      speaker_id: input.speakerId,
      role: input.role,
      position,
      mic: input.mic ?? null,
      walk_up_music: input.walkUpMusic ?? null,
      laptop: input.laptop ?? null,
      mic_kind: input.micKind ?? null,
      confidence_view: input.confidenceView ?? null,
    };
  });
}

export function updateSessionSpeaker(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: { role?: SpeakerRole; position?: number; mic?: string | null; walkUpMusic?: string | null } & SpeakerNeedsInput,
) {
  return updateEntity(db, actor, 'session_speaker', id, expectedVersion, {
    role: patch.role,
    position: patch.position,
    mic: patch.mic,
    walk_up_music: patch.walkUpMusic,
    laptop: patch.laptop,
    mic_kind: patch.micKind,
    confidence_view: patch.confidenceView,
  });
}

export function removeSessionSpeaker(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'session_speaker', id, expectedVersion);
}
