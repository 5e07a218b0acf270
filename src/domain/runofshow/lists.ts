import { sql } from 'kysely';
import type { ListSpec, PageArgs } from '../../db/pagination.js';

/** A session's cues in running order, by department if asked. */

export type CueFilters = PageArgs & { department?: string | null };

export const cuesOfSession: ListSpec<CueFilters> = {
  name: 'session.cues',
  table: 'cue',
  parent: 'session_id',
  orderBy: ['position'],
  filter: (args) => (args.department ? sql<boolean>`department = ${args.department}` : null),
};
