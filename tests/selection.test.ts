import {
  getNamedType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';
import { createAttendee, updateAttendee } from '../src/domain/registration/registration.js';
import { createLeg } from '../src/domain/travel/travel.js';
import { updateReservation } from '../src/domain/housing/housing.js';
import { createSlot } from '../src/domain/production/slots.js';
import { createOutage } from '../src/domain/gear/inventory.js';
import { createCall } from '../src/domain/crew/crew.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { goCue } from '../src/domain/live/commands.js';
import { endSession, startSession } from '../src/domain/live/session.js';
import { createSpeaker, addSessionSpeaker } from '../src/domain/schedule/schedule.js';
import { schema } from '../src/schema/index.js';
import { useTestDatabase, type TestDatabase } from './helpers/db.js';
import { ok, send } from './helpers/graphql.js';
import { gid, makeWorld } from './helpers/world.js';

/**
 * Pages select only the columns a query reads (src/schema/selection.ts). Every field of every type
 * that is listed in pages must answer the same from such a row as from the whole row: this walks
 * the schema, so a field added later without declaring what it reads is checked as well.
 */
let t: TestDatabase;
let app: App;
let world: Awaited<ReturnType<typeof makeWorld>>;
const parents = new Map<string, string>();

// As production: it reads every list here, its own organization's inventory too.
/** Production reads nearly everything; the budget is management's and the client's. */
const MANAGEMENT_READS = new Set(['Budget', 'BudgetVersion']);
async function run(query: string, variables: Record<string, unknown> = {}, reader: 'production' | 'management' = 'production') {
  return ok(await send(app, world[reader].token, query, variables));
}

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db });
  world = await makeWorld(t.db, { rooms: 2, sessionsPerRoom: 2, cuesPerSession: 4 });
  // Fill the columns a new world leaves empty: a show that ran and ended, a cue that went, travel.
  const [first] = world.sessionIds;
  await startSession(t.db, world.production.actor, first!, new Date(Date.UTC(2027, 2, 1, 8, 2)));
  await goCue(t.db, world.production.actor, world.cueIds[1]!);
  await endSession(t.db, world.production.actor, first!, new Date(Date.UTC(2027, 2, 1, 8, 51)));
  const { result: traveller } = await createSpeaker(t.db, world.management.actor, world.event.id, {
    name: 'Late Arrival',
    company: 'Acme',
    jobTitle: 'CTO',
    bio: 'Flies in.',
    email: 'late@test.example',
    arrivalAt: new Date(Date.UTC(2027, 2, 1, 9, 0)),
    departureAt: new Date(Date.UTC(2027, 2, 2, 18, 0)),
  });
  await addSessionSpeaker(t.db, world.management.actor, { sessionId: first!, speakerId: traveller.id, role: 'PANELIST' });
  parents.set('Event', gid('Event', world.event.id));
  parents.set('Session', gid('Session', first!));
  parents.set('Speaker', gid('Speaker', traveller.id));
  // …who rehearses in the world's speaker rehearsals, for the session they speak in.
  await createSlot(t.db, world.management.actor, {
    blockId: world.rehearsalBlockId!,
    speakerId: traveller.id,
    sessionId: first!,
    startsAt: new Date('2027-02-28T13:15:00Z'),
    endsAt: new Date('2027-02-28T13:30:00Z'),
  });
  parents.set('Room', gid('Room', world.roomIds[0]!));
  parents.set('Venue', gid('Venue', world.venue.id));
  // A guest of the world's VIP, badge printed: the attendee's columns filled too.
  const { result: guest } = await createAttendee(t.db, world.management.actor, world.event.id, {
    name: 'Plus One',
    email: 'plus.one@test.example',
    guestOfId: world.attendeeId,
    badgeName: 'P. One',
    badgeType: 'Guest',
  });
  await updateAttendee(t.db, world.management.actor, guest.id, guest.version, { badgePrinted: true });
  parents.set('Attendee', gid('Attendee', world.attendeeId));
  // The late speaker's flight, in the world's airport run.
  const wave = await t.db.selectFrom('transfer_wave').select('id').where('event_id', '=', world.event.id).executeTakeFirstOrThrow();
  await createLeg(t.db, world.management.actor, world.event.id, {
    speakerId: traveller.id,
    direction: 'ARRIVAL',
    mode: 'FLIGHT',
    carrier: 'UA',
    number: '88',
    from: 'SFO',
    to: 'BER',
    departsAt: new Date(Date.UTC(2027, 1, 28, 7, 0)),
    arrivesAt: new Date(Date.UTC(2027, 1, 28, 17, 30)),
    terminal: 'T1',
    transferWaveId: wave.id,
  });
  parents.set('TransferWave', gid('TransferWave', wave.id));
  // The world's plated lunch, with Dana's opt-in.
  parents.set('Meal', gid('Meal', world.mealId));
  // The world's speaker rehearsals, with Rita's slot.
  parents.set('ProductionBlock', gid('ProductionBlock', world.rehearsalBlockId!));
  // A stage manager called to work it.
  await createCall(t.db, world.production.actor, world.event.id, {
    role: 'STAGE_MANAGER',
    headcount: 1,
    startsAt: new Date('2027-02-28T12:30:00Z'),
    endsAt: new Date('2027-02-28T15:30:00Z'),
    blockId: world.rehearsalBlockId!,
  });
  // A panel of the world's LED wall in repair.
  await createOutage(t.db, world.production.actor, {
    itemId: world.gearItemId,
    quantity: 1,
    startsAt: new Date('2027-03-01T00:00:00Z'),
    reason: 'Dead pixels',
  });
  parents.set('GearItem', gid('GearItem', world.gearItemId));
  // The world's load-in call and its rigger.
  const onCall = await t.db
    .selectFrom('crew_assignment')
    .select(['call_id', 'member_id'])
    .where('event_id', '=', world.event.id)
    .executeTakeFirstOrThrow();
  parents.set('CrewCall', gid('CrewCall', onCall.call_id));
  parents.set('CrewMember', gid('CrewMember', onCall.member_id));
  const ask = await t.db.selectFrom('request').select('id').where('event_id', '=', world.event.id).executeTakeFirstOrThrow();
  parents.set('Request', gid('Request', ask.id));
  parents.set('Organization', gid('Organization', world.production.organizationId));
  // The world's contract with the production agency, and its vendor; its attrition clause covers the world's hotel blocks.
  const contract = await t.db
    .selectFrom('contract')
    .select(['id', 'vendor_id'])
    .where('event_id', '=', world.event.id)
    .executeTakeFirstOrThrow();
  await t.db.updateTable('hotel_block').set({ contract_id: contract.id }).where('event_id', '=', world.event.id).execute();
  // …and it bills the world's lunch (a function order in its currency).
  await t.db.updateTable('function_order').set({ contract_id: contract.id }).where('event_id', '=', world.event.id).execute();
  parents.set('Contract', gid('Contract', contract.id));
  // The world's budget and its draft version (with a line on the contract).
  const budget = await t.db.selectFrom('budget').select('id').where('event_id', '=', world.event.id).executeTakeFirstOrThrow();
  parents.set('Budget', gid('Budget', budget.id));
  const version = await t.db.selectFrom('budget_version').select('id').where('event_id', '=', world.event.id).executeTakeFirstOrThrow();
  parents.set('BudgetVersion', gid('BudgetVersion', version.id));
  parents.set('Vendor', gid('Vendor', contract.vendor_id));
  // A roommate for Dana, and a night outside the block.
  const room = await t.db
    .selectFrom('room_reservation')
    .select(['id', 'version'])
    .where('attendee_id', '=', world.attendeeId)
    .executeTakeFirstOrThrow();
  await updateReservation(t.db, world.management.actor, room.id, room.version, {
    roommateId: guest.id,
    departs: '2027-03-03',
    confirmation: 'ADL-4471',
  });
});

const isConnection = (type: GraphQLNamedType): type is GraphQLObjectType =>
  isObjectType(type) && 'nodes' in type.getFields() && 'pageInfo' in type.getFields();
const needsArguments = (field: GraphQLField<unknown, unknown>) =>
  field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined && a.name !== 'first');
const isNode = (type: GraphQLNamedType) =>
  (isObjectType(type) || isInterfaceType(type)) && (type.name === 'Node' || type.getInterfaces().some((i) => i.name === 'Node'));

/** A selection of one field: leaves as they are, objects by id (or their leaves), connections by count. */
function selectField(field: GraphQLField<unknown, unknown>): string | null {
  const type = getNamedType(field.type);
  if (needsArguments(field)) return null;
  if (isLeafType(type)) return field.name;
  if (isConnection(type)) return `${field.name}(first: 5) { totalCount }`;
  if (isNode(type)) return `${field.name} { __typename ... on Node { id } }`;
  if (isObjectType(type)) {
    const leaves = Object.values(type.getFields()).filter((f) => isLeafType(getNamedType(f.type)) && !needsArguments(f));
    return `${field.name} { __typename ${leaves.map((f) => f.name).join(' ')} }`;
  }
  return `${field.name} { __typename }`;
}

/** Every connection field of the schema, with the type it lists, reached from the query root. */
type Listing = { path: (inner: string) => string; label: string; node: GraphQLObjectType; reader: 'production' | 'management' };
function listings(): Listing[] {
  const found: Listing[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name === 'Subscription' || type.name === 'Mutation') continue;
    for (const field of Object.values(type.getFields())) {
      const connection = getNamedType(field.type);
      if (!isConnection(connection)) continue;
      const node = getNamedType(connection.getFields().nodes!.type) as GraphQLObjectType;
      const call = (inner: string) => `${field.name}(first: 100) { nodes { ${inner} } }`;
      let path: (inner: string) => string;
      if (type.name === 'Query') path = (inner) => `{ ${call(inner)} }`;
      else if (type.name === 'Viewer') path = (inner) => `{ viewer { ${call(inner)} } }`;
      else {
        const id = parents.get(type.name);
        if (!id) throw new Error(`no ${type.name} to list ${field.name} of: add one to this test`);
        path = (inner) => `{ node(id: ${JSON.stringify(id)}) { ... on ${type.name} { ${call(inner)} } } }`;
      }
      found.push({
        path,
        label: `${type.name}.${field.name}`,
        node,
        reader: MANAGEMENT_READS.has(type.name) ? 'management' : 'production',
      });
    }
  }
  return found;
}

/** The listed nodes of a response, wherever the path put them. */
function nodesOf(data: unknown): Record<string, unknown>[] {
  let value = data as Record<string, unknown>;
  while (!('nodes' in value)) value = Object.values(value)[0] as Record<string, unknown>;
  return value.nodes as Record<string, unknown>[];
}

describe('pages that select only the columns a query reads', () => {
  it('answer every field as whole rows do, alone and together', async () => {
    const all = listings();
    expect(all.length).toBeGreaterThanOrEqual(12);
    let compared = 0;
    for (const { path, label, node, reader } of all) {
      const fields = Object.values(node.getFields()).flatMap((f) => {
        const selection = selectField(f);
        return selection ? [{ name: f.name, selection }] : [];
      });
      const together = nodesOf(await run(path(fields.map((f) => f.selection).join(' ')), {}, reader));
      expect(together.length, `${label} lists something`).toBeGreaterThan(0);
      if (isNode(node)) {
        // Whole rows: the same objects through `nodes`, which loads them by id.
        const ids = together.map((n) => n.id);
        const whole = (
          await run(
            `query($ids: [ID!]!) { nodes(ids: $ids) { ... on ${node.name} { ${fields.map((f) => f.selection).join(' ')} } } }`,
            {
              ids,
            },
            reader,
          )
        ).nodes;
        expect(together, label).toEqual(whole);
      }
      for (const field of fields) {
        const alone = nodesOf(await run(path(field.selection), {}, reader));
        expect(alone, `${label} { ${field.name} } alone`).toEqual(together.map((n) => ({ [field.name]: n[field.name] })));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('select fewer columns for a dashboard than the table has', async () => {
    t.queries.length = 0;
    await run(
      `{ node(id: ${JSON.stringify(parents.get('Session'))}) { ... on Session { cues(first: 10) { nodes { number title state } } } } }`,
    );
    const page = t.queries.find((q) => q.includes('from "cue"'));
    expect(page).toBeDefined();
    expect(page).not.toContain('select *');
    expect(page).not.toContain('"notes"');
    expect(page).toContain('"title"');
  });
});
