import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from './gql/graphql.js';
import { createQuestion } from '../src/domain/registration/questions.js';
import { allRows, as, gid, ok, servedWorld, type TestDatabase } from './helpers/index.js';

/**
 * Attendee lists from the client's HR, imported from CSV (#17): a preview first (new, changed,
 * unchanged, every problem with its line and column), then an all-or-nothing apply, matched by id
 * or e-mail so next week's list can be imported again.
 */

type Served = Awaited<ReturnType<typeof servedWorld>>;
let t: TestDatabase;
let world: Served['world'];
let as_: Served['as'];

beforeAll(async () => {
  ({ t, world, as: as_ } = await servedWorld());
  await createQuestion(t.db, world.management.actor, world.event.id, {
    label: 'Which region are you in?',
    kind: 'CHOICE',
    options: ['Americas', 'EMEA', 'APAC'],
  });
});

const run = (csv: string, apply = false) =>
  as_.management(ops.ImportAttendeesDocument, { input: { eventId: gid('Event', world.event.id), csv, apply } });
const imported = async (csv: string, apply = false) => as(ok(await run(csv, apply)).importAttendees, 'ImportAttendeesPayload').import;
const HEADER = 'Name,E-mail,Company,Registration type,Status,Which region are you in?';
const line = (i: number, extra: Partial<Record<'company' | 'type' | 'status' | 'region', string>> = {}) =>
  `Person ${i},person.${i}@hr.example,${extra.company ?? 'Northwind'},${extra.type ?? ''},${extra.status ?? 'INVITED'},${extra.region ?? 'EMEA'}`;

describe('importing an attendee list', () => {
  it('previews a changed list without writing, applies it, and finds nothing to do when the same list comes again', async () => {
    const first = [HEADER, line(1), line(2), line(3)].join('\n');
    const preview = await imported(first);
    expect(preview).toMatchObject({ applied: false, created: 3, changed: 0, unchanged: 0, problems: [], revisions: [] });
    expect(await t.db.selectFrom('attendee').select('id').where('email', 'like', '%@hr.example').execute()).toEqual([]);
    const applied = await imported(first, true);
    expect(applied).toMatchObject({ applied: true, created: 3, revisions: [expect.any(Number)] });

    // Next week's list: one moved company (matched by e-mail, whatever its case), one registered, one new, one as it was.
    const next = [
      HEADER,
      line(1, { company: 'Contoso' }),
      line(2, { status: 'REGISTERED', type: 'VIP' }).replace('person.2@', 'PERSON.2@'),
      line(3),
      line(4),
    ].join('\r\n');
    const before = await allRows(t.db);
    const changed = await imported(next);
    expect(changed).toMatchObject({ created: 1, changed: 2, unchanged: 1, problems: [] });
    expect(changed.rows.map((r) => [r.line, r.action, r.changes])).toEqual([
      [2, 'CHANGE', ['company']],
      [3, 'CHANGE', ['email', 'registration_type_id', 'status']],
      [4, 'UNCHANGED', []],
      [5, 'CREATE', []],
    ]);
    expect(await allRows(t.db)).toEqual(before);
    expect(await imported(next, true)).toMatchObject({ applied: true, created: 1, changed: 2 });
    const person1 = await t.db.selectFrom('attendee').selectAll().where('email', '=', 'person.1@hr.example').executeTakeFirstOrThrow();
    expect(person1).toMatchObject({ company: 'Contoso', version: 2 });
    expect(Object.values(person1.answers)).toEqual(['EMEA']);

    const again = await imported(next, true);
    expect(again).toMatchObject({ applied: true, created: 0, changed: 0, unchanged: 4, revisions: [] });
  });

  it('writes nothing when any line is wrong, and names every problem by line and column', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => line(100 + i));
    rows[3] = line(103, { status: 'MAYBE' });
    rows[700] = line(800, { type: 'Platinum' });
    rows[1200] = 'Someone,not-an-email,Northwind,,INVITED,EMEA';
    rows[1499] = line(100 + 5); // the same person as line 7
    rows.push(line(5000, { region: 'Antarctica' }));
    const csv = [HEADER, ...rows].join('\n');
    const before = await allRows(t.db);
    const result = await imported(csv, true);
    expect(result.applied).toBe(false);
    expect(result.problems).toEqual([
      {
        line: 5,
        field: 'status',
        message: '"MAYBE" is not a status (INVITED, PENDING_APPROVAL, REGISTERED, WAITLISTED, DECLINED, CANCELLED)',
      },
      { line: 702, field: 'registration_type', message: 'no registration type is named "Platinum" (Press, VIP)' },
      { line: 1202, field: 'email', message: 'must be an email address' },
      { line: 1501, field: 'email', message: 'is on line 7 already' },
      {
        line: 1502,
        field: 'Which region are you in?',
        message: '"Antarctica" is not an option of "Which region are you in?" (Americas, EMEA, APAC)',
      },
    ]);
    expect(await allRows(t.db)).toEqual(before);

    const columns = await imported('Name,Email,Shoe size\nA,a@hr.example,42');
    expect(columns.problems).toEqual([
      { line: 1, field: 'Shoe size', message: expect.stringContaining('is neither a column (id, name, email,') },
    ]);
    const quotes = await imported('Name,Email\n"Unclosed,a@hr.example');
    expect(quotes.problems).toEqual([{ line: 2, field: 'csv', message: 'a quoted field is not closed' }]);
    // A type's capacity counts the whole list and those already registered: VIP holds 2, both taken
    // (Dana, and Person 2 from the list above), so the list's first VIP is one too many.
    const full = await imported([HEADER, ...[1, 2, 3].map((i) => line(9000 + i, { type: 'VIP', status: 'REGISTERED' }))].join('\n'), true);
    expect(full.problems).toEqual([
      { line: 2, field: 'registration_type', message: 'VIP would have more REGISTERED than its capacity (2) from this line on' },
    ]);
  });

  it('writes a long list in chunks of 1000, one revision each, and records only ids in the history', async () => {
    const csv = [HEADER, ...Array.from({ length: 2500 }, (_, i) => line(20_000 + i))].join('\n');
    const result = await imported(csv, true);
    expect(result).toMatchObject({ applied: true, created: 2500 });
    expect(result.revisions).toHaveLength(3);
    expect(result.revisions[2]! - result.revisions[0]!).toBe(2);
    const changes = await t.db
      .selectFrom('change')
      .select(['kind', 'after'])
      .where('event_id', '=', world.event.id)
      .where('revision', 'in', result.revisions)
      .execute();
    expect(changes.map((c) => c.kind)).toEqual(['Attendee.imported', 'Attendee.imported', 'Attendee.imported']);
    expect(JSON.stringify(changes)).not.toMatch(/@hr\.example|Person 2/);
    expect((changes[0]!.after as { created: string[] }).created).toHaveLength(1000);
  });

  it("is management's: production and the client are refused, even a preview", async () => {
    for (const who of ['production', 'client'] as const) {
      const refused = ok(
        await as_[who](ops.ImportAttendeesDocument, { input: { eventId: gid('Event', world.event.id), csv: `${HEADER}\n${line(1)}` } }),
      ).importAttendees;
      expect(refused.__typename).toBe('ForbiddenError');
    }
  });

  it('runs from the command line too: npm run import previews, and applies with --apply', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-')), 'list.csv');
    fs.writeFileSync(file, [HEADER, line(30_001), line(30_002)].join('\n'));
    const cli = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', '--event', world.event.id, '--file', file, ...args], {
        env: { ...process.env, DATABASE_URL: t.url },
      });
    const preview = await cli();
    expect(preview.stdout).toContain('Test Summit: 2 lines — 2 new, 0 changed, 0 unchanged; 0 problems');
    expect(preview.stdout).toContain('A preview: nothing was written.');
    const { email } = await t.db
      .selectFrom('app_user')
      .select('email')
      .where('id', '=', world.management.actor.userId!)
      .executeTakeFirstOrThrow();
    const applied = await cli('--apply', '--as', email);
    expect(applied.stdout).toMatch(/Applied: revisions \d+–\d+, the event's lock held \d+ ms/);
    expect(await t.db.selectFrom('attendee').select('name').where('email', 'like', 'person.3000_@hr.example').execute()).toHaveLength(2);
    const change = await t.db
      .selectFrom('change')
      .select('actor_user_id')
      .where('kind', '=', 'Attendee.imported')
      .orderBy('revision', 'desc')
      .executeTakeFirstOrThrow();
    expect(change.actor_user_id).toBe(world.management.actor.userId);
  });
});
