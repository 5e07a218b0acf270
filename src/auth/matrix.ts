import type { EditableTable } from '../db/entities.js';
import type { MemberRole, OrganizationKind } from '../db/types.js';

/**
 * Who may do what, as data. The schema's scopes are derived from it, and a test walks every root
 * field and mutation of the printed schema against it: a field without a rule fails that test.
 */
export type Action =
  | 'read'
  | 'plan'
  | 'technical'
  | 'runOfShow'
  | 'callShow'
  | 'liveTiming'
  | 'readHistory'
  | 'appointProduction'
  | 'screens'
  | 'healthOwners'
  | 'production'
  | 'rehearsals'
  | 'assets'
  | 'reviewAssets'
  | 'requests'
  | 'approveChangeOrders';

/** The design's matrix: which member roles may take each action on an event. */
export const MATRIX: Record<Action, readonly MemberRole[]> = {
  read: ['CLIENT', 'MANAGEMENT', 'PRODUCTION'],
  plan: ['MANAGEMENT'],
  technical: ['PRODUCTION'],
  runOfShow: ['PRODUCTION'],
  callShow: ['PRODUCTION'],
  liveTiming: ['MANAGEMENT', 'PRODUCTION'],
  readHistory: ['CLIENT', 'MANAGEMENT', 'PRODUCTION'],
  // Production rights (the show, its cues, technical fields) are given by the client, not by management.
  appointProduction: ['CLIENT'],
  // Read-only links for the control room's screens: those who run the event on site make them.
  screens: ['MANAGEMENT', 'PRODUCTION'],
  // Who in the client reads individual health details: management names them, or the client's own administrators.
  healthOwners: ['MANAGEMENT', 'CLIENT'],
  // The production schedule, gear, crew: the production agency plans its own work.
  production: ['PRODUCTION'],
  // Speakers' rehearsal slots: management books the talent, production runs the rehearsal.
  rehearsals: ['MANAGEMENT', 'PRODUCTION'],
  // Files for the show: management collects them from speakers, production from its designers.
  assets: ['MANAGEMENT', 'PRODUCTION'],
  // Production reviews files; the client signs off stage designs and LED content (the domain says which).
  reviewAssets: ['CLIENT', 'PRODUCTION'],
  // Any organization of the event asks another; the domain says which side may close, reopen or price.
  requests: ['CLIENT', 'MANAGEMENT', 'PRODUCTION'],
  // Scope changes cost the client money: they approve them.
  approveChangeOrders: ['CLIENT'],
};

export const ACTION_WORDS: Record<Action, string> = {
  read: 'read this event',
  plan: 'plan this event (management)',
  technical: "edit this event's technical fields (production)",
  runOfShow: 'edit the run-of-show (production)',
  callShow: 'call the show (production)',
  liveTiming: 'control live timing',
  readHistory: "read this event's history",
  appointProduction: 'give an organization the PRODUCTION role on this event (the client appoints its production agency)',
  screens: 'make or revoke screen links (management and production)',
  healthOwners: 'name who in the client reads individual health details',
  production: 'plan the production (production)',
  rehearsals: "book speakers' rehearsal slots (management and production)",
  assets: 'request or receive files for the show (management and production)',
  reviewAssets: 'review files (production; the client signs off stage designs and LED content)',
  requests: 'open and answer requests between the organizations of this event',
  approveChangeOrders: 'approve change orders (the client)',
};

/** Actions that, for these roles, only an administrator of the organization takes (a client names its own health-data owners). */
export const ORGANIZATION_ADMINS_ONLY: Partial<Record<Action, readonly MemberRole[]>> = { healthOwners: ['CLIENT'] };

export function roleMay(role: MemberRole | null | undefined, action: Action, isOrganizationAdmin = false): boolean {
  if (role == null || !MATRIX[action].includes(role)) return false;
  return isOrganizationAdmin || !ORGANIZATION_ADMINS_ONLY[action]?.includes(role);
}

/** Where a field finds the event it acts on: an input field holding an id of this table. */
export type Target = {
  input: string;
  table: EditableTable;
};

export type Rule =
  /** Anyone, with or without a token. */
  | { kind: 'public' }
  /** Any valid token; what it returns is limited to the caller's own organization and events. */
  | { kind: 'authenticated' }
  /** Platform administrators only. */
  | { kind: 'admin' }
  /** Platform administrators, and organization administrators for their own organization. */
  | { kind: 'userAdmin' }
  /** Users of these kinds of organization (and platform administrators). */
  | { kind: 'organization'; organizationKinds: readonly OrganizationKind[] }
  /**
   * A member of the target's event whose role may take `action`; `fieldActions` names input fields
   * owned by another action (a session's format belongs to production, its time to management).
   */
  | {
      kind: 'event';
      action: Action;
      target: Target;
      fieldActions?: Readonly<Record<string, Action>>;
      /** An input field whose value changes what the whole change needs (giving the PRODUCTION role). */
      valueAction?: { field: string; values: Readonly<Record<string, Action>> };
    };

const plan = (input: string, table: Target['table']): Rule => ({ kind: 'event', action: 'plan', target: { input, table } });
const runOfShow = (input: string, table: Target['table']): Rule => ({ kind: 'event', action: 'runOfShow', target: { input, table } });
const callShow = (input: string, table: Target['table']): Rule => ({ kind: 'event', action: 'callShow', target: { input, table } });
const liveTiming = (input: string, table: Target['table']): Rule => ({ kind: 'event', action: 'liveTiming', target: { input, table } });
const production = (input: string, table: Target['table']): Rule => ({ kind: 'event', action: 'production', target: { input, table } });

/** Fields of a session that belong to the production agency; the rest are management's. */
export const SESSION_TECHNICAL_FIELDS = { presentationFormat: 'technical' } as const satisfies Record<string, Action>;

/** A session speaker's mic and walk-up music are production's (audio); who speaks where is management's. */
export const SPEAKER_SUPPORT_FIELDS = {
  mic: 'technical',
  walkUpMusic: 'technical',
  laptop: 'technical',
  micKind: 'technical',
  confidenceView: 'technical',
} as const satisfies Record<string, Action>;

/** A membership with the PRODUCTION role is the client's call; any other role is management's. */
const APPOINTING_PRODUCTION = { field: 'role', values: { PRODUCTION: 'appointProduction' } } as const;

export const FIELD_RULES: Record<string, Rule> = {
  'Query.serverTime': { kind: 'public' },
  'Query.viewer': { kind: 'public' },
  'Query.events': { kind: 'authenticated' },
  'Query.node': { kind: 'authenticated' },
  'Query.nodes': { kind: 'authenticated' },
  'Query.organizations': { kind: 'authenticated' },

  'Mutation.createOrganization': { kind: 'admin' },
  'Mutation.updateOrganization': { kind: 'admin' },
  'Mutation.createUser': { kind: 'userAdmin' },
  'Mutation.createApiToken': { kind: 'authenticated' },
  'Mutation.revokeApiToken': { kind: 'authenticated' },

  'Mutation.createEvent': { kind: 'organization', organizationKinds: ['MANAGEMENT_AGENCY'] },
  'Mutation.updateEvent': { ...plan('id', 'event'), fieldActions: { cueNumbering: 'technical' } } as Rule,
  'Mutation.deleteEvent': plan('id', 'event'),
  'Mutation.createEventMember': { ...plan('eventId', 'event'), valueAction: APPOINTING_PRODUCTION } as Rule,
  'Mutation.updateEventMember': { ...plan('id', 'event_member'), valueAction: APPOINTING_PRODUCTION } as Rule,
  'Mutation.deleteEventMember': plan('id', 'event_member'),
  'Mutation.createVenue': plan('eventId', 'event'),
  'Mutation.updateVenue': plan('id', 'venue'),
  'Mutation.deleteVenue': plan('id', 'venue'),
  'Mutation.createRoom': plan('venueId', 'venue'),
  'Mutation.updateRoom': plan('id', 'room'),
  'Mutation.deleteRoom': plan('id', 'room'),
  'Mutation.createSession': { ...plan('eventId', 'event'), fieldActions: SESSION_TECHNICAL_FIELDS } as Rule,
  'Mutation.updateSession': { ...plan('id', 'session'), fieldActions: SESSION_TECHNICAL_FIELDS } as Rule,
  'Mutation.deleteSession': plan('id', 'session'),
  'Mutation.createSpeaker': plan('eventId', 'event'),
  'Mutation.updateSpeaker': plan('id', 'speaker'),
  'Mutation.deleteSpeaker': plan('id', 'speaker'),
  'Mutation.createSessionSpeaker': { ...plan('sessionId', 'session'), fieldActions: SPEAKER_SUPPORT_FIELDS } as Rule,
  'Mutation.updateSessionSpeaker': { ...plan('id', 'session_speaker'), fieldActions: SPEAKER_SUPPORT_FIELDS } as Rule,
  'Mutation.deleteSessionSpeaker': plan('id', 'session_speaker'),
  'Mutation.createEventContact': plan('eventId', 'event'),
  'Mutation.updateEventContact': plan('id', 'event_contact'),
  'Mutation.deleteEventContact': plan('id', 'event_contact'),
  'Mutation.createCue': runOfShow('sessionId', 'session'),
  'Mutation.updateCue': runOfShow('id', 'cue'),
  'Mutation.deleteCue': runOfShow('id', 'cue'),
  'Mutation.moveCue': runOfShow('id', 'cue'),
  'Mutation.createDepartmentField': runOfShow('eventId', 'event'),
  'Mutation.updateDepartmentField': runOfShow('id', 'department_field'),
  'Mutation.deleteDepartmentField': runOfShow('id', 'department_field'),
  'Mutation.publishRunOfShow': runOfShow('sessionId', 'session'),
  'Mutation.unlockRunOfShow': runOfShow('sessionId', 'session'),
  'Mutation.createSegment': runOfShow('sessionId', 'session'),
  'Mutation.updateSegment': runOfShow('id', 'segment'),
  'Mutation.deleteSegment': runOfShow('id', 'segment'),
  'Mutation.moveSegment': runOfShow('id', 'segment'),

  'Mutation.standbyCue': callShow('cueId', 'cue'),
  'Mutation.warnCue': callShow('cueId', 'cue'),
  'Mutation.acknowledgeStandby': callShow('cueId', 'cue'),
  'Mutation.cancelStandby': callShow('cueId', 'cue'),
  'Mutation.unskipCue': callShow('cueId', 'cue'),
  'Mutation.jumpToCue': callShow('sessionId', 'session'),
  'Mutation.startRehearsal': callShow('sessionId', 'session'),
  'Mutation.endRehearsal': callShow('sessionId', 'session'),
  'Mutation.goCue': callShow('cueId', 'cue'),
  'Mutation.goNextCue': callShow('sessionId', 'session'),
  'Mutation.skipCue': callShow('cueId', 'cue'),
  'Mutation.resetShow': callShow('sessionId', 'session'),
  'Mutation.startSegment': callShow('sessionId', 'session'),
  'Mutation.startSession': liveTiming('sessionId', 'session'),
  'Mutation.endSession': liveTiming('sessionId', 'session'),
  'Mutation.shiftSchedule': liveTiming('sessionId', 'session'),
  'Mutation.publishBaseline': plan('eventId', 'event'),
  'Mutation.holdSession': liveTiming('sessionId', 'session'),
  'Mutation.releaseHold': liveTiming('sessionId', 'session'),
  'Mutation.sendStageMessage': liveTiming('roomId', 'room'),
  'Mutation.setStageBlackout': liveTiming('roomId', 'room'),
  'Mutation.addTime': liveTiming('roomId', 'room'),
  'Mutation.pauseTimer': liveTiming('roomId', 'room'),
  'Mutation.resumeTimer': liveTiming('roomId', 'room'),

  'Mutation.createRegistrationType': plan('eventId', 'event'),
  'Mutation.updateRegistrationType': plan('id', 'registration_type'),
  'Mutation.deleteRegistrationType': plan('id', 'registration_type'),
  'Mutation.createAttendee': plan('eventId', 'event'),
  'Mutation.updateAttendee': plan('id', 'attendee'),
  'Mutation.deleteAttendee': plan('id', 'attendee'),
  'Mutation.registerForSession': plan('sessionId', 'session'),
  'Mutation.deleteSessionRegistration': plan('id', 'session_registration'),
  'Mutation.claimSessionSeat': plan('id', 'session_registration'),
  'Mutation.setSessionCapacity': plan('sessionId', 'session'),
  'Mutation.checkIn': plan('attendeeId', 'attendee'),
  'Mutation.deleteCheckIn': plan('id', 'check_in'),
  'Mutation.createRegistrationQuestion': plan('eventId', 'event'),
  'Mutation.updateRegistrationQuestion': plan('id', 'registration_question'),
  'Mutation.deleteRegistrationQuestion': plan('id', 'registration_question'),
  'Mutation.createInvitationList': plan('eventId', 'event'),
  'Mutation.updateInvitationList': plan('id', 'invitation_list'),
  'Mutation.deleteInvitationList': plan('id', 'invitation_list'),
  'Mutation.substituteAttendee': plan('id', 'attendee'),
  'Mutation.importAttendees': plan('eventId', 'event'),
  'Mutation.createTravelLeg': plan('eventId', 'event'),
  'Mutation.updateTravelLeg': plan('id', 'travel_leg'),
  'Mutation.deleteTravelLeg': plan('id', 'travel_leg'),
  'Mutation.createTransferWave': plan('eventId', 'event'),
  'Mutation.updateTransferWave': plan('id', 'transfer_wave'),
  'Mutation.deleteTransferWave': plan('id', 'transfer_wave'),
  'Mutation.createHotelBlock': plan('eventId', 'event'),
  'Mutation.updateHotelBlock': plan('id', 'hotel_block'),
  'Mutation.deleteHotelBlock': plan('id', 'hotel_block'),
  'Mutation.createRoomReservation': plan('eventId', 'event'),
  'Mutation.updateRoomReservation': plan('id', 'room_reservation'),
  'Mutation.deleteRoomReservation': plan('id', 'room_reservation'),
  'Mutation.createMeal': plan('eventId', 'event'),
  'Mutation.updateMeal': plan('id', 'meal'),
  'Mutation.deleteMeal': plan('id', 'meal'),
  'Mutation.createMealOptIn': plan('mealId', 'meal'),
  'Mutation.updateMealOptIn': plan('id', 'meal_opt_in'),
  'Mutation.deleteMealOptIn': plan('id', 'meal_opt_in'),
  'Mutation.updateAttendeeHealth': plan('id', 'attendee'),
  'Mutation.createHealthDataOwner': { kind: 'event', action: 'healthOwners', target: { input: 'eventId', table: 'event' } },
  'Mutation.deleteHealthDataOwner': { kind: 'event', action: 'healthOwners', target: { input: 'id', table: 'health_data_owner' } },
  'Mutation.createProductionBlock': production('eventId', 'event'),
  'Mutation.updateProductionBlock': production('id', 'production_block'),
  'Mutation.deleteProductionBlock': production('id', 'production_block'),
  'Mutation.acknowledgeProductionBlock': production('id', 'production_block'),
  'Mutation.moveRehearsal': plan('id', 'production_block'),
  'Mutation.createRehearsalSlot': { kind: 'event', action: 'rehearsals', target: { input: 'blockId', table: 'production_block' } },
  'Mutation.updateRehearsalSlot': { kind: 'event', action: 'rehearsals', target: { input: 'id', table: 'rehearsal_slot' } },
  'Mutation.deleteRehearsalSlot': { kind: 'event', action: 'rehearsals', target: { input: 'id', table: 'rehearsal_slot' } },
  'Mutation.createVenueAccessWindow': plan('venueId', 'venue'),
  'Mutation.updateVenueAccessWindow': plan('id', 'venue_access_window'),
  'Mutation.deleteVenueAccessWindow': plan('id', 'venue_access_window'),
  'Mutation.createTruck': production('venueId', 'venue'),
  'Mutation.updateTruck': production('id', 'truck'),
  'Mutation.deleteTruck': production('id', 'truck'),
  'Mutation.createRoomSetup': plan('roomId', 'room'),
  'Mutation.updateRoomSetup': plan('id', 'room_setup'),
  'Mutation.deleteRoomSetup': plan('id', 'room_setup'),
  'Mutation.createRiggingPoint': plan('roomId', 'room'),
  'Mutation.updateRiggingPoint': plan('id', 'rigging_point'),
  'Mutation.deleteRiggingPoint': plan('id', 'rigging_point'),
  'Mutation.createAsset': { kind: 'event', action: 'assets', target: { input: 'eventId', table: 'event' } },
  'Mutation.receiveAssetVersion': { kind: 'event', action: 'assets', target: { input: 'id', table: 'asset' } },
  'Mutation.reviewAsset': { kind: 'event', action: 'reviewAssets', target: { input: 'id', table: 'asset' } },
  'Mutation.createFormatTemplate': { kind: 'event', action: 'technical', target: { input: 'eventId', table: 'event' } },
  'Mutation.updateFormatTemplate': { kind: 'event', action: 'technical', target: { input: 'id', table: 'format_template' } },
  'Mutation.createLaborRuleSet': production('eventId', 'event'),
  'Mutation.updateLaborRuleSet': production('id', 'labor_rule_set'),
  'Mutation.createCrewVendor': production('eventId', 'event'),
  'Mutation.updateCrewVendor': production('id', 'crew_vendor'),
  'Mutation.createCrewMember': production('eventId', 'event'),
  'Mutation.updateCrewMember': production('id', 'crew_member'),
  'Mutation.deleteCrewMember': production('id', 'crew_member'),
  'Mutation.createCrewCall': production('eventId', 'event'),
  'Mutation.updateCrewCall': production('id', 'crew_call'),
  'Mutation.deleteCrewCall': production('id', 'crew_call'),
  'Mutation.createCrewAssignment': production('callId', 'crew_call'),
  'Mutation.updateCrewAssignment': production('id', 'crew_assignment'),
  'Mutation.deleteCrewAssignment': production('id', 'crew_assignment'),
  'Mutation.openRequest': { kind: 'event', action: 'requests', target: { input: 'eventId', table: 'event' } },
  'Mutation.replyToRequest': { kind: 'event', action: 'requests', target: { input: 'requestId', table: 'request' } },
  'Mutation.setRequestStatus': { kind: 'event', action: 'requests', target: { input: 'id', table: 'request' } },
  'Mutation.makeChangeOrder': { kind: 'event', action: 'requests', target: { input: 'id', table: 'request' } },
  'Mutation.decideChangeOrder': { kind: 'event', action: 'approveChangeOrders', target: { input: 'id', table: 'request' } },
  'Mutation.deleteFormatTemplate': { kind: 'event', action: 'technical', target: { input: 'id', table: 'format_template' } },
  'Mutation.createGearItem': { kind: 'organization', organizationKinds: ['PRODUCTION_AGENCY'] },
  'Mutation.updateGearItem': { kind: 'organization', organizationKinds: ['PRODUCTION_AGENCY'] },
  'Mutation.createGearKit': { kind: 'organization', organizationKinds: ['PRODUCTION_AGENCY'] },
  'Mutation.createGearOutage': { kind: 'organization', organizationKinds: ['PRODUCTION_AGENCY'] },
  'Mutation.createGearBooking': production('eventId', 'event'),
  'Mutation.updateGearBooking': production('id', 'gear_booking'),
  'Mutation.deleteGearBooking': production('id', 'gear_booking'),
  'Mutation.createGearSubrental': production('eventId', 'event'),
  'Mutation.deleteGearSubrental': production('id', 'gear_subrental'),
  'Mutation.createScreenLink': { kind: 'event', action: 'screens', target: { input: 'eventId', table: 'event' } },
  'Mutation.revokeScreenLink': { kind: 'event', action: 'screens', target: { input: 'id', table: 'screen_link' } },

  'Subscription.eventChanges': { kind: 'event', action: 'readHistory', target: { input: 'eventId', table: 'event' } },
  'Subscription.showState': { kind: 'event', action: 'read', target: { input: 'sessionId', table: 'session' } },
  'Subscription.departmentFeed': { kind: 'event', action: 'read', target: { input: 'sessionId', table: 'session' } },
  'Subscription.stageOutput': { kind: 'event', action: 'read', target: { input: 'roomId', table: 'room' } },
  'Subscription.liveOverview': { kind: 'event', action: 'read', target: { input: 'eventId', table: 'event' } },
};

/**
 * The actions a mutation's input needs: the rule's own for its fields, the owner's for the fields
 * another role owns. An update that touches only production's fields needs only production's role.
 */
export function actionsFor(rule: Extract<Rule, { kind: 'event' }>, input: Record<string, unknown>): Action[] {
  const owned = rule.fieldActions ?? {};
  const base = (rule.valueAction && rule.valueAction.values[String(input[rule.valueAction.field])]) ?? rule.action;
  const identifying = new Set(['id', 'expectedVersion', 'clientMutationId', 'expectedCueId', 'expectedSegmentId', rule.target.input]);
  const given = Object.keys(input).filter((key) => input[key] !== undefined && !identifying.has(key));
  const actions = new Set<Action>(given.map((key) => owned[key] ?? base));
  if (actions.size === 0) actions.add(base);
  return [...actions];
}
