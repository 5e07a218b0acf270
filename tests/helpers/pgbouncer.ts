import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './process.js';

/**
 * A real PgBouncer (Debian's `pgbouncer`; .ci/run installs it) in transaction mode in front of the
 * machine's PostgreSQL: what a production deployment puts between many API processes and the
 * database. Null where it is not installed (vitest.config.ts then leaves its tests out, saying so).
 */
export const PGBOUNCER = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => fs.existsSync(p)) ?? null;

export class PgBouncer {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly dir: string,
    private readonly text: () => string,
  ) {}

  /** Pools server connections per database, at most `poolSize` each, to PostgreSQL at `upstream` (host:port). */
  static async start(upstream: URL, poolSize = 4): Promise<PgBouncer> {
    if (!PGBOUNCER) throw new Error('PgBouncer is not installed: apt-get install pgbouncer');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcall-pgbouncer-'));
    const port = await freePort();
    fs.writeFileSync(path.join(dir, 'users.txt'), `"${decodeURIComponent(upstream.username) || 'postgres'}" ""\n`);
    fs.writeFileSync(
      path.join(dir, 'pgbouncer.ini'),
      [
        '[databases]',
        `* = host=${upstream.hostname} port=${upstream.port || 5432}`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        'auth_type = trust',
        `auth_file = ${path.join(dir, 'users.txt')}`,
        'pool_mode = transaction',
        `default_pool_size = ${poolSize}`,
        'max_client_conn = 1000',
        'unix_socket_dir =',
        // A statement nobody answers is not waited for forever, whatever the client does.
        'query_timeout = 30',
        'idle_transaction_timeout = 30',
      ].join('\n') + '\n',
    );
    for (const file of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, file), 0o644);
    // PgBouncer refuses to run as root.
    const asUser = os.userInfo().uid === 0 ? ['-u', 'nobody'] : [];
    const child = spawn(PGBOUNCER, [...asUser, path.join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
    for (const end = Date.now() + 10_000; Date.now() < end;) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
        socket.on('error', () => resolve(false));
      });
      if (up) return new PgBouncer(child, port, dir, () => text);
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    throw new Error(`PgBouncer did not start:\n${text}`);
  }

  /** `url` with PgBouncer's address in place of PostgreSQL's. */
  through(url: string): string {
    const pooled = new URL(url);
    pooled.hostname = '127.0.0.1';
    pooled.port = String(this.port);
    return pooled.toString();
  }

  output(): string {
    return this.text();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
