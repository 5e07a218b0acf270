import type { Database } from '../db/client.js';
import type { Actor } from '../db/write.js';
import { createFormatTemplate } from '../domain/production/requirements.js';
import { updateRoom } from '../domain/venue/venue.js';
import { makeChangeOrder, openRequest, replyToRequest, setRequestStatus } from '../domain/requests/requests.js';

/**
 * What the demo's formats need: slides from the show machine on a lav; live demos from the
 * presenter's own laptop on a headset, with the lectern package (booked in the general session and
 * two breakouts, so a live demo elsewhere warns); panels on handhelds with the timer on the
 * confidence monitor. The frequency plan gives the general session 12 wireless channels and each
 * breakout 2 — a panel of three in a breakout is one channel short.
 */
export async function seedRequirements(db: Database, management: Actor, production: Actor, eventId: string): Promise<void> {
  const kit = await db
    .selectFrom('gear_kit')
    .select('id')
    .where('name', '=', 'Lectern package')
    .where('organization_id', '=', production.organizationId!)
    .executeTakeFirstOrThrow();
  await createFormatTemplate(db, production, eventId, {
    format: 'SLIDES',
    laptop: 'SHOW_MACHINE',
    micKind: 'LAV',
    confidenceView: 'SLIDES_AND_NOTES',
  });
  await createFormatTemplate(db, production, eventId, {
    format: 'LIVE_DEMO',
    laptop: 'OWN_LAPTOP',
    micKind: 'HEADSET',
    confidenceView: 'CURRENT_AND_NEXT',
    kitIds: [kit.id],
    notes: 'Presenter laptop on switcher input 3; a backup machine with the demo recorded',
  });
  await createFormatTemplate(db, production, eventId, { format: 'PANEL', laptop: 'NONE', micKind: 'HANDHELD', confidenceView: 'TIMER' });
  await createFormatTemplate(db, production, eventId, { format: 'FIRESIDE_CHAT', laptop: 'NONE', micKind: 'LAV', confidenceView: 'TIMER' });
  await seedChangeOrder(db, management, production, eventId);
  const rooms = await db
    .selectFrom('room')
    .select(['id', 'version', 'name', 'kind'])
    .where('event_id', '=', eventId)
    .where('kind', 'in', ['GENERAL_SESSION', 'BREAKOUT'])
    .execute();
  for (const r of rooms) await updateRoom(db, management, r.id, r.version, { rfChannels: r.kind === 'BREAKOUT' ? 2 : 12 });
}

/** Management asks for a walk-in loop before the opening session; production prices it and it waits for the client. */
async function seedChangeOrder(db: Database, management: Actor, production: Actor, eventId: string): Promise<void> {
  const opening = await db
    .selectFrom('session')
    .select('id')
    .where('event_id', '=', eventId)
    .where('kind', '=', 'GENERAL_SESSION')
    .orderBy('starts_at')
    .executeTakeFirstOrThrow();
  const { result: ask } = await openRequest(db, management, {
    eventId,
    subjectType: 'Session',
    subjectId: opening.id,
    toOrganizationId: production.organizationId!,
    title: 'Add a walk-in video loop before the opening',
    body: 'Northwind wants the customer-story sizzle reel looping on the LED wall during walk-in.',
  });
  await replyToRequest(db, production, {
    requestId: ask.id,
    body: 'Yes: a second playback machine on the wall, and an hour to program the loop.',
  });
  await replyToRequest(db, production, {
    requestId: ask.id,
    body: 'Rent the spare media server from Pixel Walls; our cost 650.',
    internal: true,
  });
  const { result: answered } = await setRequestStatus(db, production, ask.id, ask.version, 'ANSWERED');
  await makeChangeOrder(db, production, ask.id, answered.version, { costMinor: 185_000, currency: 'USD', timeImpactMinutes: 60 });
}
