import { RunningLookups } from './running-lookups.js';
import { hashToken, type Viewer } from './tokens.js';

/** What the cache needs to know of the process's LISTEN connection (src/realtime/hub.ts). */
export type AccessSignal = { readonly notified: boolean; readonly accessGeneration: number };

/**
 * The viewers of tokens this process has looked up, so that a client calling again does not cost a
 * statement per request. It is trusted only while notifications reach the process: the database
 * announces every revocation and every change of what a token may be (whoever wrote it), and the
 * process's own revocations count at once; any of these, or the LISTEN connection lost or made
 * again, empties it. Unknown tokens are never kept, and nothing is kept longer than `ttlMs` (as
 * `lastUsedAt` is recorded at most once a minute, a token in use still shows its use).
 */
export class ViewerCache {
  private readonly entries = new Map<string, { viewer: Viewer; until: number }>();
  /**
   * Lookups running now, by token: a burst of sockets signing in with one token (a wall of screens
   * reconnecting after a failover) shares one statement instead of each missing the cache at once.
   */
  private readonly running = new RunningLookups<Viewer | null>();
  private generation = -1;

  constructor(
    private readonly access: AccessSignal,
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  async viewer(token: string, lookUp: () => Promise<Viewer | null>): Promise<Viewer | null> {
    const generation = this.access.accessGeneration;
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
    if (!this.access.notified) return lookUp();
    const key = hashToken(token).toString('base64');
    const kept = this.entries.get(key);
    if (kept && kept.until > Date.now()) return kept.viewer;
    return this.running.join(key, generation, async () => {
      const viewer = await lookUp();
      // A change heard while the lookup ran may have come after what it read: nothing is kept then.
      if (viewer && this.access.notified && this.access.accessGeneration === generation) {
        this.entries.delete(key);
        if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(key, { viewer, until: Date.now() + this.ttlMs });
      }
      return viewer;
    });
  }
}
