import type { Context } from '../context.js';
import type { Change } from '../db/types.js';
import { ValidationError } from '../shared/errors.js';
import { readChanges, type ChangeHub } from './hub.js';

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
  return new ChangeStream(ctx, hub, eventId, afterRevision);
}

const DONE: IteratorResult<Change> = { done: true, value: undefined };

/**
 * What a change stream — and every wrapper that maps its changes — tells the broadcaster of its
 * sharing key (src/realtime/broadcaster.ts), found on the stream as `[LIVE]`: how one change
 * becomes this subscriber's event, and the moment it has caught up.
 */
export type LiveTap = {
  readonly eventId: string;
  /** The event the stream yields for a change; a wrapper that maps events composes its map onto it. */
  toEvent: (change: Change) => unknown;
  /**
   * Asked when the stream has caught up at revision `at` (nothing left to replay, no live row
   * waiting) and would wait for the next change: true when someone else now delivers every change
   * after `at` to this subscriber — the stream then stops and ends.
   */
  handover?: (at: number) => boolean;
};

export const LIVE = Symbol('showcall.live');

/** The live tap a subscription's source carries, if it is a change stream (or maps one). */
export function liveTapOf(source: unknown): LiveTap | undefined {
  return typeof source === 'object' && source !== null ? (source as { [LIVE]?: LiveTap })[LIVE] : undefined;
}

/**
 * Written by hand rather than as an async generator: a live change that is simply the next
 * revision goes from the hub's listener straight to the waiting consumer, with no generator to
 * resume — at ten thousand screens per event that per-subscriber cost is what a GO waits for.
 * Replay and gap-filling take the slower path through the table.
 */
class ChangeStream implements AsyncIterableIterator<Change> {
  readonly [LIVE]: LiveTap;
  /** The last revision handed out (known once started). */
  private last = 0;
  private started: Promise<void> | null = null;
  private replaying = true;
  /** Rows read from the table, not yet handed out. */
  private readonly replayed: Change[] = [];
  /** Rows the hub delivered live, not yet handed out (may repeat replayed ones). */
  private readonly pending: Change[] = [];
  private waiting: { resolve: (result: IteratorResult<Change>) => void; reject: (error: unknown) => void } | null = null;
  private unwatch: (() => void) | null = null;
  private stopped = false;
  private overflow = false;

  constructor(
    private readonly ctx: Context,
    private readonly hub: ChangeHub,
    private readonly eventId: string,
    private readonly afterRevision: number | null | undefined,
  ) {
    this[LIVE] = { eventId, toEvent: (change) => change };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<Change>> {
    if (this.stopped) return Promise.resolve(DONE);
    if (!this.started) this.started = this.start();
    if (this.unwatch === null || this.replaying || this.replayed.length) return this.slowNext();
    if (this.overflow) return Promise.reject(new SlowConsumerError());
    const row = this.nextLive();
    if (row) return Promise.resolve(this.hand(row));
    if (this.pending.length) return this.slowNext(); // a gap: fill it from the table
    if (this[LIVE].handover?.(this.last)) {
      void this.return();
      return Promise.resolve(DONE);
    }
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<Change>> {
    this.stopped = true;
    this.unwatch?.();
    this.unwatch = null;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.resolve(DONE);
    return Promise.resolve(DONE);
  }

  throw(error: unknown): Promise<IteratorResult<Change>> {
    void this.return();
    return Promise.reject(error);
  }

  private async start(): Promise<void> {
    if (this.afterRevision !== null && this.afterRevision !== undefined && this.afterRevision < 0) {
      throw new ValidationError({ field: 'afterRevision', message: 'must not be negative' });
    }
    // Where this process's feed of the event already is: from now on, or resuming within what the
    // feed still keeps, there is nothing to read — a wall of screens reconnecting after a failover
    // costs the database nothing here.
    const attached = this.hub.attach(this.eventId, (rows) => this.receive(rows));
    const kept = attached && attached.since(this.afterRevision ?? attached.revision);
    if (attached && kept) {
      this.last = this.afterRevision ?? attached.revision;
      for (const row of kept) this.replayed.push(row);
      this.replaying = false;
      if (this.stopped) attached.detach();
      else this.unwatch = attached.detach;
      return;
    }
    attached?.detach();
    const { revision } = await this.ctx.db.selectFrom('event').select('revision').where('id', '=', this.eventId).executeTakeFirstOrThrow();
    const last = this.afterRevision ?? revision;
    if (last > revision) {
      throw new ValidationError({
        field: 'afterRevision',
        message: `is ${last}, ahead of this event's revision ${revision}: it is not a revision of this event`,
      });
    }
    this.last = last;
    const unwatch = await this.hub.watch(this.eventId, (rows) => this.receive(rows));
    if (this.stopped) unwatch();
    else this.unwatch = unwatch;
  }

  /** The hub's listener: runs for every subscriber of the event, so it does as little as it can. */
  private receive(rows: readonly Change[]): void {
    for (const row of rows) this.pending.push(row);
    if (this.pending.length > this.ctx.delivery.maxPendingChanges && !this.overflow) {
      this.overflow = true;
      // Its transport may be too clogged to ever ask for the next change: drop it from here.
      this.ctx.delivery.onSlowConsumer?.();
    }
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = null;
    const row = this.overflow || this.replaying ? undefined : this.nextLive();
    if (row) waiting.resolve(this.hand(row));
    else this.next().then(waiting.resolve, waiting.reject);
  }

  /** The next live row if it is exactly the next revision (older ones are dropped as repeats). */
  private nextLive(): Change | undefined {
    const pending = this.pending;
    while (pending.length && pending[0]!.revision <= this.last) pending.shift();
    return pending.length && pending[0]!.revision === this.last + 1 ? pending.shift() : undefined;
  }

  private hand(row: Change): IteratorResult<Change> {
    this.last = row.revision;
    return { done: false, value: row };
  }

  /** Starting, replaying and filling gaps: everything that reads the change table. */
  private async slowNext(): Promise<IteratorResult<Change>> {
    for (;;) {
      try {
        await this.started;
      } catch (error) {
        void this.return();
        throw error;
      }
      if (this.stopped) return DONE;
      if (this.overflow) throw new SlowConsumerError();
      const replayed = this.replayed;
      while (replayed.length && replayed[0]!.revision <= this.last) replayed.shift();
      const row = replayed.shift();
      if (row) return this.hand(row);
      const live = this.replaying ? undefined : this.nextLive();
      if (live) return this.hand(live);
      if (!this.replaying && !this.pending.length) return this.next();
      // Replay until the table has nothing newer; after a gap, read the missing rows the same way.
      const rows = await readChanges(this.ctx.db, this.eventId, this.last);
      if (this.stopped) return DONE;
      this.replaying = rows.length > 0;
      for (const r of rows) replayed.push(r);
    }
  }
}
