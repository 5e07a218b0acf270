import type { Selectable } from 'kysely';
import type { DB } from './types.js';

/**
 * Every table of the graph, once: the GraphQL type its rows are, the area it belongs to, and
 * whether its rows belong to an event (edited through the write path, read by the event's members)
 * or to the platform (organizations and their people). The other registries derive from this one:
 * `EditableTable`, the matrix's targets, node typenames, the tests' tables. A table missing here
 * fails to compile, naming it.
 */
export const ENTITIES = {
  organization: { typename: 'Organization', area: 'accounts', scope: 'platform' },
  app_user: { typename: 'User', area: 'accounts', scope: 'platform' },
  api_token: { typename: 'ApiToken', area: 'accounts', scope: 'platform' },
  event: { typename: 'Event', area: 'event', scope: 'event' },
  event_member: { typename: 'EventMember', area: 'event', scope: 'event' },
  venue: { typename: 'Venue', area: 'venue', scope: 'event' },
  room: { typename: 'Room', area: 'venue', scope: 'event' },
  session: { typename: 'Session', area: 'schedule', scope: 'event' },
  speaker: { typename: 'Speaker', area: 'schedule', scope: 'event' },
  session_speaker: { typename: 'SessionSpeaker', area: 'schedule', scope: 'event' },
  segment: { typename: 'Segment', area: 'runofshow', scope: 'event' },
  cue: { typename: 'Cue', area: 'runofshow', scope: 'event' },
  session_hold: { typename: 'SessionHold', area: 'runofshow', scope: 'event' },
  stage_output: { typename: 'StageOutput', area: 'runofshow', scope: 'event' },
  department_field: { typename: 'DepartmentField', area: 'runofshow', scope: 'event' },
  show_run: { typename: 'Rehearsal', area: 'runofshow', scope: 'event' },
  run_of_show_version: { typename: 'RunOfShowVersion', area: 'runofshow', scope: 'event' },
  event_contact: { typename: 'EventContact', area: 'contacts', scope: 'event' },
  screen_link: { typename: 'ScreenLink', area: 'screens', scope: 'event' },
  registration_type: { typename: 'RegistrationType', area: 'registration', scope: 'event' },
  attendee: { typename: 'Attendee', area: 'registration', scope: 'event' },
  session_registration: { typename: 'SessionRegistration', area: 'registration', scope: 'event' },
  check_in: { typename: 'CheckIn', area: 'registration', scope: 'event' },
  registration_question: { typename: 'RegistrationQuestion', area: 'registration', scope: 'event' },
  invitation_list: { typename: 'InvitationList', area: 'registration', scope: 'event' },
  transfer_wave: { typename: 'TransferWave', area: 'travel', scope: 'event' },
  travel_leg: { typename: 'TravelLeg', area: 'travel', scope: 'event' },
  hotel_block: { typename: 'HotelBlock', area: 'housing', scope: 'event' },
  room_reservation: { typename: 'RoomReservation', area: 'housing', scope: 'event' },
  meal: { typename: 'Meal', area: 'meals', scope: 'event' },
  meal_opt_in: { typename: 'MealOptIn', area: 'meals', scope: 'event' },
  health_data_owner: { typename: 'HealthDataOwner', area: 'meals', scope: 'event' },
  production_block: { typename: 'ProductionBlock', area: 'production', scope: 'event' },
  rehearsal_slot: { typename: 'RehearsalSlot', area: 'production', scope: 'event' },
  venue_access_window: { typename: 'VenueAccessWindow', area: 'production', scope: 'event' },
  truck: { typename: 'Truck', area: 'production', scope: 'event' },
  room_setup: { typename: 'RoomSetup', area: 'production', scope: 'event' },
  rigging_point: { typename: 'RiggingPoint', area: 'production', scope: 'event' },
  asset: { typename: 'Asset', area: 'production', scope: 'event' },
  format_template: { typename: 'FormatTemplate', area: 'production', scope: 'event' },
  gear_item: { typename: 'GearItem', area: 'gear', scope: 'platform' },
  gear_outage: { typename: 'GearOutage', area: 'gear', scope: 'platform' },
  gear_kit: { typename: 'GearKit', area: 'gear', scope: 'platform' },
  gear_booking: { typename: 'GearBooking', area: 'gear', scope: 'event' },
  gear_subrental: { typename: 'GearSubrental', area: 'gear', scope: 'event' },
  labor_rule_set: { typename: 'LaborRuleSet', area: 'crew', scope: 'event' },
  crew_vendor: { typename: 'CrewVendor', area: 'crew', scope: 'event' },
  crew_member: { typename: 'CrewMember', area: 'crew', scope: 'event' },
  crew_call: { typename: 'CrewCall', area: 'crew', scope: 'event' },
  crew_assignment: { typename: 'CrewAssignment', area: 'crew', scope: 'event' },
  request: { typename: 'Request', area: 'requests', scope: 'event' },
  request_message: { typename: 'RequestMessage', area: 'requests', scope: 'event' },
  vendor: { typename: 'Vendor', area: 'contracts', scope: 'event' },
  contract: { typename: 'Contract', area: 'contracts', scope: 'event' },
  contract_payment: { typename: 'ContractPayment', area: 'contracts', scope: 'event' },
  function_order: { typename: 'FunctionOrder', area: 'beo', scope: 'event' },
  budget: { typename: 'Budget', area: 'budget', scope: 'event' },
  budget_version: { typename: 'BudgetVersion', area: 'budget', scope: 'event' },
  budget_line: { typename: 'BudgetLine', area: 'budget', scope: 'event' },
  invoice: { typename: 'Invoice', area: 'budget', scope: 'event' },
  task: { typename: 'Task', area: 'timeline', scope: 'event' },
  task_template: { typename: 'TaskTemplate', area: 'timeline', scope: 'platform' },
  selection_criterion: { typename: 'SelectionCriterion', area: 'selection', scope: 'event' },
  venue_candidate: { typename: 'VenueCandidate', area: 'selection', scope: 'event' },
  site_visit: { typename: 'SiteVisit', area: 'selection', scope: 'event' },
  schedule_release: { typename: 'ScheduleRelease', area: 'releases', scope: 'event' },
  feed_link: { typename: 'FeedLink', area: 'releases', scope: 'event' },
} as const satisfies { [T in Exclude<keyof DB, 'change'>]: { typename: string; area: string; scope: 'event' | 'platform' } };

type Entities = typeof ENTITIES;
export type EntityTable = keyof Entities;

/** The tables of an event's editable rows (each has `event_id`, `version`, and a change per write). */
export type EditableTable = { [T in EntityTable]: Entities[T]['scope'] extends 'event' ? T : never }[EntityTable];
export type Row<T extends EditableTable> = Selectable<DB[T]>;

export const EDITABLE_TABLES = (Object.keys(ENTITIES) as EntityTable[]).filter((t): t is EditableTable => ENTITIES[t].scope === 'event');

/** The GraphQL type of each event table's rows. */
export const TYPENAMES = Object.fromEntries(EDITABLE_TABLES.map((t) => [t, ENTITIES[t].typename])) as {
  [T in EditableTable]: Entities[T]['typename'];
};

/** The table behind a GraphQL type of the graph, or undefined. */
export function tableOf(typename: string): EntityTable | undefined {
  return (Object.keys(ENTITIES) as EntityTable[]).find((t) => ENTITIES[t].typename === typename);
}
