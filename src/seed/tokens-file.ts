import fs from 'node:fs';
import path from 'node:path';
import { viewerForToken } from '../auth/tokens.js';
import type { Executor } from '../db/client.js';
import type { DemoTokens } from './demo.js';

/**
 * Where the demo's tokens for one database are kept: `demo-tokens.json` for the embedded database,
 * and a file named after the server and database for a DATABASE_URL — so seeding another database
 * never overwrites the tokens of the embedded one.
 */
export function tokensFile(dataDir: string, databaseUrl?: string): string {
  if (!databaseUrl) return path.join(dataDir, 'demo-tokens.json');
  const url = new URL(databaseUrl);
  const name = `${url.hostname}-${url.port || '5432'}-${url.pathname.replace(/^\//, '') || 'postgres'}`.replace(/[^A-Za-z0-9._-]+/g, '_');
  return path.join(dataDir, `demo-tokens.${name}.json`);
}

/** Written readable by the owner only: the tokens are credentials. */
export function writeTokensFile(file: string, tokens: DemoTokens): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

export function readTokensFile(file: string): DemoTokens | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoTokens;
  } catch {
    return null;
  }
}

/** The file's tokens that authenticate against this database now; the rest are never shown. */
export async function workingTokens(db: Executor, tokens: DemoTokens): Promise<Partial<DemoTokens>> {
  const entries = await Promise.all(
    Object.entries(tokens).map(async ([who, token]) => [who, (await viewerForToken(db, token)) ? token : null] as const),
  );
  return Object.fromEntries(entries.filter(([, token]) => token !== null)) as Partial<DemoTokens>;
}

const LABELS: Record<keyof DemoTokens, string> = {
  client: '  client      (Northwind Traders)          ',
  management: '  management  (Bluebird Event Management)  ',
  production: '  production  (Lumen Live Productions)     ',
};

export function describeTokens(tokens: Partial<DemoTokens>): string {
  return (Object.keys(LABELS) as (keyof DemoTokens)[])
    .filter((who) => tokens[who])
    .map((who) => `${LABELS[who]}${tokens[who]}`)
    .join('\n');
}
