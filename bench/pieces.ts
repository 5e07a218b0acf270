/**
 * npm run bench:pieces [-- --quick]: each hand-written piece measured alone against the well-kept
 * library it stands in for, in the same run, alternating rounds; the spread and the worst ratio are
 * reported, not the best. bench/README.md records what was kept and why.
 *
 *  1. timestamps  — measured on 2026-12-01 (a hand-written parser, 6–8× faster alone, made no
 *                   difference to the dashboard): replaced by pg's own; see bench/README.md.
 *  2. node ids    — measured on 2026-12-01 (ids encoded without the relay plugin's promise: 1.04–1.06×
 *                   the dashboard, within its spread): replaced by the relay plugin's; see bench/README.md.
 *  3. keep-alive  — measured on 2026-12-01 (a wheel spreading pings vs graphql-ws's timer per socket:
 *                   no gain in the server's event-loop delay at 10,000 sockets): replaced by graphql-ws's.
 *  4. limits      — src/limits/operation.ts (depth, aliases, directives and cost in one walk) vs
 *                   graphql-armor's three rules plus the cost walk, on the dashboard and on hostile
 *                   documents.
 */
import fs from 'node:fs';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { parse, validate } from 'graphql';
import { DEFAULT_LIMITS } from '../src/limits/limits.js';
import { operationLimitErrors } from '../src/limits/operation.js';
import { schema } from '../src/schema/index.js';
import { DASHBOARD } from './generate.js';

const quick = process.argv.includes('--quick');
const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const ROUNDS = Number(option('--rounds') ?? (quick ? 3 : 7));
const log = (line: string) => console.log(line);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (n: number, digits = 2) => n.toFixed(digits);

/** Alternating rounds of `ours` and `theirs`; each figure is "lower is better". Prints and returns the ratios theirs/ours. */
async function compare(name: string, unit: string, ours: () => Promise<number> | number, theirs: () => Promise<number> | number) {
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so neither always runs on a warmer or colder machine.
    if (round % 2 === 0) {
      a.push(await ours());
      b.push(await theirs());
    } else {
      b.push(await theirs());
      a.push(await ours());
    }
  }
  const ratios = a.map((x, i) => b[i]! / x);
  log(
    `  ${name}: ours ${fmt(median(a))} ${unit} (${fmt(Math.min(...a))}–${fmt(Math.max(...a))}), ` +
      `library ${fmt(median(b))} ${unit} (${fmt(Math.min(...b))}–${fmt(Math.max(...b))}); ` +
      `library/ours median ${fmt(median(ratios))}×, worst for ours ${fmt(Math.min(...ratios))}×`,
  );
  return { ours: a, library: b, ratios };
}

const results: Record<string, unknown> = {};

// ------------------------------------------------------------------------------- 4. limits
async function depthAliasesDirectives() {
  log('4. Depth, aliases and directives');
  const limits = DEFAULT_LIMITS;
  const armorRules = [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true }),
    maxAliasesRule({ n: limits.maxAliases }),
    maxDirectivesRule({ n: limits.maxDirectives }),
  ];
  const fragmentBomb = parse(
    `query { ...F0 } ${Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { viewer { __typename } ${i < 29 ? `...F${i + 1} ...F${i + 1}` : ''} }`).join(' ')}`,
  );
  /** graphql-armor's refusals: reported, or (max-depth on some documents) thrown out of validate. */
  function armorErrors(document: ReturnType<typeof parse>): string[] {
    try {
      return validate(schema, document, armorRules).map((e) => e.message.slice(0, 70));
    } catch (error) {
      return [`thrown: ${(error as Error).message.slice(0, 70)}`];
    }
  }
  const documents = {
    dashboard: parse(DASHBOARD),
    'fragment bomb (2^30 spreads)': fragmentBomb,
    '1000 aliases': parse(`query { ${Array.from({ length: 1000 }, (_, i) => `a${i}: serverTime`).join(' ')} }`),
  };
  const variables = { id: encodeGlobalID('Event', '00000000-0000-4000-8000-000000000000'), day: '2027-09-15' };
  const microseconds = (check: () => unknown) => () => {
    const n = 200;
    const start = performance.now();
    for (let i = 0; i < n; i++) check();
    return ((performance.now() - start) * 1000) / n;
  };
  for (const [name, document] of Object.entries(documents)) {
    const ours = operationLimitErrors(document, undefined, variables, limits).map((e) => e.extensions.limit);
    const theirs = armorErrors(document);
    log(`  ${name}: ours refuses with ${JSON.stringify(ours)}; graphql-armor with ${JSON.stringify(theirs)}`);
    results[`limits: ${name}`] = await compare(
      `${name}, checks per request`,
      'µs',
      microseconds(() => operationLimitErrors(document, undefined, variables, limits)),
      // Armor checks three of the four; the cost walk (ours) would still run beside it.
      microseconds(() => {
        armorErrors(document);
        operationLimitErrors(document, undefined, variables, {
          ...limits,
          maxDepth: Infinity,
          maxAliases: Infinity,
          maxDirectives: Infinity,
        });
      }),
    );
  }
}

await depthAliasesDirectives();
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(
  'bench/results/pieces-latest.json',
  JSON.stringify({ when: new Date().toISOString(), quick, rounds: ROUNDS, results }, null, 1),
);
log('Written to bench/results/pieces-latest.json');
process.exit(0);
