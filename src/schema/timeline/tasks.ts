import { operationLoader } from '../../context.js';
import type { Task, TaskTemplate, TemplateItem } from '../../db/types.js';
import { dueOf, taskCountsOf, timelineOf, type Due, type TaskCount } from '../../domain/timeline/facts.js';
import { templatesOf } from '../../domain/timeline/templates.js';
import * as fields from '../../domain/fields.js';
import { builder } from '../builder.js';
import { MemberRole } from '../event/event.js';
import { reads, refersTo } from '../selection.js';
import { ContractPaymentRef, ContractRef, EventRef, OrganizationRef, TaskRef, TaskTemplateRef, UserRef } from '../refs.js';

/**
 * The timeline in the API: every member reads the event's tasks and milestones except another
 * organization's internal ones (the row rule, src/auth/row-rules.ts), in queries, `node`, the
 * history and live; each organization keeps its own templates.
 */

export const TaskStatus = builder.enumType('TaskStatus', {
  description: 'Where a task stands.',
  values: {
    TODO: { description: 'Not started.' },
    IN_PROGRESS: { description: 'Under way.' },
    DONE: { description: 'Done (only once what it waits for is done or cancelled).' },
    CANCELLED: { description: 'Not needed any more.' },
  },
});
export const TaskAnchor = builder.enumType('TaskAnchor', {
  description: 'What a task’s due day counts from.',
  values: {
    EVENT_START: { description: 'The event’s first day: T-30 is `offsetDays: -30`.' },
    EVENT_END: { description: 'The event’s last day (wrap-up).' },
    CONTRACT_CUT_OFF: { description: 'A contract’s cut-off date.' },
    CONTRACT_DATE_HOLD: { description: 'The day a contract’s date hold expires.' },
    PAYMENT_DUE: { description: 'A payment’s due date.' },
    FIXED: { description: 'A fixed day (`fixedOn`); it does not move with the event.' },
  },
});
export const MilestoneKind = builder.enumType('MilestoneKind', {
  description: 'The milestones of an event’s roadmap.',
  values: {
    SITE_VISIT: { description: 'Site visit.' },
    CONTRACTS_SIGNED: { description: 'Contracts signed.' },
    AGENDA_FINAL: { description: 'Agenda final.' },
    PRODUCTION_BRIEF: { description: 'Production brief.' },
    REHEARSALS: { description: 'Rehearsals.' },
    SHOW_DAYS: { description: 'Show days.' },
    WRAP: { description: 'Wrap.' },
    OTHER: { description: 'Another milestone.' },
  },
});

const due = operationLoader<string, Due>((ctx, ids) => dueOf(ctx.db, ids));
const dependencies = async (ctx: Parameters<typeof due>[0], t: Task) =>
  (await TaskRef.getDataloader(ctx).loadMany(t.depends_on)).filter((d): d is Task => !!d && !(d instanceof Error));

TaskRef.implement({
  description: 'A task or milestone of the T-minus timeline, due a number of days from its anchor: it moves when the anchor moves.',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'What is to be done.' }),
    notes: t.exposeString('notes', { nullable: true, description: 'Details.' }),
    organization: t.field({ type: OrganizationRef, description: 'The organization that owns it.', extensions: reads('task', 'organization_id'), resolve: (x) => x.organization_id }),
    assignee: t.field({ type: UserRef, nullable: true, description: 'Who does it.', extensions: reads('task', 'assignee_user_id'), resolve: (x) => x.assignee_user_id }),
    forOrganization: t.field({ type: OrganizationRef, nullable: true, description: 'Who it is delivered to (production’s deliverables name management).', extensions: reads('task', 'for_organization_id'), resolve: (x) => x.for_organization_id }),
    status: t.expose('status', { type: TaskStatus, description: 'Where it stands.' }),
    internal: t.exposeBoolean('internal', { description: 'Read by its own organization only.' }),
    milestone: t.expose('milestone', { type: MilestoneKind, nullable: true, description: 'The milestone it is, if it is one.' }),
    anchor: t.expose('anchor', { type: TaskAnchor, description: 'What its due day counts from.' }),
    offsetDays: t.exposeInt('offset_days', { description: 'Days from the anchor, negative before it.' }),
    contract: t.field({ type: ContractRef, nullable: true, description: 'The contract whose date it counts from.', ...refersTo('task', 'contract_id') }),
    payment: t.field({ type: ContractPaymentRef, nullable: true, description: 'The payment whose due date it counts from.', ...refersTo('task', 'payment_id') }),
    fixedOn: t.field({ type: 'Date', nullable: true, description: 'Its day, for a FIXED task.', extensions: reads('task', 'fixed_on'), resolve: (x) => x.fixed_on }),
    dueOn: t.field({ type: 'Date', nullable: true, description: 'When it is due, from its anchor today (null while the anchor has no date).', extensions: reads('task', 'id'), resolve: async (x, _a, ctx) => (await due(ctx).load(x.id)).dueOn }),
    overdue: t.boolean({ description: 'Open after its due day (in the event’s time zone).', extensions: reads('task', 'id'), resolve: async (x, _a, ctx) => (await due(ctx).load(x.id)).overdue }),
    dependsOn: t.field({ type: [TaskRef], description: 'What it waits for.', extensions: reads('task', 'depends_on'), resolve: (x, _a, ctx) => dependencies(ctx, x) }),
    blocked: t.boolean({ description: 'Whether something it waits for is still open.', extensions: reads('task', 'depends_on'), resolve: async (x, _a, ctx) => (await dependencies(ctx, x)).some((d) => d.status === 'TODO' || d.status === 'IN_PROGRESS') }),
    subject: t.node({ description: 'What it is about (a session, a contract, an asset…).', extensions: reads('task', 'subject_type', 'subject_id'), id: (x) => (x.subject_id ? { id: x.subject_id, type: x.subject_type! } : null) }),
    automatic: t.exposeBoolean('automatic', { description: 'Made by a contract’s date and kept in step with it.' }),
    completedAt: t.expose('completed_at', { type: 'DateTime', nullable: true, description: 'When it was done.' }),
    version: t.exposeInt('version', { description: 'Pass it as `expectedVersion` when editing.' }),
    event: t.field({ type: EventRef, description: 'The event.', extensions: reads('task', 'event_id'), resolve: (x) => x.event_id }),
  }),
});

const TemplateItemRef = builder.objectRef<TemplateItem>('TaskTemplateItem').implement({
  description: 'A task a template makes.',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'What is to be done.' }),
    ownerRole: t.field({ type: MemberRole, description: 'The role of the organization that will own it.', resolve: (i) => i.ownerRole }),
    forRole: t.field({ type: MemberRole, nullable: true, description: 'The role it is delivered to.', resolve: (i) => i.forRole ?? null }),
    milestone: t.field({ type: MilestoneKind, nullable: true, description: 'The milestone it is.', resolve: (i) => i.milestone ?? null }),
    anchor: t.field({ type: TaskAnchor, description: 'EVENT_START or EVENT_END.', resolve: (i) => i.anchor }),
    offsetDays: t.int({ description: 'Days from the anchor.', resolve: (i) => i.offsetDays }),
    internal: t.boolean({ description: 'Its owner’s only.', resolve: (i) => i.internal ?? false }),
    dependsOn: t.intList({ description: 'Indexes of earlier items it waits for.', resolve: (i) => i.dependsOn ?? [] }),
  }),
});

TaskTemplateRef.implement({
  description: 'An organization’s standard timeline, applied to an event to make its tasks.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name, unique in the organization.' }),
    organization: t.field({ type: OrganizationRef, description: 'Whose it is.', resolve: (x) => x.organization_id }),
    items: t.field({ type: [TemplateItemRef], description: 'The tasks it makes, in order.', resolve: (x) => x.items }),
    version: t.exposeInt('version', { description: 'Its version.' }),
  }),
});

const TaskCountRef = builder.objectRef<TaskCount>('TaskCount').implement({
  description: 'An organization’s tasks on the event, as far as you may read them.',
  fields: (t) => ({
    organization: t.field({ type: OrganizationRef, description: 'The owning organization.', resolve: (c) => c.organizationId }),
    open: t.exposeInt('open', { description: 'TODO or IN_PROGRESS.' }),
    overdue: t.exposeInt('overdue', { description: 'Open after their due day.' }),
    done: t.exposeInt('done', { description: 'DONE.' }),
    total: t.exposeInt('total', { description: 'All of them, cancelled ones too.' }),
  }),
});

const firstOptions = (fallback: number) =>
  ({ required: false, defaultValue: fallback, description: 'At most this many (1–500).', validate: fields.capacity.min(1, 'must be at least 1').max(500, 'must be at most 500') }) as const;

builder.objectFields(EventRef, (t) => ({
  timeline: t.field({
    type: [TaskRef],
    description: 'Its tasks and milestones you may read, by due day: open ones unless `includeClosed`.',
    args: {
      organizationId: t.arg.globalID({ for: OrganizationRef, required: false, description: 'Only this organization’s.' }),
      milestonesOnly: t.arg.boolean({ required: false, defaultValue: false, description: 'Only milestones.' }),
      includeClosed: t.arg.boolean({ required: false, defaultValue: false, description: 'DONE and CANCELLED ones too.' }),
      first: t.arg.int(firstOptions(200)),
    },
    extensions: reads('event', 'id'),
    resolve: (e, args, ctx) =>
      timelineOf(ctx.db, ctx.viewer, e.id, { organizationId: args.organizationId?.id, milestonesOnly: args.milestonesOnly ?? false, includeClosed: args.includeClosed ?? false, first: args.first ?? 200 }),
  }),
  overdueTasks: t.field({
    type: [TaskRef],
    description: 'Open tasks past their due day, most overdue first: all you may read, or one organization’s.',
    args: { organizationId: t.arg.globalID({ for: OrganizationRef, required: false, description: 'Only this organization’s.' }), first: t.arg.int(firstOptions(100)) },
    extensions: reads('event', 'id'),
    resolve: (e, args, ctx) => timelineOf(ctx.db, ctx.viewer, e.id, { organizationId: args.organizationId?.id, overdueOnly: true, first: args.first ?? 100 }),
  }),
  taskCounts: t.field({ type: [TaskCountRef], description: 'Open, overdue and done tasks per organization, of those you may read.', extensions: reads('event', 'id'), resolve: (e, _a, ctx) => taskCountsOf(ctx.db, ctx.viewer, e.id) }),
}));

builder.objectFields(OrganizationRef, (t) => ({
  taskTemplates: t.field({
    type: [TaskTemplateRef],
    nullable: true,
    description: 'Its task templates, by name: null unless it is your organization.',
    extensions: reads('organization', 'id'),
    resolve: async (o, _a, ctx): Promise<TaskTemplate[] | null> =>
      ctx.viewer && (ctx.viewer.isPlatformAdmin || ctx.viewer.organizationId === o.id)
        ? templatesOf(ctx.db, o.id)
        : null,
  }),
}));
