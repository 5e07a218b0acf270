import type { ColumnType, Generated, Selectable } from 'kysely';
import type { MemberRole } from './event.js';
import { type DateOnly, type Timestamp, type Versioned, versioned } from './columns.js';

/** The T-minus timeline: tasks and milestones of an event, and organizations' task templates. */

export type TaskStatus = 'TODO' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';
export type TaskAnchor = 'EVENT_START' | 'EVENT_END' | 'CONTRACT_CUT_OFF' | 'CONTRACT_DATE_HOLD' | 'PAYMENT_DUE' | 'FIXED';
export type MilestoneKind =
  'SITE_VISIT' | 'CONTRACTS_SIGNED' | 'AGENDA_FINAL' | 'PRODUCTION_BRIEF' | 'REHEARSALS' | 'SHOW_DAYS' | 'WRAP' | 'OTHER';

export interface TaskTable extends Versioned {
  id: Generated<string>;
  event_id: string;
  title: string;
  notes: string | null;
  /** The organization that owns it (does it). */
  organization_id: string;
  assignee_user_id: string | null;
  /** Who it is delivered to: production's deliverables to management name management. */
  for_organization_id: string | null;
  status: Generated<TaskStatus>;
  /** Read by its own organization only. */
  internal: Generated<boolean>;
  milestone: MilestoneKind | null;
  anchor: Generated<TaskAnchor>;
  /** Days from the anchor: negative before it ("T-30"). */
  offset_days: Generated<number>;
  contract_id: string | null;
  payment_id: string | null;
  fixed_on: DateOnly | null;
  depends_on: ColumnType<string[], string[] | undefined, string[]>;
  subject_type: string | null;
  subject_id: string | null;
  /** Made by a contract's date; kept in step with it. */
  automatic: Generated<boolean>;
  completed_at: Timestamp | null;
}

/** One task a template makes; `dependsOn` holds indexes of earlier items. */
export type TemplateItem = {
  title: string;
  ownerRole: MemberRole;
  forRole?: MemberRole | null;
  milestone?: MilestoneKind | null;
  anchor: 'EVENT_START' | 'EVENT_END';
  offsetDays: number;
  internal?: boolean | null;
  dependsOn?: number[] | null;
};

export interface TaskTemplateTable extends Versioned {
  id: Generated<string>;
  organization_id: string;
  name: string;
  items: ColumnType<TemplateItem[], string, string>;
}

export type Task = Selectable<TaskTable>;
export type TaskTemplate = Selectable<TaskTemplateTable>;

export interface TimelineTables {
  task: TaskTable;
  task_template: TaskTemplateTable;
}

export const timelineColumns = {
  task: [
    'id',
    'event_id',
    'title',
    'notes',
    'organization_id',
    'assignee_user_id',
    'for_organization_id',
    'status',
    'internal',
    'milestone',
    'anchor',
    'offset_days',
    'contract_id',
    'payment_id',
    'fixed_on',
    'depends_on',
    'subject_type',
    'subject_id',
    'automatic',
    'completed_at',
    ...versioned,
  ],
  task_template: ['id', 'organization_id', 'name', 'items', ...versioned],
} as const;
