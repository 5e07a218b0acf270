import { operationLoader, type Context } from '../../context.js';
import type { SelectionCriterion, SiteVisit, VenueCandidate } from '../../db/types.js';
import { inBudget } from '../../domain/budget/rules.js';
import { candidatesOf, criteriaOf, visitsOf } from '../../domain/selection/facts.js';
import { HOLD_WARNING_DAYS, ranked, weightedScore, type Weighted } from '../../domain/selection/rules.js';
import { localDay } from '../../domain/time.js';
import { builder } from '../builder.js';
import { budgetIdOf } from '../budget/budget.js';
import { money, MoneyRef } from '../money.js';
import { declarePrivateFields, managementOnly, privately, showsPrivate } from '../private-fields.js';
import { reads, refersTo } from '../selection.js';
import { BudgetRef, ContractRef, EventRef, SelectionCriterionRef, SiteVisitRef, VenueCandidateRef, VenueRef } from '../refs.js';

/**
 * Venue selection in the API: management's and the client's (row rules); production reads none of
 * it. The venues' quotes — competing bids — and management's notes are management's alone.
 */

const bids = declarePrivateFields('VenueCandidate', { table: 'venue_candidate', fields: ['quoteCurrency', 'quoteMinor', 'notes'], shows: managementOnly, dependsOnRow: false });
const visitNotes = declarePrivateFields('SiteVisit', { table: 'site_visit', fields: ['notes'], shows: managementOnly, dependsOnRow: false });

export const CandidateStatus = builder.enumType('CandidateStatus', {
  description: 'Where a venue candidate stands.',
  values: {
    CANDIDATE: { description: 'Being considered.' },
    SHORTLISTED: { description: 'On the shortlist.' },
    CHOSEN: { description: 'Chosen — not contracted: a contract follows.' },
    DECLINED: { description: 'Out of the running.' },
    CONTRACTED: { description: 'Its signed contract is named: it is one of the event’s venues.' },
  },
});

SelectionCriterionRef.implement({
  description: 'A criterion the agency weighs venues by.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'What is weighed ("Capacity", "Access for trucks").' }),
    weight: t.exposeInt('weight', { description: 'How much it counts, 1–10.' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

SiteVisitRef.implement({
  description: 'A visit to a candidate venue.',
  fields: (t) => ({
    candidate: t.field({ type: VenueCandidateRef, description: 'The venue visited.', ...refersTo('site_visit', 'candidate_id') }),
    visitedOn: t.field({ type: 'Date', description: 'When.', extensions: reads('site_visit', 'visited_on'), resolve: (v) => v.visited_on }),
    attendees: t.exposeStringList('attendees', { description: 'Who went.' }),
    notes: t.string({ nullable: true, description: 'Management’s notes; null for anyone else.', extensions: reads('site_visit', 'notes', 'event_id'), resolve: privately(visitNotes, (v: SiteVisit) => v.notes) }),
    version: t.exposeInt('version', { description: 'Its version.' }),
  }),
});

type Scored = { criterion: SelectionCriterion; score: number };
const ScoreRef = builder.objectRef<Scored>('CandidateScore').implement({
  description: 'A candidate’s score on one criterion.',
  fields: (t) => ({
    criterion: t.field({ type: SelectionCriterionRef, description: 'The criterion.', resolve: (s) => s.criterion }),
    score: t.int({ description: '1–5.', resolve: (s) => s.score }),
  }),
});

const criteria = operationLoader<string, SelectionCriterion[]>((ctx, eventIds) => Promise.all(eventIds.map((id) => criteriaOf(ctx.db, ctx.viewer, id))));
const visits = operationLoader<string, SiteVisit[]>((ctx, ids) => visitsOf(ctx.db, ids));
const weightedOf = async (ctx: Context, c: VenueCandidate): Promise<Weighted> => weightedScore(c.scores, await criteria(ctx).load(c.event_id));
const today = async (ctx: Context, eventId: string) => localDay(new Date(), (await EventRef.getDataloader(ctx).load(eventId)).timezone);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

async function quoteInBudget(ctx: Context, c: VenueCandidate) {
  if (c.quote_minor == null || !c.quote_currency || !(await showsPrivate(ctx, bids, c))) return null;
  const budgetId = await budgetIdOf(ctx).load(c.event_id);
  const budget = budgetId ? await BudgetRef.getDataloader(ctx).load(budgetId) : null;
  if (!budget) return null;
  try {
    return money(inBudget(budget, BigInt(c.quote_minor), c.quote_currency), budget.currency);
  } catch {
    return null; // no budget rate for its currency yet
  }
}

const CANDIDATE = ['id', 'event_id', 'scores', 'quote_minor', 'quote_currency'] as const;
const HOLD = ['date_hold_expires_on', 'status', 'event_id'] as const;
const holdDays = async (ctx: Context, c: VenueCandidate) =>
  c.date_hold_expires_on && c.status !== 'CONTRACTED' && c.status !== 'DECLINED' ? daysBetween(await today(ctx, c.event_id), c.date_hold_expires_on) : null;

VenueCandidateRef.implement({
  description: 'A venue under consideration: its date hold, the scores it earned, its quote (management’s), site visits.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name.' }),
    address: t.exposeString('address', { nullable: true, description: 'Street address.' }),
    city: t.exposeString('city', { nullable: true, description: 'City.' }),
    country: t.exposeString('country', { nullable: true, description: 'Country.' }),
    capacity: t.exposeInt('capacity', { nullable: true, description: 'How many it seats in its largest room.' }),
    status: t.expose('status', { type: CandidateStatus, description: 'Where it stands.' }),
    dateHoldExpiresOn: t.field({ type: 'Date', nullable: true, description: 'When the venue’s hold on the dates expires.', extensions: reads('venue_candidate', 'date_hold_expires_on'), resolve: (c) => c.date_hold_expires_on }),
    holdExpiresInDays: t.int({ nullable: true, description: 'Days until the hold expires (negative once it has); null without a hold, or once contracted or declined.', extensions: reads('venue_candidate', ...HOLD), resolve: (c, _a, ctx) => holdDays(ctx, c) }),
    holdExpiringSoon: t.boolean({ description: `Whether its hold expires within ${HOLD_WARNING_DAYS} days (or has): decide, extend or lose the dates.`, extensions: reads('venue_candidate', ...HOLD), resolve: async (c, _a, ctx) => { const days = await holdDays(ctx, c); return days !== null && days <= HOLD_WARNING_DAYS; } }),
    quote: t.field({ type: MoneyRef, nullable: true, description: 'The venue’s bid: management’s alone (the client never reads competing bids).', extensions: reads('venue_candidate', 'quote_minor', 'quote_currency', 'event_id'), resolve: privately(bids, (c: VenueCandidate) => money(c.quote_minor, c.quote_currency ?? 'XXX')) }),
    quoteInBudgetCurrency: t.field({ type: MoneyRef, nullable: true, description: 'The bid at the budget rate, to compare candidates in one currency: management’s alone.', extensions: reads('venue_candidate', ...CANDIDATE), resolve: (c, _a, ctx) => quoteInBudget(ctx, c) }),
    scores: t.field({ type: [ScoreRef], description: 'Its score per criterion.', extensions: reads('venue_candidate', ...CANDIDATE), resolve: async (c, _a, ctx) => (await criteria(ctx).load(c.event_id)).filter((k) => k.id in c.scores).map((criterion) => ({ criterion, score: c.scores[criterion.id]! })) }),
    weightedScore: t.string({ nullable: true, description: 'Σ weight × score ÷ Σ weight over the criteria it was scored on, two decimals; null before any score.', extensions: reads('venue_candidate', ...CANDIDATE), resolve: async (c, _a, ctx) => (await weightedOf(ctx, c)).score }),
    scoredCriteria: t.int({ description: 'How many criteria it was scored on.', extensions: reads('venue_candidate', ...CANDIDATE), resolve: async (c, _a, ctx) => (await weightedOf(ctx, c)).scored }),
    siteVisits: t.field({ type: [SiteVisitRef], description: 'Its site visits, by day.', extensions: reads('venue_candidate', 'id'), resolve: (c, _a, ctx) => visits(ctx).load(c.id) }),
    contract: t.field({ type: ContractRef, nullable: true, description: 'Its signed contract, once CONTRACTED (null if you may not read it).', ...refersTo('venue_candidate', 'contract_id') }),
    venue: t.field({ type: VenueRef, nullable: true, description: 'The event’s venue it became, once CONTRACTED.', ...refersTo('venue_candidate', 'venue_id') }),
    notes: t.string({ nullable: true, description: 'Management’s notes; null for anyone else.', extensions: reads('venue_candidate', 'notes', 'event_id'), resolve: privately(bids, (c: VenueCandidate) => c.notes) }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
  }),
});

builder.objectFields(EventRef, (t) => ({
  selectionCriteria: t.field({ type: [SelectionCriterionRef], description: 'What venues are weighed by, heaviest first (management and the client).', extensions: reads('event', 'id'), resolve: (e, _a, ctx) => criteria(ctx).load(e.id) }),
  venueCandidates: t.field({
    type: [VenueCandidateRef],
    description: 'Venues under consideration, best weighted score first (management and the client).',
    args: { shortlistOnly: t.arg.boolean({ required: false, defaultValue: false, description: 'Only SHORTLISTED, CHOSEN and CONTRACTED ones.' }) },
    extensions: reads('event', 'id'),
    resolve: async (e, args, ctx) => {
      const all = await candidatesOf(ctx.db, ctx.viewer, e.id);
      const kept = args.shortlistOnly ? all.filter((c) => c.status === 'SHORTLISTED' || c.status === 'CHOSEN' || c.status === 'CONTRACTED') : all;
      const scored = await Promise.all(kept.map(async (c) => ({ c, name: c.name, weighted: await weightedOf(ctx, c) })));
      return ranked(scored).map((x) => x.c);
    },
  }),
}));
