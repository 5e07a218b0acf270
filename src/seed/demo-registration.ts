import type { Database } from '../db/client.js';
import type { AttendeeStatus } from '../db/types.js';
import type { Actor } from '../db/write.js';
import { createAttendee, createRegistrationType } from '../domain/registration/registration.js';

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

  const registered: string[] = [];
  for (let i = 0; i < 200; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
    const status = answer(i);
    const { result } = await createAttendee(db, management, eventId, {
      name,
      email: `${name.toLowerCase().replace(' ', '.')}.${i}@northwind.example`,
      company: `Northwind Traders — ${REGIONS[i % REGIONS.length]}`,
      registrationTypeId: sales,
      status,
      badgeType: 'Attendee',
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
      registrationTypeId: executives,
      status: 'REGISTERED',
      badgeType: 'Executive',
      vipNotes: notes,
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
    });
  }
}
