import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';

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

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Pothos declares its plugins in this namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      nodeIds: NodeIdsPlugin<Types>;
    }
  }
}

const pluginName = 'nodeIds';
SchemaBuilder.registerPlugin(pluginName, NodeIdsPlugin);
export default pluginName;
