import type { Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { DB, Meal, MealService } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity, deleteEntity, findById, sameValue, updateEntity } from '../entities.js';
import { requireInEvent as requirePersonInEvent } from '../registration/people.js';
import { requireInEvent } from '../venue/venue.js';

/**
 * Meals as the event manager plans them: each meal with its service (plated with entrée choices,
 * buffet, stations, boxed, reception), time and room, and who eats — meals are opt-in, and staff,
 * speakers, guests and crew opt in like everyone (they are attendees with their registration
 * type). The counts that go to the caterer (function orders, guarantees) read from here.
 */

type Tx = Transaction<DB>;

export type MealInput = {
  name: string;
  service: MealService;
  startsAt: Date;
  endsAt: Date;
  roomId?: string | null;
  entreeOptions?: string[] | null;
  notes?: string | null;
};

type MealRow = Pick<Meal, 'event_id' | 'service' | 'starts_at' | 'ends_at' | 'room_id' | 'entree_options'>;

async function checkMeal(tx: Tx, next: MealRow, before: Meal | null): Promise<void> {
  if (new Date(next.ends_at) <= new Date(next.starts_at)) throw new ValidationError({ field: 'endsAt', message: 'must be after startsAt' });
  if (next.entree_options.length && next.service !== 'PLATED')
    throw new ValidationError({ field: 'entreeOptions', message: `a ${next.service} meal has no entrée choices; only a PLATED one does` });
  if (new Set(next.entree_options.map((e) => e.toLowerCase())).size !== next.entree_options.length)
    throw new ValidationError({ field: 'entreeOptions', message: 'must not name an entrée twice' });
  if (next.room_id && next.room_id !== before?.room_id) await requireInEvent(tx, 'room', next.room_id, next.event_id, 'roomId');
  if (before) {
    // An entrée someone chose stays on the menu until they choose another.
    const dropped = before.entree_options.filter((e) => !next.entree_options.includes(e));
    if (dropped.length) {
      const chosen = await tx
        .selectFrom('meal_opt_in')
        .select(['entree', (eb) => eb.fn.countAll<string>().as('n')])
        .where('meal_id', '=', (before as Meal).id)
        .where('entree', 'in', dropped)
        .groupBy('entree')
        .executeTakeFirst();
      if (chosen)
        throw new ValidationError({
          field: next.service === 'PLATED' ? 'entreeOptions' : 'service',
          message: `${chosen.n} people chose "${chosen.entree}"; give them another entrée first`,
        });
    }
  }
}

const json = (values: string[] | null | undefined) => (values == null ? undefined : JSON.stringify(values.map((v) => v.trim())));

export function createMeal(db: Database, actor: Actor, eventId: string, input: MealInput) {
  return createEntity(db, actor, 'meal', eventId, async (tx) => {
    const values = {
      name: input.name,
      service: input.service,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      room_id: input.roomId ?? null,
      notes: input.notes ?? null,
    };
    const entrees = (input.entreeOptions ?? []).map((e) => e.trim());
    await checkMeal(tx, { ...values, event_id: eventId, entree_options: entrees }, null);
    return { ...values, entree_options: JSON.stringify(entrees) };
  });
}

export async function updateMeal(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<MealInput>) {
  // Entrées are jsonb written as text: compared as values first, so sending the same menu writes nothing.
  const current = patch.entreeOptions ? await findById(db, 'meal', id) : null;
  const entrees =
    current &&
    sameValue(
      current.entree_options,
      patch.entreeOptions!.map((e) => e.trim()),
    )
      ? undefined
      : json(patch.entreeOptions);
  return updateEntity(
    db,
    actor,
    'meal',
    id,
    expectedVersion,
    {
      name: patch.name,
      service: patch.service,
      starts_at: patch.startsAt,
      ends_at: patch.endsAt,
      room_id: patch.roomId,
      entree_options: entrees,
      notes: patch.notes,
    },
    (tx, next, before) =>
      checkMeal(
        tx,
        { ...next, entree_options: typeof next.entree_options === 'string' ? JSON.parse(next.entree_options) : next.entree_options },
        before,
      ),
  );
}

export function deleteMeal(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'meal', id, expectedVersion);
}

export type OptInInput = { mealId: string; attendeeId: string; entree?: string | null; tableLabel?: string | null };

async function checkEntree(tx: Tx, mealId: string, entree: string | null): Promise<void> {
  if (entree === null) return;
  const meal = await tx.selectFrom('meal').select(['service', 'entree_options']).where('id', '=', mealId).executeTakeFirstOrThrow();
  if (!meal.entree_options.includes(entree))
    throw new ValidationError({
      field: 'entree',
      message: meal.entree_options.length
        ? `must be one of the meal's entrées: ${meal.entree_options.map((e) => `"${e}"`).join(', ')}`
        : `this ${meal.service} meal has no entrée choices`,
    });
}

/** A person opts in to a meal (once), with their entrée when it is plated. Someone who declined or cancelled eats nowhere. */
export function createMealOptIn(db: Database, actor: Actor, input: OptInInput) {
  return findById(db, 'meal', input.mealId).then((meal) =>
    createEntity(db, actor, 'meal_opt_in', meal.event_id, async (tx) => {
      await requirePersonInEvent(tx, meal.event_id, [['attendee', input.attendeeId, 'attendeeId']]);
      const attendee = await tx
        .selectFrom('attendee')
        .select(['name', 'status'])
        .where('id', '=', input.attendeeId)
        .executeTakeFirstOrThrow();
      if (attendee.status === 'DECLINED' || attendee.status === 'CANCELLED')
        throw new ValidationError({
          field: 'attendeeId',
          message: `${attendee.name} is ${attendee.status}: only people who come opt in to meals`,
        });
      const already = await tx
        .selectFrom('meal_opt_in')
        .select('id')
        .where('meal_id', '=', input.mealId)
        .where('attendee_id', '=', input.attendeeId)
        .executeTakeFirst();
      if (already) throw new ValidationError({ field: 'attendeeId', message: `${attendee.name} has already opted in to this meal` });
      const entree = input.entree?.trim() || null;
      await checkEntree(tx, input.mealId, entree);
      return { meal_id: input.mealId, attendee_id: input.attendeeId, entree, table_label: input.tableLabel?.trim() || null };
    }),
  );
}

/** Changes a person's entrée or table; what is left out stays. */
export function updateMealOptIn(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: { entree?: string | null; tableLabel?: string | null },
) {
  const text = (value: string | null | undefined) => (value === undefined ? undefined : value?.trim() || null);
  return updateEntity(
    db,
    actor,
    'meal_opt_in',
    id,
    expectedVersion,
    { entree: text(patch.entree), table_label: text(patch.tableLabel) },
    (tx, next, before) => (next.entree === before.entree ? undefined : checkEntree(tx, next.meal_id, next.entree)),
  );
}

export function deleteMealOptIn(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'meal_opt_in', id, expectedVersion);
}
