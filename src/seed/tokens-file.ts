import fs from 'node:fs';
import path from 'node:path';
import type { DemoTokens } from './demo.js';

export const tokensFile = (dataDir: string) => path.join(dataDir, 'demo-tokens.json');

/** Written readable by the owner only: the tokens are credentials. */
export function writeTokensFile(dataDir: string, tokens: DemoTokens): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = tokensFile(dataDir);
  fs.writeFileSync(file, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

export function readTokensFile(dataDir: string): DemoTokens | null {
  try {
    return JSON.parse(fs.readFileSync(tokensFile(dataDir), 'utf8')) as DemoTokens;
  } catch {
    return null;
  }
}

export function describeTokens(tokens: DemoTokens): string {
  return [
    `  client      (Northwind Traders)          ${tokens.client}`,
    `  management  (Bluebird Event Management)  ${tokens.management}`,
    `  production  (Lumen Live Productions)     ${tokens.production}`,
  ].join('\n');
}
