import { instantToLocal, offsetMs } from '../time.js';
import type { Published } from './published.js';

/**
 * The schedule as an iCalendar feed (RFC 5545) that calendar apps subscribe to: one VEVENT per
 * session, its UID the session's id (stable across releases), SEQUENCE the number of releases that
 * changed it, STATUS:CANCELLED for a session cancelled or dropped (kept, so calendars remove it
 * rather than keep a stale copy), times on the event's wall clock with a VTIMEZONE for its zone.
 */

/** TEXT values: backslash, semicolon, comma and line breaks escaped. */
const text = (value: string) => value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets folded (a CRLF and a space), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const utc = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const local = (iso: string, timeZone: string) => instantToLocal(new Date(iso), timeZone).replace(/[-:]/g, '');
const offsetText = (ms: number) => {
  const minutes = Math.abs(ms) / 60_000;
  return `${ms < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}`;
};

/**
 * VTIMEZONE for an IANA zone over the years a feed covers, from the platform's own zone data: an
 * observance from 1970 and one per offset change found (each to the minute), so any client places
 * the times exactly as the server does.
 */
export function vtimezone(timeZone: string, fromMs: number, toMs: number): string[] {
  const start = Date.UTC(new Date(fromMs).getUTCFullYear() - 1, 0, 1);
  const end = Date.UTC(new Date(toMs).getUTCFullYear() + 2, 0, 1);
  const offsets = [offsetMs(start, timeZone)];
  const changes: { at: number; from: number; to: number }[] = [];
  for (let day = start; day < end; day += 86_400_000) {
    const before = offsetMs(day, timeZone);
    const after = offsetMs(day + 86_400_000, timeZone);
    if (before === after) continue;
    let [lo, hi] = [day, day + 86_400_000];
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetMs(mid, timeZone) === before) lo = mid;
      else hi = mid;
    }
    changes.push({ at: hi, from: before, to: after });
    offsets.push(after);
  }
  const standard = Math.min(...offsets);
  const observance = (at: number, from: number, to: number) => [
    `BEGIN:${to > standard ? 'DAYLIGHT' : 'STANDARD'}`,
    // DTSTART is the wall clock just before the change, in the offset it changes from.
    `DTSTART:${new Date(at + from).toISOString().replace(/[-:]/g, '').slice(0, 15)}`,
    `TZOFFSETFROM:${offsetText(from)}`,
    `TZOFFSETTO:${offsetText(to)}`,
    `END:${to > standard ? 'DAYLIGHT' : 'STANDARD'}`,
  ];
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    ...observance(Date.UTC(1970, 0, 1) - offsets[0]!, offsets[0]!, offsets[0]!),
    ...changes.flatMap((c) => observance(c.at, c.from, c.to)),
    'END:VTIMEZONE',
  ];
}

export function icalFeed(schedule: Published, title: string): string {
  const { event } = schedule;
  const zone = event.timezone;
  const times = schedule.sessions.flatMap((s) => [Date.parse(s.startsAt), Date.parse(s.endsAt)]);
  const from = times.length ? Math.min(...times) : Date.parse(`${event.startDate}T00:00:00Z`);
  const to = times.length ? Math.max(...times) : Date.parse(`${event.endDate}T00:00:00Z`);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//showcall//schedule ${schedule.version}//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(title)}`,
    `X-WR-TIMEZONE:${zone}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT15M',
    'X-PUBLISHED-TTL:PT15M',
    ...vtimezone(zone, from, to),
  ];
  for (const s of schedule.sessions) {
    const speakers = s.speakers.map((p) => (p.company ? `${p.name} (${p.company})` : p.name));
    const description = [s.description, speakers.length ? `Speakers: ${speakers.join(', ')}` : null].filter(Boolean).join('\n\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${s.id}@showcall`,
      `DTSTAMP:${utc(schedule.stamp)}`,
      `LAST-MODIFIED:${utc(s.lastModified)}`,
      `SEQUENCE:${s.sequence}`,
      `DTSTART;TZID=${zone}:${local(s.startsAt, zone)}`,
      `DTEND;TZID=${zone}:${local(s.endsAt, zone)}`,
      `SUMMARY:${text(s.title)}`,
      ...(s.room ? [`LOCATION:${text(s.room.name)}`] : []),
      ...(description ? [`DESCRIPTION:${text(description)}`] : []),
      `CATEGORIES:${[s.track, s.kind]
        .filter((c): c is string => !!c)
        .map(text)
        .join(',')}`,
      `STATUS:${s.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
