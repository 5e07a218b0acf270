import type { Migration } from 'kysely';
import * as m20261125000000 from './20261125000000_create_event_graph.js';
import * as m20261201000000 from './20261201000000_add_organization_admins.js';
import * as m20261202000000 from './20261202000000_add_event_contacts.js';
import * as m20261203000000 from './20261203000000_run_of_show_depth.js';
import * as m20261204000000 from './20261204000000_standby_and_departments.js';
import * as m20261205000000 from './20261205000000_runs_and_versions.js';
import * as m20261206000000 from './20261206000000_cue_numbering.js';
import * as m20261207000000 from './20261207000000_segment_lock_flag.js';
import * as m20261208000000 from './20261208000000_add_screen_links.js';
import * as m20261209000000 from './20261209000000_add_registration.js';
import * as m20261210000000 from './20261210000000_add_session_registration.js';
import * as m20261211000000 from './20261211000000_add_registration_questions.js';
import * as m20261212000000 from './20261212000000_add_travel.js';
import * as m20261213000000 from './20261213000000_add_housing.js';
import * as m20261214000000 from './20261214000000_add_meals.js';
import * as m20261215000000 from './20261215000000_add_production.js';
import * as m20261216000000 from './20261216000000_add_gear.js';
import * as m20261217000000 from './20261217000000_add_room_specs.js';
import * as m20261218000000 from './20261218000000_add_assets.js';
import * as m20261219000000 from './20261219000000_add_requirements.js';
import * as m20261220000000 from './20261220000000_add_crew.js';
import * as m20261221000000 from './20261221000000_add_requests.js';
import * as m20261222000000 from './20261222000000_block_moved_from.js';
import * as m20261223000000 from './20261223000000_access_notify.js';
import * as m20261224000000 from './20261224000000_add_contracts.js';
import * as m20261225000000 from './20261225000000_add_function_orders.js';
import * as m20261226000000 from './20261226000000_add_budget.js';
import * as m20261227000000 from './20261227000000_add_timeline.js';
import * as m20261228000000 from './20261228000000_add_venue_selection.js';
import * as m20261229000000 from './20261229000000_add_schedule_releases.js';
import * as m20261230000000 from './20261230000000_add_feed_links.js';
import * as m20261231000000 from './20261231000000_list_indexes.js';

/**
 * Every migration, by name. Imported statically so that tsx, vitest and a bundler all see the same
 * list; a test checks that every file in this folder is listed.
 */
export const migrations: Record<string, Migration> = {
  '20261125000000_create_event_graph': m20261125000000,
  '20261201000000_add_organization_admins': m20261201000000,
  '20261202000000_add_event_contacts': m20261202000000,
  '20261203000000_run_of_show_depth': m20261203000000,
  '20261204000000_standby_and_departments': m20261204000000,
  '20261205000000_runs_and_versions': m20261205000000,
  '20261206000000_cue_numbering': m20261206000000,
  '20261207000000_segment_lock_flag': m20261207000000,
  '20261208000000_add_screen_links': m20261208000000,
  '20261209000000_add_registration': m20261209000000,
  '20261210000000_add_session_registration': m20261210000000,
  '20261211000000_add_registration_questions': m20261211000000,
  '20261212000000_add_travel': m20261212000000,
  '20261213000000_add_housing': m20261213000000,
  '20261214000000_add_meals': m20261214000000,
  '20261215000000_add_production': m20261215000000,
  '20261216000000_add_gear': m20261216000000,
  '20261217000000_add_room_specs': m20261217000000,
  '20261218000000_add_assets': m20261218000000,
  '20261219000000_add_requirements': m20261219000000,
  '20261220000000_add_crew': m20261220000000,
  '20261221000000_add_requests': m20261221000000,
  '20261222000000_block_moved_from': m20261222000000,
  '20261223000000_access_notify': m20261223000000,
  '20261224000000_add_contracts': m20261224000000,
  '20261225000000_add_function_orders': m20261225000000,
  '20261226000000_add_budget': m20261226000000,
  '20261227000000_add_timeline': m20261227000000,
  '20261228000000_add_venue_selection': m20261228000000,
  '20261229000000_add_schedule_releases': m20261229000000,
  '20261230000000_add_feed_links': m20261230000000,
  '20261231000000_list_indexes': m20261231000000,
};
