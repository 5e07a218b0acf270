import type { InputFieldBuilder } from '@pothos/core';
import { createFunctionOrder, deleteFunctionOrder, signOffFunctionOrder, updateFunctionOrder, type FunctionOrderInput } from '../../domain/beo/beo.js';
import * as fields from '../../domain/fields.js';
import { builder, type BuilderTypes } from '../builder.js';
import { requireActor } from '../guards.js';
import { domainInput } from '../inputs.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { ContractRef, EventRef, FunctionOrderRef, MealRef, RoomRef, SessionRef } from '../refs.js';
import { FunctionKind, SetStyle } from './beo.js';

/** Function orders: management writes them (src/auth/field-rules.ts); the client signs off a version. */

const FbLineInput = builder.inputType('FbLineInput', {
  description: 'One F&B line: an item at a unit price, per person (billed for the count) or a fixed quantity.',
  fields: (t) => ({
    item: t.string({ required: true, description: 'What is served.', validate: fields.text(200) }),
    unitPrice: t.string({ required: true, description: 'Price per unit, decimal text in the order’s currency ("65.00").', validate: fields.text(40) }),
    perPerson: t.boolean({ required: false, description: 'Billed per person, for the billed count (default false).' }),
    quantity: t.int({ required: false, description: 'The quantity of a line that is not per person.', validate: fields.capacity.nullish() }),
  }),
});

const count = (what: string) => ({ required: false, description: what, validate: fields.capacity.nullish() }) as const;
const orderFields = <R extends boolean>(required: R) => (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  name: t.string({ required, description: 'The function ("Day 1 lunch").', validate: required ? fields.title : fields.title.optional() }),
  kind: t.field({ type: FunctionKind, required, description: 'What kind of function.' }),
  roomId: t.globalID({ for: RoomRef, required: false, description: 'Where.' }),
  sessionId: t.globalID({ for: SessionRef, required: false, description: 'The session it serves.' }),
  mealId: t.globalID({ for: MealRef, required: false, description: 'The meal whose opt-ins are its expected count.' }),
  contractId: t.globalID({ for: ContractRef, required: false, description: 'The contract that bills it (in the same currency).' }),
  startsAt: t.field({ type: 'DateTime', required, description: 'When it starts.' }),
  endsAt: t.field({ type: 'DateTime', required, description: 'When it ends.' }),
  setupAt: t.field({ type: 'DateTime', required: false, description: 'When the venue sets the room (at or before the start).' }),
  strikeAt: t.field({ type: 'DateTime', required: false, description: 'When the room is struck (at or after the end).' }),
  setStyle: t.field({ type: SetStyle, required: false, description: 'How the room is set.' }),
  setNotes: t.string({ required: false, description: 'The set in words.', validate: fields.longText.nullish() }),
  expectedCount: t.int(count('The expected count, when no meal gives it.')),
  guaranteedCount: t.int(count('The guarantee: after its deadline it can only go up.')),
  guaranteeNoticeHours: t.int({ required: false, description: 'Business hours before the start the guarantee is due (default 72).', validate: fields.capacity.max(2000).nullish() }),
  oversetPercent: t.string({ required: false, description: 'How much the venue sets over the guarantee, decimal text ("3").', validate: fields.text(12).nullish() }),
  actualCount: t.int(count('How many were served, once known.')),
  fbLines: t.field({ type: [FbLineInput], required: false, description: 'Its food and beverage (replaces the lines it had).' }),
  serviceChargePercent: t.string({ required: false, description: 'The service charge, decimal text ("24").', validate: fields.text(12).nullish() }),
  taxPercent: t.string({ required: false, description: 'The tax rate, decimal text ("8.875").', validate: fields.text(12).nullish() }),
  taxOnServiceCharge: t.boolean({ required: false, description: 'Whether the service charge is taxed too (default true).' }),
  avOrder: t.string({ required: false, description: 'The AV the function needs.', validate: fields.longText.nullish() }),
  billingAccount: t.string({ required: false, description: 'The account the venue bills.', validate: fields.optionalText(200).nullish() }),
});

const orderInput = (input: Record<string, unknown>) => domainInput<FunctionOrderInput>(input, ['name', 'kind', 'startsAt', 'endsAt']);

entityMutation('createFunctionOrder', {
  description: 'Writes a function order (management): version 1, waiting for the client’s sign-off. Prices are decimal text in its currency (the contract’s when one bills it).',
  inputFields: (t) => ({
    eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }),
    currency: t.string({ required: false, description: 'ISO 4217 currency of its prices; the billing contract’s when left out.', validate: fields.currency.nullish() }),
    ...orderFields(true)(t),
  }),
  field: 'functionOrder',
  ref: FunctionOrderRef,
  fieldDescription: 'The new function order.',
  run: (ctx, { eventId, currency, ...input }) =>
    createFunctionOrder(ctx.db, requireActor(ctx), eventId.id, { ...(orderInput(input) as FunctionOrderInput), currency }),
});

entityMutation('updateFunctionOrder', {
  description: 'Changes a function order. Fields left out stay. After the guarantee deadline the guarantee can only go up; once the client signed off, a change to what is set or served makes the next version.',
  inputFields: (t) => ({
    id: t.globalID({ for: FunctionOrderRef, required: true, description: 'The function order.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    ...orderFields(false)(t),
  }),
  field: 'functionOrder',
  ref: FunctionOrderRef,
  fieldDescription: 'The function order as it is now.',
  run: (ctx, { id, expectedVersion, ...patch }) => updateFunctionOrder(ctx.db, requireActor(ctx), id.id, expectedVersion, orderInput(patch)),
});

entityMutation('signOffFunctionOrder', {
  description: 'The client signs off the version of a function order they read.',
  inputFields: (t) => ({
    id: t.globalID({ for: FunctionOrderRef, required: true, description: 'The function order.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    beoVersion: t.int({ required: true, description: 'The `beoVersion` you read and sign off.' }),
  }),
  field: 'functionOrder',
  ref: FunctionOrderRef,
  fieldDescription: 'The function order, signed off.',
  run: (ctx, { id, expectedVersion, beoVersion }) => signOffFunctionOrder(ctx.db, requireActor(ctx), id.id, expectedVersion, beoVersion),
});

deleteMutation('FunctionOrder', { description: 'Removes a function order.', field: 'functionOrder', ref: FunctionOrderRef, run: (ctx, id, v) => deleteFunctionOrder(ctx.db, requireActor(ctx), id, v) });
