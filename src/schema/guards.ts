import { AuthenticationError } from '../auth/permissions.js';
import type { Viewer } from '../auth/tokens.js';
import type { Context } from '../context.js';
import { actorOf } from '../context.js';
import type { Actor } from '../db/write.js';

/** The caller, or a clear error for a request that carries no valid token. */
export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw new AuthenticationError();
  return ctx.viewer;
}

export function requireActor(ctx: Context): Actor {
  return actorOf(requireViewer(ctx));
}
