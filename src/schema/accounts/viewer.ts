import type { Viewer } from '../../auth/tokens.js';
import { scopesFor } from '../auth.js';
import { builder } from '../builder.js';
import { OrganizationRef, UserRef } from '../refs.js';

export const OrganizationKind = builder.enumType('OrganizationKind', {
  description: 'What an organization is.',
  values: {
    CLIENT: { description: 'The company the event is for.' },
    MANAGEMENT_AGENCY: { description: 'Plans the event: venue, schedule, speakers, logistics.' },
    PRODUCTION_AGENCY: { description: 'Produces the show: AV, staging, run-of-show, show calling.' },
  },
});

OrganizationRef.implement({
  description: 'A company taking part in events: the client, a management agency or a production agency.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Display name.' }),
    kind: t.expose('kind', { type: OrganizationKind, description: 'What this organization is.' }),
    version: t.exposeInt('version', { description: 'Incremented on every change; pass it as `expectedVersion` when editing.' }),
  }),
});

UserRef.implement({
  description: 'A person who uses showcall on behalf of one organization.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name.' }),
    email: t.exposeString('email', { description: 'Sign-in and contact address.' }),
    isPlatformAdmin: t.exposeBoolean('is_platform_admin', { description: 'Platform administrators create organizations and events.' }),
    isOrganizationAdmin: t.exposeBoolean('is_organization_admin', { description: 'Organization administrators add users to their organization and give them tokens.' }),
    organization: t.field({ type: OrganizationRef, description: 'The organization this user works for.', resolve: (u) => u.organization_id }),
  }),
});

export const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The caller, as identified by the bearer token.',
  fields: (t) => ({
    user: t.field({ type: UserRef, description: "The token's user.", resolve: (v) => v.userId }),
    organization: t.field({ type: OrganizationRef, description: "The user's organization.", resolve: (v) => v.organizationId }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    nullable: true,
    description: "Who the bearer token belongs to; null without a valid token, and for a screen link's (it speaks for no one).",
    authScopes: scopesFor('Query.viewer'),
    resolve: (_root, _args, ctx) => (ctx.viewer?.screen ? null : ctx.viewer),
  }),
  serverTime: t.field({
    type: 'DateTime',
    description: "The server's clock, so screens can correct their own before counting down.",
    authScopes: scopesFor('Query.serverTime'),
    resolve: () => new Date(),
  }),
}));
