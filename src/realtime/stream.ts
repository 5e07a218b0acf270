import { initContextCache } from '@pothos/core';
import { Loaders, type Context } from '../context.js';
import type { Change } from '../db/types.js';
import { ValidationError } from '../domain/errors.js';
import { readChanges, type ChangeHub } from './hub.js';

/** Changes a subscriber may have waiting before it counts as too slow and is dropped. */
export const MAX_PENDING_CHANGES = 10_000;

export class SlowConsumerError extends Error {
  constructor() {
    super(`This subscriber fell more than ${MAX_PENDING_CHANGES} changes behind and was dropped; resubscribe with afterRevision set to the last revision you applied.`);
    this.name = 'SlowConsumerError';
  }
}

/**
 * Every change after `afterRevision`, in order, each exactly once: first replayed from the change
 * table, then live. Live rows that arrive while replaying are held back and deduplicated by
 * revision; a gap (a row after a missing revision) is filled from the table before going on.
 */
export async function* changeStream(ctx: Context, hub: ChangeHub, eventId: string, afterRevision?: number | null): AsyncGenerator<Change> {
  const event = await ctx.db.selectFrom('event').select('revision').where('id', '=', eventId).executeTakeFirstOrThrow();
  let last = afterRevision ?? event.revision;
  if (last < 0) throw new ValidationError({ field: 'afterRevision', message: 'must not be negative' });
  if (last > event.revision) {
    throw new ValidationError({
      field: 'afterRevision',
      message: `is ${last}, ahead of this event's revision ${event.revision}: it is not a revision of this event`,
    });
  }

  const pending: Change[] = [];
  let wake: (() => void) | null = null;
  let overflow = false;
  const stop = await hub.watch(eventId, (rows) => {
    pending.push(...rows);
    if (pending.length > MAX_PENDING_CHANGES) overflow = true;
    wake?.();
  });
  try {
    let replay = true;
    for (;;) {
      if (overflow) throw new SlowConsumerError();
      while (pending.length && pending[0]!.revision <= last) pending.shift();
      if (replay || (pending.length && pending[0]!.revision > last + 1)) {
        const rows = await readChanges(ctx.db, eventId, last);
        replay = rows.length > 0;
        for (const row of rows) {
          freshCaches(ctx);
          yield row;
          last = row.revision;
        }
        continue;
      }
      const next = pending.shift();
      if (!next) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      freshCaches(ctx);
      yield next;
      last = next.revision;
    }
  } finally {
    stop();
  }
}

/**
 * A subscription keeps one context for its whole life; each change is resolved with empty loader
 * and permission caches, so it shows current data and re-checks access for every message.
 */
function freshCaches(ctx: Context): void {
  ctx.loaders = new Loaders();
  Object.assign(ctx, initContextCache());
}
