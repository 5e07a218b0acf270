import { parseArgs } from 'node:util';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { loadConfig } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import type { OrganizationKind } from '../db/types.js';
import { createOrganization, createUser, issueToken, revokeToken } from '../domain/accounts/accounts.js';

const USAGE = `Administer users and tokens on the configured database (DATABASE_URL, or the embedded one).

  npm run token -- create --email <email> [--name <what it is for>]
      A new token for an existing user. Prints the secret once.

  npm run token -- bootstrap --email <email> --user <full name> --organization <name> --kind <kind> [--admin]
      The first user of a new deployment: creates the organization (or reuses one of that name) and
      the user, then prints a token. --admin makes them a platform administrator, who can then
      create organizations, users and events' first members through the API.
      <kind> is CLIENT, MANAGEMENT_AGENCY or PRODUCTION_AGENCY.

  npm run token -- list --email <email>
      The user's tokens: id, name, created, last used, revoked.

  npm run token -- revoke --id <token id>
      Revokes a token: the id shown by list and by the API (viewer.apiTokens).`;

const KINDS: OrganizationKind[] = ['CLIENT', 'MANAGEMENT_AGENCY', 'PRODUCTION_AGENCY'];

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    user: { type: 'string' },
    organization: { type: 'string' },
    kind: { type: 'string' },
    admin: { type: 'boolean' },
    id: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const command = positionals[0];
if (values.help || !command) {
  console.log(USAGE);
  process.exit(command || values.help ? 0 : 2);
}
if (!['create', 'bootstrap', 'list', 'revoke'].includes(command)) fail(`Unknown command "${command}".`);

const config = loadConfig();
// While `npm start` runs on the embedded database, the tools use that server instead of starting another.
const database = await openDatabase(config, { shareRunning: true });
const { db } = database;
try {
  await migrateToLatest(db);
  const findUser = async (email: string) => {
    const user = await db.selectFrom('app_user').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
    if (!user) fail(`No user has the email ${email}.`);
    return user;
  };
  if (command === 'create') {
    if (!values.email) fail('create needs --email.');
    const user = await findUser(values.email);
    const { token, apiToken } = await issueToken(db, user.id, values.name ?? 'cli');
    console.log(`Token "${apiToken.name}" for ${user.name} <${user.email}> (id ${encodeGlobalID('ApiToken', apiToken.id)}):\n${token}`);
  } else if (command === 'bootstrap') {
    if (!values.email || !values.user || !values.organization || !values.kind)
      fail('bootstrap needs --email, --user, --organization and --kind.');
    if (!KINDS.includes(values.kind as OrganizationKind)) fail(`--kind must be one of ${KINDS.join(', ')}.`);
    const org =
      (await db.selectFrom('organization').selectAll().where('name', '=', values.organization).executeTakeFirst()) ??
      (await createOrganization(db, { name: values.organization, kind: values.kind as OrganizationKind }));
    const user = await createUser(db, {
      organizationId: org.id,
      name: values.user,
      email: values.email,
      isPlatformAdmin: values.admin ?? false,
    });
    const { token } = await issueToken(db, user.id, values.name ?? 'bootstrap');
    console.log(
      `${user.is_platform_admin ? 'Platform administrator' : 'User'} ${user.name} <${user.email}> of ${org.name} (${org.kind}).\nToken:\n${token}`,
    );
  } else if (command === 'list') {
    if (!values.email) fail('list needs --email.');
    const user = await findUser(values.email);
    const tokens = await db.selectFrom('api_token').selectAll().where('user_id', '=', user.id).orderBy('created_at').execute();
    for (const k of tokens) {
      console.log(
        [
          encodeGlobalID('ApiToken', k.id),
          k.name,
          `created ${k.created_at.toISOString()}`,
          `last used ${k.last_used_at?.toISOString() ?? 'never'}`,
          k.revoked_at ? `REVOKED ${k.revoked_at.toISOString()}` : 'active',
        ].join('  '),
      );
    }
    if (tokens.length === 0) console.log(`${user.email} has no tokens.`);
  } else {
    if (!values.id) fail('revoke needs --id.');
    // The API's global id, or the bare uuid it encodes.
    let id = values.id;
    try {
      const decoded = decodeGlobalID(id);
      if (decoded.typename === 'ApiToken') id = decoded.id;
    } catch {
      // not a global id: taken as it is
    }
    const revoked = await revokeToken(db, id, { userId: '', isPlatformAdmin: true });
    console.log(`Revoked token ${revoked.id} ("${revoked.name}") at ${revoked.revoked_at?.toISOString()}.`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await database.close();
}
