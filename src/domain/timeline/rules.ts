import { sql, type RawBuilder } from 'kysely';
import type { TaskAnchor } from '../../db/types.js';

/**
 * The timeline's rules. A task is due `offset_days` from its anchor — the event's first or last
 * day, a contract's cut-off or date-hold expiry, a payment's due date — or on a fixed day; the due
 * day is computed when read, never stored, so a task moves the moment its anchor moves. A task is
 * overdue when it is still open (TODO or IN_PROGRESS) after its due day, counted in the event's
 * time zone. It cannot be DONE before the tasks it depends on are DONE or CANCELLED.
 */

/** A task's due day (a `date`, or null when its anchor has no date), for the row `task` of a query. */
export const dueOnSql = (task = 'task'): RawBuilder<string | null> => {
  const t = (column: string) => sql.ref(`${task}.${column}`);
  return sql<string | null>`(CASE ${t('anchor')}
    WHEN 'EVENT_START' THEN (SELECT e.start_date FROM event e WHERE e.id = ${t('event_id')}) + ${t('offset_days')}
    WHEN 'EVENT_END' THEN (SELECT e.end_date FROM event e WHERE e.id = ${t('event_id')}) + ${t('offset_days')}
    WHEN 'CONTRACT_CUT_OFF' THEN (SELECT c.cut_off_date FROM contract c WHERE c.id = ${t('contract_id')}) + ${t('offset_days')}
    WHEN 'CONTRACT_DATE_HOLD' THEN (SELECT c.date_hold_expires_on FROM contract c WHERE c.id = ${t('contract_id')}) + ${t('offset_days')}
    WHEN 'PAYMENT_DUE' THEN (SELECT p.due_on FROM contract_payment p WHERE p.id = ${t('payment_id')}) + ${t('offset_days')}
    ELSE ${t('fixed_on')} END)`;
};

/** The event's day today, in its own time zone. */
export const eventTodaySql = (task = 'task'): RawBuilder<string> =>
  sql<string>`(SELECT (now() AT TIME ZONE e.timezone)::date FROM event e WHERE e.id = ${sql.ref(`${task}.event_id`)})`;

export const OPEN_STATUSES = ['TODO', 'IN_PROGRESS'] as const;

/** Whether the task is open past its due day. */
export const overdueSql = (task = 'task'): RawBuilder<boolean> =>
  sql<boolean>`(${sql.ref(`${task}.status`)} IN ('TODO', 'IN_PROGRESS') AND ${dueOnSql(task)} < ${eventTodaySql(task)})`;

/** Anchors that count from a contract, and the one that counts from a payment. */
export const CONTRACT_ANCHORS: readonly TaskAnchor[] = ['CONTRACT_CUT_OFF', 'CONTRACT_DATE_HOLD'];

/** What a contract's dates make: a task this many days before the date, with this title. */
export const AUTOMATIC_TASKS = {
  CONTRACT_CUT_OFF: { offsetDays: -7, title: (contract: string) => `Confirm or release rooms before the cut-off: ${contract}` },
  CONTRACT_DATE_HOLD: { offsetDays: -3, title: (contract: string) => `Sign or extend before the date hold expires: ${contract}` },
  PAYMENT_DUE: { offsetDays: 0, title: (contract: string, label?: string) => `Pay ${label ?? 'the payment'}: ${contract}` },
} as const;
