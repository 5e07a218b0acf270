import { LIVE, liveTapOf, type LiveTap } from './stream.js';

/**
 * An async iterator over `source` that maps each value, and whose `return()` reaches the source at
 * once. (An async generator queues `return()` behind an `await` it is suspended in, so a closed
 * subscription would otherwise linger until its next change arrives.)
 */
export function mapIterator<T, U>(
  source: AsyncIterator<T>,
  map: (value: T) => Promise<U> | U,
  /** Return true to end the stream quietly instead of passing the error on. */
  endOn?: (error: unknown) => boolean,
): AsyncIterableIterator<U> & { [LIVE]?: LiveTap } {
  const done = (): IteratorResult<U> => ({ done: true, value: undefined });
  // A change stream's broadcaster makes this subscriber's events the way this wrapper would.
  const tap = liveTapOf(source);
  if (tap) {
    const inner = tap.toEvent;
    tap.toEvent = async (change) => map((await inner(change)) as T);
  }
  return {
    [LIVE]: tap,
    async next() {
      try {
        const next = await source.next();
        return next.done ? done() : { done: false, value: await map(next.value) };
      } catch (error) {
        if (endOn?.(error)) return done();
        throw error;
      }
    },
    async return() {
      await source.return?.();
      return done();
    },
    async throw(error: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
