import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { send } from './helpers/graphql.js';
import { useTestDatabase, type TestDatabase } from './helpers/db.js';
import { gid, persona, type Persona } from './helpers/world.js';

/** Users and tokens through the API, so nobody needs shell access to the database host. */
let t: TestDatabase;
let app: App;
let orgAdmin: Persona;
let colleague: Persona;
let platformAdmin: Persona;
let otherOrg: Persona;

beforeAll(async () => {
  t = await useTestDatabase();
  app = createApp({ db: t.db, logLevel: 'error' });
  orgAdmin = await persona(t.db, 'MANAGEMENT_AGENCY', 'bluebird-admin');
  await t.db.updateTable('app_user').set({ is_organization_admin: true }).where('id', '=', orgAdmin.userId).execute();
  colleague = await persona(t.db, 'CLIENT', 'colleague');
  await t.db.updateTable('app_user').set({ organization_id: orgAdmin.organizationId }).where('id', '=', colleague.userId).execute();
  platformAdmin = await persona(t.db, 'CLIENT', 'platform', true);
  otherOrg = await persona(t.db, 'PRODUCTION_AGENCY', 'lumen');
});

const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) {
  __typename ... on CreateUserPayload { user { id name isOrganizationAdmin organization { id } } } ... on Error { message } } }`;
const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) {
  __typename ... on CreateApiTokenPayload { token apiToken { user { name } } } ... on Error { message } } }`;

type Result = {
  __typename: string;
  message?: string;
  user?: { id: string; name: string; isOrganizationAdmin: boolean };
  token?: string;
  apiToken?: { user: { name: string } };
};

async function mutate(token: string, query: string, input: Record<string, unknown>): Promise<Result> {
  const response = await send<Record<string, Result>>(app, token, query, { input });
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return Object.values(response.data)[0]!;
}

async function whoIs(token: string): Promise<string | null> {
  const response = await send<{ viewer: { user: { name: string } } | null }>(app, token, '{ viewer { user { name } } }');
  return response.data?.viewer?.user.name ?? null;
}

describe('an organization administrator', () => {
  it('adds a colleague to its own organization and gives them a token that works', async () => {
    const added = await mutate(orgAdmin.token, CREATE_USER, {
      organizationId: gid('Organization', orgAdmin.organizationId),
      name: 'Nia Stage',
      email: 'nia@bluebird.example',
    });
    expect(added).toMatchObject({ __typename: 'CreateUserPayload', user: { name: 'Nia Stage', isOrganizationAdmin: false } });
    const issued = await mutate(orgAdmin.token, CREATE_TOKEN, { name: 'show laptop', userId: added.user!.id });
    expect(issued).toMatchObject({ __typename: 'CreateApiTokenPayload', apiToken: { user: { name: 'Nia Stage' } } });
    expect(await whoIs(issued.token!)).toBe('Nia Stage');
  });

  it('cannot add users to another organization, make platform administrators, or give tokens to another organization’s users', async () => {
    const elsewhere = await mutate(orgAdmin.token, CREATE_USER, {
      organizationId: gid('Organization', otherOrg.organizationId),
      name: 'Intruder',
      email: 'intruder@lumen.example',
    });
    expect(elsewhere).toMatchObject({ __typename: 'ForbiddenError', message: expect.stringMatching(/their own organization only/) });
    const raised = await mutate(orgAdmin.token, CREATE_USER, {
      organizationId: gid('Organization', orgAdmin.organizationId),
      name: 'Root',
      email: 'root@bluebird.example',
      isPlatformAdmin: true,
    });
    expect(raised.__typename).toBe('ForbiddenError');
    const foreign = await mutate(orgAdmin.token, CREATE_TOKEN, { name: 'steal', userId: gid('User', otherOrg.userId) });
    expect(foreign.__typename).toBe('NotFoundError');
    expect(
      await t.db.selectFrom('app_user').select('id').where('email', 'in', ['intruder@lumen.example', 'root@bluebird.example']).execute(),
    ).toEqual([]);
  });
});

describe('a user who administers nothing', () => {
  it('may give tokens only to themselves, and add no users', async () => {
    const own = await mutate(colleague.token, CREATE_TOKEN, { name: 'mine' });
    expect(await whoIs(own.token!)).toBe('colleague user');
    expect((await mutate(colleague.token, CREATE_TOKEN, { name: 'theirs', userId: gid('User', orgAdmin.userId) })).__typename).toBe(
      'ForbiddenError',
    );
    expect(
      (
        await mutate(colleague.token, CREATE_USER, {
          organizationId: gid('Organization', orgAdmin.organizationId),
          name: 'X',
          email: 'x@bluebird.example',
        })
      ).__typename,
    ).toBe('ForbiddenError');
  });
});

describe('a platform administrator', () => {
  it('adds users anywhere and gives tokens to anyone', async () => {
    const added = await mutate(platformAdmin.token, CREATE_USER, {
      organizationId: gid('Organization', otherOrg.organizationId),
      name: 'Lumen Lead',
      email: 'lead@lumen.example',
      isOrganizationAdmin: true,
    });
    expect(added).toMatchObject({ __typename: 'CreateUserPayload', user: { isOrganizationAdmin: true } });
    const issued = await mutate(platformAdmin.token, CREATE_TOKEN, { name: 'handover', userId: added.user!.id });
    expect(await whoIs(issued.token!)).toBe('Lumen Lead');
  });
});
