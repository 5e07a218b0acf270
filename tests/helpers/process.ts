import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export type Running = { child: ChildProcess; output: () => string; url: string };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A fresh directory under .data/ (made first on a clean checkout) for a server's DATA_DIR. */
export function scratchDir(prefix: string): string {
  fs.mkdirSync('.data', { recursive: true });
  return fs.mkdtempSync(path.resolve('.data', prefix));
}

/** Runs a TypeScript entry point as its own process, as `npm start` and `npm run …` do. */
export function run(
  script: string,
  env: Record<string, string | undefined>,
  args: string[] = [],
  nodeArgs: string[] = [],
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const childEnv = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Starts the server and resolves once it prints where GraphiQL is. */
export async function startServer(
  env: Record<string, string | undefined>,
  timeoutMs = 90_000,
  nodeArgs: string[] = [],
): Promise<Running & { exited: Promise<number | null> }> {
  const proc = run('src/server.ts', { PORT: '0', HOST: '127.0.0.1', ...env }, [], nodeArgs);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // The last line of the banner: the tokens and everything before it are out (stdout may arrive in pieces).
    const match = /GraphiQL: (http:\/\/\S+)\/graphql/.exec(proc.output());
    if (match && proc.output().includes('Press Ctrl-C to stop.')) return { ...proc, url: match[1]! };
    if (proc.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.child.kill('SIGKILL');
  throw new Error(`server did not start:\n${proc.output()}`);
}
