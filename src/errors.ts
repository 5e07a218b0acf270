import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createLogger, type YogaLogger } from 'graphql-yoga';
import { AccessEndedError } from './auth/permissions.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './db/faults.js';
import { DomainError, NotFoundError, StaleVersionError, ValidationError } from './shared/errors.js';

/**
 * What a client is told when something fails, and what the server log says about it: domain errors
 * with their codes, a database that is away as SERVICE_UNAVAILABLE, anything else masked.
 */

function errorCode(error: DomainError): string {
  if (error instanceof AccessEndedError) return error.reason instanceof DomainError ? errorCode(error.reason) : 'FORBIDDEN';
  if (error instanceof NotFoundError) return 'NOT_FOUND';
  if (error instanceof ValidationError) return 'BAD_USER_INPUT';
  if (error instanceof StaleVersionError) return 'STALE_VERSION';
  return 'FORBIDDEN';
}

/** graphql-js may be loaded twice (ESM and CommonJS copies), so errors are recognised by name, not class. */
const isGraphQLError = (error: unknown): error is GraphQLError => error instanceof Error && error.name === 'GraphQLError';

/** PostgreSQL's "data exception" class (SQLSTATE 22…): a value it cannot take, never a server fault. */
const isDataException = (error: unknown): boolean => {
  const code = error instanceof Error && 'severity' in error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('22');
};

/** The database is away (stopped, restarting, failing over, frozen): the client should try again soon. */
const UNAVAILABLE_MESSAGE =
  `The database is not answering right now (restarting, failing over or overloaded). Retry in ${RETRY_AFTER_SECONDS} s. ` +
  'A mutation refused this way may or may not have been applied: retrying it with the same expectedVersion (or the same expected cue) is safe.';
const UNAVAILABLE_EXTENSIONS = {
  code: 'SERVICE_UNAVAILABLE',
  retryAfterSeconds: RETRY_AFTER_SECONDS,
  http: { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
};

/** An outage is one line in the log every few seconds, not a stack trace per refused request. */
let lastOutageLog = 0;
function logOutage(original: unknown): void {
  if (Date.now() - lastOutageLog < 5000) return;
  lastOutageLog = Date.now();
  console.warn(
    `showcall: the database is unavailable (${original instanceof Error ? original.message : String(original)}); answering SERVICE_UNAVAILABLE`,
  );
}

/**
 * Domain errors and GraphQL's own (syntax, validation, input coercion) reach the client as they are;
 * anything else is an internal failure and becomes "Unexpected error." with no detail.
 */
export function maskError(error: unknown, message: string): Error {
  const original = isGraphQLError(error) ? error.originalError : error;
  const expected =
    original instanceof DomainError ? errorCode(original) : original instanceof PothosValidationError ? 'BAD_USER_INPUT' : null;
  if (expected && isGraphQLError(error)) {
    // The same error object back tells yoga it was expected, so it is not logged as a failure.
    const extensions = { ...error.extensions, code: expected };
    const own = Object.getOwnPropertyDescriptor(error, 'extensions');
    if (!own || own.writable) {
      (error as unknown as { extensions: Record<string, unknown> }).extensions = extensions;
      return error;
    }
    // Compiled queries (graphql-jit) freeze `extensions` as undefined: a copy carries the code.
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      extensions,
    });
  }
  if (isGraphQLError(error) && (!original || isGraphQLError(original))) return error;
  if (isDatabaseUnavailable(original)) {
    logOutage(original);
    const own = isGraphQLError(error) ? Object.getOwnPropertyDescriptor(error, 'extensions') : undefined;
    if (isGraphQLError(error) && (!own || own.writable)) {
      // The same error object back: yoga does not log it again as an unexpected failure.
      Object.assign(error, { message: UNAVAILABLE_MESSAGE, extensions: { ...UNAVAILABLE_EXTENSIONS } });
      return error;
    }
    const location = isGraphQLError(error) ? { nodes: error.nodes, path: error.path } : {};
    return new GraphQLError(UNAVAILABLE_MESSAGE, { ...location, extensions: { ...UNAVAILABLE_EXTENSIONS } });
  }
  if (isDataException(original)) {
    // A safety net: inputs are validated before they reach SQL, but a value the database itself
    // refuses is still the client's input, not a server failure.
    const location = isGraphQLError(error) ? { nodes: error.nodes, path: error.path } : {};
    return new GraphQLError(
      'A value in the request cannot be stored or compared (for example text with a NUL character, or a number out of range); nothing was written.',
      {
        ...location,
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
  const location = isGraphQLError(error) ? { nodes: error.nodes, path: error.path } : {};
  return new GraphQLError(message, { ...location, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

/** A client's mistake or a refusal: the client was told; the server log needs one line at most. */
function isClientMistake(error: unknown): boolean {
  const original = isGraphQLError(error) ? (error.originalError ?? error) : error;
  if (original instanceof DomainError || original instanceof PothosValidationError) return true;
  if (isGraphQLError(original)) return !original.originalError || original.originalError === original;
  return isDatabaseUnavailable(original) || isDataException(original);
}

/**
 * yoga's logger, except that what it would log as a failure but is a client's mistake (invalid
 * input, a refused limit, a wrong id type) is one line at debug: ERR with a stack means a bug.
 */
export function serverLogger(level: 'debug' | 'info' | 'warn' | 'error'): YogaLogger {
  const base = createLogger(level);
  return {
    ...base,
    error: (...args: unknown[]) => {
      if (args.length === 1 && isClientMistake(args[0])) return base.debug(`refused: ${(args[0] as Error).message}`);
      base.error(...args);
    },
  };
}

/** graphql-js ends some validation messages with a guess at what was meant; strangers get none. */
export function withoutSuggestions<E extends Error>(error: E): E | GraphQLError {
  if (!(error instanceof GraphQLError)) return error;
  const message = error.message.replace(/ Did you mean [^?]*\?$/, '');
  if (message === error.message) return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: error.extensions,
  });
}
