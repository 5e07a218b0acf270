import type { Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { DB, ProductionBlock, ProductionBlockKind } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity, deleteEntity, findById, sameValue, updateEntity } from '../entities.js';
import { requireInEvent } from '../venue/venue.js';
import { updateCall } from '../crew/crew.js';

/**
 * The production schedule's blocks: per room, from load-in to load-out, each holding the room like a
 * session does (src/domain/live/conflicts.ts counts them; a SHOW block runs with its sessions).
 * Production keeps them. A tech rehearsal covers sessions of its room; a rehearsal block holds
 * speakers' slots (slots.ts). Management may move a rehearsal (`moveRehearsal`): production then
 * acknowledges it, which moves the crew calls working it by as far as it moved since production
 * last saw it — until then, the move is a warning and the calls stay where production put them.
 */

type Tx = Transaction<DB>;

export type BlockInput = {
  roomId: string;
  kind: ProductionBlockKind;
  title: string;
  startsAt: Date;
  endsAt: Date;
  notes?: string | null;
  coversSessionIds?: string[] | null;
};

type BlockRow = Pick<ProductionBlock, 'event_id' | 'room_id' | 'kind' | 'starts_at' | 'ends_at' | 'covers_session_ids'> & { id?: string };

async function checkBlock(tx: Tx, next: BlockRow, before: ProductionBlock | null): Promise<void> {
  if (new Date(next.ends_at) <= new Date(next.starts_at)) throw new ValidationError({ field: 'endsAt', message: 'must be after startsAt' });
  if (next.room_id !== before?.room_id) await requireInEvent(tx, 'room', next.room_id, next.event_id, 'roomId');
  const covers = next.covers_session_ids;
  if (covers.length && next.kind !== 'TECH')
    throw new ValidationError({ field: 'coversSessionIds', message: `a ${next.kind} block covers no sessions; a TECH rehearsal does` });
  if (new Set(covers).size !== covers.length)
    throw new ValidationError({ field: 'coversSessionIds', message: 'must not name a session twice' });
  if (covers.length) {
    const sessions = await tx.selectFrom('session').select(['id', 'room_id', 'event_id']).where('id', 'in', covers).execute();
    const wrong = covers.find((id) => sessions.find((s) => s.id === id)?.event_id !== next.event_id);
    if (wrong) throw new ValidationError({ field: 'coversSessionIds', message: 'names a session that is not of this event' });
    if (sessions.some((s) => s.room_id !== next.room_id))
      throw new ValidationError({
        field: 'coversSessionIds',
        message: "names a session in another room: a tech rehearsal covers its own room's sessions",
      });
  }
  if (before && next.kind !== before.kind && before.kind === 'REHEARSAL') {
    const slot = await tx.selectFrom('rehearsal_slot').select('id').where('block_id', '=', before.id).limit(1).executeTakeFirst();
    if (slot) throw new ValidationError({ field: 'kind', message: 'it holds rehearsal slots; move or remove them first' });
  }
  if (before) await requireSlotsFit(tx, before.id, new Date(next.ends_at).getTime() - new Date(next.starts_at).getTime(), 'endsAt');
}

/** A block's slots stay inside it: refused, naming `field`, when the block would end before its last slot. */
export async function requireSlotsFit(tx: Tx, blockId: string, lengthMs: number, field: string): Promise<void> {
  const { end } = await tx
    .selectFrom('rehearsal_slot')
    .select((eb) => eb.fn.max(eb('offset_seconds', '+', eb.ref('duration_seconds'))).as('end'))
    .where('block_id', '=', blockId)
    .executeTakeFirstOrThrow();
  if (end !== null && Number(end) * 1000 > lengthMs)
    throw new ValidationError({
      field,
      message: `its rehearsal slots run ${Math.round(Number(end) / 60)} min from its start; it must last that long`,
    });
}

const ids = (values: string[] | null | undefined) => (values == null ? undefined : JSON.stringify(values));

export function createBlock(db: Database, actor: Actor, eventId: string, input: BlockInput) {
  return createEntity(db, actor, 'production_block', eventId, async (tx) => {
    const values = {
      room_id: input.roomId,
      kind: input.kind,
      title: input.title,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      notes: input.notes ?? null,
    };
    const covers = input.coversSessionIds ?? [];
    await checkBlock(tx, { ...values, event_id: eventId, covers_session_ids: covers }, null);
    return { ...values, covers_session_ids: JSON.stringify(covers) };
  });
}

export async function updateBlock(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<BlockInput>) {
  // The covered sessions are jsonb written as text: compared as values first, so the same list writes nothing.
  const current = patch.coversSessionIds ? await findById(db, 'production_block', id) : null;
  const covers = current && sameValue(current.covers_session_ids, patch.coversSessionIds) ? undefined : ids(patch.coversSessionIds);
  return updateEntity(
    db,
    actor,
    'production_block',
    id,
    expectedVersion,
    {
      room_id: patch.roomId,
      kind: patch.kind,
      title: patch.title,
      starts_at: patch.startsAt,
      ends_at: patch.endsAt,
      notes: patch.notes,
      covers_session_ids: covers,
    },
    (tx, next, before) =>
      checkBlock(
        tx,
        {
          ...next,
          covers_session_ids: typeof next.covers_session_ids === 'string' ? JSON.parse(next.covers_session_ids) : next.covers_session_ids,
        },
        before,
      ),
  );
}

export function deleteBlock(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'production_block', id, expectedVersion);
}

/**
 * Management moves a rehearsal (or a tech): its slots move with it, and production has to
 * acknowledge the move before the warning goes away.
 */
export async function moveRehearsal(db: Database, actor: Actor, id: string, expectedVersion: number, startsAt: Date, endsAt?: Date | null) {
  const current = await findById(db, 'production_block', id);
  const length = new Date(current.ends_at).getTime() - new Date(current.starts_at).getTime();
  const end = endsAt ?? new Date(startsAt.getTime() + length);
  // Where it already is: nothing moves, nothing to acknowledge.
  const same = startsAt.getTime() === new Date(current.starts_at).getTime() && end.getTime() === new Date(current.ends_at).getTime();
  // The first move since production last looked keeps where it was then; later ones keep that.
  const movedFrom = awaitsAcknowledgement(current) ? current.moved_from : current.starts_at;
  const patch = same ? {} : { starts_at: startsAt, ends_at: end, moved_at: new Date(), acknowledged_at: null, moved_from: movedFrom };
  return updateEntity(db, actor, 'production_block', id, expectedVersion, patch, async (tx, next, before) => {
    if (before.kind !== 'REHEARSAL' && before.kind !== 'TECH')
      throw new ValidationError({ field: 'id', message: `a ${before.kind} block is production's to move; management moves rehearsals` });
    await checkBlock(tx, next, before);
  });
}

/**
 * Production has seen a rehearsal's move. Unless told not to (it moved them by hand), the crew calls
 * working the block move with it, by as far as it moved since production last saw it: start, end
 * and meal break, each call keeping its length — one revision per call and one for the block, all
 * in one transaction (the labor rules see every call where it lands). Acknowledging twice changes nothing.
 */
export async function acknowledgeBlock(db: Database, actor: Actor, id: string, expectedVersion?: number | null, moveCrewCalls = true) {
  const { event_id } = await findById(db, 'production_block', id);
  return db.transaction().execute(async (tx) => {
    // The event's lock first, as every write takes it: no move slips in between reading and shifting.
    await tx.selectFrom('event').select('id').where('id', '=', event_id).forNoKeyUpdate().execute();
    const block = await findById(tx, 'production_block', id);
    if (!awaitsAcknowledgement(block)) return updateEntity(tx, actor, 'production_block', id, expectedVersion, {});
    const shift = block.moved_from ? new Date(block.starts_at).getTime() - new Date(block.moved_from).getTime() : 0;
    if (moveCrewCalls && shift !== 0) {
      const calls = await tx.selectFrom('crew_call').selectAll().where('block_id', '=', id).orderBy('starts_at').orderBy('id').execute();
      const by = (at: Date | null) => (at ? new Date(new Date(at).getTime() + shift) : at);
      for (const call of calls)
        await updateCall(tx, actor, call.id, call.version, {
          startsAt: by(call.starts_at)!,
          endsAt: by(call.ends_at)!,
          mealStartsAt: by(call.meal_starts_at),
        });
    }
    return updateEntity(tx, actor, 'production_block', id, expectedVersion, { acknowledged_at: new Date(), moved_from: null });
  });
}

/** Whether management moved it and production has not acknowledged since. */
export const awaitsAcknowledgement = (b: Pick<ProductionBlock, 'moved_at' | 'acknowledged_at'>) =>
  b.moved_at !== null && (b.acknowledged_at === null || b.acknowledged_at < b.moved_at);
