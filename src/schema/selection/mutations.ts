import type { InputFieldBuilder } from '@pothos/core';
import * as fields from '../../domain/fields.js';
import {
  contractCandidate,
  createCandidate,
  createCriterion,
  createVisit,
  deleteCandidate,
  deleteCriterion,
  deleteVisit,
  updateCandidate,
  updateCriterion,
  type CandidateInput,
} from '../../domain/selection/candidates.js';
import { builder, type BuilderTypes } from '../builder.js';
import { requireActor } from '../guards.js';
import { domainInput } from '../inputs.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { ContractRef, EventRef, SelectionCriterionRef, SiteVisitRef, VenueCandidateRef } from '../refs.js';
import { CandidateStatus } from './selection.js';

/** Venue selection's mutations: management's (src/auth/field-rules.ts). */

const weight = (required: boolean) => (required ? fields.capacity.min(1, 'must be at least 1').max(10, 'must be at most 10') : fields.capacity.min(1, 'must be at least 1').max(10, 'must be at most 10').nullish());

entityMutation('createSelectionCriterion', {
  description: 'Adds a criterion venues are weighed by.',
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    name: t.string({ required: true, description: 'What is weighed.', validate: fields.name }),
    weight: t.int({ required: true, description: 'How much it counts, 1–10.', validate: weight(true) }),
  }),
  field: 'criterion',
  ref: SelectionCriterionRef,
  fieldDescription: 'The new criterion.',
  run: (ctx, { eventId, ...input }) => createCriterion(ctx.db, requireActor(ctx), eventId.id, input),
});
entityMutation('updateSelectionCriterion', {
  description: 'Renames or reweighs a criterion.',
  inputFields: (t) => ({
    id: t.globalID({ for: SelectionCriterionRef, required: true, description: 'The criterion.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    name: t.string({ required: false, description: 'What is weighed.', validate: fields.name.nullish() }),
    weight: t.int({ required: false, description: 'How much it counts, 1–10.', validate: weight(false) }),
  }),
  field: 'criterion',
  ref: SelectionCriterionRef,
  fieldDescription: 'The criterion as it is now.',
  run: (ctx, { id, expectedVersion, name, weight: w }) => updateCriterion(ctx.db, requireActor(ctx), id.id, expectedVersion, { name: name ?? undefined, weight: w ?? undefined }),
});
deleteMutation('SelectionCriterion', { description: 'Removes a criterion and the scores given on it.', field: 'criterion', ref: SelectionCriterionRef, run: (ctx, id, v) => deleteCriterion(ctx.db, requireActor(ctx), id, v) });

const ScoreInput = builder.inputType('CandidateScoreInput', {
  description: 'A score on one criterion.',
  fields: (t) => ({
    criterionId: t.globalID({ for: SelectionCriterionRef, required: true, description: 'The criterion.' }),
    score: t.int({ required: true, description: '1–5.', validate: fields.capacity.min(1, 'must be at least 1').max(5, 'must be at most 5') }),
  }),
});

const candidateFields = <R extends boolean>(required: R) => (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  name: t.string({ required, description: 'Its name.', validate: required ? fields.name : fields.name.optional() }),
  address: t.string({ required: false, description: 'Street address.', validate: fields.optionalText(500).nullish() }),
  city: t.string({ required: false, description: 'City.', validate: fields.optionalText(200).nullish() }),
  country: t.string({ required: false, description: 'Country.', validate: fields.optionalText(200).nullish() }),
  capacity: t.int({ required: false, description: 'How many its largest room seats.', validate: fields.capacity.nullish() }),
  status: t.field({ type: CandidateStatus, required: false, description: 'CANDIDATE, SHORTLISTED, CHOSEN or DECLINED (CONTRACTED comes with its contract).' }),
  dateHoldExpiresOn: t.field({ type: 'Date', required: false, description: 'When the venue’s hold on the dates expires.' }),
  quoteCurrency: t.string({ required: false, description: 'ISO 4217 currency of the quote.', validate: fields.currency.nullish() }),
  quote: t.string({ required: false, description: 'The venue’s bid, decimal text in `quoteCurrency` (management’s alone).', validate: fields.text(40).nullish() }),
  scores: t.field({ type: [ScoreInput], required: false, description: 'Its scores (replaces the ones it had).' }),
  notes: t.string({ required: false, description: 'Management’s notes.', validate: fields.longText.nullish() }),
});
const candidate = ({ scores, ...input }: Record<string, unknown> & { scores?: { criterionId: { id: string }; score: number }[] | null }) => ({
  ...domainInput<Omit<CandidateInput, 'scores'>>(input, ['name', 'status']),
  scores: scores?.map((s) => ({ criterionId: s.criterionId.id, score: s.score })) ?? (scores === null ? [] : undefined),
});

entityMutation('createVenueCandidate', {
  description: 'Adds a venue to consider.',
  inputFields: (t) => ({ eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }), ...candidateFields(true)(t) }),
  field: 'candidate',
  ref: VenueCandidateRef,
  fieldDescription: 'The new candidate.',
  run: (ctx, { eventId, name, ...input }) => createCandidate(ctx.db, requireActor(ctx), eventId.id, { ...candidate(input), name }),
});
entityMutation('updateVenueCandidate', {
  description: 'Changes a candidate: its details, hold, quote, scores, or its place on the shortlist. Fields left out stay as they are.',
  inputFields: (t) => ({ id: t.globalID({ for: VenueCandidateRef, required: true, description: 'The candidate.' }), expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }), ...candidateFields(false)(t) }),
  field: 'candidate',
  ref: VenueCandidateRef,
  fieldDescription: 'The candidate as it is now.',
  run: (ctx, { id, expectedVersion, ...input }) => updateCandidate(ctx.db, requireActor(ctx), id.id, expectedVersion, candidate(input)),
});
entityMutation('contractVenueCandidate', {
  description: 'Names the candidate’s signed contract (with a VENUE vendor): it becomes CONTRACTED and one of the event’s venues. Choosing a candidate is not this.',
  inputFields: (t) => ({
    id: t.globalID({ for: VenueCandidateRef, required: true, description: 'The candidate.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    contractId: t.globalID({ for: ContractRef, required: true, description: 'Its SIGNED contract.' }),
  }),
  field: 'candidate',
  ref: VenueCandidateRef,
  fieldDescription: 'The candidate, with its venue.',
  run: (ctx, { id, expectedVersion, contractId }) => contractCandidate(ctx.db, requireActor(ctx), id.id, expectedVersion, contractId.id),
});
deleteMutation('VenueCandidate', { description: 'Removes a candidate and its site visits (a contracted one stays on record).', field: 'candidate', ref: VenueCandidateRef, run: (ctx, id, v) => deleteCandidate(ctx.db, requireActor(ctx), id, v) });

entityMutation('createSiteVisit', {
  description: 'Records a visit to a candidate venue.',
  inputFields: (t) => ({
    candidateId: t.globalID({ for: VenueCandidateRef, required: true, description: 'The venue visited.' }),
    visitedOn: t.field({ type: 'Date', required: true, description: 'When.' }),
    attendees: t.stringList({ required: false, description: 'Who went.', validate: fields.optionalText(200).array().max(50) as never }),
    notes: t.string({ required: false, description: 'Management’s notes.', validate: fields.longText.nullish() }),
  }),
  field: 'siteVisit',
  ref: SiteVisitRef,
  fieldDescription: 'The visit.',
  run: (ctx, { candidateId, ...input }) => createVisit(ctx.db, requireActor(ctx), { ...input, candidateId: candidateId.id }),
});
deleteMutation('SiteVisit', { description: 'Removes a site visit.', field: 'siteVisit', ref: SiteVisitRef, run: (ctx, id, v) => deleteVisit(ctx.db, requireActor(ctx), id, v) });
