import type { Generated, Selectable } from 'kysely';
import { type Timestamp, type Versioned, versioned } from './columns.js';

/** Who to call on site: the event's contacts. */

export interface EventContactTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  name: string;
  /** The member organization the contact works for, if any; its own people see a private contact's details. */
  organization_id: string | null;
  /** The company, for contacts of organizations that are not members (the venue, the caterer). */
  company: string | null;
  role: string | null;
  phone: string | null;
  email: string | null;
  on_site_from: Timestamp | null;
  on_site_until: Timestamp | null;
  is_private: Generated<boolean>;
}

/** Rows as they are read. */
export type EventContact = Selectable<EventContactTable>;

/** This area's tables, as Kysely's database interface names them. */
export interface ContactsTables {
  event_contact: EventContactTable;
}

/** The columns of the tables above, at run time. */
export const contactsColumns = {
  event_contact: [
    'id',
    'event_id',
    'name',
    'organization_id',
    'company',
    'role',
    'phone',
    'email',
    'on_site_from',
    'on_site_until',
    'is_private',
    ...versioned,
  ],
} as const;
