import type { Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { Cue, CueDepartment, CueTrigger, DB, MemberRole } from '../../db/types.js';
import type { Actor, Written } from '../../db/write.js';
import { createEntity, deleteEntity, eventIdOf, updateEntity } from '../entities.js';
import { ValidationError } from '../../shared/errors.js';
import { closeGap, moveInSession, openGap, positionAfter } from './positions.js';
import { checkFieldValues, normalizeFieldValues } from './department-fields.js';
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

async function checkNumberFree(tx: Tx, sessionId: string, department: CueDepartment, number: string, exceptId?: string) {
  let query = tx
    .selectFrom('cue')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('department', '=', department)
    .where('number', '=', number);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) {
    throw new ValidationError({ field: 'number', message: `${department} ${number} already exists in this session` });
  }
}

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
    const fieldValues = normalizeFieldValues(input.fieldValues ?? []);
    await checkFieldValues(tx, eventId, input.department, fieldValues);
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

export function updateCue(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<CueInput>) {
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
      field_values: patch.fieldValues === undefined ? undefined : normalizeFieldValues(patch.fieldValues ?? []),
    },
    async (tx, next, before) => {
      if (next.number !== before.number || next.department !== before.department) {
        refuseFired(before, 'renumbered', next.number !== before.number ? 'number' : 'department');
        await checkNumberFree(tx, next.session_id, next.department, next.number, id);
      }
      if (next.segment_id !== before.segment_id) await checkSegment(tx, next.session_id, next.segment_id);
      if (next.speaker_id !== before.speaker_id) await checkSpeaker(tx, next.session_id, next.speaker_id);
      await checkFieldValues(tx, next.event_id, next.department, next.field_values);
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
