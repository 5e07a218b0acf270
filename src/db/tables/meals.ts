import type { ColumnType, Generated, Selectable } from 'kysely';
import { type Versioned, versioned } from './columns.js';

/** Meals: an event's meals, who opted in to each, and who may read individual health data. */

export type MealService = 'PLATED' | 'BUFFET' | 'STATIONS' | 'BOXED' | 'RECEPTION';

export interface MealTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  name: string;
  service: MealService;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  room_id: string | null;
  /** The entrées people choose from, for a plated meal. */
  entree_options: ColumnType<string[], string | undefined, string>;
  notes: string | null;
}

/** A person eats at a meal (meals are opt-in), with their entrée when it is plated. */
export interface MealOptInTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  meal_id: string;
  attendee_id: string;
  entree: string | null;
  /** Where they sit ("12"): the allergy list names the table. */
  table_label: string | null;
}

/** A user of the client who may read individual health details of the event's people. */
export interface HealthDataOwnerTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  user_id: string;
}

export type Meal = Selectable<MealTable>;
export type MealOptIn = Selectable<MealOptInTable>;
export type HealthDataOwner = Selectable<HealthDataOwnerTable>;

export interface MealsTables {
  meal: MealTable;
  meal_opt_in: MealOptInTable;
  health_data_owner: HealthDataOwnerTable;
}

export const mealsColumns = {
  meal: ['id', 'event_id', 'name', 'service', 'starts_at', 'ends_at', 'room_id', 'entree_options', 'notes', ...versioned],
  meal_opt_in: ['id', 'event_id', 'meal_id', 'attendee_id', 'entree', 'table_label', ...versioned],
  health_data_owner: ['id', 'event_id', 'user_id', ...versioned],
} as const;
