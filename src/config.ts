import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from './db/client.js';
import { LIMIT_SETTINGS, type Limits } from './limits/limits.js';

/** The only reader of process.env: every setting is validated here, once, at start. */
const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  LISTEN_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DB_POOLER: z.enum(['none', 'transaction']).default('none'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_DATABASE_TIMEOUTS.connectMs),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_DATABASE_TIMEOUTS.statementMs),
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_DATABASE_TIMEOUTS.lockMs),
  ...Object.fromEntries(
    Object.values(LIMIT_SETTINGS).map((setting) => [
      setting.env,
      z.coerce.number().int('must be a whole number').min(0, 'must not be negative').default(setting.default),
    ]),
  ),
});

export type Config = {
  /** An existing PostgreSQL server; when absent the embedded one under `dataDir` is used. */
  databaseUrl: string | undefined;
  /** A direct connection to the same database, for LISTEN and migrations (a pooler cannot carry them); DATABASE_URL when absent. */
  listenDatabaseUrl: string | undefined;
  /** `transaction` when DATABASE_URL goes through a transaction-mode pooler (PgBouncer): no session settings are relied on. */
  dbPooler: 'none' | 'transaction';
  port: number;
  /** A port of its own for `/health` and `/ready` (load balancers' checks), besides `port`; none when absent. */
  healthPort: number | undefined;
  host: string;
  dataDir: string;
  embeddedPgPort: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  dbPoolSize: number;
  /** How long the database may take before a request fails with SERVICE_UNAVAILABLE. */
  dbTimeouts: DatabaseTimeouts;
  /** What clients may ask; see src/limits/limits.ts. */
  limits: Limits;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankToUndefined = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const parsed = schema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.')}=${JSON.stringify(env[String(issue.path[0])])}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.DB_POOLER === 'transaction' && !c.LISTEN_DATABASE_URL)
    throw new ConfigError(
      'Invalid configuration:\n  DB_POOLER="transaction": set LISTEN_DATABASE_URL to a direct connection to the same database (LISTEN and migrations cannot go through a transaction pooler)',
    );
  return {
    databaseUrl: c.DATABASE_URL,
    listenDatabaseUrl: c.LISTEN_DATABASE_URL,
    dbPooler: c.DB_POOLER,
    port: c.PORT,
    healthPort: c.HEALTH_PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    embeddedPgPort: c.EMBEDDED_PG_PORT,
    logLevel: c.LOG_LEVEL,
    dbPoolSize: c.DB_POOL_SIZE,
    dbTimeouts: { connectMs: c.DB_CONNECT_TIMEOUT_MS, statementMs: c.DB_STATEMENT_TIMEOUT_MS, lockMs: c.DB_LOCK_TIMEOUT_MS },
    limits: Object.fromEntries(
      Object.entries(LIMIT_SETTINGS).map(([key, setting]) => [key, (c as unknown as Record<string, number>)[setting.env]]),
    ) as Limits,
  };
}
