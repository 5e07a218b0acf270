import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { encodeGlobalID } from '@pothos/plugin-relay';

/**
 * Node ids, resolved synchronously. The relay plugin resolves every `id` field through an async
 * function: a promise (and its garbage) for each of the thousands of objects a dashboard lists.
 * Every node of ours is a row whose `id` column is its id (src/schema/refs.ts), so a field marked
 * `nodeIdOfRow` in its extensions (the relay `idFieldOptions` mark them all) encodes it directly.
 */
export class NodeIdsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    // The Node interface's own id field carries the mark too, but only object types' fields resolve.
    if (fieldConfig.extensions?.nodeIdOfRow !== true || fieldConfig.graphqlKind !== 'Object') return fieldConfig;
    const typename = fieldConfig.parentType;
    return { ...fieldConfig, resolve: (row) => encodeGlobalID(typename, (row as { id: string }).id) };
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
