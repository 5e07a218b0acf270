import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../src/db/client.js';
import { whenDone } from './cleanup.js';

export type TestDatabase = { db: Database; url: string; queries: string[] };

/**
 * A fresh database for this test file, copied from the migrated template and dropped afterwards.
 * `queries` records every SQL statement sent through `db`.
 */
export async function useTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = `showcall_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const queries: string[] = [];
  const db = createDatabase(url.toString(), { onQuery: (sql) => queries.push(sql) });
  whenDone(async () => {
    await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  return { db, url: url.toString(), queries };
}
