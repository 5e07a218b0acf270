import type { ColumnType, Generated, Selectable } from 'kysely';
import { type Timestamp, type Versioned, versioned } from './columns.js';
import type { ConfidenceView, LaptopSource, MicKind, PresentationFormat } from './schedule.js';

/** Production planning: the production schedule's blocks, rehearsal slots, the venue's access hours, trucks. */

export type ProductionBlockKind = 'LOAD_IN' | 'FOCUS' | 'TECH' | 'REHEARSAL' | 'SHOW' | 'STRIKE' | 'LOAD_OUT';

/** A stretch of a room's time that production holds: it occupies the room like a session does (a SHOW block runs with its sessions). */
export interface ProductionBlockTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  room_id: string;
  kind: ProductionBlockKind;
  title: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  notes: string | null;
  /** The sessions a tech rehearsal covers. */
  covers_session_ids: ColumnType<string[], string | undefined, string>;
  /** When management last moved it (a rehearsal); production acknowledges, since crew calls move with it. */
  moved_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  /** Where it started when production last saw it (set by the first move since): acknowledging shifts its crew calls by the difference. */
  moved_from: Timestamp | null;
}

/** A speaker's short rehearsal inside a rehearsal block. */
export interface RehearsalSlotTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  block_id: string;
  speaker_id: string;
  session_id: string | null;
  /** From its block's start: a rehearsal that moves takes its slots with it. */
  offset_seconds: number;
  duration_seconds: number;
  notes: string | null;
}

/** When the venue's contract lets production in. */
export interface VenueAccessWindowTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  venue_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  notes: string | null;
}

/** A truck delivering to the venue, and its slot at a dock. */
export interface TruckTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  venue_id: string;
  name: string;
  vendor: string | null;
  arrives_at: Timestamp;
  dock: string | null;
  dock_starts_at: Timestamp | null;
  dock_ends_at: Timestamp | null;
}

export type SetupStyle = 'THEATER' | 'CLASSROOM' | 'BANQUET' | 'CABARET' | 'BOARDROOM' | 'U_SHAPE';

/** A setup style of a room with its capacity: gross, and the seats the stage, front-of-house and camera risers take. */
export interface RoomSetupTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  room_id: string;
  style: SetupStyle;
  capacity: number;
  stage_seats: Generated<number>;
  foh_seats: Generated<number>;
  riser_seats: Generated<number>;
}

/** A point gear is hung from, with what it may bear. */
export interface RiggingPointTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  room_id: string;
  name: string;
  load_limit_kg: number;
}

export type AssetKind = 'SLIDES' | 'VIDEO' | 'AUDIO' | 'GRAPHICS' | 'RENDER' | 'SHOW_FILE' | 'STAGE_DESIGN' | 'LED_CONTENT';
export type AssetStatus = 'REQUESTED' | 'RECEIVED' | 'IN_REVIEW' | 'CHANGES_REQUESTED' | 'APPROVED';

/** A file a session (or the show) needs, as metadata: the file itself lives elsewhere (`location`). */
export interface AssetTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  session_id: string | null;
  name: string;
  kind: AssetKind;
  status: Generated<AssetStatus>;
  due_at: Timestamp | null;
  /** The file's version number: 0 until one is received. */
  current_version: Generated<number>;
  size_bytes: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  checksum: string | null;
  location: string | null;
  /** The file version the approval is for; a new version voids it. */
  approved_version: number | null;
  approved_at: Timestamp | null;
  review_note: string | null;
}

/** What a presentation format needs unless a speaker says otherwise, and the kits it takes. */
export interface FormatTemplateTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  format: PresentationFormat;
  laptop: Generated<LaptopSource>;
  mic_kind: Generated<MicKind>;
  confidence_view: Generated<ConfidenceView>;
  /** Gear kits of the production company's inventory. */
  kit_ids: ColumnType<string[], string[] | undefined, string[]>;
  notes: string | null;
}

export type Asset = Selectable<AssetTable>;
export type FormatTemplate = Selectable<FormatTemplateTable>;
export type RoomSetup = Selectable<RoomSetupTable>;
export type RiggingPoint = Selectable<RiggingPointTable>;
export type ProductionBlock = Selectable<ProductionBlockTable>;
export type RehearsalSlot = Selectable<RehearsalSlotTable>;
export type VenueAccessWindow = Selectable<VenueAccessWindowTable>;
export type Truck = Selectable<TruckTable>;

export interface ProductionTables {
  production_block: ProductionBlockTable;
  rehearsal_slot: RehearsalSlotTable;
  venue_access_window: VenueAccessWindowTable;
  truck: TruckTable;
  room_setup: RoomSetupTable;
  rigging_point: RiggingPointTable;
  asset: AssetTable;
  format_template: FormatTemplateTable;
}

export const productionColumns = {
  production_block: [
    'id',
    'event_id',
    'room_id',
    'kind',
    'title',
    'starts_at',
    'ends_at',
    'notes',
    'covers_session_ids',
    'moved_at',
    'acknowledged_at',
    'moved_from',
    ...versioned,
  ],
  rehearsal_slot: ['id', 'event_id', 'block_id', 'speaker_id', 'session_id', 'offset_seconds', 'duration_seconds', 'notes', ...versioned],
  venue_access_window: ['id', 'event_id', 'venue_id', 'starts_at', 'ends_at', 'notes', ...versioned],
  truck: ['id', 'event_id', 'venue_id', 'name', 'vendor', 'arrives_at', 'dock', 'dock_starts_at', 'dock_ends_at', ...versioned],
  room_setup: ['id', 'event_id', 'room_id', 'style', 'capacity', 'stage_seats', 'foh_seats', 'riser_seats', ...versioned],
  rigging_point: ['id', 'event_id', 'room_id', 'name', 'load_limit_kg', ...versioned],
  asset: [
    'id',
    'event_id',
    'session_id',
    'name',
    'kind',
    'status',
    'due_at',
    'current_version',
    'size_bytes',
    'checksum',
    'location',
    'approved_version',
    'approved_at',
    'review_note',
    ...versioned,
  ],
  format_template: ['id', 'event_id', 'format', 'laptop', 'mic_kind', 'confidence_view', 'kit_ids', 'notes', ...versioned],
} as const;
