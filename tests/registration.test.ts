import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import {
  allRows,
  servedWorld,
  as,
  gid,
  having,
  makeWorld,
  ok,
  revisionOf,
  subscribe,
  wsClient,
  type TestDatabase,
} from './helpers/index.js';

/**
 * Registration, first part of people logistics (#17): registration types with their capacities,
 * attendees invited and registered, guests, substitutions and badges — management's to keep, the
 * client's to read, and production's only by name: an attendee's e-mail and VIP notes never reach
 * production, in a list, through `node`, in the history or over `eventChanges`.
 */

type Served = Awaited<ReturnType<typeof servedWorld>>;
let t: TestDatabase;
let url: string;
let world: Served['world'];

let other: Awaited<ReturnType<typeof makeWorld>>;
let as_: Served['as'];

beforeAll(async () => {
  ({ t, url, world, as: as_ } = await servedWorld());
  other = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 1 });
});

const eventId = () => gid('Event', world.event.id);
let serial = 0;
const someone = (input: Partial<ops.CreateAttendeeInput> = {}): ops.CreateAttendeeInput => ({
  eventId: eventId(),
  name: `Guest ${++serial}`,
  email: `guest.${serial}@client.test`,
  ...input,
});
const create = async (input: Partial<ops.CreateAttendeeInput> = {}) =>
  ok(await as_.management(ops.CreateAttendeeDocument, { input: someone(input) })).createAttendee;
const made = async (input: Partial<ops.CreateAttendeeInput> = {}) => as(await create(input), 'CreateAttendeePayload').attendee;
const newType = async (capacity: number | null) =>
  as(
    ok(
      await as_.management(ops.CreateRegistrationTypeDocument, {
        input: { eventId: eventId(), name: `Type ${++serial}`, kind: 'ATTENDEE', capacity },
      }),
    ).createRegistrationType,
    'CreateRegistrationTypePayload',
  ).registrationType;

describe('registration', () => {
  it('invites by default, registers within a type’s capacity, and refuses a full type by name, writing nothing', async () => {
    const type = await newType(2);
    const invited = await made({ registrationTypeId: type.id });
    expect(invited).toMatchObject({ status: 'INVITED', badgeName: invited.name, registrationType: { name: type.name } });
    await made({ registrationTypeId: type.id, status: 'REGISTERED' });
    const promoted = as(
      ok(
        await as_.management(ops.UpdateAttendeeDocument, {
          input: { id: invited.id, expectedVersion: invited.version, status: 'REGISTERED' },
        }),
      ).updateAttendee,
      'UpdateAttendeePayload',
    );
    expect(promoted.attendee.status).toBe('REGISTERED');

    const before = await allRows(t.db);
    const full = await create({ registrationTypeId: type.id, status: 'REGISTERED' });
    expect(as(full, 'ValidationError')).toMatchObject({
      field: 'status',
      message: expect.stringContaining(`${type.name} is full (capacity 2)`),
    });
    const lower = ok(
      await as_.management(ops.UpdateRegistrationTypeDocument, { input: { id: type.id, expectedVersion: type.version, capacity: 1 } }),
    ).updateRegistrationType;
    expect(as(lower, 'ValidationError')).toMatchObject({ field: 'capacity', message: expect.stringContaining('2 are already registered') });
    expect(await allRows(t.db)).toEqual(before);

    // Waitlisting is always possible; the list shows who holds the places.
    expect((await made({ registrationTypeId: type.id, status: 'WAITLISTED' })).status).toBe('WAITLISTED');
    const listed = having(ok(await as_.client(ops.EventAttendeesDocument, { eventId: eventId(), status: 'REGISTERED' })).node, 'attendees');
    expect(listed.registrationTypes.nodes.find((r) => r.name === type.name)).toEqual({ name: type.name, capacity: 2, registered: 2 });
    expect(listed.attendees.nodes.every((a) => a.status === 'REGISTERED')).toBe(true);
  });

  it('links guests to a primary attendee of the same event, never to a guest, and lists them under the primary', async () => {
    const primary = await made({ name: 'Aaron Primary' });
    const partner = await made({ name: 'Pat Partner', guestOfId: primary.id, badgeType: 'Guest' });
    expect(partner.guestOf).toEqual({ name: 'Aaron Primary' });
    expect(as(await create({ guestOfId: partner.id }), 'ValidationError')).toMatchObject({
      field: 'guestOfId',
      message: expect.stringMatching(/is a guest/),
    });
    expect(as(await create({ guestOfId: gid('Attendee', other.attendeeId) }), 'ValidationError')).toMatchObject({
      field: 'guestOfId',
      message: expect.stringMatching(/is not an attendee of this event/),
    });
    const listed = having(ok(await as_.management(ops.EventAttendeesDocument, { eventId: eventId() })).node, 'attendees');
    expect(listed.attendees.nodes.find((a) => a.name === 'Aaron Primary')!.guests.nodes).toEqual([{ name: 'Pat Partner' }]);
  });

  it('keeps e-mails unique in the event (whatever their case); a substitution puts a new person on the same registration; badges record their printing', async () => {
    const original = await made({ email: 'Sam.Original@client.test', status: 'REGISTERED' });
    expect(as(await create({ email: 'sam.original@CLIENT.test' }), 'ValidationError').field).toBe('email');
    const substituted = as(
      ok(
        await as_.management(ops.UpdateAttendeeDocument, {
          input: { id: original.id, expectedVersion: original.version, name: 'Robin Substitute', email: 'robin.substitute@client.test' },
        }),
      ).updateAttendee,
      'UpdateAttendeePayload',
    ).attendee;
    expect(substituted).toMatchObject({ id: original.id, name: 'Robin Substitute', status: 'REGISTERED', badgeName: 'Robin Substitute' });
    const printed = as(
      ok(
        await as_.management(ops.UpdateAttendeeDocument, {
          input: { id: original.id, expectedVersion: substituted.version, badgePrinted: true },
        }),
      ).updateAttendee,
      'UpdateAttendeePayload',
    ).attendee;
    expect(Date.parse(printed.badgePrintedAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('is management’s to write: production and the client are refused', async () => {
    for (const who of ['production', 'client'] as const) {
      const refused = ok(await as_[who](ops.CreateAttendeeDocument, { input: someone() })).createAttendee;
      expect(as(refused, 'ForbiddenError').message).toMatch(/plan this event/);
    }
  });

  it('never shows production an e-mail or VIP notes: not in a list, through node, in the history or live', async () => {
    const from = await revisionOf(t.db, world.event.id);
    const changes = subscribe(wsClient(url, world.production.token), ops.AttendeeChangesDocument, {
      eventId: eventId(),
      afterRevision: from,
    });
    const vip = await made({ name: 'Vera Important', email: 'vera@client.test', vipNotes: 'Security detail of two' });
    const message = await changes.nextMessage(0);
    expect(message.eventChanges.entity).toEqual({ name: 'Vera Important', email: null, vipNotes: null });
    expect(JSON.stringify(message)).not.toMatch(/vera@client|Security detail/);

    const asProduction = having(ok(await as_.production(ops.AttendeeNodeDocument, { id: vip.id })).node, 'name');
    expect(asProduction).toEqual({ name: 'Vera Important', email: null, vipNotes: null });
    const list = JSON.stringify(ok(await as_.production(ops.EventAttendeesDocument, { eventId: eventId() })));
    expect(list).toContain('Vera Important');
    expect(list).not.toMatch(/vera@client|Security detail|dana\.whitfield/);
    const history = JSON.stringify(ok(await as_.production(ops.ScreenLinkHistoryDocument, { eventId: eventId() })).node);
    expect(history).toContain('Attendee.created');
    expect(history).not.toMatch(/vera@client|Security detail/);

    // The client reads its people in full, in the history too.
    expect(having(ok(await as_.client(ops.AttendeeNodeDocument, { id: vip.id })).node, 'name')).toEqual({
      name: 'Vera Important',
      email: 'vera@client.test',
      vipNotes: 'Security detail of two',
    });
    expect(JSON.stringify(ok(await as_.client(ops.ScreenLinkHistoryDocument, { eventId: eventId() })).node)).toContain('vera@client.test');
    changes.stop();
  });
});
