import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { viewerForToken } from '../../src/auth/tokens.js';
import { resetShow, startSession } from '../../src/domain/live/session.js';
import { demoToday, seedDemo } from '../../src/seed/demo.js';
import { useTestDatabase, type TestDatabase } from '../helpers/db.js';
import { freePort, startServer, type Running } from '../helpers/process.js';
import { launchChromium, linkState, openScreen, screenUrl, secondsShown } from '../helpers/screens.js';
import { gid, makeWorld } from '../helpers/world.js';

/**
 * The control-room screens as a control room uses them: the real server process, the pages in
 * headless Chromium, GO on the space bar, and the server restarted under open pages.
 * Screenshots go to .data/screenshots/.
 */
const SHOTS = path.resolve('.data/screenshots');

let t: TestDatabase;
let port: number;
let api: Running & { exited: Promise<number | null> };
let tokens: Awaited<ReturnType<typeof seedDemo>>;
let browser: Browser;
const pages: Page[] = [];
let ids: { event: string; room: string; keynote: string; panel: string };

const start = async () => {
  api = await startServer({ DATABASE_URL: t.url, PORT: String(port), DATA_DIR: path.resolve('.data'), LOG_LEVEL: 'warn' });
};

beforeAll(async () => {
  t = await useTestDatabase();
  tokens = await seedDemo(t.db, { firstDay: demoToday() });
  port = await freePort();
  await start();
  browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
  const session = (title: string) =>
    t.db.selectFrom('session').select(['id', 'room_id', 'event_id']).where('title', '=', title).executeTakeFirstOrThrow();
  const keynote = await session('Keynote: The Customer Decade');
  const panel = await session('Panel: Regional Leaders on the Year Ahead');
  ids = { event: keynote.event_id, room: keynote.room_id!, keynote: keynote.id, panel: panel.id };
});

afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
  // Every test starts from the planned show: nothing live, nothing fired, the stage empty.
  const actor = (await viewerForToken(t.db, tokens.production))!;
  for (const id of [ids.keynote, ids.panel]) await resetShow(t.db, actor, id);
});

afterAll(async () => {
  await browser?.close();
  api?.child.kill('SIGTERM');
  await api?.exited;
});

async function open(screen: 'caller' | 'timer' | 'overview', id: string, token = tokens.production): Promise<Page> {
  const page = await openScreen(browser, screenUrl(api.url, screen, id, token));
  pages.push(page);
  return page;
}

async function graphql(query: string, variables: Record<string, unknown>, token = tokens.production) {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, { __typename: string; message?: string }>; errors?: unknown[] };
}

/** How many GOs the session has had: one GO fires its cue and the auto-continue cues after it, all at one instant. */
const gos = async (sessionId: string) =>
  new Set(
    (await t.db.selectFrom('cue').select('fired_at').where('session_id', '=', sessionId).where('state', '=', 'FIRED').execute()).map((c) =>
      c.fired_at!.getTime(),
    ),
  ).size;

describe('the control-room screens in a real browser', () => {
  it('fires the next cue with the space bar, and the stage timer and the overview show the show has started', async () => {
    const timer = await open('timer', ids.room);
    const overview = await open('overview', ids.event);
    // Venues often have no internet: everything a screen loads or connects to is the API itself.
    const requested: string[] = [];
    const caller = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    pages.push(caller);
    caller.on('request', (request) => requested.push(request.url()));
    caller.on('websocket', (socket) => requested.push(socket.url()));
    await caller.goto(screenUrl(api.url, 'caller', ids.keynote, tokens.production));
    await caller.locator('[data-go]:not([disabled])').waitFor({ timeout: 20_000 });
    const origin = new URL(api.url);
    expect(requested.length).toBeGreaterThan(2);
    expect(requested.filter((u) => new URL(u).host !== origin.host)).toEqual([]);
    const next = (await caller.locator('[data-go]').textContent())!.replace('GO', '').trim();
    expect(next).not.toBe('');
    await expect.poll(() => timer.locator('[data-timer]').count()).toBe(0);

    await caller.keyboard.press('Space');

    await caller.locator(`[data-cue="${next}"][data-state="FIRED"]`).waitFor();
    expect(await gos(ids.keynote)).toBe(1);
    await caller.locator('[data-status="LIVE"]').waitFor();
    // The keynote has no segments: its first GO starts it and puts its countdown on the stage.
    await timer.locator('[data-timer]').waitFor();
    expect(await timer.locator('.stage-title').textContent()).toBe('Keynote: The Customer Decade');
    const ballroom = overview.locator('[data-room="Pacific Ballroom"]');
    await ballroom.locator('.badge.live').waitFor();
    expect(await ballroom.locator('[data-now] .title').textContent()).toBe('Keynote: The Customer Decade');

    await caller.screenshot({ path: path.join(SHOTS, 'screens-caller.png') });
    await timer.screenshot({ path: path.join(SHOTS, 'screens-timer.png') });
    await overview.screenshot({ path: path.join(SHOTS, 'screens-overview.png') });
  });

  it('fires once when GO is pressed twice, even when the screen has moved on to the next cue between the presses', async () => {
    // The page's clock stands still, so the double-GO guard lasts as long as the test wants.
    const caller = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    pages.push(caller);
    await caller.clock.install();
    await caller.goto(screenUrl(api.url, 'caller', ids.panel, tokens.production));
    await caller.locator('[data-go]:not([disabled])').waitFor({ timeout: 20_000 });
    await caller.clock.pauseAt(Date.now() + 1_000);
    const first = (await caller.locator('[data-go]').textContent())!.replace('GO', '').trim();

    await caller.keyboard.press('Space');
    await caller.keyboard.press('Space'); // the second press of a double press, before the page redrew
    await caller.locator(`[data-cue="${first}"][data-state="FIRED"]`).waitFor();
    // The screen now shows the cue after it as next; a bounce of the same press must not fire that.
    await caller.keyboard.press('Space');
    expect(await caller.locator('[data-go]').isDisabled()).toBe(true);
    expect(await gos(ids.panel)).toBe(1);

    // Half a second on, GO is back, for the cue after it: a new press is a new GO.
    await caller.clock.runFor(600);
    await caller.locator('[data-go]:not([disabled])').waitFor();
    expect((await caller.locator('[data-go]').textContent())!.replace('GO', '').trim()).not.toBe(first);
    expect(await gos(ids.panel)).toBe(1);
    await caller.keyboard.press('Space');
    await expect.poll(() => gos(ids.panel)).toBe(2);
  });

  it("puts the next cue in standby from the caller's page, and its department's operator acknowledges it on theirs", async () => {
    const caller = await open('caller', ids.keynote);
    const label = (await caller.locator('[data-go]').textContent())!.replace('GO', '').trim();
    const cue = await t.db
      .selectFrom('cue')
      .select(['department'])
      .where('session_id', '=', ids.keynote)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    const operator = await openScreen(
      browser,
      screenUrl(api.url, 'caller', ids.keynote, tokens.production).replace('#', `&department=${cue.department}#`),
    );
    pages.push(operator);
    await operator.locator(`[data-cue="${label}"][data-state="PENDING"]`).waitFor();

    await caller.getByRole('button', { name: 'Standby', exact: true }).click();
    await operator.locator(`[data-cue="${label}"][data-state="STANDBY"]`).waitFor();
    await caller.locator('[data-standby]', { hasText: label }).waitFor();
    await operator.getByRole('button', { name: 'Standing by' }).click();
    // The caller sees the operator is ready before calling GO.
    await caller.locator('[data-standby]', { hasText: `${label} ✓` }).waitFor();
    expect(await operator.locator(`[data-cue="${label}"] .ack`).textContent()).toMatch(/ready/);
  });

  it('shows a change made while the server was down on every open page once it is back, without a reload', async () => {
    const caller = await open('caller', ids.panel);
    const timer = await open('timer', ids.room);
    const overview = await open('overview', ids.event);
    const all = [caller, timer, overview];
    for (const page of all) await page.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));

    api.child.kill('SIGTERM');
    await api.exited;
    for (const page of all) await expect.poll(() => linkState(page), { timeout: 15_000 }).toMatch(/disconnected|connecting/);
    // A page that is not live cannot call the show.
    expect(await caller.locator('[data-go]').isDisabled()).toBe(true);
    await timer.screenshot({ path: path.join(SHOTS, 'screens-timer-disconnected.png') });

    const actor = (await viewerForToken(t.db, tokens.production))!;
    const { revision } = await startSession(t.db, actor, ids.panel);
    await start();

    for (const page of all) await expect.poll(() => linkState(page), { timeout: 30_000 }).toBe('live');
    await caller.locator('[data-status="LIVE"]').waitFor();
    await timer.locator('[data-timer]').waitFor();
    expect(await timer.locator('.stage-title').textContent()).toBe('Panel: Regional Leaders on the Year Ahead');
    await overview.locator('[data-room="Pacific Ballroom"] .badge.live').waitFor();
    for (const page of all) {
      expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
      expect(await page.locator('.link-rev').textContent()).toBe(`rev ${revision}`);
    }
  });

  it("shows a breakout's sign-ups on the overview, and counts them up as people sign up", async () => {
    const overview = await open('overview', ids.event);
    const room = await t.db
      .selectFrom('room')
      .select(['id', 'name'])
      .where('event_id', '=', ids.event)
      .where('kind', '=', 'BREAKOUT')
      .orderBy('name')
      .executeTakeFirstOrThrow();
    // The session the room's card shows now or next.
    const session = await t.db
      .selectFrom('session')
      .select('id')
      .where('room_id', '=', room.id)
      .where('ends_at', '>', new Date())
      .orderBy('starts_at')
      .executeTakeFirstOrThrow();
    const management = tokens.management;
    // The demo's form asks for a region before anyone is REGISTERED.
    const region = await t.db
      .selectFrom('registration_question')
      .select('id')
      .where('event_id', '=', ids.event)
      .where('required', '=', true)
      .executeTakeFirstOrThrow();
    const made = await graphql(
      'mutation($e: ID!, $q: ID!) { createAttendee(input: { eventId: $e, name: "Walk-up Wendy", email: "wendy@northwind.example", status: REGISTERED, answers: [{ questionId: $q, text: "West" }] }) { __typename ... on CreateAttendeePayload { attendee { id } } ... on Error { message } } }',
      { e: gid('Event', ids.event), q: gid('RegistrationQuestion', region.id) },
      management,
    );
    expect(made.data!.createAttendee!.__typename, JSON.stringify(made)).toBe('CreateAttendeePayload');
    const attendee = (made.data!.createAttendee as unknown as { attendee: { id: string } }).attendee.id;
    const signed = await graphql(
      'mutation($a: ID!, $s: ID!) { registerForSession(input: { attendeeId: $a, sessionId: $s }) { __typename ... on RegisterForSessionPayload { sessionRegistration { session { seatsTaken waitlistCount } } } } }',
      { a: attendee, s: gid('Session', session.id) },
      management,
    );
    const seats = (
      signed.data!.registerForSession as unknown as { sessionRegistration: { session: { seatsTaken: number; waitlistCount: number } } }
    ).sessionRegistration.session;
    expect(seats.seatsTaken + seats.waitlistCount).toBeGreaterThan(0);
    const card = overview.locator(`[data-room="${room.name}"] [data-seats="${seats.seatsTaken}"][data-waiting="${seats.waitlistCount}"]`);
    await card.waitFor();
    expect(await card.textContent()).toMatch(new RegExp(`^${seats.seatsTaken}(/\\d+)? seats`));
  });

  it("opens a screen link for one event on that event only: another event's overview shows nothing of it", async () => {
    const other = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 1 });
    const made = await graphql(
      'mutation($e: ID!) { createScreenLink(input: { eventId: $e, label: "Registration desk TV" }) { ... on CreateScreenLinkPayload { url } } }',
      {
        e: gid('Event', ids.event),
      },
    );
    const link = (made.data!.createScreenLink as unknown as { url: string }).url;
    // Its own event's overview, opened from the URL exactly as createScreenLink returned it.
    const own = await openScreen(browser, `${api.url}${link}`);
    pages.push(own);
    await own.locator('[data-room="Pacific Ballroom"]').waitFor();
    // The same link on the other event's overview: refused, blank, and not one of its names on the page.
    const token = /#token=(.+)$/.exec(link)![1]!;
    const foreign = await browser.newPage();
    pages.push(foreign);
    await foreign.goto(screenUrl(api.url, 'overview', other.event.id, token));
    await foreign.locator('[data-refused]').waitFor();
    expect(await foreign.locator('[data-refused]').textContent()).toMatch(/No Event with id/);
    expect(await foreign.locator('body').textContent()).not.toMatch(/Test Summit|Room 1|Session 1/);
    // A link's caller view only shows: no GO, no standby, no stage messages.
    const caller = await openScreen(browser, screenUrl(api.url, 'caller', ids.keynote, token));
    pages.push(caller);
    await caller.locator('.readonly').waitFor();
    expect(await caller.locator('[data-go]').isVisible()).toBe(false);
  });

  it('blanks a stage timer within seconds of its link being revoked', async () => {
    const made = await graphql(
      'mutation($e: ID!, $r: ID!) { createScreenLink(input: { eventId: $e, roomId: $r, label: "Ballroom confidence monitor" }) { ... on CreateScreenLinkPayload { url screenLink { id } } } }',
      { e: gid('Event', ids.event), r: gid('Room', ids.room) },
    );
    const { url, screenLink } = made.data!.createScreenLink as unknown as { url: string; screenLink: { id: string } };
    expect(url).toMatch(/^\/screens\/timer\?room=/);
    const timer = await openScreen(browser, `${api.url}${url}`);
    pages.push(timer);
    await graphql('mutation($id: ID!) { startSession(input: { sessionId: $id }) { __typename } }', { id: gid('Session', ids.keynote) });
    await timer.locator('[data-timer]').waitFor();
    await timer.screenshot({ path: path.join(SHOTS, 'screens-timer-link.png') });

    const revokedAt = Date.now();
    const revoked = await graphql(
      'mutation($id: ID!) { revokeScreenLink(input: { id: $id }) { __typename } }',
      { id: screenLink.id },
      tokens.management,
    );
    expect(revoked.data?.revokeScreenLink?.__typename).toBe('RevokeScreenLinkPayload');
    await timer.locator('[data-refused]').waitFor({ timeout: 10_000 });
    expect(Date.now() - revokedAt).toBeLessThan(10_000);
    expect(await timer.locator('[data-timer]').count()).toBe(0);
    expect(await timer.locator('body').textContent()).not.toMatch(/Keynote/);
  });

  it("keeps the stage timer on the server's clock after an hour of the browser's own (a fake clock)", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    pages.push(page);
    await page.clock.install();
    await page.goto(screenUrl(api.url, 'timer', ids.room, tokens.production));
    await page.locator('[data-link="live"]').waitFor({ state: 'attached', timeout: 20_000 });
    const started = await graphql('mutation($id: ID!) { startSession(input: { sessionId: $id }) { __typename } }', {
      id: gid('Session', ids.keynote),
    });
    expect(started.data?.startSession?.__typename).toBe('StartSessionPayload');
    await page.locator('[data-timer]').waitFor();
    const { timer_ends_at } = await t.db
      .selectFrom('stage_output')
      .select('timer_ends_at')
      .where('room_id', '=', ids.room)
      .executeTakeFirstOrThrow();

    // The page's clock runs an hour in moments: every timer it set fires, as it would over a real hour.
    await page.clock.runFor(3_600_000);

    // Seconds between what the page shows and what the server's clock says it should. A read takes
    // a while on a busy machine, so the page may show any value due between asking and answering.
    const due = (at: number) => {
      const remaining = (timer_ends_at!.getTime() - at) / 1000;
      return remaining >= 0 ? Math.ceil(remaining) : Math.floor(remaining);
    };
    const disagreement = async () => {
      const asked = Date.now();
      const shown = secondsShown((await page.locator('[data-timer]').textContent())!);
      const [latest, earliest] = [due(asked), due(Date.now())];
      return shown > latest ? shown - latest : shown < earliest ? earliest - shown : 0;
    };
    await expect.poll(disagreement, { timeout: 60_000 }).toBeLessThanOrEqual(1);
    // And it stays there while time goes on.
    await page.waitForTimeout(2_000);
    expect(await disagreement()).toBeLessThanOrEqual(1);

    // The laptop's clock is stepped a day ahead with no timer firing (NTP, a sleep): the screen
    // notices on its next tick and asks the server, long before its half-minute sync would.
    await page.clock.setSystemTime(Date.now() + 86_400_000);
    await expect.poll(disagreement, { timeout: 10_000 }).toBeLessThanOrEqual(1);
  });
});
