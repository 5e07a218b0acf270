import pg from 'pg';
import type { Database } from '../db/client.js';
import type { Change } from '../db/types.js';
import { CHANGE_CHANNEL } from '../db/write.js';
import { RoleLookups } from '../auth/role-lookups.js';

/** Where the database announces that what a token may be changed (a revocation, an admin flag). */
export const ACCESS_CHANNEL = 'showcall_access';

export type ChangeListener = (changes: readonly Change[]) => void;

const PAGE = 500;
/**
 * How many of an event's latest changes its feed keeps: a screen coming back within this many
 * revisions (a failover, a network blip — at a GO every second, a quarter of an hour) replays them
 * from memory instead of reading the table, so ten thousand resuming at once cost no statements.
 */
const RECENT = 1000;

/** Change rows of one event after a revision, oldest first. */
export function readChanges(db: Database, eventId: string, afterRevision: number, limit = PAGE): Promise<Change[]> {
  return db
    .selectFrom('change')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('revision', '>', afterRevision)
    .orderBy('revision')
    .limit(limit)
    .execute();
}

/**
 * One event's feed in this process: it reads each batch of new change rows once and hands the same
 * rows to every listener. Reads run one at a time, so listeners see revisions in order.
 */
class EventFeed {
  /** Each listener, and how many subscribers it stands for (a broadcaster stands for many). */
  readonly listeners = new Map<ChangeListener, () => number>();
  private seen: number;
  private running: Promise<void> = Promise.resolve();
  private wanted = false;
  /** The latest rows handed out, oldest first: revisions `recentFrom + 1` to `seen`, none missing. */
  private recent: Change[] = [];
  private recentFrom: number;

  constructor(
    private readonly db: Database,
    readonly eventId: string,
    revision: number,
  ) {
    this.seen = revision;
    this.recentFrom = revision;
  }

  get revision(): number {
    return this.seen;
  }

  /** The rows after `after` up to `upTo`, from memory; null unless every one of them is kept. */
  since(after: number, upTo: number): Change[] | null {
    if (after < this.recentFrom || after > upTo || upTo > this.seen || this.recentFrom + this.recent.length !== this.seen) return null;
    return this.recent.slice(after - this.recentFrom, upTo - this.recentFrom);
  }

  private remember(rows: readonly Change[]): void {
    for (const row of rows) {
      // Kept only while unbroken: after anything else the window starts again at this row.
      if (row.revision !== this.recentFrom + this.recent.length + 1) {
        this.recent = [];
        this.recentFrom = row.revision - 1;
      }
      this.recent.push(row);
    }
    if (this.recent.length > 2 * RECENT) {
      const cut = this.recent.length - RECENT;
      this.recent = this.recent.slice(cut);
      this.recentFrom += cut;
    }
  }

  /** Something may have been committed up to `revision` (unknown when a poll or reconnect asks). */
  pull(revision?: number): void {
    if (revision !== undefined && revision <= this.seen) return;
    if (this.wanted) return;
    this.wanted = true;
    this.running = this.running.then(async () => {
      this.wanted = false;
      for (;;) {
        const rows = await readChanges(this.db, this.eventId, this.seen).catch(() => [] as Change[]);
        if (rows.length === 0) return;
        this.remember(rows);
        this.seen = rows[rows.length - 1]!.revision;
        for (const listener of this.listeners.keys()) listener(rows);
        if (rows.length < PAGE) return;
      }
    });
  }
}

/**
 * How this API process learns of commits, whichever process made them: PostgreSQL LISTEN/NOTIFY
 * (payload `eventId:revision`), a slow poll of the watched events' revisions for anything a
 * dropped connection missed, and a fresh LISTEN after every reconnect.
 */
export class ChangeHub {
  private readonly feeds = new Map<string, EventFeed>();
  private readonly observers = new Set<(eventId: string) => void>();
  private readonly accessObservers = new Set<() => void>();
  /**
   * Bumped whenever what a token may be can have changed unseen here: an access notification
   * (migrations/20261223000000_access_notify.ts), a change made in this process, and a LISTEN
   * connection lost or made (notifications in between are lost). What is kept from before is stale.
   */
  accessGeneration = 0;
  /** Organizations' roles on events, one statement shared by the operations asking at once (src/auth/role-lookups.ts). */
  readonly roles: RoleLookups;
  private listener: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private poller: NodeJS.Timeout | null = null;
  private stopped = false;
  private retryMs = 250;

  constructor(
    private readonly db: Database,
    private readonly options: { databaseUrl?: string; catchUpMs?: number } = {},
  ) {
    this.roles = new RoleLookups(db, this);
  }

  /** Listens to one event from its current revision on; returns the way to stop listening. */
  async watch(eventId: string, listener: ChangeListener): Promise<() => void> {
    this.start();
    let feed = this.feeds.get(eventId);
    if (!feed) {
      const { revision } = await this.db.selectFrom('event').select('revision').where('id', '=', eventId).executeTakeFirstOrThrow();
      feed = this.feeds.get(eventId) ?? new EventFeed(this.db, eventId, revision);
      this.feeds.set(eventId, feed);
    }
    const stop = this.listenTo(feed, listener);
    // Anything committed while the feed was being set up is picked up now.
    feed.pull();
    return stop;
  }

  /**
   * Joins the feed of an event this process already watches, at once: the revision the feed has
   * reached (every later row reaches `listener`, in order), the way to leave, and `since(after)`:
   * the rows from `after` up to that revision, when the feed still keeps them all (else null).
   * Null when nothing here watches the event.
   */
  attach(
    eventId: string,
    listener: ChangeListener,
    subscribers: () => number = () => 1,
  ): { revision: number; detach: () => void; since: (after: number) => Change[] | null } | null {
    const feed = this.feeds.get(eventId);
    if (!feed) return null;
    const revision = feed.revision;
    return { revision, detach: this.listenTo(feed, listener, subscribers), since: (after) => feed.since(after, revision) };
  }

  private listenTo(feed: EventFeed, listener: ChangeListener, subscribers: () => number = () => 1): () => void {
    feed.listeners.set(listener, subscribers);
    return () => {
      feed.listeners.delete(listener);
      if (feed.listeners.size === 0 && this.feeds.get(feed.eventId) === feed) this.feeds.delete(feed.eventId);
    };
  }

  /**
   * Hears of every commit to any event, from any process (the follow runner's nudge). Only the
   * event id: what changed is for the observer to read. Returns the way to stop.
   */
  observe(observer: (eventId: string) => void): () => void {
    this.start();
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Hears when what tokens may be changed (see `accessGeneration`). Returns the way to stop. */
  onAccessChange(observer: () => void): () => void {
    this.accessObservers.add(observer);
    return () => this.accessObservers.delete(observer);
  }

  /** Whether notifications reach this process now: only then is anything kept between requests trustworthy. */
  get notified(): boolean {
    return this.listener !== null;
  }

  /** What tokens may be has changed (this process wrote it, or heard it was written). */
  accessChanged(): void {
    this.accessGeneration++;
    for (const observer of this.accessObservers) observer();
  }

  /** How many subscribers of this process listen to an event (tests await it instead of sleeping). */
  listening(eventId: string): number {
    let count = 0;
    for (const subscribers of this.feeds.get(eventId)?.listeners.values() ?? []) count += subscribers();
    return count;
  }

  private start(): void {
    if (this.poller || this.stopped) return;
    this.poller = setInterval(() => void this.catchUp(), this.options.catchUpMs ?? 5000);
    this.poller.unref();
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (!this.options.databaseUrl || this.stopped || this.connecting) return;
    this.connecting = (async () => {
      // Bounded, so a database that does not answer (frozen, partitioned) cannot hold up reconnecting.
      const client = new pg.Client({ connectionString: this.options.databaseUrl, connectionTimeoutMillis: 5000, keepAlive: true });
      const lost = () => {
        if (this.listener !== client) return;
        this.listener = null;
        this.accessChanged();
        client.removeAllListeners('notification');
        void client.end().catch(() => undefined);
        this.reconnectLater();
      };
      client.on('error', lost);
      client.on('end', lost);
      try {
        await client.connect();
        client.on('notification', (message) => {
          if (message.channel === ACCESS_CHANNEL) return this.accessChanged();
          const [eventId, revision] = (message.payload ?? '').split(':');
          if (!eventId) return;
          this.feeds.get(eventId)?.pull(Number(revision));
          for (const observer of this.observers) observer(eventId);
        });
        await client.query(`LISTEN ${CHANGE_CHANNEL}; LISTEN ${ACCESS_CHANNEL}`);
        if (this.stopped) {
          await client.end();
          return;
        }
        this.listener = client;
        this.accessChanged();
        this.retryMs = 250;
        // Whatever was committed while no one was listening.
        void this.catchUp();
      } catch {
        client.removeAllListeners();
        client.on('error', () => undefined);
        await client.end().catch(() => undefined);
        this.reconnectLater();
      }
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private reconnectLater(): void {
    if (this.stopped) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 5000);
    setTimeout(() => void this.connect(), delay).unref();
  }

  /** Compares every watched event's revision with what its feed has seen. */
  async catchUp(): Promise<void> {
    if (this.feeds.size === 0) return;
    try {
      const rows = await this.db
        .selectFrom('event')
        .select(['id', 'revision'])
        .where('id', 'in', [...this.feeds.keys()])
        .execute();
      for (const row of rows) this.feeds.get(row.id)?.pull(row.revision);
    } catch {
      // the database is away; the next round, or the reconnect, catches up
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poller) clearInterval(this.poller);
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => undefined);
  }
}
