import type { Database } from '../db/client.js';
import type { MealService } from '../db/types.js';
import type { Actor } from '../db/write.js';
import { findById } from '../domain/entities.js';
import { updateAttendeeHealth, type HealthInput } from '../domain/meals/health.js';
import { createMeal, createMealOptIn } from '../domain/meals/meals.js';
import { createHealthDataOwner } from '../domain/meals/owners.js';

const ENTREES = ['Filet mignon', 'Pan-seared halibut', 'Wild mushroom risotto'];

/** What a share of the people told the form: needs as a few hundred people have them. */
const NEEDS: HealthInput[] = [
  { dietary: ['VEGETARIAN'] },
  { dietary: ['VEGAN', 'GLUTEN_FREE'] },
  { dietary: ['GLUTEN_FREE'], allergies: [{ allergen: 'WHEAT', severity: 'MODERATE' }] },
  {
    allergies: [
      { allergen: 'PEANUTS', severity: 'ANAPHYLACTIC' },
      { allergen: 'TREE_NUTS', severity: 'SEVERE' },
    ],
  },
  { dietary: ['HALAL'] },
  { allergies: [{ allergen: 'SHELLFISH', severity: 'SEVERE' }] },
  { dietary: ['PESCATARIAN'], dietaryNotes: 'No raw fish' },
  { dietary: ['KOSHER'] },
  { allergies: [{ allergen: 'OTHER', detail: 'Cilantro', severity: 'MILD' }] },
  { dietary: ['DAIRY_FREE'], allergies: [{ allergen: 'MILK', severity: 'MODERATE' }] },
  { accessibility: ['WHEELCHAIR'], accessibilityNotes: 'Step-free route to the Pacific Ballroom stage' },
  { accessibility: ['HEARING'], accessibilityNotes: 'Front rows near the captioning screen' },
];

/**
 * The demo's meals, from its schedule: breakfasts and lunches as buffets, the grab-and-go lunch
 * boxed, the welcome reception, and the awards dinner plated with three entrées. One in seven
 * people has a need (vegan and gluten-free, a peanut allergy that is life-threatening, a
 * wheelchair); the sales team and staff opt in to the reception and the dinner, a few without an
 * entrée yet, and they sit at numbered tables of ten; most eat breakfast and lunch on day one. The client's event lead (Dana Whitfield, who administers Northwind's users) owns
 * its health data: she reads the details, production and everyone else the counts.
 */
export async function seedMeals(db: Database, management: Actor, eventId: string, clientLeadId: string): Promise<void> {
  const sessions = await db
    .selectFrom('session')
    .select(['title', 'kind', 'starts_at', 'ends_at', 'room_id'])
    .where('event_id', '=', eventId)
    .where((eb) =>
      eb.or([eb('kind', '=', 'MEAL'), eb('title', 'in', ['Welcome Reception on the Terrace', "President's Club Awards Dinner"])]),
    )
    .orderBy('starts_at')
    .execute();
  const service = (title: string): MealService =>
    title.startsWith('Welcome') ? 'RECEPTION' : title.includes('Dinner') ? 'PLATED' : title.startsWith('Grab') ? 'BOXED' : 'BUFFET';
  const meals = new Map<string, string>();
  for (const s of sessions) {
    const { result } = await createMeal(db, management, eventId, {
      name: s.title,
      service: service(s.title),
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      roomId: s.room_id,
      entreeOptions: service(s.title) === 'PLATED' ? ENTREES : [],
      notes: service(s.title) === 'PLATED' ? 'Entrée cards at each place; allergy plates marked by seat' : null,
    });
    // The first of each name: day one's breakfast and lunch.
    if (!meals.has(s.title)) meals.set(s.title, result.id);
  }
  const people = await db
    .selectFrom('attendee')
    .select(['id', 'version'])
    .where('event_id', '=', eventId)
    .where('status', '=', 'REGISTERED')
    .orderBy('name')
    .execute();
  for (const [i, p] of people.entries()) {
    if (i % 7 === 3)
      await updateAttendeeHealth(
        db,
        management,
        p.id,
        (await findById(db, 'attendee', p.id)).version,
        NEEDS[Math.floor(i / 7) % NEEDS.length]!,
      );
    // Nearly everyone comes to the reception and the dinner; a few have not chosen their entrée yet.
    if (i % 10 !== 9) await createMealOptIn(db, management, { mealId: meals.get('Welcome Reception on the Terrace')!, attendeeId: p.id });
    if (i % 12 !== 11)
      await createMealOptIn(db, management, {
        mealId: meals.get("President's Club Awards Dinner")!,
        attendeeId: p.id,
        entree: i % 17 === 5 ? null : (ENTREES[i % 5 === 0 ? 2 : i % 2] ?? null),
        tableLabel: String(1 + Math.floor(i / 10)),
      });
    // Day one's breakfast and lunch have their function orders' counts from here.
    if (i % 9 !== 4) await createMealOptIn(db, management, { mealId: meals.get('Breakfast')!, attendeeId: p.id });
    await createMealOptIn(db, management, { mealId: meals.get('Lunch')!, attendeeId: p.id });
  }
  await createHealthDataOwner(db, management, eventId, clientLeadId);
}
