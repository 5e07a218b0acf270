import { CloseCode } from 'graphql-ws';
import type { WebSocket } from 'ws';

/**
 * Whether each socket of the process is still there: the connection_init deadline and the
 * keep-alive, judged by what the socket has sent and never by a timer alone.
 *
 * graphql-ws's own keeps a timer per socket and cuts a socket off the moment its timer fires. On a
 * process swamped by a failover storm, timers run before the input waiting in the kernel is read,
 * so healthy screens whose pong (or connection_init) had arrived were cut off — and came back as
 * more storm. Here one sweep visits a share of the sockets each tick (every socket about once an
 * interval, so pings are spread rather than bunched); a socket heard from within the interval (its
 * own graphql-ws pings, as the screens send, or any message) is not pinged at all; one silent for
 * an interval is pinged, and one still silent an interval after that ping is a suspect. A suspect
 * is judged again after the loop's next read of its input (`setImmediate` runs after the poll
 * phase): only one still silent then is cut off — within two to four intervals of its last word.
 * One Map entry a socket instead of two timers and their closures.
 */
type Watch = {
  /** The tick of the last frame from the client (a message or a pong); -1 until its first message. */
  heard: number;
  /** The tick of the last ping, or -1. */
  pinged: number;
};

const NEVER = -1;

export class SocketLiveness {
  private readonly watched = new Map<WebSocket, Watch>();
  /** Sockets that have not sent their first message yet, by deadline (all share one timeout, so in order). */
  private opening: { socket: WebSocket; deadline: number }[] = [];
  private openingHead = 0;
  private cursor: MapIterator<[WebSocket, Watch]> | null = null;
  /** Wall-clock time in ticks since the watch began (small integers, so a watch stays two words). */
  private tick = 0;
  private readonly began = performance.now();
  private readonly tickMs: number;
  private readonly ticksPerInterval: number;
  private readonly timer: NodeJS.Timeout | null;
  /** The connection_init deadline in ms, or null when off. */
  private readonly initTimeoutMs: number | null;
  /** One listener of each kind for every socket (an emitter calls it with the socket as `this`): no closure per socket. */
  private readonly heard: (this: WebSocket) => void;
  private readonly closed: (this: WebSocket) => void;

  constructor(options: { keepAliveMs: number; initTimeoutMs: number }) {
    const on = (ms: number) => ms > 0 && Number.isFinite(ms);
    this.initTimeoutMs = on(options.initTimeoutMs) ? options.initTimeoutMs : null;
    const keepAliveMs = on(options.keepAliveMs) ? options.keepAliveMs : null;
    this.tickMs = Math.max(10, Math.min(250, (keepAliveMs ?? Infinity) / 8, (this.initTimeoutMs ?? Infinity) / 8));
    this.ticksPerInterval = keepAliveMs === null ? Infinity : Math.max(1, Math.round(keepAliveMs / this.tickMs));
    this.timer = keepAliveMs !== null || this.initTimeoutMs !== null ? setInterval(() => this.sweep(), this.tickMs) : null;
    this.timer?.unref();
    const { watched } = this;
    const tick = () => this.tick;
    this.heard = function (this: WebSocket) {
      const watch = watched.get(this);
      if (watch) watch.heard = tick();
    };
    this.closed = function (this: WebSocket) {
      watched.delete(this);
    };
  }

  /** Watches a socket from its upgrade until it closes. */
  watch(socket: WebSocket): void {
    this.watched.set(socket, { heard: NEVER, pinged: NEVER });
    if (this.initTimeoutMs !== null) this.opening.push({ socket, deadline: performance.now() + this.initTimeoutMs });
    socket.on('message', this.heard);
    socket.on('pong', this.heard);
    socket.once('close', this.closed);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.watched.clear();
    this.opening = [];
  }

  private sweep(): void {
    const now = performance.now();
    const tick = (this.tick = Math.floor((now - this.began) / this.tickMs));
    const silentSinceOpen: WebSocket[] = [];
    const silentSincePing: WebSocket[] = [];
    while (this.openingHead < this.opening.length && this.opening[this.openingHead]!.deadline <= now) {
      const { socket } = this.opening[this.openingHead++]!;
      if (this.watched.get(socket)?.heard === NEVER) silentSinceOpen.push(socket);
    }
    if (this.openingHead > 1024 && this.openingHead * 2 > this.opening.length) {
      this.opening = this.opening.slice(this.openingHead);
      this.openingHead = 0;
    }
    // Each tick a share of the sockets, so that every one is visited at least once an interval.
    for (let share = Math.ceil(this.watched.size / this.ticksPerInterval); share > 0; share--) {
      let next = this.cursor?.next();
      if (!next || next.done) {
        this.cursor = this.watched.entries();
        next = this.cursor.next();
        if (next.done) break;
      }
      const [socket, watch] = next.value;
      // Until its first message the connection_init deadline speaks for it.
      if (watch.heard === NEVER || socket.readyState !== socket.OPEN) continue;
      // Heard from lately (a screen's own graphql-ws pings, an operation, the last pong): nothing to ask.
      if (tick - watch.heard < this.ticksPerInterval) continue;
      if (watch.pinged <= watch.heard) {
        watch.pinged = tick;
        socket.ping();
      } else if (tick - watch.pinged >= this.ticksPerInterval) silentSincePing.push(socket); // pinged an interval ago, silent since
    }
    if (silentSinceOpen.length || silentSincePing.length) setImmediate(() => this.judge(silentSinceOpen, silentSincePing));
  }

  /** After the loop has read what was waiting: only sockets still silent go. */
  private judge(silentSinceOpen: WebSocket[], silentSincePing: WebSocket[]): void {
    for (const socket of silentSinceOpen) {
      if (this.watched.get(socket)?.heard !== NEVER || socket.readyState !== socket.OPEN) continue;
      socket.close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout');
    }
    for (const socket of silentSincePing) {
      const watch = this.watched.get(socket);
      // Cut off without a closing handshake: a peer that does not answer pings will not answer a close.
      if (watch && watch.pinged > watch.heard) socket.terminate();
    }
  }
}
