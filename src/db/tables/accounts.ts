import type { Generated, Selectable } from 'kysely';
import { type Timestamp, type CreatedAt, type Versioned, versioned } from './columns.js';

/** Organizations, their users and API tokens. */

export type OrganizationKind = 'CLIENT' | 'MANAGEMENT_AGENCY' | 'PRODUCTION_AGENCY';

export interface OrganizationTable extends Versioned {
  id: Generated<string>;
  name: string;
  kind: OrganizationKind;
}

export interface AppUserTable extends Versioned {
  id: Generated<string>;
  organization_id: string;
  name: string;
  email: string;
  is_platform_admin: Generated<boolean>;
  is_organization_admin: Generated<boolean>;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: Buffer;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** Rows as they are read. */
export type Organization = Selectable<OrganizationTable>;
export type User = Selectable<AppUserTable>;
export type ApiToken = Selectable<ApiTokenTable>;

/** This area's tables, as Kysely's database interface names them. */
export interface AccountsTables {
  organization: OrganizationTable;
  app_user: AppUserTable;
  api_token: ApiTokenTable;
}

/** The columns of the tables above, at run time. */
export const accountsColumns = {
  organization: ['id', 'name', 'kind', ...versioned],
  app_user: ['id', 'organization_id', 'name', 'email', 'is_platform_admin', 'is_organization_admin', ...versioned],
  api_token: ['id', 'user_id', 'name', 'token_hash', 'created_at', 'last_used_at', 'revoked_at'],
} as const;
