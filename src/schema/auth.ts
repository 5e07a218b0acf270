import { decodeGlobalID } from '@pothos/plugin-relay';
import { actionsFor, type Rule } from '../auth/matrix.js';
import { FIELD_RULES } from '../auth/field-rules.js';
import { AccessEndedError, authorizeOnEvent } from '../auth/permissions.js';
import type { Context } from '../context.js';

type ScopeMap = Record<string, unknown>;
type Args = { input?: Record<string, unknown> } & Record<string, unknown>;

/** A global id as the client sent it, or as the relay plugin parsed it: the local id either way. */
function localId(value: unknown): string {
  if (value && typeof value === 'object' && 'id' in value) return String((value as { id: unknown }).id);
  if (typeof value === 'string') {
    try {
      return decodeGlobalID(value).id;
    } catch {
      return value;
    }
  }
  return '';
}

export function ruleFor(key: string): Rule {
  const rule = FIELD_RULES[key];
  if (!rule) throw new Error(`${key} has no rule in src/auth/matrix.ts: every root field and mutation must declare who may use it.`);
  return rule;
}

/**
 * The `authScopes` option for a root field or mutation, derived from its rule in the matrix. Building
 * the schema fails for a field without a rule.
 */
export function scopesFor(key: string): ScopeMap | ((parent: unknown, args: Args) => ScopeMap) {
  const rule = ruleFor(key);
  switch (rule.kind) {
    case 'public':
      return { public: true };
    case 'authenticated':
      return { authenticated: true };
    case 'admin':
      return { admin: true };
    case 'userAdmin':
      return { userAdmin: true };
    case 'organization':
      return { organizationKind: rule.organizationKinds };
    case 'event':
      return (_parent, args) => {
        const input = (args.input ?? args) as Record<string, unknown>;
        return { onEvent: { table: rule.target.table, id: localId(input[rule.target.input]), actions: actionsFor(rule, input) } };
      };
  }
}

/**
 * For a subscription field's `resolve`: every message is authorized again by the field's rule, with
 * the rights its reader has now, on the snapshot the message is read from. A refusal ends the
 * stream (AccessEndedError), so a removed organization or a revoked role gets nothing more.
 */
export async function authorizeMessage(key: string, args: Record<string, unknown>, ctx: Context): Promise<void> {
  const rule = ruleFor(key);
  if (rule.kind !== 'event') return;
  try {
    await authorizeOnEvent(ctx, rule.target.table, localId(args[rule.target.input]), [rule.action]);
  } catch (error) {
    throw new AccessEndedError(error instanceof Error ? error : new Error(String(error)));
  }
}
