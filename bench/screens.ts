import type { Page } from 'playwright-core';
import type { Database } from '../src/db/client.js';
import type { Actor } from '../src/db/write.js';
import { resetShow } from '../src/domain/live/session.js';
import { CHROMIUM } from '../tests/helpers/browser.js';
import { launchChromium, openScreen, screenUrl } from '../tests/helpers/screens.js';
import { encodeGlobalID } from '@pothos/plugin-relay';

/**
 * GO to glass: a GO mutation sent over HTTP → the stage timer page in headless Chromium shows the
 * session's countdown (and the caller page shows the cue fired). Each GO is the first of a session
 * with no segments, so it starts the session and puts its countdown on the stage; the show is
 * reset between GOs (not timed). "Shows" is the first animation frame after the DOM changed —
 * the frame that paints it.
 */

export type GoToGlass =
  | { gos: number; p50Ms: number; p99Ms: number; maxMs: number; callerP50Ms: number; callerP99Ms: number; samplesMs: number[] }
  | { skipped: string };

/**
 * Arms the page to report (as epoch ms) the frame after `selector` first matches. Sent as text:
 * functions compiled by tsx carry a helper (`__name`) the page does not have; `void`, or
 * evaluate would wait for the promise.
 */
const arm = (page: Page, selector: string) =>
  page.evaluate(`void (window.seen = new Promise((resolve) => {
    const selector = ${JSON.stringify(selector)};
    const observer = new MutationObserver(() => check());
    const check = () => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(Date.now()));
    };
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    check();
  }))`);
const seenAt = (page: Page) => page.evaluate('window.seen') as Promise<number>;

export async function measureGoToGlass(options: {
  apiUrl: string;
  db: Database;
  actor: Actor;
  token: string;
  sessionId: string;
  roomId: string;
  gos: number;
  percentile: (values: number[], p: number) => number;
}): Promise<GoToGlass> {
  if (!CHROMIUM) return { skipped: 'no Chromium (apt-get install chromium, or CHROMIUM_PATH)' };
  const { apiUrl, db, actor, token, sessionId, roomId, gos, percentile } = options;
  const browser = await launchChromium();
  try {
    await resetShow(db, actor, sessionId);
    const timer = await openScreen(browser, screenUrl(apiUrl, 'timer', roomId, token), { width: 1920, height: 1080 });
    const caller = await openScreen(browser, screenUrl(apiUrl, 'caller', sessionId, token));
    const toTimer: number[] = [];
    const toCaller: number[] = [];
    // One uncounted warm-up GO first (compiled queries, the pages' first paint of a timer), as the fan-out does.
    for (let i = -1; i < gos; i++) {
      await resetShow(db, actor, sessionId);
      await timer.locator('[data-timer]').waitFor({ state: 'detached' });
      const first = await db
        .selectFrom('cue')
        .select('id')
        .where('session_id', '=', sessionId)
        .orderBy('position')
        .executeTakeFirstOrThrow();
      await caller.locator('[data-cue][data-state="FIRED"]').first().waitFor({ state: 'detached' });
      await arm(timer, '[data-timer]');
      await arm(caller, '[data-cue][data-state="FIRED"]');
      const sent = Date.now();
      const response = await fetch(`${apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: 'mutation($s: ID!, $c: ID!) { goNextCue(input: { sessionId: $s, expectedCueId: $c }) { __typename } }',
          variables: { s: encodeGlobalID('Session', sessionId), c: encodeGlobalID('Cue', first.id) },
        }),
      });
      const answer = (await response.json()) as { data?: { goNextCue?: { __typename: string } } };
      if (answer.data?.goNextCue?.__typename !== 'GoNextCuePayload') throw new Error(`GO refused: ${JSON.stringify(answer)}`);
      const [timerAt, callerAt] = [await seenAt(timer), await seenAt(caller)];
      if (i < 0) continue;
      toTimer.push(timerAt - sent);
      toCaller.push(callerAt - sent);
    }
    await resetShow(db, actor, sessionId);
    const r = (n: number) => Math.round(n * 10) / 10;
    return {
      gos,
      p50Ms: r(percentile(toTimer, 50)),
      p99Ms: r(percentile(toTimer, 99)),
      maxMs: r(Math.max(...toTimer)),
      callerP50Ms: r(percentile(toCaller, 50)),
      callerP99Ms: r(percentile(toCaller, 99)),
      samplesMs: toTimer,
    };
  } finally {
    await browser.close();
  }
}
