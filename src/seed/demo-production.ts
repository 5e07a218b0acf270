import type { Database } from '../db/client.js';
import type { Actor } from '../db/write.js';
import { addDays, zonedInstant } from '../domain/time.js';
import { createBlock } from '../domain/production/blocks.js';
import { createAccessWindow, createTruck } from '../domain/production/dock.js';
import { createSlot } from '../domain/production/slots.js';
import { createItem, createKit } from '../domain/gear/inventory.js';
import { createBooking, createSubrental } from '../domain/gear/bookings.js';
import { createAsset, receiveAssetVersion, reviewAsset } from '../domain/production/assets.js';

const GS = 'Pacific Ballroom';

/**
 * The demo's production schedule in the general-session room: the venue lets production in from
 * the morning before; three trucks at the dock, load-in, focus and an evening of speaker
 * rehearsals (ten minutes each, back to back) the day before; a tech at dawn covering the first
 * day's general sessions; the show each day; strike and load-out after the last session. The
 * speakers who land too late for the evening rehearse at the tech (no slot).
 */
export async function seedProduction(db: Database, management: Actor, production: Actor, eventId: string): Promise<void> {
  const event = await db
    .selectFrom('event')
    .select(['timezone', 'start_date', 'end_date'])
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow();
  const at = (day: string, time: string) => zonedInstant(day, time, event.timezone);
  const eve = addDays(event.start_date, -1);
  const venue = await db.selectFrom('venue').select('id').where('event_id', '=', eventId).orderBy('name').executeTakeFirstOrThrow();
  const room = await db.selectFrom('room').select('id').where('event_id', '=', eventId).where('name', '=', GS).executeTakeFirstOrThrow();
  await createAccessWindow(db, management, {
    venueId: venue.id,
    startsAt: at(eve, '06:00'),
    endsAt: at(event.end_date, '23:59'),
    notes: 'Dock from 06:00; rigging from 08:00',
  });
  for (const [i, [name, vendor, dock]] of (
    [
      ['Truck 1: audio and lighting', 'Lumen Live Productions', 'Dock A'],
      ['Truck 2: video and LED', 'Pixel Walls Inc.', 'Dock B'],
      ['Truck 3: staging and set', 'Lumen Live Productions', 'Dock A'],
    ] as const
  ).entries()) {
    const slot = at(eve, i === 2 ? '08:45' : '07:00');
    await createTruck(db, production, {
      venueId: venue.id,
      name,
      vendor,
      arrivesAt: slot,
      dock,
      dockStartsAt: slot,
      dockEndsAt: new Date(slot.getTime() + 90 * 60_000),
    });
  }
  const block = async (
    kind: Parameters<typeof createBlock>[3]['kind'],
    title: string,
    startsAt: Date,
    endsAt: Date,
    coversSessionIds?: string[],
  ) => (await createBlock(db, production, eventId, { roomId: room.id, kind, title, startsAt, endsAt, coversSessionIds })).result;
  await block('LOAD_IN', 'GS load-in: truss, LED wall, audio', at(eve, '08:00'), at(eve, '16:00'));
  await block('FOCUS', 'GS lighting focus', at(eve, '16:00'), at(eve, '18:30'));
  const rehearsal = await block('REHEARSAL', 'GS speaker rehearsals', at(eve, '18:30'), at(eve, '21:30'));
  const sessions = await db
    .selectFrom('session')
    .select(['id', 'starts_at', 'ends_at'])
    .where('room_id', '=', room.id)
    .where('status', '<>', 'CANCELLED')
    .orderBy('starts_at')
    .execute();
  const firstDay = sessions.filter((s) => s.starts_at < at(addDays(event.start_date, 1), '00:00'));
  await block(
    'TECH',
    'GS tech: day 1 cues top to bottom',
    at(event.start_date, '05:30'),
    at(event.start_date, '07:00'),
    firstDay.map((s) => s.id),
  );
  for (let day = event.start_date; day <= event.end_date; day = addDays(day, 1)) {
    const today = sessions.filter((s) => s.starts_at >= at(day, '00:00') && s.starts_at < at(addDays(day, 1), '00:00'));
    if (today.length) await block('SHOW', `GS show, ${day}`, today[0]!.starts_at, today.at(-1)!.ends_at);
  }
  const last = sessions.at(-1)!.ends_at;
  await block('STRIKE', 'GS strike', new Date(last.getTime() + 15 * 60_000), new Date(last.getTime() + 3 * 3600_000));
  await block('LOAD_OUT', 'GS load-out', new Date(last.getTime() + 3 * 3600_000), at(event.end_date, '23:30'));
  // The first day's general-session speakers rehearse in the order they speak, ten minutes each.
  const speakers = await db
    .selectFrom('session_speaker as ss')
    .innerJoin('session as s', 's.id', 'ss.session_id')
    .select(['ss.speaker_id', 'ss.session_id', 's.starts_at'])
    .where(
      'ss.session_id',
      'in',
      firstDay.map((s) => s.id),
    )
    .orderBy('s.starts_at')
    .orderBy('ss.created_at')
    .execute();
  // Those who land the next morning rehearse at the tech instead: no slot the evening before.
  const landings = await db
    .selectFrom('travel_leg')
    .select(['speaker_id', (eb) => eb.fn.max('arrives_at').as('lands')])
    .where('event_id', '=', eventId)
    .where('direction', '=', 'ARRIVAL')
    .where('speaker_id', 'is not', null)
    .groupBy('speaker_id')
    .execute();
  const landsAt = new Map(landings.map((l) => [l.speaker_id, new Date(l.lands as Date)]));
  const seen = new Set<string>();
  let start = new Date(rehearsal.starts_at);
  for (const s of speakers) {
    if (seen.has(s.speaker_id)) continue;
    seen.add(s.speaker_id);
    const lands = landsAt.get(s.speaker_id);
    if (lands && lands.getTime() > start.getTime() - 2 * 3600_000) continue;
    const end = new Date(start.getTime() + 10 * 60_000);
    if (end > new Date(rehearsal.ends_at)) break;
    await createSlot(db, management, {
      blockId: rehearsal.id,
      speakerId: s.speaker_id,
      sessionId: s.session_id,
      startsAt: start,
      endsAt: end,
    });
    start = end;
  }
  await seedGear(db, production, eventId, room.id, at(eve, '06:00'), at(addDays(event.end_date, 1), '18:00'));
  // Files: the stage design waits for the client's sign-off (its second version); the opening's
  // video is approved; the opening keynote's deck is still to come, due the day before.
  const design = (
    await createAsset(db, production, eventId, {
      name: 'GS stage design (set, LED wall, lectern)',
      kind: 'STAGE_DESIGN',
      dueAt: at(addDays(event.start_date, -14), '17:00'),
    })
  ).result;
  let version = design.version;
  for (const n of [1, 2])
    version = (
      await receiveAssetVersion(db, production, design.id, version, {
        sizeBytes: 48_000_000 + n,
        checksum: `sha256:stage-design-v${n}`,
        location: `https://files.lumenlive.example/northwind/stage-design-v${n}.pdf`,
      })
    ).result.version;
  const opening = firstDay[0];
  const video = (
    await createAsset(db, production, eventId, { sessionId: opening?.id ?? null, name: 'Opening video (2:30)', kind: 'VIDEO' })
  ).result;
  const received = await receiveAssetVersion(db, production, video.id, null, {
    sizeBytes: 1_250_000_000,
    checksum: 'sha256:opening-video-v1',
    location: 'show-server:/playback/opening-v1.mov',
  });
  await reviewAsset(db, production, video.id, received.result.version, 'APPROVED', null, 'PRODUCTION');
  await createAsset(db, management, eventId, {
    sessionId: opening?.id ?? null,
    name: 'Opening keynote deck',
    kind: 'SLIDES',
    dueAt: at(eve, '12:00'),
  });
}

/**
 * The production company's warehouse and what the show takes from it: the general session's LED
 * wall needs 48 panels and the company owns 40 — eight rented in from Pixel Walls for the dates, so
 * the wall is not short — a lectern package (kit) on the general-session stage and in two
 * breakouts, mics and moving lights; the pull sheet adds up each room's weight and power.
 */
async function seedGear(db: Database, production: Actor, eventId: string, gsId: string, leavesAt: Date, returnsAt: Date): Promise<void> {
  const item = async (name: string, category: string, quantity: number, unitWeightGrams: number, unitPowerWatts: number) =>
    (await createItem(db, production, { name, category, quantity, unitWeightGrams, unitPowerWatts, dayRateMinor: 4_500 })).id;
  const panel = await item('LED wall panel 500×500 (2.6 mm)', 'Video', 40, 7_800, 190);
  const lectern = await item('Lectern, acrylic', 'Staging', 3, 28_000, 0);
  const gooseneck = await item('Gooseneck mic, Shure MX418', 'Audio', 8, 400, 0);
  const monitor = await item('Confidence monitor 55"', 'Video', 8, 18_000, 150);
  const handheld = await item('Wireless handheld, Shure ULXD2', 'Audio', 16, 350, 0);
  const lav = await item('Wireless lavalier, Shure ULXD1 + TL47', 'Audio', 16, 200, 0);
  const mover = await item('Moving light, Robe MegaPointe', 'Lighting', 24, 22_000, 470);
  const lecternKit = (
    await createKit(db, production, {
      name: 'Lectern package',
      items: [
        { itemId: lectern, quantity: 1 },
        { itemId: gooseneck, quantity: 1 },
        { itemId: monitor, quantity: 1 },
      ],
    })
  ).id;
  const book = (input: Omit<Parameters<typeof createBooking>[3], 'leavesAt' | 'returnsAt'>) =>
    createBooking(db, production, eventId, { ...input, leavesAt, returnsAt });
  await book({ itemId: panel, quantity: 48, status: 'CONFIRMED', priority: 10, roomId: gsId });
  // Rented for the booking's dates and the day after, when the panels are checked (the item's return buffer).
  await createSubrental(db, production, eventId, {
    itemId: panel,
    quantity: 8,
    vendor: 'Pixel Walls Inc.',
    startsAt: leavesAt,
    endsAt: new Date(returnsAt.getTime() + 24 * 3600_000),
    costMinor: 640_000,
  });
  await book({ kitId: lecternKit, quantity: 1, status: 'CONFIRMED', roomId: gsId });
  await book({ itemId: handheld, quantity: 6, status: 'CONFIRMED', roomId: gsId });
  await book({ itemId: lav, quantity: 8, status: 'CONFIRMED', roomId: gsId });
  await book({ itemId: mover, quantity: 20, status: 'CONFIRMED', roomId: gsId, notes: 'Two spares in the truck' });
  const breakouts = await db
    .selectFrom('room')
    .select('id')
    .where('event_id', '=', eventId)
    .where('kind', '=', 'BREAKOUT')
    .orderBy('name')
    .limit(2)
    .execute();
  for (const r of breakouts) await book({ kitId: lecternKit, quantity: 1, status: 'HELD', roomId: r.id });
}
