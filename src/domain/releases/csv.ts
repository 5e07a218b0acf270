import { SESSION_KINDS, SPEAKER_ROLES, type SessionKind, type SessionStatus, type SpeakerRole } from '../../db/tables/schedule.js';
import { csvField, CsvError, parseCsv } from '../../shared/csv.js';
import { instantToLocal, localToInstant, addDays } from '../time.js';
import type { ImportedSession, ScheduleImportProblem } from './import.js';
import type { Published } from './published.js';

/**
 * The schedule as a spreadsheet user expects it: one row per session, its day and times on the
 * event's wall clock, speakers in one cell (`Name (Company)`, a role other than presenter in
 * brackets: `Grace Hopper (Navy) [MODERATOR]`), and the session's id last, so a list edited in a
 * spreadsheet can be imported back onto the same sessions.
 */

export const SCHEDULE_COLUMNS = [
  'Date',
  'Start',
  'End',
  'Title',
  'Kind',
  'Track',
  'Room',
  'Speakers',
  'Description',
  'Status',
  'Session ID',
] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rows of cells as CSV text, CRLF line ends (what spreadsheets write). */
export const csvText = (rows: readonly (readonly (string | number | null | undefined)[])[]): string =>
  rows.map((row) => row.map((cell) => csvField(cell === null || cell === undefined ? '' : String(cell))).join(',')).join('\r\n') + '\r\n';

export function scheduleCsv(schedule: Published): string {
  const zone = schedule.event.timezone;
  return csvText([
    SCHEDULE_COLUMNS,
    ...schedule.sessions.map((s) => {
      const start = instantToLocal(new Date(s.startsAt), zone);
      return [
        start.slice(0, 10),
        start.slice(11, 16),
        instantToLocal(new Date(s.endsAt), zone).slice(11, 16),
        s.title,
        s.kind,
        s.track,
        s.room?.name,
        s.speakers.map((p) => `${p.name}${p.company ? ` (${p.company})` : ''}${p.role !== 'PRESENTER' ? ` [${p.role}]` : ''}`).join('; '),
        s.description,
        s.status === 'CANCELLED' ? 'CANCELLED' : 'SCHEDULED',
        s.id,
      ];
    }),
  ]);
}

/** A schedule CSV's rows as sessions to import, and every bad cell (line and column). */
export function parseScheduleCsv(text: string, timeZone: string): { sessions: ImportedSession[]; problems: ScheduleImportProblem[] } {
  const problems: ScheduleImportProblem[] = [];
  const sessions: ImportedSession[] = [];
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) return { sessions, problems: [{ line: error.line, field: 'CSV', message: error.message }] };
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) return { sessions, problems: [{ line: 1, field: 'CSV', message: 'is empty: the first line names the columns' }] };
  const index = new Map(header.cells.map((name, i) => [name.trim().toLowerCase(), i]));
  const missing = ['Date', 'Start', 'End', 'Title'].filter((c) => !index.has(c.toLowerCase()));
  const unknown = header.cells.filter((c) => c.trim() && !SCHEDULE_COLUMNS.some((k) => k.toLowerCase() === c.trim().toLowerCase()));
  if (missing.length || unknown.length)
    return {
      sessions,
      problems: [
        ...missing.map((c) => ({ line: 1, field: c, message: 'is a required column' })),
        ...unknown.map((c) => ({ line: 1, field: c, message: `is not a column of a schedule (${SCHEDULE_COLUMNS.join(', ')})` })),
      ],
    };
  for (const { line, cells } of rows) {
    const cell = (column: string) => (cells[index.get(column.toLowerCase()) ?? -1] ?? '').trim();
    const before = problems.length;
    const bad = (field: string, message: string) => problems.push({ line, field, message });
    const title = cell('Title');
    if (!title) bad('Title', 'is required');
    const date = cell('Date');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) bad('Date', 'must be a day, YYYY-MM-DD');
    const time = (column: string) => {
      const value = cell(column);
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) bad(column, 'must be a time, HH:MM (24-hour)');
      return value;
    };
    const [start, end] = [time('Start'), time('End')];
    const kindText = cell('Kind').toUpperCase().replace(/[ -]/g, '_');
    if (kindText && !(SESSION_KINDS as readonly string[]).includes(kindText)) bad('Kind', `must be one of ${SESSION_KINDS.join(', ')}`);
    const statusText = cell('Status').toUpperCase();
    if (statusText && statusText !== 'SCHEDULED' && statusText !== 'CANCELLED')
      bad('Status', 'must be SCHEDULED or CANCELLED (live timing sets the rest)');
    const id = cell('Session ID');
    if (id && !UUID.test(id)) bad('Session ID', 'must be the id of a session (a uuid), or empty for a new session');
    const speakers = cell('Speakers')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)
      .flatMap((text) => {
        const match = /^(.+?)(?:\s*\(([^()]*)\))?(?:\s*\[([A-Z_]+)\])?$/.exec(text)!;
        const role = (match[3] ?? 'PRESENTER') as SpeakerRole;
        if (!SPEAKER_ROLES.includes(role)) return (bad('Speakers', `${text}: the role must be one of ${SPEAKER_ROLES.join(', ')}`), []);
        return [{ name: match[1]!.trim(), company: match[2]?.trim() || null, role }];
      });
    if (problems.length > before) continue;
    const startsAt = localToInstant(`${date}T${start}`, timeZone);
    // An end before the start is after midnight (an evening event that runs late).
    const endsAt = localToInstant(`${end > start ? date : addDays(date, 1)}T${end}`, timeZone);
    sessions.push({
      line,
      at: `line ${line}`,
      id: id ? id.toLowerCase() : null,
      title,
      kind: (kindText || 'BREAKOUT') as SessionKind,
      track: cell('Track') || null,
      description: cell('Description') || null,
      startsAt,
      endsAt,
      room: cell('Room') || null,
      status: (statusText || 'SCHEDULED') as SessionStatus,
      speakers,
    });
  }
  return { sessions, problems };
}
