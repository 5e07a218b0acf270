import type { Database, Executor } from '../../db/client.js';
import type { GearItem, KitLine } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { NotFoundError, StaleVersionError, ValidationError } from '../../shared/errors.js';

/**
 * The production company's inventory: its organization's, across all its events — not an event's
 * rows, so its writes take no event revision. Items (stock, unit weight and power draw, the return
 * buffer, a day rate), kits of items, and units out of service. A production agency keeps its own;
 * platform administrators any.
 */

/** The organization whose inventory the actor keeps: its own (a production agency's), or any for an administrator. */
async function ownerFor(db: Executor, actor: Actor, organizationId: string | null | undefined): Promise<string> {
  const id = organizationId ?? actor.organizationId;
  if (!id) throw new ValidationError({ field: 'organizationId', message: 'is required' });
  if (!actor.isPlatformAdmin && id !== actor.organizationId)
    throw new ValidationError({
      field: 'organizationId',
      message: 'is not your organization: a production company keeps its own inventory',
    });
  const org = await db.selectFrom('organization').select('kind').where('id', '=', id).executeTakeFirst();
  if (org?.kind !== 'PRODUCTION_AGENCY')
    throw new ValidationError({ field: 'organizationId', message: 'is not a production agency: only they keep gear' });
  return id;
}

/** An inventory row the actor keeps, locked for the write; another organization's is as if it did not exist. */
async function lockOwn<T extends 'gear_item' | 'gear_kit' | 'gear_outage'>(
  db: Executor,
  actor: Actor,
  table: T,
  typename: string,
  id: string,
  expectedVersion?: number | null,
) {
  const row = await db
    .selectFrom(table as 'gear_item')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row || (!actor.isPlatformAdmin && row.organization_id !== actor.organizationId)) throw new NotFoundError(typename, id);
  if (expectedVersion != null && row.version !== expectedVersion) throw new StaleVersionError(typename, expectedVersion, row.version, row);
  return row;
}

export type ItemInput = {
  organizationId?: string | null;
  name: string;
  category?: string | null;
  quantity: number;
  unitWeightGrams?: number | null;
  unitPowerWatts?: number | null;
  returnBufferHours?: number | null;
  dayRateMinor?: number | null;
};

async function requireUniqueName(
  db: Executor,
  table: 'gear_item' | 'gear_kit',
  organizationId: string,
  name: string,
  except: string | null,
) {
  let q = db.selectFrom(table).select('id').where('organization_id', '=', organizationId).where('name', '=', name);
  if (except) q = q.where('id', '!=', except);
  if (await q.executeTakeFirst())
    throw new ValidationError({
      field: 'name',
      message: `your inventory already has ${table === 'gear_kit' ? 'a kit' : 'an item'} with this name`,
    });
}

export function createItem(db: Database, actor: Actor, input: ItemInput): Promise<GearItem> {
  return db.transaction().execute(async (tx) => {
    const organizationId = await ownerFor(tx, actor, input.organizationId);
    await requireUniqueName(tx, 'gear_item', organizationId, input.name, null);
    return tx
      .insertInto('gear_item')
      .values({
        organization_id: organizationId,
        name: input.name,
        category: input.category ?? null,
        quantity: input.quantity,
        unit_weight_grams: input.unitWeightGrams ?? 0,
        unit_power_watts: input.unitPowerWatts ?? 0,
        return_buffer_hours: input.returnBufferHours ?? 24,
        day_rate_minor: input.dayRateMinor ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export function updateItem(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<ItemInput, 'organizationId'>>,
): Promise<GearItem> {
  return db.transaction().execute(async (tx) => {
    const current = await lockOwn(tx, actor, 'gear_item', 'GearItem', id, expectedVersion);
    const values = {
      name: patch.name,
      category: patch.category,
      quantity: patch.quantity,
      unit_weight_grams: patch.unitWeightGrams ?? undefined,
      unit_power_watts: patch.unitPowerWatts ?? undefined,
      return_buffer_hours: patch.returnBufferHours ?? undefined,
      day_rate_minor: patch.dayRateMinor,
    };
    const changed = Object.entries(values).filter(([k, v]) => v !== undefined && (current as Record<string, unknown>)[k] !== v);
    if (!changed.length) return current;
    if (patch.name !== undefined) await requireUniqueName(tx, 'gear_item', current.organization_id, patch.name, id);
    return tx
      .updateTable('gear_item')
      .set((eb) => ({ ...Object.fromEntries(changed), version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

async function requireOwnItems(db: Executor, organizationId: string, ids: readonly string[], field: string) {
  const rows = await db
    .selectFrom('gear_item')
    .select(['id', 'organization_id'])
    .where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])
    .execute();
  if (ids.some((id) => rows.find((r) => r.id === id)?.organization_id !== organizationId))
    throw new ValidationError({ field, message: "names an item that is not in the organization's inventory" });
}

export function createKit(db: Database, actor: Actor, input: { organizationId?: string | null; name: string; items: KitLine[] }) {
  return db.transaction().execute(async (tx) => {
    const organizationId = await ownerFor(tx, actor, input.organizationId);
    await requireUniqueName(tx, 'gear_kit', organizationId, input.name, null);
    if (!input.items.length) throw new ValidationError({ field: 'items', message: 'a kit holds at least one item' });
    if (new Set(input.items.map((i) => i.itemId)).size !== input.items.length)
      throw new ValidationError({ field: 'items', message: 'must not name an item twice' });
    await requireOwnItems(
      tx,
      organizationId,
      input.items.map((i) => i.itemId),
      'items',
    );
    return tx
      .insertInto('gear_kit')
      .values({ organization_id: organizationId, name: input.name, items: JSON.stringify(input.items) })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export function createOutage(
  db: Database,
  actor: Actor,
  input: { itemId: string; quantity: number; startsAt: Date; endsAt?: Date | null; reason?: string | null },
) {
  return db.transaction().execute(async (tx) => {
    const item = await lockOwn(tx, actor, 'gear_item', 'GearItem', input.itemId).catch(() => {
      throw new ValidationError({ field: 'itemId', message: "is not an item of your organization's inventory" });
    });
    if (input.quantity > item.quantity)
      throw new ValidationError({ field: 'quantity', message: `must not be more than the ${item.quantity} units owned` });
    if (input.endsAt && input.endsAt <= input.startsAt) throw new ValidationError({ field: 'endsAt', message: 'must be after startsAt' });
    return tx
      .insertInto('gear_outage')
      .values({
        organization_id: item.organization_id,
        item_id: item.id,
        quantity: input.quantity,
        starts_at: input.startsAt,
        ends_at: input.endsAt ?? null,
        reason: input.reason ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Names, weight and power of inventory rows, for an event's bookings (which every member of the event reads). */
export async function inventoryFacts(
  db: Executor,
  table: 'gear_item' | 'gear_kit',
  ids: readonly string[],
): Promise<({ name: string; unitWeightGrams: number; unitPowerWatts: number } | null)[]> {
  if (table === 'gear_kit') {
    const kits = await db.selectFrom('gear_kit').select(['id', 'name']).where('id', 'in', ids).execute();
    return ids.map((id) => {
      const k = kits.find((r) => r.id === id);
      return k ? { name: k.name, unitWeightGrams: 0, unitPowerWatts: 0 } : null;
    });
  }
  const rows = await db
    .selectFrom('gear_item')
    .select(['id', 'name', 'unit_weight_grams', 'unit_power_watts'])
    .where('id', 'in', ids)
    .execute();
  return ids.map((id) => {
    const r = rows.find((x) => x.id === id);
    return r ? { name: r.name, unitWeightGrams: r.unit_weight_grams, unitPowerWatts: r.unit_power_watts } : null;
  });
}
