import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createCue } from '../src/domain/runofshow/runofshow.js';
import * as ops from './gql/graphql.js';
import { client, gid, makeWorld, revisionOf, sleep, useTestDatabase, type TestDatabase } from './helpers/index.js';

/**
 * Follows are the server's: no process of this file runs but the ones a test starts, so what fires
 * a follow is known — the process that took the GO stops before it is due, and others take over.
 */
let t: TestDatabase;

beforeAll(async () => {
  t = await useTestDatabase();
});

const states = (sessionId: string) =>
  t.db.selectFrom('cue').select(['title', 'state', 'fired_at']).where('session_id', '=', sessionId).orderBy('position').execute();

describe('AUTO_FOLLOW', () => {
  it('fires when the cue before it ends, by the server, exactly once — even when the process that saw the GO stops first', async () => {
    const world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 0 });
    const sessionId = world.sessionIds[0]!;
    const ids: string[] = [];
    const steps = [
      ['VIDEO', 'Roll sizzle reel', 'MANUAL', 2],
      ['LIGHTING', 'Stage up after the reel', 'AUTO_FOLLOW', null],
      ['AUDIO', 'Host mic live', 'AUTO_CONTINUE', null],
      ['STAGE_MANAGEMENT', 'Host walks on', 'MANUAL', null],
    ] as const;
    for (const [i, [department, title, trigger, durationSeconds]] of steps.entries()) {
      ids.push(
        (await createCue(t.db, world.production.actor, sessionId, { number: String(i + 1), department, title, trigger, durationSeconds }))
          .result.id,
      );
    }
    // The process that takes the GO stops before the follow is due.
    const first = createApp({ db: t.db, databaseUrl: t.url });
    const before = await revisionOf(t.db, world.event.id);
    await client(first, world.production.token)(ops.GoCueDocument, { cueId: gid('Cue', ids[0]!) });
    await first.stop();
    expect((await states(sessionId)).map((c) => c.state)).toEqual(['FIRED', 'PENDING', 'PENDING', 'PENDING']);
    // Two processes come up (a restart behind a balancer): one of them fires it, once.
    const second = createApp({ db: t.db, databaseUrl: t.url, followPollMs: 200 });
    const third = createApp({ db: t.db, databaseUrl: t.url, followPollMs: 200 });
    try {
      const fired = async () => (await states(sessionId)).map((c) => c.state).join();
      let seen = '';
      for (const end = Date.now() + 10_000; Date.now() < end; await sleep(50)) {
        seen = await fired();
        if (seen === 'FIRED,FIRED,FIRED,PENDING') break;
      }
      expect(seen).toBe('FIRED,FIRED,FIRED,PENDING');
      const after = await states(sessionId);
      // Not before the reel ended: its two seconds after the GO.
      expect(after[1]!.fired_at!.getTime() - after[0]!.fired_at!.getTime()).toBeGreaterThanOrEqual(2000);
      expect(after[2]!.fired_at).toEqual(after[1]!.fired_at);
      // Another second for any double fire to show: there is none — two changes in all, the GO and the follow.
      await sleep(1000);
      expect(await revisionOf(t.db, world.event.id)).toBe(before + 2);
      const followed = await t.db
        .selectFrom('change')
        .select(['kind', 'actor_user_id'])
        .where('event_id', '=', world.event.id)
        .where('revision', '=', before + 2)
        .executeTakeFirstOrThrow();
      expect(followed).toEqual({ kind: 'Cue.followed', actor_user_id: null });
    } finally {
      await second.stop();
      await third.stop();
    }
  });
});
