import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { demoToday } from '../src/seed/demo.js';
import { addDays, localDay, zonedInstant } from '../src/domain/time.js';
import { useTestDatabase } from './helpers/db.js';
import * as ops from './gql/graphql.js';
import { as, client, ok } from './helpers/graphql.js';
import { run } from './helpers/process.js';
import { tokensFile } from '../src/seed/tokens-file.js';
import fs from 'node:fs';
import path from 'node:path';

describe('wall-clock times in an event’s zone', () => {
  it('turn into the right instants on both sides of a DST change', () => {
    // Los Angeles springs forward on 2027-03-14: UTC−8 before, UTC−7 after.
    expect(zonedInstant('2027-03-13', '09:00', 'America/Los_Angeles').toISOString()).toBe('2027-03-13T17:00:00.000Z');
    expect(zonedInstant('2027-03-15', '09:00', 'America/Los_Angeles').toISOString()).toBe('2027-03-15T16:00:00.000Z');
    // 02:30 does not exist that night: an hour later.
    expect(zonedInstant('2027-03-14', '02:30', 'America/Los_Angeles').toISOString()).toBe('2027-03-14T10:30:00.000Z');
    // Berlin falls back on 2027-10-31: 02:30 happens twice; the first is taken.
    expect(zonedInstant('2027-10-31', '02:30', 'Europe/Berlin').toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(localDay(zonedInstant('2027-01-26', '23:30', 'America/Los_Angeles'), 'America/Los_Angeles')).toBe('2027-01-26');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
  });
});

describe('the demo, live today', () => {
  it('npm run seed -- --today puts the event on today, so starting its opening session is on time, not months off', async () => {
    const t = await useTestDatabase();
    fs.mkdirSync('.data', { recursive: true });
    const dataDir = fs.mkdtempSync(path.resolve('.data/demo-today-'));
    try {
      const seed = run('src/cli/seed.ts', { DATABASE_URL: t.url, DATA_DIR: dataDir }, ['--today']);
      expect(await seed.exited, seed.output()).toBe(0);
      expect(seed.output()).toContain(`starting today, ${demoToday()}`);
      const tokens = JSON.parse(fs.readFileSync(tokensFile(dataDir, t.url), 'utf8')) as { production: string };
      const app = createApp({ db: t.db });
      const call = client(app, tokens.production);
      const event = ok(await call(ops.OpeningOfDayDocument, { day: demoToday() })).events.nodes[0]!;
      expect(event.days).toEqual([demoToday(), addDays(demoToday(), 1), addDays(demoToday(), 2)]);
      const opening = event.sessions.nodes[0]!;
      expect(localDay(new Date(opening.startsAt), 'America/Los_Angeles')).toBe(demoToday());
      expect(new Date(opening.startsAt).toISOString()).toBe(zonedInstant(demoToday(), '09:00', 'America/Los_Angeles').toISOString());
      const started = as(ok(await call(ops.StartSessionTimingDocument, { sessionId: opening.id })).startSession, 'StartSessionPayload');
      expect(Math.abs(started.session.overUnderSeconds!)).toBeLessThan(36 * 3600);
      await app.stop();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
