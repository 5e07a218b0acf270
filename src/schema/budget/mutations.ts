import type { InputFieldBuilder } from '@pothos/core';
import { approveBudgetVersion, createBudget, createBudgetVersion, deleteBudgetVersion, updateBudget, updateBudgetVersion } from '../../domain/budget/budget.js';
import { createBudgetLine, createInvoice, deleteBudgetLine, deleteInvoice, updateBudgetLine, updateInvoice, type LineInput } from '../../domain/budget/entries.js';
import * as fields from '../../domain/fields.js';
import { builder, type BuilderTypes } from '../builder.js';
import { requireActor } from '../guards.js';
import { domainInput } from '../inputs.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { BudgetLineRef, BudgetRef, BudgetVersionRef, ContractRef, EventRef, FunctionOrderRef, InvoiceRef } from '../refs.js';
import { BudgetDriver, BudgetLineKind, BudgetLineStatus, BudgetVersionKind, PricingModel } from './budget.js';

/** The budget's mutations: management's, but for the client's approval (src/auth/field-rules.ts). */

const RateInput = builder.inputType('BudgetRateInput', {
  description: 'The budget rate of a foreign currency.',
  fields: (t) => ({
    currency: t.string({ required: true, description: 'The foreign currency (ISO 4217).', validate: fields.currency }),
    rate: t.string({ required: true, description: 'Units of the budget currency for one unit of it, decimal text ("1.0845").', validate: fields.text(30) }),
  }),
});
const settings = (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  pricingModel: t.field({ type: PricingModel, required: false, description: 'What the client is shown (default MARKUP).' }),
  rates: t.field({ type: [RateInput], required: false, description: 'The budget rates (replaces the list).' }),
  unsignedWarningDays: t.int({ required: false, description: 'Warn of contracts unsigned this many days before the event (default 60).', validate: fields.capacity.max(1000).nullish() }),
  notes: t.string({ required: false, description: 'Management’s notes.', validate: fields.longText.nullish() }),
});

entityMutation('createBudget', {
  description: 'Starts the event’s budget (management), in a currency fixed from now on.',
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    currency: t.string({ required: true, description: 'The budget currency (ISO 4217).', validate: fields.currency }),
    ...settings(t),
  }),
  field: 'budget',
  ref: BudgetRef,
  fieldDescription: 'The new budget.',
  run: (ctx, { eventId, ...input }) => createBudget(ctx.db, requireActor(ctx), eventId.id, input),
});
entityMutation('updateBudget', {
  description: 'Changes the budget’s pricing model, rates or warnings. Fields left out stay.',
  inputFields: (t) => ({ id: t.globalID({ for: BudgetRef, required: true, description: 'The budget.' }), expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }), ...settings(t) }),
  field: 'budget',
  ref: BudgetRef,
  fieldDescription: 'The budget as it is now.',
  run: (ctx, { id, expectedVersion, ...patch }) => updateBudget(ctx.db, requireActor(ctx), id.id, expectedVersion, patch),
});

entityMutation('createBudgetVersion', {
  description: 'Adds a version (DRAFT): the original, or a reforecast copied from another version’s lines.',
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    name: t.string({ required: true, description: 'Its name.', validate: fields.title }),
    kind: t.field({ type: BudgetVersionKind, required: true, description: 'Original or reforecast.' }),
    copyFromVersionId: t.globalID({ for: BudgetVersionRef, required: false, description: 'A version whose lines it starts with.' }),
  }),
  field: 'budgetVersion',
  ref: BudgetVersionRef,
  fieldDescription: 'The new version.',
  run: (ctx, { eventId, copyFromVersionId, ...input }) => createBudgetVersion(ctx.db, requireActor(ctx), eventId.id, { ...input, copyFromVersionId: copyFromVersionId?.id }),
});
entityMutation('updateBudgetVersion', {
  description: 'Renames a version, or submits it to the client (SUBMITTED) and takes it back (DRAFT). An approved version is on record.',
  inputFields: (t) => ({
    id: t.globalID({ for: BudgetVersionRef, required: true, description: 'The version.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    name: t.string({ required: false, description: 'Its name.', validate: fields.title.optional() }),
    submitted: t.boolean({ required: false, description: 'True submits it to the client; false takes it back to DRAFT.' }),
  }),
  field: 'budgetVersion',
  ref: BudgetVersionRef,
  fieldDescription: 'The version as it is now.',
  run: (ctx, { id, expectedVersion, name, submitted }) =>
    updateBudgetVersion(ctx.db, requireActor(ctx), id.id, expectedVersion, { name, status: submitted == null ? null : submitted ? 'SUBMITTED' : 'DRAFT' }),
});
entityMutation('approveBudgetVersion', {
  description: 'The client approves a submitted version.',
  inputFields: (t) => ({ id: t.globalID({ for: BudgetVersionRef, required: true, description: 'The version.' }), expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }) }),
  field: 'budgetVersion',
  ref: BudgetVersionRef,
  fieldDescription: 'The version, approved.',
  run: (ctx, { id, expectedVersion }) => approveBudgetVersion(ctx.db, requireActor(ctx), id.id, expectedVersion),
});
deleteMutation('BudgetVersion', { description: 'Removes a version that is not approved, with its lines.', field: 'budgetVersion', ref: BudgetVersionRef, run: (ctx, id, v) => deleteBudgetVersion(ctx.db, requireActor(ctx), id, v) });

const lineFields = <R extends boolean>(required: R) => (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  category: t.string({ required, description: 'Its category.', validate: required ? fields.name : fields.name.optional() }),
  item: t.string({ required, description: 'What it is.', validate: required ? fields.title : fields.title.optional() }),
  kind: t.field({ type: BudgetLineKind, required: false, description: 'FIXED (default) or VARIABLE.' }),
  driver: t.field({ type: BudgetDriver, required: false, description: 'What a VARIABLE line’s quantity follows.' }),
  functionOrderId: t.globalID({ for: FunctionOrderRef, required: false, description: 'The function order a GUARANTEE line follows.' }),
  contractId: t.globalID({ for: ContractRef, required: false, description: 'The contract behind it (same currency); a PICKUP line’s hotel contract.' }),
  unitCost: t.string({ required, description: 'Net cost per unit, decimal text in its currency.', validate: required ? fields.text(40) : fields.text(40).optional() }),
  quantity: t.int({ required: false, description: 'A FIXED line’s quantity.', validate: fields.capacity.nullish() }),
  serviceChargePercent: t.string({ required: false, description: 'Service charge, decimal text.', validate: fields.text(12).nullish() }),
  taxPercent: t.string({ required: false, description: 'Tax, decimal text.', validate: fields.text(12).nullish() }),
  markupPercent: t.string({ required: false, description: 'The agency’s markup, decimal text (0–1000).', validate: fields.text(12).nullish() }),
  status: t.field({ type: BudgetLineStatus, required: false, description: 'ESTIMATED (default), CONTRACTED, INVOICED, PAID.' }),
  isFee: t.boolean({ required: false, description: 'The agency’s fee (never marked up).' }),
  internal: t.boolean({ required: false, description: 'Management’s alone (agency staff cost).' }),
  notes: t.string({ required: false, description: 'Management’s notes.', validate: fields.longText.nullish() }),
});
const lineInput = (input: Record<string, unknown>) => domainInput<LineInput>(input, ['category', 'item', 'unitCost', 'kind']);

entityMutation('createBudgetLine', {
  description: 'Adds a line to a version that is not approved (management). Amounts are decimal text in its currency, which the budget needs a rate for.',
  inputFields: (t) => ({
    versionId: t.globalID({ for: BudgetVersionRef, required: true, description: 'The version.' }),
    currency: t.string({ required: true, description: 'Its currency (ISO 4217).', validate: fields.currency }),
    ...lineFields(true)(t),
  }),
  field: 'budgetLine',
  ref: BudgetLineRef,
  fieldDescription: 'The new line.',
  run: (ctx, { versionId, currency, ...input }) => createBudgetLine(ctx.db, requireActor(ctx), { ...(lineInput(input) as LineInput), versionId: versionId.id, currency }),
});
entityMutation('updateBudgetLine', {
  description: 'Changes a line of a version that is not approved. Fields left out stay.',
  inputFields: (t) => ({ id: t.globalID({ for: BudgetLineRef, required: true, description: 'The line.' }), expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }), ...lineFields(false)(t) }),
  field: 'budgetLine',
  ref: BudgetLineRef,
  fieldDescription: 'The line as it is now.',
  run: (ctx, { id, expectedVersion, ...patch }) => updateBudgetLine(ctx.db, requireActor(ctx), id.id, expectedVersion, lineInput(patch)),
});
deleteMutation('BudgetLine', { description: 'Removes a line of a version that is not approved.', field: 'budgetLine', ref: BudgetLineRef, run: (ctx, id, v) => deleteBudgetLine(ctx.db, requireActor(ctx), id, v) });

const invoiceFields = <R extends boolean>(required: R) => (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  number: t.string({ required, description: 'The vendor’s invoice number.', validate: required ? fields.text(60) : fields.text(60).optional() }),
  issuedOn: t.field({ type: 'Date', required, description: 'When it was issued.' }),
  amount: t.string({ required, description: 'How much: decimal text in the contract’s currency.', validate: required ? fields.text(40) : fields.text(40).optional() }),
  rate: t.string({ required: false, description: 'Its own rate to the budget currency; the budget rate when left out.', validate: fields.text(30).nullish() }),
});
entityMutation('createInvoice', {
  description: 'Records a vendor’s invoice against a contract (management).',
  inputFields: (t) => ({ contractId: t.globalID({ for: ContractRef, required: true, description: 'The contract.' }), ...invoiceFields(true)(t) }),
  field: 'invoice',
  ref: InvoiceRef,
  fieldDescription: 'The new invoice.',
  run: (ctx, { contractId, ...input }) => createInvoice(ctx.db, requireActor(ctx), { ...input, contractId: contractId.id }),
});
entityMutation('updateInvoice', {
  description: 'Changes an invoice. Fields left out stay.',
  inputFields: (t) => ({ id: t.globalID({ for: InvoiceRef, required: true, description: 'The invoice.' }), expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }), ...invoiceFields(false)(t) }),
  field: 'invoice',
  ref: InvoiceRef,
  fieldDescription: 'The invoice as it is now.',
  run: (ctx, { id, expectedVersion, ...patch }) =>
    updateInvoice(ctx.db, requireActor(ctx), id.id, expectedVersion, { number: patch.number ?? undefined, issuedOn: patch.issuedOn ?? undefined, amount: patch.amount ?? undefined, rate: patch.rate }),
});
deleteMutation('Invoice', { description: 'Removes an invoice.', field: 'invoice', ref: InvoiceRef, run: (ctx, id, v) => deleteInvoice(ctx.db, requireActor(ctx), id, v) });
