import { encodeGlobalID } from '@pothos/plugin-relay';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.js';

/** The control-room screens in headless Chromium, as the browser tests and the bench open them. */

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM ?? undefined, args: CHROMIUM_ARGS });

type Screen = { caller: string; timer: string; overview: string };
const PARAM = { caller: ['session', 'Session'], timer: ['room', 'Room'], overview: ['event', 'Event'] } as const;

/** A screen's address, with its token in the fragment as a screen link carries it. */
export function screenUrl(base: string, screen: keyof Screen, id: string, token: string): string {
  const [param, type] = PARAM[screen];
  return `${base}/screens/${screen}?${param}=${encodeURIComponent(encodeGlobalID(type, id))}#token=${token}`;
}

/** Opens a screen in a new page of `browser` and waits until it says it is live. */
export async function openScreen(browser: Browser, url: string, viewport = { width: 1600, height: 1000 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);
  await page
    .locator('[data-link="live"]')
    .waitFor({ state: 'attached', timeout: 20_000 })
    .catch(async (error: unknown) => {
      throw new Error(`${url} did not go live: ${problems.join('; ')} ${await page.locator('body').innerText()}`, { cause: error });
    });
  return page;
}

/** What the page says about its link: live, catching-up, disconnected, connecting or refused. */
export const linkState = async (page: Page): Promise<string | null> =>
  (await page.locator('[data-refused]').count()) ? 'refused' : page.locator('[data-link]').getAttribute('data-link');

/** "12:34", "1:02:34" or "+00:41" (over) as seconds; negative when over. */
export function secondsShown(text: string): number {
  const over = text.trim().startsWith('+');
  const parts = text.replace('+', '').trim().split(':').map(Number);
  const seconds = parts.reduce((total, part) => total * 60 + part, 0);
  return over ? -seconds : seconds;
}
