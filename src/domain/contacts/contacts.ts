import type { Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { DB, EventContact, MemberRole } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { createEntity, deleteEntity, updateEntity } from '../entities.js';
import { ValidationError } from '../../shared/errors.js';

/**
 * The contacts area: who to call on site. Management keeps the list; every member of the event
 * reads it. A private contact's phone and e-mail are for its own organization and management only.
 */

export type ContactInput = {
  name: string;
  organizationId?: string | null;
  company?: string | null;
  role?: string | null;
  phone?: string | null;
  email?: string | null;
  onSiteFrom?: Date | null;
  onSiteUntil?: Date | null;
  isPrivate?: boolean | null;
};

/** The fields a private contact shows only to its own organization and to management. */
export const PRIVATE_CONTACT_FIELDS = ['phone', 'email'] as const;

/**
 * Whether a reader sees a contact's private details: management (and platform administrators)
 * always; anyone else when the contact is not private or works for the reader's organization.
 * A contact that is gone (`null`) shows them to management only.
 */
export function showsPrivateDetails(
  contact: Pick<EventContact, 'is_private' | 'organization_id'> | null,
  reader: { organizationId: string; isPlatformAdmin: boolean; role: MemberRole | null },
): boolean {
  if (reader.isPlatformAdmin || reader.role === 'MANAGEMENT') return true;
  if (!contact) return false;
  return !contact.is_private || contact.organization_id === reader.organizationId;
}

function checkHours(from: Date | null | undefined, until: Date | null | undefined): void {
  if (from && until && until.getTime() <= from.getTime()) {
    throw new ValidationError({ field: 'onSiteUntil', message: 'must be after onSiteFrom' });
  }
}

/** The organization must be a member of the event: its people are the ones who see a private contact. */
async function requireMember(tx: Transaction<DB>, eventId: string, organizationId: string): Promise<void> {
  const member = await tx
    .selectFrom('event_member')
    .select('id')
    .where('event_id', '=', eventId)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  if (!member) throw new ValidationError({ field: 'organizationId', message: 'is not a member organization of this event' });
}

export function createContact(db: Database, actor: Actor, eventId: string, input: ContactInput) {
  checkHours(input.onSiteFrom, input.onSiteUntil);
  return createEntity(db, actor, 'event_contact', eventId, async (tx) => {
    if (input.organizationId) await requireMember(tx, eventId, input.organizationId);
    return {
      name: input.name,
      organization_id: input.organizationId ?? null,
      company: input.company ?? null,
      role: input.role ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      on_site_from: input.onSiteFrom ?? null,
      on_site_until: input.onSiteUntil ?? null,
      is_private: input.isPrivate ?? false,
    };
  });
}

export function updateContact(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<ContactInput>) {
  return updateEntity(
    db,
    actor,
    'event_contact',
    id,
    expectedVersion,
    {
      name: patch.name,
      organization_id: patch.organizationId,
      company: patch.company,
      role: patch.role,
      phone: patch.phone,
      email: patch.email,
      on_site_from: patch.onSiteFrom,
      on_site_until: patch.onSiteUntil,
      is_private: patch.isPrivate ?? undefined,
    },
    async (tx, next, before) => {
      checkHours(next.on_site_from, next.on_site_until);
      if (next.organization_id && next.organization_id !== before.organization_id)
        await requireMember(tx, next.event_id, next.organization_id);
    },
  );
}

export function deleteContact(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'event_contact', id, expectedVersion);
}
