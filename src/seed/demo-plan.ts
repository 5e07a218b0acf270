import type { Database } from '../db/client.js';
import type { Actor } from '../db/write.js';
import { createContract, createVendor, signContract } from '../domain/contracts/contracts.js';
import { publishRelease } from '../domain/releases/releases.js';
import { contractCandidate, createCandidate, createCriterion, createVisit } from '../domain/selection/candidates.js';
import { addDays } from '../domain/time.js';
import { createTask, updateTask } from '../domain/timeline/tasks.js';
import { applyTaskTemplate, createTaskTemplate } from '../domain/timeline/templates.js';

/**
 * The demo's plan: management's standard roadmap applied to the event (milestones, production's
 * deliverables to management), the first of them done, some overdue; and the venue selection that
 * led to the Harborview — two candidates with site visits, scored on the agency's criteria, the
 * Harborview contracted (it is the event's venue), the Bayfront declined.
 */
export async function seedPlan(db: Database, management: Actor, production: Actor, eventId: string, today: string): Promise<void> {
  const template = await createTaskTemplate(db, management, {
    name: 'Standard roadmap',
    items: [
      { title: 'Site visits', ownerRole: 'MANAGEMENT', milestone: 'SITE_VISIT', anchor: 'EVENT_START', offsetDays: -180 },
      {
        title: 'Contracts signed',
        ownerRole: 'MANAGEMENT',
        milestone: 'CONTRACTS_SIGNED',
        anchor: 'EVENT_START',
        offsetDays: -120,
        dependsOn: [0],
      },
      {
        title: 'Production brief sent',
        ownerRole: 'MANAGEMENT',
        forRole: 'PRODUCTION',
        milestone: 'PRODUCTION_BRIEF',
        anchor: 'EVENT_START',
        offsetDays: -60,
        dependsOn: [1],
      },
      {
        title: 'Stage design for approval',
        ownerRole: 'PRODUCTION',
        forRole: 'MANAGEMENT',
        anchor: 'EVENT_START',
        offsetDays: -40,
        dependsOn: [2],
      },
      { title: 'Agenda final', ownerRole: 'MANAGEMENT', milestone: 'AGENDA_FINAL', anchor: 'EVENT_START', offsetDays: -30 },
      {
        title: 'Run-of-show draft',
        ownerRole: 'PRODUCTION',
        forRole: 'MANAGEMENT',
        anchor: 'EVENT_START',
        offsetDays: -21,
        dependsOn: [4],
      },
      { title: 'Speaker slides in', ownerRole: 'MANAGEMENT', forRole: 'PRODUCTION', anchor: 'EVENT_START', offsetDays: -7, dependsOn: [4] },
      { title: 'Rehearsals', ownerRole: 'PRODUCTION', milestone: 'REHEARSALS', anchor: 'EVENT_START', offsetDays: -1, dependsOn: [5, 6] },
      { title: 'Show days', ownerRole: 'PRODUCTION', milestone: 'SHOW_DAYS', anchor: 'EVENT_START', offsetDays: 0, dependsOn: [7] },
      { title: 'Wrap report to the client', ownerRole: 'MANAGEMENT', milestone: 'WRAP', anchor: 'EVENT_END', offsetDays: 14 },
    ],
  });
  const { result } = await applyTaskTemplate(db, management, eventId, template.id);
  const [visits, signed] = result.tasks;
  for (const done of [visits!, signed!]) await updateTask(db, management, done.id, done.version, { status: 'DONE' });
  // Production owes the rigging plot since three days ago: overdue on the dashboard whatever day the demo is seeded.
  await createTask(db, production, eventId, {
    title: 'Send the rigging plot',
    forOrganizationId: management.organizationId,
    anchor: 'FIXED',
    fixedOn: addDays(today, -3),
  });
  await createTask(db, production, eventId, { title: 'Quote the LED upgrade at cost + 30 %', internal: true, offsetDays: -50 });

  const criteria = await Promise.all(
    (
      [
        ['Capacity of the general session', 5],
        ['Breakout rooms', 4],
        ['Hotel within walking distance', 3],
        ['Load-in and rigging', 3],
      ] as const
    ).map(async ([name, weight]) => (await createCriterion(db, management, eventId, { name, weight })).result),
  );
  const scores = (values: number[]) => values.map((score, i) => ({ criterionId: criteria[i]!.id, score }));
  const { result: harborview } = await createCandidate(db, management, eventId, {
    name: 'Harborview Convention Center',
    city: 'San Diego',
    capacity: 2200,
    status: 'CHOSEN',
    quoteCurrency: 'USD',
    quote: '118500.00',
    scores: scores([5, 4, 5, 3]),
    notes: 'Would waive the rigging fee for a three-year deal.',
  });
  const { result: bayfront } = await createCandidate(db, management, eventId, {
    name: 'Bayfront Pavilion',
    city: 'San Diego',
    capacity: 1600,
    status: 'DECLINED',
    quoteCurrency: 'USD',
    quote: '96000.00',
    scores: scores([3, 3, 4, 5]),
    notes: 'Cheaper, but the general session would seat 1,600.',
  });
  await createVisit(db, management, {
    candidateId: harborview.id,
    visitedOn: '2026-06-10',
    attendees: ['Event manager', 'Client event lead', 'Technical director'],
    notes: 'Dock 3 takes two trucks.',
  });
  await createVisit(db, management, {
    candidateId: bayfront.id,
    visitedOn: '2026-06-11',
    attendees: ['Event manager', 'Client event lead'],
    notes: 'Low ceiling in the ballroom: no flown rig.',
  });
  const { result: vendor } = await createVendor(db, management, eventId, { name: 'Harborview Convention Center', kind: 'VENUE' });
  const { result: contract } = await createContract(db, management, eventId, {
    vendorId: vendor.id,
    title: 'Venue hire',
    currency: 'USD',
    value: '118500.00',
  });
  await signContract(db, management, contract.id, contract.version, '2026-07-01');
  await contractCandidate(db, management, harborview.id, harborview.version, contract.id);
  // The agenda as attendees' calendars and the event app have it: release 1, what exports publish.
  await publishRelease(db, management, eventId, 'The agenda as sent to attendees');
}
