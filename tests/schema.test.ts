import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType, printSchema, type GraphQLObjectType } from 'graphql';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { migrations } from '../migrations/index.js';
import { schema, sortedSchema } from '../src/schema/index.js';

describe('schema', () => {
  it('matches the committed schema/schema.graphql and generated documents', () => {
    const committed = fs.readFileSync(path.resolve('schema/schema.graphql'), 'utf8');
    expect(committed, 'schema/schema.graphql is stale: run `npm run codegen`').toBe(`${printSchema(sortedSchema()).trim()}\n`);
    execFileSync('npx', ['tsx', 'codegen.ts', '--check'], { stdio: 'pipe' });
  });

  it('describes every public type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
      if (isUnionType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });

  it('names the fields dashboards and scripts rely on', () => {
    const field = (type: string, name: string) => {
      const t = schema.getType(type);
      return isObjectType(t) ? t.getFields()[name] : undefined;
    };
    for (const [type, name] of [
      ['Event', 'revision'],
      ['Session', 'startsAt'],
      ['Session', 'endsAt'],
      ['Cue', 'number'],
      ['Cue', 'state'],
      ['Cue', 'notes'],
      ['Query', 'viewer'],
      ['Query', 'events'],
      ['Query', 'serverTime'],
      ['Query', 'node'],
      ['Query', 'nodes'],
      ['Mutation', 'createSession'],
      ['Mutation', 'updateCue'],
      ['Mutation', 'moveCue'],
    ]) {
      expect(field(type!, name!), `${type}.${name}`).toBeDefined();
    }
    for (const type of ['Event', 'EventMember', 'Venue', 'Room', 'Session', 'Speaker', 'SessionSpeaker', 'Cue', 'Organization']) {
      expect(field(type, 'version'), `${type}.version`).toBeDefined();
    }
  });

  it("resolves every node's id at once, as the relay plugin encodes it", () => {
    // src/schema/plugins.ts: a listed object's id is not a promise (thousands of them a dashboard).
    const nodes = Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Node'));
    expect(nodes.length).toBeGreaterThan(30);
    const id = '0b7e5a4c-2f1d-4e8a-9c3b-5d6e7f8a9b0c';
    // Event's fields all pass its type-level auth check first (one event a request, not thousands).
    for (const type of nodes.filter((t) => t.name !== 'Event')) {
      const resolve = (type as GraphQLObjectType).getFields().id!.resolve!;
      const value = resolve({ id }, {}, {}, {} as never);
      expect(value, type.name).toBe(encodeGlobalID(type.name, id));
    }
  });

  it('requires first, at most 100, on every connection', () => {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type)) continue;
      for (const f of Object.values(type.getFields())) {
        if (!f.type.toString().includes('Connection')) continue;
        const first = f.args.find((a) => a.name === 'first');
        expect(first?.type.toString(), `${type.name}.${f.name}(first)`).toBe('Int!');
        expect(f.args.map((a) => a.name)).not.toContain('last');
      }
    }
  });
});

describe('migrations', () => {
  it('lists every migration file, each with up and down', () => {
    const files = fs
      .readdirSync(path.resolve('migrations'))
      .filter((file) => /^\d{14}_[a-z_]+\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ''));
    expect(Object.keys(migrations).sort()).toEqual(files.sort());
    for (const migration of Object.values(migrations)) expect(typeof migration.down).toBe('function');
  });
});
