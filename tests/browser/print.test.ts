import { encodeGlobalID } from '@pothos/plugin-relay';
import { chromium, type Browser } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCue } from '../../src/domain/runofshow/runofshow.js';
import type { CueDepartment } from '../../src/db/types.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/browser.js';
import { servedSuite } from '../helpers/index.js';

/**
 * The printable run-of-show (#20), the show caller's paper backup: the page a browser opens,
 * printed to PDF by Chromium on A4 and on Letter, read back page by page — every cue's number,
 * title and the last line of its notes on one page (a page break never splits a cue), the column
 * heads on every page.
 */

const s = servedSuite({ rooms: 1, sessionsPerRoom: 1, cuesPerSession: 0 });
let browser: Browser;
const DEPARTMENTS: CueDepartment[] = ['LIGHTING', 'AUDIO', 'VIDEO', 'GRAPHICS'];
const CUES = 48;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM ?? undefined, args: CHROMIUM_ARGS });
  const session = s.world.sessionIds[0]!;
  for (let i = 0; i < CUES; i++) {
    // Notes of one to six lines: rows of uneven height, so page breaks fall anywhere.
    const lines = Array.from(
      { length: 1 + (i % 6) },
      (_, l) => `Line ${l + 1} of the notes for this cue, long enough to wrap in its column`,
    );
    await createCue(s.t.db, s.world.production.actor, session, {
      number: String(100 + i),
      department: DEPARTMENTS[i % DEPARTMENTS.length]!,
      title: `Step${String(i).padStart(3, '0')} of the show`,
      notes: [...lines, `Endnote${String(i).padStart(3, '0')}`].join('\n'),
      offsetSeconds: i * 30,
    });
  }
});

afterAll(async () => {
  await browser?.close();
});

/** The PDF's text, page by page. */
async function pagesOf(pdf: Buffer): Promise<{ text: string; width: number; height: number }[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: true, isEvalSupported: false }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const [, , width, height] = page.view as [number, number, number, number];
    pages.push({ text: content.items.map((item) => ('str' in item ? item.str : '')).join(' '), width, height });
  }
  await doc.destroy();
  return pages;
}

describe('the printable run-of-show', () => {
  for (const [paper, size] of [
    ['A4', [595, 842]],
    ['letter', [612, 792]],
  ] as const) {
    it(`prints on ${paper} with no cue split across pages and the heads on every page`, async () => {
      const base = s.url.replace(/^ws/, 'http').replace(/\/graphql$/, '');
      const page = await browser.newPage();
      const session = encodeURIComponent(encodeGlobalID('Session', s.world.sessionIds[0]!));
      const response = await page.goto(
        `${base}/export/sessions/${session}/run-of-show.html?paper=${paper}&key=${s.world.production.token}`,
      );
      expect(response?.status()).toBe(200);
      await expect(page.locator('h1').textContent()).resolves.toBe('Session 1.1');
      expect(await page.locator('tr.cue').count()).toBe(CUES);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      await page.close();

      const pages = await pagesOf(pdf);
      expect(pages.length).toBeGreaterThanOrEqual(3);
      for (const p of pages) {
        expect([Math.round(p.width), Math.round(p.height)]).toEqual(size);
        expect(p.text).toMatch(/CUE\s+DEPT\s+TIME\s+WHAT\s+NOTES/);
      }
      for (let i = 0; i < CUES; i++) {
        const tag = String(i).padStart(3, '0');
        const label = new RegExp(`\\b(LX|SND|VID|GFX) ${100 + i}\\b`);
        const on = (pattern: RegExp | string) =>
          pages.flatMap((p, n) => ((typeof pattern === 'string' ? p.text.includes(pattern) : pattern.test(p.text)) ? [n] : []));
        const where = [on(label), on(`Step${tag}`), on(`Endnote${tag}`)];
        // Each on exactly one page, and the same one.
        expect(where, `cue ${100 + i}`).toEqual([where[1], where[1], where[1]]);
        expect(where[1]).toHaveLength(1);
      }
    });
  }
});
