import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createOrganization, createUser, issueToken } from '../src/domain/accounts/accounts.js';
import { send } from './helpers/graphql.js';
import { useTestDatabase } from './helpers/db.js';

/**
 * README.md's "Create your own event" walk-through, block by block as written: each block's
 * `# Headers:` line names the token, each `"<alias.path>"` is filled from what an earlier block
 * returned under that alias.
 */
function walkThrough(): string[] {
  const readme = fs.readFileSync(path.resolve('README.md'), 'utf8');
  const start = readme.indexOf('## Create your own event');
  const end = readme.indexOf('\n## ', start + 5);
  return [...readme.slice(start, end).matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

function lookup(results: Record<string, unknown>, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], results);
}

describe('README: create your own event', () => {
  it('runs every block in order, from the administrator’s token to a session with cues and a production member', async () => {
    const t = await useTestDatabase();
    const ops = await createOrganization(t.db, { name: 'Showcall Ops', kind: 'MANAGEMENT_AGENCY' });
    const admin = await createUser(t.db, { organizationId: ops.id, name: 'Olga Ops', email: 'ops@example.com', isPlatformAdmin: true });
    const { token: adminToken } = await issueToken(t.db, admin.id, 'bootstrap');
    const app = createApp({ db: t.db, logLevel: 'error' });
    const results: Record<string, unknown> = {};
    const blocks = walkThrough();
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    for (const block of blocks) {
      const header = /^# Headers: \{ "Authorization": "Bearer <([^>]+)>" \}$/m.exec(block)?.[1];
      expect(header, block).toBeDefined();
      const token = header!.startsWith('the platform administrator') ? adminToken : String(lookup(results, header!));
      const query = block.replace(/"<([A-Za-z.]+)>"/g, (_m, dotted: string) => {
        const value = lookup(results, dotted);
        if (typeof value !== 'string') throw new Error(`${dotted} was not returned by an earlier block`);
        return JSON.stringify(value);
      });
      const response = await send<Record<string, Record<string, unknown>>>(app, token, query);
      expect(response.errors, query).toBeUndefined();
      for (const [alias, value] of Object.entries(response.data!)) {
        expect(value, `${alias}: ${JSON.stringify(value)}`).not.toHaveProperty('message');
        results[alias] = value;
      }
    }
    // What the walk-through promises: a production member appointed by the client, local times, cues.
    expect(lookup(results, 'crewMember.eventMember.role')).toBe('PRODUCTION');
    expect(lookup(results, 'opening.session')).toMatchObject({
      startsAt: '2027-03-29T07:00:00.000Z',
      startsAtLocal: '2027-03-29T09:00:00',
    });
    expect(lookup(results, 'roll.cue')).toMatchObject({ label: 'VID 1', plannedAt: '2027-03-29T07:00:30.000Z' });
    expect(lookup(results, 'caller.contact')).toMatchObject({ phone: '+49 30 5550 1234' });
    expect(lookup(results, 'asClient')).toEqual({ name: 'Tess Tech', role: 'Show caller', phone: null, detailsWithheld: true });
    await app.stop();
  });
});

describe('README: every GraphQL block', () => {
  it('is valid against the schema as written (each operation of a block on its own)', async () => {
    const { buildSchema, parse, validate, Kind } = await import('graphql');
    const schema = buildSchema(fs.readFileSync(path.resolve('schema/schema.graphql'), 'utf8'));
    const readme = fs.readFileSync(path.resolve('README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(15);
    const problems: string[] = [];
    for (const block of blocks) {
      const document = parse(block);
      const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
      for (const operation of document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)) {
        const errors = validate(schema, { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] });
        problems.push(...errors.map((e) => `${e.message}\n  in: ${block.slice(0, 120)}`));
      }
    }
    expect(problems).toEqual([]);
  });
});
