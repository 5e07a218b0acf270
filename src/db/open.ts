import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.js';
import { createDatabase, type Database } from './client.js';
import { runningEmbeddedUrl, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.js';

export type OpenDatabase = {
  /** The query pool (through a pooler, when DB_POOLER says so). */
  db: Database;
  url: string;
  /** A direct connection's URL, for LISTEN: LISTEN_DATABASE_URL, or `url`. */
  directUrl: string;
  /** A database on the direct URL, for migrations (`db` itself when there is no pooler). */
  direct(): Database;
  /** Set when showcall started its own PostgreSQL. */
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
};

const EMBEDDED_DATABASE = 'showcall';

export async function createDatabaseIfMissing(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * `DATABASE_URL` when set; otherwise the embedded PostgreSQL under `DATA_DIR`, started here — or,
 * with `shareRunning` (the command-line tools), the one a running `npm start` already serves.
 */
export async function openDatabase(
  config: Config,
  options: { log?: (line: string) => void; shareRunning?: boolean } = {},
): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | null = null;
  let url = config.databaseUrl;
  const running = !url && options.shareRunning ? runningEmbeddedUrl(path.join(config.dataDir, 'pg')) : null;
  if (running) url = running.replace(/\/postgres$/, `/${EMBEDDED_DATABASE}`);
  if (!url) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    options.log?.(`Starting the embedded PostgreSQL in ${path.join(config.dataDir, 'pg')} (port ${config.embeddedPgPort})…`);
    embedded = await startEmbeddedPostgres({
      dir: path.join(config.dataDir, 'pg'),
      port: config.embeddedPgPort,
      logFile: path.join(config.dataDir, 'postgres.log'),
    });
    await createDatabaseIfMissing(embedded.url, EMBEDDED_DATABASE);
    url = embedded.url.replace(/\/postgres$/, `/${EMBEDDED_DATABASE}`);
  }
  const db = createDatabase(url, { poolSize: config.dbPoolSize, timeouts: config.dbTimeouts, pooler: config.dbPooler });
  const directUrl = config.listenDatabaseUrl ?? url;
  let direct: Database | null = null;
  return {
    db,
    url,
    directUrl,
    direct: () => (directUrl === url ? db : (direct ??= createDatabase(directUrl, { poolSize: 2, timeouts: config.dbTimeouts }))),
    embedded,
    async close() {
      await direct?.destroy();
      await db.destroy();
      await embedded?.stop();
    },
  };
}
