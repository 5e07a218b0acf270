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

const question = async (input: Partial<ops.CreateRegistrationQuestionInput> = {}) =>
  as(
    ok(
      await as_.management(ops.CreateQuestionDocument, {
        input: { eventId: eventId(), label: `Question ${++serial}`, kind: 'TEXT', ...input },
      }),
    ).createRegistrationQuestion,
    'CreateRegistrationQuestionPayload',
  ).registrationQuestion.id;

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
    const printedFirst = as(
      ok(
        await as_.management(ops.UpdateAttendeeDocument, {
          input: { id: original.id, expectedVersion: original.version, badgePrinted: true, vipNotes: 'Aisle seat' },
        }),
      ).updateAttendee,
      'UpdateAttendeePayload',
    ).attendee;
    const substituted = as(
      ok(
        await as_.management(ops.SubstituteAttendeeDocument, {
          input: {
            id: original.id,
            expectedVersion: printedFirst.version,
            name: 'Robin Substitute',
            email: 'robin.substitute@client.test',
          },
        }),
      ).substituteAttendee,
      'SubstituteAttendeePayload',
    ).attendee;
    // The same registration, a new person: a badge to print again, no notes about the one who left.
    expect(substituted).toMatchObject({
      id: original.id,
      name: 'Robin Substitute',
      status: 'REGISTERED',
      badgeName: 'Robin Substitute',
      badgePrintedAt: null,
      vipNotes: null,
    });
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

  it('never shows production an e-mail, VIP notes or answers: not in a list, through node, in the history or live', async () => {
    const askedOnArrival = await question({ label: 'Anything we should know on arrival?' });
    const from = await revisionOf(t.db, world.event.id);
    const changes = subscribe(wsClient(url, world.production.token), ops.AttendeeChangesDocument, {
      eventId: eventId(),
      afterRevision: from,
    });
    const vip = await made({
      name: 'Vera Important',
      email: 'vera@client.test',
      vipNotes: 'Security detail of two',
      answers: [{ questionId: askedOnArrival, text: 'Arrives with her own interpreter' }],
    });
    const message = await changes.nextMessage(0);
    expect(message.eventChanges.entity).toEqual({ name: 'Vera Important', email: null, vipNotes: null, answers: null });
    expect(JSON.stringify(message)).not.toMatch(/vera@client|Security detail|interpreter/);

    const asProduction = having(ok(await as_.production(ops.AttendeeNodeDocument, { id: vip.id })).node, 'name');
    expect(asProduction).toEqual({ name: 'Vera Important', email: null, vipNotes: null, answers: null });
    const list = JSON.stringify(ok(await as_.production(ops.EventAttendeesDocument, { eventId: eventId() })));
    expect(list).toContain('Vera Important');
    expect(list).not.toMatch(/vera@client|Security detail|dana\.whitfield/);
    const history = JSON.stringify(ok(await as_.production(ops.ScreenLinkHistoryDocument, { eventId: eventId() })).node);
    expect(history).toContain('Attendee.created');
    expect(history).not.toMatch(/vera@client|Security detail|interpreter/);

    // The client reads its people in full, in the history too.
    expect(having(ok(await as_.client(ops.AttendeeNodeDocument, { id: vip.id })).node, 'name')).toEqual({
      name: 'Vera Important',
      email: 'vera@client.test',
      vipNotes: 'Security detail of two',
      answers: [{ text: 'Arrives with her own interpreter' }],
    });
    expect(JSON.stringify(ok(await as_.client(ops.ScreenLinkHistoryDocument, { eventId: eventId() })).node)).toContain('vera@client.test');
    changes.stop();
  });
});

describe('registration questions and invitation lists', () => {
  it('take answers that fit each question, refuse the rest naming the option, and hold REGISTERED until the required ones are answered', async () => {
    const region = await question({
      label: 'Which region are you in?',
      kind: 'CHOICE',
      options: ['Americas', 'EMEA', 'APAC'],
      required: true,
    });
    const sessions = await question({
      label: 'What do you want to hear about?',
      kind: 'MULTIPLE_CHOICE',
      options: ['Pricing', 'Roadmap', 'Partners'],
    });
    const tooFew = ok(
      await as_.management(ops.CreateQuestionDocument, {
        input: { eventId: eventId(), label: 'Pick one', kind: 'CHOICE', options: ['Only'] },
      }),
    );
    expect(as(tooFew.createRegistrationQuestion, 'ValidationError')).toMatchObject({
      field: 'options',
      message: expect.stringContaining('at least two options'),
    });

    const before = await allRows(t.db);
    const wrong = await create({ answers: [{ questionId: region, text: 'Antarctica' }] });
    expect(as(wrong, 'ValidationError')).toMatchObject({
      field: 'answers.0.text',
      message: expect.stringContaining('"Antarctica" is not an option of "Which region are you in?" (Americas, EMEA, APAC)'),
    });
    const unanswered = await create({ status: 'REGISTERED' });
    expect(as(unanswered, 'ValidationError')).toMatchObject({
      field: 'answers',
      message: expect.stringContaining('"Which region are you in?" must be answered'),
    });
    expect(await allRows(t.db)).toEqual(before);

    const person = await made({
      status: 'REGISTERED',
      answers: [
        { questionId: region, text: 'EMEA' },
        { questionId: sessions, choices: ['Roadmap', 'Partners'] },
      ],
    });
    const answers = having(ok(await as_.client(ops.AttendeeAnswersDocument, { id: person.id })).node, 'answers').answers;
    expect(answers).toEqual(
      expect.arrayContaining([
        { question: { label: 'Which region are you in?' }, text: 'EMEA', choices: ['EMEA'] },
        { question: { label: 'What do you want to hear about?' }, text: null, choices: ['Roadmap', 'Partners'] },
      ]),
    );
    // The required question stays required: it cannot be cleared while they are REGISTERED. (Optional
    // for the rest of the file's attendees from here on.)
    const cleared = ok(
      await as_.management(ops.UpdateAttendeeDocument, {
        input: { id: person.id, expectedVersion: person.version, answers: [{ questionId: region }] },
      }),
    );
    expect(as(cleared.updateAttendee, 'ValidationError').field).toBe('answers');
    await t.db.updateTable('registration_question').set({ required: false }).where('label', '=', 'Which region are you in?').execute();
  });

  it('invite from a list: its people get its registration type, and the list counts where they stand', async () => {
    const type = await newType(null);
    const list = as(
      ok(
        await as_.management(ops.CreateInvitationListDocument, {
          input: { eventId: eventId(), name: "President's Club", registrationTypeId: type.id },
        }),
      ).createInvitationList,
      'CreateInvitationListPayload',
    ).invitationList;
    const invited = await made({ invitationListId: list.id });
    await made({ invitationListId: list.id, status: 'REGISTERED' });
    await made({ invitationListId: list.id, status: 'DECLINED' });
    const read = having(ok(await as_.management(ops.AttendeeAnswersDocument, { id: invited.id })).node, 'invitationList');
    expect(read).toMatchObject({ invitationList: { name: "President's Club" }, registrationType: { name: type.name } });
    const lists = having(ok(await as_.management(ops.InvitationListsDocument, { eventId: eventId() })).node, 'invitationLists')
      .invitationLists.nodes;
    expect(lists.find((l) => l.name === "President's Club")).toEqual({
      name: "President's Club",
      invited: 1,
      registered: 1,
      declined: 1,
      total: 3,
      registrationType: { name: type.name },
    });
  });
});
