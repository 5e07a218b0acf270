import type { InputFieldBuilder } from '@pothos/core';
import type { Task } from '../../db/types.js';
import * as fields from '../../domain/fields.js';
import { createTask, deleteTask, updateTask, type TaskInput } from '../../domain/timeline/tasks.js';
import { applyTaskTemplate, createTaskTemplate, deleteTaskTemplate } from '../../domain/timeline/templates.js';
import { builder, type BuilderTypes } from '../builder.js';
import { MemberRole } from '../event/event.js';
import { requireActor } from '../guards.js';
import { deleteMutation, entityMutation } from '../mutation.js';
import { ContractPaymentRef, ContractRef, EventRef, OrganizationRef, TaskRef, TaskTemplateRef, UserRef } from '../refs.js';
import { MilestoneKind, TaskAnchor, TaskStatus } from './tasks.js';

/** The timeline's mutations: each organization its own tasks, management the roadmap (src/auth/field-rules.ts). */

const taskFields = <R extends boolean>(required: R) => (t: InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  title: t.string({ required, description: 'What is to be done.', validate: required ? fields.title : fields.title.optional() }),
  notes: t.string({ required: false, description: 'Details.', validate: fields.longText.nullish() }),
  organizationId: t.globalID({ for: OrganizationRef, required: false, description: 'The owning organization: yours unless management gives it to another member.' }),
  assigneeId: t.globalID({ for: UserRef, required: false, description: 'Who does it: a user of the owning organization.' }),
  forOrganizationId: t.globalID({ for: OrganizationRef, required: false, description: 'Who it is delivered to.' }),
  status: t.field({ type: TaskStatus, required: false, description: 'Where it stands (TODO when new).' }),
  internal: t.boolean({ required: false, description: 'Your organization’s only.' }),
  milestone: t.field({ type: MilestoneKind, required: false, description: 'The milestone it is.' }),
  anchor: t.field({ type: TaskAnchor, required: false, description: 'What its due day counts from (EVENT_START when new).' }),
  offsetDays: t.int({ required: false, description: 'Days from the anchor, negative before it (-1000 to 1000).', validate: fields.offsetDays.nullish() }),
  contractId: t.globalID({ for: ContractRef, required: false, description: 'The contract, for CONTRACT_CUT_OFF and CONTRACT_DATE_HOLD.' }),
  paymentId: t.globalID({ for: ContractPaymentRef, required: false, description: 'The payment, for PAYMENT_DUE.' }),
  fixedOn: t.field({ type: 'Date', required: false, description: 'The day, for FIXED.' }),
  dependsOn: t.globalIDList({ for: TaskRef, required: false, description: 'Tasks of the event it waits for (replaces the list).' }),
  subjectId: t.globalID({ required: false, description: 'What it is about: any object of the event.' }),
});

type Given = Record<string, unknown> & { organizationId?: { id: string } | null; assigneeId?: { id: string } | null; forOrganizationId?: { id: string } | null; contractId?: { id: string } | null; paymentId?: { id: string } | null; dependsOn?: { id: string }[] | null; subjectId?: { id: string; typename: string } | null };

/** GraphQL's input as the domain takes it: global ids unwrapped; a null for a value with a default means "unchanged". */
function taskInput({ organizationId, assigneeId, forOrganizationId, contractId, paymentId, dependsOn, subjectId, ...rest }: Given): Partial<TaskInput> {
  const id = (v: { id: string } | null | undefined) => (v === undefined ? undefined : (v?.id ?? null));
  const plain = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v === null && ['title', 'status', 'internal', 'anchor', 'offsetDays'].includes(k) ? undefined : v]));
  return {
    ...(plain as Partial<TaskInput>),
    organizationId: organizationId?.id,
    assigneeUserId: id(assigneeId),
    forOrganizationId: id(forOrganizationId),
    contractId: id(contractId),
    paymentId: id(paymentId),
    dependsOn: dependsOn === undefined ? undefined : (dependsOn ?? []).map((d) => d.id),
    subjectType: subjectId === undefined ? undefined : (subjectId?.typename ?? null),
    subjectId: id(subjectId),
  };
}

entityMutation('createTask', {
  description: 'Adds a task or milestone to the timeline: your organization’s, or (management) another member’s.',
  inputFields: (t) => ({ eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }), ...taskFields(true)(t) }),
  field: 'task',
  ref: TaskRef,
  fieldDescription: 'The new task.',
  run: (ctx, { eventId, title, ...input }) => createTask(ctx.db, requireActor(ctx), eventId.id, { ...taskInput(input), title }),
});
entityMutation('updateTask', {
  description: 'Changes a task: its owner’s, or management’s unless it is internal. Fields left out stay as they are.',
  inputFields: (t) => ({ id: t.globalID({ for: TaskRef, required: true, description: 'The task.' }), expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }), ...taskFields(false)(t) }),
  field: 'task',
  ref: TaskRef,
  fieldDescription: 'The task as it is now.',
  run: (ctx, { id, expectedVersion, ...input }) => updateTask(ctx.db, requireActor(ctx), id.id, expectedVersion, taskInput(input)),
});
deleteMutation('Task', { description: 'Removes a task nothing waits for (a contract’s own tasks go with its dates).', field: 'task', ref: TaskRef, run: (ctx, id, v) => deleteTask(ctx.db, requireActor(ctx), id, v) });

const TemplateItemInput = builder.inputType('TaskTemplateItemInput', {
  description: 'A task a template makes.',
  fields: (t) => ({
    title: t.string({ required: true, description: 'What is to be done.', validate: fields.title }),
    ownerRole: t.field({ type: MemberRole, required: true, description: 'The role of the organization that will own it.' }),
    forRole: t.field({ type: MemberRole, required: false, description: 'The role it is delivered to.' }),
    milestone: t.field({ type: MilestoneKind, required: false, description: 'The milestone it is.' }),
    anchor: t.field({ type: TaskAnchor, required: false, description: 'EVENT_START (default) or EVENT_END.' }),
    offsetDays: t.int({ required: true, description: 'Days from the anchor, negative before it.', validate: fields.offsetDays }),
    internal: t.boolean({ required: false, description: 'Its owner’s only.' }),
    dependsOn: t.intList({ required: false, description: 'Indexes (from 0) of earlier items it waits for.' }),
  }),
});

entityMutation('createTaskTemplate', {
  description: 'Saves a standard timeline for your organization.',
  inputFields: (t) => ({
    organizationId: t.globalID({ for: OrganizationRef, required: false, description: 'Whose: yours unless an administrator says.' }),
    name: t.string({ required: true, description: 'Its name, unique in the organization.', validate: fields.name }),
    items: t.field({ type: [TemplateItemInput], required: true, description: 'The tasks it makes, in order.' }),
  }),
  field: 'taskTemplate',
  ref: TaskTemplateRef,
  fieldDescription: 'The new template.',
  eventScoped: false,
  run: async (ctx, { organizationId, name, items }) => ({ result: await createTaskTemplate(ctx.db, requireActor(ctx), { organizationId: organizationId?.id, name, items }), revision: null }),
});
entityMutation('deleteTaskTemplate', {
  description: 'Removes one of your organization’s templates (tasks made from it stay).',
  inputFields: (t) => ({ id: t.globalID({ for: TaskTemplateRef, required: true, description: 'The template.' }) }),
  field: 'taskTemplate',
  ref: TaskTemplateRef,
  fieldDescription: 'The template as it was.',
  eventScoped: false,
  run: async (ctx, { id }) => ({ result: await deleteTaskTemplate(ctx.db, requireActor(ctx), id.id), revision: null }),
});

const AppliedRef = builder.objectRef<{ tasks: Task[] }>('AppliedTaskTemplate').implement({
  description: 'The tasks a template made.',
  fields: (t) => ({ tasks: t.field({ type: [TaskRef], description: 'In the template’s order.', resolve: (a) => a.tasks }) }),
});
entityMutation('applyTaskTemplate', {
  description: 'Makes your organization’s template’s tasks on the event (management), owned by the organizations holding each item’s role: all of them, or none.',
  inputFields: (t) => ({ eventId: t.globalID({ for: EventRef, required: true, description: 'The event.' }), templateId: t.globalID({ for: TaskTemplateRef, required: true, description: 'The template.' }) }),
  field: 'applied',
  ref: AppliedRef,
  fieldDescription: 'What it made.',
  run: (ctx, { eventId, templateId }) => applyTaskTemplate(ctx.db, requireActor(ctx), eventId.id, templateId.id),
});
