import SchemaBuilder from '@pothos/core';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { z } from 'zod';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin, { resolveNodes } from '@pothos/plugin-relay';
import ScopeAuthPlugin, { AuthScopeFailureType, type AuthFailure } from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { ARGS_ONCE as ArgsOncePlugin, NODE_IDS as NodeIdsPlugin } from './plugins.js';
import type { Context } from '../context.js';
import { scopesFor } from './auth.js';
import type { Action, Target } from '../auth/matrix.js';
import { AuthenticationError, authorizeOnEvent } from '../auth/permissions.js';
import { SCREEN_LINK_ONLY } from '../auth/screens.js';
import type { OrganizationKind } from '../db/types.js';
import { ForbiddenError, ValidationError } from '../shared/errors.js';

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A signed-in caller with a token of its own: a screen link is refused here, whatever the field. */
function signedIn(ctx: Context): void {
  if (!ctx.viewer) throw new AuthenticationError();
  if (ctx.viewer.screen) throw new ForbiddenError(SCREEN_LINK_ONLY);
}

/** Whether a global id's type name is one of the schema's node types. */
function isNodeType(schema: GraphQLSchema, typename: string): boolean {
  const type = schema.getType(typename);
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
}

/** A failed scope check surfaces the error its loader threw (NotFound, Forbidden, Unauthenticated). */
function firstError(failure: AuthFailure): unknown {
  if ('error' in failure && failure.error) return failure.error;
  if (failure.kind === AuthScopeFailureType.AnyAuthScopes || failure.kind === AuthScopeFailureType.AllAuthScopes) {
    for (const child of failure.failures) {
      const found = firstError(child);
      if (found) return found;
    }
  }
  return null;
}

/** The builder, for option callbacks that run after it exists (its type cannot refer to itself). */
const self: { builder?: unknown } = {};

/** The schema builder and its plugins. It defines no types: every area adds its own. */
export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  AuthScopes: {
    public: boolean;
    authenticated: boolean;
    admin: boolean;
    userAdmin: boolean;
    organizationKind: readonly OrganizationKind[];
    onEvent: { table: Target['table']; id: string; actions: readonly Action[] };
  };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: string; Output: string };
    LocalDateTime: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string };
  };
}>({
  // Pothos lets plugins see a field's config last to first: ArgsOncePlugin sees every other's mappers.
  plugins: [ArgsOncePlugin, ErrorsPlugin, ScopeAuthPlugin, ValidationPlugin, DataloaderPlugin, RelayPlugin, NodeIdsPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    runScopesOnType: false,
    treatErrorsAsUnauthorized: true,
    cacheKey: (value) => JSON.stringify(value),
    authScopes: (ctx) => ({
      public: true,
      // A screen link (viewer.screen) passes only the event rule of its screens' subscriptions.
      authenticated: () => {
        signedIn(ctx);
        return true;
      },
      admin: () => {
        signedIn(ctx);
        if (!ctx.viewer!.isPlatformAdmin) throw new ForbiddenError('Only platform administrators may do this.');
        return true;
      },
      userAdmin: () => {
        signedIn(ctx);
        if (ctx.viewer!.isPlatformAdmin || ctx.viewer!.isOrganizationAdmin) return true;
        throw new ForbiddenError('Only platform administrators and organization administrators may do this.');
      },
      organizationKind: (kinds) => {
        signedIn(ctx);
        if (ctx.viewer!.isPlatformAdmin || kinds.includes(ctx.viewer!.organizationKind)) return true;
        throw new ForbiddenError(`Only users of a ${kinds.join(' or ')} organization may do this.`);
      },
      onEvent: ({ table, id, actions }) => authorizeOnEvent(ctx, table, id, actions),
    }),
    unauthorizedError: (_parent, _ctx, _info, result) => {
      const error = firstError(result.failure);
      return error instanceof Error ? error : new ForbiddenError(result.message);
    },
  },
  relay: {
    clientMutationId: 'optional',
    cursorType: 'String',
    // Connections add their own `nodes` (src/schema/connections.ts).
    nodesOnConnection: false,
    idFieldOptions: {
      description: 'Globally unique, opaque id; use it with `node`, `nodes` and in mutations.',
      // Every node's id is its row's `id` (src/schema/refs.ts): pages select that column for it, and
      // it is encoded without the relay plugin's promise (src/schema/plugins.ts).
      extensions: { columns: ['id'], only: true, nodeIdOfRow: true },
    },
    edgesFieldOptions: { description: 'The items of this page, each with its cursor.' },
    nodeFieldOptions: { description: 'The item.' },
    cursorFieldOptions: { description: 'Pass it as `after` to continue after this item.' },
    pageInfoFieldOptions: { description: 'Where this page stands in the whole list.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items come before this page (true when `after` was given).' },
    startCursorFieldOptions: { description: 'Cursor of the first item of this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of this page; pass it as `after` for the next page.' },
    nodeTypeOptions: { description: 'An object with a globally unique, opaque id, fetchable through `node` and `nodes`.' },
    pageInfoTypeOptions: { description: 'Where a page of a connection stands in the whole list.' },
    nodeQueryOptions: {
      authScopes: scopesFor('Query.node') as { authenticated: boolean },
      // An id naming a type that is not a node is simply an id of nothing: null, like a missing row.
      resolve: (_root, args, _ctx, info, resolveNode) => (isNodeType(info.schema, args.id.typename) ? resolveNode(args.id) : null),
      description: 'Fetches any object by its global id; null when it does not exist.',
      args: { id: { description: 'A global id, as found in any `id` field.' } },
    },
    nodesQueryOptions: {
      authScopes: scopesFor('Query.nodes') as { authenticated: boolean },
      resolve: async (_root, args, ctx, info, resolveAll) => {
        const known = args.ids.map((id) => isNodeType(info.schema, id.typename));
        if (known.every(Boolean)) return resolveAll(args.ids);
        const found = await resolveNodes(self.builder as never, ctx, info, args.ids.filter((_id, i) => known[i]));
        let next = 0;
        return known.map((k) => (k ? found[next++] : null));
      },
      description: 'Fetches several objects by their global ids, in the same order; null for those that do not exist.',
      args: { ids: { description: 'Global ids, as found in `id` fields.' } },
    },
    defaultPayloadTypeOptions: {},
    clientMutationIdInputOptions: {
      description: 'Any string of up to 200 characters; returned unchanged in the payload so a client can match replies.',
      validate: z.string().max(200, 'must be at most 200 characters').nullish(),
    },
    clientMutationIdFieldOptions: { description: 'The clientMutationId sent with the input, unchanged.' },
    mutationInputArgOptions: { description: 'The mutation\'s fields.' },
  },
  errors: {
    directResult: true,
    unsafelyHandleInputErrors: true,
    defaultUnionOptions: {
      name: ({ fieldName }) => `${upperFirst(fieldName)}Result`,
      description: 'The payload on success, or the error that prevented the change (nothing was written).',
    },
  },
  validation: {
    validationError: (failure) =>
      new ValidationError(
        failure.issues.map((issue) => ({
          field:
            issue.path
              ?.map((part) => String(typeof part === 'object' ? part.key : part))
              .filter((part) => part !== 'input')
              .join('.') ?? '',
          message: issue.message,
        })),
      ),
  },
});

self.builder = builder;

export type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
