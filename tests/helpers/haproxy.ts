import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Daemon } from './daemon.js';
import { freePort } from './process.js';

/**
 * A real HAProxy (Debian's `haproxy`; .ci/run installs it) in front of several API processes, as
 * a deployment runs them: least-connections, health checks on `/health`, WebSocket upgrades passed
 * through (tunnel timeouts long enough for a day's show). Null where it is not installed.
 */
export const HAPROXY = ['/usr/sbin/haproxy', '/usr/bin/haproxy'].find((p) => fs.existsSync(p)) ?? null;

/**
 * The configuration for `backends` (host:port each) on `port`: also what docker-compose.yml's
 * haproxy.cfg says. With `healthPorts`, each backend's checks go to its own port (`HEALTH_PORT`),
 * so they never wait behind a flood of connections on the API port.
 */
export function haproxyConfig(port: number, backends: string[], healthPorts: number[] = []): string {
  return (
    [
      'global',
      // Two descriptors per proxied connection, within this machine's hard limit of 20,000.
      '  maxconn 9000',
      // Servers going down and up, on stderr (requests are logged at a lower level: not shown).
      '  log stderr format short local0 notice',
      'defaults',
      '  log global',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 1h',
      '  timeout server 1h',
      '  timeout tunnel 1h',
      // A process busy taking over a failed process's screens still answers, just later: it
      // stays in (three checks of up to 5 s must fail), while a dead one refuses at once.
      '  timeout check 5s',
      // A connection refused (a process just killed, its checks not failed yet) is tried again on
      // another process.
      '  option redispatch 1',
      '  retries 2',
      'frontend api',
      `  bind 127.0.0.1:${port}`,
      // New connections passed on per second. A failover's wall of reconnects waits here, in the
      // balancer's own accept queue, and reaches the survivors at a pace they take — instead of
      // overflowing their accept queues, where the kernel drops connects that then wait out TCP's
      // backoff (1, 3, 7, 15 s). At 30,000 screens on this machine: all back in 39 and 82 s (70–125 s
      // without), 265 and 1,173 retries instead of 17,000–100,000 (bench/README.md, third round).
      '  rate-limit sessions 150',
      '  default_backend apis',
      'backend apis',
      '  balance leastconn',
      '  option httpchk GET /health',
      '  http-check expect status 200',
      // After one failed check, checks come every 250 ms: a dead process is out within ~1.5 s.
      // (Marking a process down on refused connections too — `observe layer4` — took the busy
      // survivors out in a failover storm at 30,000 screens: connects queued past `timeout connect`.)
      '  default-server inter 1s fastinter 250ms fall 3 rise 2',
      ...backends.map((b, i) => `  server api${i + 1} ${b} check${healthPorts[i] ? ` port ${healthPorts[i]}` : ''}`),
    ].join('\n') + '\n'
  );
}

export class HaProxy {
  private constructor(
    private readonly daemon: Daemon,
    readonly url: string,
  ) {}

  static async start(backends: string[], healthPorts: number[] = []): Promise<HaProxy> {
    if (!HAPROXY) throw new Error('HAProxy is not installed: apt-get install haproxy');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'showcall-haproxy-'));
    const port = await freePort();
    fs.writeFileSync(path.join(dir, 'haproxy.cfg'), haproxyConfig(port, backends, healthPorts));
    const daemon = await Daemon.start('HAProxy', HAPROXY, ['-db', '-f', path.join(dir, 'haproxy.cfg')], port, dir);
    return new HaProxy(daemon, `http://127.0.0.1:${port}`);
  }

  output(): string {
    return this.daemon.output();
  }

  stop(): Promise<void> {
    return this.daemon.stop();
  }
}
