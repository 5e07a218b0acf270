import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { loadConfig } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { SYSTEM_ACTOR, type Actor } from '../db/write.js';
import { applyImport, previewImport, type ImportResult } from '../domain/registration/import.js';
import { isUuid } from '../shared/ids.js';

const USAGE = `Import an attendee list (CSV) into an event, on the configured database (DATABASE_URL, or the embedded one).

  npm run import -- --event <event id or name> --file <list.csv> [--apply] [--as <e-mail>]

  Without --apply it is a preview: what would be new, changed and unchanged, and every problem
  with its line and column; nothing is written. With --apply the list is written all or nothing
  (nothing at all while there is a problem). Lines are matched to attendees by id or e-mail, so
  the same weekly list can be imported again. --as names the user the history records (by default
  the system). The columns are those of the importAttendees mutation (see the README).`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    event: { type: 'string' },
    file: { type: 'string' },
    apply: { type: 'boolean' },
    as: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.event) fail('--event is required.');
if (!values.file) fail('--file is required.');
let csv: string;
try {
  csv = fs.readFileSync(values.file, 'utf8');
} catch (error) {
  fail(`Cannot read ${values.file}: ${(error as Error).message}`);
}

const database = await openDatabase(loadConfig(), { shareRunning: true });
const { db } = database;
try {
  await migrateToLatest(db);
  const given = values.event;
  const local = isUuid(given)
    ? given
    : (() => {
        try {
          return decodeGlobalID(given).id;
        } catch {
          return null;
        }
      })();
  const event = await db
    .selectFrom('event')
    .select(['id', 'name'])
    .where((eb) => (local && isUuid(local) ? eb('id', '=', local) : eb('name', '=', given)))
    .executeTakeFirst();
  if (!event) fail(`No event has the id or name "${given}".`);
  let actor: Actor = SYSTEM_ACTOR;
  if (values.as) {
    const user = await db
      .selectFrom('app_user')
      .select(['id', 'organization_id'])
      .where('email', '=', values.as.toLowerCase())
      .executeTakeFirst();
    if (!user) fail(`No user has the e-mail ${values.as}.`);
    actor = { userId: user.id, organizationId: user.organization_id };
  }
  const started = performance.now();
  const result = values.apply ? await applyImport(db, actor, event.id, csv) : await previewImport(db, event.id, csv);
  report(event.name, result, Math.round(performance.now() - started), Boolean(values.apply));
  process.exitCode = result.problems.length ? 1 : 0;
} finally {
  await database.close();
}

function report(event: string, r: ImportResult, ms: number, apply: boolean): void {
  const lines = r.created + r.changed + r.unchanged;
  console.log(
    `${event}: ${lines} lines — ${r.created} new, ${r.changed} changed, ${r.unchanged} unchanged; ${r.problems.length} problems (${ms} ms).`,
  );
  for (const p of r.problems.slice(0, 50)) console.log(`  line ${p.line}, ${p.field}: ${p.message}`);
  if (r.problems.length > 50) console.log(`  … and ${r.problems.length - 50} more.`);
  for (const row of r.rows.filter((x) => x.action === 'CHANGE').slice(0, 20))
    console.log(`  line ${row.line}: ${row.name} <${row.email}> changes ${row.changes.join(', ')}`);
  if (r.applied && !r.revisions.length) console.log('Applied: nothing to change.');
  else if (r.applied) console.log(`Applied: revisions ${r.revisions[0]}–${r.revisions.at(-1)}, the event's lock held ${r.lockHeldMs} ms.`);
  else if (apply) console.log('Nothing was written.');
  else console.log('A preview: nothing was written. Add --apply to write it.');
}
