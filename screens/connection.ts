import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentString } from './gql.js';
import { ServerTimeDocument } from './gql.js';

/**
 * One screen's link to the API: graphql-ws for what it watches, HTTP for what it does. It says at
 * every moment whether what the page shows is live, and comes back by itself after any outage.
 */

/** What the page may trust: `live` only when every subscription has had its state since the last (re)connect. */
export type LinkState = 'connecting' | 'catching-up' | 'live' | 'disconnected' | 'refused';

/** The server closes a socket 4403 when its token is unknown or revoked: no retry brings it back. */
const FORBIDDEN = 4403;
/** A socket that does not answer a ping within this is taken for dead and opened again. */
const PONG_TIMEOUT_MS = 5_000;
const KEEP_ALIVE_MS = 10_000;
/** The server clock is asked this often; an answer slower than MAX_RTT_MS is not trusted. */
const CLOCK_SYNC_MS = 30_000;
const MAX_RTT_MS = 1_000;
/**
 * The local clock is watched this often; a tick that lands more than CLOCK_JUMP_MS away from where
 * it should (the clock was stepped, the laptop slept, the tab was frozen) asks the server at once.
 */
const CLOCK_WATCH_MS = 1_000;
const CLOCK_JUMP_MS = 1_000;
/** How far a message's own time may sit from the measured clock before the clock is asked again. */
const CLOCK_HINT_TOLERANCE_MS = 5_000;

type Watched = { fresh: boolean };
type Failure = { message: string; extensions?: { code?: unknown } };
/** Error codes that mean "not now" rather than "no": the screen keeps trying. */
const RETRYABLE = new Set(['SERVICE_UNAVAILABLE', 'RATE_LIMITED', 'INTERNAL_SERVER_ERROR']);
const REVOKED = 'This screen’s link or token was revoked, or is unknown.';

export class Connection {
  state: LinkState = 'connecting';
  /** Why the link was refused, or the last error, in words. */
  reason = '';
  /** The newest revision any message has shown. */
  revision = 0;
  /** Server time minus local time, in ms: `now()` is the server's clock, counted locally. */
  private offset = 0;
  /** Whether an answer with a measured round trip has set `offset` (a message's own time only hints). */
  private measured = false;
  /** When a hint last asked the server (local clock): a burst of messages asks once. */
  private hintedAt = 0;
  private readonly client: Client;
  private readonly watched = new Set<Watched>();
  private readonly listeners = new Set<() => void>();
  private pongTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly token: string) {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    this.client = createClient({
      url,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      keepAlive: KEEP_ALIVE_MS,
      retryAttempts: Infinity,
      shouldRetry: (event) => !isClose(event, FORBIDDEN),
      // Spread out: a restarted server is not met by every screen of a venue at the same instant.
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** retries) * (0.5 + Math.random()))),
      on: {
        connecting: () => this.set(this.state === 'refused' ? 'refused' : this.state === 'connecting' ? 'connecting' : 'disconnected'),
        connected: () => {
          for (const w of this.watched) w.fresh = false;
          this.settle();
          void this.syncClock();
        },
        closed: (event) => {
          clearTimeout(this.pongTimer);
          if (isClose(event, FORBIDDEN)) this.refuse(REVOKED);
          else this.set('disconnected');
        },
        ping: (received) => {
          if (received) return;
          clearTimeout(this.pongTimer);
          this.pongTimer = setTimeout(() => this.client.terminate(), PONG_TIMEOUT_MS);
        },
        pong: (received) => {
          if (received) clearTimeout(this.pongTimer);
        },
      },
    });
    setInterval(() => void this.syncClock(), CLOCK_SYNC_MS);
    let tick = Date.now();
    setInterval(() => {
      const now = Date.now();
      if (Math.abs(now - tick - CLOCK_WATCH_MS) > CLOCK_JUMP_MS) void this.syncClock();
      tick = now;
    }, CLOCK_WATCH_MS);
  }

  /** The server's clock now, counted locally from the last agreement. */
  now(): number {
    return Date.now() + this.offset;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Watches a subscription whose every message is the whole state (the screens' subscriptions are).
   * After a reconnect it is sent again and its first message is the state now: nothing is missed,
   * and a message older than one already shown (from a process that lags) is dropped.
   */
  watch<R, V>(document: TypedDocumentString<R, V>, variables: V, onData: (data: R) => void): () => void {
    const watched: Watched = { fresh: false };
    this.watched.add(watched);
    let shown = 0;
    let stop = () => {};
    let retries = 0;
    const start = () => {
      stop = this.client.subscribe<R>(
        { query: document.toString(), variables: variables as Record<string, unknown> },
        {
          next: (result) => {
            if (result.errors?.length) return this.failed(result.errors, retry);
            retries = 0;
            const data = result.data as R;
            const message = Object.values(data as object)[0] as { revision?: number; serverTime?: string } | undefined;
            if (message?.serverTime) this.hintServerTime(Date.parse(message.serverTime));
            if (message?.revision !== undefined) {
              if (message.revision < shown) return;
              shown = message.revision;
              this.revision = Math.max(this.revision, message.revision);
            }
            watched.fresh = true;
            onData(data);
            this.settle();
          },
          error: (error) => {
            if (isClose(error, FORBIDDEN)) return this.refuse(REVOKED);
            this.failed(Array.isArray(error) ? (error as Failure[]) : [{ message: 'The subscription ended.' }], retry);
          },
          complete: () => undefined,
        },
      );
    };
    // A server that cannot answer now (its database is away, a rate limit) is asked again, spread out.
    const retry = () => {
      watched.fresh = false;
      this.set('disconnected');
      stop();
      setTimeout(start, Math.min(5_000, 500 * 2 ** retries++) * (0.5 + Math.random()));
    };
    start();
    return () => {
      this.watched.delete(watched);
      stop();
    };
  }

  /** A refusal ends the screen; an error the server says is passing is retried. */
  private failed(errors: readonly Failure[], retry: () => void): void {
    if (errors.every((e) => RETRYABLE.has(String(e.extensions?.code)))) retry();
    else this.refuse(errors.map((e) => e.message).join('; '));
  }

  /** Runs a mutation over HTTP; resolves with its data, or rejects with the error in words. */
  async mutate<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
    let response: Response;
    try {
      response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ query: document.toString(), variables }),
      });
    } catch {
      throw new Error('The server did not answer. Try again.');
    }
    const body = (await response.json().catch(() => ({}))) as { data?: R; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    const payload = Object.values((body.data ?? {}) as object)[0] as { message?: string } | undefined;
    if (payload?.message) throw new Error(payload.message);
    return body.data as R;
  }

  /**
   * A message's `serverTime` left the server an unknown while ago, so it only hints: it sets the
   * offset until a measured answer has, and afterwards a hint far from the offset (the local clock
   * jumped) asks the server at once instead of trusting a message that may have waited in a queue.
   */
  private hintServerTime(serverMs: number): void {
    const offset = serverMs - Date.now();
    if (!this.measured) this.offset = offset;
    else if (Math.abs(offset - this.offset) > CLOCK_HINT_TOLERANCE_MS && Math.abs(Date.now() - this.hintedAt) > MAX_RTT_MS * 2) {
      this.hintedAt = Date.now();
      void this.syncClock();
    }
  }

  /** Asks the server its time; a quick answer sets the offset (a slow one says little). */
  private async syncClock(): Promise<void> {
    const sent = Date.now();
    const stop = await new Promise<(() => void) | undefined>((resolve) => {
      const dispose = this.client.subscribe<{ serverTime: string }>(
        { query: ServerTimeDocument.toString() },
        {
          next: ({ data }) => {
            const rtt = Date.now() - sent;
            if (data?.serverTime && rtt >= 0 && rtt <= MAX_RTT_MS) {
              this.offset = Date.parse(data.serverTime) + rtt / 2 - Date.now();
              this.measured = true;
              this.emit();
            }
          },
          error: () => resolve(undefined),
          complete: () => resolve(undefined),
        },
      );
      setTimeout(() => resolve(dispose), MAX_RTT_MS * 5);
    });
    stop?.();
  }

  private settle(): void {
    if (this.state === 'refused') return;
    const catching = [...this.watched].some((w) => !w.fresh);
    this.set(catching ? 'catching-up' : 'live');
  }

  private refuse(reason: string): void {
    this.reason = reason;
    this.set('refused');
  }

  private set(state: LinkState): void {
    if (this.state === 'refused' && state !== 'refused') return;
    this.state = state;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

function isClose(value: unknown, code: number): boolean {
  return typeof value === 'object' && value !== null && 'code' in value && (value as { code: unknown }).code === code;
}
