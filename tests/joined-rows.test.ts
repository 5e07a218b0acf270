import { getNamedType, isListType, isNonNullType, isObjectType, type GraphQLOutputType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { schema } from '../src/schema/index.js';
import { joinableTable } from '../src/schema/selection.js';
import { useTestDatabase, type TestDatabase } from './helpers/db.js';
import { ok, send } from './helpers/graphql.js';
import { gid, makeWorld } from './helpers/world.js';

/**
 * A page reads the rows its rows point at (a session's room, a session speaker's speaker, a hotel
 * block's contract) in its own statement when the query asks only columns of them
 * (src/db/pagination.ts, `Join`; src/schema/selection.ts, `refersTo`): the answers must be the
 * ones the node loader gives, rights included, with fewer statements.
 */
let t: TestDatabase;
let app: App;
let world: Awaited<ReturnType<typeof makeWorld>>;
let blockIds: string[];
let contractId: string;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db });
  world = await makeWorld(t.db, { rooms: 2, sessionsPerRoom: 2, cuesPerSession: 1 });
  const eventId = world.event.id;
  const vendor = await t.db
    .insertInto('vendor')
    .values({ event_id: eventId, name: 'Hotel Bristol', kind: 'HOTEL' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const contract = await t.db
    .insertInto('contract')
    .values({ event_id: eventId, vendor_id: vendor.id, title: 'Bristol room block', currency: 'EUR', value_minor: 1_000_00 })
    .returning('id')
    .executeTakeFirstOrThrow();
  contractId = contract.id;
  const block = {
    event_id: eventId,
    hotel: 'Hotel Bristol',
    room_type: 'King',
    contracted: 10,
    rate_minor: 200_00,
    cut_off_date: '2027-02-01',
  };
  const blocks = await t.db
    .insertInto('hotel_block')
    .values([
      { ...block, night: '2027-02-28', contract_id: contract.id },
      { ...block, night: '2027-03-01', contract_id: null },
    ])
    .returning('id')
    .execute();
  blockIds = blocks.map((b) => b.id);
});

/** The statements a request sends, after the token's own. */
async function statementsOf<T>(token: string, query: string, variables: Record<string, unknown>) {
  t.queries.length = 0;
  const data = ok(await send<T>(app, token, query, variables));
  return { data, statements: t.queries.filter((q) => !q.includes('"api_token"')) };
}

const readsById = (statements: string[], table: string) => statements.filter((q) => q.startsWith(`select * from "${table}" where "id" in`));

type Day = {
  node: {
    sessions: {
      nodes: {
        id: string;
        room: { name: string; capacity: number } | null;
        other: { id: string } | null;
        speakers: { nodes: { role: string; speaker: { name: string; company: string } }[] };
      }[];
    };
  };
};

describe('rows a page points at', () => {
  it('are read with the page: a dashboard’s rooms and speakers cost no statement of their own, and answer as the loader does', async () => {
    const day = `query($id: ID!) { node(id: $id) { ... on Event { sessions(first: 10) { nodes {
      id room { name capacity } other: room { id } speakers(first: 5) { nodes { role speaker { name company } } } } } } } }`;
    const { data, statements } = await statementsOf<Day>(world.management.token, day, { id: gid('Event', world.event.id) });
    expect(readsById(statements, 'room')).toEqual([]);
    expect(readsById(statements, 'speaker')).toEqual([]);
    const sessions = data.node.sessions.nodes;
    expect(sessions).toHaveLength(4);
    // Each the same as a lookup of the session by id, which reads its room and speakers through their loaders.
    const one = `query($id: ID!) { node(id: $id) { ... on Session { room { name capacity } other: room { id } speakers(first: 5) { nodes { role speaker { name company } } } } } }`;
    for (const session of sessions) {
      const alone = ok(
        await send<{ node: Omit<Day['node']['sessions']['nodes'][number], 'id'> }>(app, world.management.token, one, { id: session.id }),
      );
      expect({ room: session.room, other: session.other, speakers: session.speakers }).toEqual(alone.node);
    }
    expect(sessions.map((s) => s.room!.name).sort()).toEqual(['Room 1', 'Room 1', 'Room 2', 'Room 2']);
    expect(sessions[0]!.speakers.nodes.map((s) => s.speaker.company)).toEqual(['Acme', 'Acme']);
  });

  it('read through a field that needs the whole row are loaded by id as before, and still right', async () => {
    // `venue` reads a room's venue_id; the venue is loaded by its own statement (joins go one level).
    const query = `query($id: ID!) { node(id: $id) { ... on Event { sessions(first: 10) { nodes { room { name venue { name } } } } } } }`;
    const { data, statements } = await statementsOf<{
      node: { sessions: { nodes: { room: { name: string; venue: { name: string } } }[] } };
    }>(world.management.token, query, { id: gid('Event', world.event.id) });
    expect(readsById(statements, 'room')).toEqual([]);
    expect(readsById(statements, 'venue')).toHaveLength(1);
    expect(new Set(data.node.sessions.nodes.map((s) => `${s.room.name} at ${s.room.venue.name}`))).toEqual(
      new Set(['Room 1 at Test Hall', 'Room 2 at Test Hall']),
    );
  });

  it('keep their rights: a hotel block’s contract is management’s, null for production on the page as on the node', async () => {
    type Blocks = {
      node: { hotelBlocks: { nodes: { id: string; hotel: string; night: string; contract: { id: string; title: string } | null }[] } };
    };
    const query = `query($id: ID!) { node(id: $id) { ... on Event { hotelBlocks(first: 50) { nodes { id hotel night contract { id title } } } } } }`;
    const one = `query($id: ID!) { node(id: $id) { ... on HotelBlock { night contract { id title } } } }`;
    const expected = {
      management: [{ id: gid('Contract', contractId), title: 'Bristol room block' }, null],
      production: [null, null],
    };
    for (const who of ['management', 'production'] as const) {
      const token = world[who].token;
      const { data, statements } = await statementsOf<Blocks>(token, query, { id: gid('Event', world.event.id) });
      // Management reads its contracts with the page; production's read nothing there, and the
      // field asks the loader, which finds nothing either (the same answer, by a statement).
      expect(readsById(statements, 'contract')).toHaveLength(who === 'management' ? 0 : 1);
      // The world's own blocks are the Adlon's.
      const nodes = data.node.hotelBlocks.nodes.filter((n) => n.hotel === 'Hotel Bristol').sort((a, b) => a.night.localeCompare(b.night));
      expect(nodes.map((n) => n.id)).toEqual(blockIds.map((id) => gid('HotelBlock', id)));
      expect(nodes.map((n) => n.contract)).toEqual(expected[who]);
      for (const node of nodes) {
        const alone = ok(await send<{ node: { night: string; contract: unknown } }>(app, token, one, { id: node.id }));
        expect(alone.node).toEqual({ night: node.night, contract: node.contract });
      }
    }
  });

  it('are not taken from another selection of the same list: each keeps the columns it asked', async () => {
    // Two documents in one operation's loaders would share a page only when they read the same.
    const query = `query($id: ID!) { node(id: $id) { ... on Event {
      a: sessions(first: 10) { nodes { room { name } } }
      b: sessions(first: 10) { nodes { room { capacity } } } } } }`;
    const data = ok(
      await send<{ node: { a: { nodes: { room: { name: string } }[] }; b: { nodes: { room: { capacity: number } }[] } } }>(
        app,
        world.management.token,
        query,
        {
          id: gid('Event', world.event.id),
        },
      ),
    );
    expect(data.node.a.nodes.every((s) => /^Room \d$/.test(s.room.name))).toBe(true);
    expect(data.node.b.nodes.map((s) => s.room.capacity)).toEqual([100, 100, 100, 100]);
  });

  it('are read that way by every field that returns the row one column points at', () => {
    // A field reading one `…_id` column and returning an entity node is `refersTo(…)`: one written
    // with `reads(…)` and its own resolver would load its rows by a statement of their own.
    const isList = (type: GraphQLOutputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);
    const byHand: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const extensions = field.extensions as { columns?: readonly string[]; joins?: true };
        const [column, ...more] = extensions.columns ?? [];
        if (!column?.endsWith('_id') || more.length || isList(field.type) || !joinableTable(getNamedType(field.type).name)) continue;
        if (!extensions.joins) byHand.push(`${type.name}.${field.name}`);
      }
    }
    expect(byHand).toEqual([]);
  });
});
