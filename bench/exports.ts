import type { Database } from '../src/db/client.js';
import type { Actor } from '../src/db/write.js';
import { publishRelease } from '../src/domain/releases/releases.js';

/**
 * The benchmark event's schedule (~240 sessions) exported as a calendar, an app and a spreadsheet
 * read it: each format fetched in full, sequentially, and then polled with its ETag (the 304 a
 * calendar app gets every few minutes). A figure in milliseconds, with the one statement that reads
 * the release's snapshot as the floor beside it; the spread over every request, the worst included.
 */

type Timing = { p50Ms: number; p99Ms: number; maxMs: number; bytes?: number };

export async function measureExports(options: {
  db: Database;
  apiUrl: string;
  token: string;
  eventId: string;
  actor: Actor;
  requests: number;
  percentile: (values: number[], p: number) => number;
}): Promise<Record<string, Timing | number>> {
  const { db, apiUrl, token, eventId, actor, requests, percentile } = options;
  // Two releases, so every SEQUENCE is worked out over a history.
  const { n } = await db
    .selectFrom('schedule_release')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .executeTakeFirstOrThrow();
  for (let i = Number(n); i < 2; i++) await publishRelease(db, actor, eventId, `Bench release ${i + 1}`);
  const headers = { authorization: `Bearer ${token}` };
  const round = (x: number) => Math.round(x * 100) / 100;
  const timing = (values: number[], bytes?: number): Timing => ({
    p50Ms: round(percentile(values, 50)),
    p99Ms: round(percentile(values, 99)),
    maxMs: round(Math.max(...values)),
    ...(bytes === undefined ? {} : { bytes }),
  });
  async function fetchMany(path: string, extra: Record<string, string> = {}, expect = 200) {
    const times: number[] = [];
    let bytes = 0;
    let etag = '';
    for (let i = 0; i < requests; i++) {
      const started = performance.now();
      const response = await fetch(`${apiUrl}${path}`, { headers: { ...headers, ...extra } });
      const body = await response.arrayBuffer();
      times.push(performance.now() - started);
      if (response.status !== expect) throw new Error(`${path}: ${response.status}, expected ${expect}`);
      bytes = body.byteLength;
      etag = response.headers.get('etag') ?? '';
    }
    return { times, bytes, etag };
  }
  const results: Record<string, Timing | number> = {};
  const sessions = await db
    .selectFrom('session')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .executeTakeFirstOrThrow();
  results.sessions = Number(sessions.n);
  for (const file of ['schedule.ics', 'schedule.json', 'schedule.csv']) {
    const full = await fetchMany(`/export/events/${eventId}/${file}`);
    results[file] = timing(full.times, full.bytes);
    if (file === 'schedule.ics')
      results['schedule.ics 304'] = timing(
        (await fetchMany(`/export/events/${eventId}/${file}`, { 'if-none-match': full.etag }, 304)).times,
      );
  }
  const draft = await fetchMany(`/export/events/${eventId}/schedule.ics?release=draft`);
  results['schedule.ics draft'] = timing(draft.times, draft.bytes);
  // The floor: the one statement that reads the latest release's snapshot.
  const floor: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    await db
      .selectFrom('schedule_release')
      .select('sessions')
      .where('event_id', '=', eventId)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    floor.push(performance.now() - started);
  }
  results.floorReadRelease = timing(floor);
  return results;
}
