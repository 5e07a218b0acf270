import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import * as ops from './gql/graphql.js';
import { addSessionSpeaker, createSession, createSpeaker, deleteSession } from '../src/domain/schedule/schedule.js';
import { createAsset } from '../src/domain/production/assets.js';
import { createBooking } from '../src/domain/gear/bookings.js';
import { updateRoom } from '../src/domain/venue/venue.js';
import { createCue } from '../src/domain/runofshow/runofshow.js';
import { createMigrator } from '../src/db/migrate.js';
import { as, gid, having, makeWorld, ok, servedSuite, useTestDatabase, type Served } from './helpers/index.js';

/**
 * Requirements from speakers and formats (#18): each speaker's laptop, mic and confidence monitor,
 * with the format's template filling in and bringing its kits; the mic plot and the room's RF
 * channels; cues' ASSET fields pointing at assets, and the playback list they make.
 */

const s = servedSuite();

const eventId = () => gid('Event', s.world.event.id);
const requirementsOf = async (sessionId: string, who: keyof Served['as'] = 'production') =>
  having(ok(await s.as[who](ops.SessionRequirementsDocument, { id: gid('Session', sessionId) })).node, 'requirements');
const warnings = async () =>
  having(ok(await s.as.production(ops.ProductionWarningsDocument, { eventId: eventId() })).node, 'productionWarnings').productionWarnings;
const lecternKit = async () =>
  (
    await s.t.db
      .selectFrom('gear_kit')
      .select('id')
      .where('organization_id', '=', s.world.production.organizationId)
      .where('name', '=', 'Lectern package')
      .executeTakeFirstOrThrow()
  ).id;

/** A SLIDES session in Room 1 on the second day with three speakers, in order. */
async function slidesSession(title: string) {
  const { result: session } = await createSession(s.t.db, s.world.management.actor, s.world.event.id, {
    roomId: s.world.roomIds[0]!,
    title,
    kind: 'BREAKOUT',
    startsAt: new Date('2027-03-02T09:00:00Z'),
    endsAt: new Date('2027-03-02T10:00:00Z'),
    presentationFormat: 'SLIDES',
  });
  const links: { id: string; version: number }[] = [];
  for (const name of ['Ada Byron', 'Ben Okafor', 'Cleo Ruiz']) {
    const { result: speaker } = await createSpeaker(s.t.db, s.world.management.actor, s.world.event.id, { name });
    const { result } = await addSessionSpeaker(s.t.db, s.world.management.actor, {
      sessionId: session.id,
      speakerId: speaker.id,
      role: 'PRESENTER',
    });
    links.push({ id: result.id, version: result.version });
  }
  return { session, links };
}

const needs = (
  link: { id: string; version: number },
  more: Omit<ops.UpdateSessionSpeakerInput, 'id' | 'expectedVersion'>,
  who: keyof Served['as'] = 'production',
) => s.as[who](ops.UpdateSpeakerNeedsDocument, { input: { id: gid('SessionSpeaker', link.id), expectedVersion: link.version, ...more } });

describe('requirements from speakers and formats', () => {
  it("takes each speaker's own choices, the format's template for the rest, and the template's kits", async () => {
    const { session, links } = await slidesSession('Pipeline hygiene');
    const template = await s.as.production(ops.CreateFormatTemplateDocument, {
      input: {
        eventId: eventId(),
        format: 'SLIDES',
        laptop: 'SHOW_MACHINE',
        micKind: 'LAV',
        confidenceView: 'SLIDES_AND_NOTES',
        kitIds: [gid('GearKit', await lecternKit())],
      },
    });
    expect(as(ok(template).createFormatTemplate, 'CreateFormatTemplatePayload').formatTemplate.kits).toEqual([{ name: 'Lectern package' }]);
    // A second template for one format is refused, naming the format.
    const again = await s.as.production(ops.CreateFormatTemplateDocument, { input: { eventId: eventId(), format: 'SLIDES' } });
    expect(as(ok(again).createFormatTemplate, 'ValidationError').message).toBe(
      'format: the event already has a SLIDES template: change that one',
    );
    // Ben demos from his own laptop on a handheld.
    const ben = await needs(links[1]!, { laptop: 'OWN_LAPTOP', micKind: 'HANDHELD', mic: 'HH 1' });
    expect(as(ok(ben).updateSessionSpeaker, 'UpdateSessionSpeakerPayload').sessionSpeaker).toMatchObject({
      laptop: 'OWN_LAPTOP',
      micKind: 'HANDHELD',
      confidenceView: null,
    });
    // What a speaker needs on stage is production's: management cannot set it, and nothing changes.
    const byManagement = await needs(links[0]!, { micKind: 'HEADSET' }, 'management');
    expect(as(ok(byManagement).updateSessionSpeaker, 'ForbiddenError').message).toMatch(/technical fields/);

    const r = await requirementsOf(session.id);
    expect(r.requirements.template).toEqual({ format: 'SLIDES' });
    expect(
      r.requirements.speakers.map((s) => [s.sessionSpeaker.speaker.name, s.laptop, s.micKind, s.confidenceView, s.fromTemplate]),
    ).toEqual([
      ['Ada Byron', 'SHOW_MACHINE', 'LAV', 'SLIDES_AND_NOTES', ['laptop', 'micKind', 'confidenceView']],
      ['Ben Okafor', 'OWN_LAPTOP', 'HANDHELD', 'SLIDES_AND_NOTES', ['confidenceView']],
      ['Cleo Ruiz', 'SHOW_MACHINE', 'LAV', 'SLIDES_AND_NOTES', ['laptop', 'micKind', 'confidenceView']],
    ]);
    expect([r.requirements.showMachine, r.requirements.ownLaptops, r.requirements.wirelessChannels]).toEqual([true, 1, 3]);
    expect(r.requirements.micPlot.map((m) => [m.mic, m.micKind, m.wireless, m.sessionSpeaker.speaker.name])).toEqual([
      [null, 'LAV', true, 'Ada Byron'],
      ['HH 1', 'HANDHELD', true, 'Ben Okafor'],
      [null, 'LAV', true, 'Cleo Ruiz'],
    ]);
    // The client reads the requirements and the kit's name; the kit itself is the production company's inventory.
    const seen = await requirementsOf(session.id, 'client');
    expect(seen.requirements.kits).toEqual([{ name: 'Lectern package', kit: null }]);
    expect(seen.requirements.speakers).toEqual(r.requirements.speakers);
  });

  it('warns when a room needs more wireless channels at once than its frequency plan has, and when a format’s kit is not booked', async () => {
    const { session, links } = await slidesSession('Territory planning');
    const mine = async () => (await warnings()).filter((w) => w.session?.title === 'Territory planning').map((w) => [w.kind, w.message]);
    const kitWarning = [
      'REQUIRED_KIT_NOT_BOOKED',
      '"Territory planning" in Room 1 needs the kit "Lectern package" (its format\'s template); no held or confirmed booking has it there for the session',
    ];
    // The room has no frequency plan recorded: no RF warning, only the kit.
    expect(await mine()).toEqual([kitWarning]);
    const room = await s.t.db.selectFrom('room').select('version').where('id', '=', s.world.roomIds[0]!).executeTakeFirstOrThrow();
    await updateRoom(s.t.db, s.world.management.actor, s.world.roomIds[0]!, room.version, { rfChannels: 2 });
    // Three lavs (the template's) on three people, two channels. (The other test's session overlaps it: its channels count too.)
    expect((await mine()).find((w) => w[0] === 'RF_CHANNELS_EXCEEDED')?.[1]).toMatch(
      /^"Territory planning" in Room 1 needs \d+ wireless channels at once; the room's frequency plan has 2$/,
    );
    const pipeline = await s.t.db.selectFrom('session').select('id').where('title', '=', 'Pipeline hygiene').executeTakeFirstOrThrow();
    await deleteSession(s.t.db, s.world.management.actor, pipeline.id);
    expect(await mine()).toContainEqual([
      'RF_CHANNELS_EXCEEDED',
      `"Territory planning" in Room 1 needs 3 wireless channels at once; the room's frequency plan has 2`,
    ]);
    // Two of them share a handheld, passed along: two channels, no warning.
    for (const link of links.slice(1)) await needs(link, { micKind: 'HANDHELD', mic: 'HH 2' });
    expect((await requirementsOf(session.id)).requirements.wirelessChannels).toBe(2);
    expect(await mine()).toEqual([kitWarning]);
    // A quote holds nothing; a held booking of the kit in the room for the session's time does.
    const kitId = await lecternKit();
    const booking = (status: 'QUOTED' | 'HELD') =>
      createBooking(s.t.db, s.world.production.actor, s.world.event.id, {
        kitId,
        quantity: 1,
        status,
        roomId: s.world.roomIds[0]!,
        leavesAt: new Date('2027-03-01T06:00:00Z'),
        returnsAt: new Date('2027-03-03T20:00:00Z'),
      });
    await booking('QUOTED');
    expect(await mine()).toEqual([kitWarning]);
    await booking('HELD');
    expect(await mine()).toEqual([]);
  });
});

describe("cues' asset fields and the playback list", () => {
  it('a cue names an asset by name or id and keeps it by id; the playback list follows the running order', async () => {
    const sessionId = s.world.sessionIds[0]!;
    const { result: walkIn } = await createAsset(s.t.db, s.world.production.actor, s.world.event.id, {
      name: 'Walk-in loop.mov',
      kind: 'VIDEO',
    });
    const { result: sting } = await createAsset(s.t.db, s.world.production.actor, s.world.event.id, {
      name: 'Award sting.wav',
      kind: 'AUDIO',
      sessionId,
    });
    const { result: first } = await createCue(s.t.db, s.world.production.actor, sessionId, {
      number: '91',
      department: 'VIDEO',
      title: 'Roll walk-in loop',
      fieldValues: [{ key: 'clip', value: 'Walk-in loop.mov' }],
    });
    expect(first.field_values).toEqual({ clip: walkIn.id });
    const { result: second } = await createCue(s.t.db, s.world.production.actor, sessionId, {
      number: '92',
      department: 'VIDEO',
      title: 'Award sting',
      afterCueId: first.id,
      fieldValues: [{ key: 'clip', value: gid('Asset', sting.id) }],
    });
    expect(second.field_values).toEqual({ clip: sting.id });

    const set = (value: string, expectedVersion = 1) =>
      s.as.production(ops.SetCueAssetDocument, { id: gid('Cue', first.id), expectedVersion, fieldValues: [{ key: 'clip', value }] });
    // The same asset again, by name, writes nothing.
    expect(as(ok(await set('Walk-in loop.mov')).updateCue, 'UpdateCuePayload').revision).toBeNull();
    // An unknown name, or another session's asset, is refused, naming the field; nothing changes.
    expect(as(ok(await set('Walk-in loop v2.mov')).updateCue, 'ValidationError').message).toBe(
      'fieldValues.clip: no asset of this event is named "Walk-in loop v2.mov" (create it with createAsset, or give an Asset id)',
    );
    const { result: other } = await createSession(s.t.db, s.world.management.actor, s.world.event.id, {
      title: 'Elsewhere',
      kind: 'BREAKOUT',
      startsAt: new Date('2027-03-03T09:00:00Z'),
      endsAt: new Date('2027-03-03T10:00:00Z'),
    });
    await createAsset(s.t.db, s.world.production.actor, s.world.event.id, { name: 'Elsewhere deck', kind: 'SLIDES', sessionId: other.id });
    expect(as(ok(await set('Elsewhere deck')).updateCue, 'ValidationError').message).toBe(
      'fieldValues.clip: "Elsewhere deck" is another session\'s asset (an asset for every session has no session)',
    );
    const row = await s.t.db.selectFrom('cue').select(['version', 'field_values']).where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ version: 1, field_values: { clip: walkIn.id } });

    // Screens read the asset's name; scripts follow it to the asset.
    const read = as(ok(await set(gid('Asset', walkIn.id))).updateCue, 'UpdateCuePayload');
    expect(read.cue.fieldValues).toEqual([
      { key: 'clip', value: 'Walk-in loop.mov', asset: { id: gid('Asset', walkIn.id), name: 'Walk-in loop.mov' } },
    ]);

    const list = await s.as.client(ops.SessionRequirementsDocument, { id: gid('Session', sessionId) });
    expect(
      having(ok(list).node, 'playbackList').playbackList.map((p) => [p.position, p.cue.number, p.field, p.asset.name, p.asset.status]),
    ).toEqual([
      [1, '91', 'Clip', 'Walk-in loop.mov', 'REQUESTED'],
      [2, '92', 'Clip', 'Award sting.wav', 'REQUESTED'],
    ]);
  });
});

describe('the migration to asset ids', () => {
  it('turns the names cues held into assets — the matching one, or a new REQUESTED one — and back', async () => {
    const own = await useTestDatabase();
    const w = await makeWorld(own.db);
    const { result: asset } = await createAsset(own.db, w.production.actor, w.event.id, { name: 'Opener.mov', kind: 'VIDEO' });
    const { result: cue } = await createCue(own.db, w.production.actor, w.sessionIds[0]!, {
      number: '93',
      department: 'VIDEO',
      title: 'Roll opener',
      fieldValues: [{ key: 'clip', value: 'Opener.mov' }],
    });
    const migrator = createMigrator(own.db);
    const down = await migrator.migrateTo('20261218000000_add_assets');
    expect(down.error).toBeUndefined();
    const before = await own.db.selectFrom('cue').select('field_values').where('id', '=', cue.id).executeTakeFirstOrThrow();
    expect(before.field_values).toEqual({ clip: 'Opener.mov' });
    // A cue from before, naming a file nobody asked for yet.
    await sql`UPDATE cue SET department = 'VIDEO', field_values = '{"clip": "Legacy sting.mov"}' WHERE id = ${w.cueIds[0]!}`.execute(
      own.db,
    );
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const after = await own.db.selectFrom('cue').select(['id', 'field_values']).where('id', 'in', [cue.id, w.cueIds[0]!]).execute();
    expect(after.find((c) => c.id === cue.id)!.field_values).toEqual({ clip: asset.id });
    const legacy = await own.db.selectFrom('asset').selectAll().where('name', '=', 'Legacy sting.mov').executeTakeFirstOrThrow();
    expect([legacy.kind, legacy.status, legacy.session_id]).toEqual(['VIDEO', 'REQUESTED', w.sessionIds[0]]);
    expect(after.find((c) => c.id === w.cueIds[0])!.field_values).toEqual({ clip: legacy.id });
  });
});
