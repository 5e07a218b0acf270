import { sql } from 'kysely';
import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** The organization directory (one list, everyone's parent 'all') and a user's API tokens. */

export type OrganizationFilters = PageArgs & { kind?: string | null };
export const allOrganizations: ListSpec<OrganizationFilters> = {
  name: 'organizations',
  table: 'organization',
  from: (db) =>
    db
      .selectFrom('organization')
      .selectAll()
      .select(sql<string>`'all'`.as('directory')),
  parent: 'directory',
  orderBy: ['name'],
  filter: (args) => (args.kind ? sql<boolean>`kind = ${args.kind}` : null),
};

export const tokensOfUser: ListSpec<PageArgs> = { name: 'user.tokens', table: 'api_token', parent: 'user_id', orderBy: ['created_at'] };
