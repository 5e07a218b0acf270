import { rowCondition } from '../../auth/row-rules.js';
import type { Viewer } from '../../auth/tokens.js';
import type { Executor } from '../../db/client.js';
import type { SelectionCriterion, SiteVisit, VenueCandidate } from '../../db/types.js';

/** What venue selection reads: an event's criteria and candidates as the viewer may, candidates' site visits. */

export async function criteriaOf(db: Executor, viewer: Viewer | null, eventId: string): Promise<SelectionCriterion[]> {
  let q = db.selectFrom('selection_criterion').selectAll().where('event_id', '=', eventId);
  const rule = rowCondition('selection_criterion', viewer);
  if (rule) q = q.where(rule);
  return q.orderBy('weight', 'desc').orderBy('name').execute();
}

export async function candidatesOf(db: Executor, viewer: Viewer | null, eventId: string): Promise<VenueCandidate[]> {
  let q = db.selectFrom('venue_candidate').selectAll().where('event_id', '=', eventId);
  const rule = rowCondition('venue_candidate', viewer);
  if (rule) q = q.where(rule);
  return q.orderBy('name').execute();
}

/** Each candidate's site visits, by day, in key order; one statement. */
export async function visitsOf(db: Executor, candidateIds: readonly string[]): Promise<SiteVisit[][]> {
  const rows = await db
    .selectFrom('site_visit')
    .selectAll()
    .where('candidate_id', 'in', candidateIds as string[])
    .orderBy('visited_on')
    .execute();
  return candidateIds.map((id) => rows.filter((r) => r.candidate_id === id));
}
