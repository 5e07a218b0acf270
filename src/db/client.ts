import { Kysely, PostgresDialect, type SelectQueryBuilder, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './types.js';

// Revisions are bigint in SQL but stay far below 2^53; dates are calendar days, not instants.
// Instants (timestamptz) keep pg's own parser: a faster hand-written one made no difference to a
// dashboard once pages read only the columns a query asks for (bench/README.md, "pieces").
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Database = Kysely<DB>;
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

/* eslint-disable @typescript-eslint/no-explicit-any -- for helpers that pick their table at run time */
/** The database seen without table types, for the few helpers that pick a table at run time. */
export type UntypedDb = Kysely<any>;
export type UntypedQuery = SelectQueryBuilder<any, any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Told of every statement sent, with its parameters. */
export type QueryListener = (sql: string, parameters: readonly unknown[]) => void;

/** How long the database may take before a request gives up on it (see DB_* in src/config.ts). */
export type DatabaseTimeouts = {
  /** Waiting for a connection: a new one to open, or a busy pool to free one. */
  connectMs: number;
  /** One statement, enforced by the server (statement_timeout); 0 for none. */
  statementMs: number;
  /** Waiting for a row or table lock (lock_timeout); 0 for none. */
  lockMs: number;
};

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { connectMs: 3000, statementMs: 5000, lockMs: 3000 };

/**
 * A connection pool that survives its server: PostgreSQL stopped, restarted, frozen, its backends
 * terminated, or a failover to another server. node-postgres' pool listens for a client's errors
 * only while it is idle; a connection lost while checked out would emit an 'error' nobody hears and
 * end the process, so every client gets a listener of its own. A client that failed (lost, or a
 * statement that got no answer in time) is destroyed on release instead of going back to the pool.
 */
function resilientPool(url: string, max: number, timeouts: DatabaseTimeouts, pooler: Pooler) {
  // Through a transaction-mode pooler a session's settings would stay on a server connection other
  // clients share next: none are sent at connect; each transaction sets its own (SET LOCAL, below).
  const sessionSettings =
    pooler === 'none'
      ? {
          statement_timeout: timeouts.statementMs > 0 ? timeouts.statementMs : undefined,
          lock_timeout: timeouts.lockMs > 0 ? timeouts.lockMs : undefined,
          // A transaction left open by a client that vanished must not hold the event's lock for long.
          idle_in_transaction_session_timeout: 30_000,
        }
      : {};
  const local = [
    timeouts.statementMs > 0 ? `SET LOCAL statement_timeout = ${Math.trunc(timeouts.statementMs)}` : '',
    timeouts.lockMs > 0 ? `SET LOCAL lock_timeout = ${Math.trunc(timeouts.lockMs)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: timeouts.connectMs,
    // A frozen server answers nothing, not even its own statement_timeout: the client stops waiting
    // a moment after the server should have given up.
    query_timeout: timeouts.statementMs > 0 ? timeouts.statementMs + 1000 : undefined,
    ...sessionSettings,
    keepAlive: true,
  });
  // An idle client lost its server (restart, network); the pool replaces it on next use.
  pool.on('error', () => undefined);
  // A checked-out client that loses its server fails its query; this listener keeps the process up.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return {
    async connect() {
      const client = await pool.connect();
      let failed = false;
      return {
        async query(text: string, values: readonly unknown[]) {
          try {
            const result = await client.query(text, values as unknown[]);
            if (local && pooler === 'transaction' && /^(begin|start transaction)\b/i.test(text)) await client.query(local);
            return result;
          } catch (error) {
            // After the driver's read timeout the connection still waits for its answer: never reuse it.
            // (A lost connection is not queryable, and the pool drops it on release by itself; a
            // statement or lock timeout leaves the connection healthy.)
            if (error instanceof Error && error.message === 'Query read timeout') {
              failed = true;
              (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
            }
            throw error;
          }
        },
        release(destroy?: boolean) {
          client.release(destroy || failed ? true : undefined);
        },
      };
    },
    end: () => pool.end(),
  };
}

/** `transaction`: the URL reaches PostgreSQL through a transaction-mode pooler such as PgBouncer. */
export type Pooler = 'none' | 'transaction';

export function createDatabase(
  url: string,
  options: { poolSize?: number; onQuery?: QueryListener; timeouts?: Partial<DatabaseTimeouts>; pooler?: Pooler } = {},
): Database {
  const pool = resilientPool(url, options.poolSize ?? 10, { ...DEFAULT_DATABASE_TIMEOUTS, ...options.timeouts }, options.pooler ?? 'none');
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool: pool as never }),
    log: options.onQuery
      ? (event) => {
          if (event.level === 'query') options.onQuery?.(event.query.sql, event.query.parameters);
        }
      : undefined,
  });
}
