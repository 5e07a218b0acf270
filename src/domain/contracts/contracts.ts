import type { Database, Executor } from '../../db/client.js';
import type { AttritionBasis, CancellationTier, ContractStatus, VendorKind } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { parseAmount, parseDecimal, rateText, requireCurrency } from '../../shared/money.js';
import { createEntity, deleteEntity, findById, updateEntity } from '../entities.js';
import { deleteAnchoredTasks, withContractTasks } from '../timeline/contract-tasks.js';
import { requireInEvent } from '../venue/venue.js';
import { cancellationFee } from './terms.js';

/**
 * The contracts area: management's vendors (the venue, hotels, the caterer, the production agency…)
 * and their contracts, with the clauses that cost money kept as data (terms.ts computes them) and
 * a payment schedule each. Amounts come in as decimal text in the contract's currency and are kept
 * as integer minor units; a contract's currency is fixed when it is made.
 */

const byId = (row: { id: string }) => row.id;
const ofPayment = (row: { contract_id: string }) => row.contract_id;

export type VendorInput = {
  name: string;
  kind: VendorKind;
  organizationId?: string | null;
  contactName?: string | null;
  email?: string | null;
  phone?: string | null;
  notes?: string | null;
};

const vendorValues = (input: Partial<VendorInput>) => ({
  name: input.name,
  kind: input.kind,
  organization_id: input.organizationId,
  contact_name: input.contactName,
  email: input.email,
  phone: input.phone,
  notes: input.notes,
});

async function requireMemberOrganization(tx: Executor, eventId: string, organizationId: string | null | undefined) {
  if (!organizationId) return;
  const member = await tx
    .selectFrom('event_member')
    .select('id')
    .where('event_id', '=', eventId)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  if (!member) throw new ValidationError({ field: 'organizationId', message: 'is not a member organization of this event' });
}

export const createVendor = (db: Database, actor: Actor, eventId: string, input: VendorInput) =>
  createEntity(db, actor, 'vendor', eventId, async (tx) => {
    await requireMemberOrganization(tx, eventId, input.organizationId);
    return { ...vendorValues(input), name: input.name, kind: input.kind };
  });

export const updateVendor = (db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<VendorInput>) =>
  updateEntity(db, actor, 'vendor', id, expectedVersion, vendorValues(patch), (tx, next) =>
    requireMemberOrganization(tx, next.event_id, next.organization_id),
  );

export const deleteVendor = (db: Database, actor: Actor, id: string, expectedVersion?: number | null) =>
  deleteEntity(db, actor, 'vendor', id, expectedVersion, undefined, async (tx) => {
    const contract = await tx.selectFrom('contract').select('id').where('vendor_id', '=', id).executeTakeFirst();
    if (contract) throw new ValidationError({ field: 'id', message: 'has contracts: delete them first (a cancelled one stays on record)' });
  });

export type ContractInput = {
  vendorId: string;
  title: string;
  scope?: string | null;
  currency: string;
  /** Decimal text in `currency` ("68700.00"). */
  value: string;
  cancellationScale?: readonly CancellationTier[] | null;
  attritionBasis?: AttritionBasis | null;
  attritionPercent?: number | null;
  resoldCredit?: boolean | null;
  fbMinimum?: string | null;
  commissionPercent?: string | null;
  cutOffDate?: string | null;
  dateHoldExpiresOn?: string | null;
  notes?: string | null;
};

/** Attrition is a basis and a percentage, or neither. */
function checkAttrition(row: { attrition_basis?: AttritionBasis | null; attrition_percent?: number | null }) {
  if ((row.attrition_basis == null) !== (row.attrition_percent == null))
    throw new ValidationError({
      field: row.attrition_basis == null ? 'attritionBasis' : 'attritionPercent',
      message: 'attrition needs both its basis and its percentage',
    });
}

/** The scale in date order, each percentage a decimal from 0 to 100, no day twice. */
function checkScale(scale: readonly CancellationTier[]): CancellationTier[] {
  const sorted = [...scale].sort((a, b) => a.from.localeCompare(b.from));
  for (const [i, tier] of sorted.entries()) {
    const { units, scale: digits } = parseDecimal(tier.percent, `cancellationScale.${i}.percent`);
    if (units < 0n || units > 100n * 10n ** BigInt(digits))
      throw new ValidationError({ field: `cancellationScale.${i}.percent`, message: 'must be from 0 to 100' });
    if (i > 0 && sorted[i - 1]!.from === tier.from)
      throw new ValidationError({ field: `cancellationScale.${i}.from`, message: 'has two tiers on the same day' });
  }
  return sorted.map((t) => ({ from: t.from, percent: t.percent }));
}

function termValues(input: Partial<ContractInput>, currency: string) {
  const amount = (text: string | null | undefined, field: string) =>
    text === undefined ? undefined : text === null ? null : parseAmount(text, currency, field).toString();
  if (input.commissionPercent != null) {
    const { units, scale } = parseDecimal(input.commissionPercent, 'commissionPercent');
    if (units < 0n || units > 100n * 10n ** BigInt(scale) || scale > 3)
      throw new ValidationError({ field: 'commissionPercent', message: 'must be from 0 to 100, with at most 3 decimals' });
  }
  return {
    vendor_id: input.vendorId,
    title: input.title,
    scope: input.scope,
    value_minor: input.value === undefined ? undefined : (amount(input.value, 'value') as unknown as number),
    cancellation_scale: input.cancellationScale == null ? undefined : JSON.stringify(checkScale(input.cancellationScale)),
    attrition_basis: input.attritionBasis,
    attrition_percent: input.attritionPercent,
    resold_credit: input.resoldCredit ?? undefined,
    fb_minimum_minor: amount(input.fbMinimum, 'fbMinimum') as unknown as number | null | undefined,
    commission_percent: input.commissionPercent,
    cut_off_date: input.cutOffDate,
    date_hold_expires_on: input.dateHoldExpiresOn,
    notes: input.notes,
  };
}

export const createContract = (db: Database, actor: Actor, eventId: string, input: ContractInput) =>
  withContractTasks(db, actor, byId, (db) =>
    createEntity(db, actor, 'contract', eventId, async (tx) => {
      const currency = requireCurrency(input.currency);
      await requireInEvent(tx, 'vendor', input.vendorId, eventId, 'vendorId');
      const values = termValues({ cancellationScale: [], ...input }, currency);
      if (values.value_minor === undefined) throw new ValidationError({ field: 'value', message: 'is required' });
      checkAttrition(values);
      return {
        ...values,
        vendor_id: input.vendorId,
        title: input.title,
        value_minor: values.value_minor,
        currency,
        cancellation_scale: values.cancellation_scale ?? '[]',
      };
    }),
  );

/** Terms and, while it is not signed, DRAFT ↔ SENT. A cancelled contract's terms are history. */
export async function updateContract(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<ContractInput, 'currency'>> & { status?: ContractStatus | null },
) {
  const current = await findById(db, 'contract', id);
  return withContractTasks(db, actor, byId, (db) =>
    updateEntity(
      db,
      actor,
      'contract',
      id,
      expectedVersion,
      { ...termValues(patch, current.currency), status: patch.status ?? undefined },
      async (tx, next, before) => {
        if (before.status === 'CANCELLED')
          throw new ValidationError({ field: 'id', message: 'is cancelled: its terms are on record as they were' });
        if (patch.status && patch.status !== before.status && !['DRAFT', 'SENT'].includes(patch.status))
          throw new ValidationError({
            field: 'status',
            message: `is set with ${patch.status === 'SIGNED' ? 'signContract' : 'cancelContract'}`,
          });
        if (patch.status && before.status === 'SIGNED' && patch.status !== 'SIGNED')
          throw new ValidationError({ field: 'status', message: 'a signed contract is not a draft again: cancel it' });
        checkAttrition(next);
        if (next.vendor_id !== before.vendor_id) await requireInEvent(tx, 'vendor', next.vendor_id, next.event_id, 'vendorId');
      },
    ),
  );
}

/** Signed on a day (not in the future): from then on the cancellation scale applies. */
export const signContract = (db: Database, actor: Actor, id: string, expectedVersion: number, signedOn: string) =>
  withContractTasks(db, actor, byId, (db) =>
    updateEntity(db, actor, 'contract', id, expectedVersion, { status: 'SIGNED', signed_on: signedOn }, (_tx, _next, before) => {
      if (before.status === 'CANCELLED') throw new ValidationError({ field: 'id', message: 'is cancelled' });
      if (before.status === 'SIGNED') throw new ValidationError({ field: 'id', message: `was signed on ${before.signed_on}` });
    }),
  );

/** Cancelled on a day: the fee the scale says for that day is fixed on the contract. */
export const cancelContract = (db: Database, actor: Actor, id: string, expectedVersion: number, cancelledOn: string) =>
  withContractTasks(db, actor, byId, (db) =>
    updateEntity(db, actor, 'contract', id, expectedVersion, { status: 'CANCELLED', cancelled_on: cancelledOn }, (_tx, _next, before) => {
      if (before.status === 'CANCELLED') throw new ValidationError({ field: 'id', message: `was cancelled on ${before.cancelled_on}` });
      if (before.signed_on && cancelledOn < before.signed_on)
        throw new ValidationError({ field: 'cancelledOn', message: `is before it was signed (${before.signed_on})` });
      return { cancellation_fee_minor: cancellationFee(before, cancelledOn).toString() as unknown as number };
    }),
  );

export const deleteContract = (db: Database, actor: Actor, id: string, expectedVersion?: number | null) =>
  deleteEntity(db, actor, 'contract', id, expectedVersion, undefined, async (tx, row) => {
    if (row.status === 'SIGNED' || row.status === 'CANCELLED')
      throw new ValidationError({ field: 'id', message: `is ${row.status.toLowerCase()}: it stays on record` });
    if (await tx.selectFrom('invoice').select('id').where('contract_id', '=', id).executeTakeFirst())
      throw new ValidationError({ field: 'id', message: 'has invoices: it stays on record' });
    const payments = await tx.selectFrom('contract_payment').select('id').where('contract_id', '=', id).execute();
    await deleteAnchoredTasks(tx, actor, { contractId: id, paymentIds: payments.map((p) => p.id) });
  });

export type PaymentInput = {
  contractId: string;
  label: string;
  dueOn: string;
  amount: string;
  paidOn?: string | null;
  /** The rate it was paid at, to the budget currency (decimal text). */
  rate?: string | null;
};

const contractCurrency = async (db: Executor, contractId: string) => {
  const row = await db.selectFrom('contract').select(['currency', 'event_id']).where('id', '=', contractId).executeTakeFirst();
  if (!row) throw new ValidationError({ field: 'contractId', message: 'no such contract' });
  return row;
};

export async function createPayment(db: Database, actor: Actor, input: PaymentInput) {
  const { currency, event_id } = await contractCurrency(db, input.contractId);
  return withContractTasks(db, actor, ofPayment, (db) =>
    createEntity(db, actor, 'contract_payment', event_id, async () => {
      const amount = parseAmount(input.amount, currency, 'amount');
      if (amount <= 0n) throw new ValidationError({ field: 'amount', message: 'must be more than 0' });
      return {
        contract_id: input.contractId,
        label: input.label,
        due_on: input.dueOn,
        amount_minor: amount.toString() as unknown as number,
        paid_on: input.paidOn ?? null,
        rate: rateText(input.rate) ?? null,
      };
    }),
  );
}

export async function updatePayment(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<PaymentInput, 'contractId'>>,
) {
  const payment = await findById(db, 'contract_payment', id);
  const { currency } = await contractCurrency(db, payment.contract_id);
  const amount = patch.amount == null ? undefined : parseAmount(patch.amount, currency, 'amount');
  if (amount !== undefined && amount <= 0n) throw new ValidationError({ field: 'amount', message: 'must be more than 0' });
  return withContractTasks(db, actor, ofPayment, (db) =>
    updateEntity(db, actor, 'contract_payment', id, expectedVersion, {
      label: patch.label,
      due_on: patch.dueOn,
      amount_minor: amount === undefined ? undefined : (amount.toString() as unknown as number),
      paid_on: patch.paidOn,
      rate: rateText(patch.rate),
    }),
  );
}

export const deletePayment = (db: Database, actor: Actor, id: string, expectedVersion?: number | null) =>
  deleteEntity(db, actor, 'contract_payment', id, expectedVersion, undefined, (tx) => deleteAnchoredTasks(tx, actor, { paymentIds: [id] }));
