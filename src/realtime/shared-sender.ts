import { GraphQLError, type ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import { isDatabaseUnavailable } from '../db/faults.js';
import type { Broadcaster, Member } from './broadcaster.js';
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

const DONE: IteratorResult<ExecutionResult> = { done: true, value: undefined };
const ignore = () => undefined;

/**
 * Sends each shared message straight to the socket, framed around the one serialisation every
 * identical subscriber shares, instead of letting graphql-ws stringify it again per subscriber.
 * The iterator graphql-ws sees yields nothing and ends when the stream does (or on complete).
 * Nothing waits on a slow socket: its unsent bytes are watched instead. A change stream that has
 * caught up is handed to its key's broadcaster, which writes to this socket from then on through
 * the same checks (src/realtime/broadcaster.ts).
 */
export function sendShared(
  source: SharedSource,
  socket: WebSocket | undefined,
  id: string,
  maxBufferedBytes: number,
): AsyncIterableIterator<ExecutionResult> {
  return new SharedSend(source, socket, id, maxBufferedBytes);
}

/**
 * One subscription's sending, as one object with its methods on the prototype: a screen stays
 * subscribed for hours, and what it keeps is multiplied by every screen of the process. Once the
 * broadcaster has it, its own stream, tap and message maker are let go; it is then the member the
 * broadcaster writes to and the pending `next` graphql-ws waits on.
 */
class SharedSend implements AsyncIterableIterator<ExecutionResult>, Member {
  readonly prefix: string;
  /** The last revision the broadcaster wrote to it (set when it joins). */
  last = 0;
  /** Its own stream until the broadcaster takes over; then nothing of it is kept. */
  private own: SharedSource | null;
  private live: SharedSource['live'] | null;
  /** Once handed over: the broadcaster, and how the stream graphql-ws waits on ends. */
  private broadcaster: Broadcaster | null = null;
  private ended: Promise<IteratorResult<ExecutionResult>> | null = null;
  private resolve: ((result: IteratorResult<ExecutionResult>) => void) | null = null;
  private reject: ((error: unknown) => void) | null = null;

  constructor(
    source: SharedSource,
    private readonly socket: WebSocket | undefined,
    id: string,
    private readonly maxBufferedBytes: number,
  ) {
    this.prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
    this.own = source;
    this.live = source.live ?? null;
    if (this.live && socket) this.live.tap.handover = (at) => this.handover(at);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.ended) return this.ended;
    const own = this.own;
    if (!own) return DONE;
    try {
      for (;;) {
        const next = await own.events.next();
        // The stream ended because the broadcaster took it over.
        if (this.ended) return this.ended;
        if (next.done || !this.isOpen()) return DONE;
        const shared = await own.message(next.value);
        let kept: boolean;
        try {
          kept = this.send(shared);
        } catch (ends) {
          await own.events.return?.();
          throw ends;
        }
        if (!kept) {
          await own.events.return?.();
          return DONE;
        }
      }
    } catch (error) {
      return this.settle(error);
    }
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.broadcaster?.leave(this);
    this.resolve?.(DONE);
    await this.own?.events.return?.();
    return DONE;
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.own?.events.return?.();
    throw error;
  }

  /** The broadcaster's write (Member): false when the stream is over, which it then is for graphql-ws too. */
  write(shared: SharedMessage, frame: Buffer): boolean {
    try {
      if (this.send(shared, frame)) return true;
      this.resolve?.(DONE);
    } catch (ends) {
      this.reject?.(ends);
    }
    return false;
  }

  /** The broadcaster could not make a message (Member): the stream ends as `settle` says. */
  fail(error: unknown): void {
    try {
      this.resolve?.(this.settle(error));
    } catch (passed) {
      this.reject?.(passed);
    }
  }

  /** Asked by the stream once it has caught up at `at`: true when the broadcaster now writes every later change here. */
  private handover(at: number): boolean {
    const live = this.live;
    if (!live) return false;
    this.last = at;
    const broadcaster = live.join(this);
    if (!broadcaster) return false;
    this.broadcaster = broadcaster;
    this.ended = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.ended.catch(ignore); // handled by whoever awaits it; never an unhandled rejection
    this.own = null;
    this.live = null;
    return true;
  }

  private isOpen(): boolean {
    return this.socket !== undefined && this.socket.readyState === this.socket.OPEN;
  }

  /** Writes one message; false when the stream is over (socket gone, or too slow and closed). Throws `ends`. */
  private send({ json, ends }: SharedMessage, frame?: Buffer): boolean {
    if (!this.isOpen()) return false;
    const socket = this.socket!;
    // The reader lost its right to this stream: graphql-ws sends `ends` as this operation's error.
    if (ends) throw ends;
    if (socket.bufferedAmount > this.maxBufferedBytes) {
      closeAsSlow(socket);
      return false;
    }
    writeFrame(socket, frame ?? frameOf(this.prefix, json));
    return true;
  }

  /** How a stream that failed ends: slow or without its database, the socket is told to come back; else the error goes on. */
  private settle(error: unknown): IteratorResult<ExecutionResult> {
    if (error instanceof SlowConsumerError) closeAsSlow(this.socket);
    else if (isUnavailable(error)) closeTryAgainLater(this.socket);
    else throw error;
    return DONE;
  }
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
