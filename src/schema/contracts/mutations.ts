import type { InputFieldBuilder } from '@pothos/core';
import {
  cancelContract,
  createContract,
  createPayment,
  createVendor,
  deleteContract,
  deletePayment,
  deleteVendor,
  signContract,
  updateContract,
  updatePayment,
  updateVendor,
  type ContractInput,
} from '../../domain/contracts/contracts.js';
import * as fields from '../../domain/fields.js';
import type { BuilderTypes } from '../builder.js';
import { requireActor } from '../guards.js';
import { domainInput } from '../inputs.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { ContractPaymentRef, ContractRef, EventRef, OrganizationRef, VendorRef } from '../refs.js';
import { AttritionBasis, CancellationTierInput, ContractStatus, VendorKind } from './contracts.js';

/** The contracts area's mutations: management's (src/auth/field-rules.ts). */

const vendorFields = <R extends boolean>(required: R) => (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  name: t.string({ required, description: 'Its name.', validate: required ? fields.name : fields.name.optional() }),
  kind: t.field({ type: VendorKind, required, description: 'What it supplies.' }),
  organizationId: t.globalID({ for: OrganizationRef, required: false, description: 'The vendor as a member organization of the event (the production agency).' }),
  contactName: t.string({ required: false, description: 'Who to deal with.', validate: fields.optionalText(200).nullish() }),
  email: t.string({ required: false, description: 'Their e-mail.', validate: fields.email.nullish() }),
  phone: t.string({ required: false, description: 'Their phone.', validate: fields.phone.nullish() }),
  notes: t.string({ required: false, description: 'Management’s notes.', validate: fields.longText.nullish() }),
});

entityMutation('createVendor', {
  description: 'Adds a vendor (management).',
  inputFields: (t) => ({ eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }), ...vendorFields(true)(t) }),
  field: 'vendor',
  ref: VendorRef,
  fieldDescription: 'The new vendor.',
  run: (ctx, { eventId, organizationId, ...input }) => createVendor(ctx.db, requireActor(ctx), eventId.id, { ...input, organizationId: organizationId?.id }),
});
entityMutation('updateVendor', {
  description: 'Changes a vendor. Fields left out stay as they are.',
  inputFields: (t) => ({ id: t.globalID({ for: VendorRef, required: true, description: 'The vendor.' }), expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }), ...vendorFields(false)(t) }),
  field: 'vendor',
  ref: VendorRef,
  fieldDescription: 'The vendor as it is now.',
  run: (ctx, { id, expectedVersion, organizationId, ...patch }) =>
    updateVendor(ctx.db, requireActor(ctx), id.id, expectedVersion, { ...patch, name: patch.name ?? undefined, kind: patch.kind ?? undefined, organizationId: organizationId === null ? null : organizationId?.id }),
});
deleteMutation('Vendor', { description: 'Removes a vendor without contracts.', field: 'vendor', ref: VendorRef, run: (ctx, id, v) => deleteVendor(ctx.db, requireActor(ctx), id, v) });

const termFields = <R extends boolean>(required: R) => (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  title: t.string({ required, description: 'Its name.', validate: required ? fields.title : fields.title.optional() }),
  scope: t.string({ required: false, description: 'What it covers.', validate: fields.longText.nullish() }),
  value: t.string({ required, description: 'What it is worth, net: decimal text in its currency ("68700.00").', validate: required ? fields.text(40) : fields.text(40).optional() }),
  cancellationScale: t.field({ type: [CancellationTierInput], required: false, description: 'The cancellation scale (replaces the one it had).' }),
  attritionBasis: t.field({ type: AttritionBasis, required: false, description: 'How attrition is counted; with `attritionPercent`.' }),
  attritionPercent: t.int({ required: false, description: 'The share of contracted rooms the event is held to (0–100).', validate: fields.capacity.max(100).nullish() }),
  resoldCredit: t.boolean({ required: false, description: 'Whether resold rooms count as picked up (default true).' }),
  fbMinimum: t.string({ required: false, description: 'The food-and-beverage minimum, decimal text in its currency.', validate: fields.text(40).nullish() }),
  commissionPercent: t.string({ required: false, description: 'The agency’s commission, decimal text ("10").', validate: fields.text(12).nullish() }),
  cutOffDate: t.field({ type: 'Date', required: false, description: 'The cut-off.' }),
  dateHoldExpiresOn: t.field({ type: 'Date', required: false, description: 'When the hold on the dates expires unless signed.' }),
  notes: t.string({ required: false, description: 'Management’s notes.', validate: fields.longText.nullish() }),
});
/** GraphQL's input as the domain takes it: a null the schema lets through for a required value means "unchanged". */
const terms = (input: Record<string, unknown>) => domainInput<Omit<ContractInput, 'vendorId' | 'currency'>>(input, ['title', 'value', 'resoldCredit']);

entityMutation('createContract', {
  description: 'Writes a contract with a vendor (management), as a DRAFT. Amounts are decimal text in its currency, which is fixed from now on.',
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    vendorId: t.globalID({ for: VendorRef, required: true, description: 'The vendor.' }),
    currency: t.string({ required: true, description: 'ISO 4217 currency of every amount of it.', validate: fields.currency }),
    ...termFields(true)(t),
  }),
  field: 'contract',
  ref: ContractRef,
  fieldDescription: 'The new contract.',
  run: (ctx, { eventId, vendorId, currency, title, value, ...input }) =>
    createContract(ctx.db, requireActor(ctx), eventId.id, { ...terms(input), title, value, vendorId: vendorId.id, currency }),
});

entityMutation('updateContract', {
  description: 'Changes a contract’s terms, or moves it between DRAFT and SENT (sign and cancel have their own mutations). A cancelled contract is on record as it was.',
  inputFields: (t) => ({
    id: t.globalID({ for: ContractRef, required: true, description: 'The contract.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    vendorId: t.globalID({ for: VendorRef, required: false, description: 'Another vendor of the event.' }),
    status: t.field({ type: ContractStatus, required: false, description: 'DRAFT or SENT.' }),
    ...termFields(false)(t),
  }),
  field: 'contract',
  ref: ContractRef,
  fieldDescription: 'The contract as it is now.',
  run: (ctx, { id, expectedVersion, vendorId, status, ...input }) =>
    updateContract(ctx.db, requireActor(ctx), id.id, expectedVersion, { ...terms(input), vendorId: vendorId?.id, status }),
});

entityMutation('signContract', {
  description: 'Records that a contract was signed, on a day: from then on its cancellation scale applies.',
  inputFields: (t) => ({
    id: t.globalID({ for: ContractRef, required: true, description: 'The contract.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    signedOn: t.field({ type: 'Date', required: true, description: 'The day it was signed.' }),
  }),
  field: 'contract',
  ref: ContractRef,
  fieldDescription: 'The contract, signed.',
  run: (ctx, { id, expectedVersion, signedOn }) => signContract(ctx.db, requireActor(ctx), id.id, expectedVersion, signedOn),
});

entityMutation('cancelContract', {
  description: 'Cancels a contract on a day: the fee its scale says for that day is fixed on it (nothing for one never signed).',
  inputFields: (t) => ({
    id: t.globalID({ for: ContractRef, required: true, description: 'The contract.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    cancelledOn: t.field({ type: 'Date', required: true, description: 'The day it is cancelled.' }),
  }),
  field: 'contract',
  ref: ContractRef,
  fieldDescription: 'The contract, cancelled.',
  run: (ctx, { id, expectedVersion, cancelledOn }) => cancelContract(ctx.db, requireActor(ctx), id.id, expectedVersion, cancelledOn),
});

deleteMutation('Contract', { description: 'Removes a DRAFT or SENT contract (a signed or cancelled one stays on record).', field: 'contract', ref: ContractRef, run: (ctx, id, v) => deleteContract(ctx.db, requireActor(ctx), id, v) });

const paymentFields = <R extends boolean>(required: R) => (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  label: t.string({ required, description: '“Deposit”, “Second instalment”…', validate: required ? fields.title : fields.title.optional() }),
  dueOn: t.field({ type: 'Date', required, description: 'When it is due.' }),
  amount: t.string({ required, description: 'How much: decimal text in the contract’s currency.', validate: required ? fields.text(40) : fields.text(40).optional() }),
  paidOn: t.field({ type: 'Date', required: false, description: 'When it was paid; null while open.' }),
  rate: t.string({ required: false, description: 'The rate it was paid at, in units of the budget currency per unit of the contract’s ("1.0845"); the budget rate when left out.', validate: fields.text(30).nullish() }),
});

entityMutation('createContractPayment', {
  description: 'Adds a payment to a contract’s schedule.',
  inputFields: (t) => ({ contractId: t.globalID({ for: ContractRef, required: true, description: 'The contract.' }), ...paymentFields(true)(t) }),
  field: 'payment',
  ref: ContractPaymentRef,
  fieldDescription: 'The new payment.',
  run: (ctx, { contractId, ...input }) => createPayment(ctx.db, requireActor(ctx), { ...input, contractId: contractId.id }),
});
entityMutation('updateContractPayment', {
  description: 'Changes a payment, or records it paid (`paidOn`).',
  inputFields: (t) => ({ id: t.globalID({ for: ContractPaymentRef, required: true, description: 'The payment.' }), expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }), ...paymentFields(false)(t) }),
  field: 'payment',
  ref: ContractPaymentRef,
  fieldDescription: 'The payment as it is now.',
  run: (ctx, { id, expectedVersion, ...patch }) =>
    updatePayment(ctx.db, requireActor(ctx), id.id, expectedVersion, { label: patch.label ?? undefined, dueOn: patch.dueOn ?? undefined, amount: patch.amount ?? undefined, paidOn: patch.paidOn, rate: patch.rate }),
});
deleteMutation('ContractPayment', { description: 'Removes a payment from a schedule.', field: 'payment', ref: ContractPaymentRef, run: (ctx, id, v) => deletePayment(ctx.db, requireActor(ctx), id, v) });
