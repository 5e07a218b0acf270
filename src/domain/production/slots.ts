import type { Transaction } from 'kysely';
import type { Database, Executor } from '../../db/client.js';
import type { DB, RehearsalSlot } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity, deleteEntity, findById, updateEntity } from '../entities.js';
import { requireInEvent } from '../venue/venue.js';

/**
 * Speakers' rehearsal slots: short slots inside a rehearsal block, kept relative to its start so a
 * rehearsal that moves takes them along. Back to back is how they run (no changeover between
 * them); a slot over another, or over a session in the room, is a conflict (src/domain/live/
 * conflicts.ts), and the speaker's arrival is checked against their slot (travel warnings).
 */

type Tx = Transaction<DB>;

export type SlotInput = {
  blockId: string;
  speakerId: string;
  sessionId?: string | null;
  startsAt: Date;
  endsAt: Date;
  notes?: string | null;
};

/** The slot's place in its block, or a refusal naming the field that does not fit. */
async function placeIn(tx: Executor, blockId: string, eventId: string, startsAt: Date, endsAt: Date) {
  const block = await tx
    .selectFrom('production_block')
    .select(['event_id', 'kind', 'title', 'starts_at', 'ends_at'])
    .where('id', '=', blockId)
    .executeTakeFirst();
  if (block?.event_id !== eventId) throw new ValidationError({ field: 'blockId', message: 'is not a production block of this event' });
  if (block.kind !== 'REHEARSAL')
    throw new ValidationError({ field: 'blockId', message: `is a ${block.kind} block; slots go in a REHEARSAL block` });
  if (endsAt <= startsAt) throw new ValidationError({ field: 'endsAt', message: 'must be after startsAt' });
  const start = new Date(block.starts_at).getTime();
  if (startsAt.getTime() < start || endsAt.getTime() > new Date(block.ends_at).getTime())
    throw new ValidationError({
      field: startsAt.getTime() < start ? 'startsAt' : 'endsAt',
      message: `must be inside the rehearsal "${block.title}" (${new Date(block.starts_at).toISOString()} to ${new Date(block.ends_at).toISOString()})`,
    });
  return {
    offset_seconds: Math.round((startsAt.getTime() - start) / 1000),
    duration_seconds: Math.round((endsAt.getTime() - startsAt.getTime()) / 1000),
  };
}

async function checkPeople(tx: Tx, eventId: string, speakerId: string, sessionId: string | null): Promise<void> {
  await requireInEvent(tx, 'speaker', speakerId, eventId, 'speakerId');
  if (!sessionId) return;
  await requireInEvent(tx, 'session', sessionId, eventId, 'sessionId');
  const speaks = await tx
    .selectFrom('session_speaker')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('speaker_id', '=', speakerId)
    .executeTakeFirst();
  if (!speaks) throw new ValidationError({ field: 'sessionId', message: 'the speaker is not in this session' });
}

export async function createSlot(db: Database, actor: Actor, input: SlotInput) {
  const block = await findById(db, 'production_block', input.blockId).catch(() => {
    throw new ValidationError({ field: 'blockId', message: 'no such production block' });
  });
  return createEntity(db, actor, 'rehearsal_slot', block.event_id, async (tx) => {
    const place = await placeIn(tx, input.blockId, block.event_id, input.startsAt, input.endsAt);
    await checkPeople(tx, block.event_id, input.speakerId, input.sessionId ?? null);
    return {
      block_id: input.blockId,
      speaker_id: input.speakerId,
      session_id: input.sessionId ?? null,
      notes: input.notes ?? null,
      ...place,
    };
  });
}

export type SlotPatch = Partial<Omit<SlotInput, 'blockId'>>;

/** Moves a slot (give both ends, or one to keep the other) or changes who rehearses. */
export async function updateSlot(db: Database, actor: Actor, id: string, expectedVersion: number, patch: SlotPatch) {
  const current: RehearsalSlot = await findById(db, 'rehearsal_slot', id);
  const moving = Boolean(patch.startsAt || patch.endsAt);
  // Where it goes in its block, read first: inside the write the block is read again, and a block
  // that moved meanwhile refuses the edit rather than put the slot somewhere nobody asked for.
  const times = async (executor: Executor) => {
    const block = await executor
      .selectFrom('production_block')
      .select('starts_at')
      .where('id', '=', current.block_id)
      .executeTakeFirstOrThrow();
    const origin = new Date(block.starts_at).getTime();
    return {
      startsAt: patch.startsAt ?? new Date(origin + current.offset_seconds * 1000),
      endsAt: patch.endsAt ?? new Date(origin + (current.offset_seconds + current.duration_seconds) * 1000),
    };
  };
  const planned = moving ? await times(db) : null;
  const place = planned ? await placeIn(db, current.block_id, current.event_id, planned.startsAt, planned.endsAt) : null;
  return updateEntity(
    db,
    actor,
    'rehearsal_slot',
    id,
    expectedVersion,
    {
      speaker_id: patch.speakerId,
      session_id: patch.sessionId,
      notes: patch.notes,
      offset_seconds: place?.offset_seconds,
      duration_seconds: place?.duration_seconds,
    },
    async (tx, next, before) => {
      if (planned && place) {
        const again = await placeIn(tx, before.block_id, before.event_id, planned.startsAt, planned.endsAt);
        if (again.offset_seconds !== place.offset_seconds)
          throw new ValidationError({ field: 'startsAt', message: 'its rehearsal moved meanwhile; read it again' });
      }
      if (next.speaker_id !== before.speaker_id || next.session_id !== before.session_id)
        await checkPeople(tx, next.event_id, next.speaker_id, next.session_id);
    },
  );
}

export function deleteSlot(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'rehearsal_slot', id, expectedVersion);
}
