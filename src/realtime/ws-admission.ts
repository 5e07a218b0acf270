import type { IncomingMessage } from 'node:http';
import { bearerToken } from '../auth/tokens.js';

/** Who may open a socket and what one may hold: per-address and per-token caps, and the token an operation brings. */

/** A verifyClient for ws: at most `max` open (and opening) sockets per client address; over it, 429. */
export function admitPerAddress(max: number) {
  const perAddress = new Map<string, number>();
  return (
    info: { req: IncomingMessage },
    accept: (result: boolean, code?: number, message?: string, headers?: Record<string, string>) => void,
  ) => {
    const address = info.req.socket.remoteAddress ?? 'unknown';
    const open = perAddress.get(address) ?? 0;
    if (open >= max) {
      const message = `Too many WebSocket connections from this address: at most ${max} (WS_MAX_CONNECTIONS_PER_IP).`;
      return accept(false, 429, message, { 'Retry-After': '10', 'Content-Type': 'text/plain' });
    }
    perAddress.set(address, open + 1);
    // However the socket ends — handshake refused later, client gone, server closing — it is released.
    info.req.socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
    accept(true);
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
