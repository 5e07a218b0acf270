import { createContextCache, initContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Viewer } from './auth/tokens.js';
import type { Database } from './db/client.js';
import type { Actor } from './db/write.js';
import type { ChangeHub } from './realtime/hub.js';
import { DEFAULT_LIMITS } from './limits/limits.js';

/** How a subscription's messages reach their reader; the transport that creates the context says. */
export type Delivery = {
  /** Changes a subscriber may have waiting before it counts as too slow and is dropped. */
  maxPendingChanges: number;
  /** Drops a subscriber that cannot keep up (over WebSocket: closes its socket as slow). */
  onSlowConsumer?: () => void;
};

/** What the transport (yoga's onParams over HTTP, the WebSocket bridge) learned before the context is made. */
export type Transported = { viewer: Viewer | null; deadline?: number; delivery?: Delivery };

/** An operation's context, complete when created: nothing is added to it afterwards. */
export type Context = {
  /** The database; for a subscription message, a read-only snapshot transaction on it. */
  readonly db: Database;
  readonly viewer: Viewer | null;
  /** When an HTTP request must have its answer (epoch ms): the execution timeout counts from arrival. */
  readonly deadline: number | undefined;
  /** This process's view of committed changes; subscriptions listen through it. */
  readonly hub: ChangeHub;
  readonly delivery: Delivery;
};

const DELIVERY: Delivery = { maxPendingChanges: DEFAULT_LIMITS.wsMaxPendingChanges };

export function createContext(options: {
  db: Database;
  viewer: Viewer | null;
  hub: ChangeHub;
  deadline?: number;
  delivery?: Delivery;
}): Context {
  const { db, viewer, hub, deadline, delivery = DELIVERY } = options;
  return { db, viewer, hub, deadline, delivery, ...initContextCache() };
}

/** The one per-operation cache: Pothos' loadable refs keep their loaders in it, and so does everything below. */
export const perOperation = createContextCache as <T>(create: (ctx: Context) => T) => (ctx: Context) => T;

/** A loader that lives as long as the operation, so every relation in it is fetched in one batch. */
export function operationLoader<K, V>(batch: (ctx: Context, keys: readonly K[]) => Promise<ArrayLike<V | Error>>) {
  return perOperation((ctx) => new DataLoader<K, V>((keys) => batch(ctx, keys)));
}

const keyed = perOperation(() => new Map<string, DataLoader<unknown, unknown>>());

/**
 * The operation's loader for `key` (a list with its arguments and selected columns, say); the
 * first caller of a key gives its batch function.
 */
export function loaderFor<K, V>(ctx: Context, key: string, batch: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>): DataLoader<K, V> {
  const loaders = keyed(ctx);
  let loader = loaders.get(key);
  if (!loader) loaders.set(key, (loader = new DataLoader<K, V>(batch) as DataLoader<unknown, unknown>));
  return loader as DataLoader<K, V>;
}

export function actorOf(viewer: Viewer | null): Actor {
  return {
    userId: viewer?.userId ?? null,
    organizationId: viewer?.organizationId ?? null,
    isPlatformAdmin: viewer?.isPlatformAdmin ?? false,
    isOrganizationAdmin: viewer?.isOrganizationAdmin ?? false,
  };
}
