import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database, Executor } from '../../db/client.js';
import type { DB } from '../../db/types.js';
import { writeEvent, type Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { planImport, type ImportAction, type ImportProblem, type ImportRow, type Planned } from './import-plan.js';

export { IMPORT_COLUMNS, type ImportProblem, type ImportRow } from './import-plan.js';

/**
 * Attendee lists as the client's HR sends them, weekly: a CSV whose rows are matched to attendees by
 * `id` or e-mail, then created or changed. `planImport` is the preview (what would be new, changed,
 * unchanged, and every problem with its line and column); `applyImport` writes it all or nothing.
 *
 * A 20,000-row list must not hold the event's lock while it is written: the rows go in with
 * set-based statements of CHUNK rows each (jsonb_to_recordset) inside one transaction that does
 * not take the lock; concurrent readers see nothing of it until it commits. Only at the end is the
 * event locked, to check the registration types' capacities against what is committed then and to
 * record one change (one revision) per chunk. A row changed by someone else since the plan, or an
 * e-mail taken meanwhile, fails the whole import with a message to preview again.
 */

export const CHUNK = 1000;

type Tx = Transaction<DB>;
export type ImportResult = {
  applied: boolean;
  created: number;
  changed: number;
  unchanged: number;
  problems: ImportProblem[];
  rows: ImportRow[];
  /** The revisions the apply took, one per chunk. */
  revisions: number[];
  /** How long the apply held the event's lock, in milliseconds. */
  lockHeldMs: number | null;
};

function summary(
  planned: Planned[],
  problems: ImportProblem[],
  applied = false,
  revisions: number[] = [],
  lockHeldMs: number | null = null,
): ImportResult {
  const rows = planned.map((p): ImportRow => ({
    line: p.line,
    action: !p.before ? 'CREATE' : p.changes.length ? 'CHANGE' : 'UNCHANGED',
    attendeeId: p.before?.id ?? null,
    name: p.next.name,
    email: p.next.email,
    changes: p.changes,
  }));
  const count = (action: ImportAction) => rows.filter((r) => r.action === action).length;
  return {
    applied,
    created: count('CREATE'),
    changed: count('CHANGE'),
    unchanged: count('UNCHANGED'),
    problems,
    rows,
    revisions,
    lockHeldMs,
  };
}

/** The preview: what the list would do, and every problem, writing nothing. */
export async function previewImport(db: Executor, eventId: string, csv: string): Promise<ImportResult> {
  const { planned, problems } = await planImport(db, eventId, csv);
  return summary(planned, problems);
}

/** Writes the list, all or nothing (see the top of this file for how it stays off the lock). */
export async function applyImport(db: Database, actor: Actor, eventId: string, csv: string): Promise<ImportResult> {
  const { planned, problems } = await planImport(db, eventId, csv);
  if (problems.length) return summary(planned, problems);
  const work = planned.filter((p) => !p.before || p.changes.length);
  if (!work.length) return summary(planned, problems, true);
  let lockedAt = 0;
  const revisions: number[] = [];
  const importId = randomUUID();
  try {
    await db.transaction().execute(async (tx) => {
      const ids = new Map<string, string>();
      const chunks: Planned[][] = [];
      for (let i = 0; i < work.length; i += CHUNK) chunks.push(work.slice(i, i + CHUNK));
      for (const chunk of chunks) await writeChunk(tx, eventId, chunk, ids);
      await linkGuests(tx, work, ids);
      for (const [i, chunk] of chunks.entries()) {
        const { revision } = await writeEvent(tx, eventId, actor, async (locked) => {
          if (i === 0) {
            lockedAt = performance.now();
            await requireCapacities(locked, eventId);
          }
          const created = chunk.filter((p) => !p.before).map((p) => ids.get(p.next.email.toLowerCase())!);
          const changed = chunk.filter((p) => p.before).map((p) => p.before!.id);
          const after = { importId, chunk: i + 1, chunks: chunks.length, created, changed };
          return { result: null, change: { kind: 'Attendee.imported', entityType: 'Event', entityId: eventId, before: null, after } };
        });
        revisions.push(revision!);
      }
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw new ValidationError({
        field: 'csv',
        message: 'an e-mail of the list was taken by another change meanwhile: preview again',
      });
    throw error;
  }
  return summary(planned, problems, true, revisions, Math.round(performance.now() - lockedAt));
}

const RECORD = `id uuid, version int, name text, email text, company text, registration_type_id uuid, status attendee_status,
  invitation_list_id uuid, badge_name text, badge_type text, vip_notes text, answers jsonb, guest_of_attendee_id uuid`;
const SET_COLUMNS = [
  'name',
  'email',
  'company',
  'registration_type_id',
  'status',
  'invitation_list_id',
  'badge_name',
  'badge_type',
  'vip_notes',
  'answers',
  'guest_of_attendee_id',
];

/** One chunk, in two statements: the new rows, and the changed ones (only if still at the version planned). */
async function writeChunk(tx: Tx, eventId: string, chunk: Planned[], ids: Map<string, string>): Promise<void> {
  const json = (rows: Planned[]) =>
    JSON.stringify(rows.map((p) => ({ id: p.before?.id ?? null, version: p.before?.version ?? null, ...p.next })));
  const fresh = chunk.filter((p) => !p.before);
  if (fresh.length) {
    const { rows } = await sql<{ id: string; email: string }>`
      INSERT INTO attendee (event_id, ${sql.join(SET_COLUMNS.map((c) => sql.ref(c)))})
      SELECT ${eventId}, ${sql.join(SET_COLUMNS.map((c) => sql.ref(`v.${c}`)))}
        FROM jsonb_to_recordset(${json(fresh)}::jsonb) AS v(${sql.raw(RECORD)})
      RETURNING id, email`.execute(tx);
    for (const r of rows) ids.set(r.email.toLowerCase(), r.id);
  }
  const changed = chunk.filter((p) => p.before);
  if (changed.length) {
    const { rows } = await sql<{ id: string }>`
      UPDATE attendee AS a SET ${sql.join(SET_COLUMNS.map((c) => sql`${sql.ref(c)} = ${sql.ref(`v.${c}`)}`))}, version = a.version + 1, updated_at = now()
        FROM jsonb_to_recordset(${json(changed)}::jsonb) AS v(${sql.raw(RECORD)})
       WHERE a.id = v.id AND a.version = v.version
      RETURNING a.id`.execute(tx);
    if (rows.length !== changed.length)
      throw new ValidationError({
        field: 'csv',
        message: `${changed.length - rows.length} of the people it changes were changed by someone else meanwhile: preview again`,
      });
  }
}

/** Guests whose primary is named by e-mail, once every row of the list has its id. */
async function linkGuests(tx: Tx, work: Planned[], ids: Map<string, string>): Promise<void> {
  const links = work.filter((p) => p.guestOf);
  if (!links.length) return;
  const idOf = async (email: string) =>
    ids.get(email) ??
    (
      await tx
        .selectFrom('attendee')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
        .executeTakeFirstOrThrow()
    ).id;
  const pairs = await Promise.all(
    links.map(async (p) => ({ id: p.before?.id ?? ids.get(p.next.email.toLowerCase())!, primary: await idOf(p.guestOf!) })),
  );
  await sql`
    UPDATE attendee AS a SET guest_of_attendee_id = v.primary
      FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS v(id uuid, "primary" uuid)
     WHERE a.id = v.id`.execute(tx);
}

/** Under the event's lock: no type holds more REGISTERED than its capacity, counting what others committed meanwhile. */
async function requireCapacities(tx: Tx, eventId: string): Promise<void> {
  const over = await tx
    .selectFrom('registration_type as t')
    .innerJoin('attendee as a', (j) => j.onRef('a.registration_type_id', '=', 't.id').on('a.status', '=', 'REGISTERED'))
    .select(['t.name', 't.capacity', (eb) => eb.fn.countAll<string>().as('n')])
    .where('t.event_id', '=', eventId)
    .where('t.capacity', 'is not', null)
    .groupBy(['t.id', 't.name', 't.capacity'])
    .having((eb) => eb(eb.fn.countAll(), '>', eb.ref('t.capacity')))
    .executeTakeFirst();
  if (over)
    throw new ValidationError({
      field: 'csv',
      message: `${over.name} would hold ${over.n} REGISTERED, above its capacity (${over.capacity}), with what others registered meanwhile: preview again`,
    });
}
