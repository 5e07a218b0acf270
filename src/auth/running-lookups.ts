/**
 * Lookups running now, by key: whoever asks the same while one runs, in the access generation it
 * started in (`ChangeHub.accessGeneration`), joins it instead of sending a statement of its own —
 * a wall of screens reconnecting with one token, on one event, costs one. A lookup started before
 * an access change this process heard of answers no one who asks after it. Nothing is kept once a
 * lookup has answered.
 */
export class RunningLookups<V> {
  private readonly running = new Map<string, { generation: number; value: Promise<V> }>();

  /** Whether a lookup of `key` started in `generation` is running. */
  has(key: string, generation: number): boolean {
    return this.running.get(key)?.generation === generation;
  }

  /** The lookup of `key` running in `generation`, or the one `start` begins now. */
  join(key: string, generation: number, start: () => Promise<V>): Promise<V> {
    const running = this.running.get(key);
    if (running?.generation === generation) return running.value;
    const entry = { generation, value: start() };
    this.running.set(key, entry);
    const settled = () => {
      if (this.running.get(key) === entry) this.running.delete(key);
    };
    entry.value.then(settled, settled);
    return entry.value;
  }

  /** How many lookups are running now. */
  get size(): number {
    return this.running.size;
  }
}
