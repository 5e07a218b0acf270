import { encodeGlobalID } from '@pothos/plugin-relay';
import { createApiToken } from '../../src/auth/tokens.js';
import type { Database } from '../../src/db/client.js';
import { EDITABLE_TABLES } from '../../src/db/entities.js';
import type { CueDepartment } from '../../src/db/types.js';
import type { Actor } from '../../src/db/write.js';
import { addEventMember, createEvent } from '../../src/domain/event/event.js';
import { createContact } from '../../src/domain/contacts/contacts.js';
import { createScreenLink } from '../../src/domain/screens/screens.js';
import { createFeedLink } from '../../src/domain/releases/feeds.js';
import { createAttendee, createRegistrationType } from '../../src/domain/registration/registration.js';
import { registerForSession } from '../../src/domain/registration/signups.js';
import { createInvitationList, createQuestion } from '../../src/domain/registration/questions.js';
import { checkIn } from '../../src/domain/registration/checkins.js';
import { createLeg, createWave } from '../../src/domain/travel/travel.js';
import { createBlock, createReservation } from '../../src/domain/housing/housing.js';
import { createCue } from '../../src/domain/runofshow/runofshow.js';
import { createSegment } from '../../src/domain/runofshow/segments.js';
import { createDepartmentField } from '../../src/domain/runofshow/department-fields.js';
import { createFormatTemplate } from '../../src/domain/production/requirements.js';
import { openRequest, replyToRequest } from '../../src/domain/requests/requests.js';
import { assignCrew, createCall, createMember, createRuleSet, createVendor } from '../../src/domain/crew/crew.js';
import { addSessionSpeaker, createSession, createSpeaker } from '../../src/domain/schedule/schedule.js';
import { createRoom, createVenue } from '../../src/domain/venue/venue.js';
import { findById } from '../../src/domain/entities.js';
import { updateAttendeeHealth } from '../../src/domain/meals/health.js';
import { createMeal, createMealOptIn } from '../../src/domain/meals/meals.js';
import { createFunctionOrder } from '../../src/domain/beo/beo.js';
import { createBudget, createBudgetVersion } from '../../src/domain/budget/budget.js';
import { createBudgetLine, createInvoice } from '../../src/domain/budget/entries.js';
import { createHealthDataOwner } from '../../src/domain/meals/owners.js';
import { createBlock as createProductionBlock } from '../../src/domain/production/blocks.js';
import { createAccessWindow, createTruck } from '../../src/domain/production/dock.js';
import { createSlot } from '../../src/domain/production/slots.js';
import { createRiggingPoint, createSetup } from '../../src/domain/production/specs.js';
import { createAsset, receiveAssetVersion } from '../../src/domain/production/assets.js';
import { createItem, createKit } from '../../src/domain/gear/inventory.js';
import { createBooking, createSubrental } from '../../src/domain/gear/bookings.js';
import { createContract, createPayment, createVendor as createContractVendor } from '../../src/domain/contracts/contracts.js';
import { createCandidate, createCriterion, createVisit } from '../../src/domain/selection/candidates.js';
import { createTask } from '../../src/domain/timeline/tasks.js';
import { createTaskTemplate } from '../../src/domain/timeline/templates.js';

export const gid = encodeGlobalID;

export type Persona = Awaited<ReturnType<typeof persona>>;

/** An organization with one user and a token; `admin` makes the user a platform administrator. */
export async function persona(db: Database, kind: 'CLIENT' | 'MANAGEMENT_AGENCY' | 'PRODUCTION_AGENCY', label: string, admin = false) {
  const org = await db
    .insertInto('organization')
    .values({ name: `${label} org`, kind })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await db
    .insertInto('app_user')
    .values({ organization_id: org.id, name: `${label} user`, email: `${label}.${org.id}@test.example`, is_platform_admin: admin })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { token } = await createApiToken(db, user.id, 'test');
  return { organizationId: org.id, userId: user.id, token, actor: { userId: user.id, organizationId: org.id } as Actor };
}

const DEPARTMENTS: CueDepartment[] = ['STAGE_MANAGEMENT', 'LIGHTING', 'AUDIO', 'VIDEO', 'GRAPHICS', 'CAMERA'];

/**
 * An event with three member organizations, a venue, `rooms` rooms and `sessionsPerRoom` sessions
 * in each, every session with two speakers and `cuesPerSession` cues, the first session with one
 * segment, a department field for video's clips, and one private contact of the production agency.
 */
export async function makeWorld(db: Database, size: { rooms?: number; sessionsPerRoom?: number; cuesPerSession?: number } = {}) {
  const { rooms = 2, sessionsPerRoom = 2, cuesPerSession = 3 } = size;
  const management = await persona(db, 'MANAGEMENT_AGENCY', 'management');
  const production = await persona(db, 'PRODUCTION_AGENCY', 'production');
  const client = await persona(db, 'CLIENT', 'client');
  const { result: event } = await createEvent(db, management.actor, {
    name: 'Test Summit',
    timezone: 'Europe/Berlin',
    startDate: '2027-03-01',
    endDate: '2027-03-02',
  });
  await addEventMember(db, management.actor, event.id, production.organizationId, 'PRODUCTION');
  await addEventMember(db, management.actor, event.id, client.organizationId, 'CLIENT');
  const { result: venue } = await createVenue(db, management.actor, event.id, { name: 'Test Hall' });
  const roomIds: string[] = [];
  const sessionIds: string[] = [];
  const cueIds: string[] = [];
  let segmentId: string | null = null;
  for (let r = 0; r < rooms; r++) {
    const { result: room } = await createRoom(db, management.actor, event.id, {
      venueId: venue.id,
      name: `Room ${r + 1}`,
      kind: 'BREAKOUT',
      capacity: 100,
    });
    roomIds.push(room.id);
    for (let s = 0; s < sessionsPerRoom; s++) {
      // 09:00 Berlin time (UTC+1 in March) on day one, one hour apart.
      const start = new Date(Date.UTC(2027, 2, 1, 8 + s, 0));
      const { result: session } = await createSession(db, management.actor, event.id, {
        roomId: room.id,
        title: `Session ${r + 1}.${s + 1}`,
        kind: 'BREAKOUT',
        track: r % 2 === 0 ? 'Sales' : 'Product',
        startsAt: start,
        endsAt: new Date(start.getTime() + 45 * 60_000),
      });
      sessionIds.push(session.id);
      const presenters: string[] = [];
      for (let k = 0; k < 2; k++) {
        const { result: speaker } = await createSpeaker(db, management.actor, event.id, {
          name: `Speaker ${r}.${s}.${k}`,
          company: 'Acme',
        });
        const { result: link } = await addSessionSpeaker(db, management.actor, {
          sessionId: session.id,
          speakerId: speaker.id,
          role: k === 0 ? 'PRESENTER' : 'MODERATOR',
        });
        presenters.push(link.id);
      }
      // The first session is run by segment: one segment, with its presenter.
      if (!segmentId) {
        const { result: segment } = await createSegment(db, production.actor, session.id, {
          title: 'Opening',
          kind: 'OPENING',
          plannedSeconds: 15 * 60,
          presenterId: presenters[0]!,
        });
        segmentId = segment.id;
      }
      for (let c = 0; c < cuesPerSession; c++) {
        const { result: cue } = await createCue(db, production.actor, session.id, {
          number: String(c + 1),
          department: DEPARTMENTS[c % DEPARTMENTS.length]!,
          title: `Cue ${c + 1}`,
          offsetSeconds: c * 30,
        });
        cueIds.push(cue.id);
      }
    }
  }
  // Video's cues name the clip they play.
  await createDepartmentField(db, production.actor, event.id, { department: 'VIDEO', key: 'clip', label: 'Clip', kind: 'ASSET' });
  // Production's show caller, whose details are production's and management's only.
  const { result: contact } = await createContact(db, management.actor, event.id, {
    name: 'Show Caller',
    organizationId: production.organizationId,
    role: 'Show caller',
    phone: '+49 30 1234567',
    email: 'caller@production.test',
    isPrivate: true,
  });
  // Registration: a VIP type with two places, and one VIP registered with her handling notes.
  const { result: vip } = await createRegistrationType(db, management.actor, event.id, { name: 'VIP', kind: 'VIP', capacity: 2 });
  const { result: attendee } = await createAttendee(db, management.actor, event.id, {
    name: 'Dana Whitfield',
    email: 'dana.whitfield@client.test',
    company: 'Acme',
    registrationTypeId: vip.id,
    status: 'REGISTERED',
    vipNotes: 'Met at the curb; prefers the aisle seat',
  });
  // Dana holds a seat in the first session, and checked in at the desk.
  if (sessionIds[0]) await registerForSession(db, management.actor, { attendeeId: attendee.id, sessionId: sessionIds[0] });
  await checkIn(db, management.actor, { attendeeId: attendee.id, day: '2027-03-01' });
  // The form asks one optional question nobody has answered yet, and invites from one list nobody is on yet.
  await createQuestion(db, management.actor, event.id, { label: 'T-shirt size', kind: 'CHOICE', options: ['S', 'M', 'L', 'XL'] });
  await createInvitationList(db, management.actor, event.id, { name: 'Sales — Americas', registrationTypeId: vip.id });
  // Dana flies in; the airport run waits for passengers.
  await createLeg(db, management.actor, event.id, {
    attendeeId: attendee.id,
    direction: 'ARRIVAL',
    mode: 'FLIGHT',
    carrier: 'LH',
    number: '454',
    from: 'FRA',
    to: 'BER',
    departsAt: new Date('2027-02-28T16:00:00Z'),
    arrivesAt: new Date('2027-02-28T17:10:00Z'),
  });
  await createWave(db, management.actor, event.id, {
    name: 'BER arrivals, Sunday evening',
    direction: 'ARRIVAL',
    windowStart: new Date('2027-02-28T16:00:00Z'),
    windowEnd: new Date('2027-02-28T20:00:00Z'),
    vehicleCapacity: 8,
  });
  // Her hotel: two nights in the block, Sunday to Tuesday.
  for (const night of ['2027-02-28', '2027-03-01'])
    await createBlock(db, management.actor, event.id, {
      hotel: 'Hotel Adlon',
      roomType: 'King',
      night,
      contracted: 10,
      rateMinor: 32900,
      currency: 'EUR',
      cutOffDate: '2027-01-28',
    });
  await createReservation(db, management.actor, event.id, {
    attendeeId: attendee.id,
    hotel: 'Hotel Adlon',
    roomType: 'King',
    arrives: '2027-02-28',
    departs: '2027-03-02',
  });
  // Dana is vegan with a severe peanut allergy and uses a wheelchair; she eats at the plated lunch.
  const { result: healthy } = await updateAttendeeHealth(
    db,
    management.actor,
    attendee.id,
    (await findById(db, 'attendee', attendee.id)).version,
    {
      dietary: ['VEGAN'],
      allergies: [{ allergen: 'PEANUTS', severity: 'SEVERE' }],
      accessibility: ['WHEELCHAIR'],
      accessibilityNotes: 'Step-free route to the stage',
    },
  );
  const { result: lunch } = await createMeal(db, management.actor, event.id, {
    name: 'Opening lunch',
    service: 'PLATED',
    startsAt: new Date('2027-03-01T10:30:00Z'),
    endsAt: new Date('2027-03-01T12:00:00Z'),
    entreeOptions: ['Chicken', 'Salmon', 'Risotto'],
  });
  await createMealOptIn(db, management.actor, { mealId: lunch.id, attendeeId: healthy.id, entree: 'Risotto' });
  // A second user of the client, whom the client named an owner of health data (the first is not one).
  const clientOwner = await clientUser(db, client.organizationId, 'client owner');
  await createHealthDataOwner(db, management.actor, event.id, clientOwner.userId);
  // Production's schedule: the venue lets them in from the day before; a truck at the dock that
  // morning, and speaker rehearsals in the first room that afternoon with one slot (no session then).
  await createAccessWindow(db, management.actor, {
    venueId: venue.id,
    startsAt: new Date('2027-02-28T05:00:00Z'),
    endsAt: new Date('2027-03-02T22:00:00Z'),
  });
  await createTruck(db, production.actor, {
    venueId: venue.id,
    name: 'Truck 1: audio and lighting',
    arrivesAt: new Date('2027-02-28T06:00:00Z'),
    dock: 'Dock A',
    dockStartsAt: new Date('2027-02-28T06:00:00Z'),
    dockEndsAt: new Date('2027-02-28T07:00:00Z'),
  });
  const rehearsal = roomIds[0]
    ? (
        await createProductionBlock(db, production.actor, event.id, {
          roomId: roomIds[0],
          kind: 'REHEARSAL',
          title: 'Speaker rehearsals',
          startsAt: new Date('2027-02-28T13:00:00Z'),
          endsAt: new Date('2027-02-28T15:00:00Z'),
        })
      ).result
    : null;
  const { result: rehearsing } = await createSpeaker(db, management.actor, event.id, { name: 'Rita Rehearsal', company: 'Acme' });
  // The first room's specs: a theatre setup, and a truss point.
  if (roomIds[0]) {
    await createSetup(db, management.actor, roomIds[0], { style: 'THEATER', capacity: 100 });
    await createRiggingPoint(db, management.actor, roomIds[0], { name: 'Truss 1', loadLimitKg: 500 });
  }
  if (rehearsal)
    await createSlot(db, management.actor, {
      blockId: rehearsal.id,
      speakerId: rehearsing.id,
      startsAt: new Date('2027-02-28T13:00:00Z'),
      endsAt: new Date('2027-02-28T13:15:00Z'),
    });
  // Production's inventory: an LED wall and a lectern package; the event holds wall panels, and rents in two more.
  const led = await createItem(db, production.actor, {
    name: 'LED wall panel',
    category: 'Video',
    quantity: 10,
    unitWeightGrams: 8_500,
    unitPowerWatts: 180,
  });
  const lectern = await createItem(db, production.actor, { name: 'Lectern', category: 'Staging', quantity: 4, unitWeightGrams: 30_000 });
  const lecternKit = await createKit(db, production.actor, { name: 'Lectern package', items: [{ itemId: lectern.id, quantity: 1 }] });
  // Live demos take the lectern package; the world's session is not one, so nothing warns.
  await createFormatTemplate(db, production.actor, event.id, {
    format: 'LIVE_DEMO',
    laptop: 'OWN_LAPTOP',
    micKind: 'HEADSET',
    kitIds: [lecternKit.id],
  });
  await createBooking(db, production.actor, event.id, {
    itemId: led.id,
    quantity: 8,
    status: 'HELD',
    leavesAt: new Date('2027-02-27T08:00:00Z'),
    returnsAt: new Date('2027-03-03T18:00:00Z'),
    roomId: roomIds[0] ?? null,
  });
  await createSubrental(db, production.actor, event.id, {
    itemId: led.id,
    quantity: 2,
    vendor: 'Pixel Walls Inc.',
    startsAt: new Date('2027-02-27T08:00:00Z'),
    endsAt: new Date('2027-03-04T18:00:00Z'),
    costMinor: 120_000,
  });
  // Files: the first session's slides and the stage design, each with a first version in.
  const assets: string[] = [];
  for (const [name, kind] of [
    ['Session deck', 'SLIDES'],
    ['Stage design', 'STAGE_DESIGN'],
  ] as const) {
    const { result } = await createAsset(db, production.actor, event.id, {
      name,
      kind,
      sessionId: kind === 'SLIDES' ? (sessionIds[0] ?? null) : null,
    });
    await receiveAssetVersion(db, production.actor, result.id, null, {
      sizeBytes: 1_000_000,
      checksum: `sha256:${kind.toLowerCase()}1`,
      location: `show-server:/assets/${kind.toLowerCase()}.v1`,
    });
    assets.push(result.id);
  }
  // Production's crew: the venue's rules, a rigging company, a rigger on a load-in call.
  const { result: rules } = await createRuleSet(db, production.actor, event.id, { venueId: venue.id, name: 'House rules' });
  const { result: riggers } = await createVendor(db, production.actor, event.id, {
    name: 'High Point Rigging',
    trade: 'Rigging',
    insuranceExpiresOn: '2027-12-31',
  });
  const { result: rigger } = await createMember(db, production.actor, event.id, {
    vendorId: riggers.id,
    name: 'Rae Rigger',
    role: 'RIGGER',
    phone: '+49 170 5550100',
    dayRateMinor: 60_000,
    currency: 'EUR',
    passportNumber: 'C01X00T47',
  });
  const { result: loadIn } = await createCall(db, production.actor, event.id, {
    role: 'RIGGER',
    headcount: 2,
    startsAt: new Date('2027-03-01T06:00:00Z'),
    endsAt: new Date('2027-03-01T12:00:00Z'),
    roomIds: roomIds.slice(0, 1),
    ruleSetId: rules.id,
    mealStartsAt: new Date('2027-03-01T10:00:00Z'),
  });
  await assignCrew(db, production.actor, { callId: loadIn.id, memberId: rigger.id });
  // Management asks production about the first session (the event, without one); production answers.
  const { result: ask } = await openRequest(db, management.actor, {
    eventId: event.id,
    subjectType: sessionIds[0] ? 'Session' : 'Event',
    subjectId: sessionIds[0] ?? event.id,
    toOrganizationId: production.organizationId,
    title: 'Add a walk-in video',
  });
  await replyToRequest(db, production.actor, { requestId: ask.id, body: 'We can loop the sizzle reel.' });
  // Management contracts the production agency (a vendor that is an organization of the event), with a deposit.
  const { result: agency } = await createContractVendor(db, management.actor, event.id, {
    name: 'Production agency',
    kind: 'PRODUCTION_AGENCY',
    organizationId: production.organizationId,
    notes: 'Negotiated hard on labor.',
  });
  const { result: agencyContract } = await createContract(db, management.actor, event.id, {
    vendorId: agency.id,
    title: 'Show production',
    currency: 'EUR',
    value: '120000.00',
    cancellationScale: [{ from: '2026-09-01', percent: '50' }],
    notes: 'Their margin is about 18 %.',
  });
  await createPayment(db, management.actor, { contractId: agencyContract.id, label: 'Deposit', dueOn: '2026-10-01', amount: '36000.00' });
  // The lunch's function order, with a guarantee and a priced line.
  await createFunctionOrder(db, management.actor, event.id, {
    name: 'Opening lunch',
    kind: 'MEAL',
    mealId: lunch.id,
    startsAt: new Date('2027-03-01T10:30:00Z'),
    endsAt: new Date('2027-03-01T12:00:00Z'),
    currency: 'EUR',
    guaranteedCount: 1,
    fbLines: [{ item: 'Plated lunch', unitPrice: '48.00', perPerson: true }],
    billingAccount: 'Master account',
  });
  // Management's budget, in dollars with a euro rate, kept MARKUP: a draft original version with the
  // agency's contract on a line, an internal line (staff cost), and the agency's first invoice.
  await createBudget(db, management.actor, event.id, { currency: 'USD', rates: [{ currency: 'EUR', rate: '1.0845' }] });
  const { result: draft } = await createBudgetVersion(db, management.actor, event.id, { name: 'Original budget', kind: 'ORIGINAL' });
  await createBudgetLine(db, management.actor, {
    versionId: draft.id,
    category: 'Production',
    item: 'Show production',
    currency: 'EUR',
    unitCost: '120000.00',
    quantity: 1,
    markupPercent: '12',
    contractId: agencyContract.id,
  });
  await createBudgetLine(db, management.actor, {
    versionId: draft.id,
    category: 'Agency',
    item: 'Producer, 20 days',
    currency: 'USD',
    unitCost: '650.00',
    quantity: 20,
    internal: true,
    notes: 'At cost',
  });
  await createInvoice(db, management.actor, {
    contractId: agencyContract.id,
    number: 'LL-1001',
    issuedOn: '2026-10-01',
    amount: '36000.00',
  });
  // The timeline: a milestone of management's and a deliverable production owes management after it.
  const { result: briefed } = await createTask(db, management.actor, event.id, {
    title: 'Production brief sent',
    milestone: 'PRODUCTION_BRIEF',
    offsetDays: -60,
  });
  await createTask(db, production.actor, event.id, {
    title: 'Stage design for approval',
    forOrganizationId: management.organizationId,
    offsetDays: -45,
    dependsOn: [briefed.id],
  });
  await createTaskTemplate(db, management.actor, {
    name: 'Standard roadmap',
    items: [
      { title: 'Site visit', ownerRole: 'MANAGEMENT', milestone: 'SITE_VISIT', anchor: 'EVENT_START', offsetDays: -120 },
      {
        title: 'Run-of-show draft',
        ownerRole: 'PRODUCTION',
        forRole: 'MANAGEMENT',
        anchor: 'EVENT_START',
        offsetDays: -21,
        dependsOn: [0],
      },
    ],
  });
  // Venue selection: two criteria, a candidate scored on both with a quote, and its site visit.
  const { result: capacity } = await createCriterion(db, management.actor, event.id, { name: 'Capacity', weight: 5 });
  const { result: transit } = await createCriterion(db, management.actor, event.id, { name: 'Transit', weight: 3 });
  const { result: harbour } = await createCandidate(db, management.actor, event.id, {
    name: 'Harbour Convention Centre',
    city: 'Hamburg',
    quoteCurrency: 'EUR',
    quote: '85000.00',
    scores: [
      { criterionId: capacity.id, score: 4 },
      { criterionId: transit.id, score: 5 },
    ],
    notes: 'Will drop 10 % if we sign by January.',
  });
  await createVisit(db, management.actor, {
    candidateId: harbour.id,
    visitedOn: '2026-10-12',
    attendees: ['Event manager', 'Client lead'],
    notes: 'Dock is tight.',
  });
  // A type nobody has yet (one that can be deleted).
  const { result: press } = await createRegistrationType(db, management.actor, event.id, { name: 'Press', kind: 'PRESS' });
  // The first room's stage TV, on a read-only link production made.
  const screen = await createScreenLink(db, production.actor, { eventId: event.id, roomId: roomIds[0]!, label: 'Room 1 stage TV' });
  // Speakers' calendars, on a feed link management made.
  const feed = await createFeedLink(db, management.actor, { eventId: event.id, label: 'Speakers calendar' });
  return {
    event,
    venue,
    roomIds,
    sessionIds,
    cueIds,
    segmentId: segmentId!,
    contactId: contact.id,
    screenLink: { id: screen.result.id, token: screen.token },
    feedLink: { id: feed.result.id, token: feed.token },
    registrationTypeId: vip.id,
    unusedRegistrationTypeId: press.id,
    attendeeId: attendee.id,
    management,
    production,
    client,
    clientOwner,
    mealId: lunch.id,
    rehearsalBlockId: rehearsal?.id ?? null,
    gearItemId: led.id,
    slidesAssetId: assets[0]!,
    stageDesignAssetId: assets[1]!,
  };
}

/** Another user with a token in an organization (the client's owner of health data, say). */
export async function clientUser(db: Database, organizationId: string, label: string, organizationAdmin = false) {
  const user = await db
    .insertInto('app_user')
    .values({
      organization_id: organizationId,
      name: `${label} user`,
      email: `${label.replace(/ /g, '.')}.${organizationId}.${Math.random().toString(36).slice(2)}@test.example`,
      is_organization_admin: organizationAdmin,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { token } = await createApiToken(db, user.id, 'test');
  return {
    organizationId,
    userId: user.id,
    token,
    actor: { userId: user.id, organizationId, isOrganizationAdmin: organizationAdmin } as Actor,
  };
}

/** Every row of every event table and the change history: equal before and after when a refused change wrote nothing. */
export async function allRows(db: Database): Promise<Record<string, unknown>> {
  const rows: Record<string, unknown> = {};
  for (const table of EDITABLE_TABLES) rows[table] = await db.selectFrom(table).selectAll().orderBy('id').execute();
  rows.change = await db.selectFrom('change').selectAll().orderBy('event_id').orderBy('revision').execute();
  return rows;
}
