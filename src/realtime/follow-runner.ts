import type { Database } from '../db/client.js';
import { fireFollow, pendingFollows } from '../domain/live/follows.js';
import type { ChangeHub } from './hub.js';

/**
 * Fires AUTO_FOLLOW cues when the cue before them ends, in every API process: it looks when any
 * change is committed (the hub's LISTEN connection hears every process's commits), at the moment
 * the soonest pending follow is due, and at least every `pollMs` besides. Nothing is kept in
 * memory that the database does not have, so a restart loses nothing; firing is checked inside the
 * write (follows.ts), so several processes never fire one follow twice. A database that is away
 * delays follows until it answers again; it never stops the process.
 */
export class FollowRunner {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = false;
  private unobserve: (() => void) | null = null;

  constructor(
    private readonly db: Database,
    private readonly hub: ChangeHub,
    private readonly options: { pollMs?: number; onError?: (error: unknown) => void } = {},
  ) {}

  start(): void {
    this.unobserve = this.hub.observe(() => this.nudge());
    this.nudge();
  }

  /** Looks again now (a change was committed somewhere). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.check();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.nudge(), Math.max(0, ms));
    this.timer.unref();
  }

  private async check(): Promise<void> {
    this.running = true;
    const pollMs = this.options.pollMs ?? 1000;
    try {
      const pending = await pendingFollows(this.db);
      const now = Date.now();
      for (const follow of pending.filter((f) => f.dueAt.getTime() <= now)) await fireFollow(this.db, follow);
      const later = pending.find((f) => f.dueAt.getTime() > now);
      this.schedule(later ? Math.min(later.dueAt.getTime() - now, pollMs) : pollMs);
    } catch (error) {
      this.options.onError?.(error);
      this.schedule(pollMs);
    } finally {
      this.running = false;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.check();
      }
    }
  }

  stop(): void {
    this.stopped = true;
    this.unobserve?.();
    if (this.timer) clearTimeout(this.timer);
  }
}
