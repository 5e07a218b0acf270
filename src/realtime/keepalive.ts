import type { WebSocket } from 'ws';

/** How often the wheel turns; each turn pings the sockets of one slot. */
const TICK_MS = 100;

/** Sockets pinged that have not answered yet (sockets are unique, so one set serves every wheel). */
const unanswered = new WeakSet<WebSocket>();
function answered(this: WebSocket): void {
  unanswered.delete(this);
}

/**
 * Keeps WebSockets alive: every open socket is pinged once per interval, and one that has not
 * answered the previous ping by the next is terminated (a screen whose network vanished).
 *
 * graphql-ws's own keep-alive gives each socket a timer of its own, started when it connects.
 * Screens connect together — a control room after a restart, a venue's displays after a network
 * blip — so they were pinged together too: at 10,000 sockets, every interval, a burst of pings and
 * pongs held the event loop long enough to delay a GO by a hundred milliseconds or more. Here
 * sockets are dealt round-robin into slots of a wheel that turns once per interval, so the pings
 * are spread evenly over it whenever the sockets came, and no socket holds a timer or closure.
 */
export class KeepAlive {
  private readonly slots: Set<WebSocket>[];
  private readonly timer: NodeJS.Timeout | null;
  private tick = 0;
  private dealt = 0;

  constructor(intervalMs: number) {
    const count = Math.max(1, Math.round(intervalMs / TICK_MS));
    this.slots = Array.from({ length: count }, () => new Set<WebSocket>());
    this.timer = intervalMs > 0 && Number.isFinite(intervalMs) ? setInterval(() => this.turn(), intervalMs / count) : null;
    this.timer?.unref();
  }

  /** Watches a socket from now until it closes. */
  add(socket: WebSocket): void {
    if (!this.timer) return;
    this.slots[this.dealt++ % this.slots.length]!.add(socket);
    socket.on('pong', answered);
  }

  private turn(): void {
    const slot = this.slots[this.tick]!;
    this.tick = (this.tick + 1) % this.slots.length;
    for (const socket of slot) {
      if (socket.readyState !== socket.OPEN) {
        if (socket.readyState === socket.CLOSED) slot.delete(socket);
        continue;
      }
      if (unanswered.has(socket)) {
        slot.delete(socket);
        socket.terminate();
        continue;
      }
      unanswered.add(socket);
      socket.ping();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    for (const slot of this.slots) slot.clear();
  }
}
