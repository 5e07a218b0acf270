import { describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { allRows, servedSuite, as, gid, having, ok, persona, revisionOf, subscribe, wsClient } from './helpers/index.js';

/**
 * The contacts area, the recipe's proof (src/README.md): management keeps the list, every member
 * reads it, and a private contact's phone and e-mail reach only its own organization and
 * management — in lists, through `node`, in the history and over a live subscription.
 */

const s = servedSuite();

const eventId = () => gid('Event', s.world.event.id);

/** Every table of the event, so a refused change can be shown to have written nothing. */
const snapshot = () => allRows(s.t.db);

/** A fresh contact made by management, so each test starts from its own. */
async function newContact(input: Partial<ops.CreateEventContactInput> = {}) {
  const created = ok(
    await s.as.management(ops.CreateEventContactDocument, {
      input: {
        eventId: eventId(),
        name: 'Luis Ortega',
        company: 'Harborview',
        phone: '+1 619 555 0110',
        email: 'luis@venue.test',
        ...input,
      },
    }),
  );
  return as(created.createEventContact, 'CreateEventContactPayload');
}

describe('management keeps the list', () => {
  it('creates, updates and deletes a contact, one revision each, on the event wall clock', async () => {
    const before = await revisionOf(s.t.db, s.world.event.id);
    const created = await newContact({ role: 'Banquet captain', onSiteFrom: '2027-03-01T06:00:00Z', onSiteUntil: '2027-03-02T22:00:00Z' });
    expect(created.revision).toBe(before + 1);
    expect(created.contact).toMatchObject({
      name: 'Luis Ortega',
      role: 'Banquet captain',
      onSiteUntilLocal: '2027-03-02T23:00:00',
      version: 1,
    });

    const updated = as(
      ok(
        await s.as.management(ops.UpdateEventContactDocument, {
          input: { id: created.contact.id, expectedVersion: 1, role: 'Venue manager' },
        }),
      ).updateEventContact,
      'UpdateEventContactPayload',
    );
    expect(updated).toMatchObject({ revision: before + 2, contact: { role: 'Venue manager', version: 2 } });

    const stale = ok(
      await s.as.management(ops.UpdateEventContactDocument, { input: { id: created.contact.id, expectedVersion: 1, role: 'x' } }),
    );
    expect(stale.updateEventContact.__typename).toBe('StaleVersionError');

    const deleted = ok(await s.as.management(ops.DeleteEventContactDocument, { input: { id: created.contact.id } }));
    expect(as(deleted.deleteEventContact, 'DeleteEventContactPayload').revision).toBe(before + 3);
    expect(ok(await s.as.management(ops.ContactNodeDocument, { id: created.contact.id })).node).toBeNull();
  });

  it('refuses production and the client, writing nothing', async () => {
    const before = await snapshot();
    for (const who of ['production', 'client'] as const) {
      const refused = ok(await s.as[who](ops.CreateEventContactDocument, { input: { eventId: eventId(), name: 'Someone' } }));
      expect(refused.createEventContact.__typename).toBe('ForbiddenError');
      expect((refused.createEventContact as { message: string }).message).toMatch(/may not plan this event/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('names the field of bad input and writes nothing', async () => {
    const outsider = await persona(s.t.db, 'PRODUCTION_AGENCY', 'outsider');
    const before = await snapshot();
    const cases: [Partial<ops.CreateEventContactInput>, string, RegExp][] = [
      [{ phone: 'call me maybe' }, 'phone', /digits/],
      [{ phone: '+1 2' }, 'phone', /at least five digits/],
      [{ email: 'not-an-address' }, 'email', /email address/],
      [{ name: '   ' }, 'name', /must not be empty/],
      [{ onSiteFrom: '2027-03-02T10:00:00Z', onSiteUntil: '2027-03-01T10:00:00Z' }, 'onSiteUntil', /after onSiteFrom/],
      [{ organizationId: gid('Organization', outsider.organizationId) }, 'organizationId', /not a member organization/],
    ];
    for (const [input, field, message] of cases) {
      const response = await s.as.management(ops.CreateEventContactDocument, {
        input: { eventId: eventId(), name: 'Bad Input', ...input },
      });
      const result = response.data?.createEventContact;
      // Argument validation answers with a typed ValidationError; so does the domain.
      expect(result?.__typename, JSON.stringify(response)).toBe('ValidationError');
      const error = result as Extract<typeof result, { __typename: 'ValidationError' }>;
      expect(error.issues.map((i) => i.field).join(' ') + ' ' + error.field).toContain(field);
      expect(error.message + JSON.stringify(error.issues)).toMatch(message);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('every member reads the list; private details only for their own organization and management', () => {
  it('withholds phone and e-mail of a private contact from the client, in the list and through node', async () => {
    const id = gid('EventContact', s.world.contactId);
    const listed = async (who: keyof typeof s.as) => {
      const event = having(ok(await s.as[who](ops.EventContactsDocument, { eventId: eventId() })).node, 'contacts');
      return event.contacts.nodes.find((c) => c.id === id)!;
    };
    for (const who of ['management', 'production'] as const) {
      expect(await listed(who)).toMatchObject({ phone: '+49 30 1234567', email: 'caller@production.test', detailsWithheld: false });
    }
    expect(await listed('client')).toMatchObject({
      name: 'Show Caller',
      role: 'Show caller',
      phone: null,
      email: null,
      detailsWithheld: true,
    });
    expect(ok(await s.as.client(ops.ContactNodeDocument, { id })).node).toMatchObject({ phone: null, email: null, detailsWithheld: true });
    expect(ok(await s.as.production(ops.ContactNodeDocument, { id })).node).toMatchObject({ phone: '+49 30 1234567' });
  });

  it('shows a contact that is not private to every member', async () => {
    const { contact } = await newContact();
    expect(ok(await s.as.client(ops.ContactNodeDocument, { id: contact.id })).node).toMatchObject({
      phone: '+1 619 555 0110',
      detailsWithheld: false,
    });
  });

  it('leaves private details out of the history, judged by the contact as it is now', async () => {
    const { contact, revision } = await newContact({ phone: '+1 619 555 0199' });
    const history = async (who: keyof typeof s.as) => {
      const event = having(ok(await s.as[who](ops.EventHistoryDocument, { eventId: eventId() })).node, 'changes');
      return event.changes.nodes.find((c) => c.revision === revision)!.after as Record<string, unknown>;
    };
    // Public: everyone sees the number it was created with.
    expect(await history('client')).toMatchObject({ phone: '+1 619 555 0199' });
    // Made private (and given to production), the old value goes out of the client's history too.
    const orgId = gid('Organization', s.world.production.organizationId);
    ok(
      await s.as.management(ops.UpdateEventContactDocument, {
        input: { id: contact.id, expectedVersion: 1, isPrivate: true, organizationId: orgId },
      }),
    );
    const clientView = await history('client');
    expect(clientView).not.toHaveProperty('phone');
    expect(clientView).not.toHaveProperty('email');
    expect(clientView).toMatchObject({ name: 'Luis Ortega' });
    expect(await history('production')).toMatchObject({ phone: '+1 619 555 0199' });
    expect(await history('management')).toMatchObject({ phone: '+1 619 555 0199' });
    // Deleted, the contact's details are management's alone.
    ok(await s.as.management(ops.DeleteEventContactDocument, { input: { id: contact.id } }));
    expect(await history('production')).not.toHaveProperty('phone');
    expect(await history('management')).toMatchObject({ phone: '+1 619 555 0199' });
  });

  it('withholds them from an open subscription too, in the change and in its entity', async () => {
    const from = await revisionOf(s.t.db, s.world.event.id);
    const variables = { eventId: eventId(), afterRevision: from };
    const clientScreen = subscribe(wsClient(s.url, s.world.client.token), ops.ContactChangesDocument, variables);
    const productionScreen = subscribe(wsClient(s.url, s.world.production.token), ops.ContactChangesDocument, variables);
    const orgId = gid('Organization', s.world.production.organizationId);
    await newContact({ name: 'Stage Manager', phone: '+49 30 7654321', isPrivate: true, organizationId: orgId });

    const seenByClient = (await clientScreen.nextMessage(0)).eventChanges;
    expect(seenByClient.kind).toBe('EventContact.created');
    expect(seenByClient.after).not.toHaveProperty('phone');
    expect(seenByClient.entity).toMatchObject({ phone: null, detailsWithheld: true });
    const seenByProduction = (await productionScreen.nextMessage(0)).eventChanges;
    expect(seenByProduction.after).toMatchObject({ phone: '+49 30 7654321' });
    expect(seenByProduction.entity).toMatchObject({ phone: '+49 30 7654321', detailsWithheld: false });
  });
});
