import { sql } from 'kysely';
import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** An event's lists: its members, and the events an organization is a member of. */

export const membersOfEvent: ListSpec<PageArgs> = {
  name: 'event.members',
  table: 'event_member',
  parent: 'event_id',
  orderBy: ['created_at'],
};

export const eventsOfOrganization: ListSpec<PageArgs & { status?: string | null }> = {
  name: 'organization.events',
  table: 'event',
  from: (db) =>
    db
      .selectFrom('event')
      .innerJoin('event_member', 'event_member.event_id', 'event.id')
      .selectAll('event')
      .select('event_member.organization_id as member_organization_id'),
  parent: 'member_organization_id',
  orderBy: ['start_date'],
  filter: (args) => (args.status ? sql<boolean>`status = ${args.status}` : null),
};
