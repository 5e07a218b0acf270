import type { ColumnType, Generated, Selectable } from 'kysely';
import { type Timestamp, type Versioned, versioned } from './columns.js';

/** Requests between agencies and the change orders they become. */

export type RequestStatus = 'OPEN' | 'ANSWERED' | 'DONE' | 'DECLINED';
export type ChangeOrderStatus = 'AWAITING_CLIENT' | 'APPROVED' | 'REJECTED';

export interface RequestTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  /** The object it is about: its GraphQL type and id. */
  subject_type: string;
  subject_id: string;
  from_organization_id: string;
  to_organization_id: string;
  opened_by_user_id: string | null;
  title: string;
  body: string | null;
  status: Generated<RequestStatus>;
  change_order_status: ChangeOrderStatus | null;
  cost_minor: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  currency: string | null;
  time_impact_minutes: number | null;
  decided_at: Timestamp | null;
  decided_by_user_id: string | null;
  decision_note: string | null;
}

/** A reply in a request's thread; an internal one is read only by its author's organization. */
export interface RequestMessageTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  request_id: string;
  author_organization_id: string;
  author_user_id: string | null;
  body: string;
  internal: Generated<boolean>;
}

export type Request = Selectable<RequestTable>;
export type RequestMessage = Selectable<RequestMessageTable>;

export interface RequestsTables {
  request: RequestTable;
  request_message: RequestMessageTable;
}

export const requestsColumns = {
  request: [
    'id',
    'event_id',
    'subject_type',
    'subject_id',
    'from_organization_id',
    'to_organization_id',
    'opened_by_user_id',
    'title',
    'body',
    'status',
    'change_order_status',
    'cost_minor',
    'currency',
    'time_impact_minutes',
    'decided_at',
    'decided_by_user_id',
    'decision_note',
    ...versioned,
  ],
  request_message: ['id', 'event_id', 'request_id', 'author_organization_id', 'author_user_id', 'body', 'internal', ...versioned],
} as const;
