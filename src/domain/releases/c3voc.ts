import { SESSION_KINDS, SPEAKER_ROLES, type SessionKind, type SpeakerRole } from '../../db/tables/schedule.js';
import { addDays, instantToLocal, offsetMs, zonedInstant } from '../time.js';
import type { ImportedSession, ScheduleImportProblem } from './import.js';
import type { Published } from './published.js';

/**
 * The c3voc `schedule.json` (the format pretalx and frab export and the C3VOC recording pipeline,
 * Giggity, EventFahrplan and info-beamer read): the conference, its rooms and tracks, and per day
 * per room the talks, each with a guid (the session's id), local start and duration. Cancelled
 * sessions are left out, as pretalx leaves them out. `parseC3voc` reads one back for the importer.
 */

export const C3VOC_SCHEMA_ID = 'https://c3voc.de/schedule/schema.json';
/** The room key of a session without a room (the format needs one). */
export const NO_ROOM = 'No room';

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
/** `YYYY-MM-DDTHH:MM:SS+HH:MM` on the zone's wall clock. */
function zoned(at: Date, timeZone: string): string {
  const offset = offsetMs(at.getTime(), timeZone) / 60_000;
  const abs = Math.abs(offset);
  return `${instantToLocal(at, timeZone)}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
/** The deprecated integer id the format still requires: stable, from the session's uuid. */
const numericId = (uuid: string) => Number.parseInt(uuid.replace(/-/g, '').slice(0, 7), 16) + 1;
const KIND_TYPES: Record<string, SessionKind> = {
  talk: 'BREAKOUT',
  lecture: 'BREAKOUT',
  workshop: 'WORKSHOP',
  panel: 'PANEL',
  keynote: 'KEYNOTE',
};

/** The event's acronym as the format's pattern wants it: lower-case letters, digits and underscores, four or more. */
export function acronymOf(name: string): string {
  const base = slug(name).replace(/-/g, '_').slice(0, 40) || 'event';
  return base.length >= 4 ? base : base.padEnd(4, '_');
}

export function c3vocSchedule(schedule: Published, baseUrl: string, exportUrl: string): unknown {
  const { event } = schedule;
  const zone = event.timezone;
  const acronym = acronymOf(event.name);
  const live = schedule.sessions.filter((s) => s.status !== 'CANCELLED');
  const rooms = new Map<string, string>();
  for (const s of live) if (s.room) rooms.set(s.room.name, s.room.id);
  const tracks = [...new Set(live.map((s) => s.track).filter((t): t is string => !!t))].sort();
  const days = [];
  for (let day = event.startDate, index = 1; day <= event.endDate; day = addDays(day, 1), index++) {
    const byRoom: Record<string, unknown[]> = {};
    for (const s of live) {
      const start = new Date(s.startsAt);
      if (instantToLocal(start, zone).slice(0, 10) !== day) continue;
      const id = numericId(s.id);
      const titleSlug = slug(s.title);
      const minutes = Math.round((Date.parse(s.endsAt) - start.getTime()) / 60_000);
      (byRoom[s.room?.name ?? NO_ROOM] ??= []).push({
        guid: s.id,
        id,
        date: zoned(start, zone),
        start: instantToLocal(start, zone).slice(11, 16),
        end: zoned(new Date(s.endsAt), zone),
        duration: hhmm(minutes),
        room: s.room?.name ?? NO_ROOM,
        slug: titleSlug ? `${acronym}-${id}-${titleSlug}` : `${acronym}-${id}`,
        url: `${exportUrl}#${s.id}`,
        title: s.title,
        subtitle: null,
        track: s.track,
        type: s.kind.toLowerCase().replace(/_/g, '-'),
        language: null,
        abstract: s.description,
        persons: s.speakers.map((p) => ({ guid: p.id, name: p.name, ...(p.company ? { company: p.company } : {}), role: p.role })),
        links: [],
      });
    }
    const sorted = Object.fromEntries(Object.entries(byRoom).sort(([a], [b]) => a.localeCompare(b)));
    days.push({
      index,
      date: day,
      day_start: zoned(zonedInstant(day, '00:00', zone), zone),
      day_end: zoned(new Date(zonedInstant(addDays(day, 1), '00:00', zone).getTime() - 1000), zone),
      rooms: sorted,
    });
  }
  return {
    $schema: C3VOC_SCHEMA_ID,
    generator: { name: 'showcall', version: schedule.version },
    schedule: {
      version: schedule.version,
      base_url: `${baseUrl}/`,
      conference: {
        acronym,
        title: event.name,
        start: event.startDate,
        end: event.endDate,
        daysCount: days.length,
        timeslot_duration: '00:05',
        ...(/^([A-Z][a-z]+\/[A-Z][a-z]+)|UTC$/.test(zone) ? { time_zone_name: zone } : {}),
        rooms: [...rooms].sort(([a], [b]) => a.localeCompare(b)).map(([name, guid]) => ({ name, guid })),
        tracks: tracks.map((name) => ({ name, ...(slug(name).length > 1 ? { slug: slug(name) } : {}) })),
        days,
      },
    },
  };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A schedule.json's talks as sessions to import, and every element that is wrong (path and reason). */
export function parseC3voc(text: string): { sessions: ImportedSession[]; problems: ScheduleImportProblem[] } {
  const problems: ScheduleImportProblem[] = [];
  const sessions: ImportedSession[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { sessions, problems: [{ line: null, field: 'schedule.json', message: `is not JSON: ${(error as Error).message}` }] };
  }
  const days = isObject(doc) && isObject(doc.schedule) && isObject(doc.schedule.conference) ? doc.schedule.conference.days : undefined;
  if (!Array.isArray(days))
    return {
      sessions,
      problems: [{ line: null, field: 'schedule.conference.days', message: 'is missing: this is not a c3voc schedule.json' }],
    };
  days.forEach((day: unknown, d) => {
    const rooms = isObject(day) ? day.rooms : undefined;
    if (!isObject(rooms))
      return problems.push({
        line: null,
        field: `schedule.conference.days[${d}].rooms`,
        message: 'must be an object of room name → talks',
      });
    for (const [roomName, talks] of Object.entries(rooms)) {
      if (!Array.isArray(talks)) {
        problems.push({ line: null, field: `schedule.conference.days[${d}].rooms.${roomName}`, message: 'must be a list of talks' });
        continue;
      }
      talks.forEach((talk: unknown, t) => {
        const at = `schedule.conference.days[${d}].rooms.${roomName}[${t}]`;
        const before = problems.length;
        const bad = (field: string, message: string) => problems.push({ line: null, field: `${at}.${field}`, message });
        if (!isObject(talk)) return bad('', 'must be an object');
        const title = typeof talk.title === 'string' ? talk.title.trim() : '';
        if (!title) bad('title', 'is required');
        const start =
          typeof talk.date === 'string' && /[T ]\d{2}:\d{2}/.test(talk.date) && /(Z|[+-]\d{2}:?\d{2})$/.test(talk.date)
            ? new Date(talk.date)
            : null;
        if (!start || Number.isNaN(start.getTime())) bad('date', 'must be a date-time with its offset (2027-03-01T09:00:00+01:00)');
        const duration = typeof talk.duration === 'string' ? /^(\d+):([0-5]\d)(?::[0-5]\d)?$/.exec(talk.duration) : null;
        const end = typeof talk.end === 'string' ? new Date(talk.end) : null;
        if (!duration && (!end || Number.isNaN(end.getTime()))) bad('duration', 'must be hh:mm (or an `end` date-time given)');
        const minutes = duration ? Number(duration[1]) * 60 + Number(duration[2]) : null;
        if (minutes === 0) bad('duration', 'must be longer than 00:00');
        if (talk.guid !== undefined && (typeof talk.guid !== 'string' || !UUID.test(talk.guid))) bad('guid', 'must be a uuid');
        const persons = Array.isArray(talk.persons) ? talk.persons : [];
        const speakers = persons.flatMap((p: unknown, i) => {
          const name = isObject(p)
            ? (typeof p.name === 'string' ? p.name : typeof p.public_name === 'string' ? p.public_name : '').trim()
            : '';
          if (!name) return (bad(`persons[${i}].name`, 'is required'), []);
          const role =
            isObject(p) && typeof p.role === 'string' && (SPEAKER_ROLES as readonly string[]).includes(p.role)
              ? (p.role as SpeakerRole)
              : 'PRESENTER';
          return [{ name, company: isObject(p) && typeof p.company === 'string' ? p.company : null, role }];
        });
        if (problems.length > before || !start) return;
        const type = typeof talk.type === 'string' ? talk.type.toLowerCase() : '';
        const kind = SESSION_KINDS.find((k) => k === type.toUpperCase().replace(/-/g, '_')) ?? KIND_TYPES[type] ?? 'BREAKOUT';
        const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
        sessions.push({
          line: null,
          at,
          id: typeof talk.guid === 'string' ? talk.guid.toLowerCase() : null,
          title,
          kind,
          track: text(talk.track),
          description: text(talk.abstract) ?? text(talk.description),
          startsAt: start,
          endsAt: minutes !== null ? new Date(start.getTime() + minutes * 60_000) : end!,
          room: roomName === NO_ROOM ? null : roomName,
          status: 'SCHEDULED',
          speakers,
        });
      });
    }
  });
  return { sessions, problems };
}
