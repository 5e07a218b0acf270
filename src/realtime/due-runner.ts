import type { Database } from '../db/client.js';
import { fireFollow, pendingFollows } from '../domain/live/follows.js';
import { expireOffer, pendingOfferExpiries } from '../domain/registration/signups.js';
import type { ChangeHub } from './hub.js';

/** Work that falls due at an instant the database knows: a follow cue's GO, an unclaimed seat offer's end. */
export type DueJob = {
  name: string;
  /** Soonest first. */
  pending: (db: Database) => Promise<{ dueAt: Date }[]>;
  fire: (db: Database, item: never) => Promise<unknown>;
  /** A commit can make work of this job due at once (a GO makes the next follow due): look after every commit, not only on the clock. */
  afterCommits: boolean;
};

/** What showcall does by itself when its time comes. */
export const DUE_JOBS: DueJob[] = [
  { name: 'follows', pending: pendingFollows, fire: fireFollow as DueJob['fire'], afterCommits: true },
  { name: 'seat offers', pending: pendingOfferExpiries, fire: expireOffer as DueJob['fire'], afterCommits: false },
];

/**
 * Does due work in every API process: it looks when any change is committed (the hub's LISTEN
 * connection hears every process's commits) for jobs a commit can make due, at the moment the
 * soonest pending item is due, and at least every `pollMs` besides. Nothing is kept in memory that
 * the database does not have, so a restart loses nothing; each job checks inside its write that the
 * item is still due, so several processes never do it twice. A database that is away delays the
 * work until it answers again; it never stops the process.
 */
export class DueRunner {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** A look asked for while one runs: `commit` when a commit was among the reasons. */
  private again: { commit: boolean } | null = null;
  private stopped = false;
  private unobserve: (() => void) | null = null;
  /** When each job is next looked at on the clock. */
  private readonly nextLook = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly hub: ChangeHub,
    private readonly options: { pollMs?: number; onError?: (error: unknown) => void; jobs?: DueJob[] } = {},
  ) {}

  private get jobs(): DueJob[] {
    return this.options.jobs ?? DUE_JOBS;
  }

  start(): void {
    this.unobserve = this.hub.observe(() => this.nudge('commit'));
    this.nudge('clock');
  }

  /** Looks again now: a change was committed somewhere, or the clock says so. */
  nudge(why: 'commit' | 'clock'): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = { commit: (this.again?.commit ?? false) || why === 'commit' };
      return;
    }
    void this.check(why === 'commit');
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const soonest = Math.min(Date.now() + (this.options.pollMs ?? 1000), ...this.nextLook.values());
    this.timer = setTimeout(() => this.nudge('clock'), Math.max(0, soonest - Date.now()));
    this.timer.unref();
  }

  /** Looks at the jobs a commit can make due (when one was seen) and at those whose time has come. */
  private async check(commitSeen: boolean): Promise<void> {
    this.running = true;
    const pollMs = this.options.pollMs ?? 1000;
    for (const job of this.jobs) {
      const now = Date.now();
      if (!((commitSeen && job.afterCommits) || (this.nextLook.get(job.name) ?? 0) <= now)) continue;
      try {
        const pending = await job.pending(this.db);
        for (const item of pending.filter((p) => p.dueAt.getTime() <= Date.now())) await job.fire(this.db, item as never);
        const later = pending.find((p) => p.dueAt.getTime() > Date.now());
        this.nextLook.set(job.name, Date.now() + (later ? Math.min(later.dueAt.getTime() - Date.now(), pollMs) : pollMs));
      } catch (error) {
        this.options.onError?.(error);
        this.nextLook.set(job.name, Date.now() + pollMs);
      }
    }
    this.running = false;
    this.schedule();
    const again = this.again;
    this.again = null;
    if (again && !this.stopped) void this.check(again.commit);
  }

  stop(): void {
    this.stopped = true;
    this.unobserve?.();
    if (this.timer) clearTimeout(this.timer);
  }
}
