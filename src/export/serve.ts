import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { authorizeOnEvent, AuthenticationError, InvalidTokenError, roleOn } from '../auth/permissions.js';
import { bearerToken, type Viewer } from '../auth/tokens.js';
import type { Context } from '../context.js';
import type { Database } from '../db/client.js';
import { DatabaseUnavailableError, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/faults.js';
import { c3vocSchedule } from '../domain/releases/c3voc.js';
import { scheduleCsv } from '../domain/releases/csv.js';
import { FEED_LINK_PREFIX, feedScope } from '../domain/releases/feeds.js';
import { icalFeed } from '../domain/releases/ical.js';
import { exportEvent, published, publishedChangelog, releaseNumber, type Narrowing, type Which } from '../domain/releases/published.js';
import { runOfShowSheet, sheetCsv, sheetHtml } from '../domain/releases/sheet.js';
import { showsOperatorNotes } from '../domain/runofshow/runofshow.js';
import { DomainError } from '../shared/errors.js';

/**
 * Exports under /export/ (README "Exports and calendar feeds"):
 *
 * - `/export/events/<event>/schedule.{ics,json,csv}` and `changelog.txt` (what the release changed
 *   since the one before) — the latest release, or `?release=N`, or the
 *   live `?release=draft` (members only); `?room=`, `?track=`, `?speaker=` narrow it. Open to a
 *   member's token (`Authorization: Bearer`), or to anyone when management made the schedule public.
 * - `/export/feeds/<secret>/schedule.{ics,json,csv}` — a feed link: its event, narrowed as the link
 *   is, released schedules only. Calendar apps cannot send headers; the secret is the credential
 *   (also accepted as `?key=` on its own event's path above).
 * - `/export/sessions/<session>/run-of-show.{csv,html}` — the printable run-of-show, for a token that
 *   may read the session (an API token, or a screen link of the session in `?key=`, for a browser).
 *
 * Anything the caller may not read is 404, exactly like what does not exist. Responses carry a weak
 * ETag derived from what they are made of (the release, the event's version, the scope), so a
 * calendar polling every few minutes gets 304 after one small statement.
 */

export const EXPORT_PATH = '/export';
export const isExportPath = (url: string | undefined) => !!url && (url === EXPORT_PATH || url.startsWith(`${EXPORT_PATH}/`));

type Format = 'ics' | 'json' | 'csv' | 'html' | 'txt';
const TYPES: Record<Format, string> = {
  txt: 'text/plain; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
const notFound = (what: string) => new HttpError(404, `No ${what} here: it does not exist, or this link or token may not read it.`);

/** A path segment that names a row: its uuid, or its GraphQL global id. */
function idOf(segment: string, typename: string): string {
  let id = decodeURIComponent(segment);
  if (!UUID.test(id)) {
    try {
      const decoded = decodeGlobalID(id);
      if (decoded.typename === typename) id = decoded.id;
    } catch {
      // not a global id either
    }
  }
  if (!UUID.test(id)) throw notFound(typename.toLowerCase());
  return id.toLowerCase();
}

function whichRelease(value: string | null): Which {
  if (value === null || value === '' || value === 'latest') return 'latest';
  if (value === 'draft') return 'draft';
  if (/^[1-9]\d{0,8}$/.test(value)) return Number(value);
  throw new HttpError(400, `release must be latest, draft or a release number; got ${JSON.stringify(value)}.`);
}

function narrowingOf(params: URLSearchParams): Narrowing {
  const given = (['room', 'track', 'speaker'] as const).filter((k) => params.get(k));
  if (given.length > 1) throw new HttpError(400, `Narrow by one of room, track and speaker, not ${given.join(' and ')}.`);
  const room = params.get('room');
  const speaker = params.get('speaker');
  return {
    roomId: room ? idOf(room, 'Room') : null,
    speakerId: speaker ? idOf(speaker, 'Speaker') : null,
    track: params.get('track') || null,
  };
}

export type ExportDeps = {
  db: Database;
  /** The token's viewer (cached, bounded in time); null without a token; throws for an invalid one. */
  viewerFrom: (token: string | null) => Promise<Viewer | null>;
  contextFor: (viewer: Viewer | null) => Context;
};

export function exportHandler({ db, viewerFrom, contextFor }: ExportDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  async function schedule(req: IncomingMessage, url: URL, eventId: string, format: Format, feed: Narrowing | null, member: boolean) {
    // The changelog.txt: what the release changed since the one before (the draft: since the latest).
    const event = await exportEvent(db, eventId);
    if (!event) throw notFound('schedule');
    const which = whichRelease(url.searchParams.get('release'));
    if (which === 'draft' && !member)
      throw new HttpError(
        feed ? 403 : 404,
        feed
          ? 'A feed link publishes released schedules only; the draft needs a member’s token.'
          : 'No draft here: the draft is for members’ tokens only.',
      );
    if (!feed && !member && !event.schedulePublic) throw notFound('schedule');
    const number = releaseNumber(event, which);
    if (number === undefined)
      throw new HttpError(
        404,
        which === 'latest'
          ? 'The event has no release yet: management publishes one with publishScheduleRelease.'
          : `The event has no release ${String(which)}.`,
      );
    const narrowing = feed ?? narrowingOf(url.searchParams);
    const origin = `${String(req.headers['x-forwarded-proto'] ?? 'http').split(',')[0]}://${req.headers.host ?? 'localhost'}`;
    const key = [
      format,
      event.id,
      event.version,
      number ?? `draft@${event.revision}`,
      narrowing.roomId,
      narrowing.speakerId,
      narrowing.track,
      format === 'json' ? origin : '',
    ].join('|');
    return {
      key,
      render: async () => {
        if (format === 'txt') return publishedChangelog(db, event, number, narrowing);
        const schedule = await published(db, event, number, narrowing);
        if (format === 'ics') {
          const s = schedule.sessions;
          const scope = narrowing.roomId
            ? s.find((x) => x.room?.id === narrowing.roomId)?.room?.name
            : narrowing.speakerId
              ? s.flatMap((x) => x.speakers).find((p) => p.id === narrowing.speakerId)?.name
              : narrowing.track;
          return icalFeed(schedule, scope ? `${event.name} — ${scope}` : event.name);
        }
        if (format === 'csv') return scheduleCsv(schedule);
        // Talks link to the event's path, never to a feed link's (the file may be republished).
        return JSON.stringify(c3vocSchedule(schedule, origin, `${origin}${EXPORT_PATH}/events/${event.id}/schedule.json`), null, 1);
      },
    };
  }

  async function handle(req: IncomingMessage, url: URL): Promise<{ key: string; format: Format; render: () => Promise<string> }> {
    const parts = url.pathname.slice(EXPORT_PATH.length + 1).split('/');
    const [area, id, file] = parts;
    const match = parts.length === 3 ? /^(schedule|changelog|run-of-show)\.(ics|json|csv|html|txt)$/.exec(file ?? '') : null;
    if (!match)
      throw new HttpError(
        404,
        'Exports: /export/events/<event>/{schedule.ics,schedule.json,schedule.csv,changelog.txt}, /export/feeds/<feed link>/(the same), /export/sessions/<session>/run-of-show.{csv,html}.',
      );
    const [, name, format] = match as unknown as [string, string, Format];
    const token = bearerToken(req.headers.authorization) ?? url.searchParams.get('key');
    const scheduleFile = (name === 'schedule' && ['ics', 'json', 'csv'].includes(format)) || (name === 'changelog' && format === 'txt');
    if (area === 'feeds' && scheduleFile) {
      const scope = await feedScope(db, decodeURIComponent(id!));
      if (!scope) throw notFound('feed');
      return { format, ...(await schedule(req, url, scope.eventId, format, scope, false)) };
    }
    if (area === 'events' && scheduleFile) {
      const eventId = idOf(id!, 'Event');
      if (token?.startsWith(FEED_LINK_PREFIX)) {
        // A feed link in ?key= opens its own event only, narrowed as the link is.
        const scope = await feedScope(db, token);
        if (scope?.eventId !== eventId) throw notFound('schedule');
        return { format, ...(await schedule(req, url, eventId, format, scope, false)) };
      }
      const viewer = await viewerFrom(token);
      const member =
        !!viewer &&
        (await authorizeOnEvent(contextFor(viewer), 'event', eventId, ['read']).catch((error: unknown) => {
          if (error instanceof DomainError) return false;
          throw error;
        }));
      return { format, ...(await schedule(req, url, eventId, format, null, member)) };
    }
    if (area === 'sessions' && name === 'run-of-show' && (format === 'csv' || format === 'html')) {
      const sessionId = idOf(id!, 'Session');
      const viewer = await viewerFrom(token);
      if (!viewer) throw new AuthenticationError();
      const ctx = contextFor(viewer);
      await authorizeOnEvent(ctx, 'session', sessionId, ['read']);
      const row = await db
        .selectFrom('session')
        .innerJoin('event', 'event.id', 'session.event_id')
        .select(['event.id', 'event.revision'])
        .where('session.id', '=', sessionId)
        .executeTakeFirstOrThrow();
      const notes = showsOperatorNotes({ isPlatformAdmin: viewer.isPlatformAdmin, role: await roleOn(ctx, row.id) });
      const paper = url.searchParams.get('paper')?.toLowerCase() === 'letter' ? 'Letter' : 'A4';
      return {
        format,
        key: [format, sessionId, row.revision, notes, paper].join('|'),
        render: async () => {
          const sheet = await runOfShowSheet(db, sessionId, notes);
          return format === 'csv' ? sheetCsv(sheet) : sheetHtml(sheet, paper);
        },
      };
    }
    throw new HttpError(404, `No export at ${url.pathname}.`);
  }

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Exports are read with GET (or HEAD).\n');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers = {
      'cache-control': 'private, no-cache',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      vary: 'Authorization',
    };
    try {
      const found = await handle(req, url);
      const etag = `W/"${createHash('sha256').update(found.key).digest('base64url').slice(0, 27)}"`;
      const sent = String(req.headers['if-none-match'] ?? '')
        .split(',')
        .map((t) => t.trim());
      if (sent.includes(etag) || sent.includes('*')) {
        res.writeHead(304, { etag, ...headers }).end();
        return;
      }
      const body = Buffer.from(await found.render());
      const disposition = found.format === 'html' ? {} : { 'content-disposition': `inline; filename="${url.pathname.split('/').pop()}"` };
      res.writeHead(200, { 'content-type': TYPES[found.format], 'content-length': body.length, etag, ...headers, ...disposition });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      const [status, message, extra] =
        error instanceof HttpError
          ? [error.status, error.message, {}]
          : error instanceof AuthenticationError || error instanceof InvalidTokenError
            ? [
                401,
                `${error.message.replace(/\.$/, '')} (or ?key=<token> where a browser cannot send headers).`,
                { 'www-authenticate': 'Bearer' },
              ]
            : error instanceof DomainError
              ? [404, notFound('export').message, {}]
              : error instanceof DatabaseUnavailableError || isDatabaseUnavailable(error)
                ? [503, 'The database is not answering; try again shortly.', { 'retry-after': String(RETRY_AFTER_SECONDS) }]
                : [500, 'The export failed; the server log says why.', {}];
      if (status === 500) console.error('showcall: export failed', error);
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers, ...extra }).end(`${message}\n`);
    }
  };
}
