import type { Database } from '../db/client.js';

/**
 * Everything that stays open on a token — WebSocket connections, Server-Sent Events streams — is
 * registered here, and ended within `intervalMs` of its token being revoked.
 */
export class TokenWatch {
  private readonly holders = new Map<object, { tokenId: string; revoked: () => void }>();
  private readonly timer: NodeJS.Timeout;
  private running = false;
  private again = false;

  constructor(
    private readonly db: Database,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.recheck(), intervalMs);
    this.timer.unref();
  }

  /** Calls `revoked` once the token is found revoked; the returned function unregisters. */
  add(holder: object, tokenId: string, revoked: () => void): () => void {
    this.holders.set(holder, { tokenId, revoked });
    return () => this.holders.delete(holder);
  }

  /** Looks again at once (a revocation was heard of); rounds never overlap. */
  recheckSoon(): void {
    if (this.holders.size === 0) return;
    this.again = true;
    void this.recheck();
  }

  private async recheck(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.round();
      } while (this.again);
    } finally {
      this.running = false;
    }
  }

  private async round(): Promise<void> {
    if (this.holders.size === 0) return;
    const asked = new Set([...this.holders.values()].map((h) => h.tokenId));
    let valid: Set<string>;
    try {
      // API tokens and screen links alike: a holder's token id is one or the other.
      const live = await this.db
        .selectFrom('api_token')
        .select('id')
        .where('id', 'in', [...asked])
        .where('revoked_at', 'is', null)
        .unionAll((db) =>
          db
            .selectFrom('screen_link')
            .select('id')
            .where('id', 'in', [...asked])
            .where('revoked_at', 'is', null),
        )
        .execute();
      valid = new Set(live.map((row) => row.id));
    } catch {
      return; // the database is away: nothing is judged on no answer; the next round asks again
    }
    // Only tokens this round asked about: whatever registered while it ran is not judged by it.
    for (const [holder, { tokenId, revoked }] of this.holders) {
      if (asked.has(tokenId) && !valid.has(tokenId)) {
        this.holders.delete(holder);
        revoked();
      }
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
