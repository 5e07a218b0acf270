/**
 * Which failures mean "the database is not answering right now" — stopped, restarting, frozen,
 * unreachable, out of connections, or a statement or lock wait that ran out of time — as opposed
 * to a bug or bad input. Such a failure is retryable: the same request can succeed once the
 * database is back, and the pool recovers by itself.
 */

/** SQLSTATEs of an unavailable server or a timed-out wait (PostgreSQL appendix A). */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown (pg_ctl stop, pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
  '57014', // query_canceled: statement_timeout
  '55P03', // lock_not_available: lock_timeout
  '25P03', // idle_in_transaction_session_timeout
  '25006', // read_only_sql_transaction: a standby that has not been promoted yet
]);

/** Errors of the socket under the driver. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/** What node-postgres and its pool say when a connection is lost or never came. */
const DRIVER_MESSAGES = [
  'Connection terminated',
  'connection timeout',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'not queryable',
  'Client was closed and is not queryable',
  'terminating connection',
];

/** How long a client should wait before retrying after the database was unavailable. */
export const RETRY_AFTER_SECONDS = 2;

/** Said when a request could not be served because the database did not answer (see isDatabaseUnavailable). */
export class DatabaseUnavailableError extends Error {
  constructor(detail = 'The database did not answer') {
    super(detail);
    this.name = 'DatabaseUnavailableError';
  }
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (current instanceof DatabaseUnavailableError) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || NETWORK_CODES.has(code))) return true;
    if (current instanceof DatabaseTimeoutError) return true;
    if (DRIVER_MESSAGES.some((m) => current instanceof Error && current.message.includes(m))) return true;
  }
  return false;
}

/** A wait on the database that ran past its bound (the readiness check, a token lookup). */
export class DatabaseTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} got no answer from the database within ${ms} ms`);
    this.name = 'DatabaseTimeoutError';
  }
}

/** `promise`, or a DatabaseTimeoutError after `ms`. The promise itself still runs to its end. */
export function withinMs<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeoutError(what, ms)), Math.max(0, ms));
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
