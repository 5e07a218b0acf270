import type { SelectionCriterion } from '../../db/types.js';

/**
 * How candidates compare. The weighted score is Σ weight × score ÷ Σ weight over the criteria a
 * candidate has been scored on (1–5 each), to two decimals, rounded half up once; a candidate scored
 * on nothing has no score. Candidates are ranked by score (unscored last), then name.
 */

export type Weighted = { score: string | null; scored: number; of: number };

export function weightedScore(scores: Record<string, number>, criteria: readonly Pick<SelectionCriterion, 'id' | 'weight'>[]): Weighted {
  let sum = 0;
  let weights = 0;
  let scored = 0;
  for (const c of criteria) {
    const s = scores[c.id];
    if (s === undefined) continue;
    sum += c.weight * s;
    weights += c.weight;
    scored += 1;
  }
  if (!weights) return { score: null, scored: 0, of: criteria.length };
  // Hundredths, half up, in integers: ⌊(200·sum + weights) ÷ (2·weights)⌋.
  const hundredths = Math.floor((200 * sum + weights) / (2 * weights));
  return { score: `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`, scored, of: criteria.length };
}

/** Candidates best first: by weighted score (unscored last), then name. */
export function ranked<T extends { name: string; weighted: Weighted }>(candidates: readonly T[]): T[] {
  const value = (c: T) => (c.weighted.score === null ? -1 : Number(c.weighted.score));
  return [...candidates].sort((a, b) => value(b) - value(a) || a.name.localeCompare(b.name));
}

/** A candidate's date hold expiring within this many days (and not contracted) is a warning. */
export const HOLD_WARNING_DAYS = 14;
