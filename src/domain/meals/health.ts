import { sql } from 'kysely';
import type { Database, Executor } from '../../db/client.js';
import type { Allergy, AllergySeverity, MemberRole } from '../../db/types.js';
import type { Actor } from '../../db/write.js';
import { ValidationError } from '../../shared/errors.js';
import { findById, sameValue, updateEntity } from '../entities.js';

/**
 * Health data per person, kept on the attendee: dietary requirements from a fixed list plus free
 * text, allergies with their severity, accessibility needs. Management edits it. It is the most
 * private thing the graph holds: the client reads individual details only through the users it
 * names as owners (`health_data_owner`), production never; everyone else reads counts, and counts
 * are of people — someone vegan and gluten-free is one person with needs, not two.
 */

export const DIETARY_REQUIREMENTS = [
  'VEGETARIAN',
  'VEGAN',
  'PESCATARIAN',
  'GLUTEN_FREE',
  'DAIRY_FREE',
  'HALAL',
  'KOSHER',
  'NO_PORK',
  'NO_BEEF',
  'LOW_SODIUM',
  'DIABETIC',
] as const;
export const ALLERGENS = ['PEANUTS', 'TREE_NUTS', 'MILK', 'EGGS', 'FISH', 'SHELLFISH', 'WHEAT', 'SOY', 'SESAME', 'OTHER'] as const;
export const ALLERGY_SEVERITIES = ['MILD', 'MODERATE', 'SEVERE', 'ANAPHYLACTIC'] as const satisfies readonly AllergySeverity[];
/** The severities as an SQL array, mildest first: `array_position(SEVERITY_ORDER, …)` ranks one. */
export const SEVERITY_ORDER = sql.raw(`ARRAY['${ALLERGY_SEVERITIES.join("','")}']`);
export const ACCESSIBILITY_NEEDS = ['WHEELCHAIR', 'MOBILITY', 'HEARING', 'VISION', 'SERVICE_ANIMAL', 'COGNITIVE', 'OTHER'] as const;

/** The attendee fields that are health data, as the API and the history name them. */
export const HEALTH_FIELDS = ['dietary', 'dietaryNotes', 'allergies', 'accessibility', 'accessibilityNotes'] as const;

/** Who reads health details: management, and the client's users it named as owners. Never production. */
export function showsHealthDetails(reader: { isPlatformAdmin: boolean; role: MemberRole | null; ownsHealthData: boolean }): boolean {
  return reader.isPlatformAdmin || reader.role === 'MANAGEMENT' || (reader.role === 'CLIENT' && reader.ownsHealthData);
}

export type HealthInput = {
  dietary?: string[] | null;
  dietaryNotes?: string | null;
  allergies?: { allergen: string; detail?: string | null; severity: AllergySeverity }[] | null;
  accessibility?: string[] | null;
  accessibilityNotes?: string | null;
};

function noRepeats(field: string, values: readonly string[]): void {
  if (new Set(values).size !== values.length) throw new ValidationError({ field, message: 'must not name the same value twice' });
}

function allergiesOf(input: NonNullable<HealthInput['allergies']>): Allergy[] {
  noRepeats(
    'allergies',
    input.map((a) => `${a.allergen}:${a.detail?.trim().toLowerCase() ?? ''}`),
  );
  return input.map((a, i) => {
    const detail = a.detail?.trim() || null;
    if (a.allergen === 'OTHER' && !detail)
      throw new ValidationError({ field: `allergies.${i}.detail`, message: 'an OTHER allergy names the allergen in `detail`' });
    return { allergen: a.allergen, detail, severity: a.severity };
  });
}

/** Changes an attendee's health data; fields left out stay, an empty list clears. */
export async function updateAttendeeHealth(db: Database, actor: Actor, id: string, expectedVersion: number, input: HealthInput) {
  if (input.dietary) noRepeats('dietary', input.dietary);
  if (input.accessibility) noRepeats('accessibility', input.accessibility);
  const allergies = input.allergies ? allergiesOf(input.allergies) : undefined;
  // jsonb is written as text, so lists are compared as values here: sending what is there writes
  // nothing. Read before the write; its version check makes sure nothing moved since.
  const before = await findById(db, 'attendee', id);
  const list = <T>(value: T | null | undefined, now: T) => (value == null || sameValue(value, now) ? undefined : JSON.stringify(value));
  const words = (value: string | null | undefined, now: string | null) => {
    const next = value === undefined ? undefined : value?.trim() || null;
    return next === now ? undefined : next;
  };
  return updateEntity(db, actor, 'attendee', id, expectedVersion, {
    dietary: list(input.dietary, before.dietary),
    dietary_notes: words(input.dietaryNotes, before.dietary_notes),
    allergies: list(allergies, before.allergies),
    accessibility: list(input.accessibility, before.accessibility),
    accessibility_notes: words(input.accessibilityNotes, before.accessibility_notes),
  });
}

export type HealthCounts = {
  people: number;
  withDietary: number;
  dietary: { requirement: string; people: number }[];
  withDietaryNotes: number;
  withAllergies: number;
  allergies: { allergen: string; people: number }[];
  bySeverity: { severity: AllergySeverity; people: number }[];
  withAccessibilityNeeds: number;
  accessibility: { need: string; people: number }[];
  /** People with any dietary requirement or allergy: what the kitchen plans special plates for. */
  withSpecialMeals: number;
};

/**
 * Counts of people and their needs among `people` (a set of attendee ids given as SQL), each
 * person counted once per line — and by their most severe allergy in `bySeverity`.
 */
export async function countHealth(db: Executor, people: ReturnType<typeof sql>): Promise<HealthCounts> {
  const { rows } = await sql<{ kind: string; value: string | null; n: number }>`
    WITH p AS (SELECT a.* FROM attendee a WHERE a.id IN (${people}))
    SELECT 'people' AS kind, NULL AS value, count(*)::int AS n FROM p
    UNION ALL SELECT 'withDietary', NULL, count(*)::int FROM p WHERE jsonb_array_length(dietary) > 0
    UNION ALL SELECT 'withDietaryNotes', NULL, count(*)::int FROM p WHERE dietary_notes IS NOT NULL
    UNION ALL SELECT 'withAllergies', NULL, count(*)::int FROM p WHERE jsonb_array_length(allergies) > 0
    UNION ALL SELECT 'withAccessibilityNeeds', NULL, count(*)::int FROM p WHERE jsonb_array_length(accessibility) > 0 OR accessibility_notes IS NOT NULL
    UNION ALL SELECT 'withSpecialMeals', NULL, count(*)::int FROM p WHERE jsonb_array_length(dietary) > 0 OR jsonb_array_length(allergies) > 0 OR dietary_notes IS NOT NULL
    UNION ALL SELECT 'dietary', d, count(DISTINCT p.id)::int FROM p, jsonb_array_elements_text(dietary) d GROUP BY d
    UNION ALL SELECT 'allergies', al->>'allergen', count(DISTINCT p.id)::int FROM p, jsonb_array_elements(allergies) al GROUP BY al->>'allergen'
    UNION ALL SELECT 'accessibility', x, count(DISTINCT p.id)::int FROM p, jsonb_array_elements_text(accessibility) x GROUP BY x
    UNION ALL SELECT 'bySeverity', worst, count(*)::int FROM (
      SELECT (SELECT al->>'severity' FROM jsonb_array_elements(allergies) al
               ORDER BY array_position(${SEVERITY_ORDER}, al->>'severity') DESC LIMIT 1) AS worst
        FROM p WHERE jsonb_array_length(allergies) > 0) w GROUP BY worst`.execute(db);
  const total = (kind: string) => rows.find((r) => r.kind === kind)?.n ?? 0;
  const listed = <K extends string, V extends string>(kind: string, key: K, order: readonly V[]) =>
    rows
      .filter((r) => r.kind === kind)
      .sort((a, b) => order.indexOf(a.value as V) - order.indexOf(b.value as V))
      .map((r) => ({ [key]: r.value, people: r.n }) as { [k in K]: V } & { people: number });
  return {
    people: total('people'),
    withDietary: total('withDietary'),
    dietary: listed('dietary', 'requirement', DIETARY_REQUIREMENTS),
    withDietaryNotes: total('withDietaryNotes'),
    withAllergies: total('withAllergies'),
    allergies: listed('allergies', 'allergen', ALLERGENS),
    bySeverity: listed('bySeverity', 'severity', ALLERGY_SEVERITIES),
    withAccessibilityNeeds: total('withAccessibilityNeeds'),
    accessibility: listed('accessibility', 'need', ACCESSIBILITY_NEEDS),
    withSpecialMeals: total('withSpecialMeals'),
  };
}
