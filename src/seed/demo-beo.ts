import type { Database } from '../db/client.js';
import type { FunctionKind } from '../db/types.js';
import type { Actor } from '../db/write.js';
import { createFunctionOrder, signOffFunctionOrder, updateFunctionOrder, type FbLineInput } from '../domain/beo/beo.js';
import { eatersOf } from '../domain/beo/facts.js';
import { localDay, zonedInstant } from '../domain/time.js';

/**
 * The demo's function orders: every function of day one — the general sessions and breakouts,
 * breakfast, the coffee break, lunch and the welcome reception (their counts from the opt-ins,
 * billed to the caterer's contract toward its F&B minimum), the registration desk, the green room,
 * the production office, storage and the crew meal. Breakfast is guaranteed and signed off; lunch
 * was signed off, then its menu changed (version 2 waits for the client); the reception has no
 * guarantee yet; the crew meal expects more than the venue sets.
 */
export async function seedFunctionOrders(db: Database, management: Actor, client: Actor, eventId: string): Promise<void> {
  const event = await db.selectFrom('event').select(['start_date', 'timezone']).where('id', '=', eventId).executeTakeFirstOrThrow();
  const onDayOne = (at: Date) => localDay(at, event.timezone) === event.start_date;
  const local = (hhmm: string) => zonedInstant(event.start_date, hhmm, event.timezone);
  const rooms = new Map(
    (await db.selectFrom('room').select(['id', 'name', 'capacity']).where('event_id', '=', eventId).execute()).map((r) => [r.name, r]),
  );
  const catering = await db
    .selectFrom('contract')
    .select('id')
    .where('event_id', '=', eventId)
    .where('title', 'like', 'Catering%')
    .executeTakeFirstOrThrow();
  const billed = {
    contractId: catering.id,
    serviceChargePercent: '24',
    taxPercent: '7.75',
    billingAccount: 'Northwind master account #4471',
  };

  const meals = (
    await db
      .selectFrom('meal')
      .select(['id', 'name', 'starts_at', 'ends_at', 'room_id'])
      .where('event_id', '=', eventId)
      .orderBy('starts_at')
      .execute()
  ).filter((m) => onDayOne(m.starts_at));
  const eaters = await eatersOf(
    db,
    meals.map((m) => m.id),
  );
  const sessions = (
    await db
      .selectFrom('session')
      .select(['id', 'title', 'kind', 'starts_at', 'ends_at', 'room_id'])
      .where('event_id', '=', eventId)
      .orderBy('starts_at')
      .execute()
  ).filter((s) => onDayOne(s.starts_at) && !meals.some((m) => m.name === s.title)); // a meal's order is below
  const roomName = new Map([...rooms.values()].map((r) => [r.id, r]));
  for (const s of sessions) {
    const room = s.room_id ? roomName.get(s.room_id) : undefined;
    const plenary = ['GENERAL_SESSION', 'KEYNOTE', 'PANEL'].includes(s.kind);
    const minutes = (n: number) => new Date(s.starts_at.getTime() + n * 60_000);
    if (s.kind === 'BREAK') {
      await createFunctionOrder(db, management, eventId, {
        ...billed,
        name: s.title,
        kind: 'BREAK',
        sessionId: s.id,
        roomId: s.room_id,
        startsAt: s.starts_at,
        endsAt: s.ends_at,
        setupAt: minutes(-30),
        setStyle: 'RECEPTION',
        setNotes: 'Four double-sided stations, high-boys, no chairs',
        expectedCount: 190,
        guaranteedCount: 180,
        fbLines: [
          { item: 'Regular and decaf coffee, per gallon', unitPrice: '98.00', quantity: 12 },
          { item: 'Assorted teas, per gallon', unitPrice: '92.00', quantity: 4 },
          { item: 'Mini pastries, per dozen', unitPrice: '64.00', quantity: 16 },
        ],
      });
      continue;
    }
    await createFunctionOrder(db, management, eventId, {
      name: s.title,
      kind: plenary ? 'GENERAL_SESSION' : 'BREAKOUT',
      sessionId: s.id,
      roomId: s.room_id,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      setupAt: plenary ? undefined : minutes(-60),
      setStyle: plenary ? 'THEATER' : 'CLASSROOM',
      setNotes: plenary
        ? 'Theater to the fire marshal’s count; stage and thrust per the production drawing'
        : 'Classroom, 2 per 6 ft table, water and mints',
      expectedCount: plenary ? 199 : Math.round((room?.capacity ?? 100) * 0.6),
      currency: 'USD',
      avOrder: plenary ? 'All AV by Lumen Live Productions (show contract)' : 'House sound, lectern mic, 10k lumen projector and screen',
      fbLines: plenary ? [] : [{ item: 'Water service, refreshed mid-session', unitPrice: '6.50', perPerson: true }],
      ...(plenary ? {} : billed),
    });
  }

  const menus: Record<string, FbLineInput[]> = {
    Breakfast: [{ item: 'Hot breakfast buffet', unitPrice: '42.00', perPerson: true }],
    Lunch: [{ item: 'Deli and salad buffet', unitPrice: '58.00', perPerson: true }],
  };
  for (const [i, m] of meals.entries()) {
    const reception = m.name.startsWith('Welcome');
    const { result: order } = await createFunctionOrder(db, management, eventId, {
      ...billed,
      name: m.name,
      kind: reception ? 'RECEPTION' : 'MEAL',
      mealId: m.id,
      roomId: m.room_id,
      startsAt: m.starts_at,
      endsAt: m.ends_at,
      setupAt: new Date(m.starts_at.getTime() - 90 * 60_000),
      setStyle: reception ? 'RECEPTION' : 'ROUNDS',
      setNotes: reception ? 'Cocktail rounds and lounge groupings on the lawn, two bars' : 'Rounds of 10, buffet lines both sides',
      oversetPercent: '3',
      guaranteedCount: reception ? null : eaters[i]! - 5,
      fbLines: reception
        ? [
            { item: 'Reception package: five passed and two stationed', unitPrice: '78.00', perPerson: true },
            { item: 'Bartender, per bar', unitPrice: '175.00', quantity: 2 },
          ]
        : menus[m.name]!,
    });
    if (reception) continue;
    const { result: signed } = await signOffFunctionOrder(db, client, order.id, order.version, 1);
    if (m.name === 'Lunch')
      // The client signed the deli buffet; the chef then added a hot entrée: version 2 waits for them.
      await updateFunctionOrder(db, management, signed.id, signed.version, {
        fbLines: [
          { item: 'Deli and salad buffet', unitPrice: '58.00', perPerson: true },
          { item: 'Hot entrée add-on', unitPrice: '9.00', perPerson: true },
        ],
      });
  }

  const support: {
    name: string;
    kind: FunctionKind;
    room?: string;
    from: string;
    to: string;
    notes: string;
    expected?: number;
    guarantee?: number;
    lines?: FbLineInput[];
    av?: string;
  }[] = [
    {
      name: 'Registration desk',
      kind: 'REGISTRATION',
      room: 'Sails Pavilion',
      from: '06:30',
      to: '18:00',
      notes: 'Six 6 ft draped tables, 12 chairs, power and a hard line to each',
    },
    {
      name: 'Speaker green room',
      kind: 'GREEN_ROOM',
      room: 'Marina 1',
      from: '07:00',
      to: '17:30',
      notes: 'Lounge seating for 12, mirror, program feed monitor',
      lines: [{ item: 'Fruit, pastries and beverages, per person', unitPrice: '38.00', perPerson: true }],
      expected: 12,
      guarantee: 12,
      av: 'Program feed on a 55" monitor',
    },
    {
      name: 'Production office',
      kind: 'OFFICE',
      room: 'Marina 2',
      from: '06:00',
      to: '23:00',
      notes: 'Two 8 ft tables, 8 chairs, lockable',
      av: 'Internet: 100 Mbps hard line',
      expected: 8,
    },
    {
      name: 'Storage: road cases',
      kind: 'STORAGE',
      room: 'Marina 3',
      from: '06:00',
      to: '23:00',
      notes: 'Lockable; keys to the production manager',
    },
    {
      name: 'Crew meal',
      kind: 'CREW_MEAL',
      room: 'Marina 4',
      from: '12:00',
      to: '13:00',
      notes: 'Hot meal for the show crew, 30-minute breaks in two waves',
      lines: [{ item: 'Crew hot meal', unitPrice: '32.00', perPerson: true }],
      expected: 46,
      guarantee: 40,
    },
  ];
  for (const f of support)
    await createFunctionOrder(db, management, eventId, {
      ...billed,
      name: f.name,
      kind: f.kind,
      roomId: f.room ? rooms.get(f.room)?.id : null,
      startsAt: local(f.from),
      endsAt: local(f.to),
      setNotes: f.notes,
      setStyle: 'CUSTOM',
      expectedCount: f.expected ?? null,
      guaranteedCount: f.guarantee ?? null,
      oversetPercent: '3',
      fbLines: f.lines ?? [],
      avOrder: f.av ?? null,
    });
}
