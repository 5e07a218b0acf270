import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { bearerToken } from '../auth/tokens.js';

/** Who may open a socket and what one may hold: per-address and per-token caps, and the token an operation brings. */

type Accept = (result: boolean, code?: number, message?: string, headers?: Record<string, string>) => void;

/**
 * A verifyClient for ws, and what it counts. Per address: at most `maxPerAddress` open (and
 * opening) sockets; over it, 429. Per process: at most `maxOpening` sockets between their upgrade
 * and their `connection_ack` at once; over it, 503 with `Retry-After` — so when a failed process's
 * screens all come at once, this one takes them on as fast as it can finish them (its token
 * lookups and first statements queued behind a bounded number, never past the pool's deadline,
 * where they would close screens just back with 1013) and the rest come back after their own
 * jittered wait. Pacing the connections themselves is the balancer's (`rate-limit sessions`).
 */
export function admission(options: { maxPerAddress: number; maxOpening: number }) {
  const perAddress = new Map<string, number>();
  /**
   * Sockets between upgrade and acknowledgement, by their TCP socket: each released once. Nothing
   * here keeps the upgrade request, so it goes once the connection is signed in.
   */
  const opening = new Set<Socket>();
  const opened = (tcp: Socket) => void opening.delete(tcp);
  /** Where each counted socket came from (once closed, a socket no longer says). */
  const addressOf = new Map<Socket, string>();
  const verifyClient = (info: { req: IncomingMessage }, accept: Accept) => {
    const tcp = info.req.socket;
    if (opening.size >= options.maxOpening) {
      const message = `This server is taking on ${opening.size} connections at once (WS_MAX_OPENING); connect again in a moment.`;
      return accept(false, 503, message, { 'Retry-After': '1', 'Content-Type': 'text/plain' });
    }
    const address = tcp.remoteAddress ?? 'unknown';
    const open = perAddress.get(address) ?? 0;
    if (open >= options.maxPerAddress) {
      const message = `Too many WebSocket connections from this address: at most ${options.maxPerAddress} (WS_MAX_CONNECTIONS_PER_IP).`;
      return accept(false, 429, message, { 'Retry-After': '10', 'Content-Type': 'text/plain' });
    }
    perAddress.set(address, open + 1);
    opening.add(tcp);
    addressOf.set(tcp, address);
    // However the socket ends — handshake refused later, client gone, server closing — it is released.
    tcp.on('close', released);
    accept(true);
  };
  /** One listener for every socket (`this` is the socket that closed), instead of a closure each. */
  function released(this: Socket) {
    opened(this);
    const address = addressOf.get(this) ?? 'unknown';
    addressOf.delete(this);
    const left = (perAddress.get(address) ?? 1) - 1;
    if (left > 0) perAddress.set(address, left);
    else perAddress.delete(address);
  }
  return {
    verifyClient,
    /** This TCP socket's WebSocket has been acknowledged (or refused): it no longer counts as opening. */
    opened,
  };
}

/** `Authorization` from an operation's `extensions.headers` (GraphiQL sends its Headers tab there). */
export function tokenInHeaders(extensions: Record<string, unknown> | null | undefined): string | null {
  const headers = extensions?.headers;
  if (!headers || typeof headers !== 'object') return null;
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization');
  if (!entry || typeof entry[1] !== 'string') return null;
  return bearerToken(entry[1]) ?? entry[1];
}

/** Operations open per token over all of this process's sockets, so one token cannot pin unbounded memory. */
export class TokenCounts {
  private readonly counts = new Map<string, number>();

  count(tokenId: string | undefined): number {
    return tokenId ? (this.counts.get(tokenId) ?? 0) : 0;
  }

  take(tokenId: string | undefined): void {
    if (tokenId) this.counts.set(tokenId, this.count(tokenId) + 1);
  }

  release(tokenId: string | undefined, n: number): void {
    if (!tokenId || n === 0) return;
    const left = this.count(tokenId) - n;
    if (left > 0) this.counts.set(tokenId, left);
    else this.counts.delete(tokenId);
  }
}
