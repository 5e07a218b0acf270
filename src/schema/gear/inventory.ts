import type { Context } from '../../context.js';
import { createItem, createKit, createOutage, updateItem } from '../../domain/gear/inventory.js';
import { findShortages, type Shortage } from '../../domain/gear/availability.js';
import { itemsOfOrganization, kitsOfOrganization, outagesOfItem } from '../../domain/gear/lists.js';
import * as fields from '../../domain/fields.js';
import { builder } from '../builder.js';
import { childList, connectionOf, pageArgs, resolvePage } from '../connections.js';
import { requireActor } from '../guards.js';
import { entityMutation } from '../mutation.js';
import { reads, readsOnly } from '../selection.js';
import { EventRef, GearItemRef, GearKitRef, GearOutageRef, OrganizationRef } from '../refs.js';

/**
 * The production company's inventory in the API: its organization's items, kits and outages — read
 * and kept by its own users only — and where its stock runs short across all its events.
 */

GearItemRef.implement({
  description: "An item of a production company's inventory, across all its events (its own users read it).",
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name ("LED wall panel 500×500", "Shure ULXD2 handheld").' }),
    category: t.exposeString('category', { nullable: true, description: 'Its department ("Video", "Audio").' }),
    quantity: t.exposeInt('quantity', { description: 'Units owned.' }),
    unitWeightGrams: t.exposeInt('unit_weight_grams', { description: 'Weight of one unit, in grams.' }),
    unitPowerWatts: t.exposeInt('unit_power_watts', { description: 'Power one unit draws, in watts.' }),
    returnBufferHours: t.exposeInt('return_buffer_hours', { description: 'Hours after a return before the units can go out again.' }),
    dayRateMinor: t.exposeInt('day_rate_minor', { nullable: true, description: 'What a day of one unit costs, in minor units.' }),
    outages: childList(t, 'gear_item', { type: connectionOf(GearOutageRef, 'GearOutage', 'gearOutages'), description: 'Units out of service, in time order.', spec: outagesOfItem, node: GearOutageRef }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

const KitLineRef = builder.objectRef<{ itemId: string; quantity: number }>('GearKitLine').implement({
  description: 'An item of a kit, with how many.',
  fields: (t) => ({
    item: t.field({ type: GearItemRef, description: 'The item.', resolve: (l) => l.itemId }),
    quantity: t.exposeInt('quantity', { description: 'How many per kit.' }),
  }),
});

GearKitRef.implement({
  description: 'A package of items booked as one (a lectern package: lectern, gooseneck mic, confidence monitor, cables).',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name.' }),
    items: t.field({ type: [KitLineRef], description: 'What it holds.', resolve: (k) => k.items }),
    version: t.exposeInt('version', { description: 'Its version.' }),
  }),
});

GearOutageRef.implement({
  description: 'Units of an item out of service (repair, lost), from a time until one or for good.',
  fields: (t) => ({
    item: t.field({ type: GearItemRef, description: 'The item.', resolve: (o) => o.item_id }),
    quantity: t.exposeInt('quantity', { description: 'How many units.' }),
    startsAt: t.expose('starts_at', { type: 'DateTime', description: 'From.' }),
    endsAt: t.expose('ends_at', { type: 'DateTime', nullable: true, description: 'Until; null for good.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why.' }),
  }),
});

export const ShortageRef = builder.objectRef<Shortage>('GearShortage').implement({
  description: 'A stretch of time when the HELD and CONFIRMED bookings of an item need more units than there are: a subrental of `short` units for `from` to `until` fixes it.',
  fields: (t) => ({
    item: t.field({ type: GearItemRef, nullable: true, description: 'The item (its own organization reads it).', resolve: (s) => s.itemId }),
    itemName: t.exposeString('item', { description: "The item's name." }),
    from: t.field({ type: 'DateTime', description: 'From.', resolve: (s) => s.from }),
    until: t.field({ type: 'DateTime', description: 'Until.', resolve: (s) => s.until }),
    needed: t.exposeInt('needed', { description: 'Units the bookings need then.' }),
    available: t.exposeInt('available', { description: 'Units there are then (owned, less out of service, plus subrentals).' }),
    short: t.exposeInt('short', { description: 'How many are missing: the subrental to make.' }),
    events: t.field({
      type: [EventRef],
      description: 'The events whose bookings need them: those you may read (another event of the company is left out).',
      resolve: async (s, _a, ctx) => {
        const loaded = await Promise.all(s.eventIds.map((id) => EventRef.getDataloader(ctx).load(id).catch(() => null)));
        return loaded.filter((e): e is NonNullable<typeof e> => e !== null && !(e instanceof Error));
      },
    }),
  }),
});

/** Whether the viewer reads this organization's inventory: its own users and administrators. */
const own = (ctx: Context, organizationId: string) => Boolean(ctx.viewer && (ctx.viewer.isPlatformAdmin || ctx.viewer.organizationId === organizationId) && !ctx.viewer.screen);

builder.objectFields(OrganizationRef, (t) => ({
  gearItems: t.field({
    type: connectionOf(GearItemRef, 'GearItem', 'gearItems'),
    nullable: true,
    description: "Its gear inventory, by name: null unless it is your organization.",
    args: pageArgs(t.arg),
    extensions: readsOnly('organization', 'id'),
    resolve: async (o, args, ctx, info) => (own(ctx, o.id) ? resolvePage(ctx, info, itemsOfOrganization, o.id, args, GearItemRef) : null),
  }),
  gearKits: t.field({
    type: connectionOf(GearKitRef, 'GearKit', 'gearKits'),
    nullable: true,
    description: 'Its kits, by name: null unless it is your organization.',
    args: pageArgs(t.arg),
    extensions: readsOnly('organization', 'id'),
    resolve: async (o, args, ctx, info) => (own(ctx, o.id) ? resolvePage(ctx, info, kitsOfOrganization, o.id, args, GearKitRef) : null),
  }),
  gearShortages: t.field({
    type: [ShortageRef],
    nullable: true,
    description: 'Where its stock runs short, item by item over time, across all its events: null unless it is your organization.',
    extensions: reads('organization', 'id'),
    resolve: (o, _a, ctx) => (own(ctx, o.id) ? findShortages(ctx.db, o.id) : null),
  }),
}));

const orgResult = <T,>(result: T) => ({ result, revision: null });
const itemFields = (required: boolean) => (t: Parameters<Parameters<typeof entityMutation>[1]['inputFields']>[0]) => ({
  name: t.string({ required, description: 'Its name, unique in the inventory.', validate: required ? fields.name : fields.name.optional() }),
  category: t.string({ required: false, description: 'Its department.', validate: fields.optionalText(100).nullish() }),
  quantity: t.int({ required, description: 'Units owned.', validate: required ? fields.capacity : fields.capacity.nullish() }),
  unitWeightGrams: t.int({ required: false, description: 'Weight of one unit, in grams.', validate: fields.capacity.max(10_000_000).nullish() }),
  unitPowerWatts: t.int({ required: false, description: 'Power one unit draws, in watts.', validate: fields.capacity.max(1_000_000).nullish() }),
  returnBufferHours: t.int({ required: false, description: 'Hours after a return before it can go out again (24 unless given).', validate: fields.capacity.max(24 * 60).nullish() }),
  dayRateMinor: t.int({ required: false, description: 'What a day of one unit costs, in minor units.', validate: fields.capacity.max(100_000_000).nullish() }),
});

entityMutation('createGearItem', {
  description: "Adds an item to your production company's inventory (production agencies; platform administrators give `organizationId`).",
  inputFields: (t) => ({ organizationId: t.globalID({ for: OrganizationRef, required: false, description: 'Whose inventory: yours unless an administrator says.' }), ...itemFields(true)(t) }),
  field: 'gearItem',
  ref: GearItemRef,
  fieldDescription: 'The new item.',
  eventScoped: false,
  run: async (ctx, { organizationId, ...input }) => orgResult(await createItem(ctx.db, requireActor(ctx), { ...input, name: input.name!, quantity: input.quantity!, organizationId: organizationId?.id })),
});

entityMutation('updateGearItem', {
  description: 'Changes an item of your inventory (its stock, weight, power, buffer, rate).',
  inputFields: (t) => ({
    id: t.globalID({ for: GearItemRef, required: true, description: 'The item.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...itemFields(false)(t),
  }),
  field: 'gearItem',
  ref: GearItemRef,
  fieldDescription: 'The item as it is now.',
  eventScoped: false,
  run: async (ctx, { id, expectedVersion, ...patch }) =>
    orgResult(await updateItem(ctx.db, requireActor(ctx), id.id, expectedVersion, { ...patch, name: patch.name ?? undefined, quantity: patch.quantity ?? undefined })),
});

const KitLineInput = builder.inputType('GearKitLineInput', {
  description: 'An item of a kit.',
  fields: (t) => ({
    itemId: t.globalID({ for: GearItemRef, required: true, description: 'The item.' }),
    quantity: t.int({ required: true, description: 'How many per kit.', validate: fields.capacity.min(1, 'must be at least 1') }),
  }),
});

entityMutation('createGearKit', {
  description: 'Makes a kit of items of your inventory, booked as one.',
  inputFields: (t) => ({
    organizationId: t.globalID({ for: OrganizationRef, required: false, description: 'Whose inventory: yours unless an administrator says.' }),
    name: t.string({ required: true, description: 'Its name.', validate: fields.name }),
    items: t.field({ type: [KitLineInput], required: true, description: 'What it holds.' }),
  }),
  field: 'gearKit',
  ref: GearKitRef,
  fieldDescription: 'The new kit.',
  eventScoped: false,
  run: async (ctx, { organizationId, name, items }) =>
    orgResult(await createKit(ctx.db, requireActor(ctx), { organizationId: organizationId?.id, name, items: items.map((i) => ({ itemId: i.itemId.id, quantity: i.quantity })) })),
});

entityMutation('createGearOutage', {
  description: 'Takes units of an item out of service (repair, lost), until a time or for good: they are not available meanwhile.',
  inputFields: (t) => ({
    itemId: t.globalID({ for: GearItemRef, required: true, description: 'The item.' }),
    quantity: t.int({ required: true, description: 'How many units.', validate: fields.capacity.min(1, 'must be at least 1') }),
    startsAt: t.field({ type: 'DateTime', required: true, description: 'From.' }),
    endsAt: t.field({ type: 'DateTime', required: false, description: 'Until; none for good.' }),
    reason: t.string({ required: false, description: 'Why.', validate: fields.optionalText(500).nullish() }),
  }),
  field: 'gearOutage',
  ref: GearOutageRef,
  fieldDescription: 'The new outage.',
  eventScoped: false,
  run: async (ctx, { itemId, ...input }) => orgResult(await createOutage(ctx.db, requireActor(ctx), { ...input, itemId: itemId.id })),
});
