import type { EditableTable } from '../db/entities.js';
import type { MemberRole, OrganizationKind } from '../db/types.js';

/**
 * Who may do what, as data: the actions, which roles take them, and the shape of a field's rule.
 * Each root field's rule is in field-rules.ts; a test walks the printed schema against both.
 */
export type Action =
  | 'read'
  | 'plan'
  | 'technical'
  | 'runOfShow'
  | 'callShow'
  | 'liveTiming'
  | 'readHistory'
  | 'appointProduction'
  | 'screens'
  | 'healthOwners'
  | 'production'
  | 'rehearsals'
  | 'assets'
  | 'reviewAssets'
  | 'requests'
  | 'approveChangeOrders'
  | 'signOff'
  | 'tasks';

/** The design's matrix: which member roles may take each action on an event. */
export const MATRIX: Record<Action, readonly MemberRole[]> = {
  read: ['CLIENT', 'MANAGEMENT', 'PRODUCTION'],
  plan: ['MANAGEMENT'],
  technical: ['PRODUCTION'],
  runOfShow: ['PRODUCTION'],
  callShow: ['PRODUCTION'],
  liveTiming: ['MANAGEMENT', 'PRODUCTION'],
  readHistory: ['CLIENT', 'MANAGEMENT', 'PRODUCTION'],
  // Production rights (the show, its cues, technical fields) are given by the client, not by management.
  appointProduction: ['CLIENT'],
  // Read-only links for the control room's screens and calendar feeds: those who run the event on site make them.
  screens: ['MANAGEMENT', 'PRODUCTION'],
  // Who in the client reads individual health details: management names them, or the client's own administrators.
  healthOwners: ['MANAGEMENT', 'CLIENT'],
  // The production schedule, gear, crew: the production agency plans its own work.
  production: ['PRODUCTION'],
  // Speakers' rehearsal slots: management books the talent, production runs the rehearsal.
  rehearsals: ['MANAGEMENT', 'PRODUCTION'],
  // Files for the show: management collects them from speakers, production from its designers.
  assets: ['MANAGEMENT', 'PRODUCTION'],
  // Production reviews files; the client signs off stage designs and LED content (the domain says which).
  reviewAssets: ['CLIENT', 'PRODUCTION'],
  // Any organization of the event asks another; the domain says which side may close, reopen or price.
  requests: ['CLIENT', 'MANAGEMENT', 'PRODUCTION'],
  // Scope changes cost the client money: they approve them.
  approveChangeOrders: ['CLIENT'],
  // What the venue serves and what the event costs are the client's to sign off: function orders, budget versions.
  signOff: ['CLIENT'],
  // Every organization keeps its own tasks on the timeline; the domain lets management give tasks to the others.
  tasks: ['CLIENT', 'MANAGEMENT', 'PRODUCTION'],
};

export const ACTION_WORDS: Record<Action, string> = {
  read: 'read this event',
  plan: 'plan this event (management)',
  technical: "edit this event's technical fields (production)",
  runOfShow: 'edit the run-of-show (production)',
  callShow: 'call the show (production)',
  liveTiming: 'control live timing',
  readHistory: "read this event's history",
  appointProduction: 'give an organization the PRODUCTION role on this event (the client appoints its production agency)',
  screens: 'make or revoke screen links and feed links (management and production)',
  healthOwners: 'name who in the client reads individual health details',
  production: 'plan the production (production)',
  rehearsals: "book speakers' rehearsal slots (management and production)",
  assets: 'request or receive files for the show (management and production)',
  reviewAssets: 'review files (production; the client signs off stage designs and LED content)',
  requests: 'open and answer requests between the organizations of this event',
  approveChangeOrders: 'approve change orders (the client)',
  signOff: 'sign off function orders and budgets (the client)',
  tasks: 'keep tasks on the timeline',
};

/** Actions that, for these roles, only an administrator of the organization takes (a client names its own health-data owners). */
export const ORGANIZATION_ADMINS_ONLY: Partial<Record<Action, readonly MemberRole[]>> = { healthOwners: ['CLIENT'] };

export function roleMay(role: MemberRole | null | undefined, action: Action, isOrganizationAdmin = false): boolean {
  if (role == null || !MATRIX[action].includes(role)) return false;
  return isOrganizationAdmin || !ORGANIZATION_ADMINS_ONLY[action]?.includes(role);
}

/** Where a field finds the event it acts on: an input field holding an id of this table. */
export type Target = {
  input: string;
  table: EditableTable;
};

export type Rule =
  /** Anyone, with or without a token. */
  | { kind: 'public' }
  /** Any valid token; what it returns is limited to the caller's own organization and events. */
  | { kind: 'authenticated' }
  /** Platform administrators only. */
  | { kind: 'admin' }
  /** Platform administrators, and organization administrators for their own organization. */
  | { kind: 'userAdmin' }
  /** Users of these kinds of organization (and platform administrators). */
  | { kind: 'organization'; organizationKinds: readonly OrganizationKind[] }
  /**
   * A member of the target's event whose role may take `action`; `fieldActions` names input fields
   * owned by another action (a session's format belongs to production, its time to management).
   */
  | {
      kind: 'event';
      action: Action;
      target: Target;
      fieldActions?: Readonly<Record<string, Action>>;
      /** An input field whose value changes what the whole change needs (giving the PRODUCTION role). */
      valueAction?: { field: string; values: Readonly<Record<string, Action>> };
    };

/**
 * The actions a mutation's input needs: the rule's own for its fields, the owner's for the fields
 * another role owns. An update that touches only production's fields needs only production's role.
 */
export function actionsFor(rule: Extract<Rule, { kind: 'event' }>, input: Record<string, unknown>): Action[] {
  const owned = rule.fieldActions ?? {};
  const base = (rule.valueAction && rule.valueAction.values[String(input[rule.valueAction.field])]) ?? rule.action;
  const identifying = new Set(['id', 'expectedVersion', 'clientMutationId', 'expectedCueId', 'expectedSegmentId', rule.target.input]);
  const given = Object.keys(input).filter((key) => input[key] !== undefined && !identifying.has(key));
  const actions = new Set<Action>(given.map((key) => owned[key] ?? base));
  if (actions.size === 0) actions.add(base);
  return [...actions];
}
