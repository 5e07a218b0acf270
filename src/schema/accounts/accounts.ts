import { createOrganization, createUser, issueTokenFor, revokeToken, updateOrganization } from '../../domain/accounts/accounts.js';
import * as fields from '../../domain/fields.js';
import { scopesFor } from '../auth.js';
import { builder } from '../builder.js';
import { connectionOf, pageArgs, resolvePage } from '../connections.js';
import { reads } from '../selection.js';
import { MUTATION_ERRORS } from '../errors.js';
import { requireViewer } from '../guards.js';
import { entityMutation } from '../mutation.js';
import { ApiTokenRef, OrganizationRef, UserRef } from '../refs.js';
import { OrganizationKind, ViewerRef } from './viewer.js';
import { allOrganizations, tokensOfUser } from '../../domain/accounts/lists.js';

ApiTokenRef.implement({
  description: 'A bearer token of a user. Only its hash is stored: the secret was shown once, when it was created.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'What it is for ("show-control laptop", "budget export script").' }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was created.' }),
    lastUsedAt: t.expose('last_used_at', { type: 'DateTime', nullable: true, description: 'When it was last used, to the minute; null if never.' }),
    revokedAt: t.expose('revoked_at', { type: 'DateTime', nullable: true, description: 'When it was revoked; null while it works.' }),
    user: t.field({ type: UserRef, description: 'Whose token it is.', extensions: reads('api_token', 'user_id'), resolve: (k) => k.user_id }),
  }),
});

builder.queryFields((t) => ({
  organizations: t.field({
    type: connectionOf(OrganizationRef, 'Organization', 'organizations'),
    description: 'The directory of organizations (clients and agencies), by name: whom management can add to an event.',
    authScopes: scopesFor('Query.organizations'),
    args: { ...pageArgs(t.arg), kind: t.arg({ type: OrganizationKind, required: false, description: 'Only organizations of this kind.' }) },
    resolve: (_root, args, ctx, info) => resolvePage(ctx, info, allOrganizations, 'all', args, OrganizationRef),
  }),
}));

builder.objectFields(ViewerRef, (t) => ({
  apiTokens: t.field({
    type: connectionOf(ApiTokenRef, 'ApiToken', 'API tokens'),
    description: 'Your tokens, oldest first, revoked ones included.',
    args: pageArgs(t.arg),
    resolve: (viewer, args, ctx, info) => resolvePage(ctx, info, tokensOfUser, viewer.userId, args, ApiTokenRef),
  }),
}));

entityMutation('createOrganization', {
  description: 'Creates an organization (platform administrators).',
  inputFields: (t) => ({
    name: t.string({ required: true, description: 'Display name.', validate: fields.name }),
    kind: t.field({ type: OrganizationKind, required: true, description: 'Client, management agency or production agency.' }),
  }),
  field: 'organization',
  ref: OrganizationRef,
  fieldDescription: 'The new organization.',
  eventScoped: false,
  run: async (ctx, input) => ({ result: await createOrganization(ctx.db, { name: input.name, kind: input.kind }), revision: null }),
});

entityMutation('updateOrganization', {
  description: "Renames an organization (platform administrators). Its kind is fixed: it decides what its users may do.",
  inputFields: (t) => ({
    id: t.globalID({ for: OrganizationRef, required: true, description: 'The organization.' }),
    expectedVersion: t.int({ required: true, description: 'The `version` you last read.' }),
    name: t.string({ required: false, description: 'New display name.', validate: fields.name.optional() }),
  }),
  field: 'organization',
  ref: OrganizationRef,
  fieldDescription: 'The organization as it is now.',
  eventScoped: false,
  run: async (ctx, input) => ({
    result: await updateOrganization(ctx.db, input.id.id, input.expectedVersion, { name: input.name ?? undefined }),
    revision: null,
  }),
});

entityMutation('createUser', {
  description:
    'Creates a user of an organization: platform administrators for any organization, organization administrators for their own. Give them a token with `createApiToken(input: { userId })`.',
  inputFields: (t) => ({
    organizationId: t.globalID({ for: OrganizationRef, required: true, description: 'Their organization.' }),
    name: t.string({ required: true, description: 'Full name.', validate: fields.name }),
    email: t.string({ required: true, description: 'Sign-in and contact address; unique.', validate: fields.email }),
    isPlatformAdmin: t.boolean({ required: false, description: 'Make them a platform administrator too (platform administrators only).' }),
    isOrganizationAdmin: t.boolean({ required: false, description: 'Let them add users to their organization and give them tokens.' }),
  }),
  field: 'user',
  ref: UserRef,
  fieldDescription: 'The new user.',
  eventScoped: false,
  run: async (ctx, input) => ({
    result: await createUser(
      ctx.db,
      {
        organizationId: input.organizationId.id,
        name: input.name,
        email: input.email,
        isPlatformAdmin: input.isPlatformAdmin ?? false,
        isOrganizationAdmin: input.isOrganizationAdmin ?? false,
      },
      requireViewer(ctx),
    ),
    revision: null,
  }),
});

builder.relayMutationField(
  'createApiToken',
  {
    description: 'Input of `createApiToken`.',
    inputFields: (t) => ({
      name: t.string({ required: true, description: 'What the token is for.', validate: fields.text(100) }),
      userId: t.globalID({
        for: UserRef,
        required: false,
        description: 'Whose token: yourself when left out; a user of your organization (organization administrators); anyone (platform administrators).',
      }),
    }),
  },
  {
    description: 'Creates a bearer token — for yourself, or as an administrator for another user. The secret is in the payload once and never again: store it now (or hand it over).',
    authScopes: scopesFor('Mutation.createApiToken') as never,
    errors: { types: MUTATION_ERRORS },
    resolve: (_root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      return issueTokenFor(ctx.db, viewer, input.userId?.id ?? viewer.userId, input.name);
    },
  },
  {
    description: 'Result of `createApiToken`.',
    outputFields: (t) => ({
      token: t.exposeString('token', { description: 'The secret, for `Authorization: Bearer …`. Shown only this once.' }),
      apiToken: t.field({ type: ApiTokenRef, description: 'The token as listed under `viewer.apiTokens`.', resolve: (r) => r.apiToken }),
    }),
  },
);

entityMutation('revokeApiToken', {
  description: 'Revokes one of your tokens (any token, for platform administrators). Requests and open sockets using it are refused from then on.',
  inputFields: (t) => ({ id: t.globalID({ for: ApiTokenRef, required: true, description: 'The token.' }) }),
  field: 'apiToken',
  ref: ApiTokenRef,
  fieldDescription: 'The token, now revoked.',
  eventScoped: false,
  run: async (ctx, input) => {
    const viewer = requireViewer(ctx);
    const result = await revokeToken(ctx.db, input.id.id, viewer);
    // This process refuses it from now on; others when the database's notification reaches them.
    ctx.hub.accessChanged();
    return { result, revision: null };
  },
});
