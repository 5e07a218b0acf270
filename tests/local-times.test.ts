import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { send } from './helpers/graphql.js';
import { useTestDatabase } from './helpers/db.js';
import { gid, makeWorld } from './helpers/world.js';

/** Schedule times on the event's wall clock (the test event is in Europe/Berlin), across a DST change. */
let app: App;
let world: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  const t = await useTestDatabase();
  world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 1, cuesPerSession: 2 });
  app = createApp({ db: t.db, logLevel: 'error' });
});

type Payload = {
  __typename: string;
  field?: string;
  session?: { id: string; version: number; startsAt: string; endsAt: string; startsAtLocal: string; endsAtLocal: string };
};
const SESSION = (payload: string) =>
  `__typename ... on ValidationError { field } ... on ${payload} { session { id version startsAt endsAt startsAtLocal endsAtLocal } }`;

async function createSession(input: Record<string, unknown>): Promise<Payload> {
  const response = await send<{ createSession: Payload }>(
    app,
    world.management.token,
    `mutation($input: CreateSessionInput!) { createSession(input: $input) { ${SESSION('CreateSessionPayload')} } }`,
    {
      input: { eventId: gid('Event', world.event.id), title: 'Local', kind: 'BREAKOUT', ...input },
    },
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.createSession;
}

describe("times on the event's wall clock", () => {
  it('are written and read as local times, right on both sides of a DST change', async () => {
    // Berlin moves from UTC+1 to UTC+2 in the night to 2027-03-28.
    const before = await createSession({ startsAtLocal: '2027-03-27T09:00', endsAtLocal: '2027-03-27T10:30' });
    expect(before.session).toMatchObject({
      startsAt: '2027-03-27T08:00:00.000Z',
      endsAt: '2027-03-27T09:30:00.000Z',
      startsAtLocal: '2027-03-27T09:00:00',
      endsAtLocal: '2027-03-27T10:30:00',
    });
    const after = await createSession({ startsAtLocal: '2027-03-29T09:00', endsAtLocal: '2027-03-29T10:30:00' });
    expect(after.session).toMatchObject({ startsAt: '2027-03-29T07:00:00.000Z', startsAtLocal: '2027-03-29T09:00:00' });
    // Across the change itself: 01:30 to 03:30 local is one hour, not two.
    const night = await createSession({ startsAtLocal: '2027-03-28T01:30', endsAtLocal: '2027-03-28T03:30' });
    expect(Date.parse(night.session!.endsAt) - Date.parse(night.session!.startsAt)).toBe(3_600_000);

    const moved = await send<{ updateSession: Payload }>(
      app,
      world.management.token,
      `mutation($input: UpdateSessionInput!) { updateSession(input: $input) { ${SESSION('UpdateSessionPayload')} } }`,
      {
        input: { id: after.session!.id, expectedVersion: after.session!.version, endsAtLocal: '2027-03-29T11:00' },
      },
    );
    expect(moved.data!.updateSession.session).toMatchObject({ endsAt: '2027-03-29T09:00:00.000Z', endsAtLocal: '2027-03-29T11:00:00' });
  });

  it("are read on the event's wall clock for speakers' travel and cues too", async () => {
    const { data } = await send<{
      node: {
        sessions: {
          nodes: {
            startsAtLocal: string;
            speakers: { nodes: { speaker: { arrivalAtLocal: string | null } }[] };
            cues: { nodes: { plannedAtLocal: string; offsetSeconds: number }[] };
          }[];
        };
      };
    }>(
      app,
      world.management.token,
      `query($id: ID!) { node(id: $id) { ... on Event { sessions(first: 1) { nodes { startsAtLocal speakers(first: 1) { nodes { speaker { arrivalAtLocal } } } cues(first: 5) { nodes { plannedAtLocal offsetSeconds } } } } } } }`,
      { id: gid('Event', world.event.id) },
    );
    const session = data!.node.sessions.nodes[0]!;
    for (const cue of session.cues.nodes) {
      expect(Date.parse(`${cue.plannedAtLocal}Z`) - Date.parse(`${session.startsAtLocal}Z`)).toBe(cue.offsetSeconds * 1000);
    }
    expect(session.speakers.nodes[0]!.speaker.arrivalAtLocal).toBeNull();
  });

  it('take an instant or a local time, never both, and one of them for a new session', async () => {
    expect(
      await createSession({ startsAt: '2027-03-27T08:00:00Z', startsAtLocal: '2027-03-27T09:00', endsAtLocal: '2027-03-27T10:00' }),
    ).toEqual({ __typename: 'ValidationError', field: 'startsAtLocal' });
    expect(await createSession({ endsAtLocal: '2027-03-27T10:00' })).toEqual({ __typename: 'ValidationError', field: 'startsAt' });
    const bad = await send(
      app,
      world.management.token,
      'mutation { createSession(input: { eventId: "x", title: "t", kind: BREAKOUT, startsAtLocal: "2027-02-30T09:00" }) { __typename } }',
    );
    expect(bad.errors?.[0]?.message).toMatch(/LocalDateTime must be a wall-clock date and time without an offset/);
  });
});
