import { sql } from 'kysely';
import type { Database, Executor } from '../../db/client.js';
import type { ConfidenceView, LaptopSource, MicKind, PresentationFormat } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { createEntity, deleteEntity, updateEntity } from '../entities.js';

/**
 * A session's technical requirements come from its speakers — what they present from, which mic,
 * what their confidence monitor shows — with the presentation format's template giving what a
 * speaker leaves unsaid, and the kits the format takes. The mic plot is which mic is on whom; a
 * room needing more wireless channels at once than its frequency plan allows is a warning.
 */

export const WIRELESS: readonly MicKind[] = ['LAV', 'HEADSET', 'HANDHELD'];

export type FormatTemplateInput = {
  format: PresentationFormat;
  laptop?: LaptopSource | null;
  micKind?: MicKind | null;
  confidenceView?: ConfidenceView | null;
  kitIds?: readonly string[] | null;
  notes?: string | null;
};

type Tx = Executor;

/** Kits come from the inventory of a production company on the event. */
async function checkKits(tx: Tx, eventId: string, kitIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(kitIds)];
  if (ids.length === 0) return [];
  const found = await tx
    .selectFrom('gear_kit')
    .select('id')
    .where('id', 'in', ids)
    .where('organization_id', 'in', (eb) =>
      eb.selectFrom('event_member').select('organization_id').where('event_id', '=', eventId).where('role', '=', 'PRODUCTION'),
    )
    .execute();
  const missing = ids.findIndex((id) => !found.some((k) => k.id === id));
  if (missing >= 0) throw new ValidationError({ field: `kitIds.${missing}`, message: "is not a kit of this event's production company" });
  return ids;
}

export function createFormatTemplate(db: Database, actor: Actor, eventId: string, input: FormatTemplateInput) {
  return createEntity(db, actor, 'format_template', eventId, async (tx) => {
    if (
      await tx
        .selectFrom('format_template')
        .select('id')
        .where('event_id', '=', eventId)
        .where('format', '=', input.format)
        .executeTakeFirst()
    )
      throw new ValidationError({ field: 'format', message: `the event already has a ${input.format} template: change that one` });
    return {
      format: input.format,
      laptop: input.laptop ?? 'NONE',
      mic_kind: input.micKind ?? 'NONE',
      confidence_view: input.confidenceView ?? 'NONE',
      kit_ids: await checkKits(tx, eventId, input.kitIds ?? []),
      notes: input.notes ?? null,
    };
  });
}

export async function updateFormatTemplate(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: Partial<Omit<FormatTemplateInput, 'format'>>,
) {
  return updateEntity(
    db,
    actor,
    'format_template',
    id,
    expectedVersion,
    {
      laptop: patch.laptop ?? undefined,
      mic_kind: patch.micKind ?? undefined,
      confidence_view: patch.confidenceView ?? undefined,
      kit_ids: patch.kitIds == null ? undefined : [...new Set(patch.kitIds)],
      notes: patch.notes,
    },
    async (tx, next) => {
      await checkKits(tx, next.event_id, next.kit_ids);
    },
  );
}

export function deleteFormatTemplate(db: Database, actor: Actor, id: string, expectedVersion?: number | null) {
  return deleteEntity(db, actor, 'format_template', id, expectedVersion);
}

/** What one speaker needs in one session, with which of it the template supplied. */
export type SpeakerNeeds = {
  sessionSpeakerId: string;
  mic: string | null;
  laptop: LaptopSource;
  micKind: MicKind;
  confidenceView: ConfidenceView;
  fromTemplate: ('laptop' | 'micKind' | 'confidenceView')[];
};

export type SessionRequirements = {
  sessionId: string;
  format: PresentationFormat | null;
  templateId: string | null;
  kitIds: string[];
  speakers: SpeakerNeeds[];
  /** Wireless mics in use: speakers sharing a named mic (a handheld passed along) use one. */
  wirelessChannels: number;
  roomRfChannels: number | null;
};

type Row = {
  session_id: string;
  format: PresentationFormat | null;
  rf_channels: number | null;
  template_id: string | null;
  kit_ids: string[] | null;
  t_laptop: LaptopSource | null;
  t_mic_kind: MicKind | null;
  t_confidence_view: ConfidenceView | null;
  ss_id: string | null;
  mic: string | null;
  laptop: LaptopSource | null;
  mic_kind: MicKind | null;
  confidence_view: ConfidenceView | null;
};

/** The requirements of each session, in one statement. */
export async function requirementsOf(db: Executor, sessionIds: readonly string[]): Promise<SessionRequirements[]> {
  const { rows } = await sql<Row>`
    SELECT s.id AS session_id, s.presentation_format AS format, r.rf_channels, t.id AS template_id, t.kit_ids,
           t.laptop AS t_laptop, t.mic_kind AS t_mic_kind, t.confidence_view AS t_confidence_view,
           ss.id AS ss_id, ss.mic, ss.laptop, ss.mic_kind, ss.confidence_view
      FROM session s
      LEFT JOIN room r ON r.id = s.room_id
      LEFT JOIN format_template t ON t.event_id = s.event_id AND t.format = s.presentation_format
      LEFT JOIN session_speaker ss ON ss.session_id = s.id
     WHERE s.id = ANY(${sql.val([...sessionIds])}::uuid[])
     ORDER BY ss.position, ss.id`.execute(db);
  return sessionIds.map((id) => {
    const mine = rows.filter((r) => r.session_id === id);
    const first = mine[0];
    const speakers = mine
      .filter((r) => r.ss_id !== null)
      .map((r): SpeakerNeeds => {
        const fromTemplate: SpeakerNeeds['fromTemplate'] = [];
        const pick = <V>(own: V | null, template: V | null, none: V, name: SpeakerNeeds['fromTemplate'][number]): V => {
          if (own !== null) return own;
          if (template !== null) fromTemplate.push(name);
          return template ?? none;
        };
        return {
          sessionSpeakerId: r.ss_id!,
          mic: r.mic,
          laptop: pick(r.laptop, r.t_laptop, 'NONE', 'laptop'),
          micKind: pick(r.mic_kind, r.t_mic_kind, 'NONE', 'micKind'),
          confidenceView: pick(r.confidence_view, r.t_confidence_view, 'NONE', 'confidenceView'),
          fromTemplate,
        };
      });
    const channels = new Set(speakers.filter((s) => WIRELESS.includes(s.micKind)).map((s) => s.mic ?? s.sessionSpeakerId));
    return {
      sessionId: id,
      format: first?.format ?? null,
      templateId: first?.template_id ?? null,
      kitIds: first?.kit_ids ?? [],
      speakers,
      wirelessChannels: channels.size,
      roomRfChannels: first?.rf_channels ?? null,
    };
  });
}

/** A line of a session's playback list: a cue that plays an asset, in running order. */
export type PlaybackEntry = { cueId: string; fieldLabel: string; assetId: string };

/** Each session's playback list — its cues' ASSET fields, in running order — in one statement. */
export async function playbackListsOf(db: Executor, sessionIds: readonly string[]): Promise<PlaybackEntry[][]> {
  const { rows } = await sql<PlaybackEntry & { sessionId: string }>`
    SELECT c.session_id AS "sessionId", c.id AS "cueId", f.label AS "fieldLabel", a.id AS "assetId"
      FROM cue c
      JOIN department_field f ON f.event_id = c.event_id AND f.department = c.department AND f.kind = 'ASSET'
      JOIN asset a ON a.id::text = c.field_values ->> f.key
     WHERE c.session_id = ANY(${sql.val([...sessionIds])}::uuid[])
     ORDER BY c.position, f.position, f.key`.execute(db);
  return sessionIds.map((id) =>
    rows.filter((r) => r.sessionId === id).map(({ cueId, fieldLabel, assetId }) => ({ cueId, fieldLabel, assetId })),
  );
}

export type RequirementWarningRow = {
  kind: 'RF_CHANNELS_EXCEEDED' | 'REQUIRED_KIT_NOT_BOOKED';
  session_id: string;
  room_id: string;
  title: string;
  place: string;
  needed: number | null;
  available: number | null;
  kit: string | null;
};

/**
 * A room needing more wireless channels at once (its session and any overlapping it) than its
 * frequency plan allows; a format's kit with no held or confirmed booking in the session's room
 * for the session's time.
 */
export async function requirementWarnings(db: Executor, eventId: string): Promise<RequirementWarningRow[]> {
  const { rows } = await sql<RequirementWarningRow>`
    WITH live AS (
      SELECT s.id, s.room_id, s.title, s.starts_at, s.ends_at, s.event_id, s.presentation_format
        FROM session s WHERE s.event_id = ${eventId} AND s.status <> 'CANCELLED' AND s.room_id IS NOT NULL
    ),
    channels AS (
      SELECT l.id, count(DISTINCT coalesce(ss.mic, ss.id::text))::int AS used
        FROM live l JOIN session_speaker ss ON ss.session_id = l.id
        LEFT JOIN format_template t ON t.event_id = l.event_id AND t.format = l.presentation_format
       WHERE coalesce(ss.mic_kind, t.mic_kind) IN ('LAV', 'HEADSET', 'HANDHELD')
       GROUP BY l.id
    )
    SELECT 'RF_CHANNELS_EXCEEDED' AS kind, a.id AS session_id, r.id AS room_id, a.title, r.name AS place,
           sum(c.used)::int AS needed, r.rf_channels AS available, NULL AS kit
      FROM live a JOIN room r ON r.id = a.room_id
      JOIN live b ON b.room_id = a.room_id AND b.starts_at < a.ends_at AND a.starts_at < b.ends_at
      JOIN channels c ON c.id = b.id
     WHERE r.rf_channels IS NOT NULL
     GROUP BY a.id, a.title, a.starts_at, r.id
    HAVING sum(c.used) > r.rf_channels
    UNION ALL
    SELECT 'REQUIRED_KIT_NOT_BOOKED', l.id, r.id, l.title, r.name, NULL, NULL, k.name
      FROM live l JOIN room r ON r.id = l.room_id
      JOIN format_template t ON t.event_id = l.event_id AND t.format = l.presentation_format
      JOIN gear_kit k ON k.id = ANY(t.kit_ids)
     WHERE NOT EXISTS (
       SELECT 1 FROM gear_booking b
        WHERE b.event_id = l.event_id AND b.kit_id = k.id AND b.room_id = l.room_id AND b.status <> 'QUOTED'
          AND b.leaves_at <= l.starts_at AND b.returns_at >= l.ends_at)
     ORDER BY 1, 4, 2, 8`.execute(db);
  return rows;
}
