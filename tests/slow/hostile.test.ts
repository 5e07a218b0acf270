import fc from 'fast-check';
import {
  getNamedType,
  isLeafType,
  type GraphQLField,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from 'graphql';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { ENTITIES } from '../../src/db/entities.js';
import { schema } from '../../src/schema/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { gid, makeWorld, persona } from '../helpers/world.js';

/**
 * Thousands of generated hostile requests — deep nesting, alias and fragment bombs, huge strings,
 * ids of the wrong type, impossible dates, unknown fields, garbage — sent over real HTTP by
 * every kind of caller: never a 5xx, never a crash, never an internal detail in the response, and
 * every refused mutation leaves the database exactly as it was.
 */
let t: Awaited<ReturnType<typeof useTestDatabase>>;
let world: Awaited<ReturnType<typeof makeWorld>>;
let app: App;
let url: string;
let callers: (string | undefined)[];

beforeAll(async () => {
  t = await useTestDatabase();
  world = await makeWorld(t.db, { rooms: 1, sessionsPerRoom: 2, cuesPerSession: 3 });
  const admin = await persona(t.db, 'PRODUCTION_AGENCY', 'admin', true);
  // The rate limit would turn most of these into 429s: it has its own test.
  app = createApp({ db: t.db, databaseUrl: t.url, logLevel: 'error', limits: { mutationsPerMinute: 0 } });
  url = `${await app.listen(0, '127.0.0.1')}/graphql`;
  callers = [undefined, 'sc_forged', world.management.token, world.production.token, world.client.token, admin.token];
});
afterAll(() => app.stop());

/** What must never reach a client: stack frames, paths, SQL, driver and runtime internals. */
const LEAKS = [
  /\bat [\w.$<>]+ \(/,
  /node_modules|\/work\/|\.[cm]?[jt]s:\d+/,
  // SQL. "SELECT" in quotes on its own is a value of the API (DepartmentFieldKind) that a refusal
  // may echo back ({ kind: "SELECT" }), not a statement.
  /(?<!\\")\bSELECT\b(?!\\")|\b(INSERT INTO|DELETE FROM)\b|\bUPDATE \w+ SET\b/,
  /violates .*constraint|relation "|syntax error at or near|invalid input syntax/,
  /\b(TypeError|ReferenceError|RangeError|SyntaxError: Unexpected)\b/,
  /kysely|pg-protocol|postgres(ql)?:\/\//i,
];

async function send(body: unknown, token: string | undefined) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.status, text.slice(0, 300)).toBeLessThan(500);
  for (const leak of LEAKS) expect(text, `leaks ${leak}`).not.toMatch(leak);
  // Bad input gets an error naming what was wrong, never the mask of an internal failure.
  expect(text, JSON.stringify(body).slice(0, 300)).not.toMatch(/INTERNAL_SERVER_ERROR|Unexpected error/);
  return { status: response.status, text };
}

/** Everything a write could change: revisions, history, accounts. */
async function fingerprint(): Promise<string> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT (SELECT coalesce(sum(revision), 0) FROM event) AS revisions,
           (SELECT count(*) FROM change) AS changes,
           (SELECT count(*) FROM event) AS events,
           (SELECT count(*) FROM organization) AS organizations,
           (SELECT count(*) FROM app_user) AS users,
           (SELECT count(*) FROM api_token WHERE revoked_at IS NULL) AS tokens`.execute(t.db);
  return JSON.stringify(rows[0]);
}

// ------------------------------------------------------------------ hostile values
const hugeString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer({ min: 200, max: 120_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom('', ' ', '\u0000', '🎬'.repeat(500), "'; DROP TABLE cue; --", '${jndi:x}', '<script>'),
);
const anyId = fc.oneof(
  fc.constantFrom(...Object.values(ENTITIES).map((e) => e.typename), 'Nope').chain((typename) =>
    fc.oneof(
      fc.uuid().map((u) => gid(typename, u)),
      fc.string({ maxLength: 60 }).map((s) => gid(typename, s)),
    ),
  ),
  fc.string({ maxLength: 100 }),
  fc.constant('x'.repeat(10_000)),
);
const realId = () =>
  fc.constantFrom(
    gid('Event', world.event.id),
    gid('Session', world.sessionIds[0]!),
    gid('Cue', world.cueIds[0]!),
    gid('Room', world.roomIds[0]!),
    gid('Cue', world.sessionIds[1]!),
  );
const badDate = fc.oneof(
  fc.constantFrom('2027-02-30', '2027-13-01', '0000-00-00', 'tomorrow', '2027-03-01T25:00:00Z', '2027-03-01T10:00:00', '9999999-01-01', ''),
  fc.string({ maxLength: 30 }),
);
const goodDate = fc.date({ min: new Date('2027-01-01'), max: new Date('2027-12-31'), noInvalidDate: true });
const anyJson = fc.jsonValue({ maxDepth: 3 });

/** A value for an input type: mostly hostile, sometimes well-formed, sometimes of another type entirely. */
function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type))
    return fc.oneof({ weight: 9, arbitrary: valueFor(type.ofType, depth) }, { weight: 1, arbitrary: fc.constant(null) });
  if (isListType(type))
    return fc.oneof(
      fc.array(valueFor(type.ofType, depth + 1), { maxLength: 5 }),
      fc.constant(Array.from({ length: 500 }, () => 'x')),
      anyJson,
    );
  const named = getNamedType(type);
  if (isEnumType(named)) return fc.oneof(fc.constantFrom(...named.getValues().map((v) => v.name)), fc.string({ maxLength: 20 }));
  if (isInputObjectType(named)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(named.getFields());
    return fc
      .record(Object.fromEntries(fields.map((f) => [f.name, valueFor(f.type, depth + 1)])), { requiredKeys: [] })
      .chain((record) =>
        fc.oneof(
          { weight: 8, arbitrary: fc.constant(record) },
          { weight: 1, arbitrary: fc.constant({ ...record, unknownField: 1 }) },
          { weight: 1, arbitrary: anyJson },
        ),
      );
  }
  if (isScalarType(named)) {
    switch (named.name) {
      case 'ID':
        return fc.oneof(anyId, realId());
      case 'String':
        return hugeString;
      case 'Int':
        return fc.oneof(
          fc.integer({ min: -5, max: 200 }),
          fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 1e308, 0.5, Number.MAX_SAFE_INTEGER),
          fc.string({ maxLength: 5 }),
        );
      case 'Float':
        return fc.oneof(fc.double(), fc.string({ maxLength: 5 }));
      case 'Boolean':
        return fc.oneof(fc.boolean(), fc.constantFrom('true', 0, null));
      case 'Date':
        return fc.oneof(
          badDate,
          goodDate.map((d) => d.toISOString().slice(0, 10)),
        );
      case 'DateTime':
        return fc.oneof(
          badDate,
          goodDate.map((d) => d.toISOString()),
        );
      default:
        return anyJson;
    }
  }
  return anyJson;
}

// ------------------------------------------------------------------ hostile documents
const identifier = fc.stringMatching(/^[_A-Za-z][_0-9A-Za-z]{0,12}$/);
const knownFields = fc.constantFrom(
  'events(first: 100) { totalCount nodes { id name } }',
  'viewer { user { name } }',
  '__typename',
  'node(id: "x") { id }',
  'nodes(ids: ["a", "b"]) { id }',
);
const deep = fc
  .integer({ min: 1, max: 60 })
  .map(
    (n) =>
      `{ events(first: 1) { nodes { ${'sessions(first: 100) { nodes { room { venue { event { '.repeat(n)} name ${'} } } } } '.repeat(n)} } } }`,
  );
const aliasBomb = fc
  .tuple(fc.integer({ min: 1, max: 400 }), knownFields)
  .map(([n, f]) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${f}`).join(' ')} }`);
const fragmentBomb = fc.integer({ min: 2, max: 12 }).map((n) => {
  const fragments = Array.from(
    { length: n },
    (_, i) =>
      `fragment F${i} on Query { ${i + 1 < n ? `...F${i + 1} ...F${i + 1} ...F${i + 1}` : 'events(first: 100) { nodes { name } }'} }`,
  );
  return `{ ...F0 } ${fragments.join(' ')}`;
});
const cycle = fc.constant('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }');
const unknownFields = fc
  .array(identifier, { minLength: 1, maxLength: 30 })
  .map((names) => `{ ${names.map((n) => `${n} { ${n}(first: 1) }`).join(' ')} }`);
const directiveBomb = fc.integer({ min: 1, max: 300 }).map((n) => `{ __typename ${'@include(if: true) '.repeat(n)} }`);
const garbage = fc.oneof(
  fc.string({ maxLength: 2000 }),
  fc.string({ maxLength: 20 }).map((s) => `{ ${'{'.repeat(5000)} ${s}`),
);
const wrongShapes = fc.oneof(
  anyJson,
  fc.constant('[]'),
  fc.constant('{"query": {"a": 1}}'),
  fc.constant('not json'),
  fc.constant(`[${'{"query":"{ __typename }"},'.repeat(50)}{}]`),
);

const hostileQuery = fc.oneof(deep, aliasBomb, fragmentBomb, cycle, unknownFields, directiveBomb, garbage);

describe('hostile documents and variables', () => {
  it('never answer with a 5xx or an internal detail, and the server keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 8, arbitrary: fc.record({ query: hostileQuery, variables: fc.option(anyJson) }).map((b) => b as unknown) },
          { weight: 2, arbitrary: wrongShapes.map((b) => b as unknown) },
        ),
        fc.integer({ min: 0, max: 5 }),
        async (body, who) => {
          await send(body, callers[who]);
        },
      ),
      { numRuns: 1500 },
    );
    const alive = await send({ query: '{ events(first: 1) { totalCount } }' }, world.management.token);
    expect(JSON.parse(alive.text)).toEqual({ data: { events: { totalCount: 1 } } });
  });

  it('every field that takes arguments refuses hostile ones cleanly, at the root and inside nodes', async () => {
    const selection = (field: GraphQLField<unknown, unknown>) => (isLeafType(getNamedType(field.type)) ? '' : '{ __typename }');
    const call = (field: GraphQLField<unknown, unknown>) =>
      `${field.name}(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')}) ${selection(field)}`;
    const params = (field: GraphQLField<unknown, unknown>) => field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
    const nodes: [string, string][] = [
      ['Event', gid('Event', world.event.id)],
      ['Venue', gid('Venue', world.venue.id)],
      ['Room', gid('Room', world.roomIds[0]!)],
      ['Session', gid('Session', world.sessionIds[0]!)],
      ['Cue', gid('Cue', world.cueIds[0]!)],
    ];
    const targets = [
      ...Object.values(schema.getQueryType()!.getFields())
        .filter((f) => f.args.length)
        .map((f) => ({ field: f, wrap: (inner: string, p: string) => `query(${p}) { ${inner} }` })),
      ...nodes.flatMap(([typename, id]) =>
        Object.values((schema.getType(typename) as unknown as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields())
          .filter((f) => f.args.length)
          .map((f) => ({
            field: f,
            wrap: (inner: string, p: string) => `query(${p}) { node(id: "${id}") { ... on ${typename} { ${inner} } } }`,
          })),
      ),
    ];
    const request = fc
      .constantFrom(...targets)
      .chain(({ field, wrap }) =>
        fc
          .record(Object.fromEntries(field.args.map((a) => [a.name, valueFor(a.type)])))
          .map((variables) => ({ query: wrap(call(field), params(field)), variables })),
      );
    await fc.assert(
      fc.asyncProperty(request, fc.integer({ min: 0, max: 5 }), async (body, who) => {
        await send(body, callers[who]);
      }),
      { numRuns: 1500 },
    );
  });

  it('refused mutations change nothing, whatever their input', async () => {
    const mutations = Object.values(schema.getMutationType()!.getFields()).filter((f) => f.args.length > 0);
    const operation = fc.constantFrom(...mutations).chain((field) =>
      fc.record(Object.fromEntries(field.args.map((a) => [a.name, valueFor(a.type)]))).map((variables) => {
        const params = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
        const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
        return { name: field.name, body: { query: `mutation(${params}) { ${field.name}(${args}) { __typename } }`, variables } };
      }),
    );
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(operation, fc.integer({ min: 0, max: 5 }), async ({ name, body }, who) => {
        const before = await fingerprint();
        const { text } = await send(body, callers[who]);
        const result = JSON.parse(text) as { data?: Record<string, { __typename: string } | null> | null; errors?: unknown[] };
        const typename = result.data?.[name]?.__typename;
        if (result.errors?.length || !typename || typename.endsWith('Error')) {
          refused++;
          expect(await fingerprint(), `${name} was refused (${text.slice(0, 200)}) but wrote`).toBe(before);
        }
      }),
      { numRuns: 1500 },
    );
    expect(refused).toBeGreaterThan(1000);
  });
});
