import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { demoToday, seedDemo } from '../src/seed/demo.js';
import { addDays, localDay, zonedInstant } from '../src/domain/time.js';
import { useTestDatabase } from './helpers/db.js';
import * as ops from './gql/graphql.js';
import { as, client, ok, send } from './helpers/graphql.js';
import { run, scratchDir } from './helpers/process.js';
import { tokensFile } from '../src/seed/tokens-file.js';
import { PLANNING } from '../bench/planning.js';
import fs from 'node:fs';

describe('wall-clock times in an event’s zone', () => {
  it('turn into the right instants on both sides of a DST change', () => {
    // Los Angeles springs forward on 2027-03-14: UTC−8 before, UTC−7 after.
    expect(zonedInstant('2027-03-13', '09:00', 'America/Los_Angeles').toISOString()).toBe('2027-03-13T17:00:00.000Z');
    expect(zonedInstant('2027-03-15', '09:00', 'America/Los_Angeles').toISOString()).toBe('2027-03-15T16:00:00.000Z');
    // 02:30 does not exist that night: an hour later.
    expect(zonedInstant('2027-03-14', '02:30', 'America/Los_Angeles').toISOString()).toBe('2027-03-14T10:30:00.000Z');
    // Berlin falls back on 2027-10-31: 02:30 happens twice; the first is taken.
    expect(zonedInstant('2027-10-31', '02:30', 'Europe/Berlin').toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(localDay(zonedInstant('2027-01-26', '23:30', 'America/Los_Angeles'), 'America/Los_Angeles')).toBe('2027-01-26');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
  });
});

describe('the demo, live today', () => {
  it('npm run seed -- --today puts the event on today, so starting its opening session is on time, not months off', async () => {
    const t = await useTestDatabase();
    const dataDir = scratchDir('demo-today-');
    try {
      const seed = run('src/cli/seed.ts', { DATABASE_URL: t.url, DATA_DIR: dataDir }, ['--today']);
      expect(await seed.exited, seed.output()).toBe(0);
      expect(seed.output()).toContain(`starting today, ${demoToday()}`);
      const tokens = JSON.parse(fs.readFileSync(tokensFile(dataDir, t.url), 'utf8')) as { production: string };
      const app = createApp({ db: t.db });
      const call = client(app, tokens.production);
      const event = ok(await call(ops.OpeningOfDayDocument, { day: demoToday() })).events.nodes[0]!;
      expect(event.days).toEqual([demoToday(), addDays(demoToday(), 1), addDays(demoToday(), 2)]);
      const opening = event.sessions.nodes[0]!;
      expect(localDay(new Date(opening.startsAt), 'America/Los_Angeles')).toBe(demoToday());
      expect(new Date(opening.startsAt).toISOString()).toBe(zonedInstant(demoToday(), '09:00', 'America/Los_Angeles').toISOString());
      const started = as(ok(await call(ops.StartSessionTimingDocument, { sessionId: opening.id })).startSession, 'StartSessionPayload');
      expect(Math.abs(started.session.overUnderSeconds!)).toBeLessThan(36 * 3600);
      await app.stop();

      // The README's import commands, as written, on the demo: a clean preview, then the list applied.
      const args = ['--event', 'Northwind Sales Kickoff 2027', '--file', 'docs/examples/attendees.csv'];
      const preview = run('src/cli/import.ts', { DATABASE_URL: t.url, DATA_DIR: dataDir }, args);
      expect(await preview.exited, preview.output()).toBe(0);
      expect(preview.output()).toContain('Northwind Sales Kickoff 2027: 4 lines — 4 new, 0 changed, 0 unchanged; 0 problems');
      const applied = run('src/cli/import.ts', { DATABASE_URL: t.url, DATA_DIR: dataDir }, [...args, '--apply']);
      expect(await applied.exited, applied.output()).toBe(0);
      expect(applied.output()).toMatch(/Applied: revisions \d+–\d+/);
      const tanaka = await t.db
        .selectFrom('attendee')
        .select(['name', 'status'])
        .where('email', '=', 'hiro.tanaka@northwind.example')
        .executeTakeFirstOrThrow();
      expect(tanaka).toEqual({ name: 'Tanaka, Hiro', status: 'PENDING_APPROVAL' });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the demo run-of-show', () => {
  it('runs its general sessions by segment to a hard out, with an emcee on a mic, walk-up music and cue groups, and the awards dinner too', async () => {
    const t = await useTestDatabase();
    const tokens = await seedDemo(t.db);
    const app = createApp({ db: t.db, logLevel: 'error' });
    const event = ok(await client(app, tokens.production)(ops.DemoShowsDocument, {})).events.nodes[0]!;
    expect(event.departmentFields.map((f) => `${f.department}.${f.key}`).sort()).toEqual(['CAMERA.shot', 'LIGHTING.look', 'VIDEO.clip']);
    const general = event.sessions.nodes.filter((s) => s.kind === 'GENERAL_SESSION');
    expect(general).toHaveLength(4);
    for (const session of general) {
      expect(session.hardOutAt).toBe(session.endsAt);
      const segments = session.segments.nodes;
      expect(segments[0]).toMatchObject({ title: 'Walk-in', kind: 'WALK_IN' });
      expect(segments.at(-1)).toMatchObject({ title: 'Walk-out', kind: 'WALK_OUT' });
      // The plan fits the hard out.
      const planned = segments.reduce((sum, s) => sum + s.plannedSeconds, 0);
      expect(planned).toBeLessThanOrEqual((Date.parse(session.hardOutAt!) - Date.parse(session.startsAt)) / 1000);
      const emcee = session.speakers.nodes.find((s) => s.role === 'HOST')!;
      expect(emcee).toMatchObject({ mic: 'HH 1', walkUpMusic: 'Showtime (house band sting)' });
      expect(segments.some((s) => s.presenter?.role === 'HOST')).toBe(true);
      // The walk-in is one GO for four departments: SM, then SND, GFX and LX continuing with it.
      const walkIn = session.cues.nodes.filter((c) => c.segment?.title === 'Walk-in').slice(0, 4);
      expect(walkIn.map((c) => `${c.label.split(' ')[0]} ${c.trigger}`)).toEqual([
        'SM MANUAL',
        'SND AUTO_CONTINUE',
        'GFX AUTO_CONTINUE',
        'LX AUTO_CONTINUE',
      ]);
      expect(session.cues.nodes.some((c) => c.trigger === 'AUTO_FOLLOW')).toBe(true);
      expect(session.cues.nodes.every((c) => c.segment !== null)).toBe(true);
    }
    const dinner = event.sessions.nodes.find((s) => s.title === "President's Club Awards Dinner")!;
    expect(dinner.segments.nodes.filter((s) => s.kind === 'AWARD')).toHaveLength(5);
    expect(dinner.cues.nodes.length).toBeGreaterThan(20);
    await app.stop();
  });
});

describe('the demo people logistics', () => {
  it('has invited attendees with guests, full breakouts with a waitlist, and the travel warnings an event manager would fix', async () => {
    const t = await useTestDatabase();
    const tokens = await seedDemo(t.db);
    const app = createApp({ db: t.db, logLevel: 'error' });
    const { data } = await send<{
      events: {
        nodes: {
          attendees: { totalCount: number };
          invitationLists: { nodes: { name: string; registered: number }[] };
          sessions: { nodes: { seatsTaken: number; waitlistCount: number; seatLimit: number | null }[] };
          travelWarnings: { kind: string; message: string }[];
          housingWarnings: { kind: string; message: string }[];
        }[];
      };
    }>(
      app,
      tokens.management,
      `{ events(first: 1) { nodes {
          attendees(first: 1) { totalCount }
          invitationLists(first: 5) { nodes { name registered } }
          sessions(first: 20, kind: BREAKOUT) { nodes { seatsTaken waitlistCount seatLimit } }
          travelWarnings { kind message }
          housingWarnings { kind message } } } }`,
    );
    const event = data!.events.nodes[0]!;
    expect(event.attendees.totalCount).toBeGreaterThan(200);
    expect(event.invitationLists.nodes.map((l) => l.name)).toEqual(['Executive team', 'Sales — Americas', 'Sales — EMEA & APAC']);
    expect(event.sessions.nodes.some((s) => s.seatLimit !== null && s.seatsTaken === s.seatLimit && s.waitlistCount > 0)).toBe(true);
    const kinds = event.travelWarnings.map((w) => w.kind);
    expect(kinds.filter((k) => k === 'WAVE_OVERFULL')).toHaveLength(1);
    expect(kinds).toContain('SPEAKER_LANDS_LATE');
    expect(kinds).toContain('UNASSIGNED_PASSENGER');
    const housing = event.housingWarnings.map((w) => w.kind);
    expect(housing.filter((k) => k === 'PICKUP_BELOW_ATTRITION')).toHaveLength(3);
    expect(housing.filter((k) => k === 'FLIGHT_WITHOUT_ROOM')).toHaveLength(1);
    expect(housing.filter((k) => k === 'ROOM_DATES_MISMATCH')).toHaveLength(1);
    await app.stop();
  });

  it('plans its meals from the schedule, with entrée choices and needs counted — details for the client lead, counts for production', async () => {
    const t = await useTestDatabase();
    const tokens = await seedDemo(t.db);
    const app = createApp({ db: t.db, logLevel: 'error' });
    type Meals = {
      events: {
        nodes: {
          healthCounts: { withSpecialMeals: number; bySeverity: { severity: string; people: number }[] };
          meals: {
            nodes: {
              name: string;
              service: string;
              counts: { eating: number; noEntree: number; entrees: { entree: string; people: number }[] };
            }[];
          };
          attendees: { nodes: { dietary: string[] | null; allergies: { allergen: string; severity: string }[] | null }[] };
        }[];
      };
    };
    const query = `{ events(first: 1) { nodes {
        healthCounts { withSpecialMeals bySeverity { severity people } }
        meals(first: 20) { nodes { name service counts { eating noEntree entrees { entree people } } } }
        attendees(first: 100) { nodes { dietary allergies { allergen severity } } } } } }`;
    const asClient = (await send<Meals>(app, tokens.client, query)).data!.events.nodes[0]!;
    const asProduction = (await send<Meals>(app, tokens.production, query)).data!.events.nodes[0]!;
    const dinner = asClient.meals.nodes.find((m) => m.service === 'PLATED')!;
    expect(dinner.name).toBe("President's Club Awards Dinner");
    expect(dinner.counts.eating).toBeGreaterThan(150);
    expect(dinner.counts.noEntree).toBeGreaterThan(0);
    expect(dinner.counts.entrees.map((e) => e.entree)).toEqual(['Filet mignon', 'Pan-seared halibut', 'Wild mushroom risotto']);
    expect(asClient.meals.nodes.map((m) => m.service)).toEqual(expect.arrayContaining(['BUFFET', 'BOXED', 'RECEPTION', 'PLATED']));
    expect(asClient.healthCounts.bySeverity).toContainEqual({ severity: 'ANAPHYLACTIC', people: expect.any(Number) });
    // The client's lead owns the health data: she reads who; production reads the same counts and no one's details.
    expect(asClient.attendees.nodes.some((a) => a.allergies?.some((x) => x.severity === 'ANAPHYLACTIC'))).toBe(true);
    expect(asProduction.healthCounts).toEqual(asClient.healthCounts);
    expect(asProduction.attendees.nodes.every((a) => a.dietary === null && a.allergies === null)).toBe(true);
    await app.stop();
  });

  it("runs the general-session room's production day by day: dock, load-in, focus and rehearsals the day before, a tech at dawn, the show", async () => {
    const t = await useTestDatabase();
    const tokens = await seedDemo(t.db);
    const app = createApp({ db: t.db, logLevel: 'error' });
    type Plan = { events: { nodes: { startDate: string; productionWarnings: { kind: string }[] }[] } };
    const { startDate } = (
      await send<Plan>(app, tokens.production, '{ events(first: 1) { nodes { startDate productionWarnings { kind } } } }')
    ).data!.events.nodes[0]!;
    const day = async (d: string) =>
      (
        await send<{ events: { nodes: { productionSchedule: { kind: string }[] }[] } }>(
          app,
          tokens.production,
          `{ events(first: 1) { nodes { productionSchedule(day: "${d}") { kind } } } }`,
        )
      ).data!.events.nodes[0]!.productionSchedule.map((e) => e.kind);
    const eve = new Date(Date.parse(`${startDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(await day(eve)).toEqual(['DOCK', 'DOCK', 'LOAD_IN', 'DOCK', 'FOCUS', 'REHEARSAL']);
    const first = await day(startDate);
    expect(first.slice(0, 2)).toEqual(['TECH', 'DOORS']);
    expect(first).toContain('SHOW');
    // The LED wall needs more panels than the company owns: a subrental covers the dates, so nothing is short.
    type Gear = {
      events: {
        nodes: {
          gearShortages: unknown[];
          gearSubrentals: { nodes: { quantity: number }[] };
          pullSheet: { room: { name: string } | null; weightGrams: number; powerWatts: number; lines: { kits: string[] }[] }[];
        }[];
      };
    };
    const gear = (
      await send<Gear>(
        app,
        tokens.production,
        '{ events(first: 1) { nodes { gearShortages { short } gearSubrentals(first: 5) { nodes { quantity } } pullSheet { room { name } weightGrams powerWatts lines { kits } } } } }',
      )
    ).data!.events.nodes[0]!;
    expect(gear.gearShortages).toEqual([]);
    expect(gear.gearSubrentals.nodes).toEqual([{ quantity: 8 }]);
    const gs = gear.pullSheet.find((r) => r.room?.name === 'Pacific Ballroom')!;
    expect(gs.weightGrams).toBeGreaterThan(800_000);
    expect(gs.powerWatts).toBeGreaterThan(15_000);
    expect(gs.lines.some((l) => l.kits.includes('Lectern package'))).toBe(true);
    // The stage design waits for the client's sign-off.
    type Files = {
      events: { nodes: { assets: { nodes: { kind: string; status: string; approved: boolean; currentVersion: number }[] } }[] };
    };
    const files = (
      await send<Files>(
        app,
        tokens.client,
        '{ events(first: 1) { nodes { assets(first: 10) { nodes { kind status approved currentVersion } } } } }',
      )
    ).data!.events.nodes[0]!.assets.nodes;
    expect(files).toContainEqual({ kind: 'STAGE_DESIGN', status: 'RECEIVED', approved: false, currentVersion: 2 });
    expect(files).toContainEqual({ kind: 'VIDEO', status: 'APPROVED', approved: true, currentVersion: 1 });
    // The opening general session’s needs, mic plot and playback list (README's query); the panel one channel short.
    type Needs = {
      events: {
        nodes: {
          productionWarnings: { kind: string; message: string }[];
          sessions: {
            nodes: {
              requirements: {
                speakers: { micKind: string; laptop: string }[];
                micPlot: { mic: string | null; wireless: boolean }[];
                wirelessChannels: number;
              };
              playbackList: { asset: { name: string; status: string } }[];
            }[];
          };
        }[];
      };
    };
    const needs = (
      await send<Needs>(
        app,
        tokens.client,
        '{ events(first: 1) { nodes { productionWarnings { kind message } sessions(first: 1, kind: GENERAL_SESSION) { nodes { requirements { speakers { micKind laptop } micPlot { mic wireless } wirelessChannels } playbackList { asset { name status } } } } } } }',
      )
    ).data!.events.nodes[0]!;
    const keynote = needs.sessions.nodes[0]!;
    expect(keynote.requirements.speakers.length).toBeGreaterThan(0);
    expect(keynote.requirements.micPlot.every((m) => m.mic !== null && m.wireless)).toBe(true);
    expect(keynote.requirements.wirelessChannels).toBe(keynote.requirements.micPlot.length);
    expect(keynote.playbackList.map((p) => p.asset.name)).toContain('SKO27_open_v4.mov');
    expect(needs.productionWarnings.filter((w) => w.kind === 'RF_CHANNELS_EXCEEDED').map((w) => w.message)).toEqual([
      '"Ask the Product Team" in Marina 2 needs 3 wireless channels at once; the room\'s frequency plan has 2',
    ]);
    // The crew under the venue's union rules: one meal penalty, the A1's late lunch on the first day.
    type Crew = { events: { nodes: { crewWarnings: { kind: string; penaltyMinutes: number; member: { name: string } | null }[] }[] } };
    const crew = (
      await send<Crew>(app, tokens.production, '{ events(first: 1) { nodes { crewWarnings { kind penaltyMinutes member { name } } } } }')
    ).data!.events.nodes[0]!;
    expect(crew.crewWarnings).toEqual([{ kind: 'MEAL_PENALTY', penaltyMinutes: 60, member: { name: 'Sasha Kim' } }]);
    // A change order waits for the client; production's internal reply is not theirs to read.
    type Asks = {
      events: {
        nodes: {
          requests: {
            nodes: { title: string; changeOrderStatus: string; costMinor: number; messages: { nodes: { body: string | null }[] } }[];
          };
        }[];
      };
    };
    const asks = (
      await send<Asks>(
        app,
        tokens.client,
        '{ events(first: 1) { nodes { requests(first: 5) { nodes { title changeOrderStatus costMinor messages(first: 5) { nodes { body } } } } } } }',
      )
    ).data!.events.nodes[0]!.requests.nodes;
    expect(asks).toHaveLength(1);
    expect(asks[0]).toMatchObject({
      title: 'Add a walk-in video loop before the opening',
      changeOrderStatus: 'AWAITING_CLIENT',
      costMinor: 185_000,
    });
    expect(asks[0]!.messages.nodes.map((m) => m.body === null)).toEqual([false, true]);
    await app.stop();
  });
});

describe('the demo money and plan', () => {
  it('has a function order for every function of day one, billed toward the caterer’s F&B minimum, and a budget approved then reforecast over', async () => {
    const t = await useTestDatabase();
    const tokens = await seedDemo(t.db);
    const app = createApp({ db: t.db, logLevel: 'error' });
    type Orders = {
      events: {
        nodes: {
          sessions: { nodes: { title: string; startsAt: string }[] };
          startDate: string;
          functionOrders: {
            nodes: {
              name: string;
              kind: string;
              beoVersion: number;
              signedOff: boolean;
              expectedCount: number | null;
              guaranteeDueAt: string;
              billing: { total: { amount: string } } | null;
              warnings: { kind: string }[];
            }[];
          };
          contracts: { nodes: { title: string; fbShortfall: { amount: string } | null }[] };
        }[];
      };
    };
    const query = `{ events(first: 1) { nodes { startDate sessions(first: 100) { nodes { title startsAt } }
        functionOrders(first: 100) { nodes { name kind beoVersion signedOff expectedCount guaranteeDueAt billing { total { amount } } warnings { kind } } }
        contracts(first: 10) { nodes { title fbShortfall { amount } } } } } }`;
    const asManagement = (await send<Orders>(app, tokens.management, query)).data!.events.nodes[0]!;
    const orders = asManagement.functionOrders.nodes;
    const dayOne = asManagement.sessions.nodes.filter((s) => new Date(s.startsAt) < new Date(`${asManagement.startDate}T23:59:00-08:00`));
    for (const s of dayOne) expect(orders.map((o) => o.name)).toContain(s.title);
    expect(orders.map((o) => o.kind)).toEqual(
      expect.arrayContaining(['REGISTRATION', 'GREEN_ROOM', 'OFFICE', 'STORAGE', 'CREW_MEAL', 'MEAL', 'RECEPTION', 'BREAK', 'BREAKOUT']),
    );
    const byName = (name: string) => orders.find((o) => o.name === name)!;
    expect(byName('Breakfast')).toMatchObject({ signedOff: true, beoVersion: 1 });
    expect(byName('Breakfast').expectedCount).toBeGreaterThan(150);
    expect(byName('Lunch')).toMatchObject({ signedOff: false, beoVersion: 2 });
    expect(byName('Crew meal').warnings.map((w) => w.kind)).toContain('OVER_GUARANTEE');
    expect(orders.every((o) => new Date(o.guaranteeDueAt) < new Date(`${asManagement.startDate}T00:00:00Z`))).toBe(true);
    expect(Number(asManagement.contracts.nodes.find((c) => c.title.startsWith('Catering'))!.fbShortfall!.amount)).toBeGreaterThan(0);
    // Production reads the orders, not what they cost.
    const asProduction = (await send<Orders>(app, tokens.production, query)).data!.events.nodes[0]!;
    expect(asProduction.functionOrders.nodes).toHaveLength(orders.length);
    expect(asProduction.functionOrders.nodes.every((o) => o.billing === null)).toBe(true);

    // The budget: approved, then a reforecast with the venue over; the client reads billed prices only.
    type Money = { amount: string } | null;
    type Budget = {
      events: {
        nodes: {
          budget: {
            versions: { nodes: { name: string; status: string }[] };
            summary: {
              categories: { category: string; variance: Money; forecastBilled: Money }[];
              warnings: { kind: string; message: string }[] | null;
            };
          } | null;
        }[];
      };
    };
    const budgetQuery = `{ events(first: 1) { nodes { budget { versions(first: 10) { nodes { name status } }
        summary { categories { category variance { amount } forecastBilled { amount } } warnings { kind message } } } } } }`;
    const planned = (await send<Budget>(app, tokens.management, budgetQuery)).data!.events.nodes[0]!.budget!;
    expect(planned.versions.nodes.map((v) => v.status)).toEqual(['APPROVED', 'DRAFT']);
    expect(planned.summary.categories.find((c) => c.category === 'Venue')!.variance!.amount).toBe('-8500.00');
    expect(planned.summary.warnings!.map((w) => w.message)).toContain('Venue is projected USD 8,500.00 over its approved USD 85,000.00');
    const billed = (await send<Budget>(app, tokens.client, budgetQuery)).data!.events.nodes[0]!.budget!;
    expect(billed.summary.categories.every((c) => c.variance === null && c.forecastBilled !== null)).toBe(true);
    expect(billed.summary.warnings).toBeNull();
    expect((await send<Budget>(app, tokens.production, budgetQuery)).data!.events.nodes[0]!.budget).toBeNull();
    await app.stop();
  });

  it('has a T-minus timeline with production’s deliverables and some overdue, and the venue selection that led to the Harborview', async () => {
    const t = await useTestDatabase();
    const tokens = await seedDemo(t.db);
    const app = createApp({ db: t.db, logLevel: 'error' });
    type Plan = {
      events: {
        nodes: {
          id: string;
          timeline: {
            title: string;
            milestone: string | null;
            status: string;
            forOrganization: { kind: string } | null;
            organization: { kind: string };
          }[];
          overdueTasks: { title: string }[];
          venueCandidates: {
            name: string;
            status: string;
            weightedScore: string;
            quote: { amount: string } | null;
            siteVisits: { attendees: string[] }[];
            venue: { name: string } | null;
          }[];
          venues: { nodes: { name: string }[] };
        }[];
      };
    };
    const query = `{ events(first: 1) { nodes { id timeline(includeClosed: true) { title milestone status organization { kind } forOrganization { kind } }
        overdueTasks { title } venueCandidates { name status weightedScore quote { amount } siteVisits { attendees } venue { name } } venues(first: 10) { nodes { name } } } } }`;
    const plan = (await send<Plan>(app, tokens.management, query)).data!.events.nodes[0]!;
    expect(plan.timeline.map((x) => x.milestone).filter(Boolean)).toEqual(
      expect.arrayContaining(['SITE_VISIT', 'CONTRACTS_SIGNED', 'AGENDA_FINAL', 'PRODUCTION_BRIEF', 'REHEARSALS', 'SHOW_DAYS', 'WRAP']),
    );
    expect(
      plan.timeline.filter((x) => x.organization.kind === 'PRODUCTION_AGENCY' && x.forOrganization?.kind === 'MANAGEMENT_AGENCY').length,
    ).toBeGreaterThanOrEqual(3);
    expect(plan.overdueTasks.map((x) => x.title)).toContain('Send the rigging plot');
    expect(plan.timeline.map((x) => x.title)).not.toContain('Quote the LED upgrade at cost + 30 %');
    expect(plan.venueCandidates.map((c) => [c.name, c.status, c.weightedScore, c.siteVisits.length, c.venue?.name ?? null])).toEqual([
      ['Harborview Convention Center', 'CONTRACTED', '4.33', 1, 'Harborview Convention Center'],
      ['Bayfront Pavilion', 'DECLINED', '3.60', 1, null],
    ]);
    expect(plan.venues.nodes.map((v) => v.name)).toEqual(['Harborview Convention Center']);
    const asClient = (await send<Plan>(app, tokens.client, query)).data!.events.nodes[0]!;
    expect(asClient.venueCandidates.every((c) => c.quote === null)).toBe(true);
    // The planning dashboard answers for the demo as the README shows it.
    const dashboard = await send(app, tokens.management, PLANNING, { id: plan.id });
    expect(dashboard.errors).toBeUndefined();
    await app.stop();
  });
});
