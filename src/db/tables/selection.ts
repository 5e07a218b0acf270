import type { ColumnType, Generated, Selectable } from 'kysely';
import { type DateOnly, type Versioned, versioned } from './columns.js';

/** Venue selection: weighted criteria, candidate venues with their scores and quotes, site visits. */

export type CandidateStatus = 'CANDIDATE' | 'SHORTLISTED' | 'CHOSEN' | 'DECLINED' | 'CONTRACTED';

export interface SelectionCriterionTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  name: string;
  /** How much it counts, 1–10. */
  weight: number;
}

export interface VenueCandidateTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  name: string;
  address: string | null;
  city: string | null;
  country: string | null;
  capacity: number | null;
  status: Generated<CandidateStatus>;
  date_hold_expires_on: DateOnly | null;
  /** The venue's bid, in minor units of `quote_currency`: management's only. */
  quote_currency: string | null;
  quote_minor: number | null;
  /** Criterion id → score 1–5. */
  scores: ColumnType<Record<string, number>, string | undefined, string>;
  contract_id: string | null;
  /** The event's venue it became once contracted. */
  venue_id: string | null;
  notes: string | null;
}

export interface SiteVisitTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  candidate_id: string;
  visited_on: DateOnly;
  /** Who went. */
  attendees: ColumnType<string[], string[] | undefined, string[]>;
  notes: string | null;
}

export type SelectionCriterion = Selectable<SelectionCriterionTable>;
export type VenueCandidate = Selectable<VenueCandidateTable>;
export type SiteVisit = Selectable<SiteVisitTable>;

export interface SelectionTables {
  selection_criterion: SelectionCriterionTable;
  venue_candidate: VenueCandidateTable;
  site_visit: SiteVisitTable;
}

export const selectionColumns = {
  selection_criterion: ['id', 'event_id', 'name', 'weight', ...versioned],
  venue_candidate: [
    'id',
    'event_id',
    'name',
    'address',
    'city',
    'country',
    'capacity',
    'status',
    'date_hold_expires_on',
    'quote_currency',
    'quote_minor',
    'scores',
    'contract_id',
    'venue_id',
    'notes',
    ...versioned,
  ],
  site_visit: ['id', 'event_id', 'candidate_id', 'visited_on', 'attendees', 'notes', ...versioned],
} as const;
