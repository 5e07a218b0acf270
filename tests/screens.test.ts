import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { listening, useTestDatabase, type TestDatabase } from './helpers/index.js';

/**
 * How the screens are served: by the API process itself, bundled at start, every byte from here
 * (the pages load nothing from elsewhere), cached by ETag. What the pages do is tests/browser/.
 */

let t: TestDatabase;
let app: App;
let base: string;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db, databaseUrl: t.url });
  base = (await listening(app)).replace('ws', 'http').replace('/graphql', '');
});

describe('the screens, as served', () => {
  it('serves each page, its script and its styles from this process, with a policy that allows nothing from elsewhere', async () => {
    for (const name of ['caller', 'timer', 'overview']) {
      const page = await fetch(`${base}/screens/${name}?room=x`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const html = await page.text();
      expect(html).toContain('/screens/app.js');
      // Nothing in the page points off this server.
      expect(html).not.toMatch(/https?:\/\//);
      expect(page.headers.get('content-security-policy')).toMatch(
        /default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'/,
      );
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const script = await fetch(`${base}/screens/app.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const code = await script.text();
    expect(code.length).toBeGreaterThan(10_000);
    // The only addresses in the script are XML namespaces (names, never fetched).
    const addresses = [...new Set(code.match(/https?:\/\/[^\s"'`)]+/g) ?? [])].filter((a) => !a.startsWith('http://www.w3.org/'));
    expect(addresses).toEqual([]);
    const styles = await fetch(`${base}/screens/app.css`);
    expect(styles.headers.get('content-type')).toMatch(/text\/css/);
    expect(await styles.text()).not.toMatch(/@import|url\(https?:/);
  });

  it('answers a repeated request with 304 by its ETag, and an unknown screen with 404 naming the real ones', async () => {
    const first = await fetch(`${base}/screens/app.js`);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await fetch(`${base}/screens/app.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const missing = await fetch(`${base}/screens/backstage`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/caller, timer, overview/);
    const posted = await fetch(`${base}/screens/timer`, { method: 'POST' });
    expect(posted.status).toBe(405);
  });
});
