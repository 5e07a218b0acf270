import type { Executor } from '../db/client.js';
import type { MemberRole } from '../db/types.js';
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

type Running = { generation: number; role: Promise<MemberRole | null> };

/**
 * Organizations' roles on events, looked up for every operation of this process, sharing the
 * statements that are running: when a wall of screens reconnects and subscribes at once (after a
 * failover), their operations ask the same role within the same few milliseconds, and one statement
 * answers them all instead of one each. Nothing is kept once a statement has answered, so an
 * operation shares at most the answer of a statement that started while it was on its way — what a
 * statement of its own sent a moment earlier would have read. A running lookup is joined only in
 * the access generation it started in (`ChangeHub.accessGeneration`; this process's membership
 * mutations count as access changes), so nothing from before a change made here answers after it.
 * Reads inside a snapshot transaction (a subscription message) do not come here: they read the
 * role as of their snapshot.
 */
export class RoleLookups {
  private readonly lookups = new Map<string, Running>();

  constructor(
    private readonly db: Executor,
    private readonly access: AccessSignal,
  ) {}

  /** The organization's role on each event (null: no member), in the order asked. */
  roles(organizationId: string, eventIds: readonly string[]): Promise<(MemberRole | null)[]> {
    const generation = this.access.accessGeneration;
    const keyOf = (eventId: string) => `${organizationId}:${eventId}`;
    const missing = eventIds.filter((eventId) => this.lookups.get(keyOf(eventId))?.generation !== generation);
    if (missing.length) {
      const lookup = membership(this.db, organizationId, missing);
      missing.forEach((eventId, i) => {
        const key = keyOf(eventId);
        const entry: Running = { generation, role: lookup.then((roles) => roles[i]!) };
        this.lookups.set(key, entry);
        const settled = () => {
          if (this.lookups.get(key) === entry) this.lookups.delete(key);
        };
        entry.role.then(settled, settled);
      });
    }
    return Promise.all(eventIds.map((eventId) => this.lookups.get(keyOf(eventId))!.role));
  }

  /** How many roles are being looked up now: none once the statements have answered (nothing is kept). */
  get running(): number {
    return this.lookups.size;
  }
}
