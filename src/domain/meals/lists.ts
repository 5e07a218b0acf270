import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** An event's meals, in time order. */
export const mealsOfEvent: ListSpec<PageArgs> = { name: 'event.meals', table: 'meal', parent: 'event_id', orderBy: ['starts_at'] };

/** Who eats at a meal, in the order they opted in. */
export const optInsOfMeal: ListSpec<PageArgs> = { name: 'meal.optIns', table: 'meal_opt_in', parent: 'meal_id', orderBy: ['created_at'] };

/** The meals a person opted in to. */
export const optInsOfAttendee: ListSpec<PageArgs> = {
  name: 'attendee.mealOptIns',
  table: 'meal_opt_in',
  parent: 'attendee_id',
  orderBy: ['created_at'],
};

/** The client users who read individual health details. */
export const healthOwnersOfEvent: ListSpec<PageArgs> = {
  name: 'event.healthDataOwners',
  table: 'health_data_owner',
  parent: 'event_id',
  orderBy: ['created_at'],
};
