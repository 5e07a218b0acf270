import type { Executor } from '../../db/client.js';
import type { CueDepartment } from '../../db/types.js';
import { plannedSegmentStarts } from '../live/segments.js';
import { cueLabel } from '../runofshow/runofshow.js';
import { instantToLocal, localTimeText } from '../time.js';
import { csvText } from './csv.js';

/**
 * A session's run-of-show on paper: the show caller's backup when the screens go dark. Every cue in
 * running order under its segment, with its number, department, planned time on the event's wall
 * clock, title and — for readers who may read them — the operators' notes. As CSV for a
 * spreadsheet, and as an HTML page styled for print (A4 or Letter) whose page breaks never split a
 * cue and which repeats its column heads on every page.
 */

export type SheetCue = {
  segment: string | null;
  label: string;
  number: string;
  department: CueDepartment;
  time: string;
  offset: string;
  title: string;
  trigger: string;
  notes: string | null;
};
export type Sheet = {
  event: string;
  session: string;
  room: string | null;
  day: string;
  starts: string;
  ends: string;
  cues: SheetCue[];
  notes: boolean;
};

const clock = (seconds: number) => {
  const sign = seconds < 0 ? '-' : '+';
  const s = Math.abs(seconds);
  return `${sign}${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/** The sheet of a session; `notes` says whether the reader may read operators' notes. Three statements. */
export async function runOfShowSheet(db: Executor, sessionId: string, notes: boolean): Promise<Sheet> {
  const session = await db
    .selectFrom('session as s')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .leftJoin('room as r', 'r.id', 's.room_id')
    .selectAll('s')
    .select(['e.name as event', 'e.timezone', 'r.name as room'])
    .where('s.id', '=', sessionId)
    .executeTakeFirstOrThrow();
  const segments = await db.selectFrom('segment').selectAll().where('session_id', '=', sessionId).execute();
  const cues = await db
    .selectFrom('cue')
    .select(['number', 'department', 'title', 'notes', 'offset_seconds', 'trigger', 'segment_id'])
    .where('session_id', '=', sessionId)
    .orderBy('position')
    .execute();
  const start = new Date(session.starts_at);
  // A cue in a segment counts its offset from the segment's planned start.
  const segmentStarts = plannedSegmentStarts(segments, session);
  const titles = new Map(segments.map((g) => [g.id, g.title]));
  return {
    event: session.event,
    session: session.title,
    room: session.room,
    day: instantToLocal(start, session.timezone).slice(0, 10),
    starts: localTimeText(start, session.timezone).slice(11),
    ends: localTimeText(new Date(session.ends_at), session.timezone).slice(11),
    notes,
    cues: cues.map((c) => ({
      segment: c.segment_id ? (titles.get(c.segment_id) ?? null) : null,
      label: cueLabel(c),
      number: c.number,
      department: c.department,
      time: instantToLocal(
        new Date((c.segment_id ? (segmentStarts.get(c.segment_id) ?? start) : start).getTime() + c.offset_seconds * 1000),
        session.timezone,
      ).slice(11),
      offset: clock(c.offset_seconds),
      title: c.title,
      trigger: c.trigger,
      notes: notes ? c.notes : null,
    })),
  };
}

export function sheetCsv(sheet: Sheet): string {
  return csvText([
    ['Segment', 'Cue', 'Department', 'Number', 'Time', 'Offset', 'Title', 'Trigger', ...(sheet.notes ? ['Notes'] : [])],
    ...sheet.cues.map((c) => [
      c.segment,
      c.label,
      c.department,
      c.number,
      c.time,
      c.offset,
      c.title,
      c.trigger,
      ...(sheet.notes ? [c.notes] : []),
    ]),
  ]);
}

const html = (text: string | null) =>
  (text ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The printable page. `paper` sets the page size the browser prints on. */
export function sheetHtml(sheet: Sheet, paper: 'A4' | 'Letter'): string {
  const rows: string[] = [];
  let segment: string | null | undefined;
  // Segment heads only for a run-of-show kept by segment.
  const segmented = sheet.cues.some((c) => c.segment);
  for (const c of sheet.cues) {
    if (segmented && c.segment !== segment) {
      segment = c.segment;
      rows.push(`<tr class="segment"><th colspan="${sheet.notes ? 6 : 5}">${html(segment ?? 'No segment')}</th></tr>`);
    }
    rows.push(
      `<tr class="cue"><td class="label">${html(c.label)}</td><td>${html(c.department.replace(/_/g, ' ').toLowerCase())}</td><td class="time">${c.time}<br><small>${c.offset}</small></td><td class="title">${html(c.title)}${c.trigger !== 'MANUAL' ? ` <small>(${c.trigger.replace(/_/g, ' ').toLowerCase()})</small>` : ''}</td>${sheet.notes ? `<td class="notes">${html(c.notes).replace(/\n/g, '<br>')}</td>` : ''}<td class="check"></td></tr>`,
    );
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Run-of-show: ${html(sheet.session)}</title>
<style>
  @page { size: ${paper === 'A4' ? 'A4' : 'letter'} portrait; margin: 12mm 10mm 14mm; }
  * { box-sizing: border-box; }
  body { font: 10.5pt/1.35 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #000; margin: 0; }
  header { margin-bottom: 4mm; border-bottom: 2px solid #000; padding-bottom: 2mm; }
  h1 { font-size: 16pt; margin: 0 0 1mm; }
  header p { margin: 0; }
  table { width: 100%; border-collapse: collapse; }
  thead { display: table-header-group; }
  th, td { border-bottom: 1px solid #999; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
  thead th { border-bottom: 2px solid #000; font-size: 9pt; text-transform: uppercase; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  tr.segment th { background: #e6e6e6; font-size: 11pt; break-after: avoid; page-break-after: avoid; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  td.label { font-weight: bold; white-space: nowrap; font-size: 12pt; }
  td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
  td.notes { width: 35%; }
  td.check { width: 8mm; border-left: 1px solid #999; }
  small { color: #333; }
  @media screen { body { max-width: 210mm; margin: 8mm auto; } }
</style>
</head>
<body>
<header>
<h1>${html(sheet.session)}</h1>
<p>${html(sheet.event)} · ${sheet.day} · ${sheet.starts}–${sheet.ends}${sheet.room ? ` · ${html(sheet.room)}` : ''} · ${sheet.cues.length} cues</p>
</header>
<table>
<thead><tr><th>Cue</th><th>Dept</th><th>Time</th><th>What</th>${sheet.notes ? '<th>Notes</th>' : ''}<th>✓</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</body>
</html>
`;
}
