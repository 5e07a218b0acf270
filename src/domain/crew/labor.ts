import { sql } from 'kysely';
import type { Executor } from '../../db/client.js';
import type { CrewCall, CrewMember, CrewRole, CrewVendor, LaborRuleSet } from '../../db/types.js';
import { addDays, localDay, localTimeText, zonedInstant } from '../time.js';

/**
 * The labor rules, checked for every person on every call (tentative or confirmed). A call's rules
 * are its own rule set, else the rule set of its first room's venue. Days are the venue's local days
 * (the event's time zone): a call that runs past midnight belongs to the day it began.
 *
 * - MEAL_PENALTY: no meal break begun by hour `mealAfter` of a call that runs longer; each started
 *   step (30 minutes) until the break, or the end of the call, is penalty time.
 * - BELOW_MINIMUM_CALL: a call shorter than the minimum is paid as the minimum.
 * - OVERTIME: worked time (the meal unpaid) in one day past `overtimeAfter`.
 * - SHORT_REST: less than the minimum rest between one call's end and the next one's start;
 *   the rest cut short is penalty time.
 * - NIGHT_PREMIUM: time worked inside the night window.
 * Without a rule set, none of these; CREW_DOUBLE_BOOKED (one person on two calls at once — a
 * floater call over several rooms is one call), CALL_UNDERSTAFFED and INSURANCE_CERTIFICATE_MISSING
 * (a crew company with people on calls and no certificate valid to the last of them) always.
 */

export type CrewWarningKind =
  | 'MEAL_PENALTY'
  | 'BELOW_MINIMUM_CALL'
  | 'OVERTIME'
  | 'SHORT_REST'
  | 'NIGHT_PREMIUM'
  | 'CREW_DOUBLE_BOOKED'
  | 'CALL_UNDERSTAFFED'
  | 'INSURANCE_CERTIFICATE_MISSING';

export type CrewWarning = {
  kind: CrewWarningKind;
  message: string;
  memberId: string | null;
  callIds: string[];
  vendorId: string | null;
  /** Time paid at a premium (or paid without being worked); 0 when the warning costs none. */
  penaltyMinutes: number;
  /** What it costs at the person's day rate, in minor units of `currency` (see `penaltyCost`). */
  costMinor: number | null;
  currency: string | null;
};

/** How much a penalty minute costs, as a fraction of the hourly share of the day rate. */
const PREMIUM: Partial<Record<CrewWarningKind, [number, number]>> = {
  MEAL_PENALTY: [3, 2],
  OVERTIME: [3, 2],
  SHORT_REST: [3, 2],
  BELOW_MINIMUM_CALL: [1, 1],
  NIGHT_PREMIUM: [1, 4],
};

/**
 * A penalty's cost in integers: day rate × minutes × premium ÷ (the day's straight minutes
 * (`overtimeAfter`) × premium's denominator), rounded half up to the minor unit.
 */
export function penaltyCost(kind: CrewWarningKind, minutes: number, dayRateMinor: number, overtimeAfterMinutes: number): number {
  const [num, den] = PREMIUM[kind] ?? [0, 1];
  const top = BigInt(dayRateMinor) * BigInt(minutes) * BigInt(num);
  const bottom = BigInt(overtimeAfterMinutes) * BigInt(den);
  return Number((top * 2n + bottom) / (bottom * 2n));
}

export type CrewFacts = {
  timezone: string;
  calls: (CrewCall & { venue_id: string | null })[];
  assignments: { call_id: string; member_id: string; status: string }[];
  members: CrewMember[];
  vendors: CrewVendor[];
  ruleSets: LaborRuleSet[];
};

const MINUTE = 60_000;
const ms = (d: Date | string) => new Date(d).getTime();
const hours = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

export function checkLabor(f: CrewFacts): CrewWarning[] {
  const out: CrewWarning[] = [];
  const at = (d: Date | string) => localTimeText(new Date(d), f.timezone);
  const ruleOf = (c: CrewFacts['calls'][number]) =>
    f.ruleSets.find((r) => r.id === c.rule_set_id) ?? (c.venue_id ? f.ruleSets.find((r) => r.venue_id === c.venue_id) : undefined);
  const callName = (c: CrewCall) => `${c.role} call ${at(c.starts_at)}–${at(c.ends_at)}`;
  const length = (c: CrewCall) => (ms(c.ends_at) - ms(c.starts_at)) / MINUTE;
  const worked = (c: CrewCall) => length(c) - (c.meal_starts_at ? c.meal_minutes : 0);
  const warn = (
    kind: CrewWarningKind,
    member: CrewMember | null,
    calls: CrewCall[],
    minutes: number,
    message: string,
    rules?: LaborRuleSet,
  ) =>
    out.push({
      kind,
      message,
      memberId: member?.id ?? null,
      callIds: calls.map((c) => c.id),
      vendorId: null,
      penaltyMinutes: minutes,
      costMinor:
        member?.day_rate_minor != null && rules && minutes > 0
          ? penaltyCost(kind, minutes, member.day_rate_minor, rules.overtime_after_minutes)
          : null,
      currency: member?.day_rate_minor != null && rules && minutes > 0 ? member.currency : null,
    });

  for (const member of f.members) {
    const calls = f.calls
      .filter((c) => f.assignments.some((a) => a.call_id === c.id && a.member_id === member.id))
      .sort((a, b) => ms(a.starts_at) - ms(b.starts_at) || a.id.localeCompare(b.id));
    const who = `${member.name} (${member.role})`;
    for (const c of calls) {
      const rules = ruleOf(c);
      if (!rules) continue;
      const deadline = ms(c.starts_at) + rules.meal_after_minutes * MINUTE;
      const mealAt = c.meal_starts_at ? ms(c.meal_starts_at) : null;
      if (ms(c.ends_at) > deadline && (mealAt === null || mealAt > deadline)) {
        const late = (Math.min(mealAt ?? ms(c.ends_at), ms(c.ends_at)) - deadline) / MINUTE;
        const minutes = Math.ceil(late / rules.meal_penalty_step_minutes) * rules.meal_penalty_step_minutes;
        warn(
          'MEAL_PENALTY',
          member,
          [c],
          minutes,
          `${who} on the ${callName(c)} has no meal break by hour ${hours(rules.meal_after_minutes)} (${rules.name}): ${minutes} penalty minutes`,
          rules,
        );
      }
      if (length(c) < rules.minimum_call_minutes) {
        const minutes = rules.minimum_call_minutes - length(c);
        warn(
          'BELOW_MINIMUM_CALL',
          member,
          [c],
          minutes,
          `${who}: the ${callName(c)} is shorter than the ${hours(rules.minimum_call_minutes)} minimum call (${rules.name}): ${minutes} minutes paid unworked`,
          rules,
        );
      }
      if (rules.night_starts_minute !== null) {
        const minutes = nightMinutes(c, rules, f.timezone);
        if (minutes > 0)
          warn(
            'NIGHT_PREMIUM',
            member,
            [c],
            minutes,
            `${who} works ${minutes} minutes of the ${callName(c)} at night (${rules.name})`,
            rules,
          );
      }
    }
    // One working day per local date a call begins on.
    const days = new Map<string, CrewFacts['calls']>();
    for (const c of calls)
      days.set(localDay(new Date(c.starts_at), f.timezone), [...(days.get(localDay(new Date(c.starts_at), f.timezone)) ?? []), c]);
    for (const [day, dayCalls] of days) {
      const rules = ruleOf(dayCalls[0]!);
      const total = dayCalls.reduce((sum, c) => sum + worked(c), 0);
      if (rules && total > rules.overtime_after_minutes) {
        const minutes = total - rules.overtime_after_minutes;
        warn(
          'OVERTIME',
          member,
          dayCalls,
          minutes,
          `${who} works ${hours(total)} on ${day}, ${minutes} minutes past ${hours(rules.overtime_after_minutes)} (${rules.name})`,
          rules,
        );
      }
    }
    for (let i = 1; i < calls.length; i++) {
      const [a, b] = [calls[i - 1]!, calls[i]!];
      const gap = (ms(b.starts_at) - ms(a.ends_at)) / MINUTE;
      if (gap < 0) {
        warn('CREW_DOUBLE_BOOKED', member, [a, b], 0, `${who} is on the ${callName(a)} and the ${callName(b)} at once`);
        continue;
      }
      const rules = ruleOf(b);
      if (rules && gap < rules.minimum_rest_minutes) {
        const minutes = rules.minimum_rest_minutes - gap;
        warn(
          'SHORT_REST',
          member,
          [a, b],
          minutes,
          `${who} rests ${hours(gap)} between the ${callName(a)} and the ${callName(b)}, less than ${hours(rules.minimum_rest_minutes)} (${rules.name}): ${minutes} penalty minutes`,
          rules,
        );
      }
    }
  }
  for (const c of [...f.calls].sort((a, b) => ms(a.starts_at) - ms(b.starts_at) || a.id.localeCompare(b.id))) {
    const on = f.assignments.filter((a) => a.call_id === c.id);
    if (on.length < c.headcount) {
      const tentative = on.filter((a) => a.status === 'TENTATIVE').length;
      warn(
        'CALL_UNDERSTAFFED',
        null,
        [c],
        0,
        `The ${callName(c)} needs ${c.headcount} and has ${on.length}${tentative ? ` (${tentative} tentative)` : ''}`,
      );
    }
  }
  for (const v of f.vendors) {
    const theirs = f.calls.filter((c) =>
      f.assignments.some((a) => a.call_id === c.id && f.members.find((m) => m.id === a.member_id)?.vendor_id === v.id),
    );
    if (theirs.length === 0) continue;
    const lastDay = theirs
      .map((c) => localDay(new Date(c.ends_at), f.timezone))
      .sort()
      .at(-1)!;
    if (v.insurance_expires_on === null || v.insurance_expires_on < lastDay)
      out.push({
        kind: 'INSURANCE_CERTIFICATE_MISSING',
        message:
          v.insurance_expires_on === null
            ? `${v.name} (${v.trade}) has crew on calls and no insurance certificate for the venue`
            : `${v.name} (${v.trade})'s insurance certificate expires ${v.insurance_expires_on}, before their last call on ${lastDay}`,
        memberId: null,
        callIds: theirs.map((c) => c.id),
        vendorId: v.id,
        penaltyMinutes: 0,
        costMinor: null,
        currency: null,
      });
  }
  return out;
}

/** Minutes of a call inside the rule set's night window, on each local night it touches. */
function nightMinutes(c: CrewCall, rules: LaborRuleSet, timezone: string): number {
  const start = ms(c.starts_at);
  const end = ms(c.ends_at);
  const text = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const [from, until] = [rules.night_starts_minute!, rules.night_ends_minute!];
  let total = 0;
  for (let day = addDays(localDay(new Date(start), timezone), -1); day <= localDay(new Date(end), timezone); day = addDays(day, 1)) {
    const s = zonedInstant(day, text(from), timezone).getTime();
    const e = zonedInstant(until > from ? day : addDays(day, 1), text(until), timezone).getTime();
    total += Math.max(0, Math.min(end, e) - Math.max(start, s));
  }
  return Math.round(total / MINUTE);
}

/** Everything the labor rules look at for one event, in five statements. */
export async function loadCrewFacts(db: Executor, eventId: string): Promise<CrewFacts> {
  const [{ timezone }, calls, assignments, members, vendors, ruleSets] = await Promise.all([
    db.selectFrom('event').select('timezone').where('id', '=', eventId).executeTakeFirstOrThrow(),
    db
      .selectFrom('crew_call as c')
      .selectAll('c')
      .select(sql<string | null>`(SELECT venue_id FROM room WHERE room.id = c.room_ids[1])`.as('venue_id'))
      .where('c.event_id', '=', eventId)
      .execute(),
    db.selectFrom('crew_assignment').select(['call_id', 'member_id', 'status']).where('event_id', '=', eventId).execute(),
    db.selectFrom('crew_member').selectAll().where('event_id', '=', eventId).orderBy('name').orderBy('id').execute(),
    db.selectFrom('crew_vendor').selectAll().where('event_id', '=', eventId).orderBy('name').execute(),
    db.selectFrom('labor_rule_set').selectAll().where('event_id', '=', eventId).orderBy('name').execute(),
  ]);
  return { timezone, calls, assignments, members, vendors, ruleSets };
}

export const ROLES_IN_ORDER: readonly CrewRole[] = [
  'SHOW_CALLER',
  'STAGE_MANAGER',
  'A1',
  'A2',
  'V1',
  'LD',
  'CAMERA',
  'GRAPHICS',
  'RIGGER',
  'LED_TECH',
  'STAGEHAND',
  'HOUSE_LABOR',
];
