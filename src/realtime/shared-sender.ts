import { GraphQLError, type ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import { isDatabaseUnavailable } from '../db/faults.js';
import type { Member } from './broadcaster.js';
import type { SharedMessage, SharedSource } from './fanout.js';
import { frameOf, writeFrame } from './frames.js';
import { SlowConsumerError } from './stream.js';

/** The shared sender: how a subscription's shared messages reach one socket, and how it ends. */

/** Close codes showcall adds to graphql-ws's own (4400 bad request, 4403 forbidden, 4408 init timeout…). */
export const SLOW_CONSUMER = 4008;
/** The standard "Try Again Later": the database is not answering; reconnect and resume with afterRevision. */
export const TRY_AGAIN_LATER = 1013;

export const isUnavailable = (error: unknown) =>
  isDatabaseUnavailable(error instanceof GraphQLError ? (error.originalError ?? error) : error);

/** The database is not answering: the client should reconnect and resume. */
export const closeTryAgainLater = (socket: WebSocket | undefined) => {
  if (!socket || socket.readyState !== socket.OPEN) return;
  socket.close(TRY_AGAIN_LATER, 'Try again later: the database is not answering; resubscribe with afterRevision');
};

/** A subscriber that cannot keep up goes; it resumes with afterRevision. */
export const closeAsSlow = (socket: WebSocket | undefined) => {
  if (!socket || socket.readyState !== socket.OPEN) return;
  socket.close(SLOW_CONSUMER, 'Slow consumer: resubscribe with afterRevision set to the last revision you applied');
  // A client that does not read will not answer the close either; free its resources soon.
  setTimeout(() => socket.terminate(), 10_000).unref();
};

/**
 * Sends each shared message straight to the socket, framed around the one serialisation every
 * identical subscriber shares, instead of letting graphql-ws stringify it again per subscriber.
 * The iterator graphql-ws sees yields nothing and ends when the stream does (or on complete).
 * Nothing waits on a slow socket: its unsent bytes are watched instead. A change stream that has
 * caught up is handed to its key's broadcaster, which writes to this socket from then on through
 * the same `write` (src/realtime/broadcaster.ts).
 */
export function sendShared(
  source: SharedSource,
  socket: WebSocket | undefined,
  id: string,
  maxBufferedBytes: number,
): AsyncIterableIterator<ExecutionResult> {
  const prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  const done = { done: true as const, value: undefined };
  /** Its own stream until the broadcaster takes over; then nothing of it is kept. */
  let own: SharedSource | null = source;
  const live = source.live;
  /** Writes one message; false when the stream is over (socket gone, or too slow and closed). Throws `ends`. */
  const write = ({ json, ends }: SharedMessage, frame?: Buffer): boolean => {
    if (!socket || socket.readyState !== socket.OPEN) return false;
    // The reader lost its right to this stream: graphql-ws sends `ends` as this operation's error.
    if (ends) throw ends;
    if (socket.bufferedAmount > maxBufferedBytes) {
      closeAsSlow(socket);
      return false;
    }
    writeFrame(socket, frame ?? frameOf(prefix, json));
    return true;
  };
  /** How a stream that failed ends: slow or without its database, the socket is told to come back; else the error goes on. */
  const settle = (error: unknown) => {
    if (error instanceof SlowConsumerError) closeAsSlow(socket);
    else if (isUnavailable(error)) closeTryAgainLater(socket);
    else throw error;
    return done;
  };

  /** Once handed over: how this stream ends, and the way to leave the broadcaster. */
  const state: { handed: { ended: Promise<IteratorResult<ExecutionResult>>; leave: () => void; finish: () => void } | null } = {
    handed: null,
  };
  const handedOver = () => state.handed;
  if (live && socket) {
    live.tap.handover = (at) => {
      let resolve!: (result: IteratorResult<ExecutionResult>) => void;
      let reject!: (error: unknown) => void;
      const ended = new Promise<IteratorResult<ExecutionResult>>((yes, no) => ((resolve = yes), (reject = no)));
      ended.catch(() => undefined); // handled by whoever awaits it; never an unhandled rejection
      const end = (error: unknown) => {
        try {
          resolve(settle(error));
        } catch (passed) {
          reject(passed);
        }
      };
      const member: Member = {
        prefix,
        last: at,
        write: (shared, frame) => {
          try {
            if (write(shared, frame)) return true;
            resolve(done);
          } catch (ends) {
            reject(ends);
          }
          return false;
        },
        fail: end,
      };
      const leave = live.join(member);
      if (!leave) return false;
      state.handed = { ended, leave, finish: () => resolve(done) };
      own = null;
      return true;
    };
  }

  return {
    async next() {
      if (state.handed) return state.handed.ended;
      const { events, message } = own!;
      try {
        for (;;) {
          const next = await events.next();
          // The stream ended because the broadcaster took it over.
          const handed = handedOver();
          if (handed) return handed.ended;
          if (next.done || !socket || socket.readyState !== socket.OPEN) return done;
          const shared = await message(next.value);
          let kept: boolean;
          try {
            kept = write(shared);
          } catch (ends) {
            await events.return?.();
            throw ends;
          }
          if (!kept) {
            await events.return?.();
            return done;
          }
        }
      } catch (error) {
        return settle(error);
      }
    },
    async return() {
      state.handed?.leave();
      state.handed?.finish();
      await own?.events.return?.();
      return done;
    },
    async throw(error: unknown) {
      await own?.events.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * What a subscription that did not start answers. Not checked because the database did not
 * answer is no refusal: the socket is told to come back (1013), as a stream that loses its
 * database is, so the screen reconnects and resumes instead of taking an `error` that ends its
 * subscription for good. Refused (no such event, no right to it): graphql-ws's `error` message,
 * which clients take as the end of the operation, instead of a `next` carrying only errors.
 */
export function unstarted(result: ExecutionResult, socket: WebSocket): ExecutionResult | AsyncIterableIterator<ExecutionResult> {
  if (result.errors?.some(isUnavailable)) {
    closeTryAgainLater(socket);
    return emptyStream();
  }
  return result.errors?.length && !result.data ? refusedStream(result.errors[0]!) : result;
}

/** A stream that ends at once with nothing (its socket is being closed). */
function emptyStream(): AsyncIterableIterator<ExecutionResult> {
  const done = () => Promise.resolve({ done: true as const, value: undefined });
  return {
    next: done,
    return: done,
    throw: (e: unknown) => Promise.reject(e),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** A stream that ends at once with `error` (graphql-ws then sends it as the operation's error). */
function refusedStream(error: GraphQLError): AsyncIterableIterator<ExecutionResult> {
  return {
    next: () => Promise.reject(error),
    return: () => Promise.resolve({ done: true, value: undefined }),
    throw: (e: unknown) => Promise.reject(e),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
