import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../src/db/client.js';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { migrateToLatest } from '../../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser connection to the test server's `postgres` database. */
    adminUrl: string;
    /** A migrated database that every test file copies. */
    templateDatabase: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Tests use DATABASE_URL's server when it is set, otherwise an embedded PostgreSQL of their own
 * (under .data/test-pg, on a free port, so it never meets the one `npm start` runs).
 */
export default async function setup(project: TestProject) {
  const fromEnv = process.env.DATABASE_URL || undefined; // set but empty: the embedded server, as for the app
  // A fresh server each run, removed afterwards: a test run leaves no database folders behind.
  const dir = path.resolve(`.data/test-pg-${project.name}`);
  const logFile = path.resolve(`.data/test-postgres-${project.name}.log`);
  if (!fromEnv) fs.rmSync(dir, { recursive: true, force: true });
  const embedded = fromEnv ? null : await startEmbeddedPostgres({ dir, port: await freePort(), logFile });
  const adminUrl = fromEnv ?? embedded!.url;
  const templateDatabase = `showcall_template_${project.name}_${process.pid}`;

  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
    await admin.query(`CREATE DATABASE ${templateDatabase}`);
    const url = new URL(adminUrl);
    url.pathname = `/${templateDatabase}`;
    const db = createDatabase(url.toString());
    await migrateToLatest(db).finally(() => db.destroy());
  } catch (error) {
    await admin.end().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }

  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
    await admin.end();
    if (embedded) {
      await embedded.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(logFile, { force: true });
    }
  };
}
