import { sql } from 'kysely';
import { allOf, type ListSpec, type PageArgs } from '../../db/pagination.js';

/** A session's cues in running order, by department or segment if asked. */

export type CueFilters = PageArgs & { department?: string | null; segmentId?: string | null };

export const cuesOfSession: ListSpec<CueFilters> = {
  name: 'session.cues',
  table: 'cue',
  parent: 'session_id',
  orderBy: ['position'],
  filter: (args) =>
    allOf([
      args.department ? sql<boolean>`department = ${args.department}` : null,
      args.segmentId ? sql<boolean>`segment_id = ${args.segmentId}` : null,
    ]),
};

/** A session's segments in running order. */
export const segmentsOfSession: ListSpec<PageArgs> = {
  name: 'session.segments',
  table: 'segment',
  parent: 'session_id',
  orderBy: ['position'],
};
