import type { Database, Executor } from '../../db/client.js';
import type { CandidateStatus } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { parseAmount, requireCurrency } from '../../shared/money.js';
import { createEntity, deleteEntity, findById, sameValue, updateEntity } from '../entities.js';
import { createVenue } from '../venue/venue.js';
import { requireInEvent } from '../venue/venue.js';

/**
 * Venue selection, management's: the criteria the agency weighs (1–10), candidate venues with a date
 * hold, the venue's quote, scores 1–5 per criterion and a status (CANDIDATE → SHORTLISTED → CHOSEN, or
 * DECLINED), and site visits. Choosing a candidate is not contracting it: only naming a SIGNED
 * contract with a VENUE vendor (`contractCandidate`) makes it CONTRACTED and one of the event's venues.
 */

export const createCriterion = (db: Database, actor: Actor, eventId: string, input: { name: string; weight: number }) =>
  createEntity(db, actor, 'selection_criterion', eventId, async (tx) => {
    await uniqueName(tx, eventId, input.name, null);
    return { name: input.name, weight: checkWeight(input.weight) };
  });

export const updateCriterion = (
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: { name?: string; weight?: number },
) =>
  updateEntity(
    db,
    actor,
    'selection_criterion',
    id,
    expectedVersion,
    { name: patch.name, weight: patch.weight === undefined ? undefined : checkWeight(patch.weight) },
    (tx, next) => uniqueName(tx, next.event_id, next.name, id),
  );

/** A criterion goes with its scores. */
export const deleteCriterion = (db: Database, actor: Actor, id: string, expectedVersion?: number | null) =>
  deleteEntity(db, actor, 'selection_criterion', id, expectedVersion, async (tx, row) => {
    const scored = await tx.selectFrom('venue_candidate').select(['id', 'scores']).where('event_id', '=', row.event_id).execute();
    for (const c of scored.filter((c) => id in c.scores)) {
      const { [id]: _dropped, ...rest } = c.scores;
      await updateEntity(tx, actor, 'venue_candidate', c.id, null, { scores: JSON.stringify(rest) as never });
    }
  });

function checkWeight(weight: number): number {
  if (!Number.isInteger(weight) || weight < 1 || weight > 10)
    throw new ValidationError({ field: 'weight', message: 'must be a whole number from 1 to 10' });
  return weight;
}

async function uniqueName(tx: Executor, eventId: string, name: string, id: string | null) {
  let q = tx.selectFrom('selection_criterion').select('id').where('event_id', '=', eventId).where('name', '=', name);
  if (id) q = q.where('id', '<>', id);
  if (await q.executeTakeFirst()) throw new ValidationError({ field: 'name', message: 'is the name of another criterion of this event' });
}

export type Score = { criterionId: string; score: number };
export type CandidateInput = {
  name: string;
  address?: string | null;
  city?: string | null;
  country?: string | null;
  capacity?: number | null;
  status?: CandidateStatus | null;
  dateHoldExpiresOn?: string | null;
  quoteCurrency?: string | null;
  /** Decimal text in `quoteCurrency`. */
  quote?: string | null;
  /** Replaces the scores it had. */
  scores?: readonly Score[] | null;
  notes?: string | null;
};

async function scoresOf(tx: Executor, eventId: string, scores: readonly Score[] | null | undefined): Promise<string | undefined> {
  if (scores == null) return undefined;
  const criteria = await tx.selectFrom('selection_criterion').select('id').where('event_id', '=', eventId).execute();
  const out: Record<string, number> = {};
  for (const [i, s] of scores.entries()) {
    if (!criteria.some((c) => c.id === s.criterionId))
      throw new ValidationError({ field: `scores.${i}.criterionId`, message: 'is not a criterion of this event' });
    if (!Number.isInteger(s.score) || s.score < 1 || s.score > 5)
      throw new ValidationError({ field: `scores.${i}.score`, message: 'must be a whole number from 1 to 5' });
    if (s.criterionId in out) throw new ValidationError({ field: `scores.${i}.criterionId`, message: 'is scored twice' });
    out[s.criterionId] = s.score;
  }
  return JSON.stringify(out);
}

function quoteOf(input: Partial<CandidateInput>, currentCurrency: string | null) {
  if (input.quote === undefined && input.quoteCurrency === undefined) return {};
  if (input.quote === null) return { quote_minor: null, quote_currency: null };
  const currency = input.quoteCurrency ?? currentCurrency;
  if (!currency) throw new ValidationError({ field: 'quoteCurrency', message: 'is required with a quote' });
  const code = requireCurrency(currency, 'quoteCurrency');
  if (input.quote === undefined) return { quote_currency: code };
  return { quote_currency: code, quote_minor: parseAmount(input.quote, code, 'quote').toString() as unknown as number };
}

const candidateValues = (input: Partial<CandidateInput>) => ({
  name: input.name,
  address: input.address,
  city: input.city,
  country: input.country,
  capacity: input.capacity,
  date_hold_expires_on: input.dateHoldExpiresOn,
  notes: input.notes,
});

function checkStatus(status: CandidateStatus | null | undefined, before: CandidateStatus | null) {
  if (!status || status === before) return;
  if (status === 'CONTRACTED')
    throw new ValidationError({
      field: 'status',
      message: 'a candidate is CONTRACTED by naming its signed contract (contractVenueCandidate)',
    });
  if (before === 'CONTRACTED') throw new ValidationError({ field: 'status', message: 'is CONTRACTED: the contract decides now' });
}

export const createCandidate = (db: Database, actor: Actor, eventId: string, input: CandidateInput) =>
  createEntity(db, actor, 'venue_candidate', eventId, async (tx) => {
    checkStatus(input.status, null);
    const scores = await scoresOf(tx, eventId, input.scores);
    return {
      ...candidateValues(input),
      name: input.name,
      status: input.status ?? undefined,
      ...quoteOf(input, null),
      scores: scores ?? '{}',
    };
  });

export async function updateCandidate(db: Database, actor: Actor, id: string, expectedVersion: number, patch: Partial<CandidateInput>) {
  const current = await findById(db, 'venue_candidate', id);
  const scores = await scoresOf(db, current.event_id, patch.scores);
  const changedScores = scores !== undefined && !sameValue(JSON.parse(scores), current.scores) ? (scores as never) : undefined;
  return updateEntity(
    db,
    actor,
    'venue_candidate',
    id,
    expectedVersion,
    { ...candidateValues(patch), status: patch.status ?? undefined, ...quoteOf(patch, current.quote_currency), scores: changedScores },
    (_tx, _next, before) => checkStatus(patch.status, before.status),
  );
}

/** A candidate goes with its site visits; a contracted one stays on record. */
export const deleteCandidate = (db: Database, actor: Actor, id: string, expectedVersion?: number | null) =>
  deleteEntity(db, actor, 'venue_candidate', id, expectedVersion, undefined, async (tx, row) => {
    if (row.status === 'CONTRACTED') throw new ValidationError({ field: 'id', message: 'is contracted: it stays on record' });
    const visits = await tx.selectFrom('site_visit').select('id').where('candidate_id', '=', id).execute();
    for (const v of visits) await deleteEntity(tx, actor, 'site_visit', v.id, null);
  });

/** Names the signed contract with the venue: the candidate becomes CONTRACTED and one of the event's venues. */
export const contractCandidate = (db: Database, actor: Actor, id: string, expectedVersion: number, contractId: string) =>
  updateEntity(
    db,
    actor,
    'venue_candidate',
    id,
    expectedVersion,
    { status: 'CONTRACTED', contract_id: contractId },
    async (tx, next, before) => {
      if (before.status === 'CONTRACTED') throw new ValidationError({ field: 'id', message: 'is contracted already' });
      if (before.status === 'DECLINED')
        throw new ValidationError({ field: 'id', message: 'was declined: make it a candidate again first' });
      await requireInEvent(tx, 'contract', contractId, next.event_id, 'contractId');
      const contract = await tx
        .selectFrom('contract')
        .innerJoin('vendor', 'vendor.id', 'contract.vendor_id')
        .select(['contract.status', 'vendor.kind'])
        .where('contract.id', '=', contractId)
        .executeTakeFirstOrThrow();
      if (contract.kind !== 'VENUE') throw new ValidationError({ field: 'contractId', message: 'is not a contract with a VENUE vendor' });
      if (contract.status !== 'SIGNED')
        throw new ValidationError({
          field: 'contractId',
          message: `is ${contract.status}: a venue is the event's once its contract is signed`,
        });
      // A venue of the event by that name (entered before the selection) is the one it becomes.
      const known = await tx
        .selectFrom('venue')
        .select('id')
        .where('event_id', '=', next.event_id)
        .where('name', '=', before.name)
        .executeTakeFirst();
      if (known) return { venue_id: known.id };
      const { result: venue } = await createVenue(tx, actor, next.event_id, {
        name: before.name,
        address: before.address,
        city: before.city,
        country: before.country,
      });
      return { venue_id: venue.id };
    },
  );

export type VisitInput = { candidateId: string; visitedOn: string; attendees?: readonly string[] | null; notes?: string | null };

export async function createVisit(db: Database, actor: Actor, input: VisitInput) {
  const candidate = await findById(db, 'venue_candidate', input.candidateId).catch(() => null);
  if (!candidate) throw new ValidationError({ field: 'candidateId', message: 'no such venue candidate' });
  return createEntity(db, actor, 'site_visit', candidate.event_id, async () => ({
    candidate_id: input.candidateId,
    visited_on: input.visitedOn,
    attendees: [...(input.attendees ?? [])],
    notes: input.notes ?? null,
  }));
}

export const deleteVisit = (db: Database, actor: Actor, id: string, expectedVersion?: number | null) =>
  deleteEntity(db, actor, 'site_visit', id, expectedVersion);
