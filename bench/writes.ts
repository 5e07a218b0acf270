import { encodeGlobalID } from '@pothos/plugin-relay';
import pg from 'pg';
import { CHANGE_CHANNEL } from '../src/db/write.js';

/**
 * The commit rate one event sustains: `writers` callers editing cues of the same event at once (each
 * its own cue, so no edit is refused as stale) for `seconds`, through GraphQL over HTTP while the
 * screens are attached — against a floor of the same transaction in plain SQL on a pool of the
 * same size (lock the event row, write the cue, take the revision, record the change, NOTIFY), in
 * the same run, with the same screens receiving its changes. Every commit of one event queues on
 * that event's row: this measures the serial section and what the API adds around it. The two
 * alternate, `rounds` rounds each, so that both meet the same moments of a shared machine; the
 * ratio is of their rates over all rounds, and `ratioRange` each round's.
 */

type Rate = { commits: number; perSecond: number; p50Ms: number; p99Ms: number };

export async function measureWrites(options: {
  apiUrl: string;
  databaseUrl: string;
  token: string;
  eventId: string;
  /** Cues of the event, one per writer. */
  cues: { id: string; version: number }[];
  actor: { userId: string; organizationId: string };
  seconds: number;
  rounds: number;
  percentile: (values: number[], p: number) => number;
  /** Closes the screens (before the last measurement). */
  detach: () => Promise<void>;
}): Promise<{ graphql: Rate; floor: Rate; floorAlone: Rate; ratio: number; ratioRange: [number, number]; writers: number }> {
  const { apiUrl, databaseUrl, token, eventId, cues, actor, seconds, rounds, percentile, detach } = options;
  const round = (x: number) => Math.round(x * 100) / 100;
  const rate = (times: number[], ms: number): Rate => ({
    commits: times.length,
    perSecond: round((times.length * 1000) / ms),
    p50Ms: round(percentile(times, 50)),
    p99Ms: round(percentile(times, 99)),
  });
  type Round = { times: number[]; ms: number };
  async function run(write: (cue: { id: string; version: number }, n: number) => Promise<void>): Promise<Round> {
    const times: number[] = [];
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(
      cues.map(async (cue) => {
        for (let n = 0; performance.now() < until; n++) {
          const t0 = performance.now();
          await write(cue, n);
          cue.version++;
          times.push(performance.now() - t0);
        }
      }),
    );
    return { times, ms: performance.now() - started };
  }
  const together = (all: Round[]) =>
    rate(
      all.flatMap((r) => r.times),
      all.reduce((sum, r) => sum + r.ms, 0),
    );

  const graphqlWrite = async (cue: { id: string; version: number }, n: number) => {
    const response = await fetch(`${apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'mutation($input: UpdateCueInput!) { updateCue(input: $input) { __typename ... on UpdateCuePayload { revision } } }',
        variables: { input: { id: encodeGlobalID('Cue', cue.id), expectedVersion: cue.version, title: `Edit ${n}` } },
      }),
    });
    const body = (await response.json()) as { data?: { updateCue?: { __typename: string } } };
    if (body.data?.updateCue?.__typename !== 'UpdateCuePayload') throw new Error(`edit refused: ${JSON.stringify(body)}`);
  };

  const pool = new pg.Pool({ connectionString: databaseUrl, max: cues.length });
  const sqlWrite = async (cue: { id: string; version: number }, n: number) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT * FROM event WHERE id = $1 FOR NO KEY UPDATE', [eventId]);
      const before = await client.query('SELECT * FROM cue WHERE id = $1', [cue.id]);
      const after = await client.query('UPDATE cue SET title = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *', [
        cue.id,
        `Floor ${n}`,
      ]);
      const { rows } = await client.query<{ revision: string }>(
        'UPDATE event SET revision = revision + 1 WHERE id = $1 RETURNING revision',
        [eventId],
      );
      const revision = rows[0]!.revision;
      await client.query(
        `INSERT INTO change (event_id, revision, actor_user_id, actor_organization_id, kind, entity_type, entity_id, before, after)
         VALUES ($1, $2, $3, $4, 'Cue.updated', 'Cue', $5, $6, $7)`,
        [
          eventId,
          revision,
          actor.userId,
          actor.organizationId,
          cue.id,
          JSON.stringify({ title: before.rows[0].title }),
          JSON.stringify({ title: after.rows[0].title }),
        ],
      );
      await client.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, `${eventId}:${revision}`]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  const graphqlRounds: Round[] = [];
  const floorRounds: Round[] = [];
  for (let r = 0; r < rounds; r++) {
    graphqlRounds.push(await run(graphqlWrite));
    floorRounds.push(await run(sqlWrite));
  }
  const graphql = together(graphqlRounds);
  const floor = together(floorRounds);
  const perRound = graphqlRounds.map((g, i) => round(g.times.length / g.ms / (floorRounds[i]!.times.length / floorRounds[i]!.ms)));
  // The same SQL with the screens gone: what the database alone allows one event.
  await detach();
  const floorAlone = together([await run(sqlWrite)]);
  await pool.end();
  const ratioRange: [number, number] = [Math.min(...perRound), Math.max(...perRound)];
  return { graphql, floor, floorAlone, ratio: round(graphql.perSecond / floor.perSecond), ratioRange, writers: cues.length };
}
