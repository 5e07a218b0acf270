import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCue } from '../../src/domain/runofshow/runofshow.js';
import { useTestDatabase } from '../helpers/db.js';
import { startServer } from '../helpers/process.js';
import { gid, makeWorld } from '../helpers/world.js';
import { sleep } from '../helpers/wait.js';

const GO = 'mutation($id: ID!) { goCue(input: { cueId: $id }) { __typename } }';

describe('an AUTO_FOLLOW pending when its process is killed', () => {
  it('fires exactly once, from the process that comes up after it, at its time', async () => {
    const { db, url } = await useTestDatabase();
    const world = await makeWorld(db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 0 });
    const sessionId = world.sessionIds[0]!;
    const steps = [
      ['VIDEO', 'Roll sizzle reel', 'MANUAL', 4],
      ['LIGHTING', 'Stage up after the reel', 'AUTO_FOLLOW', null],
      ['AUDIO', 'Host mic live', 'AUTO_CONTINUE', null],
    ] as const;
    const ids: string[] = [];
    for (const [i, [department, title, trigger, durationSeconds]] of steps.entries())
      ids.push(
        (await createCue(db, world.production.actor, sessionId, { number: String(i + 1), department, title, trigger, durationSeconds }))
          .result.id,
      );
    const env = { DATABASE_URL: url, DATA_DIR: path.resolve('.data'), LOG_LEVEL: 'error' };
    const states = async () =>
      await db.selectFrom('cue').select(['state', 'fired_at']).where('session_id', '=', sessionId).orderBy('position').execute();

    // The GO goes through the first process, which is killed (kill -9) before the reel ends.
    const first = await startServer(env);
    const response = await fetch(`${first.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.production.token}` },
      body: JSON.stringify({ query: GO, variables: { id: gid('Cue', ids[0]!) } }),
    });
    expect(((await response.json()) as { data: { goCue: { __typename: string } } }).data.goCue.__typename).toBe('GoCuePayload');
    first.child.kill('SIGKILL');
    await first.exited;
    expect((await states()).map((c) => c.state)).toEqual(['FIRED', 'PENDING', 'PENDING']);

    // Two processes come up; the follow fires once, after the reel's four seconds.
    const [second, third] = await Promise.all([startServer(env), startServer(env)]);
    try {
      let seen: string[] = [];
      for (const end = Date.now() + 20_000; Date.now() < end; await sleep(100)) {
        seen = (await states()).map((c) => c.state);
        if (seen[1] === 'FIRED') break;
      }
      expect(seen).toEqual(['FIRED', 'FIRED', 'FIRED']);
      const after = await states();
      expect(after[1]!.fired_at!.getTime() - after[0]!.fired_at!.getTime()).toBeGreaterThanOrEqual(4000);
      await sleep(1500);
      const followed = await db
        .selectFrom('change')
        .select('kind')
        .where('event_id', '=', world.event.id)
        .where('kind', 'in', ['Cue.fired', 'Cue.followed'])
        .orderBy('revision')
        .execute();
      expect(followed.map((c) => c.kind)).toEqual(['Cue.fired', 'Cue.followed']);
    } finally {
      second.child.kill('SIGTERM');
      third.child.kill('SIGTERM');
      await Promise.all([second.exited, third.exited]);
    }
  }, 120_000);
});
