import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createDatabase } from '../src/db/client.js';

describe('unexpected failures', () => {
  it('are masked: no SQL, driver message, file path or stack reaches the client; a missing database says SERVICE_UNAVAILABLE', async () => {
    // A database that is not there: every query fails inside the driver.
    const db = createDatabase('postgres://postgres:wrong@127.0.0.1:1/nowhere');
    const app = createApp({ db });
    const response = await app.yoga.fetch('http://showcall.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sc_anything' },
      body: JSON.stringify({ query: '{ serverTime }' }),
    });
    const text = await response.text();
    // A database that is not there is not a bug: the client is told to retry.
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(JSON.parse(text).errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 });
    expect(text).not.toMatch(/ECONNREFUSED|api_token|select|\.ts:|node_modules|stack/i);
    await db.destroy();
  });

  it('still answers public fields without a token', async () => {
    const db = createDatabase('postgres://postgres:wrong@127.0.0.1:1/nowhere');
    const app = createApp({ db });
    const response = await app.yoga.fetch('http://showcall.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ serverTime viewer { user { name } } }' }),
    });
    const body = (await response.json()) as { data: { serverTime: string; viewer: null } };
    expect(Math.abs(Date.parse(body.data.serverTime) - Date.now())).toBeLessThan(60_000);
    expect(body.data.viewer).toBeNull();
    await db.destroy();
  });
});
