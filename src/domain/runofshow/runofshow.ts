import type { Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { Cue, CueDepartment, CueTrigger, DB, MemberRole } from '../../db/types.js';
import { writeEvent, type Actor, type Written } from '../../db/write.js';
import { createEntity, deleteEntity, eventIdOf, lockForEdit, updateEntity } from '../entities.js';
import { ValidationError } from '../../shared/errors.js';

export type CueInput = {
  number: string;
  department: CueDepartment;
  title: string;
  notes?: string | null;
  offsetSeconds?: number | null;
  durationSeconds?: number | null;
  trigger?: CueTrigger | null;
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

/** How a show caller says a cue: department short name and number ("LX 12"). */
/** Operators' notes are production's working text: production and management read them, the client does not. */
export const PRIVATE_CUE_FIELDS = ['notes'] as const;
export function showsOperatorNotes(reader: { isPlatformAdmin: boolean; role: MemberRole | null }): boolean {
  return reader.isPlatformAdmin || reader.role === 'PRODUCTION' || reader.role === 'MANAGEMENT';
}

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

/** Positions are dense, 1..n per session: the cue after `afterCueId`, or first when it is null. */
async function positionAfter(tx: Tx, sessionId: string, afterCueId: string | null | undefined, field: string): Promise<number> {
  if (afterCueId === undefined) {
    const { last } = await tx
      .selectFrom('cue')
      .select((eb) => eb.fn.coalesce(eb.fn.max('position'), eb.lit(0)).as('last'))
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    return Number(last) + 1;
  }
  if (afterCueId === null) return 1;
  const after = await tx.selectFrom('cue').select(['position', 'session_id']).where('id', '=', afterCueId).executeTakeFirst();
  if (!after || after.session_id !== sessionId) throw new ValidationError({ field, message: 'no such cue in this session' });
  return after.position + 1;
}

async function openGap(tx: Tx, sessionId: string, position: number): Promise<void> {
  await tx
    .updateTable('cue')
    .set((eb) => ({ position: eb('position', '+', 1) }))
    .where('session_id', '=', sessionId)
    .where('position', '>=', position)
    .execute();
}

async function closeGap(tx: Tx, sessionId: string, position: number): Promise<void> {
  await tx
    .updateTable('cue')
    .set((eb) => ({ position: eb('position', '-', 1) }))
    .where('session_id', '=', sessionId)
    .where('position', '>', position)
    .execute();
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
    const position = await positionAfter(tx, sessionId, input.afterCueId, 'afterCueId');
    await openGap(tx, sessionId, position);
    return {
      session_id: sessionId,
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
    },
    async (tx, next, before) => {
      if (next.number !== before.number || next.department !== before.department) {
        await checkNumberFree(tx, next.session_id, next.department, next.number, id);
      }
    },
  );
}

export function deleteCue(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'cue', id, expectedVersion, (tx, deleted) => closeGap(tx, deleted.session_id, deleted.position));
}

/** Moves a cue right after `afterCueId` in its session, or to the top when that is null. */
export async function moveCue(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  afterCueId: string | null,
): Promise<Written<Cue>> {
  if (afterCueId === id) throw new ValidationError({ field: 'afterCueId', message: 'cannot place a cue after itself' });
  const eventId = await eventIdOf(db, 'cue', id);
  return writeEvent(db, eventId, actor, async (tx) => {
    const before = await lockForEdit(tx, 'cue', id, expectedVersion);
    // Moving a cue to where it already is changes nothing and records nothing.
    const previous =
      before.position === 1
        ? null
        : ((
            await tx
              .selectFrom('cue')
              .select('id')
              .where('session_id', '=', before.session_id)
              .where('position', '=', before.position - 1)
              .executeTakeFirst()
          )?.id ?? null);
    if (afterCueId === previous) return { result: before, change: null };
    await closeGap(tx, before.session_id, before.position);
    const position = await positionAfter(tx, before.session_id, afterCueId, 'afterCueId');
    await openGap(tx, before.session_id, position);
    const after = await tx
      .updateTable('cue')
      .set((eb) => ({ position, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: after,
      change: {
        kind: 'Cue.moved',
        entityType: 'Cue',
        entityId: id,
        before: { position: before.position, version: before.version },
        after: { position: after.position, version: after.version },
      },
    };
  });
}
