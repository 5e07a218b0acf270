import type { ListSpec, PageArgs } from '../../db/pagination.js';
import type { Executor } from '../../db/client.js';
import type { CrewRole } from '../../db/types.js';

/** An event's crew calls, earliest first. */
export const callsOfEvent: ListSpec<PageArgs> = { name: 'event.crewCalls', table: 'crew_call', parent: 'event_id', orderBy: ['starts_at'] };
/** The calls working a production block, earliest first. */
export const callsOfBlock: ListSpec<PageArgs> = {
  name: 'productionBlock.crewCalls',
  table: 'crew_call',
  parent: 'block_id',
  orderBy: ['starts_at'],
};
/** An event's crew, by name. */
export const membersOfEvent: ListSpec<PageArgs> = {
  name: 'event.crewMembers',
  table: 'crew_member',
  parent: 'event_id',
  orderBy: ['name'],
};
/** The companies that send crew, by name. */
export const vendorsOfEvent: ListSpec<PageArgs> = {
  name: 'event.crewVendors',
  table: 'crew_vendor',
  parent: 'event_id',
  orderBy: ['name'],
};
/** An event's labor rule sets, by name. */
export const ruleSetsOfEvent: ListSpec<PageArgs> = {
  name: 'event.laborRuleSets',
  table: 'labor_rule_set',
  parent: 'event_id',
  orderBy: ['name'],
};
/** Who is on a call, in the order they were put on it. */
export const assignmentsOfCall: ListSpec<PageArgs> = {
  name: 'crewCall.assignments',
  table: 'crew_assignment',
  parent: 'call_id',
  orderBy: ['created_at'],
};
/** A person's calls. */
export const assignmentsOfMember: ListSpec<PageArgs> = {
  name: 'crewMember.assignments',
  table: 'crew_assignment',
  parent: 'member_id',
  orderBy: ['created_at'],
};

export type RoleHeadcount = { role: CrewRole; needed: number; assigned: number; confirmed: number };

/** Per role, people asked for over all calls, put on them, and confirmed: what the client reads of the crew. */
export async function headcountOf(db: Executor, eventIds: readonly string[]): Promise<RoleHeadcount[][]> {
  const rows = await db
    .selectFrom('crew_call as c')
    .leftJoin('crew_assignment as a', 'a.call_id', 'c.id')
    .select((eb) => [
      'c.event_id',
      'c.role',
      eb.fn.countAll<string>().filterWhere('a.id', 'is not', null).as('assigned'),
      eb.fn.countAll<string>().filterWhere('a.status', '=', 'CONFIRMED').as('confirmed'),
    ])
    .where('c.event_id', 'in', eventIds)
    .groupBy(['c.event_id', 'c.role'])
    .execute();
  const needed = await db
    .selectFrom('crew_call')
    .select((eb) => ['event_id', 'role', eb.fn.sum<string>('headcount').as('needed')])
    .where('event_id', 'in', eventIds)
    .groupBy(['event_id', 'role'])
    .execute();
  return eventIds.map((id) =>
    needed
      .filter((n) => n.event_id === id)
      .map((n) => {
        const r = rows.find((x) => x.event_id === id && x.role === n.role);
        return { role: n.role, needed: Number(n.needed), assigned: Number(r?.assigned ?? 0), confirmed: Number(r?.confirmed ?? 0) };
      })
      .sort((a, b) => a.role.localeCompare(b.role)),
  );
}
