import type { Insertable, Updateable } from 'kysely';
import { accountsColumns, type AccountsTables } from './tables/accounts.js';
import { eventColumns, type EventTables } from './tables/event.js';
import { venueColumns, type VenueTables } from './tables/venue.js';
import { scheduleColumns, type ScheduleTables } from './tables/schedule.js';
import { runofshowColumns, type RunOfShowTables } from './tables/runofshow.js';
import { historyColumns, type HistoryTables } from './tables/history.js';
import { contactsColumns, type ContactsTables } from './tables/contacts.js';
import { screensColumns, type ScreensTables } from './tables/screens.js';
import { registrationColumns, type RegistrationTables } from './tables/registration.js';
import { travelColumns, type TravelTables } from './tables/travel.js';
import { housingColumns, type HousingTables } from './tables/housing.js';
import { mealsColumns, type MealsTables } from './tables/meals.js';
import { productionColumns, type ProductionTables } from './tables/production.js';
import { gearColumns, type GearTables } from './tables/gear.js';
import { crewColumns, type CrewTables } from './tables/crew.js';
import { requestsColumns, type RequestsTables } from './tables/requests.js';
import { contractsColumns, type ContractsTables } from './tables/contracts.js';
import { beoColumns, type BeoTables } from './tables/beo.js';
import { budgetColumns, type BudgetTables } from './tables/budget.js';
import { timelineColumns, type TimelineTables } from './tables/timeline.js';
import { selectionColumns, type SelectionTables } from './tables/selection.js';
import { releasesColumns, type ReleasesTables } from './tables/releases.js';

/**
 * The database as Kysely sees it, composed from each area's tables (src/db/tables/<area>.ts).
 * A new area adds its file there and one entry to each of the two lists below.
 */
export interface DB
  extends
    AccountsTables,
    EventTables,
    VenueTables,
    ScheduleTables,
    RunOfShowTables,
    HistoryTables,
    ContactsTables,
    ScreensTables,
    RegistrationTables,
    TravelTables,
    HousingTables,
    MealsTables,
    ProductionTables,
    GearTables,
    CrewTables,
    RequestsTables,
    ContractsTables,
    BeoTables,
    BudgetTables,
    TimelineTables,
    SelectionTables,
    ReleasesTables {}

/**
 * Every column of every table, at run time: pages name the columns they select (only those a query
 * reads, see src/schema/selection.ts), and need the whole list when a query reads whole rows.
 */
export const COLUMNS = {
  ...accountsColumns,
  ...eventColumns,
  ...venueColumns,
  ...scheduleColumns,
  ...runofshowColumns,
  ...historyColumns,
  ...contactsColumns,
  ...screensColumns,
  ...registrationColumns,
  ...travelColumns,
  ...housingColumns,
  ...mealsColumns,
  ...productionColumns,
  ...gearColumns,
  ...crewColumns,
  ...requestsColumns,
  ...contractsColumns,
  ...beoColumns,
  ...budgetColumns,
  ...timelineColumns,
  ...selectionColumns,
  ...releasesColumns,
} as const satisfies { [T in keyof DB]: readonly (keyof DB[T] & string)[] };

// Each area's table and enum types, from the one module the rest of the code imports them from.
export type * from './tables/accounts.js';
export type * from './tables/event.js';
export type * from './tables/venue.js';
export type * from './tables/schedule.js';
export type * from './tables/runofshow.js';
export type * from './tables/history.js';
export type * from './tables/contacts.js';
export type * from './tables/screens.js';
export type * from './tables/registration.js';
export type * from './tables/travel.js';
export type * from './tables/housing.js';
export type * from './tables/meals.js';
export type * from './tables/production.js';
export type * from './tables/gear.js';
export type * from './tables/crew.js';
export type * from './tables/requests.js';
export type * from './tables/contracts.js';
export type * from './tables/beo.js';
export type * from './tables/budget.js';
export type * from './tables/timeline.js';
export type * from './tables/selection.js';
export type * from './tables/releases.js';

/** A column of a table, by name. */
export type ColumnOf<T extends keyof DB> = keyof DB[T] & string;

// Fails to compile, naming the column, when a table above gains a column that COLUMNS lacks.
type MissingColumns = { [T in keyof DB]: Exclude<ColumnOf<T>, (typeof COLUMNS)[T][number]> }[keyof DB];
const columnsComplete: [MissingColumns] extends [never] ? true : MissingColumns = true;
void columnsComplete;

export type { Insertable, Updateable };
