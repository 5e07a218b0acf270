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
): AsyncIterableIterator<U> {
  const done = (): IteratorResult<U> => ({ done: true, value: undefined });
  return {
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
