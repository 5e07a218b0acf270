import { createHash } from 'node:crypto';
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';
import { AccessEndedError } from '../auth/permissions.js';
import type { Viewer } from '../auth/tokens.js';
import { createContext, type Context } from '../context.js';
import type { Database } from '../db/client.js';
import { isDatabaseUnavailable } from '../db/faults.js';
import { Broadcaster, type BroadcastTiming, type Member } from './broadcaster.js';
import type { ChangeHub } from './hub.js';
import { liveTapOf, type LiveTap } from './stream.js';

/** How long an executed message stays shared: enough for every subscriber to pick it up. */
const SHARED_FOR_MS = 30_000;

type Source = AsyncGenerator<unknown> | AsyncIterable<unknown>;

/**
 * One change, executed and serialised once for a group of identical subscriptions. `ends` is set
 * when the readers no longer may read the stream: it is the error that ends it, and `json` is not sent.
 */
export type SharedMessage = { result: ExecutionResult; json: string; ends?: GraphQLError };

/**
 * A subscriber's own source of events and the shared message for each of them; for a change
 * stream, its tap and the way to join its key's broadcaster once it has caught up (null if it cannot).
 */
export type SharedSource = {
  events: AsyncIterator<unknown>;
  message: (event: unknown) => Promise<SharedMessage>;
  live?: { tap: LiveTap; join: (member: Member) => Broadcaster | null };
};

/**
 * Runs each change once for every group of identical subscriptions — same document, variables
 * (other than where it resumes from) and permissions — and hands the same serialised result to all
 * of them.
 * Each subscriber still has its own source of changes (its own replay and position), so sharing
 * never makes anyone skip, repeat or wait for another.
 */
export class SubscriptionFanout {
  /** By sharing key, then revision: no per-subscriber key string is built for each change. */
  private readonly results = new Map<string, Map<string | number, { at: number; message: Promise<SharedMessage> }>>();
  /** By sharing key and event: the broadcaster writing to its caught-up subscribers. */
  private readonly broadcasters = new Map<string, Broadcaster>();
  private readonly sweeper: NodeJS.Timeout;
  /** How many executions ran, and how many messages reused one; the benchmark reads these. */
  readonly stats = { executions: 0, shared: 0 };
  /** Told of every change a broadcaster wrote, with its timings (the benchmark's view inside the server). */
  onBroadcast?: (timing: BroadcastTiming) => void;

  constructor(
    private readonly hub: ChangeHub,
    /** Runs one execution with a fresh context, on one consistent snapshot of the database. */
    private readonly withContext: (viewer: Viewer | null, run: (ctx: Context) => Promise<ExecutionResult>) => Promise<ExecutionResult>,
    /** Applied once per message before serialising (error masking). */
    private readonly format: (result: ExecutionResult) => ExecutionResult = (result) => result,
  ) {
    this.sweeper = setInterval(() => this.sweep(), SHARED_FOR_MS);
    this.sweeper.unref();
  }

  /**
   * The usual source stream (subscribe-time checks included), with execution shared by key. The
   * caller pulls events and asks for each one's message itself, so a change costs each subscriber
   * no more than one step of its own stream and one lookup here.
   */
  async subscribe(args: ExecutionArgs, key: string): Promise<SharedSource | ExecutionResult> {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source as ExecutionResult;
    const viewer = (args.contextValue as Context).viewer;
    const events = (source as Source)[Symbol.asyncIterator]();
    const message = (event: unknown) => this.executeOnce(key, revisionOf(event), args, event, viewer);
    const tap = liveTapOf(events);
    return {
      events,
      message,
      ...(tap ? { live: { tap, join: (member: Member) => this.join(`${key} ${tap.eventId}`, tap, message, member) } } : {}),
    };
  }

  /** Hands a caught-up subscriber to its key's broadcaster, started by the first one to arrive. */
  private join(id: string, tap: LiveTap, message: (event: unknown) => Promise<SharedMessage>, member: Member): Broadcaster | null {
    let broadcaster = this.broadcasters.get(id);
    if (!broadcaster) {
      const opened = Broadcaster.open(
        this.hub,
        tap,
        message,
        () => {
          if (this.broadcasters.get(id) === opened) this.broadcasters.delete(id);
        },
        (timing) => this.onBroadcast?.(timing),
      );
      if (!opened) return null;
      this.broadcasters.set(id, (broadcaster = opened));
    }
    return broadcaster.join(member);
  }

  /** How many subscribers broadcasters write to, and how many broadcasters there are (tests and the benchmark read it). */
  get broadcasting(): { broadcasters: number; subscribers: number } {
    let subscribers = 0;
    for (const broadcaster of this.broadcasters.values()) subscribers += broadcaster.size;
    return { broadcasters: this.broadcasters.size, subscribers };
  }

  private executeOnce(
    key: string,
    revision: string | number,
    args: ExecutionArgs,
    event: unknown,
    viewer: Viewer | null,
  ): Promise<SharedMessage> {
    let byRevision = this.results.get(key);
    const cached = byRevision?.get(revision);
    if (cached) {
      this.stats.shared++;
      return cached.message;
    }
    this.stats.executions++;
    // A fresh context per change: current data, and permissions checked again for this message.
    const message = this.withContext(viewer, async (contextValue) => execute({ ...args, rootValue: event, contextValue })).then((raw) => {
      // A message with a part missing because the database went away is not sent at all: the
      // subscriber reconnects and gets this change whole once the database is back.
      const lost = raw.errors?.find((e) => isDatabaseUnavailable(e.originalError));
      if (lost) throw lost.originalError;
      const result = this.format(raw);
      const ended = raw.errors?.findIndex((e) => e.originalError instanceof AccessEndedError) ?? -1;
      return { result, json: JSON.stringify(result), ...(ended >= 0 ? { ends: result.errors![ended] } : {}) };
    });
    if (!byRevision) this.results.set(key, (byRevision = new Map()));
    const entries = byRevision;
    entries.set(revision, { at: Date.now(), message });
    // A failure is not kept: whoever asks for this change again gets a fresh execution.
    message.catch(() => {
      if (entries.get(revision)?.message === message) entries.delete(revision);
    });
    return message;
  }

  private sweep(): void {
    const old = Date.now() - SHARED_FOR_MS;
    for (const [key, byRevision] of this.results) {
      for (const [revision, entry] of byRevision) if (entry.at < old) byRevision.delete(revision);
      if (byRevision.size === 0) this.results.delete(key);
    }
  }

  stop(): void {
    clearInterval(this.sweeper);
    this.results.clear();
  }
}

/**
 * The fan-out every transport of one process shares: each message executed on one read-only
 * snapshot (everything in it as of one moment) with a fresh context, its errors masked once.
 */
export function snapshotFanout(db: Database, hub: ChangeHub, maskError: (error: unknown, message: string) => Error): SubscriptionFanout {
  return new SubscriptionFanout(
    hub,
    (viewer, run) =>
      db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute((tx) => run(createContext({ db: tx, viewer, hub }))),
    (result) =>
      result.errors?.length ? { ...result, errors: result.errors.map((e) => maskError(e, 'Unexpected error.') as GraphQLError) } : result,
  );
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function revisionOf(event: unknown): string | number {
  const revision =
    typeof event === 'object' && event !== null && 'revision' in event ? (event as { revision: unknown }).revision : undefined;
  return typeof revision === 'number' ? revision : JSON.stringify(event);
}

/**
 * What makes two subscriptions identical: the operation, its variables except `afterRevision`
 * (where a subscriber resumes is its own business), and who asks as far as permissions go.
 */
export function sharingKey(
  query: string,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  viewer: Viewer | null,
): string {
  const { afterRevision: _resume, ...rest } = variables ?? {};
  // A screen link's scope is part of who asks: its screens share with the same link's, not with full tokens.
  // A client's users read as themselves: the client names which of them read health data.
  const who = viewer
    ? `${viewer.organizationId}:${viewer.isPlatformAdmin ? 'admin' : ''}:${viewer.screen ? JSON.stringify(viewer.screen) : ''}:${viewer.organizationKind === 'CLIENT' && !viewer.screen ? viewer.userId : ''}`
    : 'anonymous';
  // A digest, not the text: each open subscription keeps its key, and the text can be 16 KiB.
  return createHash('sha256')
    .update(JSON.stringify([query, operationName ?? null, rest, who]))
    .digest('base64');
}
