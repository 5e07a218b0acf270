import type { Context } from '../context.js';
import { findOrganizationRows, findVisibleApiTokens, findVisibleByIds, findVisibleEventsWithRole, findVisibleOrganizations, findVisibleUsers } from '../auth/visibility.js';
import { primeRole, readableRows } from '../auth/permissions.js';
import { operationLoader } from '../context.js';
import type { ApiToken, GearItem, GearKit, GearOutage, Organization, TaskTemplate, User } from '../db/types.js';
import { TYPENAMES, type EditableTable, type Row } from '../domain/entities.js';
import { ValidationError } from '../shared/errors.js';
import { isUuid } from '../domain/fields.js';
import { builder } from './builder.js';
import { joinableNode } from './selection.js';

function parseUuid(typename: string) {
  return (id: string): string => {
    if (!isUuid(id)) throw new ValidationError({ field: 'id', message: `is not a ${typename} id` });
    return id.toLowerCase();
  };
}

/**
 * Every node type, declared once with its loader so that any field returning an id of it is
 * batched. Areas implement the fields; declaring refs here keeps the areas free of import cycles.
 */
function entityNode<T extends EditableTable>(table: T) {
  const typename = TYPENAMES[table];
  // Its loader asks `visibleCondition`: a page may read its rows in its own statement (src/schema/selection.ts, `refersTo`).
  joinableNode(typename, table);
  return builder.loadableNodeRef<Row<T>, string, string>(typename, {
    id: { resolve: (row) => (row as unknown as { id: string }).id, parse: parseUuid(typename) },
    load: (ids: string[], ctx: Context) => findVisibleByIds(ctx.db, ctx.viewer, table, ids),
    sort: (row) => (row as unknown as { id: string }).id,
  });
}

// An event is loaded with the viewer's role on it, which every field rule of the event asks next.
export const EventRef = builder.loadableNodeRef<Row<'event'>, string, string>('Event', {
  id: { resolve: (row) => row.id, parse: parseUuid('Event') },
  load: async (ids: string[], ctx: Context) =>
    (await findVisibleEventsWithRole(ctx.db, ctx.viewer, ids)).map(({ event, role }) => {
      if (role !== undefined) primeRole(ctx, event.id, role);
      return event;
    }),
  sort: (row) => row.id,
});
export const EventMemberRef = entityNode('event_member');
export const VenueRef = entityNode('venue');
export const RoomRef = entityNode('room');
export const SessionRef = entityNode('session');
export const SpeakerRef = entityNode('speaker');
export const SessionSpeakerRef = entityNode('session_speaker');
export const SegmentRef = entityNode('segment');
export const CueRef = entityNode('cue');
export const SessionHoldRef = entityNode('session_hold');
export const StageOutputRef = entityNode('stage_output');
export const DepartmentFieldRef = entityNode('department_field');
export const RehearsalRef = entityNode('show_run');
export const RunOfShowVersionRef = entityNode('run_of_show_version');
export const EventContactRef = entityNode('event_contact');
export const ScreenLinkRef = entityNode('screen_link');
export const RegistrationTypeRef = entityNode('registration_type');
export const AttendeeRef = entityNode('attendee');
export const SessionRegistrationRef = entityNode('session_registration');
export const CheckInRef = entityNode('check_in');
export const RegistrationQuestionRef = entityNode('registration_question');
export const InvitationListRef = entityNode('invitation_list');
export const TravelLegRef = entityNode('travel_leg');
export const TransferWaveRef = entityNode('transfer_wave');
export const HotelBlockRef = entityNode('hotel_block');
export const RoomReservationRef = entityNode('room_reservation');
export const MealRef = entityNode('meal');
export const MealOptInRef = entityNode('meal_opt_in');
export const HealthDataOwnerRef = entityNode('health_data_owner');
export const ProductionBlockRef = entityNode('production_block');
export const RehearsalSlotRef = entityNode('rehearsal_slot');
export const VenueAccessWindowRef = entityNode('venue_access_window');
export const TruckRef = entityNode('truck');
export const RoomSetupRef = entityNode('room_setup');
export const RiggingPointRef = entityNode('rigging_point');
export const AssetRef = entityNode('asset');
export const FormatTemplateRef = entityNode('format_template');
export const LaborRuleSetRef = entityNode('labor_rule_set');
export const CrewVendorRef = entityNode('crew_vendor');
export const CrewMemberRef = entityNode('crew_member');
export const CrewCallRef = entityNode('crew_call');
export const CrewAssignmentRef = entityNode('crew_assignment');
export const RequestRef = entityNode('request');
export const RequestMessageRef = entityNode('request_message');
export const VendorRef = entityNode('vendor');
export const ContractRef = entityNode('contract');
export const ContractPaymentRef = entityNode('contract_payment');
export const FunctionOrderRef = entityNode('function_order');
export const BudgetRef = entityNode('budget');
export const BudgetVersionRef = entityNode('budget_version');
export const BudgetLineRef = entityNode('budget_line');
export const InvoiceRef = entityNode('invoice');
export const TaskRef = entityNode('task');
export const SelectionCriterionRef = entityNode('selection_criterion');
export const VenueCandidateRef = entityNode('venue_candidate');
export const SiteVisitRef = entityNode('site_visit');
export const ScheduleReleaseRef = entityNode('schedule_release');
export const FeedLinkRef = entityNode('feed_link');
export const GearBookingRef = entityNode('gear_booking');
export const GearSubrentalRef = entityNode('gear_subrental');

export const OrganizationRef = builder.loadableNodeRef<Organization, string, string>('Organization', {
  id: { resolve: (row) => row.id, parse: parseUuid('Organization') },
  load: (ids: string[], ctx: Context) => findVisibleOrganizations(ctx.db, ctx.viewer, ids),
  sort: (row) => row.id,
});

export const UserRef = builder.loadableNodeRef<User, string, string>('User', {
  id: { resolve: (row) => row.id, parse: parseUuid('User') },
  load: (ids: string[], ctx: Context) => findVisibleUsers(ctx.db, ctx.viewer, ids),
  sort: (row) => row.id,
});

/** A token's metadata (never its secret): visible to its owner and to platform administrators. */
export const ApiTokenRef = builder.loadableNodeRef<ApiToken, string, string>('ApiToken', {
  id: { resolve: (row) => row.id, parse: parseUuid('ApiToken') },
  load: (ids: string[], ctx: Context) => findVisibleApiTokens(ctx.db, ctx.viewer, ids),
  sort: (row) => row.id,
});

/** Rows an organization keeps for itself (inventory, templates): read by its own users (and administrators) only. */
function organizationNode<T extends GearItem | GearKit | GearOutage | TaskTemplate>(typename: string, table: 'gear_item' | 'gear_kit' | 'gear_outage' | 'task_template') {
  return builder.loadableNodeRef<T, string, string>(typename, {
    id: { resolve: (row) => row.id, parse: parseUuid(typename) },
    load: async (ids: string[], ctx: Context) => (await findOrganizationRows(ctx.db, table, ctx.viewer, ids)) as T[],
    sort: (row) => row.id,
  });
}
export const GearItemRef = organizationNode<GearItem>('GearItem', 'gear_item');
export const GearKitRef = organizationNode<GearKit>('GearKit', 'gear_kit');
export const GearOutageRef = organizationNode<GearOutage>('GearOutage', 'gear_outage');
export const TaskTemplateRef = organizationNode<TaskTemplate>('TaskTemplate', 'task_template');

/**
 * Every room of each event, once per operation, primed into the room loader: the documents that
 * list an event's rooms (the production schedule, the pull sheet) read them in one statement,
 * however their resolvers interleave.
 */
const eventRooms = operationLoader<string, true>(async (ctx, eventIds) => {
  const rows = await ctx.db.selectFrom('room').selectAll().where('event_id', 'in', eventIds as string[]).execute();
  const loader = RoomRef.getDataloader(ctx);
  for (const row of await readableRows(ctx, rows)) loader.prime(row.id, row);
  return eventIds.map(() => true as const);
});
export const primeEventRooms = (ctx: Context, eventId: string): Promise<true> => eventRooms(ctx).load(eventId);
