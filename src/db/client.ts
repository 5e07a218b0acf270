import { Kysely, PostgresDialect, type SelectQueryBuilder, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './types.js';
import { parseTimestamptz } from './timestamps.js';

// Revisions are bigint in SQL but stay far below 2^53; dates are calendar days, not instants.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, parseTimestamptz);

export type Database = Kysely<DB>;
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

/* eslint-disable @typescript-eslint/no-explicit-any -- for helpers that pick their table at run time */
/** The database seen without table types, for the few helpers that pick a table at run time. */
export type UntypedDb = Kysely<any>;
export type UntypedQuery = SelectQueryBuilder<any, any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export type QueryListener = (sql: string) => void;

export function createDatabase(url: string, options: { poolSize?: number; onQuery?: QueryListener } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  pool.on('error', () => {
    // An idle client lost its server (restart, network); the pool replaces it on next use.
  });
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: options.onQuery
      ? (event) => {
          if (event.level === 'query') options.onQuery?.(event.query.sql);
        }
      : undefined,
  });
}
