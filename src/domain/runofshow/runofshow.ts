import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database, Executor } from '../../db/client.js';
import type { Cue, CueDepartment, CueTrigger, DB, MemberRole } from '../../db/types.js';
import type { Actor, Written } from '../../db/write.js';
import { createEntity, deleteEntity, eventIdOf, findById, updateEntity } from '../entities.js';
import { ValidationError } from '../../shared/errors.js';
import { closeGap, moveInSession, openGap, positionAfter } from './positions.js';
import { checkFieldValues, normalizeFieldValues, resolveAssetValues } from './department-fields.js';
import { isLocked } from './versions.js';

export type CueInput = {
  number: string;
  department: CueDepartment;
  title: string;
  notes?: string | null;
  offsetSeconds?: number | null;
  durationSeconds?: number | null;
  trigger?: CueTrigger | null;
  /** The segment it belongs to (its offset then counts from the segment's start); null for none. */
  segmentId?: string | null;
  /** The session speaker it is about (their mic, their walk-up); null for none. */
  speakerId?: string | null;
  /** Values of its department's fields; all of them, replacing what was there. */
  fieldValues?: readonly { key: string; value: string }[] | null;
};

type Tx = Transaction<DB>;

const DEPARTMENT_SHORT: Record<CueDepartment, string> = {
  STAGE_MANAGEMENT: 'SM',
  LIGHTING: 'LX',
  AUDIO: 'SND',
  VIDEO: 'VID',
  GRAPHICS: 'GFX',
  CAMERA: 'CAM',
  STAGING: 'STG',
};

/** Operators' notes are production's working text: production and management read them, the client does not. */
export const PRIVATE_CUE_FIELDS = ['notes'] as const;
export function showsOperatorNotes(reader: { isPlatformAdmin: boolean; role: MemberRole | null }): boolean {
  return reader.isPlatformAdmin || reader.role === 'PRODUCTION' || reader.role === 'MANAGEMENT';
}

/** How a show caller says a cue: department short name and number ("LX 12"). */
export const cueLabel = (cue: Pick<Cue, 'department' | 'number'>) => `${DEPARTMENT_SHORT[cue.department]} ${cue.number}`;

/**
 * A cue number must be free in its department: in the session, or — for an event that numbers
 * per room and day — in every session of the same room on the same day (one console, one list).
 */
async function checkNumberFree(tx: Tx, sessionId: string, department: CueDepartment, number: string, exceptId?: string) {
  const { rows } = await sql<{ title: string; same: boolean }>`
    SELECT s.title, s.id = me.id AS same
      FROM cue c JOIN session s ON s.id = c.session_id JOIN event e ON e.id = s.event_id JOIN session me ON me.id = ${sessionId}
     WHERE c.department = ${department} AND c.number = ${number} AND (c.id <> ${exceptId ?? null}::uuid) IS NOT FALSE
       AND (s.id = me.id OR (e.cue_numbering = 'ROOM_DAY' AND s.room_id = me.room_id
            AND (s.starts_at AT TIME ZONE e.timezone)::date = (me.starts_at AT TIME ZONE e.timezone)::date))
     ORDER BY same DESC LIMIT 1`.execute(tx);
  const taken = rows[0];
  if (taken) {
    const label = cueLabel({ department, number });
    throw new ValidationError({
      field: 'number',
      message: taken.same
        ? `${label} already exists in this session`
        : `${label} already exists in "${taken.title}", the same day in this room (the event numbers cues per room and day)`,
    });
  }
}

/** Numbering per room and day needs every number free across each room's day already. */
export async function checkNumbersPerRoomDay(tx: Executor, eventId: string, timezone: string): Promise<void> {
  const { rows } = await sql<{ label: string; a: string; b: string }>`
    SELECT ${cueLabelSql(sql.ref('x.department'), sql.ref('x.number'))} AS label, s.title AS a, t.title AS b
      FROM cue x JOIN cue y ON x.department = y.department AND x.number = y.number AND x.session_id <> y.session_id
      JOIN session s ON s.id = x.session_id JOIN session t ON t.id = y.session_id
     WHERE s.event_id = ${eventId} AND s.room_id = t.room_id AND (s.starts_at, s.id) < (t.starts_at, t.id)
       AND (s.starts_at AT TIME ZONE ${timezone})::date = (t.starts_at AT TIME ZONE ${timezone})::date
     ORDER BY s.starts_at, x.position LIMIT 1`.execute(tx);
  const clash = rows[0];
  if (clash)
    throw new ValidationError({
      field: 'cueNumbering',
      message: `${clash.label} is in both "${clash.a}" and "${clash.b}", the same day in one room; renumber one of them first`,
    });
}

/** A cue's label in SQL, as `cueLabel` says it, for statements that name cues ("LX 12"). */
export const cueLabelSql = (department: RawBuilder<unknown>, number: RawBuilder<unknown>) =>
  sql<string>`(CASE ${department} ${sql.join(
    Object.entries(DEPARTMENT_SHORT).map(([d, short]) => sql`WHEN ${sql.lit(d)} THEN ${sql.lit(short)}`),
    sql` `,
  )} END || ' ' || ${number})`;

async function checkSegment(tx: Tx, sessionId: string, segmentId: string | null | undefined): Promise<void> {
  if (!segmentId) return;
  const segment = await tx.selectFrom('segment').select('session_id').where('id', '=', segmentId).executeTakeFirst();
  if (!segment || segment.session_id !== sessionId)
    throw new ValidationError({ field: 'segmentId', message: 'no such segment in this session' });
}

async function checkSpeaker(tx: Tx, sessionId: string, speakerId: string | null | undefined): Promise<void> {
  if (!speakerId) return;
  const link = await tx.selectFrom('session_speaker').select('session_id').where('id', '=', speakerId).executeTakeFirst();
  if (!link || link.session_id !== sessionId)
    throw new ValidationError({ field: 'speakerId', message: 'must be one of the session speakers of this session' });
}

/** A cue that went is part of what happened: its number, department and place stay as they were. */
function refuseFired(cue: Cue, doing: string, field: string): void {
  if (cue.state === 'FIRED')
    throw new ValidationError({ field, message: `${cueLabel(cue)} has already gone, so it cannot be ${doing}; reset the show first` });
}

/** Appends the cue, or places it right after `afterCueId` (first when null). */
export async function createCue(
  db: Database,
  actor: Actor,
  sessionId: string,
  input: CueInput & { afterCueId?: string | null },
): Promise<Written<Cue>> {
  const eventId = await eventIdOf(db, 'session', sessionId).catch(() => {
    throw new ValidationError({ field: 'sessionId', message: 'no such session' });
  });
  return createEntity(db, actor, 'cue', eventId, async (tx) => {
    await checkNumberFree(tx, sessionId, input.department, input.number);
    await checkSegment(tx, sessionId, input.segmentId);
    await checkSpeaker(tx, sessionId, input.speakerId);
    const fieldValues = await resolveAssetValues(tx, eventId, input.department, normalizeFieldValues(input.fieldValues ?? []));
    await checkFieldValues(tx, eventId, sessionId, input.department, fieldValues);
    const position = await positionAfter(tx, 'cue', sessionId, input.afterCueId, 'afterCueId');
    await openGap(tx, 'cue', sessionId, position);
    return {
      session_id: sessionId,
      segment_id: input.segmentId ?? null,
      speaker_id: input.speakerId ?? null,
      edited_under_lock: await isLocked(tx, sessionId),
      field_values: fieldValues,
      position,
      number: input.number,
      department: input.department,
      title: input.title,
      notes: input.notes ?? null,
      offset_seconds: input.offsetSeconds ?? 0,
      duration_seconds: input.durationSeconds ?? null,
      trigger: input.trigger ?? 'MANUAL',
    };
  });
}

export async function updateCue(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<CueInput>) {
  const cue = await findById(db, 'cue', id);
  const fieldValues =
    patch.fieldValues === undefined
      ? undefined
      : await resolveAssetValues(db, cue.event_id, patch.department ?? cue.department, normalizeFieldValues(patch.fieldValues ?? []));
  return updateEntity(
    db,
    actor,
    'cue',
    id,
    expectedVersion,
    {
      number: patch.number,
      department: patch.department,
      title: patch.title,
      notes: patch.notes,
      offset_seconds: patch.offsetSeconds ?? undefined,
      duration_seconds: patch.durationSeconds,
      trigger: patch.trigger ?? undefined,
      segment_id: patch.segmentId,
      speaker_id: patch.speakerId,
      field_values: fieldValues,
    },
    async (tx, next, before) => {
      if (next.number !== before.number || next.department !== before.department) {
        refuseFired(before, 'renumbered', next.number !== before.number ? 'number' : 'department');
        await checkNumberFree(tx, next.session_id, next.department, next.number, id);
      }
      if (next.segment_id !== before.segment_id) await checkSegment(tx, next.session_id, next.segment_id);
      if (next.speaker_id !== before.speaker_id) await checkSpeaker(tx, next.session_id, next.speaker_id);
      await checkFieldValues(tx, next.event_id, next.session_id, next.department, next.field_values);
      return (await isLocked(tx, next.session_id)) ? { edited_under_lock: true } : {};
    },
  );
}

export function deleteCue(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'cue', id, expectedVersion, (tx, deleted) => closeGap(tx, 'cue', deleted.session_id, deleted.position));
}

/** Moves a cue right after `afterCueId` in its session, or to the top when that is null. A cue that went stays where it went. */
export function moveCue(db: Database, actor: Actor, id: string, expectedVersion: number, afterCueId: string | null) {
  return moveInSession(db, actor, 'cue', id, expectedVersion, afterCueId, (cue) => refuseFired(cue, 'moved', 'id'));
}
