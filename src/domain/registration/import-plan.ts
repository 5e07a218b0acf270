import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Executor } from '../../db/client.js';
import type { Attendee, AttendeeStatus } from '../../db/types.js';
import { CsvError, parseCsv } from '../../shared/csv.js';
import { isUuid } from '../../shared/ids.js';
import { ValidationError } from '../../shared/errors.js';
import * as fields from '../fields.js';
import { sameValue } from '../entities.js';
import { fitAnswers, questionsOf, unanswered, type AnswerInput } from './questions.js';

/**
 * What an attendee list would do (import.ts writes it): each line parsed, checked with the same
 * rules as createAttendee and updateAttendee, matched to an attendee by id or e-mail, and compared
 * with them; every problem kept with its line and column, none thrown.
 */

export type ImportProblem = { line: number; field: string; message: string };
export type ImportAction = 'CREATE' | 'CHANGE' | 'UNCHANGED';
export type ImportRow = { line: number; action: ImportAction; attendeeId: string | null; name: string; email: string; changes: string[] };

const STATUSES: AttendeeStatus[] = ['INVITED', 'PENDING_APPROVAL', 'REGISTERED', 'WAITLISTED', 'DECLINED', 'CANCELLED'];
/** The columns a list may have besides one per registration question (its label). */
export const IMPORT_COLUMNS = [
  'id',
  'name',
  'email',
  'company',
  'registration_type',
  'status',
  'invitation_list',
  'guest_of',
  'badge_name',
  'badge_type',
  'vip_notes',
] as const;
type Column = (typeof IMPORT_COLUMNS)[number];
const TEXTS = { company: 200, badge_name: 100, badge_type: 100, vip_notes: 2000 } as const;

export type Values = Pick<
  Attendee,
  | 'name'
  | 'email'
  | 'company'
  | 'registration_type_id'
  | 'status'
  | 'invitation_list_id'
  | 'badge_name'
  | 'badge_type'
  | 'vip_notes'
  | 'answers'
  | 'guest_of_attendee_id'
>;
export type Planned = { line: number; before: Attendee | null; next: Values; guestOf: string | null; changes: string[] };

/** Headers as people write them: "E-mail", "Registration type" and "registration_type" are one. */
const key = (header: string) => header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const COLUMN_BY_KEY = new Map<string, Column>(IMPORT_COLUMNS.map((c) => [key(c), c]));
const problemFrom = (line: number, field: string, error: { issues: { message: string }[] }): ImportProblem => ({
  line,
  field,
  message: error.issues[0]!.message,
});

export async function planImport(db: Executor, eventId: string, csv: string): Promise<{ planned: Planned[]; problems: ImportProblem[] }> {
  let records;
  try {
    records = parseCsv(csv);
  } catch (error) {
    if (error instanceof CsvError) return { planned: [], problems: [{ line: error.line, field: 'csv', message: error.message }] };
    throw error;
  }
  const problems: ImportProblem[] = [];
  const [header, ...body] = records;
  if (!header) return { planned: [], problems: [{ line: 1, field: 'csv', message: 'is empty: the first line names the columns' }] };
  const questions = await questionsOf(db, eventId);
  const byLabel = new Map(questions.map((q) => [key(q.label), q]));
  const columns = header.cells.map((h) => ({
    header: h.trim(),
    column: COLUMN_BY_KEY.get(key(h)) ?? null,
    question: byLabel.get(key(h)) ?? null,
  }));
  for (const c of columns)
    if (!c.column && !c.question)
      problems.push({
        line: header.line,
        field: c.header,
        message: `is neither a column (${IMPORT_COLUMNS.join(', ')}) nor the label of a registration question`,
      });
  for (const needed of ['name', 'email'] as const)
    if (!columns.some((c) => c.column === needed))
      problems.push({ line: header.line, field: needed, message: 'is a column every list must have' });
  if (problems.length) return { planned: [], problems };

  const [attendees, types, lists, signedUp] = await Promise.all([
    db.selectFrom('attendee').selectAll().where('event_id', '=', eventId).execute(),
    db.selectFrom('registration_type').select(['id', 'name', 'capacity']).where('event_id', '=', eventId).orderBy('name').execute(),
    db
      .selectFrom('invitation_list')
      .select(['id', 'name', 'registration_type_id'])
      .where('event_id', '=', eventId)
      .orderBy('name')
      .execute(),
    db.selectFrom('session_registration').select('attendee_id').distinct().where('event_id', '=', eventId).execute(),
  ]);
  const byId = new Map(attendees.map((a) => [a.id, a]));
  const byEmail = new Map(attendees.map((a) => [a.email.toLowerCase(), a]));
  const typeByName = new Map(types.map((t) => [t.name.toLowerCase(), t]));
  const listByName = new Map(lists.map((l) => [l.name.toLowerCase(), l]));
  const holdsSeats = new Set(signedUp.map((s) => s.attendee_id));
  const seen = new Map<string, number>();
  const planned: Planned[] = [];

  for (const [n, record] of body.entries()) {
    // A long list is checked in slices: the process keeps answering (GOs, screens) meanwhile.
    if (n % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
    const { line, cells } = record;
    if (cells.length !== columns.length) {
      problems.push({ line, field: 'csv', message: `has ${cells.length} fields; the first line names ${columns.length}` });
      continue;
    }
    const cell = (column: Column) => {
      const i = columns.findIndex((c) => c.column === column);
      return i < 0 ? undefined : cells[i]!.trim();
    };
    const before = problems.length;
    const bad = (field: string, message: string) => problems.push({ line, field, message });
    const rawId = cell('id');
    let existing: Attendee | null = null;
    if (rawId) {
      const id = isUuid(rawId) ? rawId : globalId(rawId);
      existing = (id && byId.get(id)) || null;
      if (!existing) bad('id', `no attendee of this event has the id ${rawId}`);
    }
    const email = fields.email.safeParse(cell('email'));
    if (!email.success) problems.push(problemFrom(line, 'email', email.error));
    else {
      const owner = byEmail.get(email.data.toLowerCase());
      if (existing && owner && owner.id !== existing.id) bad('email', `belongs to another attendee (${owner.name})`);
      existing ??= owner ?? null;
      const earlier = seen.get(email.data.toLowerCase());
      if (earlier) bad('email', `is on line ${earlier} already`);
      seen.set(email.data.toLowerCase(), line);
    }
    if (existing) {
      const first = seen.get(existing.id);
      if (first) bad(rawId ? 'id' : 'email', `is the same attendee as line ${first}`);
      else seen.set(existing.id, line);
    }
    const name = fields.name.safeParse(cell('name'));
    if (!name.success) problems.push(problemFrom(line, 'name', name.error));
    const next: Values = {
      name: name.success ? name.data : '',
      email: email.success ? email.data : '',
      company: existing?.company ?? null,
      registration_type_id: existing?.registration_type_id ?? null,
      status: existing?.status ?? 'INVITED',
      invitation_list_id: existing?.invitation_list_id ?? null,
      badge_name: existing?.badge_name ?? null,
      badge_type: existing?.badge_type ?? null,
      vip_notes: existing?.vip_notes ?? null,
      answers: existing?.answers ?? {},
      guest_of_attendee_id: existing?.guest_of_attendee_id ?? null,
    };
    for (const [column, max] of Object.entries(TEXTS) as [keyof typeof TEXTS, number][]) {
      const value = cell(column);
      if (value === undefined) continue;
      const parsed = fields.optionalText(max).safeParse(value);
      if (!parsed.success) problems.push(problemFrom(line, column, parsed.error));
      else next[column] = parsed.data || null;
    }
    const status = cell('status');
    if (status) {
      const s = status.toUpperCase().replace(/[\s-]+/g, '_') as AttendeeStatus;
      if (STATUSES.includes(s)) next.status = s;
      else bad('status', `"${status}" is not a status (${STATUSES.join(', ')})`);
    }
    const list = cell('invitation_list');
    if (list !== undefined) {
      const found = list ? listByName.get(list.toLowerCase()) : null;
      if (list && !found)
        bad('invitation_list', `no invitation list is named "${list}" (${lists.map((l) => l.name).join(', ') || 'the event has none'})`);
      next.invitation_list_id = found?.id ?? null;
    }
    const type = cell('registration_type');
    if (type !== undefined) {
      const found = type ? typeByName.get(type.toLowerCase()) : null;
      if (type && !found)
        bad(
          'registration_type',
          `no registration type is named "${type}" (${types.map((t) => t.name).join(', ') || 'the event has none'})`,
        );
      next.registration_type_id = found?.id ?? null;
    } else if (!existing && next.invitation_list_id) {
      // People invited from a list get its registration type unless the list says otherwise.
      next.registration_type_id = lists.find((l) => l.id === next.invitation_list_id)!.registration_type_id;
    }
    const given: AnswerInput[] = [];
    const labels: string[] = [];
    columns.forEach((c, i) => {
      if (!c.question) return;
      const value = cells[i]!.trim();
      given.push(
        c.question.kind === 'MULTIPLE_CHOICE'
          ? { questionId: c.question.id, choices: value ? value.split(';').map((v) => v.trim()) : [] }
          : { questionId: c.question.id, text: value },
      );
      labels.push(c.header);
    });
    try {
      next.answers = fitAnswers(questions, next.answers, given, (i, _part, message) => new ValidationError({ field: labels[i]!, message }));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      bad(error.field ?? 'answers', error.message.replace(/^[^:]+: /, ''));
    }
    if (next.status === 'REGISTERED' && (existing?.status !== 'REGISTERED' || !sameValue(existing.answers, next.answers))) {
      const missing = unanswered(questions, next.answers);
      if (missing) bad(missing.label, 'must be answered before they are REGISTERED');
    }
    if (existing?.status === 'REGISTERED' && next.status !== 'REGISTERED' && holdsSeats.has(existing.id))
      bad('status', 'they are signed up for sessions; cancel those sign-ups first, so their seats go to the waitlist');
    const guestOf = cell('guest_of')?.toLowerCase() || null;
    if (cell('guest_of') === '') next.guest_of_attendee_id = null;
    if (problems.length > before) continue;
    const changes = existing ? changedColumns(existing, next, guestOf) : [];
    planned.push({ line, before: existing, next, guestOf, changes });
  }
  resolveGuests(planned, byEmail, problems);
  checkCapacities(planned, attendees, types, problems);
  return { planned, problems: problems.sort((a, b) => a.line - b.line) };
}

function globalId(value: string): string | null {
  try {
    const { typename, id } = decodeGlobalID(value);
    return typename === 'Attendee' && isUuid(id) ? id : null;
  } catch {
    return null;
  }
}

function changedColumns(before: Attendee, next: Values, guestOf: string | null): string[] {
  const changed = (Object.keys(next) as (keyof Values)[]).filter((k) => k !== 'guest_of_attendee_id' && !sameValue(before[k], next[k]));
  return guestOf !== null || next.guest_of_attendee_id !== before.guest_of_attendee_id ? [...changed, 'guest_of'] : changed;
}

/** `guest_of` names the primary by e-mail: an attendee already there, or one earlier or later in the list. */
function resolveGuests(planned: Planned[], byEmail: Map<string, Attendee>, problems: ImportProblem[]): void {
  const inFile = new Map(planned.map((p) => [p.next.email.toLowerCase(), p]));
  for (const p of planned) {
    if (!p.guestOf) continue;
    const primary = inFile.get(p.guestOf) ?? null;
    const there = byEmail.get(p.guestOf) ?? null;
    const primaryGuestOf = primary ? (primary.guestOf ?? primary.next.guest_of_attendee_id) : there?.guest_of_attendee_id;
    if (!primary && !there)
      problems.push({ line: p.line, field: 'guest_of', message: `no attendee has the e-mail ${p.guestOf}, here or in the list` });
    else if (p.guestOf === p.next.email.toLowerCase())
      problems.push({ line: p.line, field: 'guest_of', message: 'an attendee cannot be their own guest' });
    else if (primaryGuestOf)
      problems.push({
        line: p.line,
        field: 'guest_of',
        message: `${p.guestOf} is a guest; a guest comes with a primary attendee, not with another guest`,
      });
    else if (there && !primary && there.id === p.before?.guest_of_attendee_id) {
      p.guestOf = null;
      p.changes = p.changes.filter((c) => c !== 'guest_of');
    }
  }
}

function checkCapacities(
  planned: Planned[],
  attendees: Attendee[],
  types: { id: string; name: string; capacity: number | null }[],
  problems: ImportProblem[],
): void {
  const counts = new Map<string, number>();
  for (const a of attendees)
    if (a.status === 'REGISTERED' && a.registration_type_id)
      counts.set(a.registration_type_id, (counts.get(a.registration_type_id) ?? 0) + 1);
  for (const p of planned) {
    const was = p.before?.status === 'REGISTERED' ? p.before.registration_type_id : null;
    const is = p.next.status === 'REGISTERED' ? p.next.registration_type_id : null;
    if (was === is) continue;
    if (was) counts.set(was, counts.get(was)! - 1);
    if (!is) continue;
    const n = (counts.get(is) ?? 0) + 1;
    counts.set(is, n);
    const type = types.find((t) => t.id === is)!;
    if (type.capacity !== null && n === type.capacity + 1)
      problems.push({
        line: p.line,
        field: 'registration_type',
        message: `${type.name} would have more REGISTERED than its capacity (${type.capacity}) from this line on`,
      });
  }
}
