import type { Executor } from '../db/client.js';
import type { MemberRole } from '../db/types.js';
import { RunningLookups } from './running-lookups.js';
import type { AccessSignal } from './viewer-cache.js';

/** The organization's role on each event (null: no member), in the order asked: one statement. */
export async function membership(db: Executor, organizationId: string, eventIds: readonly string[]): Promise<(MemberRole | null)[]> {
  const rows = await db
    .selectFrom('event_member')
    .select(['event_id', 'role'])
    .where('organization_id', '=', organizationId)
    .where('event_id', 'in', eventIds)
    .execute();
  const byEvent = new Map(rows.map((r) => [r.event_id, r.role]));
  return eventIds.map((id) => byEvent.get(id) ?? null);
}

/**
 * Organizations' roles on events, looked up for every operation of this process, sharing the
 * statements that are running (src/auth/running-lookups.ts): when a wall of screens reconnects and
 * subscribes at once (after a failover), their operations ask the same role within the same few
 * milliseconds, and one statement answers them all instead of one each. Nothing is kept once a
 * statement has answered, so an operation shares at most the answer of a statement that started
 * while it was on its way — what a statement of its own sent a moment earlier would have read; this
 * process's membership mutations count as access changes, so nothing from before a change made
 * here answers after it. Reads inside a snapshot transaction (a subscription message) do not come
 * here: they read the role as of their snapshot.
 */
export class RoleLookups {
  private readonly lookups = new RunningLookups<MemberRole | null>();

  constructor(
    private readonly db: Executor,
    private readonly access: AccessSignal,
  ) {}

  /** The organization's role on each event (null: no member), in the order asked. */
  roles(organizationId: string, eventIds: readonly string[]): Promise<(MemberRole | null)[]> {
    const generation = this.access.accessGeneration;
    const keyOf = (eventId: string) => `${organizationId}:${eventId}`;
    // The events no running lookup answers, asked in one statement.
    const missing = eventIds.filter((eventId) => !this.lookups.has(keyOf(eventId), generation));
    const lookup = missing.length ? membership(this.db, organizationId, missing) : null;
    const asked = new Map(missing.map((eventId, i) => [eventId, i]));
    return Promise.all(
      eventIds.map((eventId) => this.lookups.join(keyOf(eventId), generation, () => lookup!.then((roles) => roles[asked.get(eventId)!]!))),
    );
  }

  /** How many roles are being looked up now: none once the statements have answered (nothing is kept). */
  get running(): number {
    return this.lookups.size;
  }
}
