import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import * as ops from './gql/graphql.js';
import { as, client, ok } from './helpers/graphql.js';
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

/** The created user (or the error), as the mutation returned it. */
async function createUser(token: string, input: ops.CreateUserInput) {
  return ok(await client(app, token)(ops.CreateUserDocument, { input })).createUser;
}

/** The issued token (or the error). */
async function createToken(token: string, input: ops.CreateApiTokenInput) {
  return ok(await client(app, token)(ops.CreateApiTokenDocument, { input })).createApiToken;
}

async function whoIs(token: string): Promise<string | null> {
  return ok(await client(app, token)(ops.WhoAmIDocument)).viewer?.user.name ?? null;
}

describe('an organization administrator', () => {
  it('adds a colleague to its own organization and gives them a token that works', async () => {
    const added = await createUser(orgAdmin.token, {
      organizationId: gid('Organization', orgAdmin.organizationId),
      name: 'Nia Stage',
      email: 'nia@bluebird.example',
    });
    expect(added).toMatchObject({ __typename: 'CreateUserPayload', user: { name: 'Nia Stage', isOrganizationAdmin: false } });
    const issued = await createToken(orgAdmin.token, { name: 'show laptop', userId: as(added, 'CreateUserPayload').user.id });
    expect(issued).toMatchObject({ __typename: 'CreateApiTokenPayload', apiToken: { user: { name: 'Nia Stage' } } });
    expect(await whoIs(as(issued, 'CreateApiTokenPayload').token)).toBe('Nia Stage');
  });

  it('cannot add users to another organization, make platform administrators, or give tokens to another organization’s users', async () => {
    const elsewhere = await createUser(orgAdmin.token, {
      organizationId: gid('Organization', otherOrg.organizationId),
      name: 'Intruder',
      email: 'intruder@lumen.example',
    });
    expect(elsewhere).toMatchObject({ __typename: 'ForbiddenError', message: expect.stringMatching(/their own organization only/) });
    const raised = await createUser(orgAdmin.token, {
      organizationId: gid('Organization', orgAdmin.organizationId),
      name: 'Root',
      email: 'root@bluebird.example',
      isPlatformAdmin: true,
    });
    expect(raised.__typename).toBe('ForbiddenError');
    const foreign = await createToken(orgAdmin.token, { name: 'steal', userId: gid('User', otherOrg.userId) });
    expect(foreign.__typename).toBe('NotFoundError');
    expect(
      await t.db.selectFrom('app_user').select('id').where('email', 'in', ['intruder@lumen.example', 'root@bluebird.example']).execute(),
    ).toEqual([]);
  });
});

describe('a user who administers nothing', () => {
  it('may give tokens only to themselves, and add no users', async () => {
    const own = await createToken(colleague.token, { name: 'mine' });
    expect(await whoIs(as(own, 'CreateApiTokenPayload').token)).toBe('colleague user');
    expect((await createToken(colleague.token, { name: 'theirs', userId: gid('User', orgAdmin.userId) })).__typename).toBe(
      'ForbiddenError',
    );
    expect(
      (
        await createUser(colleague.token, {
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
    const added = await createUser(platformAdmin.token, {
      organizationId: gid('Organization', otherOrg.organizationId),
      name: 'Lumen Lead',
      email: 'lead@lumen.example',
      isOrganizationAdmin: true,
    });
    expect(added).toMatchObject({ __typename: 'CreateUserPayload', user: { isOrganizationAdmin: true } });
    const issued = await createToken(platformAdmin.token, { name: 'handover', userId: as(added, 'CreateUserPayload').user.id });
    expect(await whoIs(as(issued, 'CreateApiTokenPayload').token)).toBe('Lumen Lead');
  });
});
