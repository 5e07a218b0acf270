import { describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { addEventMember, createEvent } from '../src/domain/event/event.js';
import { allRows, as, gid, having, ok, revisionOf, servedSuite, subscribe, wsClient, type Served } from './helpers/index.js';

/**
 * Gear (#18): the production company's inventory across its events, bookings that hold units from
 * the warehouse until they are back (plus the return buffer), the shortage view computed in SQL and
 * the subrental that fixes it, kits on the pull sheet with weight and power — and who reads what.
 */

const s = servedSuite();

const eventId = () => gid('Event', s.world.event.id);
const led = () => gid('GearItem', s.world.gearItemId);
const gear = async (id = eventId(), who: keyof Served['as'] = 'production') =>
  having(ok(await s.as[who](ops.EventGearDocument, { eventId: id })).node, 'gearBookings');

describe('gear with real availability', () => {
  it('finds an LED wall booked by two events over overlapping periods short, and a subrental for its dates fixes it', async () => {
    // The world's event holds 8 of the 10 panels (and rents 2 more) until 2027-03-03 18:00, back on the shelf a day later.
    expect((await gear()).gearShortages).toEqual([]);
    const { result: second } = await createEvent(s.t.db, s.world.management.actor, {
      name: 'Second Summit',
      timezone: 'Europe/Berlin',
      startDate: '2027-03-03',
      endDate: '2027-03-05',
    });
    await addEventMember(s.t.db, s.world.management.actor, second.id, s.world.production.organizationId, 'PRODUCTION');
    const secondId = gid('Event', second.id);
    const book = (input: Partial<ops.CreateGearBookingInput>) =>
      s.as.production(ops.CreateGearBookingDocument, {
        input: {
          eventId: secondId,
          itemId: led(),
          quantity: 6,
          leavesAt: '2027-03-02T08:00:00Z',
          returnsAt: '2027-03-06T18:00:00Z',
          ...input,
        },
      });
    // A quote holds nothing.
    const quoted = as(ok(await book({})).createGearBooking, 'CreateGearBookingPayload').gearBooking;
    expect((await gear(secondId)).gearShortages).toEqual([]);
    ok(await s.as.production(ops.UpdateGearBookingDocument, { input: { id: quoted.id, expectedVersion: quoted.version, status: 'HELD' } }));
    const short = (await gear(secondId)).gearShortages;
    expect(short).toEqual([
      {
        itemName: 'LED wall panel',
        from: '2027-03-02T08:00:00.000Z',
        until: '2027-03-04T18:00:00.000Z',
        needed: 14,
        available: 12,
        short: 2,
        events: expect.arrayContaining([{ name: 'Test Summit' }, { name: 'Second Summit' }]),
      },
    ]);
    // The first event sees the same shortage: its panels are part of it.
    expect((await gear()).gearShortages.map((s) => s.short)).toEqual([2]);
    // Two panels rented in for the second event's dates fix it.
    as(
      ok(
        await s.as.production(ops.CreateGearSubrentalDocument, {
          input: {
            eventId: secondId,
            itemId: led(),
            quantity: 2,
            vendor: 'Pixel Walls Inc.',
            startsAt: '2027-03-02T08:00:00Z',
            endsAt: '2027-03-07T18:00:00Z',
            costMinor: 90_000,
          },
        }),
      ).createGearSubrental,
      'CreateGearSubrentalPayload',
    );
    expect((await gear(secondId)).gearShortages).toEqual([]);
    // A panel sent for repair is out of service: short again, by one.
    ok(
      await s.as.production(ops.CreateGearOutageDocument, {
        input: { itemId: led(), quantity: 1, startsAt: '2027-03-01T00:00:00Z', endsAt: '2027-03-10T00:00:00Z', reason: 'Dead pixels' },
      }),
    );
    expect((await gear(secondId)).gearShortages.map((s) => [s.from, s.until, s.short])).toEqual([
      ['2027-03-02T08:00:00.000Z', '2027-03-04T18:00:00.000Z', 1],
    ]);
    // The company sees its shortages across its events; nobody else reads its inventory.
    const inventory = having(
      ok(await s.as.production(ops.InventoryDocument, { organizationId: gid('Organization', s.world.production.organizationId) })).node,
      'gearItems',
    );
    expect(inventory.gearShortages).toEqual([{ itemName: 'LED wall panel', short: 1 }]);
    const other = ok(
      await s.as.management(ops.InventoryDocument, { organizationId: gid('Organization', s.world.production.organizationId) }),
    ).node;
    expect(other).toMatchObject({ gearItems: null, gearShortages: null });
  });

  it('expands kits into a pull sheet per room with weight and power draw; quotes are not pulled', async () => {
    const kit = as(
      ok(
        await s.as.production(ops.CreateGearKitDocument, {
          input: {
            name: 'Lectern package plus',
            items: [
              {
                itemId: gid(
                  'GearItem',
                  (await s.t.db.selectFrom('gear_item').select('id').where('name', '=', 'Lectern').executeTakeFirstOrThrow()).id,
                ),
                quantity: 1,
              },
              { itemId: led(), quantity: 1 },
            ],
          },
        }),
      ).createGearKit,
      'CreateGearKitPayload',
    ).gearKit;
    as(
      ok(
        await s.as.production(ops.CreateGearBookingDocument, {
          input: {
            eventId: eventId(),
            kitId: kit.id,
            quantity: 2,
            status: 'CONFIRMED',
            leavesAt: '2027-02-27T08:00:00Z',
            returnsAt: '2027-03-03T18:00:00Z',
            roomId: gid('Room', s.world.roomIds[0]!),
          },
        }),
      ).createGearBooking,
      'CreateGearBookingPayload',
    );
    const sheet = (await gear()).pullSheet;
    expect(sheet).toEqual([
      {
        room: { name: 'Room 1' },
        // 2 lecterns at 30 kg; 8 + 2 panels at 8.5 kg and 180 W.
        weightGrams: 2 * 30_000 + 10 * 8_500,
        powerWatts: 10 * 180,
        lines: [
          { name: 'Lectern', quantity: 2, weightGrams: 60_000, powerWatts: 0, kits: ['Lectern package plus'] },
          { name: 'LED wall panel', quantity: 10, weightGrams: 85_000, powerWatts: 1_800, kits: ['Lectern package plus'] },
        ],
      },
    ]);
  });

  it('refuses what cannot be booked, naming the field, and writes nothing', async () => {
    const { result: strangerOrg } = {
      result: await s.t.db
        .insertInto('organization')
        .values({ name: 'Other crew', kind: 'PRODUCTION_AGENCY' })
        .returning('id')
        .executeTakeFirstOrThrow(),
    };
    const foreign = await s.t.db
      .insertInto('gear_item')
      .values({ organization_id: strangerOrg.id, name: 'Their truss', quantity: 5 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = await allRows(s.t.db);
    const book = (input: Partial<ops.CreateGearBookingInput>) =>
      s.as.production(ops.CreateGearBookingDocument, {
        input: { eventId: eventId(), quantity: 1, leavesAt: '2027-03-01T08:00:00Z', returnsAt: '2027-03-02T08:00:00Z', ...input },
      });
    expect(as(ok(await book({})).createGearBooking, 'ValidationError').message).toBe(
      'itemId: a booking is of an item or of a kit: give one of itemId and kitId',
    );
    expect(as(ok(await book({ itemId: gid('GearItem', foreign.id) })).createGearBooking, 'ValidationError').message).toBe(
      "itemId: is not in the inventory of this event's production company",
    );
    expect(as(ok(await book({ itemId: led(), returnsAt: '2027-03-01T07:00:00Z' })).createGearBooking, 'ValidationError').field).toBe(
      'returnsAt',
    );
    expect(await allRows(s.t.db)).toEqual(before);
    for (const who of ['management', 'client'] as const)
      expect(
        ok(
          await s.as[who](ops.CreateGearBookingDocument, {
            input: { eventId: eventId(), itemId: led(), quantity: 1, leavesAt: '2027-03-01T08:00:00Z', returnsAt: '2027-03-02T08:00:00Z' },
          }),
        ).createGearBooking.__typename,
      ).toBe('ForbiddenError');
    expect(ok(await s.as.management(ops.CreateGearItemDocument, { input: { name: 'Truss', quantity: 4 } })).createGearItem.__typename).toBe(
      'ForbiddenError',
    );
  });
});

describe('who reads what of the gear', () => {
  it('shows the client the line items but not where gear is sourced or what it costs; management the vendor; production all — in queries, node, history and live', async () => {
    const from = await revisionOf(s.t.db, s.world.event.id);
    const live = {
      client: subscribe(wsClient(s.url, s.world.client.token), ops.GearChangesDocument, { eventId: eventId(), afterRevision: from }),
      management: subscribe(wsClient(s.url, s.world.management.token), ops.GearChangesDocument, {
        eventId: eventId(),
        afterRevision: from,
      }),
    };
    as(
      ok(
        await s.as.production(ops.CreateGearSubrentalDocument, {
          input: {
            eventId: eventId(),
            itemId: led(),
            quantity: 1,
            vendor: 'Backline Brothers',
            startsAt: '2027-02-27T08:00:00Z',
            endsAt: '2027-03-03T08:00:00Z',
            costMinor: 45_000,
          },
        }),
      ).createGearSubrental,
      'CreateGearSubrentalPayload',
    );
    const client = await gear(eventId(), 'client');
    expect(client.gearBookings.nodes.map((b) => [b.name, b.quantity, b.notes])).toContainEqual(['LED wall panel', 8, null]);
    expect(client.gearSubrentals.nodes.every((s) => s.vendor === null && s.costMinor === null)).toBe(true);
    const management = await gear(eventId(), 'management');
    expect(management.gearSubrentals.nodes.map((s) => [s.vendor, s.costMinor])).toContainEqual(['Backline Brothers', null]);
    const production = await gear(eventId(), 'production');
    expect(production.gearSubrentals.nodes.map((s) => [s.vendor, s.costMinor])).toContainEqual(['Backline Brothers', 45_000]);
    const id = production.gearSubrentals.nodes.find((s) => s.vendor === 'Backline Brothers')!.id;
    expect(having(ok(await s.as.client(ops.GearSubrentalNodeDocument, { id })).node, 'name')).toEqual({
      name: 'LED wall panel',
      vendor: null,
      costMinor: null,
    });
    const [forClient, forManagement] = [await live.client.nextMessage(0), await live.management.nextMessage(0)];
    expect(forClient.eventChanges.after).toMatchObject({ quantity: 1 });
    expect(JSON.stringify(forClient)).not.toMatch(/Backline|45000/);
    expect(forManagement.eventChanges.after).toMatchObject({ vendor: 'Backline Brothers' });
    expect(JSON.stringify(forManagement)).not.toContain('45000');
    for (const l of Object.values(live)) l.stop();
  });
});
