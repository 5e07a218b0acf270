import type { Database } from '../db/client.js';
import type { CrewRole } from '../db/types.js';
import type { Actor } from '../db/write.js';
import { addDays, zonedInstant } from '../domain/time.js';
import { assignCrew, createCall, createMember, createRuleSet, createVendor } from '../domain/crew/crew.js';

const GS = 'Pacific Ballroom';

/**
 * The demo's crew in the general-session room, under the venue's union rules: riggers and LED
 * techs from their companies (certificates on file) load in the day before; the show crew
 * rehearses that evening, is back for the dawn tech and runs each day. The A1's lunch on the first
 * day is at 11:30, an hour past the rule's hour 5 from a 05:30 call: one meal-penalty warning.
 */
export async function seedCrew(db: Database, production: Actor, eventId: string): Promise<void> {
  const event = await db
    .selectFrom('event')
    .select(['timezone', 'start_date', 'end_date'])
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow();
  const at = (day: string, time: string) => zonedInstant(day, time, event.timezone);
  const eve = addDays(event.start_date, -1);
  const room = await db
    .selectFrom('room')
    .select(['id', 'venue_id'])
    .where('event_id', '=', eventId)
    .where('name', '=', GS)
    .executeTakeFirstOrThrow();
  await createRuleSet(db, production, eventId, {
    venueId: room.venue_id,
    name: 'IATSE Local 16 (venue agreement)',
    minimumCallMinutes: 240,
    mealAfterMinutes: 300,
    overtimeAfterMinutes: 600,
    minimumRestMinutes: 480,
  });
  const { result: rigging } = await createVendor(db, production, eventId, {
    name: 'High Point Rigging',
    trade: 'Rigging',
    insuranceExpiresOn: addDays(event.end_date, 180),
    insuranceLocation: 'Venue portal: COI #HPR-2027-114',
  });
  const { result: led } = await createVendor(db, production, eventId, {
    name: 'Pixel Walls Inc.',
    trade: 'LED',
    insuranceExpiresOn: addDays(event.end_date, 90),
    insuranceLocation: 'Venue portal: COI #PW-88',
  });
  const crew: [string, CrewRole, string | null, number][] = [
    ['Morgan Reyes', 'SHOW_CALLER', null, 95_000],
    ['Jordan Blake', 'STAGE_MANAGER', null, 70_000],
    ['Sasha Kim', 'A1', null, 80_000],
    ['Theo Park', 'A2', null, 55_000],
    ['Nia Osei', 'V1', null, 78_000],
    ['Luca Ferrari', 'LD', null, 80_000],
    ['Ava Chen', 'CAMERA', null, 60_000],
    ['Ben Torres', 'CAMERA', null, 60_000],
    ['Ivy Grant', 'GRAPHICS', null, 58_000],
    ['Rae Collins', 'RIGGER', rigging.id, 65_000],
    ['Sam Ortiz', 'RIGGER', rigging.id, 65_000],
    ['Kai Lund', 'LED_TECH', led.id, 62_000],
    ['Dee Walsh', 'LED_TECH', led.id, 62_000],
  ];
  const people = new Map<CrewRole, string[]>();
  for (const [i, [name, role, vendorId, rate]] of crew.entries()) {
    const { result } = await createMember(db, production, eventId, {
      name,
      role,
      vendorId,
      dayRateMinor: rate,
      currency: 'USD',
      phone: `+1 415 555 01${String(i).padStart(2, '0')}`,
      email: `${name.split(' ')[0]!.toLowerCase()}@crew.example`,
      emergencyContact: `Family of ${name}: +1 415 555 02${String(i).padStart(2, '0')}`,
    });
    people.set(role, [...(people.get(role) ?? []), result.id]);
  }
  const call = async (role: CrewRole, startsAt: Date, endsAt: Date, meal: Date | null, notes?: string) => {
    const ids = people.get(role)!;
    const { result } = await createCall(db, production, eventId, {
      role,
      headcount: ids.length,
      startsAt,
      endsAt,
      roomIds: [room.id],
      mealStartsAt: meal,
      notes: notes ?? null,
    });
    for (const id of ids) await assignCrew(db, production, { callId: result.id, memberId: id, status: 'CONFIRMED' });
  };
  for (const role of ['RIGGER', 'LED_TECH'] as const) await call(role, at(eve, '08:00'), at(eve, '16:00'), at(eve, '12:00'));
  const show: CrewRole[] = ['SHOW_CALLER', 'STAGE_MANAGER', 'A1', 'A2', 'V1', 'LD', 'CAMERA', 'GRAPHICS'];
  for (const role of show)
    await call(
      role,
      at(eve, '13:00'),
      at(eve, '21:30'),
      at(eve, '17:30'),
      role === 'SHOW_CALLER' ? 'Speaker rehearsals from 18:30' : undefined,
    );
  for (let day = event.start_date; day <= event.end_date; day = addDays(day, 1)) {
    const first = day === event.start_date;
    for (const role of show) {
      const start = at(day, first ? '05:30' : '07:00');
      const lunch = first && role === 'A1' ? at(day, '11:30') : at(day, first ? '10:00' : '11:30');
      await call(
        role,
        start,
        new Date(start.getTime() + 10 * 3600_000),
        lunch,
        first && role === 'A1' ? 'Lunch after the mic check for the keynote' : undefined,
      );
    }
  }
}
