import type { InputFieldBuilder } from '@pothos/core';
import { createMeal, createMealOptIn, deleteMeal, deleteMealOptIn, updateMeal, updateMealOptIn } from '../../domain/meals/meals.js';
import { countMeal, type MealCounts } from '../../domain/meals/counts.js';
import { mealsOfEvent, optInsOfAttendee, optInsOfMeal } from '../../domain/meals/lists.js';
import * as fields from '../../domain/fields.js';
import { operationLoader } from '../../context.js';
import { builder, type BuilderTypes } from '../builder.js';
import { childList, connectionOf } from '../connections.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { reads, refersTo } from '../selection.js';
import { AttendeeRef, EventRef, MealOptInRef, MealRef, RoomRef } from '../refs.js';
import { HealthCountsRef } from './health.js';

/** Meals in the API: an event's meals, who opted in with which entrée, and the counts per meal. */

const MealService = builder.enumType('MealService', {
  description: 'How a meal is served.',
  values: {
    PLATED: { description: 'Served at the table; people choose an entrée in advance.' },
    BUFFET: { description: 'A buffet.' },
    STATIONS: { description: 'Food stations.' },
    BOXED: { description: 'Boxed meals (a lunch on the go, crew meals).' },
    RECEPTION: { description: 'A standing reception: passed and stationed food.' },
  },
});

const EntreeCount = builder.objectRef<{ entree: string; people: number }>('EntreeCount').implement({
  description: 'How many chose an entrée.',
  fields: (t) => ({
    entree: t.exposeString('entree', { description: 'The entrée.' }),
    people: t.exposeInt('people', { description: 'How many chose it.' }),
  }),
});

const MealCountsRef = builder.objectRef<MealCounts>('MealCounts').implement({
  description: "A meal's numbers, counted from people: what the caterer's function order reads.",
  fields: (t) => ({
    eating: t.exposeInt('eating', { description: 'REGISTERED people who opted in: who eats.' }),
    notRegistered: t.exposeInt('notRegistered', { description: 'Opted in but not (yet, or no longer) REGISTERED: not counted as eating.' }),
    entrees: t.field({ type: [EntreeCount], description: 'Per entrée of a plated meal, how many of those eating chose it.', resolve: (c) => c.entrees }),
    noEntree: t.exposeInt('noEntree', { description: 'Those eating at a plated meal who have not chosen an entrée yet.' }),
    health: t.field({ type: HealthCountsRef, description: 'The needs of those eating, counted.', resolve: (c) => c.health }),
  }),
});

const mealCounts = operationLoader<string, MealCounts>((ctx, ids) => Promise.all(ids.map((id) => countMeal(ctx.db, id))));
const OptIns = connectionOf(MealOptInRef, 'MealOptIn', 'mealOptIns');

MealRef.implement({
  description: 'A meal of the event. Meals are opt-in: staff, speakers, guests and crew opt in like everyone.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name ("Awards dinner").' }),
    service: t.expose('service', { type: MealService, description: 'How it is served.' }),
    startsAt: t.expose('starts_at', { type: 'DateTime', description: 'When it starts.' }),
    endsAt: t.expose('ends_at', { type: 'DateTime', description: 'When it ends.' }),
    room: t.field({ type: RoomRef, nullable: true, description: 'Where it is served.', ...refersTo('meal', 'room_id') }),
    entreeOptions: t.exposeStringList('entree_options', { description: 'The entrées people choose from (a plated meal).' }),
    notes: t.exposeString('notes', { nullable: true, description: 'Notes for the caterer.' }),
    counts: t.field({
      type: MealCountsRef,
      description: 'Who eats, their entrées and their needs, counted (every member reads these).',
      extensions: reads('meal', 'id'),
      resolve: (m, _a, ctx) => mealCounts(ctx).load(m.id),
    }),
    optIns: childList(t, 'meal', { type: OptIns, description: 'Who opted in, in the order they did.', spec: optInsOfMeal, node: MealOptInRef }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('meal', 'event_id'), resolve: (m) => m.event_id }),
  }),
});

MealOptInRef.implement({
  description: 'A person eats at a meal, with their entrée when it is plated.',
  fields: (t) => ({
    meal: t.field({ type: MealRef, description: 'The meal.', ...refersTo('meal_opt_in', 'meal_id') }),
    attendee: t.field({ type: AttendeeRef, description: 'Who eats.', ...refersTo('meal_opt_in', 'attendee_id') }),
    entree: t.exposeString('entree', { nullable: true, description: 'Their entrée; null when not chosen (or not plated).' }),
    tableLabel: t.exposeString('table_label', { nullable: true, description: 'Where they sit; null without a table.' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  meals: childList(t, 'event', { type: connectionOf(MealRef, 'Meal', 'meals'), description: 'Its meals, in time order.', spec: mealsOfEvent, node: MealRef }),
}));

builder.objectFields(AttendeeRef, (t) => ({
  mealOptIns: childList(t, 'attendee', { type: OptIns, description: 'The meals they opted in to.', spec: optInsOfAttendee, node: MealOptInRef }),
}));

const mealFields = <R extends boolean>(required: R) => (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  name: t.string({ required, description: 'Its name.', validate: required ? fields.name : fields.name.optional() }),
  service: t.field({ type: MealService, required, description: 'How it is served.' }),
  startsAt: t.field({ type: 'DateTime', required, description: 'When it starts.' }),
  endsAt: t.field({ type: 'DateTime', required, description: 'When it ends, after it starts.' }),
  roomId: t.globalID({ for: RoomRef, required: false, description: 'Where it is served; null for nowhere yet.' }),
  entreeOptions: t.stringList({ required: false, description: 'The entrées to choose from (a plated meal only).', validate: fields.text(100).array().max(20, 'must be at most 20 entrées').nullish() }),
  notes: t.string({ required: false, description: 'Notes for the caterer.', validate: fields.optionalText(2000).nullish() }),
});
const room = (id: { id: string } | null | undefined) => (id === null ? null : id?.id);

entityMutation('createMeal', {
  description: 'Adds a meal (management).',
  inputFields: (t) => ({ eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }), ...mealFields(true)(t) }),
  field: 'meal',
  ref: MealRef,
  fieldDescription: 'The new meal.',
  run: (ctx, { eventId, ...input }) => createMeal(ctx.db, requireActor(ctx), eventId.id, { ...input, roomId: room(input.roomId) }),
});

entityMutation('updateMeal', {
  description: 'Changes a meal; an entrée someone chose cannot leave the menu until they choose another.',
  inputFields: (t) => ({
    id: t.globalID({ for: MealRef, required: true, description: 'The meal.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...mealFields(false)(t),
  }),
  field: 'meal',
  ref: MealRef,
  fieldDescription: 'The meal as it is now.',
  run: (ctx, { id, expectedVersion, ...patch }) =>
    updateMeal(ctx.db, requireActor(ctx), id.id, expectedVersion, {
      name: patch.name ?? undefined,
      service: patch.service ?? undefined,
      startsAt: patch.startsAt ?? undefined,
      endsAt: patch.endsAt ?? undefined,
      roomId: room(patch.roomId),
      entreeOptions: patch.entreeOptions ?? undefined,
      notes: patch.notes,
    }),
});

deleteMutation('Meal', { description: 'Removes a meal and its opt-ins.', field: 'meal', ref: MealRef, run: (ctx, id, v) => deleteMeal(ctx.db, requireActor(ctx), id, v) });

entityMutation('createMealOptIn', {
  description: 'Opts a person in to a meal (management), with their entrée when it is plated. Once per person and meal; not for people who declined or cancelled.',
  inputFields: (t) => ({
    mealId: t.globalID({ for: MealRef, required: true, description: 'The meal.' }),
    attendeeId: t.globalID({ for: AttendeeRef, required: true, description: 'Who eats.' }),
    entree: t.string({ required: false, description: "Their entrée: one of the meal's `entreeOptions`.", validate: fields.text(100).nullish() }),
    tableLabel: t.string({ required: false, description: 'Where they sit ("12"): the allergy list names it.', validate: fields.text(40).nullish() }),
  }),
  field: 'mealOptIn',
  ref: MealOptInRef,
  fieldDescription: 'The new opt-in.',
  run: (ctx, { mealId, attendeeId, entree, tableLabel }) =>
    createMealOptIn(ctx.db, requireActor(ctx), { mealId: mealId.id, attendeeId: attendeeId.id, entree, tableLabel }),
});

entityMutation('updateMealOptIn', {
  description: "Changes a person's entrée or table. Fields left out stay as they are.",
  inputFields: (t) => ({
    id: t.globalID({ for: MealOptInRef, required: true, description: 'The opt-in.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    entree: t.string({ required: false, description: 'Their entrée; null for none chosen.', validate: fields.text(100).nullish() }),
    tableLabel: t.string({ required: false, description: 'Where they sit; null for no table.', validate: fields.text(40).nullish() }),
  }),
  field: 'mealOptIn',
  ref: MealOptInRef,
  fieldDescription: 'The opt-in as it is now.',
  run: (ctx, { id, expectedVersion, entree, tableLabel }) => updateMealOptIn(ctx.db, requireActor(ctx), id.id, expectedVersion, { entree, tableLabel }),
});

deleteMutation('MealOptIn', { description: 'Opts a person out of a meal.', field: 'mealOptIn', ref: MealOptInRef, run: (ctx, id, v) => deleteMealOptIn(ctx.db, requireActor(ctx), id, v) });
