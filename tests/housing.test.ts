import { describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { createAttendee } from '../src/domain/registration/registration.js';
import { createLeg } from '../src/domain/travel/travel.js';
import { addDays, localDay } from '../src/domain/time.js';
import { allRows, as, gid, having, ok, servedSuite } from './helpers/index.js';

/**
 * Housing (#17): hotel blocks with pickup counted from the rooming list, the warnings that cost
 * money (pickup below attrition, a cut-off coming up) and those that strand people (a flight but no
 * room, a room whose dates do not match the flights), and who reads whose room.
 */

const s = servedSuite();

const eventId = () => gid('Event', s.world.event.id);
let serial = 0;
async function flyer(landsAt: string) {
  const { result } = await createAttendee(s.t.db, s.world.management.actor, s.world.event.id, {
    name: `Flyer ${++serial}`,
    email: `flyer.${serial}@client.test`,
    status: 'REGISTERED',
  });
  await createLeg(s.t.db, s.world.management.actor, s.world.event.id, {
    attendeeId: result.id,
    direction: 'ARRIVAL',
    mode: 'FLIGHT',
    carrier: 'LH',
    number: String(100 + serial),
    from: 'MUC',
    to: 'BER',
    departsAt: new Date(Date.parse(landsAt) - 3600_000),
    arrivesAt: new Date(landsAt),
  });
  return result;
}
const room = async (input: Partial<ops.CreateRoomReservationInput>) =>
  ok(
    await s.as.management(ops.CreateRoomReservationDocument, {
      input: { eventId: eventId(), hotel: 'Hotel Adlon', roomType: 'King', arrives: '2027-02-28', departs: '2027-03-02', ...input },
    }),
  ).createRoomReservation;
const warnings = async (who: 'management' | 'production' | 'client' = 'management') =>
  having(ok(await s.as[who](ops.RoomingListDocument, { eventId: eventId() })).node, 'housingWarnings').housingWarnings;

describe('hotel blocks and the rooming list', () => {
  it('count pickup from the rooming list and warn below attrition with what it would cost, and before the cut-off', async () => {
    const blocks = having(ok(await s.as.management(ops.HotelBlocksDocument, { eventId: eventId() })).node, 'hotelBlocks').hotelBlocks.nodes;
    // The world's two King nights at the Adlon: ten contracted, Dana's one room picked up, 80 % attrition.
    expect(blocks.map((b) => [b.night, b.contracted, b.pickedUp, b.attritionFloor])).toEqual([
      ['2027-02-28', 10, 1, 8],
      ['2027-03-01', 10, 1, 8],
    ]);
    const below = (await warnings()).filter((w) => w.kind === 'PICKUP_BELOW_ATTRITION');
    expect(below.map((w) => w.message)).toEqual([
      "Hotel Adlon, King, night of 2027-02-28: 1 of 10 picked up, below the 80 % the contract holds the event to (8); 7 rooms short, EUR 2,303.00 owed at today's pickup",
      "Hotel Adlon, King, night of 2027-03-01: 1 of 10 picked up, below the 80 % the contract holds the event to (8); 7 rooms short, EUR 2,303.00 owed at today's pickup",
    ]);
    // A renegotiated block of two: no exposure left on the first night.
    const first = blocks[0]!;
    ok(await s.as.management(ops.UpdateHotelBlockDocument, { input: { id: first.id, expectedVersion: first.version, contracted: 1 } }));
    expect((await warnings()).filter((w) => w.kind === 'PICKUP_BELOW_ATTRITION')).toHaveLength(1);

    // A block whose cut-off is next week.
    const cutOff = addDays(localDay(new Date(), 'Europe/Berlin'), 6);
    as(
      ok(
        await s.as.management(ops.CreateHotelBlockDocument, {
          input: {
            eventId: eventId(),
            hotel: 'Motel One',
            roomType: 'Double',
            night: '2027-03-01',
            contracted: 0,
            rateMinor: 11900,
            currency: 'EUR',
            cutOffDate: cutOff,
          },
        }),
      ).createHotelBlock,
      'CreateHotelBlockPayload',
    );
    expect((await warnings()).find((w) => w.kind === 'CUT_OFF_APPROACHING')!.message).toMatch(
      /^Motel One, Double, night of 2027-03-01: the cut-off is in 6 days \(/,
    );
  });

  it('states what attrition costs in the block’s own currency: yen have no decimals, dinars three', async () => {
    const block = (hotel: string, rateMinor: number, currency: string) =>
      s.as.management(ops.CreateHotelBlockDocument, {
        input: {
          eventId: eventId(),
          hotel,
          roomType: 'Twin',
          night: '2027-03-02',
          contracted: 5,
          rateMinor,
          currency,
          cutOffDate: '2027-01-15',
        },
      });
    as(ok(await block('Park Hyatt Tokyo', 48_000, 'JPY')).createHotelBlock, 'CreateHotelBlockPayload');
    as(ok(await block('Gulf Hotel Bahrain', 85_250, 'BHD')).createHotelBlock, 'CreateHotelBlockPayload');
    const owed = (await warnings())
      .filter((w) => w.kind === 'PICKUP_BELOW_ATTRITION' && /Tokyo|Bahrain/.test(w.message))
      .map((w) => w.message.split('; ')[1]);
    // 80 % of 5 is 4 rooms short of none picked up.
    expect(owed).toEqual(["4 rooms short, BHD 341.000 owed at today's pickup", "4 rooms short, JPY 192,000 owed at today's pickup"]);
    // The rate reads exactly, in the currency's own decimals; production does not read it.
    const rates = async (who: 'management' | 'production') =>
      having(ok(await s.as[who](ops.HotelBlocksDocument, { eventId: eventId() })).node, 'hotelBlocks')
        .hotelBlocks.nodes.filter((b) => /Tokyo|Bahrain/.test(b.hotel))
        .map((b) => b.rate);
    expect(await rates('management')).toEqual([
      { amount: '85.250', currency: 'BHD', minor: '85250', formatted: 'BHD 85.250' },
      { amount: '48000', currency: 'JPY', minor: '48000', formatted: 'JPY 48,000' },
    ]);
    expect(await rates('production')).toEqual([null, null]);
    // A currency that is not one is refused, naming the field.
    expect(as(ok(await block('Nowhere Inn', 100, 'ABC')).createHotelBlock, 'ValidationError').message).toBe(
      'currency: must be an ISO 4217 currency code such as "USD", "EUR" or "JPY"',
    );
  });

  it('warn about someone who flies in without a room, and a room that starts the day after the flight; both clear when fixed', async () => {
    const late = await flyer('2027-02-28T20:00:00Z'); // 21:00 in Berlin
    expect((await warnings()).filter((w) => w.kind === 'FLIGHT_WITHOUT_ROOM').map((w) => w.message)).toEqual([
      `${late.name} flies in (LH ${100 + serial}, 2027-02-28) but has no room`,
    ]);
    const booked = as(
      await room({ attendeeId: gid('Attendee', late.id), arrives: '2027-03-01', departs: '2027-03-02' }),
      'CreateRoomReservationPayload',
    ).roomReservation;
    expect(
      (await warnings()).filter((w) => w.kind !== 'PICKUP_BELOW_ATTRITION' && w.kind !== 'CUT_OFF_APPROACHING').map((w) => w.message),
    ).toEqual([`${late.name} lands on 2027-02-28 (LH ${100 + serial}), but their room starts on 2027-03-01`]);
    const fixed = ok(
      await s.as.management(ops.UpdateRoomReservationDocument, {
        input: { id: booked.id, expectedVersion: booked.version, arrives: '2027-02-28' },
      }),
    ).updateRoomReservation;
    as(fixed, 'UpdateRoomReservationPayload');
    expect((await warnings()).map((w) => w.kind)).not.toContain('ROOM_DATES_MISMATCH');
  });

  it('refuse two rooms for one person on one night (their own, or shared), and check-out before check-in, writing nothing', async () => {
    const guest = await flyer('2027-02-28T10:00:00Z');
    const before = await allRows(s.t.db);
    expect(
      as(await room({ attendeeId: gid('Attendee', s.world.attendeeId), arrives: '2027-03-01', departs: '2027-03-03' }), 'ValidationError'),
    ).toMatchObject({
      field: 'attendeeId',
      message: 'attendeeId: already has a room at Hotel Adlon from 2027-02-28 to 2027-03-02',
    });
    expect(
      as(await room({ attendeeId: gid('Attendee', guest.id), roommateId: gid('Attendee', s.world.attendeeId) }), 'ValidationError'),
    ).toMatchObject({ field: 'roommateId' });
    expect(as(await room({ attendeeId: gid('Attendee', guest.id), departs: '2027-02-28' }), 'ValidationError')).toMatchObject({
      field: 'departs',
    });
    expect(await allRows(s.t.db)).toEqual(before);
  });

  it('names the shoulder nights outside the block, and who pays what', async () => {
    const early = await flyer('2027-02-26T09:00:00Z');
    const stay = as(
      await room({
        attendeeId: gid('Attendee', early.id),
        arrives: '2027-02-26',
        departs: '2027-03-03',
        incidentalsBilling: 'MASTER_ACCOUNT',
        confirmation: 'ADL-9',
      }),
      'CreateRoomReservationPayload',
    ).roomReservation;
    expect(stay).toMatchObject({
      shoulderNights: ['2027-02-26', '2027-02-27', '2027-03-02'],
      roomBilling: 'MASTER_ACCOUNT',
      incidentalsBilling: 'MASTER_ACCOUNT',
    });
  });

  it("shows production no attendee's room and no warning about one; the client reads its people's", async () => {
    const list = JSON.stringify(ok(await s.as.production(ops.RoomingListDocument, { eventId: eventId() })));
    expect(list).not.toMatch(/Hotel Adlon|Dana|ADL-|2027-02-2/);
    // Not in the history either: Dana's room's change shows production none of its fields, a block's none of its money.
    const history = JSON.stringify(ok(await s.as.production(ops.TravelHistoryDocument, { eventId: eventId() })));
    expect(history).toContain('RoomReservation.created');
    expect(history).not.toMatch(/ADL-|"arrives":"2027|"roomBilling"|"rateMinor"|32900/);
    // Nor the contract's money: no block warnings, no rates.
    expect(await warnings('production')).toEqual([]);
    expect(JSON.stringify(ok(await s.as.production(ops.HotelBlockRatesDocument, { eventId: eventId() })))).not.toMatch(
      /32900|"rateMinor":\d/,
    );
    expect(JSON.stringify(ok(await s.as.client(ops.RoomingListDocument, { eventId: eventId() })))).toContain('Dana Whitfield');
    const byProduction = ok(
      await s.as.production(ops.CreateRoomReservationDocument, {
        input: {
          eventId: eventId(),
          attendeeId: gid('Attendee', s.world.attendeeId),
          hotel: 'X',
          roomType: 'Y',
          arrives: '2027-03-05',
          departs: '2027-03-06',
        },
      }),
    ).createRoomReservation;
    expect(byProduction.__typename).toBe('ForbiddenError');
  });
});
