import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Daemon } from './daemon.js';
import { freePort } from './process.js';

/**
 * A real PgBouncer (Debian's `pgbouncer`; .ci/run installs it) in transaction mode in front of the
 * machine's PostgreSQL: what a production deployment puts between many API processes and the
 * database. Null where it is not installed (vitest.config.ts then leaves its tests out, saying so).
 */
export const PGBOUNCER = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => fs.existsSync(p)) ?? null;

export class PgBouncer {
  private constructor(private readonly daemon: Daemon) {}

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
    return new PgBouncer(await Daemon.start('PgBouncer', PGBOUNCER, [...asUser, path.join(dir, 'pgbouncer.ini')], port, dir));
  }

  get port(): number {
    return this.daemon.port;
  }

  /** `url` with PgBouncer's address in place of PostgreSQL's. */
  through(url: string): string {
    const pooled = new URL(url);
    pooled.hostname = '127.0.0.1';
    pooled.port = String(this.port);
    return pooled.toString();
  }

  output(): string {
    return this.daemon.output();
  }

  stop(): Promise<void> {
    return this.daemon.stop();
  }
}
