import type { Database } from '../db/client.js';
import type { AttendeeStatus } from '../db/types.js';
import type { Actor } from '../db/write.js';
import { createAttendee, createRegistrationType } from '../domain/registration/registration.js';
import { registerForSession } from '../domain/registration/signups.js';
import { setSessionCapacity } from '../domain/registration/capacity.js';
import { checkIn } from '../domain/registration/checkins.js';
import { createInvitationList, createQuestion } from '../domain/registration/questions.js';

/**
 * The demo's registration: an invitation-only sales kickoff — the sales team invited, most of it
 * registered, a few waiting for approval or declined; executives handled by name; partners
 * coming along as guests.
 */

const FIRST = [
  'Alex',
  'Jordan',
  'Taylor',
  'Morgan',
  'Casey',
  'Riley',
  'Jamie',
  'Avery',
  'Quinn',
  'Drew',
  'Harper',
  'Rowan',
  'Sage',
  'Emerson',
  'Reese',
  'Parker',
  'Skyler',
  'Dakota',
  'Hayden',
  'Logan',
];
const LAST = ['Nguyen', 'Patel', 'Garcia', 'Kim', 'Okafor', 'Schmidt', 'Rossi', 'Silva', 'Cohen', 'Tanaka'];
const REGIONS = ['West', 'Central', 'East', 'EMEA', 'APAC'];

/** Who of the sales team answered how: most came, a few did not (deterministic, by position). */
function answer(i: number): AttendeeStatus {
  if (i % 40 === 7) return 'DECLINED';
  if (i % 50 === 11) return 'CANCELLED';
  if (i % 25 === 3) return 'PENDING_APPROVAL';
  if (i % 16 === 5) return 'INVITED';
  return 'REGISTERED';
}

export async function seedRegistration(db: Database, management: Actor, eventId: string): Promise<void> {
  const type = async (name: string, kind: Parameters<typeof createRegistrationType>[3]['kind'], capacity: number | null) =>
    (await createRegistrationType(db, management, eventId, { name, kind, capacity })).result.id;
  const sales = await type('Sales team', 'ATTENDEE', 220);
  const executives = await type('Executives', 'CLIENT_EXECUTIVE', 12);
  const guests = await type('Partners and guests', 'GUEST', 40);
  await type('Speakers', 'SPEAKER', null);
  await type('Event staff', 'STAFF', null);
  // The form asks two things; the sales team is invited region by region.
  const region = (
    await createQuestion(db, management, eventId, {
      label: 'Which region are you in?',
      kind: 'CHOICE',
      options: REGIONS,
      required: true,
      position: 1,
    })
  ).result.id;
  const shirt = (
    await createQuestion(db, management, eventId, {
      label: 'T-shirt size',
      kind: 'CHOICE',
      options: ['S', 'M', 'L', 'XL', 'XXL'],
      position: 2,
    })
  ).result.id;
  const lists = new Map<string, string>();
  for (const name of ['Sales — Americas', 'Sales — EMEA & APAC'])
    lists.set(
      name,
      (await createInvitationList(db, management, eventId, { name, registrationTypeId: sales, notes: 'Approved by the regional VP' }))
        .result.id,
    );
  const executivesList = (await createInvitationList(db, management, eventId, { name: 'Executive team', registrationTypeId: executives }))
    .result.id;

  const registered: string[] = [];
  for (let i = 0; i < 200; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
    const status = answer(i);
    const where = REGIONS[i % REGIONS.length]!;
    const { result } = await createAttendee(db, management, eventId, {
      name,
      email: `${name.toLowerCase().replace(' ', '.')}.${i}@northwind.example`,
      company: `Northwind Traders — ${where}`,
      invitationListId: lists.get(['EMEA', 'APAC'].includes(where) ? 'Sales — EMEA & APAC' : 'Sales — Americas')!,
      status,
      badgeType: 'Attendee',
      answers:
        status === 'INVITED'
          ? []
          : [
              { questionId: region, text: where },
              { questionId: shirt, text: ['S', 'M', 'L', 'XL', 'XXL'][i % 5]! },
            ],
    });
    if (status === 'REGISTERED') registered.push(result.id);
  }
  const vips = [
    ['Margaret Holloway', 'Chief Executive Officer', 'Arrives by car; met at the north entrance, escorted to the green room'],
    ['Daniel Okoye', 'Chief Revenue Officer', 'Walks on for the awards: seat on the aisle, row A'],
    ['Sofia Brandt', 'Chief Financial Officer', 'Vegetarian; no photos before the keynote'],
    ['Kenji Watanabe', 'President, APAC', 'Interpreter on call'],
  ] as const;
  for (const [name, title, notes] of vips) {
    const { result } = await createAttendee(db, management, eventId, {
      name,
      email: `${name.toLowerCase().replace(' ', '.')}@northwind.example`,
      company: `Northwind Traders — ${title}`,
      invitationListId: executivesList,
      status: 'REGISTERED',
      badgeType: 'Executive',
      vipNotes: notes,
      answers: [{ questionId: region, text: name === 'Kenji Watanabe' ? 'APAC' : 'West' }],
    });
    registered.push(result.id);
  }
  // Partners of some of those coming: guests of a primary attendee.
  for (let i = 0; i < 24; i++) {
    await createAttendee(db, management, eventId, {
      name: `${FIRST[(i * 7) % FIRST.length]} ${LAST[(i * 3 + 1) % LAST.length]}-Partner`,
      email: `partner.${i}@guests.example`,
      registrationTypeId: guests,
      status: 'REGISTERED',
      guestOfId: registered[i * 7]!,
      badgeType: 'Guest',
      answers: [{ questionId: region, text: REGIONS[i % REGIONS.length]! }],
    });
  }
}

/**
 * The first day's breakouts take sign-ups: each capped below its room (seats held for walk-ins), the
 * first one so popular that it is full with a waitlist. The sales team picks one per round, and
 * most of it checked in at the desk on the first morning.
 */
export async function seedSignUps(db: Database, management: Actor, eventId: string): Promise<void> {
  const { start_date: firstDay } = await db.selectFrom('event').select('start_date').where('id', '=', eventId).executeTakeFirstOrThrow();
  const sessions = await db
    .selectFrom('session')
    .select(['id', 'version', 'starts_at'])
    .where('event_id', '=', eventId)
    .where('kind', '=', 'BREAKOUT')
    .orderBy('starts_at')
    .orderBy('title')
    .execute();
  const day = sessions.filter((s) => s.starts_at.getTime() - sessions[0]!.starts_at.getTime() < 12 * 3600_000);
  const rounds = new Map<number, typeof day>();
  for (const s of day) rounds.set(s.starts_at.getTime(), [...(rounds.get(s.starts_at.getTime()) ?? []), s]);
  for (const [i, s] of day.entries())
    await setSessionCapacity(db, management, s.id, s.version, { capacity: i === 0 ? 30 : 60, waitlistCapacity: 25 });
  const sales = await db
    .selectFrom('attendee')
    .innerJoin('registration_type as t', 't.id', 'attendee.registration_type_id')
    .select('attendee.id')
    .where('attendee.event_id', '=', eventId)
    .where('t.name', '=', 'Sales team')
    .where('attendee.status', '=', 'REGISTERED')
    .orderBy('attendee.name')
    .execute();
  for (const round of rounds.values())
    for (const [i, person] of sales.slice(0, 120).entries()) {
      // A third want the round's first breakout; the rest spread over the others.
      const choice = i % 3 === 0 ? 0 : 1 + (i % (round.length - 1));
      await registerForSession(db, management, { attendeeId: person.id, sessionId: round[choice]!.id });
    }
  for (const person of sales.slice(0, 150)) await checkIn(db, management, { attendeeId: person.id, day: firstDay });
}
