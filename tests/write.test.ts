import { describe, expect, it } from 'vitest';
import { updateCue } from '../src/domain/runofshow/runofshow.js';
import { useTestDatabase } from './helpers/db.js';
import { makeWorld } from './helpers/world.js';

/** The one write path, composed: inside a caller's transaction, writes land together or not at all. */
describe('writeEvent inside a transaction', () => {
  it('joins it: two changes take two revisions and commit together, and a refusal in the second undoes the first', async () => {
    const t = await useTestDatabase();
    const world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 2 });
    const [first, second] = world.cueIds as [string, string];
    const revision = async () =>
      (await t.db.selectFrom('event').select('revision').where('id', '=', world.event.id).executeTakeFirstOrThrow()).revision;
    const title = async (id: string) => (await t.db.selectFrom('cue').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title;
    const start = await revision();

    const written = await t.db
      .transaction()
      .execute(async (tx) => [
        await updateCue(tx, world.production.actor, first, 1, { title: 'Together A' }),
        await updateCue(tx, world.production.actor, second, 1, { title: 'Together B' }),
      ]);
    expect(written.map((w) => w.revision)).toEqual([start + 1, start + 2]);
    expect([await title(first), await title(second)]).toEqual(['Together A', 'Together B']);

    await expect(
      t.db.transaction().execute(async (tx) => {
        await updateCue(tx, world.production.actor, first, 2, { title: 'Undone' });
        await updateCue(tx, world.production.actor, second, 1, { title: 'Stale' }); // version 2 by now
      }),
    ).rejects.toThrow(/changed by someone else/);
    expect(await title(first)).toBe('Together A');
    expect(await revision()).toBe(start + 2);
    expect(
      await t.db
        .selectFrom('change')
        .select('revision')
        .where('event_id', '=', world.event.id)
        .where('revision', '>', start + 2)
        .execute(),
    ).toEqual([]);
  });
});
