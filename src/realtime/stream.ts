import { initContextCache } from '@pothos/core';
import { Loaders, type Context } from '../context.js';
import type { Change } from '../db/types.js';
import { ValidationError } from '../domain/errors.js';
import { readChanges, type ChangeHub } from './hub.js';

/** Changes a subscriber may have waiting before it counts as too slow and is dropped. */
export const MAX_PENDING_CHANGES = 1000;

export class SlowConsumerError extends Error {
  constructor() {
    super('This subscriber fell too far behind and was dropped; resubscribe with afterRevision set to the last revision you applied.');
    this.name = 'SlowConsumerError';
  }
}

/**
 * Every change after `afterRevision`, in order, each exactly once: first replayed from the change
 * table, then live. Live rows that arrive while replaying are held back and deduplicated by
 * revision; a gap (a row after a missing revision) is filled from the table before going on.
 */
export function changeStream(ctx: Context, hub: ChangeHub, eventId: string, afterRevision?: number | null): AsyncIterableIterator<Change> {
  const control: Control = { stopped: false, wake: null };
  const changes = streamChanges(ctx, hub, eventId, afterRevision, control);
  return {
    next: () => changes.next(),
    // Wakes the stream if it is waiting for the next change, so it ends (and stops listening) now.
    return: async () => {
      control.stopped = true;
      control.wake?.();
      return changes.return(undefined);
    },
    throw: (error: unknown) => changes.throw(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

type Control = { stopped: boolean; wake: (() => void) | null };

async function* streamChanges(
  ctx: Context,
  hub: ChangeHub,
  eventId: string,
  afterRevision: number | null | undefined,
  control: Control,
): AsyncGenerator<Change, undefined> {
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
  let overflow = false;
  const stop = await hub.watch(eventId, (rows) => {
    pending.push(...rows);
    if (pending.length > (ctx.limits?.maxPendingChanges ?? MAX_PENDING_CHANGES) && !overflow) {
      overflow = true;
      // Its transport may be too clogged to ever ask for the next change: drop it from here.
      ctx.onSlowConsumer?.();
    }
    control.wake?.();
  });
  try {
    let replay = true;
    for (;;) {
      if (control.stopped) return undefined;
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
        await new Promise<void>((resolve) => (control.wake = resolve));
        control.wake = null;
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
 * Where a subscription's messages are resolved with the subscriber's own long-lived context (SSE),
 * each change starts from empty loader and permission caches: current data, access re-checked.
 * (Over WebSocket the fan-out resolves every change with a fresh context anyway.)
 */
function freshCaches(ctx: Context): void {
  if (ctx.resolvesMessages === false) return;
  ctx.loaders = new Loaders();
  Object.assign(ctx, initContextCache());
}
