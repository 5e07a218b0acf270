import { sql } from 'kysely';
import type { Executor } from '../../db/client.js';
import { countHealth, type HealthCounts } from './health.js';

/**
 * What a meal's numbers are, counted from people, not lines: those REGISTERED who opted in, their
 * entrée choices (and how many have not chosen yet), and their needs — what the caterer's function
 * order reads. Opt-ins of people not (yet) REGISTERED are counted apart: they do not eat yet.
 */
export type MealCounts = {
  eating: number;
  notRegistered: number;
  entrees: { entree: string; people: number }[];
  noEntree: number;
  health: HealthCounts;
};

export async function countMeal(db: Executor, mealId: string): Promise<MealCounts> {
  const eating = sql`SELECT o.attendee_id FROM meal_opt_in o JOIN attendee a ON a.id = o.attendee_id WHERE o.meal_id = ${mealId} AND a.status = 'REGISTERED'`;
  const [{ rows }, health, meal] = await Promise.all([
    sql<{ entree: string | null; registered: boolean; n: number }>`
      SELECT o.entree, a.status = 'REGISTERED' AS registered, count(*)::int AS n
        FROM meal_opt_in o JOIN attendee a ON a.id = o.attendee_id
       WHERE o.meal_id = ${mealId} GROUP BY 1, 2`.execute(db),
    countHealth(db, eating),
    db.selectFrom('meal').select('entree_options').where('id', '=', mealId).executeTakeFirstOrThrow(),
  ]);
  const registered = rows.filter((r) => r.registered);
  return {
    eating: registered.reduce((sum, r) => sum + r.n, 0),
    notRegistered: rows.filter((r) => !r.registered).reduce((sum, r) => sum + r.n, 0),
    entrees: meal.entree_options.map((entree) => ({ entree, people: registered.find((r) => r.entree === entree)?.n ?? 0 })),
    noEntree: meal.entree_options.length ? (registered.find((r) => r.entree === null)?.n ?? 0) : 0,
    health,
  };
}

/** The needs of everyone REGISTERED for the event. */
export function countEventHealth(db: Executor, eventId: string): Promise<HealthCounts> {
  return countHealth(db, sql`SELECT id FROM attendee WHERE event_id = ${eventId} AND status = 'REGISTERED'`);
}
