import { isDatabaseUnavailable } from '../db/faults.js';
import type { Change } from '../db/types.js';
import type { SharedMessage } from './fanout.js';
import { frameOf } from './frames.js';
import type { ChangeHub } from './hub.js';
import { SlowConsumerError, type LiveTap } from './stream.js';
import { monotonicMs as now } from '../shared/monotonic.js';

/**
 * A subscriber the broadcaster of its sharing key writes to, once its own stream has caught up.
 * What writing means (the frame, the socket's checks, how a stream ends) is the sender's:
 * src/realtime/shared-sender.ts.
 */
export type Member = {
  /** What its frames start with (its operation id): members alike in it share each frame's bytes. */
  readonly prefix: string;
  /** The last revision this subscriber got. */
  last: number;
  /** Writes one message, framed as `frame`, to the subscriber; false when its stream is over (it then leaves). */
  write(message: SharedMessage, frame: Buffer): boolean;
  /** The message for the next change could not be made: the subscriber's stream ends with `error`. */
  fail(error: unknown): void;
};

/**
 * When one change reached a broadcaster, when its message was ready, and when every member had it
 * written; and the CPU time (user + system, all of the process's threads) the writing took — far
 * less than its wall time means the process was waiting for a core, not working.
 */
export type BroadcastTiming = {
  revision: number;
  members: number;
  receivedAt: number;
  readyAt: number;
  writtenAt: number;
  loopCpuMs: number;
};

/**
 * Waits before making a change's message again when the database did not answer in time while its
 * notifications still arrive (it is up, this process is queueing — a wall of screens reconnecting):
 * the change is late rather than every member dropped at once into that same wall.
 */
const RETRY_MS = [250, 1000];

/**
 * One sharing key's live delivery in this process: one listener on the event's feed, one execution
 * per change (the fan-out's, shared with subscribers still replaying), and one loop that writes the
 * message to every caught-up subscriber — instead of a promise chain per subscriber per change.
 * Changes are written in revision order; each member gets each revision after the one it joined
 * at exactly once. Subscribers replaying or filling a gap keep their own stream until they catch up.
 */
export class Broadcaster {
  /** The members by frame prefix: one frame's bytes are made once for all members alike in it. */
  private readonly members = new Map<string, Set<Member>>();
  private count = 0;
  /** Every revision after this one is still to be written (where the feed stood when this started). */
  private written: number;
  private queue: Promise<void> = Promise.resolve();
  private readonly detach: () => void;
  private closed = false;

  private constructor(
    private readonly hub: ChangeHub,
    eventId: string,
    private readonly make: (change: Change) => Promise<SharedMessage>,
    private readonly onClose: () => void,
    private readonly trace?: (timing: BroadcastTiming) => void,
  ) {
    const attached = hub.attach(
      eventId,
      (rows) => this.receive(rows),
      () => this.count,
    );
    if (!attached) throw new Error(`Nothing in this process watches event ${eventId}`);
    this.written = attached.revision;
    this.detach = attached.detach;
  }

  /**
   * A broadcaster for the subscribers of one key, made from the first one's tap and message maker
   * (every subscriber of a key makes the same events and messages). Null when this process no
   * longer watches the event (the subscriber keeps its own stream).
   */
  static open(
    hub: ChangeHub,
    tap: LiveTap,
    message: (event: unknown) => Promise<SharedMessage>,
    onClose: () => void,
    trace?: (timing: BroadcastTiming) => void,
  ): Broadcaster | null {
    const make = async (change: Change) => message(await tap.toEvent(change));
    try {
      return new Broadcaster(hub, tap.eventId, make, onClose, trace);
    } catch {
      return null;
    }
  }

  /**
   * Takes over a subscriber that got every revision up to `member.last`, when every later one is
   * still to be written here; returns this broadcaster (to `leave` later), or null (the subscriber
   * then keeps its own stream).
   */
  join(member: Member): Broadcaster | null {
    if (this.closed) return null;
    if (member.last < this.written) {
      if (this.count === 0) this.close();
      return null;
    }
    let alike = this.members.get(member.prefix);
    if (!alike) this.members.set(member.prefix, (alike = new Set()));
    alike.add(member);
    this.count++;
    return this;
  }

  /** A member goes (its subscription completed); the last one to go closes the broadcaster. */
  leave(member: Member): void {
    if (this.remove(member) && this.count === 0) this.close();
  }

  get size(): number {
    return this.count;
  }

  private remove(member: Member): boolean {
    const alike = this.members.get(member.prefix);
    if (!alike?.delete(member)) return false;
    if (alike.size === 0) this.members.delete(member.prefix);
    this.count--;
    return true;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.detach();
    this.onClose();
  }

  /** The feed's listener: one call per batch of rows for all of the key's subscribers. */
  private receive(rows: readonly Change[]): void {
    for (const row of rows) {
      // Made at once (rows of a batch execute side by side), written in order.
      const receivedAt = this.trace ? now() : 0;
      const message = this.make(row);
      message.catch(() => undefined);
      this.queue = this.queue.then(() => this.write(row, message, receivedAt));
    }
  }

  private async write(row: Change, message: Promise<SharedMessage>, receivedAt: number): Promise<void> {
    const revision = row.revision;
    let shared: SharedMessage | null = null;
    let failure: unknown;
    for (let attempt = 0; ; attempt++) {
      try {
        shared = await message;
        break;
      } catch (error) {
        failure = error;
        const wait = RETRY_MS[attempt];
        // A database that is away (its notifications stopped too) ends the members' streams at once: they resume elsewhere.
        if (wait === undefined || !isDatabaseUnavailable(error) || !this.hub.notified || this.closed) break;
        await new Promise((resolve) => setTimeout(resolve, wait));
        message = this.make(row);
      }
    }
    const readyAt = this.trace ? now() : 0;
    const cpu = this.trace ? process.cpuUsage() : undefined;
    const members = this.count;
    for (const [prefix, alike] of this.members) {
      let frame: Buffer | undefined;
      for (const member of alike) {
        if (member.last >= revision) continue; // it joined after getting this one on its own
        let kept = false;
        if (member.last !== revision - 1) {
          // Never expected (the feed hands over every row once, in order): it resumes where it is.
          member.fail(new SlowConsumerError());
        } else if (shared === null) {
          member.fail(failure);
        } else {
          kept = member.write(shared, (frame ??= frameOf(prefix, shared.json)));
          if (kept) member.last = revision;
        }
        if (!kept) this.remove(member);
      }
    }
    this.written = revision;
    if (this.trace) {
      const used = process.cpuUsage(cpu);
      this.trace({ revision, members, receivedAt, readyAt, writtenAt: now(), loopCpuMs: (used.user + used.system) / 1000 });
    }
    if (this.count === 0) this.close();
  }
}
