import fs from 'node:fs';
import path from 'node:path';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.js';
import { useTestDatabase, type TestDatabase } from '../helpers/db.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/browser.js';
import { startServer, type Running } from '../helpers/process.js';

/**
 * GraphiQL as a person uses it: the real page in headless Chromium against the real server
 * process, the token typed into the Headers tab, the README's first query and its eventChanges
 * subscription run with the Execute button. Screenshots of each step go to .data/screenshots/.
 */
const SHOTS = path.resolve('.data/screenshots');

let t: TestDatabase;
let api: Running & { exited: Promise<number | null> };
let tokens: Awaited<ReturnType<typeof seedDemo>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  t = await useTestDatabase();
  tokens = await seedDemo(t.db);
  api = await startServer({ DATABASE_URL: t.url, DATA_DIR: path.resolve('.data'), LOG_LEVEL: 'warn' });
  browser = await chromium.launch({ executablePath: CHROMIUM ?? undefined, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  api?.child.kill('SIGTERM');
  await api?.exited;
});

/** Replaces what a Monaco editor of the page holds, the way a person does: click, select all, type. */
async function typeInto(editor: string, text: string): Promise<void> {
  await page.locator(`${editor} .graphiql-editor:not(.hidden) .monaco-editor .view-lines`).first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // One line: GraphQL and JSON do not need line breaks, and Monaco takes a typed Enter as accepting a suggestion.
  await page.keyboard.insertText(text.replace(/\s+/g, ' '));
  await page.keyboard.press('Escape');
}

/** The text the result pane shows now (Monaco draws non-breaking spaces). */
async function resultText(): Promise<string> {
  return ((await page.locator('section[aria-label="Result Window"] .view-lines').first().textContent()) ?? '').replace(/\u00a0/g, ' ');
}

async function untilResult(pattern: RegExp, ms = 20_000): Promise<string> {
  let text = '';
  for (const end = Date.now() + ms; Date.now() < end;) {
    text = await resultText();
    if (pattern.test(text)) return text;
    await page.waitForTimeout(100);
  }
  return text;
}

const README_QUERY = `query {
  viewer { user { name } organization { name kind } }
  events(first: 5) {
    nodes {
      id
      name
      revision
    }
  }
}`;

describe('GraphiQL in a real browser', () => {
  it('runs the first query with the token typed into the Headers tab, then streams eventChanges as a change is made over HTTP', async () => {
    // Venues often have no internet: everything the page loads comes from the API itself.
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${api.url}/graphql`);
    await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'graphiql-1-opened.png') });

    // The Headers tab, as the README says (GraphiQL opens with it showing; a click on it when shown would hide it).
    const headersTab = page.getByRole('button', { name: 'Headers', exact: true });
    if (!(await headersTab.getAttribute('class'))?.includes('active')) await headersTab.click();
    await typeInto('section[aria-label="Headers"]', JSON.stringify({ Authorization: `Bearer ${tokens.production}` }));
    await typeInto('section[aria-label="Operation Editor"]', README_QUERY);
    // GraphiQL has read the new document once its tab is no longer named after the default query's operation.
    await page.locator('.graphiql-tab-active', { hasText: '<untitled>' }).waitFor();
    await page.getByRole('button', { name: /Execute query/ }).click();
    const result = await untilResult(/Northwind Sales Kickoff 2027/);
    await page.screenshot({ path: path.join(SHOTS, 'graphiql-2-query.png') });
    expect(result).toMatch(/"name": "Northwind Sales Kickoff 2027"/);
    expect(result).toMatch(/"kind": "PRODUCTION_AGENCY"/);

    const event = await t.db.selectFrom('event').select(['id', 'revision']).executeTakeFirstOrThrow();
    const eventId = encodeGlobalID('Event', event.id);
    await typeInto(
      'section[aria-label="Operation Editor"]',
      `subscription {
  eventChanges(eventId: "${eventId}", afterRevision: ${event.revision}) {
    revision
    kind
    actorOrganization { name kind }
    entity { id ... on Cue { label title } }
  }
}`,
    );
    await page.getByRole('button', { name: /Execute query/ }).click();
    // Subscribed once the button offers to stop it.
    await page.getByRole('button', { name: /Stop/ }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(SHOTS, 'graphiql-3-subscribed.png') });

    const cue = await t.db.selectFrom('cue').select(['id', 'version']).orderBy('position').executeTakeFirstOrThrow();
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.production}` },
      body: JSON.stringify({
        query: 'mutation($input: UpdateCueInput!) { updateCue(input: $input) { __typename } }',
        variables: {
          input: { id: encodeGlobalID('Cue', cue.id), expectedVersion: cue.version, title: 'House to half, from the browser test' },
        },
      }),
    });
    expect(((await response.json()) as { data: { updateCue: { __typename: string } } }).data.updateCue.__typename).toBe('UpdateCuePayload');
    const change = await untilResult(/House to half, from the browser test/);
    await page.screenshot({ path: path.join(SHOTS, 'graphiql-4-change-arrived.png') });
    expect(change).toMatch(new RegExp(`"revision": ${event.revision + 1}`));
    expect(change).toMatch(/"kind": "Cue.updated"/);
    expect(change).toMatch(/"title": "House to half, from the browser test"/);
    expect(requested.filter((url) => !url.startsWith(api.url) && !/^(blob|data):/.test(url))).toEqual([]);
  });
});
