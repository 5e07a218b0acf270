import { print, type ExecutionResult, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { AccessEndedError, InvalidTokenError } from '../auth/permissions.js';
import type { Context } from '../context.js';
import { sharingKey, type SharedSource, type SubscriptionFanout } from './fanout.js';
import { isUnavailable } from './shared-sender.js';
import type { TokenWatch } from './token-watch.js';

const DONE = { done: true as const, value: undefined };

/**
 * Rights on subscriptions served over HTTP (Server-Sent Events) — the WebSocket path does the same
 * in src/realtime/websocket.ts: a stream whose message says the reader lost access
 * (AccessEndedError) ends after that message, and a stream whose token is revoked ends with an
 * UNAUTHENTICATED error within the re-check interval.
 */
export function useStreamRights(tokens: TokenWatch): Plugin<Record<string, unknown>, Context> {
  return {
    onSubscribe() {
      return {
        onSubscribeResult({ args, result, setResult }) {
          if (!(Symbol.asyncIterator in Object(result))) return;
          const stream = endable((result as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]());
          const viewer = (args.contextValue as unknown as Context).viewer;
          if (viewer) stream.onFinish(tokens.add(stream, viewer.tokenId, () => stream.end({ errors: [new InvalidTokenError()] })));
          setResult(stream);
        },
      };
    },
  };
}

/** `source`, ended after a message that says access ended, or with `final` once end(final) is called. */
function endable(source: AsyncIterator<ExecutionResult>) {
  let final: ExecutionResult | null = null;
  let over = false;
  const cleanups: (() => unknown)[] = [];
  const finish = () => {
    if (over) return;
    over = true;
    for (const cleanup of cleanups) cleanup();
  };
  const stop = () => void source.return?.()?.catch?.(() => undefined);
  return {
    async next(): Promise<IteratorResult<ExecutionResult>> {
      if (over) return DONE;
      let step: IteratorResult<ExecutionResult>;
      try {
        step = await source.next();
      } catch (error) {
        finish();
        throw error;
      }
      if (final) {
        // Ended while waiting: the source was told to stop; the final message is the last one.
        finish();
        stop();
        return { done: false, value: final };
      }
      if (step.done) {
        finish();
        return step;
      }
      if (step.value.errors?.some((e) => e.originalError instanceof AccessEndedError)) {
        finish();
        stop();
      }
      return step;
    },
    async return(): Promise<IteratorResult<ExecutionResult>> {
      finish();
      await source.return?.();
      return DONE;
    },
    async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
      finish();
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
    end(result: ExecutionResult) {
      if (over || final) return;
      final = result;
      stop();
    },
    onFinish(cleanup: () => unknown) {
      cleanups.push(cleanup);
    },
  };
}

/**
 * Subscriptions over HTTP (Server-Sent Events) share their executions through the fan-out, as
 * WebSocket ones do: one execution per change for every identical subscription on either
 * transport, each with a fresh context on one snapshot. Each stream keeps its own replay and position.
 */
export function useSharedSubscriptions(
  fanout: SubscriptionFanout,
  maskError: (error: unknown, message: string) => Error,
): Plugin<Record<string, unknown>, Context> {
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args) => {
        const ctx = args.contextValue as unknown as Context & { params?: { query?: string } };
        const key = sharingKey(ctx.params?.query ?? print(args.document), args.operationName, args.variableValues, ctx.viewer);
        const shared = await fanout.subscribe(args, key);
        return 'events' in shared ? sharedResults(shared, maskError) : shared;
      });
    },
  };
}

/**
 * Each event's shared result. A message that says the reader lost access is the last; a database
 * that does not answer ends the stream with its retryable error (resubscribe with afterRevision).
 */
function sharedResults({ events, message }: SharedSource, maskError: (error: unknown, message: string) => Error) {
  let last = false;
  const stream: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      if (last) return stream.return!();
      try {
        const step = await events.next();
        if (step.done) return DONE;
        const { result, ends } = await message(step.value);
        last = ends !== undefined;
        return { done: false, value: result };
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        last = true;
        return { done: false, value: { errors: [maskError(error, 'Unexpected error.') as GraphQLError] } };
      }
    },
    async return() {
      await events.return?.();
      return DONE;
    },
    async throw(error: unknown) {
      await events.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
