import type { Context } from '../context.js';
import { ForbiddenError } from '../shared/errors.js';
import type { Action, Target } from './matrix.js';
import type { ScreenScope } from './tokens.js';

/**
 * What a screen link may read. It never writes and never reads the history; within its event, a
 * room's link opens that room's stage and nothing else, and a session's link opens that session's
 * run-of-show and its room's stage. Root fields that are not a screen's are refused before this
 * (src/schema/builder.ts); rows of other events are not found (src/auth/permissions.ts).
 */

export const SCREEN_LINK_ONLY =
  'A screen link opens only its screens (the showState, departmentFeed, stageOutput and liveOverview subscriptions); use an API token for anything else.';

async function roomOfSession(ctx: Context, sessionId: string): Promise<string | null> {
  const row = await ctx.db.selectFrom('session').select('room_id').where('id', '=', sessionId).executeTakeFirst();
  return row?.room_id ?? null;
}

export async function authorizeScreen(
  ctx: Context,
  screen: ScreenScope,
  table: Target['table'],
  id: string,
  actions: readonly Action[],
): Promise<void> {
  if (actions.some((action) => action !== 'read')) throw new ForbiddenError(SCREEN_LINK_ONLY);
  if (screen.sessionId) {
    if (table === 'session' && id === screen.sessionId) return;
    if (table === 'room' && id === (await roomOfSession(ctx, screen.sessionId))) return;
    throw new ForbiddenError("This screen link is for one session: its run-of-show and its room's stage timer.");
  }
  if (screen.roomId) {
    if (table === 'room' && id === screen.roomId) return;
    throw new ForbiddenError("This screen link is for one room's stage timer.");
  }
}
