import type { Transaction } from 'kysely';
import type { Database } from '../../db/client.js';
import type { DB, FbLine, FunctionKind, FunctionOrder, SetStyle } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { parseAmount, percentText, requireCurrency } from '../../shared/money.js';
import { createEntity, deleteEntity, findById, sameValue, updateEntity } from '../entities.js';
import { requireInEvent } from '../venue/venue.js';
import { guaranteeDueAt } from './rules.js';

/**
 * The function orders area (BEOs): management writes one per function and sends it to the venue;
 * the client signs off a version; once signed, any change to what the venue sets or serves makes
 * the next version, which waits for its own sign-off. Counts, the guarantee deadline, overset and
 * billing are the rules in rules.ts. Prices are decimal text in the order's currency (the
 * contract's, when a contract bills it).
 */

type Tx = Transaction<DB>;

export type FbLineInput = { item: string; unitPrice: string; perPerson?: boolean | null; quantity?: number | null };

export type FunctionOrderInput = {
  name: string;
  kind: FunctionKind;
  roomId?: string | null;
  sessionId?: string | null;
  mealId?: string | null;
  contractId?: string | null;
  startsAt: Date;
  endsAt: Date;
  setupAt?: Date | null;
  strikeAt?: Date | null;
  setStyle?: SetStyle | null;
  setNotes?: string | null;
  expectedCount?: number | null;
  guaranteedCount?: number | null;
  guaranteeNoticeHours?: number | null;
  oversetPercent?: string | null;
  actualCount?: number | null;
  currency?: string | null;
  fbLines?: readonly FbLineInput[] | null;
  serviceChargePercent?: string | null;
  taxPercent?: string | null;
  taxOnServiceCharge?: boolean | null;
  avOrder?: string | null;
  billingAccount?: string | null;
};

const percent = (text: string | null | undefined, field: string, digits: number) =>
  text == null ? undefined : percentText(text, field, digits);

function linesOf(input: readonly FbLineInput[], currency: string): FbLine[] {
  return input.map((line, i) => {
    const item = line.item.trim();
    if (!item) throw new ValidationError({ field: `fbLines.${i}.item`, message: 'must not be empty' });
    const price = parseAmount(line.unitPrice, currency, `fbLines.${i}.unitPrice`);
    if (price < 0n) throw new ValidationError({ field: `fbLines.${i}.unitPrice`, message: 'must not be negative' });
    const perPerson = line.perPerson ?? false;
    if (perPerson && line.quantity != null)
      throw new ValidationError({ field: `fbLines.${i}.quantity`, message: 'a per-person line is billed for the count: give no quantity' });
    if (!perPerson && (line.quantity == null || line.quantity < 1))
      throw new ValidationError({
        field: `fbLines.${i}.quantity`,
        message: 'a line that is not per person needs a quantity of at least 1',
      });
    return { item, unitPriceMinor: price.toString(), perPerson, quantity: perPerson ? null : line.quantity! };
  });
}

const values = (input: Partial<FunctionOrderInput>) => ({
  name: input.name,
  kind: input.kind,
  room_id: input.roomId,
  session_id: input.sessionId,
  meal_id: input.mealId,
  contract_id: input.contractId,
  starts_at: input.startsAt,
  ends_at: input.endsAt,
  setup_at: input.setupAt,
  strike_at: input.strikeAt,
  set_style: input.setStyle,
  set_notes: input.setNotes,
  expected_count: input.expectedCount,
  guaranteed_count: input.guaranteedCount,
  guarantee_notice_hours: input.guaranteeNoticeHours ?? undefined,
  overset_percent: percent(input.oversetPercent, 'oversetPercent', 2),
  actual_count: input.actualCount,
  service_charge_percent: percent(input.serviceChargePercent, 'serviceChargePercent', 3),
  tax_percent: percent(input.taxPercent, 'taxPercent', 3),
  tax_on_service_charge: input.taxOnServiceCharge ?? undefined,
  av_order: input.avOrder,
  billing_account: input.billingAccount,
});

type Next = ReturnType<typeof values> & Pick<FunctionOrder, 'event_id' | 'currency'>;

/** Times in order, links inside the event, and a contract in the order's own currency. */
async function checkOrder(tx: Tx, next: Next, before: FunctionOrder | null): Promise<void> {
  const at = (d: Date | null | undefined) => (d == null ? null : new Date(d).getTime());
  if (at(next.ends_at)! <= at(next.starts_at)!) throw new ValidationError({ field: 'endsAt', message: 'must be after startsAt' });
  if (next.setup_at && at(next.setup_at)! > at(next.starts_at)!)
    throw new ValidationError({ field: 'setupAt', message: 'must be at or before startsAt' });
  if (next.strike_at && at(next.strike_at)! < at(next.ends_at)!)
    throw new ValidationError({ field: 'strikeAt', message: 'must be at or after endsAt' });
  for (const [table, id, field] of [
    ['room', next.room_id, 'roomId'],
    ['session', next.session_id, 'sessionId'],
    ['contract', next.contract_id, 'contractId'],
  ] as const) {
    if (id && id !== before?.[`${table}_id`]) await requireInEvent(tx, table, id, next.event_id, field);
  }
  if (next.meal_id && next.meal_id !== before?.meal_id) {
    const meal = await tx.selectFrom('meal').select('event_id').where('id', '=', next.meal_id).executeTakeFirst();
    if (meal?.event_id !== next.event_id) throw new ValidationError({ field: 'mealId', message: 'no such meal in this event' });
  }
  if (next.contract_id) {
    const contract = await tx.selectFrom('contract').select('currency').where('id', '=', next.contract_id).executeTakeFirstOrThrow();
    if (contract.currency !== next.currency)
      throw new ValidationError({ field: 'contractId', message: `bills in ${contract.currency}; this order is in ${next.currency}` });
  }
}

export async function createFunctionOrder(db: Database, actor: Actor, eventId: string, input: FunctionOrderInput) {
  return createEntity(db, actor, 'function_order', eventId, async (tx) => {
    const contractCurrency = input.contractId
      ? (await tx.selectFrom('contract').select('currency').where('id', '=', input.contractId).executeTakeFirst())?.currency
      : undefined;
    if (!input.currency && !contractCurrency)
      throw new ValidationError({ field: 'currency', message: 'is required when no contract bills the order' });
    const currency = requireCurrency(input.currency ?? contractCurrency!);
    const row = values(input);
    await checkOrder(tx, { ...row, event_id: eventId, currency }, null);
    return {
      ...row,
      name: input.name,
      kind: input.kind,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      currency,
      fb_lines: JSON.stringify(linesOf(input.fbLines ?? [], currency)),
    };
  });
}

/** What the venue sets or serves: a change to any of these after sign-off makes a new version. */
const SERVED = [
  'name',
  'kind',
  'room_id',
  'session_id',
  'meal_id',
  'starts_at',
  'ends_at',
  'setup_at',
  'strike_at',
  'set_style',
  'set_notes',
  'guaranteed_count',
  'fb_lines',
  'service_charge_percent',
  'tax_percent',
  'tax_on_service_charge',
  'av_order',
] as const;

export async function updateFunctionOrder(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<FunctionOrderInput, 'currency'>>,
) {
  // Lines are jsonb written as text: compared as values first, so sending the same lines writes nothing.
  const current = await findById(db, 'function_order', id);
  const lines = patch.fbLines == null ? undefined : linesOf(patch.fbLines, current.currency);
  const fbLines = lines === undefined || sameValue(current.fb_lines, lines) ? undefined : JSON.stringify(lines);
  return updateEntity(
    db,
    actor,
    'function_order',
    id,
    expectedVersion,
    { ...values(patch), fb_lines: fbLines },
    async (tx, next, before) => {
      await checkOrder(tx, next, before);
      const lowered = before.guaranteed_count != null && (next.guaranteed_count ?? -1) < before.guaranteed_count;
      if (lowered) {
        const { timezone } = await tx.selectFrom('event').select('timezone').where('id', '=', before.event_id).executeTakeFirstOrThrow();
        const due = guaranteeDueAt(before, timezone);
        if (due <= new Date())
          throw new ValidationError({
            field: 'guaranteedCount',
            message: `the guarantee was due ${due.toISOString()}; after that it can only go up (it is ${before.guaranteed_count})`,
          });
      }
      const signed = before.signed_off_version === before.beo_version;
      const served = SERVED.some(
        (key) => !sameValue(before[key], typeof next[key] === 'string' && key === 'fb_lines' ? JSON.parse(next[key] as string) : next[key]),
      );
      return signed && served ? { beo_version: before.beo_version + 1 } : undefined;
    },
  );
}

/** The client signs off the version of the order they read. */
export const signOffFunctionOrder = (db: Database, actor: Actor, id: string, expectedVersion: number, beoVersion: number) =>
  updateEntity(
    db,
    actor,
    'function_order',
    id,
    expectedVersion,
    { signed_off_version: beoVersion, signed_off_by: actor.userId, signed_off_at: new Date() },
    (_tx, _next, before) => {
      if (beoVersion !== before.beo_version)
        throw new ValidationError({
          field: 'beoVersion',
          message: `the order is at version ${before.beo_version}: read it before signing off`,
        });
      if (before.signed_off_version === beoVersion)
        throw new ValidationError({ field: 'beoVersion', message: `version ${beoVersion} was already signed off` });
    },
  );

export const deleteFunctionOrder = (db: Database, actor: Actor, id: string, expectedVersion?: number | null) =>
  deleteEntity(db, actor, 'function_order', id, expectedVersion);
