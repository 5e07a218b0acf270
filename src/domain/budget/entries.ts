import type { Transaction } from 'kysely';
import type { Database, Executor } from '../../db/client.js';
import type { BudgetDriver, BudgetLine, BudgetLineKind, BudgetLineStatus, DB } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { parseAmount, percentText, rateText, requireCurrency } from '../../shared/money.js';
import { createEntity, deleteEntity, findById, updateEntity } from '../entities.js';
import { requireInEvent } from '../venue/venue.js';
import { rateOf } from './rules.js';

/**
 * The budget's entries: lines of a version (management's), and vendors' invoices against contracts
 * — the actuals. A line's amounts are decimal text in its currency, which the budget must have a
 * rate for; a line tied to a contract is in the contract's currency. Lines of an approved version
 * are on record: a change is a reforecast.
 */

type Tx = Transaction<DB>;

export type LineInput = {
  versionId: string;
  category: string;
  item: string;
  kind?: BudgetLineKind | null;
  driver?: BudgetDriver | null;
  functionOrderId?: string | null;
  contractId?: string | null;
  currency: string;
  unitCost: string;
  quantity?: number | null;
  serviceChargePercent?: string | null;
  taxPercent?: string | null;
  markupPercent?: string | null;
  status?: BudgetLineStatus | null;
  isFee?: boolean | null;
  internal?: boolean | null;
  notes?: string | null;
};

const pct = (text: string | null | undefined, field: string, max = 100) => (text == null ? undefined : percentText(text, field, 3, max));

const lineValues = (input: Partial<LineInput>, currency: string) => {
  const cost = input.unitCost == null ? undefined : parseAmount(input.unitCost, currency, 'unitCost');
  if (cost !== undefined && cost < 0n) throw new ValidationError({ field: 'unitCost', message: 'must not be negative' });
  return {
    category: input.category?.trim(),
    item: input.item,
    kind: input.kind ?? undefined,
    driver: input.driver,
    function_order_id: input.functionOrderId,
    contract_id: input.contractId,
    unit_cost_minor: cost === undefined ? undefined : (cost.toString() as unknown as number),
    quantity: input.quantity,
    service_charge_percent: pct(input.serviceChargePercent, 'serviceChargePercent'),
    tax_percent: pct(input.taxPercent, 'taxPercent'),
    markup_percent: pct(input.markupPercent, 'markupPercent', 1000),
    status: input.status ?? undefined,
    is_fee: input.isFee ?? undefined,
    internal: input.internal ?? undefined,
    notes: input.notes,
  };
};

type Next = Pick<
  BudgetLine,
  'event_id' | 'version_id' | 'kind' | 'driver' | 'function_order_id' | 'contract_id' | 'currency' | 'quantity' | 'category'
>;

async function checkLine(tx: Tx, next: Next, before: BudgetLine | null): Promise<void> {
  if (!next.category) throw new ValidationError({ field: 'category', message: 'must not be empty' });
  const version = await tx.selectFrom('budget_version').select(['event_id', 'status']).where('id', '=', next.version_id).executeTakeFirst();
  if (version?.event_id !== next.event_id)
    throw new ValidationError({ field: 'versionId', message: 'no such budget version in this event' });
  if (version.status === 'APPROVED')
    throw new ValidationError({
      field: before ? 'id' : 'versionId',
      message: 'is in an approved version: it is on record; change a reforecast',
    });
  const budget = await tx
    .selectFrom('budget')
    .select(['currency', 'rates'])
    .where('event_id', '=', next.event_id)
    .executeTakeFirstOrThrow();
  if (rateOf(budget, next.currency) === null)
    throw new ValidationError({ field: 'currency', message: `the budget has no rate for ${next.currency}: add one with updateBudget` });
  if (next.kind === 'FIXED') {
    if (next.driver) throw new ValidationError({ field: 'driver', message: 'a FIXED line has no driver: make it VARIABLE' });
    if (next.quantity == null) throw new ValidationError({ field: 'quantity', message: 'a FIXED line needs a quantity' });
  } else {
    if (!next.driver)
      throw new ValidationError({ field: 'driver', message: 'a VARIABLE line needs a driver (GUARANTEE, PICKUP or REGISTERED)' });
    if (next.quantity != null)
      throw new ValidationError({ field: 'quantity', message: 'a VARIABLE line takes its quantity from its driver' });
    if (next.driver === 'GUARANTEE' && !next.function_order_id)
      throw new ValidationError({ field: 'functionOrderId', message: 'a GUARANTEE line names its function order' });
    if (next.driver === 'PICKUP' && !next.contract_id)
      throw new ValidationError({ field: 'contractId', message: 'a PICKUP line names its hotel contract' });
  }
  if (next.function_order_id && next.function_order_id !== before?.function_order_id) {
    const order = await tx.selectFrom('function_order').select('event_id').where('id', '=', next.function_order_id).executeTakeFirst();
    if (order?.event_id !== next.event_id)
      throw new ValidationError({ field: 'functionOrderId', message: 'no such function order in this event' });
  }
  if (next.contract_id) {
    if (next.contract_id !== before?.contract_id) await requireInEvent(tx, 'contract', next.contract_id, next.event_id, 'contractId');
    const { currency } = await tx.selectFrom('contract').select('currency').where('id', '=', next.contract_id).executeTakeFirstOrThrow();
    if (currency !== next.currency)
      throw new ValidationError({ field: 'contractId', message: `is in ${currency}; this line is in ${next.currency}` });
  }
}

export async function createBudgetLine(db: Database, actor: Actor, input: LineInput) {
  const version = await db.selectFrom('budget_version').select('event_id').where('id', '=', input.versionId).executeTakeFirst();
  if (!version) throw new ValidationError({ field: 'versionId', message: 'no such budget version' });
  const currency = requireCurrency(input.currency);
  return createEntity(db, actor, 'budget_line', version.event_id, async (tx) => {
    const values = {
      ...lineValues(input, currency),
      version_id: input.versionId,
      category: input.category.trim(),
      item: input.item,
      currency,
    };
    if (values.unit_cost_minor === undefined) throw new ValidationError({ field: 'unitCost', message: 'is required' });
    const kind = input.kind ?? 'FIXED';
    await checkLine(
      tx,
      {
        ...values,
        kind,
        event_id: version.event_id,
        driver: values.driver ?? null,
        function_order_id: values.function_order_id ?? null,
        contract_id: values.contract_id ?? null,
        quantity: values.quantity ?? null,
      },
      null,
    );
    return { ...values, kind, unit_cost_minor: values.unit_cost_minor };
  });
}

export async function updateBudgetLine(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<LineInput, 'versionId' | 'currency'>>,
) {
  const current = await findById(db, 'budget_line', id);
  return updateEntity(db, actor, 'budget_line', id, expectedVersion, lineValues(patch, current.currency), (tx, next, before) =>
    checkLine(tx, next, before),
  );
}

export const deleteBudgetLine = (db: Database, actor: Actor, id: string, expectedVersion?: number | null) =>
  deleteEntity(db, actor, 'budget_line', id, expectedVersion, undefined, async (tx, row) => {
    const version = await tx.selectFrom('budget_version').select('status').where('id', '=', row.version_id).executeTakeFirstOrThrow();
    if (version.status === 'APPROVED') throw new ValidationError({ field: 'id', message: 'is in an approved version: it is on record' });
  });

/** Every line of a version as a new line of another, inside the caller's transaction (one revision each). */
export async function copyLines(tx: Tx, actor: Actor, fromVersionId: string, toVersionId: string): Promise<void> {
  const lines = await tx
    .selectFrom('budget_line')
    .selectAll()
    .where('version_id', '=', fromVersionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const l of lines) {
    const { id: _id, version: _v, created_at: _c, updated_at: _u, version_id: _from, ...copy } = l;
    await createEntity(tx, actor, 'budget_line', l.event_id, async () => ({ ...copy, version_id: toVersionId }));
  }
}

export type InvoiceInput = { contractId: string; number: string; issuedOn: string; amount: string; rate?: string | null };

async function contractOf(db: Executor, contractId: string) {
  const contract = await db.selectFrom('contract').select(['event_id', 'currency']).where('id', '=', contractId).executeTakeFirst();
  if (!contract) throw new ValidationError({ field: 'contractId', message: 'no such contract' });
  return contract;
}

/** A vendor's invoice against a contract, in the contract's currency: what the budget counts as actual. */
export async function createInvoice(db: Database, actor: Actor, input: InvoiceInput) {
  const contract = await contractOf(db, input.contractId);
  return createEntity(db, actor, 'invoice', contract.event_id, async (tx) => {
    const amount = parseAmount(input.amount, contract.currency, 'amount');
    if (amount <= 0n) throw new ValidationError({ field: 'amount', message: 'must be more than 0' });
    const twice = await tx
      .selectFrom('invoice')
      .select('id')
      .where('contract_id', '=', input.contractId)
      .where('number', '=', input.number.trim())
      .executeTakeFirst();
    if (twice) throw new ValidationError({ field: 'number', message: `invoice ${input.number} of this contract is recorded already` });
    return {
      contract_id: input.contractId,
      number: input.number.trim(),
      issued_on: input.issuedOn,
      amount_minor: amount.toString() as unknown as number,
      rate: rateText(input.rate) ?? null,
    };
  });
}

export async function updateInvoice(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<InvoiceInput, 'contractId'>>,
) {
  const invoice = await findById(db, 'invoice', id);
  const { currency } = await contractOf(db, invoice.contract_id);
  const amount = patch.amount == null ? undefined : parseAmount(patch.amount, currency, 'amount');
  if (amount !== undefined && amount <= 0n) throw new ValidationError({ field: 'amount', message: 'must be more than 0' });
  return updateEntity(
    db,
    actor,
    'invoice',
    id,
    expectedVersion,
    {
      number: patch.number?.trim(),
      issued_on: patch.issuedOn,
      amount_minor: amount === undefined ? undefined : (amount.toString() as unknown as number),
      rate: rateText(patch.rate),
    },
    async (tx, next, before) => {
      if (next.number === before.number) return;
      const twice = await tx
        .selectFrom('invoice')
        .select('id')
        .where('contract_id', '=', before.contract_id)
        .where('number', '=', next.number)
        .executeTakeFirst();
      if (twice) throw new ValidationError({ field: 'number', message: `invoice ${next.number} of this contract is recorded already` });
    },
  );
}

export const deleteInvoice = (db: Database, actor: Actor, id: string, expectedVersion?: number | null) =>
  deleteEntity(db, actor, 'invoice', id, expectedVersion);
