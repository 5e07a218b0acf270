import { describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { historyText } from './helpers/history.js';
import { createContract, createPayment, signContract, updateContract, updatePayment } from '../src/domain/contracts/contracts.js';
import { allRows, as, gid, having, ok, revisionOf, servedSuite, subscribe, wsClient, type Served } from './helpers/index.js';

/**
 * The T-minus timeline (#19): tasks due days from the event's start (they move when the event
 * moves) or from a contract's dates (contract dates make their own tasks and follow the contract),
 * dependencies, the overdue view per organization, templates, who changes what — and internal tasks
 * read by their own organization only, through queries, `node`, the history and live.
 */

const s = servedSuite();

const eventId = () => gid('Event', s.world.event.id);
const org = (who: 'management' | 'production' | 'client') => gid('Organization', s.world[who].organizationId);
const timelineAs = async (who: keyof Served['as'], variables: { organizationId?: string; includeClosed?: boolean } = {}) =>
  having(ok(await s.as[who](ops.EventTimelineDocument, { eventId: eventId(), includeClosed: true, ...variables })).node, 'timeline');
const byTitle = async (who: keyof Served['as'], title: string) => (await timelineAs(who)).timeline.find((x) => x.title === title);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('due days', () => {
  it('counts back from the event’s first day, and moves every task when the event moves', async () => {
    const brief = (await byTitle('management', 'Production brief sent'))!;
    const design = (await byTitle('management', 'Stage design for approval'))!;
    expect([brief.anchor, brief.offsetDays, brief.dueOn, brief.milestone]).toEqual(['EVENT_START', -60, '2026-12-31', 'PRODUCTION_BRIEF']);
    expect([design.dueOn, design.blocked, design.dependsOn.map((d) => d.title)]).toEqual(['2027-01-15', true, ['Production brief sent']]);
    expect(design.forOrganization?.id).toBe(org('management'));

    const event = await s.t.db.selectFrom('event').select('version').where('id', '=', s.world.event.id).executeTakeFirstOrThrow();
    as(
      ok(
        await s.as.management(ops.UpdateEventDocument, {
          input: { id: eventId(), expectedVersion: event.version, startDate: '2027-03-08', endDate: '2027-03-09' },
        }),
      ).updateEvent,
      'UpdateEventPayload',
    );
    expect((await byTitle('production', 'Production brief sent'))!.dueOn).toBe('2027-01-07');
    expect((await byTitle('client', 'Stage design for approval'))!.dueOn).toBe('2027-01-22');
    const back = await s.t.db.selectFrom('event').select('version').where('id', '=', s.world.event.id).executeTakeFirstOrThrow();
    as(
      ok(
        await s.as.management(ops.UpdateEventDocument, {
          input: { id: eventId(), expectedVersion: back.version, startDate: '2027-03-01', endDate: '2027-03-02' },
        }),
      ).updateEvent,
      'UpdateEventPayload',
    );
  });

  it('makes a contract’s cut-off, date hold and payments tasks of management, which follow the contract', async () => {
    const vendor = await s.t.db.selectFrom('vendor').select('id').where('event_id', '=', s.world.event.id).executeTakeFirstOrThrow();
    const actor = s.world.management.actor;
    const { result: hotel } = await createContract(s.t.db, actor, s.world.event.id, {
      vendorId: vendor.id,
      title: 'Harbour Hotel',
      currency: 'EUR',
      value: '40000.00',
      cutOffDate: '2027-01-31',
      dateHoldExpiresOn: '2026-12-20',
    });
    const { result: deposit } = await createPayment(s.t.db, actor, {
      contractId: hotel.id,
      label: 'Deposit',
      dueOn: '2027-01-15',
      amount: '10000.00',
    });
    const auto = async () => (await timelineAs('management')).timeline.filter((x) => x.automatic && x.title.endsWith('Harbour Hotel'));
    const dues = async () => Object.fromEntries((await auto()).map((x) => [x.anchor, [x.dueOn, x.status]]));
    expect(await dues()).toEqual({
      CONTRACT_CUT_OFF: ['2027-01-24', 'TODO'],
      CONTRACT_DATE_HOLD: ['2026-12-17', 'TODO'],
      PAYMENT_DUE: ['2027-01-15', 'TODO'],
    });
    expect((await auto()).every((x) => x.internal && x.organization.id === org('management'))).toBe(true);

    const moved = await updateContract(s.t.db, actor, hotel.id, hotel.version, { cutOffDate: '2027-02-07' });
    await signContract(s.t.db, actor, hotel.id, moved.result.version, '2026-12-01');
    await updatePayment(s.t.db, actor, deposit.id, deposit.version, { paidOn: '2026-12-01' });
    expect(await dues()).toEqual({
      CONTRACT_CUT_OFF: ['2027-01-31', 'TODO'],
      CONTRACT_DATE_HOLD: ['2026-12-17', 'DONE'],
      PAYMENT_DUE: ['2027-01-15', 'DONE'],
    });
    const signed = await s.t.db.selectFrom('contract').select('version').where('id', '=', hotel.id).executeTakeFirstOrThrow();
    await updateContract(s.t.db, actor, hotel.id, signed.version, { cutOffDate: null });
    expect((await dues()).CONTRACT_CUT_OFF).toEqual([null, 'CANCELLED']);
    // Saving the contract again makes no second task.
    expect((await auto()).length).toBe(3);

    // Management's own: the client and production read none of them.
    for (const who of ['client', 'production'] as const) {
      expect((await timelineAs(who)).timeline.some((x) => x.automatic)).toBe(false);
      expect(ok(await s.as[who](ops.TaskNodeDocument, { id: (await auto())[0]!.id })).node).toBeNull();
    }
  });
});

describe('the overdue view', () => {
  it('shows each organization’s open tasks past their day, to everyone who reads them, until they are done', async () => {
    const late = as(
      ok(
        await s.as.production(ops.CreateTaskDocument, {
          input: {
            eventId: eventId(),
            title: 'Send the rigging plot',
            anchor: 'FIXED',
            fixedOn: daysAgo(3),
            forOrganizationId: org('management'),
          },
        }),
      ).createTask,
      'CreateTaskPayload',
    ).task;
    expect([late.overdue, late.dueOn, late.organization.id]).toEqual([true, daysAgo(3), org('production')]);
    const seen = having(ok(await s.as.management(ops.EventTimelineDocument, { eventId: eventId() })).node, 'overdueTasks');
    expect(seen.overdueTasks.map((x) => x.title)).toContain('Send the rigging plot');
    const counts = seen.taskCounts.find((c) => c.organization.id === org('production'))!;
    expect(counts.overdue).toBeGreaterThanOrEqual(1);
    const productionOnly = (await timelineAs('management', { organizationId: org('production') })).timeline;
    expect(productionOnly.every((x) => x.organization.id === org('production'))).toBe(true);

    // Management oversees production: it may move production's deliverable on.
    as(
      ok(await s.as.management(ops.UpdateTaskDocument, { input: { id: late.id, expectedVersion: late.version, status: 'DONE' } }))
        .updateTask,
      'UpdateTaskPayload',
    );
    const after = having(ok(await s.as.management(ops.EventTimelineDocument, { eventId: eventId() })).node, 'overdueTasks');
    expect(after.overdueTasks.map((x) => x.title)).not.toContain('Send the rigging plot');
    expect(after.taskCounts.find((c) => c.organization.id === org('production'))!.overdue).toBe(counts.overdue - 1);
  });
});

describe('rules', () => {
  it('refuses DONE before what a task waits for, loops, and another organization’s task — changing nothing', async () => {
    const design = (await byTitle('production', 'Stage design for approval'))!;
    const brief = (await byTitle('management', 'Production brief sent'))!;
    const before = await allRows(s.t.db);
    const early = as(
      ok(await s.as.production(ops.UpdateTaskDocument, { input: { id: design.id, expectedVersion: design.version, status: 'DONE' } }))
        .updateTask,
      'ValidationError',
    );
    expect([early.field, early.message]).toEqual(['status', 'status: cannot be DONE before what it waits for: Production brief sent']);
    const loop = as(
      ok(await s.as.management(ops.UpdateTaskDocument, { input: { id: brief.id, expectedVersion: brief.version, dependsOn: [design.id] } }))
        .updateTask,
      'ValidationError',
    );
    expect(loop.field).toBe('dependsOn');
    expect(
      as(
        ok(await s.as.production(ops.UpdateTaskDocument, { input: { id: brief.id, expectedVersion: brief.version, title: 'Mine now' } }))
          .updateTask,
        'ForbiddenError',
      ).message,
    ).toMatch(/owns a task, or management/);
    const foreign = as(
      ok(await s.as.client(ops.CreateTaskDocument, { input: { eventId: eventId(), title: 'Do this', organizationId: org('production') } }))
        .createTask,
      'ValidationError',
    );
    expect(foreign.field).toBe('organizationId');
    expect(await allRows(s.t.db)).toEqual(before);

    as(
      ok(await s.as.management(ops.UpdateTaskDocument, { input: { id: brief.id, expectedVersion: brief.version, status: 'DONE' } }))
        .updateTask,
      'UpdateTaskPayload',
    );
    const done = as(
      ok(await s.as.production(ops.UpdateTaskDocument, { input: { id: design.id, expectedVersion: design.version, status: 'DONE' } }))
        .updateTask,
      'UpdateTaskPayload',
    ).task;
    expect([done.status, done.blocked]).toEqual(['DONE', false]);
  });

  it('applies a template: each item owned by the organization holding its role, with its dependencies — or nothing', async () => {
    const templates = having(
      ok(await s.as.management(ops.TaskTemplatesDocument, { organizationId: org('management') })).node,
      'taskTemplates',
    ).taskTemplates!;
    const roadmap = templates.find((x) => x.name === 'Standard roadmap')!;
    expect(
      having(ok(await s.as.production(ops.TaskTemplatesDocument, { organizationId: org('management') })).node, 'taskTemplates')
        .taskTemplates,
    ).toBeNull();
    const applied = as(
      ok(await s.as.management(ops.ApplyTaskTemplateDocument, { input: { eventId: eventId(), templateId: roadmap.id } })).applyTaskTemplate,
      'ApplyTaskTemplatePayload',
    ).applied.tasks;
    expect(applied.map((x) => [x.title, x.organization.id, x.forOrganization?.id ?? null, x.dueOn, x.dependsOn.map((d) => d.id)])).toEqual([
      ['Site visit', org('management'), null, '2026-11-01', []],
      ['Run-of-show draft', org('production'), org('management'), '2027-02-08', [applied[0]!.id]],
    ]);
    expect(applied[0]!.overdue).toBe(true);
    const refused = as(
      ok(await s.as.production(ops.ApplyTaskTemplateDocument, { input: { eventId: eventId(), templateId: roadmap.id } })).applyTaskTemplate,
      'ForbiddenError',
    );
    expect(refused.message).toMatch(/plan this event/);

    // Production keeps its own standard timeline; an item waits only for earlier ones.
    const saved = as(
      ok(
        await s.as.production(ops.CreateTaskTemplateDocument, {
          input: {
            name: 'Show prep',
            items: [
              { title: 'Stage design', ownerRole: 'PRODUCTION', forRole: 'MANAGEMENT', offsetDays: -40 },
              { title: 'Cue sheets', ownerRole: 'PRODUCTION', anchor: 'EVENT_START', offsetDays: -7, dependsOn: [0] },
            ],
          },
        }),
      ).createTaskTemplate,
      'CreateTaskTemplatePayload',
    ).taskTemplate;
    expect(saved.items.map((i) => [i.title, i.anchor, i.offsetDays, i.dependsOn])).toEqual([
      ['Stage design', 'EVENT_START', -40, []],
      ['Cue sheets', 'EVENT_START', -7, [0]],
    ]);
    const forward = ok(
      await s.as.production(ops.CreateTaskTemplateDocument, {
        input: { name: 'Loop', items: [{ title: 'A', ownerRole: 'PRODUCTION', offsetDays: -1, dependsOn: [0] }] },
      }),
    ).createTaskTemplate;
    expect(as(forward, 'ValidationError').field).toBe('items.0.dependsOn');
  });
});

describe('what a task is about', () => {
  it('names any object of its event as its subject, and refuses another event’s', async () => {
    const session = gid('Session', s.world.sessionIds[0]!);
    const made = as(
      ok(
        await s.as.management(ops.CreateTaskDocument, {
          input: { eventId: eventId(), title: 'Confirm the keynote’s walk-in video', subjectId: session, offsetDays: -14 },
        }),
      ).createTask,
      'CreateTaskPayload',
    ).task;
    expect(made.subject).toEqual({ __typename: 'Session', id: session });
    const stranger = await s.t.db
      .insertInto('event')
      .values({ name: 'Another event', timezone: 'UTC', start_date: '2027-05-01', end_date: '2027-05-02' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const refused = ok(
      await s.as.management(ops.CreateTaskDocument, {
        input: { eventId: eventId(), title: 'Theirs', subjectId: gid('Event', stranger.id) },
      }),
    ).createTask;
    expect(as(refused, 'ValidationError')).toMatchObject({ field: 'subjectId', message: 'subjectId: is not an object of this event' });
  });
});

describe('who reads a task', () => {
  it('an internal task is its organization’s only: in queries, node, the history and live', async () => {
    const from = await revisionOf(s.t.db, s.world.event.id);
    const live = subscribe(wsClient(s.url, s.world.management.token), ops.TaskChangesDocument, { eventId: eventId(), afterRevision: from });
    const own = as(
      ok(
        await s.as.production(ops.CreateTaskDocument, {
          input: { eventId: eventId(), title: 'Quote the LED wall at cost + 30', internal: true },
        }),
      ).createTask,
      'CreateTaskPayload',
    ).task;
    expect((await timelineAs('production')).timeline.map((x) => x.title)).toContain('Quote the LED wall at cost + 30');
    for (const who of ['management', 'client'] as const) {
      expect((await timelineAs(who)).timeline.map((x) => x.title)).not.toContain('Quote the LED wall at cost + 30');
      expect(ok(await s.as[who](ops.TaskNodeDocument, { id: own.id })).node).toBeNull();
      expect(await historyText(s.as[who], eventId(), /^Task/)).not.toMatch(/LED wall/);
    }
    expect(await historyText(s.as.production, eventId(), /^Task/)).toMatch(/LED wall/);
    const step = (await live.nextMessage(0)).eventChanges;
    expect(step).toMatchObject({ kind: 'Task.created', entity: null, after: {} });
    live.stop();
  });
});
