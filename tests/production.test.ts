import { describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { createLeg } from '../src/domain/travel/travel.js';
import { createSession } from '../src/domain/schedule/schedule.js';
import { createBlock } from '../src/domain/production/blocks.js';
import { createTruck } from '../src/domain/production/dock.js';
import { createRoom } from '../src/domain/venue/venue.js';
import { createItem } from '../src/domain/gear/inventory.js';
import { createBooking } from '../src/domain/gear/bookings.js';
import { createCall } from '../src/domain/crew/crew.js';
import { historyText } from './helpers/history.js';
import { allRows, as, gid, having, ok, servedSuite, type Served } from './helpers/index.js';

/**
 * The production schedule (#18, first part): blocks per room from load-in to load-out that occupy
 * the room like sessions do, a day's schedule in the trade's order, rehearsal slots that move with
 * their rehearsal, management's moves that production acknowledges, and the venue's side — access
 * hours and the dock.
 */

const s = servedSuite();

const eventId = () => gid('Event', s.world.event.id);
const roomId = () => gid('Room', s.world.roomIds[0]!);
const plan = async (day = '2027-03-01', who: keyof Served['as'] = 'production') =>
  having(ok(await s.as[who](ops.ProductionPlanDocument, { eventId: eventId(), day })).node, 'productionSchedule');
const block = async (
  kind: ops.ProductionBlockKind,
  title: string,
  startsAt: string,
  endsAt: string,
  more: Partial<ops.CreateProductionBlockInput> = {},
) =>
  as(
    ok(
      await s.as.production(ops.CreateProductionBlockDocument, {
        input: { eventId: eventId(), roomId: roomId(), kind, title, startsAt, endsAt, ...more },
      }),
    ).createProductionBlock,
    'CreateProductionBlockPayload',
  );
const rehearsalId = async () => (await plan()).productionBlocks.nodes.find((b) => b.title === 'Speaker rehearsals')!;
const slot = (blockId: string, speakerId: string, startsAt: string, endsAt: string) =>
  s.as.management(ops.CreateRehearsalSlotDocument, { input: { blockId, speakerId: gid('Speaker', speakerId), startsAt, endsAt } });
const speakerNamed = async (name: string) =>
  (await s.t.db.selectFrom('speaker').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

describe('the production schedule', () => {
  it("lists a day in the trade's order — dock, load-in, focus, tech, doors, show, strike — and blocks occupy their room like sessions do", async () => {
    // The world's one session runs 09:00–09:45 in Berlin (08:00Z) in Room 1.
    const session = await s.t.db
      .selectFrom('session')
      .select(['id', 'title'])
      .where('id', '=', s.world.sessionIds[0]!)
      .executeTakeFirstOrThrow();
    await block('LOAD_IN', 'Room 1 load-in', '2027-03-01T04:00:00Z', '2027-03-01T06:00:00Z');
    await block('FOCUS', 'Room 1 focus', '2027-03-01T06:00:00Z', '2027-03-01T06:45:00Z');
    const tech = await block('TECH', 'Room 1 tech', '2027-03-01T06:45:00Z', '2027-03-01T07:20:00Z', {
      coversSessionIds: [gid('Session', session.id)],
    });
    expect(tech.productionBlock.coversSessions).toEqual([{ title: session.title }]);
    await block('SHOW', 'Room 1 show', '2027-03-01T08:00:00Z', '2027-03-01T08:45:00Z');
    await block('STRIKE', 'Room 1 strike', '2027-03-01T09:00:00Z', '2027-03-01T10:00:00Z');

    const day = await plan();
    expect(day.productionSchedule.map((e) => [e.kind, e.startsAt, e.title])).toEqual([
      ['LOAD_IN', '2027-03-01T04:00:00.000Z', 'Room 1 load-in'],
      ['FOCUS', '2027-03-01T06:00:00.000Z', 'Room 1 focus'],
      ['TECH', '2027-03-01T06:45:00.000Z', 'Room 1 tech'],
      ['DOORS', '2027-03-01T07:30:00.000Z', `Doors: ${session.title}`],
      ['SHOW', '2027-03-01T08:00:00.000Z', 'Room 1 show'],
      ['STRIKE', '2027-03-01T09:00:00.000Z', 'Room 1 strike'],
    ]);
    // The day before: the truck at the dock, then the speaker rehearsals.
    expect((await plan('2027-02-28')).productionSchedule.map((e) => [e.kind, e.title])).toEqual([
      ['DOCK', 'Truck 1: audio and lighting at Dock A'],
      ['REHEARSAL', 'Speaker rehearsals'],
    ]);
    // A SHOW block runs with its session: no conflict. A strike moved onto the session is one.
    expect(day.conflicts).toEqual([]);
    const strike = day.productionBlocks.nodes.find((b) => b.title === 'Room 1 strike')!;
    as(
      ok(
        await s.as.production(ops.UpdateProductionBlockDocument, {
          input: { id: strike.id, expectedVersion: strike.version, startsAt: '2027-03-01T08:30:00Z' },
        }),
      ).updateProductionBlock,
      'UpdateProductionBlockPayload',
    );
    const conflicts = (await plan()).conflicts;
    expect(conflicts.map((c) => [c.kind, c.message, c.sessions.map((s) => s.title), c.productionBlocks.map((b) => b.title)])).toEqual([
      [
        'ROOM_DOUBLE_BOOKED',
        'Room 1 is booked twice at 2027-03-01 09:30: the SHOW "Room 1 show" and the STRIKE "Room 1 strike" overlap.',
        [],
        ['Room 1 show', 'Room 1 strike'],
      ],
      [
        'ROOM_DOUBLE_BOOKED',
        `Room 1 is booked twice at 2027-03-01 09:30: the STRIKE "Room 1 strike" and "${session.title}" overlap.`,
        [session.title],
        ['Room 1 strike'],
      ],
    ]);
    as(
      ok(
        await s.as.production(ops.UpdateProductionBlockDocument, {
          input: { id: strike.id, expectedVersion: strike.version + 1, startsAt: '2027-03-01T09:00:00Z' },
        }),
      ).updateProductionBlock,
      'UpdateProductionBlockPayload',
    );
  });

  it('refuses blocks that cannot be, naming the field, and writes nothing; only production keeps them', async () => {
    const before = await allRows(s.t.db);
    const refuse = async (input: Partial<ops.CreateProductionBlockInput>) =>
      as(
        ok(
          await s.as.production(ops.CreateProductionBlockDocument, {
            input: {
              eventId: eventId(),
              roomId: roomId(),
              kind: 'LOAD_IN',
              title: 'X',
              startsAt: '2027-03-01T04:00:00Z',
              endsAt: '2027-03-01T05:00:00Z',
              ...input,
            },
          }),
        ).createProductionBlock,
        'ValidationError',
      );
    expect((await refuse({ endsAt: '2027-03-01T03:00:00Z' })).message).toBe('endsAt: must be after startsAt');
    expect((await refuse({ coversSessionIds: [gid('Session', s.world.sessionIds[0]!)] })).message).toBe(
      'coversSessionIds: a LOAD_IN block covers no sessions; a TECH rehearsal does',
    );
    expect((await refuse({ roomId: gid('Room', '00000000-0000-4000-8000-000000000000') })).field).toBe('roomId');
    expect(await allRows(s.t.db)).toEqual(before);
    for (const who of ['management', 'client'] as const) {
      const refused = ok(
        await s.as[who](ops.CreateProductionBlockDocument, {
          input: {
            eventId: eventId(),
            roomId: roomId(),
            kind: 'LOAD_IN',
            title: 'X',
            startsAt: '2027-03-01T04:00:00Z',
            endsAt: '2027-03-01T05:00:00Z',
          },
        }),
      ).createProductionBlock;
      expect(refused.__typename).toBe('ForbiddenError');
    }
  });
});

describe('rehearsals', () => {
  it('runs slots back to back without a conflict; a slot over another, or over a session, is one; a slot stays inside its rehearsal', async () => {
    const rehearsal = await rehearsalId();
    const rita = await speakerNamed('Rita Rehearsal');
    const sam = await speakerNamed('Speaker 0.0.0');
    // Rita rehearses 13:00–13:15Z; Sam right after her: back to back is how rehearsals run.
    as(ok(await slot(rehearsal.id, sam, '2027-02-28T13:15:00Z', '2027-02-28T13:30:00Z')).createRehearsalSlot, 'CreateRehearsalSlotPayload');
    expect((await plan()).conflicts.filter((c) => c.kind === 'REHEARSAL_SLOT_CLASH')).toEqual([]);
    const overlapping = as(
      ok(await slot(rehearsal.id, sam, '2027-02-28T13:10:00Z', '2027-02-28T13:20:00Z')).createRehearsalSlot,
      'CreateRehearsalSlotPayload',
    );
    const clashes = (await plan()).conflicts.filter((c) => c.kind === 'REHEARSAL_SLOT_CLASH').map((c) => c.message);
    expect(clashes).toEqual([
      "Room 1 is booked twice at 2027-02-28 14:10: Rita Rehearsal's rehearsal and Speaker 0.0.0's rehearsal overlap.",
      "Room 1 is booked twice at 2027-02-28 14:15: Speaker 0.0.0's rehearsal and Speaker 0.0.0's rehearsal overlap.",
    ]);
    const before = await allRows(s.t.db);
    expect(
      as(ok(await slot(rehearsal.id, rita, '2027-02-28T14:50:00Z', '2027-02-28T15:10:00Z')).createRehearsalSlot, 'ValidationError').field,
    ).toBe('endsAt');
    expect(
      as(ok(await slot(rehearsal.id, rita, '2027-02-28T12:50:00Z', '2027-02-28T13:10:00Z')).createRehearsalSlot, 'ValidationError').field,
    ).toBe('startsAt');
    const load = (await plan()).productionBlocks.nodes.find((b) => b.kind === 'LOAD_IN')!;
    expect(
      as(ok(await slot(load.id, rita, '2027-03-01T04:00:00Z', '2027-03-01T04:10:00Z')).createRehearsalSlot, 'ValidationError').message,
    ).toBe('blockId: is a LOAD_IN block; slots go in a REHEARSAL block');
    expect(await allRows(s.t.db)).toEqual(before);
    // Moved to a free moment, the slot clashes with nothing.
    ok(
      await s.as.management(ops.UpdateRehearsalSlotDocument, {
        input: {
          id: overlapping.rehearsalSlot.id,
          expectedVersion: overlapping.rehearsalSlot.version,
          startsAt: '2027-02-28T14:00:00Z',
          endsAt: '2027-02-28T14:10:00Z',
        },
      }),
    );
    expect((await plan()).conflicts.filter((c) => c.kind === 'REHEARSAL_SLOT_CLASH')).toEqual([]);
    // A walk-through squeezed into the room while its session runs: the rehearsal and the slot in it both clash with the session.
    const squeezed = await block('REHEARSAL', 'Walk-through', '2027-03-01T08:00:00Z', '2027-03-01T08:30:00Z');
    as(
      ok(await slot(squeezed.productionBlock.id, rita, '2027-03-01T08:10:00Z', '2027-03-01T08:20:00Z')).createRehearsalSlot,
      'CreateRehearsalSlotPayload',
    );
    const occupied = (await plan()).conflicts.filter((c) => c.productionBlocks.some((b) => b.title === 'Walk-through'));
    expect(occupied.map((c) => [c.kind, c.message])).toEqual([
      ['REHEARSAL_SLOT_CLASH', 'Room 1 is booked twice at 2027-03-01 09:10: Rita Rehearsal\'s rehearsal and "Session 1.1" overlap.'],
      ['ROOM_DOUBLE_BOOKED', 'Room 1 is booked twice at 2027-03-01 09:00: the REHEARSAL "Walk-through" and "Session 1.1" overlap.'],
      // The room's SHOW block (the first test's) holds the room then too.
      [
        'ROOM_DOUBLE_BOOKED',
        'Room 1 is booked twice at 2027-03-01 09:00: the SHOW "Room 1 show" and the REHEARSAL "Walk-through" overlap.',
      ],
    ]);
    ok(await s.as.production(ops.DeleteProductionBlockDocument, { input: { id: squeezed.productionBlock.id } }));
  });

  it("checks a speaker's arrival against their rehearsal call", async () => {
    const rita = await speakerNamed('Rita Rehearsal');
    await createLeg(s.t.db, s.world.management.actor, s.world.event.id, {
      speakerId: rita,
      direction: 'ARRIVAL',
      mode: 'FLIGHT',
      carrier: 'LH',
      number: '170',
      from: 'FRA',
      to: 'BER',
      departsAt: new Date('2027-02-28T11:30:00Z'),
      arrivesAt: new Date('2027-02-28T12:30:00Z'),
    });
    const late = (await plan('2027-02-28', 'management')).travelWarnings.filter((w) => w.kind === 'SPEAKER_LANDS_LATE');
    expect(late.map((w) => w.message)).toEqual([
      'Rita Rehearsal lands 2027-02-28 13:30 (LH 170), 30 minutes before their rehearsal call in "Speaker rehearsals" at 2027-02-28 14:00; the event wants 120',
    ]);
  });

  it('moves with its slots when management moves it; production acknowledges, and until it does the move is a warning', async () => {
    const rehearsal = await rehearsalId();
    const slotsBefore = rehearsal.slots.nodes.map((s) => [s.speaker.name, s.startsAt]);
    // Production calls an A2 (with a meal break) and a stage manager to work it.
    const blockUuid = (
      await s.t.db.selectFrom('production_block').select('id').where('title', '=', 'Speaker rehearsals').executeTakeFirstOrThrow()
    ).id;
    for (const [role, startsAt, endsAt, meal] of [
      ['A2', '2027-02-28T12:00:00Z', '2027-02-28T16:00:00Z', '2027-02-28T14:00:00Z'],
      ['STAGE_MANAGER', '2027-02-28T12:30:00Z', '2027-02-28T15:30:00Z', null],
    ] as const)
      await createCall(s.t.db, s.world.production.actor, s.world.event.id, {
        role,
        headcount: 1,
        startsAt: new Date(startsAt),
        endsAt: new Date(endsAt),
        blockId: blockUuid,
        ...(meal ? { mealStartsAt: new Date(meal), mealMinutes: 30 } : {}),
      });
    const calls = async () =>
      having(ok(await s.as.production(ops.BlockCrewCallsDocument, { id: rehearsal.id })).node, 'crewCalls').crewCalls.nodes.map((c) => [
        c.role,
        c.startsAt,
        c.endsAt,
        c.mealStartsAt,
      ]);
    const callsBefore = await calls();
    expect(callsBefore).toEqual([
      ['A2', '2027-02-28T12:00:00.000Z', '2027-02-28T16:00:00.000Z', '2027-02-28T14:00:00.000Z'],
      ['STAGE_MANAGER', '2027-02-28T12:30:00.000Z', '2027-02-28T15:30:00.000Z', null],
    ]);
    const moved = as(
      ok(
        await s.as.management(ops.MoveRehearsalDocument, {
          input: { id: rehearsal.id, expectedVersion: rehearsal.version, startsAt: '2027-02-28T15:00:00Z' },
        }),
      ).moveRehearsal,
      'MoveRehearsalPayload',
    );
    expect(moved.revision).toBeGreaterThan(0);
    expect(moved.productionBlock).toMatchObject({
      startsAt: '2027-02-28T15:00:00.000Z',
      endsAt: '2027-02-28T17:00:00.000Z',
      awaitsAcknowledgement: true,
    });
    const after = await rehearsalId();
    expect(after.slots.nodes.map((s) => [s.speaker.name, s.startsAt])).toEqual(
      slotsBefore.map(([name, at]) => [name, new Date(Date.parse(at as string) + 2 * 3600_000).toISOString()]),
    );
    const warnings = (await plan()).productionWarnings.filter((w) => w.kind === 'REHEARSAL_MOVED');
    expect(warnings.map((w) => w.message)).toEqual([
      'Management moved "Speaker rehearsals" in Room 1 to 2027-02-28 16:00; production has not acknowledged it (its crew calls move when it does)',
    ]);
    // Until production acknowledges, its calls stay where it put them.
    expect(await calls()).toEqual(callsBefore);
    // Production moves blocks with updateProductionBlock, not this; management cannot acknowledge.
    expect(
      ok(
        await s.as.production(ops.MoveRehearsalDocument, {
          input: { id: after.id, expectedVersion: after.version, startsAt: '2027-02-28T16:00:00Z' },
        }),
      ).moveRehearsal.__typename,
    ).toBe('ForbiddenError');
    expect(
      ok(await s.as.management(ops.AcknowledgeProductionBlockDocument, { input: { id: after.id } })).acknowledgeProductionBlock.__typename,
    ).toBe('ForbiddenError');
    const ack = as(
      ok(await s.as.production(ops.AcknowledgeProductionBlockDocument, { input: { id: after.id } })).acknowledgeProductionBlock,
      'AcknowledgeProductionBlockPayload',
    );
    expect(ack.productionBlock.awaitsAcknowledgement).toBe(false);
    expect(ack.revision).not.toBeNull();
    // The acknowledgement moved both calls two hours, meal break and all: a revision each, then the block's.
    const later = (at: string | null) => at && new Date(Date.parse(at) + 2 * 3600_000).toISOString();
    expect(await calls()).toEqual(callsBefore.map(([role, ...times]) => [role, ...times.map(later)]));
    const history = (
      JSON.parse(await historyText(s.as.production, gid('Event', s.world.event.id), /^(CrewCall|ProductionBlock)\.updated$/)) as {
        revision: number;
        kind: string;
      }[][]
    ).flat();
    expect(history.slice(-3).map((c) => `${c.revision} ${c.kind}`)).toEqual([
      `${ack.revision! - 2} CrewCall.updated`,
      `${ack.revision! - 1} CrewCall.updated`,
      `${ack.revision} ProductionBlock.updated`,
    ]);
    // Twice: nothing changes, no revision.
    const again = as(
      ok(await s.as.production(ops.AcknowledgeProductionBlockDocument, { input: { id: after.id } })).acknowledgeProductionBlock,
      'AcknowledgeProductionBlockPayload',
    );
    expect(again.revision).toBeNull();
    expect((await plan()).productionWarnings.filter((w) => w.kind === 'REHEARSAL_MOVED')).toEqual([]);
    // Management moves rehearsals only.
    const load = (await plan()).productionBlocks.nodes.find((b) => b.kind === 'LOAD_IN')!;
    expect(
      as(
        ok(
          await s.as.management(ops.MoveRehearsalDocument, {
            input: { id: load.id, expectedVersion: load.version, startsAt: '2027-03-01T03:00:00Z' },
          }),
        ).moveRehearsal,
        'ValidationError',
      ).message,
    ).toBe("id: a LOAD_IN block is production's to move; management moves rehearsals");
    // A rehearsal cannot shrink under its slots.
    const shrink = ok(
      await s.as.production(ops.UpdateProductionBlockDocument, {
        input: { id: after.id, expectedVersion: ack.productionBlock.version, endsAt: '2027-02-28T15:10:00Z' },
      }),
    );
    expect(as(shrink.updateProductionBlock, 'ValidationError').field).toBe('endsAt');
  });

  it('moves crew calls by the whole distance of several moves at once, and not at all when production moved them by hand', async () => {
    const calls = async (id: string) =>
      having(ok(await s.as.production(ops.BlockCrewCallsDocument, { id })).node, 'crewCalls').crewCalls.nodes.map((c) => c.startsAt);
    const move = async (startsAt: string) => {
      const r = await rehearsalId();
      as(
        ok(await s.as.management(ops.MoveRehearsalDocument, { input: { id: r.id, expectedVersion: r.version, startsAt } })).moveRehearsal,
        'MoveRehearsalPayload',
      );
      return r.id;
    };
    const id = await move('2027-02-28T15:30:00Z');
    const before = await calls(id);
    // Management changes its mind twice: 30 minutes later, then 30 more. Production sees one hour.
    await move('2027-02-28T16:00:00Z');
    const ack = async (moveCrewCalls?: boolean) =>
      as(
        ok(await s.as.production(ops.AcknowledgeProductionBlockDocument, { input: { id, moveCrewCalls } })).acknowledgeProductionBlock,
        'AcknowledgeProductionBlockPayload',
      );
    await ack();
    expect(await calls(id)).toEqual(before.map((at) => new Date(Date.parse(at) + 3600_000).toISOString()));
    // Production already moved its calls by hand: acknowledging without moving them leaves them be.
    await move('2027-02-28T14:00:00Z');
    const moved = await calls(id);
    expect((await ack(false)).productionBlock.awaitsAcknowledgement).toBe(false);
    expect(await calls(id)).toEqual(moved);
  });
});

describe("the venue's access hours and the dock", () => {
  it('warns about a block outside the access hours, a truck without a dock slot, and two trucks on one dock at once', async () => {
    const venueId = gid('Venue', s.world.venue.id);
    expect((await plan()).productionWarnings.filter((w) => w.kind !== 'REHEARSAL_MOVED')).toEqual([]);
    await block('LOAD_OUT', 'Room 1 load-out', '2027-03-02T21:00:00Z', '2027-03-02T23:30:00Z');
    const truck = (input: Partial<ops.CreateTruckInput>) =>
      s.as.production(ops.CreateTruckDocument, { input: { venueId, name: 'Truck 2: video', arrivesAt: '2027-02-28T06:30:00Z', ...input } });
    as(ok(await truck({})).createTruck, 'CreateTruckPayload');
    as(
      ok(
        await truck({ name: 'Truck 3: staging', dock: 'Dock A', dockStartsAt: '2027-02-28T06:30:00Z', dockEndsAt: '2027-02-28T07:30:00Z' }),
      ).createTruck,
      'CreateTruckPayload',
    );
    const before = await allRows(s.t.db);
    expect(as(ok(await truck({ dock: 'Dock B' })).createTruck, 'ValidationError').message).toBe(
      'dockStartsAt: a dock slot is a dock with its start and end: give all three, or none',
    );
    expect(await allRows(s.t.db)).toEqual(before);
    const warnings = (await plan()).productionWarnings.filter((w) => w.kind !== 'REHEARSAL_MOVED');
    expect(warnings.map((w) => [w.kind, w.message])).toEqual([
      [
        'DOCK_DOUBLE_BOOKED',
        '"Truck 1: audio and lighting" and "Truck 3: staging" are both at Dock A from 2027-02-28 07:30 to 2027-02-28 08:00',
      ],
      ['OUTSIDE_ACCESS_HOURS', '"Room 1 load-out" in Room 1 (2027-03-02 22:00 to 2027-03-03 00:30) is outside the venue\'s access hours'],
      ['TRUCK_WITHOUT_DOCK_SLOT', 'Truck "Truck 2: video" arrives 2027-02-28 07:30 and has no dock slot'],
    ]);
    // The venue stays open later that night: the load-out fits.
    as(
      ok(
        await s.as.management(ops.CreateVenueAccessWindowDocument, {
          input: { venueId, startsAt: '2027-03-02T22:00:00Z', endsAt: '2027-03-03T02:00:00Z' },
        }),
      ).createVenueAccessWindow,
      'CreateVenueAccessWindowPayload',
    );
    expect((await plan()).productionWarnings.map((w) => w.kind)).not.toContain('OUTSIDE_ACCESS_HOURS');
  });
});

describe('the production schedule at scale', () => {
  it('costs the same SQL statements for a day of 3 lines and a day of 60, with a pull sheet of 3 rooms and of 31', async () => {
    const day = '2027-03-03';
    const count = async () => {
      s.t.queries.length = 0;
      const data = ok(await s.as.production(ops.ProductionDayDocument, { eventId: eventId(), day }));
      // The token lookup and the due-work runner's looks are not the query's.
      const statements = s.t.queries.filter(
        (q) => !q.includes('"api_token"') && !q.includes("'AUTO_FOLLOW'") && !q.includes('"offered_until"'),
      );
      const node = having(data.node, 'productionSchedule');
      return {
        lines: node.productionSchedule.length,
        rooms: node.pullSheet.length,
        statements: statements.length,
        // What each statement reads, whatever the number of ids it names or the order the resolvers ran in.
        shapes: statements
          .map((q) =>
            q
              .replace(/\(\$\d+(, \$\d+)*\)/g, '(…)')
              .replace(/\$\d+/g, '$')
              .replace(/\s+/g, ' ')
              .slice(0, 120),
          )
          .sort(),
      };
    };
    let made = 0;
    const add = async (n: number) => {
      for (let i = made; i < made + n; i++) {
        const at = new Date(Date.parse(`${day}T06:00:00Z`) + i * 600_000);
        const until = new Date(at.getTime() + 300_000);
        await createBlock(s.t.db, s.world.production.actor, s.world.event.id, {
          roomId: s.world.roomIds[0]!,
          kind: 'LOAD_OUT',
          title: `Load-out part ${i}`,
          startsAt: at,
          endsAt: until,
        });
        await createTruck(s.t.db, s.world.production.actor, {
          venueId: s.world.venue.id,
          name: `Truck out ${i}`,
          arrivesAt: at,
          dock: `Dock ${i}`,
          dockStartsAt: at,
          dockEndsAt: until,
        });
        // A room of its own with gear in it: one more room on the pull sheet.
        const { result: room } = await createRoom(s.t.db, s.world.management.actor, s.world.event.id, {
          venueId: s.world.venue.id,
          name: `Load-out room ${i}`,
          kind: 'BREAKOUT',
        });
        const item = await createItem(s.t.db, s.world.production.actor, { name: `Road case ${i}`, quantity: 4, unitWeightGrams: 20_000 });
        await createBooking(s.t.db, s.world.production.actor, s.world.event.id, {
          itemId: item.id,
          quantity: 2,
          status: 'CONFIRMED',
          roomId: room.id,
          leavesAt: at,
          returnsAt: until,
        });
      }
      made += n;
    };
    await add(2);
    const small = await count();
    await add(28);
    const large = await count();
    // Plus the load-out of an earlier test that runs past midnight into this day.
    expect([small.lines, large.lines]).toEqual([5, 61]);
    expect([small.rooms, large.rooms]).toEqual([3, 31]);
    expect(large.statements).toBe(small.statements);
    expect(large.shapes).toEqual(small.shapes);
  });
});

describe('room specs', () => {
  it('sells a setup net of stage, front-of-house and risers, and warns when hung weight or power draw exceed the room', async () => {
    const room = roomId();
    const made = as(
      ok(
        await s.as.management(ops.CreateRoomSetupDocument, {
          input: { roomId: room, style: 'CABARET', capacity: 80, stageSeats: 12, fohSeats: 6, riserSeats: 4 },
        }),
      ).createRoomSetup,
      'CreateRoomSetupPayload',
    );
    expect(made.roomSetup).toEqual({ style: 'CABARET', netCapacity: 58 });
    const before = await allRows(s.t.db);
    const refused = ok(
      await s.as.management(ops.CreateRoomSetupDocument, { input: { roomId: room, style: 'BANQUET', capacity: 10, stageSeats: 12 } }),
    ).createRoomSetup;
    expect(as(refused, 'ValidationError').message).toBe(
      'capacity: must be at least the 12 seats the stage, front-of-house and risers take',
    );
    expect(await allRows(s.t.db)).toEqual(before);
    expect(
      ok(await s.as.production(ops.CreateRoomSetupDocument, { input: { roomId: room, style: 'BANQUET', capacity: 10 } })).createRoomSetup
        .__typename,
    ).toBe('ForbiddenError');

    // The room's power service, and the world's 8 held LED panels (180 W, 8.5 kg each) hung on its truss.
    const spec = having(ok(await s.as.production(ops.RoomSpecsDocument, { roomId: room })).node, 'riggingPoints');
    const version = (await s.t.db.selectFrom('room').select('version').where('id', '=', s.world.roomIds[0]!).executeTakeFirstOrThrow())
      .version;
    ok(
      await s.as.management(ops.UpdateRoomSpecsDocument, {
        input: { id: room, expectedVersion: version, powerCapacityWatts: 1_000, trimHeightCm: 650 },
      }),
    );
    const booking = await s.t.db
      .selectFrom('gear_booking')
      .select(['id', 'version'])
      .where('event_id', '=', s.world.event.id)
      .where('item_id', '=', s.world.gearItemId)
      .executeTakeFirstOrThrow();
    ok(
      await s.as.production(ops.UpdateGearBookingDocument, {
        input: { id: gid('GearBooking', booking.id), expectedVersion: booking.version, riggingPointId: spec.riggingPoints.nodes[0]!.id },
      }),
    );
    const warnings = (await plan()).productionWarnings.filter((w) => w.kind === 'RIGGING_OVERLOAD' || w.kind === 'POWER_OVER_SERVICE');
    expect(warnings.map((w) => [w.kind, w.message])).toEqual([
      ['POWER_OVER_SERVICE', 'The gear in Room 1 draws 1440 W of its 1000 W service'],
    ]);
    // A lighter point: 68 kg of panels on a 50 kg point.
    const light = spec.riggingPoints.nodes[0]!;
    const pointVersion = (
      await s.t.db
        .selectFrom('rigging_point')
        .select('version')
        .where(
          'id',
          '=',
          (await s.t.db.selectFrom('rigging_point').select('id').where('name', '=', 'Truss 1').executeTakeFirstOrThrow()).id,
        )
        .executeTakeFirstOrThrow()
    ).version;
    await s.t.db
      .updateTable('rigging_point')
      .set({ load_limit_kg: 50, version: pointVersion + 1 })
      .where('name', '=', light.name)
      .execute();
    expect((await plan()).productionWarnings.filter((w) => w.kind === 'RIGGING_OVERLOAD').map((w) => w.message)).toEqual([
      'Rigging point Truss 1 in Room 1 carries 68 kg; its limit is 50 kg',
    ]);
  });
});

describe('assets and approvals', () => {
  const receive = (id: string, n: number, who: keyof Served['as'] = 'management') =>
    s.as[who](ops.ReceiveAssetVersionDocument, {
      input: { id, sizeBytes: 2_000_000 + n, checksum: `sha256:v${n}`, location: `show-server:/deck.v${n}.pptx` },
    });
  const review = (id: string, version: number, decision: ops.AssetReviewDecision, who: keyof Served['as']) =>
    s.as[who](ops.ReviewAssetDocument, {
      input: { id, expectedVersion: version, decision, note: decision === 'CHANGES_REQUESTED' ? 'Logo on slide 3 is the old one' : null },
    });

  it('approves one version: a new version voids the approval; the same file again changes nothing', async () => {
    const deck = gid('Asset', s.world.slidesAssetId);
    const v2 = as(ok(await receive(deck, 2)).receiveAssetVersion, 'ReceiveAssetVersionPayload').asset;
    expect(v2).toMatchObject({ status: 'RECEIVED', currentVersion: 2, approved: false });
    const sentBack = as(ok(await review(deck, v2.version, 'CHANGES_REQUESTED', 'production')).reviewAsset, 'ReviewAssetPayload').asset;
    expect(sentBack).toMatchObject({ status: 'CHANGES_REQUESTED', reviewNote: 'Logo on slide 3 is the old one' });
    const v3 = as(ok(await receive(deck, 3)).receiveAssetVersion, 'ReceiveAssetVersionPayload').asset;
    const approved = as(ok(await review(deck, v3.version, 'APPROVED', 'production')).reviewAsset, 'ReviewAssetPayload').asset;
    expect(approved).toMatchObject({ status: 'APPROVED', approvedVersion: 3, approved: true });
    // The same file again is not a new version.
    expect(as(ok(await receive(deck, 3)).receiveAssetVersion, 'ReceiveAssetVersionPayload').revision).toBeNull();
    // A fourth version voids the approval of the third.
    const v4 = as(ok(await receive(deck, 4)).receiveAssetVersion, 'ReceiveAssetVersionPayload').asset;
    expect(v4).toMatchObject({ status: 'RECEIVED', currentVersion: 4, approvedVersion: 3, approved: false });
  });

  it('lets the client sign off the stage design and production the rest; slides lock before their session; late files are warned about', async () => {
    const design = gid('Asset', s.world.stageDesignAssetId);
    const designRow = await s.t.db
      .selectFrom('asset')
      .select('version')
      .where('id', '=', s.world.stageDesignAssetId)
      .executeTakeFirstOrThrow();
    expect(ok(await review(design, designRow.version, 'APPROVED', 'production')).reviewAsset).toMatchObject({
      __typename: 'ForbiddenError',
      message: 'The client signs off STAGE_DESIGN; your organization is PRODUCTION.',
    });
    expect(as(ok(await review(design, designRow.version, 'APPROVED', 'client')).reviewAsset, 'ReviewAssetPayload').asset).toMatchObject({
      approved: true,
    });
    const deckRow = await s.t.db.selectFrom('asset').select('version').where('id', '=', s.world.slidesAssetId).executeTakeFirstOrThrow();
    expect(ok(await review(gid('Asset', s.world.slidesAssetId), deckRow.version, 'APPROVED', 'client')).reviewAsset.__typename).toBe(
      'ForbiddenError',
    );

    // A session starting in an hour: its slides locked an hour ago (120 minutes before).
    const soon = new Date(Date.now() + 3600_000);
    const { result: session } = await createSession(s.t.db, s.world.management.actor, s.world.event.id, {
      roomId: s.world.roomIds[0]!,
      title: 'Late addition',
      kind: 'BREAKOUT',
      startsAt: soon,
      endsAt: new Date(soon.getTime() + 1800_000),
    });
    const late = as(
      ok(
        await s.as.management(ops.CreateAssetDocument, {
          input: {
            eventId: eventId(),
            sessionId: gid('Session', session.id),
            name: 'Late deck',
            kind: 'SLIDES',
            dueAt: new Date(Date.now() - 60_000).toISOString(),
          },
        }),
      ).createAsset,
      'CreateAssetPayload',
    ).asset;
    expect(late.locksAt).toBe(new Date(soon.getTime() - 120 * 60_000).toISOString());
    const before = await allRows(s.t.db);
    expect(as(ok(await receive(late.id, 1)).receiveAssetVersion, 'ValidationError').message).toMatch(
      /^id: the slides locked at .* \(the event's slideLockMinutes before the session\): the show machine has them$/,
    );
    expect(await allRows(s.t.db)).toEqual(before);
    // Due a minute ago and still missing: a warning.
    expect((await plan()).productionWarnings.filter((w) => w.kind === 'ASSET_OVERDUE').map((w) => w.message)).toEqual([
      expect.stringMatching(/^"Late deck" was due .* and is still missing$/),
    ]);
  });
});
