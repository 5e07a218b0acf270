import type { Database, Executor } from '../../db/client.js';
import type { BudgetRate, BudgetVersionKind, PricingModel } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { parseDecimal, requireCurrency } from '../../shared/money.js';
import { createEntity, deleteEntity, findById, sameValue, updateEntity } from '../entities.js';
import { copyLines } from './entries.js';

/**
 * The budget area's frame: one budget per event — its currency (fixed once made), the pricing
 * model the client is shown (OPEN_BOOK: net prices, the fee and commissions; MARKUP: billed prices
 * only) and a budget rate per foreign currency — and its versions: the ORIGINAL and REFORECASTs,
 * DRAFT → SUBMITTED → APPROVED by the client. An approved version is on record as it was: its
 * lines no longer change; a reforecast starts as a copy of another version's lines.
 */

export type BudgetInput = {
  currency: string;
  pricingModel?: PricingModel | null;
  rates?: readonly BudgetRate[] | null;
  unsignedWarningDays?: number | null;
  notes?: string | null;
};

function checkRates(rates: readonly BudgetRate[], currency: string): BudgetRate[] {
  const seen = new Set<string>();
  return rates.map((r, i) => {
    const code = requireCurrency(r.currency, `rates.${i}.currency`);
    if (code === currency) throw new ValidationError({ field: `rates.${i}.currency`, message: `is the budget's own currency` });
    if (seen.has(code)) throw new ValidationError({ field: `rates.${i}.currency`, message: `has a rate already` });
    seen.add(code);
    const { units } = parseDecimal(r.rate, `rates.${i}.rate`);
    if (units <= 0n) throw new ValidationError({ field: `rates.${i}.rate`, message: 'must be more than 0' });
    return { currency: code, rate: r.rate.trim() };
  });
}

/** The currencies lines, invoices and payments are in must keep a rate. */
async function requireRatesInUse(db: Executor, eventId: string, currency: string, rates: readonly BudgetRate[]): Promise<void> {
  const used = await db.selectFrom('budget_line').select('currency').distinct().where('event_id', '=', eventId).execute();
  const missing = used.map((u) => u.currency).find((c) => c !== currency && !rates.some((r) => r.currency === c));
  if (missing) throw new ValidationError({ field: 'rates', message: `lines in ${missing} need a rate for it` });
}

export const createBudget = (db: Database, actor: Actor, eventId: string, input: BudgetInput) =>
  createEntity(db, actor, 'budget', eventId, async (tx) => {
    const currency = requireCurrency(input.currency);
    if (await tx.selectFrom('budget').select('id').where('event_id', '=', eventId).executeTakeFirst())
      throw new ValidationError({ field: 'eventId', message: 'has a budget already: change it with updateBudget' });
    return {
      currency,
      pricing_model: input.pricingModel ?? 'MARKUP',
      rates: JSON.stringify(checkRates(input.rates ?? [], currency)),
      unsigned_warning_days: input.unsignedWarningDays ?? undefined,
      notes: input.notes ?? null,
    };
  });

export async function updateBudget(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<BudgetInput, 'currency'>>,
) {
  const current = await findById(db, 'budget', id);
  const rates = patch.rates == null ? undefined : checkRates(patch.rates, current.currency);
  return updateEntity(
    db,
    actor,
    'budget',
    id,
    expectedVersion,
    {
      pricing_model: patch.pricingModel ?? undefined,
      rates: rates === undefined || sameValue(current.rates, rates) ? undefined : JSON.stringify(rates),
      unsigned_warning_days: patch.unsignedWarningDays ?? undefined,
      notes: patch.notes,
    },
    async (tx, _next, before) => {
      if (rates) await requireRatesInUse(tx, before.event_id, before.currency, rates);
    },
  );
}

export type VersionInput = { name: string; kind: BudgetVersionKind; copyFromVersionId?: string | null };

/** A new version, DRAFT; a copy of another version's lines when one is named — all in one transaction. */
export async function createBudgetVersion(db: Database, actor: Actor, eventId: string, input: VersionInput) {
  return db.transaction().execute(async (tx) => {
    await tx.selectFrom('event').select('id').where('id', '=', eventId).forNoKeyUpdate().execute();
    if (!(await tx.selectFrom('budget').select('id').where('event_id', '=', eventId).executeTakeFirst()))
      throw new ValidationError({ field: 'eventId', message: 'has no budget yet: createBudget first' });
    if (input.copyFromVersionId) {
      const from = await tx.selectFrom('budget_version').select('event_id').where('id', '=', input.copyFromVersionId).executeTakeFirst();
      if (from?.event_id !== eventId)
        throw new ValidationError({ field: 'copyFromVersionId', message: 'no such budget version in this event' });
    }
    const written = await createEntity(tx, actor, 'budget_version', eventId, async () => ({ name: input.name, kind: input.kind }));
    if (input.copyFromVersionId) await copyLines(tx, actor, input.copyFromVersionId, written.result.id);
    return written;
  });
}

export type VersionPatch = { name?: string | null; status?: 'DRAFT' | 'SUBMITTED' | null };

/** Renames a version, or moves it between DRAFT and SUBMITTED (management); an approved one is on record. */
export const updateBudgetVersion = (db: Database, actor: Actor, id: string, expectedVersion: number, patch: VersionPatch) =>
  updateEntity(
    db,
    actor,
    'budget_version',
    id,
    expectedVersion,
    { name: patch.name ?? undefined, status: patch.status ?? undefined },
    (_tx, _next, before) => {
      if (before.status === 'APPROVED') throw new ValidationError({ field: 'id', message: 'is approved: it is on record as it was' });
    },
  );

/** The client approves a SUBMITTED version. */
export const approveBudgetVersion = (db: Database, actor: Actor, id: string, expectedVersion: number) =>
  updateEntity(
    db,
    actor,
    'budget_version',
    id,
    expectedVersion,
    { status: 'APPROVED', approved_by: actor.userId, approved_at: new Date() },
    (_tx, _next, before) => {
      if (before.status !== 'SUBMITTED')
        throw new ValidationError({
          field: 'id',
          message: before.status === 'APPROVED' ? 'is approved already' : 'is a DRAFT: management submits it first',
        });
    },
  );

export const deleteBudgetVersion = (db: Database, actor: Actor, id: string, expectedVersion?: number | null) =>
  deleteEntity(db, actor, 'budget_version', id, expectedVersion, undefined, async (_tx, row) => {
    if (row.status === 'APPROVED') throw new ValidationError({ field: 'id', message: 'is approved: it stays on record' });
  });
