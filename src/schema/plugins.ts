import SchemaBuilder, { BasePlugin, reduceMaybeAsync, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { perOperation, type Context } from '../context.js';

/** showcall's own Pothos plugins, each a measured saving on every list a dashboard reads. */

/**
 * A node's global id as the relay plugin writes it (base64 of `Type:id`), without its promise.
 * `btoa` is exact here: type names and row ids are ASCII (tests/schema.test.ts compares it with
 * the relay plugin's `encodeGlobalID` for every node type).
 */
export const globalIdOf = (typename: string, id: string): string => btoa(`${typename}:${id}`);

/**
 * Node ids, resolved synchronously. The relay plugin resolves every `id` field through an `async`
 * function: a promise, its continuation and the executor's bookkeeping for each of the thousands
 * of objects a dashboard lists. Alone, one request at a time, that measured within the noise
 * (bench/README.md, "pieces"); under load it is garbage that outlives a scavenge: ~4 MB of a
 * dashboard request's 15 and ~15 % of its CPU (bench/README.md, "Dashboard, third round").
 * Every node of ours is a row whose `id` column is its id (src/schema/refs.ts), so a field marked
 * `nodeIdOfRow` (the relay `idFieldOptions` mark them all) encodes that column directly.
 */
export class NodeIdsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    // The Node interface's own id field carries the mark too, but only object types' fields resolve.
    if (fieldConfig.extensions?.nodeIdOfRow !== true || fieldConfig.graphqlKind !== 'Object') return fieldConfig;
    const typename = fieldConfig.parentType;
    return { ...fieldConfig, resolve: (row) => globalIdOf(typename, (row as { id: string }).id) };
  }
}

type ArgMapper = (args: Record<string, unknown>, ctx: object, info: GraphQLResolveInfo) => unknown;

/**
 * A field's arguments mapped (validated, global ids decoded) once per operation, not once per
 * parent. A field's arguments are the same at every parent it is resolved under: they are its
 * literals and the operation's variables. A dashboard's `cues(first: 100)` under 84 sessions ran
 * the validation plugin's spread and zod schemas 84 times, ~0.4 MB of a request's garbage
 * (bench/README.md, "Dashboard, eighth round"). So each field's mappers run once per field of the
 * operation (its AST node) and every parent shares their answer — resolvers must not change the
 * arguments they are given (none does). Every parent fails alike on an argument that fails, as
 * before. Mutations and subscriptions' root fields run once anyway and keep the plugins' own path.
 * Listed first in the builder: Pothos hands a field's config to its plugins last to first.
 */
export class ArgsOncePlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const mappers = fieldConfig.argMappers as ArgMapper[];
    if (mappers.length === 0 || fieldConfig.parentType === 'Mutation' || fieldConfig.parentType === 'Subscription') return fieldConfig;
    const mapped = perOperation(() => new Map<FieldNode, unknown>());
    const once: ArgMapper = (args, ctx, info) => {
      const byField = mapped(ctx as Context);
      const field = info.fieldNodes[0]!;
      if (byField.has(field)) return byField.get(field);
      // A mapping that throws is not kept; one whose promise rejects is, and fails every parent alike.
      const result = reduceMaybeAsync(mappers, args as unknown, (acc, mapper) => mapper(acc as Record<string, unknown>, ctx, info));
      byField.set(field, result);
      return result;
    };
    return { ...fieldConfig, argMappers: [once] as never };
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Pothos declares its plugins in this namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      nodeIds: NodeIdsPlugin<Types>;
      argsOnce: ArgsOncePlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('nodeIds', NodeIdsPlugin);
SchemaBuilder.registerPlugin('argsOnce', ArgsOncePlugin);
export const NODE_IDS = 'nodeIds';
export const ARGS_ONCE = 'argsOnce';
