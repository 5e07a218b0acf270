import { useGraphQlJit } from '@envelop/graphql-jit';
import { getVariableValues } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { selectedOperation } from '../limits/operation.js';

/**
 * Queries run compiled (graphql-jit): a dashboard reads thousands of objects, and per-field
 * interpretation was most of its cost. Mutations and subscriptions keep the standard executor.
 * Variables are coerced by graphql-js first, so a bad one gets the same message either way (the
 * compiled coercion only says "Expected type Date.").
 */
export function useCompiledQueries(): Plugin<Record<string, unknown>, Context> {
  // Asked only for queries (below), so it needs no condition of its own.
  const jit = useGraphQlJit();
  return {
    onExecute(payload) {
      const { args, setResultAndStopExecution } = payload;
      const operation = selectedOperation(args.document, args.operationName);
      if (operation?.operation !== 'query') return;
      const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], (args.variableValues ?? {}) as Record<string, unknown>);
      if (coerced.errors?.length) return setResultAndStopExecution({ errors: coerced.errors });
      return jit.onExecute!(payload);
    },
  };
}
