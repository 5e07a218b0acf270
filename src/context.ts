import DataLoader from 'dataloader';
import type { Viewer } from './auth/tokens.js';
import type { Database } from './db/client.js';
import type { Actor } from './db/write.js';
import type { ChangeHub } from './realtime/hub.js';

/**
 * Per-request (or per-subscription-event) loaders, keyed by what they load and with which
 * arguments, so every relation in one operation is fetched in one batch.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(key: string, batch: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<K, V>(batch) as DataLoader<unknown, unknown>;
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

export type Context = {
  /** The database; for a subscription message, a read-only snapshot transaction on it. */
  db: Database;
  viewer: Viewer | null;
  /** When an HTTP request must have its answer (epoch ms): the execution timeout counts from arrival. */
  deadline?: number;
  loaders: Loaders;
  /** This process's view of committed changes; subscriptions listen through it. */
  hub: ChangeHub;
  /** Set for WebSocket subscriptions: drops a subscriber that cannot keep up. */
  onSlowConsumer?: () => void;
  limits?: { maxPendingChanges?: number };
  /** False where each message is resolved elsewhere with a context of its own (the WebSocket fan-out). */
  resolvesMessages?: boolean;
};

export function createContext(db: Database, viewer: Viewer | null, hub: ChangeHub): Context {
  return { db, viewer, loaders: new Loaders(), hub };
}

export function actorOf(viewer: Viewer | null): Actor {
  return {
    userId: viewer?.userId ?? null,
    organizationId: viewer?.organizationId ?? null,
    isPlatformAdmin: viewer?.isPlatformAdmin ?? false,
  };
}
