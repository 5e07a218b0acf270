import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Viewer } from '../auth/tokens.js';
import type { Context } from '../context.js';
import { LIMIT_SETTINGS, type Limits } from './limits.js';
import {
  executionTimeoutError,
  limitError,
  operationLimitErrors,
  paramsLimitErrors,
  rootFieldCount,
  selectedOperation,
} from './operation.js';
import { RateLimiter } from './rate.js';
import { withoutSuggestions } from '../errors.js';

/**
 * The operation limits over HTTP (and for queries and mutations over WebSocket, which run through
 * the same envelop): tokens at parse time; depth, aliases, directives, cost, the mutation rate and
 * the execution timeout before anything runs; field suggestions stripped from strangers' responses
 * (over WebSocket src/realtime/websocket.ts strips them). Every refusal names the environment
 * variable of its limit.
 */
export function useLimits(limits: Limits): Plugin<Record<string, unknown>, Context> {
  const mutations = new RateLimiter(limits.mutationBurst, limits.mutationsPerMinute);
  const timedOut = () => ({ errors: [executionTimeoutError(limits)] });

  return {
    onParams({ params }) {
      const [error] = paramsLimitErrors(params, limits);
      if (error) throw error;
    },
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parseFn(source, { ...options, maxTokens: limits.maxTokens });
        } catch (error) {
          if (error instanceof Error && /contains more th(?:an|at) \d+ tokens/.test(error.message)) {
            throw limitError('maxTokens', `The document has more than ${limits.maxTokens} tokens and was not read`);
          }
          throw error;
        }
      });
    },
    // Stripped from the response, not from validation's result: yoga caches that per document, for
    // signed-in callers as much as for strangers.
    onExecutionResult({ result, setResult, context }) {
      if ((context as { viewer?: Viewer | null }).viewer || !result || !('errors' in result) || !result.errors?.length) return;
      setResult({ ...result, errors: result.errors.map(withoutSuggestions) });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = operationLimitErrors(args.document, args.operationName, args.variableValues, limits);
      if (errors.length) setResultAndStopExecution({ errors });
    },
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const errors = operationLimitErrors(args.document, args.operationName, args.variableValues, limits);
      if (errors.length) return setResultAndStopExecution({ errors });
      const operation = selectedOperation(args.document, args.operationName);
      const viewer = (args.contextValue as unknown as Context).viewer;
      if (operation?.operation === 'mutation') {
        // Mutations are not cut off half-way: each runs in one transaction and lands or does not.
        const count = rootFieldCount(args.document, operation);
        if (!viewer || !mutations.enabled) return;
        if (count > limits.mutationBurst) {
          return setResultAndStopExecution({
            errors: [
              limitError(
                'mutationBurst',
                `This request holds ${count} mutations; at most ${limits.mutationBurst} may be sent at once`,
                count,
              ),
            ],
          });
        }
        const wait = mutations.take(viewer.tokenId, count);
        if (wait) {
          return setResultAndStopExecution({
            errors: [
              new GraphQLError(
                `Too many mutations with this token: ${limits.mutationBurst} at once and ${limits.mutationsPerMinute} a minute are allowed (${LIMIT_SETTINGS.mutationsPerMinute.env}). Retry in ${wait} s.`,
                {
                  extensions: {
                    code: 'RATE_LIMITED',
                    limit: LIMIT_SETTINGS.mutationsPerMinute.env,
                    retryAfterSeconds: wait,
                    http: { status: 429, headers: { 'Retry-After': String(wait) } },
                  },
                },
              ),
            ],
          });
        }
        return;
      }
      setExecuteFn((execArgs) => {
        // The standard executor checks the signal between fields; a compiled query does not, so
        // the result is also raced against the timer: the client gets its answer on time either way.
        const own = (execArgs as { signal?: AbortSignal }).signal;
        // The clock started when the request arrived (src/app.ts sets the deadline before the token lookup).
        const deadline = (execArgs.contextValue as unknown as Context).deadline;
        const timeout = AbortSignal.timeout(deadline === undefined ? limits.executionTimeoutMs : Math.max(1, deadline - Date.now()));
        const signal = own ? AbortSignal.any([own, timeout]) : timeout;
        let result: ReturnType<typeof executeFn>;
        try {
          result = executeFn({ ...execArgs, signal } as typeof execArgs);
        } catch (error) {
          if (timeout.aborted) return timedOut();
          throw error;
        }
        if (typeof (result as { then?: unknown } | null)?.then !== 'function') return result;
        let stop = () => undefined as void;
        const expired = new Promise<ReturnType<typeof timedOut>>((resolve) => {
          stop = () => resolve(timedOut());
          timeout.addEventListener('abort', stop, { once: true });
        });
        return Promise.race([
          Promise.resolve(result).then(
            (value) => (timeout.aborted ? timedOut() : value),
            (error: unknown) => {
              if (timeout.aborted) return timedOut();
              throw error;
            },
          ),
          expired,
        ]).finally(() => timeout.removeEventListener('abort', stop));
      });
    },
  };
}
