/**
 * Token buckets, one per API token: `burst` mutations at once, refilled at `perMinute`. In memory,
 * per process: with several API processes behind a balancer each allows its own share.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private takes = 0;

  constructor(
    private readonly burst: number,
    private readonly perMinute: number,
  ) {}

  get enabled(): boolean {
    return this.burst > 0 && this.perMinute > 0;
  }

  /** Takes `count` for `key`: 0 when allowed, otherwise the seconds until it would be (nothing taken). */
  take(key: string, count: number, now = Date.now()): number {
    if (!this.enabled) return 0;
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (++this.takes % 1000 === 0) this.sweep(now);
    if (bucket.tokens >= count) {
      bucket.tokens -= count;
      return 0;
    }
    return Math.max(1, Math.ceil((Math.min(count, this.burst) - bucket.tokens) / perMs / 1000));
  }

  /** Forgets buckets that have refilled: they behave exactly like new ones. */
  private sweep(now: number): void {
    const perMs = this.perMinute / 60_000;
    for (const [key, bucket] of this.buckets) if (bucket.tokens + (now - bucket.at) * perMs >= this.burst) this.buckets.delete(key);
  }
}
