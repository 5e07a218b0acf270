import { checkLabor, loadCrewFacts, type CrewWarning } from '../../domain/crew/labor.js';
import { assignmentsOfCall, assignmentsOfMember, callsOfBlock, callsOfEvent, headcountOf, membersOfEvent, ruleSetsOfEvent, vendorsOfEvent, type RoleHeadcount } from '../../domain/crew/lists.js';
import { roleOn } from '../../auth/permissions.js';
import { operationLoader } from '../../context.js';
import { builder } from '../builder.js';
import { childList, connectionOf } from '../connections.js';
import { declarePrivateFields, privately, productionOnly, showsPrivate } from '../private-fields.js';
import { reads, refersTo } from '../selection.js';
import { CrewAssignmentRef, CrewCallRef, CrewMemberRef, CrewVendorRef, EventRef, LaborRuleSetRef, ProductionBlockRef, RoomRef, VenueRef } from '../refs.js';

/**
 * The crew in the API. The client reads calls and headcount per role — not names, rates, overtime
 * or internal notes; management reads names, roles and call times — not rates, penalty costs or
 * personal details. The same rules hold in the history and the change stream.
 */

export const CrewRole = builder.enumType('CrewRole', {
  description: 'A crew position.',
  values: {
    SHOW_CALLER: { description: 'Calls the show.' },
    STAGE_MANAGER: { description: 'Runs the stage.' },
    A1: { description: 'Front-of-house audio engineer.' },
    A2: { description: 'Stage audio (mics on people).' },
    V1: { description: 'Video engineer (switcher).' },
    LD: { description: 'Lighting designer / operator.' },
    CAMERA: { description: 'Camera operator.' },
    GRAPHICS: { description: 'Graphics and playback operator.' },
    RIGGER: { description: 'Rigger.' },
    LED_TECH: { description: 'LED wall technician.' },
    STAGEHAND: { description: 'Stagehand.' },
    HOUSE_LABOR: { description: "The venue's house labor." },
  },
});

export const AssignmentStatus = builder.enumType('CrewAssignmentStatus', {
  description: 'How firmly someone is on a call.',
  values: { TENTATIVE: { description: 'Pencilled in.' }, CONFIRMED: { description: 'Confirmed.' } },
});

const notClient = (_row: unknown, reader: { isPlatformAdmin: boolean; role: string | null }) => reader.isPlatformAdmin || reader.role !== 'CLIENT';
export const PERSONAL_FIELDS = ['dayRateMinor', 'currency', 'address', 'dateOfBirth', 'passportNumber', 'emergencyContact', 'medicalNotes'] as const;
const identity = declarePrivateFields('CrewMember', { table: 'crew_member', fields: ['name', 'phone', 'email'], shows: notClient, dependsOnRow: false });
const personal = declarePrivateFields('CrewMember', { table: 'crew_member', fields: PERSONAL_FIELDS, shows: productionOnly, dependsOnRow: false });
const vendorIdentity = declarePrivateFields('CrewVendor', { table: 'crew_vendor', fields: ['name', 'insuranceExpiresOn', 'insuranceLocation'], shows: notClient, dependsOnRow: false });
const callNotes = declarePrivateFields('CrewCall', { table: 'crew_call', fields: ['notes'], shows: productionOnly, dependsOnRow: false });

const AssignmentConnection = connectionOf(CrewAssignmentRef, 'CrewAssignment', 'crewAssignments');

const minuteText = (m: number | null) => (m === null ? null : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

LaborRuleSetRef.implement({
  description: 'The labor rules of a venue or union local: what a call costs past them.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name ("IATSE Local 16", "Moscone house rules").' }),
    venue: t.field({ type: VenueRef, nullable: true, description: 'The venue whose calls it governs (unless a call names a rule set).', ...refersTo('labor_rule_set', 'venue_id') }),
    minimumCallMinutes: t.exposeInt('minimum_call_minutes', { description: 'A shorter call is paid as this long.' }),
    mealAfterMinutes: t.exposeInt('meal_after_minutes', { description: 'A meal break must begin by then, from the call.' }),
    mealPenaltyStepMinutes: t.exposeInt('meal_penalty_step_minutes', { description: 'Each started step past it without a meal is penalty time.' }),
    overtimeAfterMinutes: t.exposeInt('overtime_after_minutes', { description: 'Worked time in a day past this is overtime.' }),
    minimumRestMinutes: t.exposeInt('minimum_rest_minutes', { description: 'Rest owed between calls.' }),
    nightStarts: t.string({ nullable: true, description: 'The night premium from (venue wall clock, HH:MM).', extensions: reads('labor_rule_set', 'night_starts_minute'), resolve: (r) => minuteText(r.night_starts_minute) }),
    nightEnds: t.string({ nullable: true, description: 'The night premium until (HH:MM).', extensions: reads('labor_rule_set', 'night_ends_minute'), resolve: (r) => minuteText(r.night_ends_minute) }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

CrewVendorRef.implement({
  description: 'A company that sends crew (LED, staging, rigging, house labor); the venue wants its insurance certificate.',
  fields: (t) => ({
    name: t.string({ nullable: true, description: 'Its name; null for the client.', extensions: reads('crew_vendor', 'name', 'event_id'), resolve: privately(vendorIdentity, (v) => v.name) }),
    trade: t.exposeString('trade', { description: 'What it does ("LED", "Rigging").' }),
    insuranceExpiresOn: t.field({ type: 'Date', nullable: true, description: 'Until when its certificate is valid; null when none is in (or for the client).', extensions: reads('crew_vendor', 'insurance_expires_on', 'event_id'), resolve: privately(vendorIdentity, (v) => v.insurance_expires_on) }),
    insuranceLocation: t.string({ nullable: true, description: 'Where the certificate is filed.', extensions: reads('crew_vendor', 'insurance_location', 'event_id'), resolve: privately(vendorIdentity, (v) => v.insurance_location) }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

const personalField = <K extends 'address' | 'passport_number' | 'emergency_contact' | 'medical_notes'>(column: K, description: string) => ({
  nullable: true as const,
  description: `${description} Production only.`,
  extensions: reads('crew_member', column, 'event_id'),
  resolve: privately(personal, (m) => m[column]),
});

CrewMemberRef.implement({
  description: "A person on the crew. The client reads their role only; management their name and contacts; production also their rate and personal details.",
  fields: (t) => ({
    name: t.string({ nullable: true, description: 'Their name; null for the client.', extensions: reads('crew_member', 'name', 'event_id'), resolve: privately(identity, (m) => m.name) }),
    role: t.expose('role', { type: CrewRole, description: 'Their position.' }),
    vendor: t.field({ type: CrewVendorRef, nullable: true, description: 'The company they come with; null for own crew.', ...refersTo('crew_member', 'vendor_id') }),
    phone: t.string({ nullable: true, description: 'Their phone on show days; null for the client.', extensions: reads('crew_member', 'phone', 'event_id'), resolve: privately(identity, (m) => m.phone) }),
    email: t.string({ nullable: true, description: 'Their e-mail; null for the client.', extensions: reads('crew_member', 'email', 'event_id'), resolve: privately(identity, (m) => m.email) }),
    dayRateMinor: t.int({ nullable: true, description: 'Their day rate in minor units of `currency`. Production only.', extensions: reads('crew_member', 'day_rate_minor', 'event_id'), resolve: privately(personal, (m) => m.day_rate_minor) }),
    currency: t.string({ nullable: true, description: 'ISO 4217 currency of the rate. Production only.', extensions: reads('crew_member', 'currency', 'event_id'), resolve: privately(personal, (m) => m.currency) }),
    address: t.string(personalField('address', 'Their home address.')),
    dateOfBirth: t.field({ type: 'Date', nullable: true, description: 'Their date of birth. Production only.', extensions: reads('crew_member', 'date_of_birth', 'event_id'), resolve: privately(personal, (m) => m.date_of_birth) }),
    passportNumber: t.string(personalField('passport_number', 'Their passport number.')),
    emergencyContact: t.string(personalField('emergency_contact', 'Whom to call in an emergency.')),
    medicalNotes: t.string(personalField('medical_notes', 'What a medic should know.')),
    assignments: childList(t, 'crew_member', { type: AssignmentConnection, description: 'The calls they are on.', spec: assignmentsOfMember, node: CrewAssignmentRef }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

const counts = operationLoader<string, { assigned: number; confirmed: number }>(async (ctx, ids) => {
  const rows = await ctx.db
    .selectFrom('crew_assignment')
    .select((eb) => ['call_id', eb.fn.countAll<string>().as('assigned'), eb.fn.countAll<string>().filterWhere('status', '=', 'CONFIRMED').as('confirmed')])
    .where('call_id', 'in', ids as string[])
    .groupBy('call_id')
    .execute();
  return ids.map((id) => {
    const r = rows.find((x) => x.call_id === id);
    return { assigned: Number(r?.assigned ?? 0), confirmed: Number(r?.confirmed ?? 0) };
  });
});

CrewCallRef.implement({
  description: 'N people in a role for a time window, in one room or — a floater — several.',
  fields: (t) => ({
    role: t.expose('role', { type: CrewRole, description: 'The position.' }),
    headcount: t.exposeInt('headcount', { description: 'How many people.' }),
    startsAt: t.expose('starts_at', { type: 'DateTime', description: 'Call time.' }),
    endsAt: t.expose('ends_at', { type: 'DateTime', description: 'Release.' }),
    rooms: t.field({ type: [RoomRef], description: 'Where; several for a floater (one call: never a clash with itself).', extensions: reads('crew_call', 'room_ids'), resolve: (c) => c.room_ids }),
    block: t.field({ type: ProductionBlockRef, nullable: true, description: 'The production block it works.', ...refersTo('crew_call', 'block_id') }),
    ruleSet: t.field({ type: LaborRuleSetRef, nullable: true, description: "Its labor rules, when not its venue's.", ...refersTo('crew_call', 'rule_set_id') }),
    mealStartsAt: t.expose('meal_starts_at', { type: 'DateTime', nullable: true, description: 'When the meal break begins.' }),
    mealMinutes: t.exposeInt('meal_minutes', { description: 'How long the meal break is (unpaid).' }),
    assignedCount: t.int({ description: 'People on it, tentative or confirmed.', extensions: reads('crew_call', 'id'), resolve: async (c, _a, ctx) => (await counts(ctx).load(c.id)).assigned }),
    confirmedCount: t.int({ description: 'People confirmed on it.', extensions: reads('crew_call', 'id'), resolve: async (c, _a, ctx) => (await counts(ctx).load(c.id)).confirmed }),
    assignments: childList(t, 'crew_call', { type: AssignmentConnection, description: 'Who is on it.', spec: assignmentsOfCall, node: CrewAssignmentRef }),
    notes: t.string({ nullable: true, description: "Production's notes; null for others.", extensions: reads('crew_call', 'notes', 'event_id'), resolve: privately(callNotes, (c) => c.notes) }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

CrewAssignmentRef.implement({
  description: 'A person on a call.',
  fields: (t) => ({
    call: t.field({ type: CrewCallRef, description: 'The call.', ...refersTo('crew_assignment', 'call_id') }),
    member: t.field({ type: CrewMemberRef, description: 'The person (their name is not the client’s to read).', ...refersTo('crew_assignment', 'member_id') }),
    status: t.expose('status', { type: AssignmentStatus, description: 'Tentative or confirmed.' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

const WarningKind = builder.enumType('CrewWarningKind', {
  description: 'What a crew warning is about (see `Event.crewWarnings`).',
  values: {
    MEAL_PENALTY: { description: "No meal break begun by the rule set's hour: each started step until it is penalty time." },
    BELOW_MINIMUM_CALL: { description: 'A call shorter than the minimum call: paid as the minimum.' },
    OVERTIME: { description: 'Worked time in one venue-local day past the rule set’s straight time.' },
    SHORT_REST: { description: 'Less rest between two calls than the rule set owes: the rest cut short is penalty time.' },
    NIGHT_PREMIUM: { description: 'Time worked inside the rule set’s night window.' },
    CREW_DOUBLE_BOOKED: { description: 'One person on two calls at once (a floater call over several rooms is one call).' },
    CALL_UNDERSTAFFED: { description: 'A call with fewer people on it than its headcount.' },
    INSURANCE_CERTIFICATE_MISSING: { description: "A crew company with people on calls has no insurance certificate valid to their last call." },
  },
});

const CrewWarningRef = builder.objectRef<CrewWarning & { showCost: boolean }>('CrewWarning').implement({
  description: 'A warning from the labor rules, with the penalty time it costs; it never blocks a change.',
  fields: (t) => ({
    kind: t.field({ type: WarningKind, description: 'What it is about.', resolve: (w) => w.kind }),
    message: t.exposeString('message', { description: 'The warning in words.' }),
    member: t.field({ type: CrewMemberRef, nullable: true, description: 'Whom it is about.', resolve: (w) => w.memberId }),
    calls: t.field({ type: [CrewCallRef], description: 'The calls.', resolve: (w) => w.callIds }),
    vendor: t.field({ type: CrewVendorRef, nullable: true, description: 'The crew company, for INSURANCE_CERTIFICATE_MISSING.', resolve: (w) => w.vendorId }),
    penaltyMinutes: t.exposeInt('penaltyMinutes', { description: 'Time paid at a premium, or paid unworked; 0 when it costs none.' }),
    penaltyHours: t.float({ description: '`penaltyMinutes` in hours.', resolve: (w) => w.penaltyMinutes / 60 }),
    costMinor: t.int({
      nullable: true,
      description:
        "What it costs at the person's day rate, in minor units: day rate × penalty minutes × premium (1.5 for meal, overtime and rest; 1 for a minimum call; 0.25 at night) ÷ the rule set's straight minutes, rounded half up. Production only; null without a rate.",
      resolve: (w) => (w.showCost ? w.costMinor : null),
    }),
    currency: t.string({ nullable: true, description: 'ISO 4217 currency of `costMinor`. Production only.', resolve: (w) => (w.showCost ? w.currency : null) }),
  }),
});

const RoleHeadcountRef = builder.objectRef<RoleHeadcount>('CrewHeadcount').implement({
  description: 'People per role over all calls.',
  fields: (t) => ({
    role: t.field({ type: CrewRole, description: 'The position.', resolve: (h) => h.role }),
    needed: t.exposeInt('needed', { description: 'People the calls ask for.' }),
    assigned: t.exposeInt('assigned', { description: 'People on them.' }),
    confirmed: t.exposeInt('confirmed', { description: 'People confirmed.' }),
  }),
});

const headcount = operationLoader<string, RoleHeadcount[]>((ctx, ids) => headcountOf(ctx.db, ids));

const CallConnection = connectionOf(CrewCallRef, 'CrewCall', 'crewCalls');

builder.objectFields(ProductionBlockRef, (t) => ({
  crewCalls: childList(t, 'production_block', {
    type: CallConnection,
    description: 'The crew calls working it, earliest first: they move with a rehearsal when production acknowledges its move.',
    spec: callsOfBlock,
    node: CrewCallRef,
  }),
}));

builder.objectFields(EventRef, (t) => ({
  crewCalls: childList(t, 'event', { type: CallConnection, description: 'Crew calls, earliest first.', spec: callsOfEvent, node: CrewCallRef }),
  crewMembers: childList(t, 'event', { type: connectionOf(CrewMemberRef, 'CrewMember', 'crewMembers'), description: 'The crew, by name.', spec: membersOfEvent, node: CrewMemberRef }),
  crewVendors: childList(t, 'event', { type: connectionOf(CrewVendorRef, 'CrewVendor', 'crewVendors'), description: 'The companies that send crew.', spec: vendorsOfEvent, node: CrewVendorRef }),
  laborRuleSets: childList(t, 'event', { type: connectionOf(LaborRuleSetRef, 'LaborRuleSet', 'laborRuleSets'), description: 'The labor rules of its venues and union locals.', spec: ruleSetsOfEvent, node: LaborRuleSetRef }),
  crewHeadcount: t.field({ type: [RoleHeadcountRef], description: 'People per role over all calls: needed, on them, confirmed.', extensions: reads('event', 'id'), resolve: (e, _a, ctx) => headcount(ctx).load(e.id) }),
  crewWarnings: t.field({
    type: [CrewWarningRef],
    nullable: true,
    description: 'The labor rules checked for everyone on every call, with the penalty time each costs. Null for the client (they name the crew); the cost is production’s.',
    extensions: reads('event', 'id'),
    resolve: async (e, _a, ctx) => {
      const role = await roleOn(ctx, e.id);
      if (role === 'CLIENT' && !ctx.viewer?.isPlatformAdmin) return null;
      const showCost = await showsPrivate(ctx, personal, { event_id: e.id } as never);
      return checkLabor(await loadCrewFacts(ctx.db, e.id)).map((w) => ({ ...w, showCost }));
    },
  }),
}));
