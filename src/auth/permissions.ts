import { hasRowRule, visibleIds } from './row-rules.js';
import { GraphQLError } from 'graphql';
import DataLoader from 'dataloader';
import { loaderFor, operationLoader, perOperation, type Context } from '../context.js';
import type { MemberRole } from '../db/types.js';
import { TYPENAMES } from '../db/entities.js';
import { DomainError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import { ACTION_WORDS, roleMay, type Action, type Target } from './matrix.js';
import { authorizeScreen } from './screens.js';
import { membership } from './role-lookups.js';

export class AuthenticationError extends GraphQLError {
  constructor() {
    super('Authentication required: send "Authorization: Bearer <token>".', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
}

export class InvalidTokenError extends GraphQLError {
  constructor() {
    super('The bearer token is unknown or revoked. Create a new one, or send none to use only public fields.', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
}

/**
 * A subscription whose reader may no longer read what it streams — its organization was removed
 * from the event, its role no longer allows it, or the event or session is gone. The stream ends
 * with this error; like any other refusal, it does not tell a removal from a deletion.
 */
export class AccessEndedError extends DomainError {
  constructor(readonly reason: Error) {
    super(`This subscription has ended: ${reason.message}`);
    this.name = 'AccessEndedError';
  }
}

/**
 * The viewer's role on each event, one statement for all events an operation touches; the roles
 * it has loaded are kept beside it, so later checks on the same event answer synchronously.
 */
const roles = perOperation((ctx) => {
  const settled = new Map<string, MemberRole | null>();
  const loader = new DataLoader<string, MemberRole | null>(async (eventIds) => {
    const { organizationId, screen } = ctx.viewer!;
    // Inside a snapshot (a subscription message) the role is read as of it; otherwise with the
    // operations of this process asking the same at the same moment.
    const found = ctx.db.isTransaction
      ? await membership(ctx.db, organizationId, eventIds)
      : await ctx.hub.roles.roles(organizationId, eventIds);
    return eventIds.map((id, i) => {
      // A screen link reads one event: every other is as if its organization were no member.
      const role = screen && id !== screen.eventId ? null : found[i]!;
      settled.set(id, role);
      return role;
    });
  });
  return { settled, loader };
});

/** Records a role read along with something else (the event row itself), so no statement asks for it again. */
export function primeRole(ctx: Context, eventId: string, role: MemberRole | null): void {
  const { settled, loader } = roles(ctx);
  if (settled.has(eventId)) return;
  settled.set(eventId, role);
  loader.prime(eventId, role);
}

export function roleOn(ctx: Context, eventId: string): Promise<MemberRole | null> {
  if (!ctx.viewer) return Promise.resolve(null);
  return roles(ctx).loader.load(eventId);
}

/**
 * The rows of `rows` the viewer may read: those of events its organization may read (all, for a
 * platform administrator), checked once for rows read together by hand (an event's rooms, primed
 * into their loader). Pages and node lookups ask the same in their SQL (src/auth/visibility.ts,
 * `listedCondition`, `visibleCondition`). Once a role is loaded the answer is synchronous.
 */
export function readableRows<R extends { event_id?: unknown }>(ctx: Context, rows: R[]): R[] | Promise<R[]> {
  if (ctx.viewer?.isPlatformAdmin || rows.length === 0 || typeof rows[0]!.event_id !== 'string') return rows;
  const settled = roles(ctx).settled;
  // Nearly always one event for all (a page's rows are its parent's): checked without a list of them.
  const first = rows[0]!.event_id as string;
  if (roleMay(settled.get(first), 'read') && rows.every((r) => r.event_id === first)) return rows;
  const events = [...new Set(rows.map((r) => r.event_id as string))];
  if (events.every((id) => roleMay(settled.get(id), 'read'))) return rows;
  return Promise.all(events.map((id) => roleOn(ctx, id))).then((roles) => {
    const readable = new Set(events.filter((_id, i) => roleMay(roles[i], 'read')));
    return rows.filter((r) => readable.has(r.event_id as string));
  });
}

const existingEvents = operationLoader<string, string | null>(async (ctx, ids) => {
  const rows = await ctx.db.selectFrom('event').select('id').where('id', 'in', ids).execute();
  const found = new Set(rows.map((r) => r.id));
  return ids.map((i) => (found.has(i) ? i : null));
});

/** The event a row belongs to, or null when there is no such row. */
export function eventOf(ctx: Context, target: Target['table'], id: string): Promise<string | null> {
  if (target === 'event') return existingEvents(ctx).load(id);
  return loaderFor<string, string | null>(ctx, `eventOf:${target}`, async (ids) => {
    const rows = await ctx.db.selectFrom(target).select(['id', 'event_id']).where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, r.event_id]));
    return ids.map((i) => byId.get(i) ?? null);
  }).load(id);
}

/**
 * Passes when the viewer may take every action on the row's event. A row of an event the viewer's
 * organization is not a member of fails exactly like a row that does not exist.
 */
export async function authorizeOnEvent(ctx: Context, table: Target['table'], id: string, actions: readonly Action[]): Promise<true> {
  const viewer = ctx.viewer;
  if (!viewer) throw new AuthenticationError();
  // Membership implies the event exists, so for an event only administrators need the lookup.
  const eventId = !isUuid(id) ? null : table === 'event' && !viewer.isPlatformAdmin ? id : await eventOf(ctx, table, id);
  if (!eventId) throw new NotFoundError(TYPENAMES[table], id);
  if (viewer.isPlatformAdmin) return true;
  const role = await roleOn(ctx, eventId);
  if (!role) throw new NotFoundError(TYPENAMES[table], id);
  // A row its organization may not see (a row rule) is not found either, whatever the role may do.
  if (table !== 'event' && hasRowRule(table) && !(await visibleIds(ctx.db, table, viewer, [id])).has(id))
    throw new NotFoundError(TYPENAMES[table], id);
  if (viewer.screen) await authorizeScreen(ctx, viewer.screen, table, id, actions);
  const refused = actions.find((action) => !roleMay(role, action, viewer.isOrganizationAdmin));
  if (refused) {
    const adminsOnly = roleMay(role, refused, true) ? ' unless you administer your organization' : '';
    throw new ForbiddenError(`Your organization is ${role} on this event and may not ${ACTION_WORDS[refused]}${adminsOnly}.`);
  }
  return true;
}
