import type { Allergy, Attendee } from '../../db/types.js';
import {
  ACCESSIBILITY_NEEDS,
  ALLERGENS,
  DIETARY_REQUIREMENTS,
  HEALTH_FIELDS,
  showsHealthDetails,
  updateAttendeeHealth,
  type HealthCounts,
} from '../../domain/meals/health.js';
import { countEventHealth } from '../../domain/meals/counts.js';
import { healthOwnersOfEvent } from '../../domain/meals/lists.js';
import { createHealthDataOwner, deleteHealthDataOwner, ownerNames } from '../../domain/meals/owners.js';
import * as fields from '../../domain/fields.js';
import { operationLoader, type Context } from '../../context.js';
import { builder } from '../builder.js';
import { childList, connectionOf } from '../connections.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { declarePrivateFields, showsPrivate } from '../private-fields.js';
import { reads } from '../selection.js';
import { AttendeeRef, EventRef, HealthDataOwnerRef, UserRef } from '../refs.js';

/**
 * Health data in the API: an attendee's dietary requirements, allergies and accessibility needs
 * (management and the client's named owners read them; everyone else reads null), the counts every
 * member reads, and the list of owners.
 */

const healthDetails = declarePrivateFields('Attendee', {
  table: 'attendee',
  fields: HEALTH_FIELDS,
  shows: (_row, reader) => showsHealthDetails(reader),
  dependsOnRow: false,
});

const values = <V extends string>(list: readonly V[], describe: (v: V) => string) =>
  Object.fromEntries(list.map((v) => [v, { description: describe(v) }])) as Record<V, { description: string }>;
const words = (v: string) => v.toLowerCase().replace(/_/g, ' ');

export const DietaryRequirement = builder.enumType('DietaryRequirement', {
  description: 'A dietary requirement from the fixed list caterers work with; anything else goes in `dietaryNotes`.',
  values: values(DIETARY_REQUIREMENTS, (v) => `Needs ${words(v)} meals.`),
});
export const Allergen = builder.enumType('Allergen', {
  description: 'An allergen (the major food allergens), or OTHER named in words.',
  values: values(ALLERGENS, (v) => (v === 'OTHER' ? 'Another allergen, named in `detail`.' : `Allergic to ${words(v)}.`)),
});
export const AllergySeverity = builder.enumType('AllergySeverity', {
  description: 'How severe an allergy is: what the kitchen and the medics plan for.',
  values: {
    MILD: { description: 'Discomfort; avoid where possible.' },
    MODERATE: { description: 'A reaction that needs care; never serve it.' },
    SEVERE: { description: 'A serious reaction; no cross-contact in the kitchen.' },
    ANAPHYLACTIC: { description: 'Life-threatening: carries epinephrine; medics and the table captain are told.' },
  },
});
export const AccessibilityNeed = builder.enumType('AccessibilityNeed', {
  description: 'An accessibility need; more in `accessibilityNotes`.',
  values: values(ACCESSIBILITY_NEEDS, (v) => (v === 'OTHER' ? 'Another need, in the notes.' : `Needs ${words(v)} access or support.`)),
});

export const AllergyRef = builder.objectRef<Allergy>('Allergy').implement({
  description: 'One allergy of a person.',
  fields: (t) => ({
    allergen: t.field({ type: Allergen, description: 'What they are allergic to.', resolve: (a) => a.allergen as never }),
    detail: t.exposeString('detail', { nullable: true, description: 'The allergen in words, for OTHER (or more precisely).' }),
    severity: t.field({ type: AllergySeverity, description: 'How severe.', resolve: (a) => a.severity }),
  }),
});

/** Whether the viewer reads individual health details on an event (a meal's allergy list follows the same rule). */
export const showsHealthDetailsOf = (ctx: Context, eventId: string) => showsPrivate(ctx, healthDetails, { event_id: eventId } as never);

const health =
  <T,>(pick: (a: Attendee) => T) =>
  async (a: Attendee, _args: unknown, ctx: Context): Promise<T | null> =>
    (await showsPrivate(ctx, healthDetails, a)) ? pick(a) : null;
const privately = (column: keyof Attendee) => reads('attendee', column, 'event_id');
const WHO = 'Null unless you are management or a health-data owner of the client (`Event.healthDataOwners`); production never reads it.';

builder.objectFields(AttendeeRef, (t) => ({
  dietary: t.field({ type: [DietaryRequirement], nullable: true, description: `Dietary requirements. ${WHO}`, extensions: privately('dietary'), resolve: health((a) => a.dietary as never[]) }),
  dietaryNotes: t.string({ nullable: true, description: `Dietary requirements in words. ${WHO}`, extensions: privately('dietary_notes'), resolve: health((a) => a.dietary_notes) }),
  allergies: t.field({ type: [AllergyRef], nullable: true, description: `Allergies with their severity. ${WHO}`, extensions: privately('allergies'), resolve: health((a) => a.allergies) }),
  accessibility: t.field({ type: [AccessibilityNeed], nullable: true, description: `Accessibility needs. ${WHO}`, extensions: privately('accessibility'), resolve: health((a) => a.accessibility as never[]) }),
  accessibilityNotes: t.string({ nullable: true, description: `Accessibility needs in words. ${WHO}`, extensions: privately('accessibility_notes'), resolve: health((a) => a.accessibility_notes) }),
}));

/** A count of people per value of an enum: `{ <key>: value, people }`. */
function countOf(name: string, key: string, type: unknown, description: string, what: string) {
  return builder.objectRef<Record<string, string | number>>(name).implement({
    description,
    fields: (t) => ({
      [key]: t.field({ type: type as typeof Allergen, description: what, resolve: (c) => c[key] as never }),
      people: t.int({ description: 'How many people.', resolve: (c) => c.people as number }),
    }),
  });
}
const DietaryCount = countOf('DietaryCount', 'requirement', DietaryRequirement, 'How many people have a dietary requirement.', 'The requirement.');
const AllergenCount = countOf('AllergenCount', 'allergen', Allergen, 'How many people are allergic to an allergen.', 'The allergen.');
const SeverityCount = countOf('SeverityCount', 'severity', AllergySeverity, 'How many people have this as their most severe allergy.', 'The severity.');
const AccessibilityCount = countOf('AccessibilityCount', 'need', AccessibilityNeed, 'How many people have an accessibility need.', 'The need.');

export const HealthCountsRef = builder.objectRef<HealthCounts>('HealthCounts').implement({
  description: 'Counts of people and their needs — every member reads these; individual details are private. Each person counts once per line.',
  fields: (t) => ({
    people: t.exposeInt('people', { description: 'How many people are counted.' }),
    withSpecialMeals: t.exposeInt('withSpecialMeals', { description: 'People with any dietary requirement, dietary note or allergy: the special plates to plan (someone vegan and gluten-free is one).' }),
    withDietary: t.exposeInt('withDietary', { description: 'People with a dietary requirement from the list.' }),
    dietary: t.field({ type: [DietaryCount], description: 'People per dietary requirement.', resolve: (c) => c.dietary }),
    withDietaryNotes: t.exposeInt('withDietaryNotes', { description: 'People with dietary needs in words.' }),
    withAllergies: t.exposeInt('withAllergies', { description: 'People with at least one allergy.' }),
    allergies: t.field({ type: [AllergenCount], description: 'People per allergen.', resolve: (c) => c.allergies }),
    bySeverity: t.field({ type: [SeverityCount], description: 'People by their most severe allergy.', resolve: (c) => c.bySeverity }),
    withAccessibilityNeeds: t.exposeInt('withAccessibilityNeeds', { description: 'People with an accessibility need.' }),
    accessibility: t.field({ type: [AccessibilityCount], description: 'People per accessibility need.', resolve: (c) => c.accessibility }),
  }),
});

const ownerName = operationLoader<string, { name: string; organization: string } | null>((ctx, ids) => ownerNames(ctx.db, ids));

HealthDataOwnerRef.implement({
  description: "A user of the client who reads the individual health details of the event's people.",
  fields: (t) => ({
    userName: t.string({ description: 'Their name.', extensions: reads('health_data_owner', 'user_id'), resolve: async (o, _a, ctx) => (await ownerName(ctx).load(o.user_id))?.name ?? '' }),
    organizationName: t.string({
      description: 'Their organization (the client).',
      extensions: reads('health_data_owner', 'user_id'),
      resolve: async (o, _a, ctx) => (await ownerName(ctx).load(o.user_id))?.organization ?? '',
    }),
    user: t.field({ type: UserRef, nullable: true, description: 'The user, when you may read users of their organization.', extensions: reads('health_data_owner', 'user_id'), resolve: (o) => o.user_id }),
    since: t.expose('created_at', { type: 'DateTime', description: 'When they were named.' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when removing.' }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('health_data_owner', 'event_id'), resolve: (o) => o.event_id }),
  }),
});

const eventHealth = operationLoader<string, HealthCounts>((ctx, ids) => Promise.all(ids.map((id) => countEventHealth(ctx.db, id))));

builder.objectFields(EventRef, (t) => ({
  healthCounts: t.field({
    type: HealthCountsRef,
    description: 'The needs of everyone REGISTERED, counted: dietary requirements, allergies by severity, accessibility. Every member reads these.',
    extensions: reads('event', 'id'),
    resolve: (e, _a, ctx) => eventHealth(ctx).load(e.id),
  }),
  healthDataOwners: childList(t, 'event', { type: connectionOf(HealthDataOwnerRef, 'HealthDataOwner', 'healthDataOwners'), description: "The client's users who read individual health details, in the order they were named.", spec: healthOwnersOfEvent, node: HealthDataOwnerRef }),
}));

const AllergyInput = builder.inputType('AllergyInput', {
  description: 'One allergy.',
  fields: (t) => ({
    allergen: t.field({ type: Allergen, required: true, description: 'What they are allergic to.' }),
    detail: t.string({ required: false, description: 'The allergen in words (required for OTHER).', validate: fields.optionalText(200).nullish() }),
    severity: t.field({ type: AllergySeverity, required: true, description: 'How severe.' }),
  }),
});

entityMutation('updateAttendeeHealth', {
  description: "Records a person's dietary requirements, allergies and accessibility needs (management). Fields left out stay; an empty list clears. One change, whose values only those who read health details see.",
  inputFields: (t) => ({
    id: t.globalID({ for: AttendeeRef, required: true, description: 'The attendee.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    dietary: t.field({ type: [DietaryRequirement], required: false, description: 'Dietary requirements from the list.' }),
    dietaryNotes: t.string({ required: false, description: 'Dietary needs in words; null clears.', validate: fields.optionalText(500).nullish() }),
    allergies: t.field({ type: [AllergyInput], required: false, description: 'Allergies with their severity (all of them: the list replaces theirs).' }),
    accessibility: t.field({ type: [AccessibilityNeed], required: false, description: 'Accessibility needs from the list.' }),
    accessibilityNotes: t.string({ required: false, description: 'Accessibility needs in words; null clears.', validate: fields.optionalText(500).nullish() }),
  }),
  field: 'attendee',
  ref: AttendeeRef,
  fieldDescription: 'The attendee as they are now.',
  run: (ctx, { id, expectedVersion, ...input }) => updateAttendeeHealth(ctx.db, requireActor(ctx), id.id, expectedVersion, input),
});

entityMutation('createHealthDataOwner', {
  description:
    "Names a user of the event's client organization as an owner of its health data: they read individual dietary, allergy and accessibility details. Management names them, and the client's organization administrators name their own users.",
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    userId: t.globalID({ for: UserRef, required: true, description: "A user of the event's client organization." }),
  }),
  field: 'healthDataOwner',
  ref: HealthDataOwnerRef,
  fieldDescription: 'The new owner.',
  run: (ctx, { eventId, userId }) => createHealthDataOwner(ctx.db, requireActor(ctx), eventId.id, userId.id),
});

deleteMutation('HealthDataOwner', {
  description: 'Takes a user off the health-data owners: from their next answer on (open subscriptions included) they read counts only.',
  field: 'healthDataOwner',
  ref: HealthDataOwnerRef,
  run: (ctx, id, v) => deleteHealthDataOwner(ctx.db, requireActor(ctx), id, v),
});
