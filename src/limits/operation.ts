import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { LIMIT_EXCEEDED, LIMIT_SETTINGS, type Limits } from './limits.js';

/** What one selection set adds up to, fragments expanded. */
type Measure = { depth: number; aliases: number; directives: number; cost: number };
const NOTHING: Measure = { depth: 0, aliases: 0, directives: 0, cost: 0 };

/** A list's multiplier never exceeds a page: a larger `first` is refused by its own, clearer error. */
const MAX_MULTIPLIER = 100;

export function limitError(key: keyof Limits, message: string, actual?: number): GraphQLError {
  const { env } = LIMIT_SETTINGS[key];
  return new GraphQLError(`${message} (${env}).`, {
    extensions: { code: LIMIT_EXCEEDED, limit: env, ...(actual === undefined ? {} : { actual }) },
  });
}

/** The answer to an operation stopped by LIMIT_EXECUTION_MS (counted from the request's arrival). */
export function executionTimeoutError(limits: Limits): GraphQLError {
  return limitError('executionTimeoutMs', `The operation ran longer than ${limits.executionTimeoutMs} ms and was stopped`);
}

/** Whether objects and arrays in `value` nest deeper than `max`; walked without recursion, so any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/**
 * Variables and extensions are checked before anything walks them (coercion, the sharing key of a
 * subscription, logging): a value nested thousands deep would overflow the stack of whatever
 * recursed into it first.
 */
export function paramsLimitErrors(params: { variables?: unknown; extensions?: unknown }, limits: Limits): GraphQLError[] {
  const errors: GraphQLError[] = [];
  for (const part of ['variables', 'extensions'] as const) {
    if (nestsDeeperThan(params[part], limits.maxVariableDepth)) {
      errors.push(limitError('maxVariableDepth', `The request's ${part} nest deeper than ${limits.maxVariableDepth} levels`));
    }
  }
  return errors;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return fragments;
}

/** The operation a request runs: the named one, or the only one. */
export function selectedOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}

/**
 * Depth, aliases, directives and cost of the operation a request runs, each against its limit,
 * before anything executes. Fragments are measured once each however often they are spread, so a
 * fragment bomb costs this walk no more than its size. Introspection fields (`__schema`,
 * `__typename`…) add neither depth nor cost: GraphiQL's schema query nests deeper than any
 * dashboard and reads nothing from the database.
 */
export function operationLimitErrors(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: Limits,
): GraphQLError[] {
  const operation = selectedOperation(document, operationName);
  if (!operation) return [];
  const fragments = fragmentsOf(document);
  const measured = new Map<string, Measure>();
  const inProgress = new Set<string>();

  const numberOf = (value: ValueNode | undefined): number | undefined => {
    if (!value) return undefined;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.VARIABLE) {
      const v = variables?.[value.name.value];
      return typeof v === 'number' ? v : undefined;
    }
    return undefined;
  };
  const lengthOf = (value: ValueNode | undefined): number | undefined => {
    if (!value) return undefined;
    if (value.kind === Kind.LIST) return value.values.length;
    if (value.kind === Kind.VARIABLE) {
      const v = variables?.[value.name.value];
      return Array.isArray(v) ? v.length : undefined;
    }
    return undefined;
  };

  function measure(set: SelectionSetNode): Measure {
    const total = { depth: 0, aliases: 0, directives: 0, cost: 0 };
    const add = (inner: Measure, depth: number) => {
      total.depth = Math.max(total.depth, depth);
      total.aliases += inner.aliases;
      total.directives += inner.directives;
    };
    for (const selection of set.selections) {
      total.directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) total.aliases++;
        const inner = selection.selectionSet ? measure(selection.selectionSet) : NOTHING;
        if (selection.name.value.startsWith('__')) {
          add(inner, 0);
          continue;
        }
        add(inner, 1 + inner.depth);
        const args = new Map(selection.arguments?.map((a) => [a.name.value, a.value]));
        const items = numberOf(args.get('first')) ?? lengthOf(args.get('ids'));
        const multiplier = items === undefined ? 1 : Math.min(Math.max(items, 0), MAX_MULTIPLIER);
        total.cost += 1 + multiplier * inner.cost;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = measure(selection.selectionSet);
        add(inner, inner.depth);
        total.cost += inner.cost;
      } else {
        const name = selection.name.value;
        let inner = measured.get(name);
        if (!inner) {
          const fragment = fragments.get(name);
          // Unknown and cyclic fragments are refused by validation; here they simply add nothing.
          if (!fragment || inProgress.has(name)) continue;
          inProgress.add(name);
          const body = measure(fragment.selectionSet);
          inProgress.delete(name);
          inner = { ...body, directives: body.directives + (fragment.directives?.length ?? 0) };
          measured.set(name, inner);
        }
        add(inner, inner.depth);
        total.cost += inner.cost;
      }
    }
    return total;
  }

  const m = measure(operation.selectionSet);
  const directives = m.directives + (operation.directives?.length ?? 0);
  const errors: GraphQLError[] = [];
  if (m.depth > limits.maxDepth) {
    errors.push(
      limitError('maxDepth', `The operation nests fields ${m.depth} deep; at most ${limits.maxDepth} levels are allowed`, m.depth),
    );
  }
  if (m.aliases > limits.maxAliases) {
    errors.push(
      limitError(
        'maxAliases',
        `The operation uses ${m.aliases} aliases (fragments expanded); at most ${limits.maxAliases} are allowed`,
        m.aliases,
      ),
    );
  }
  if (directives > limits.maxDirectives) {
    errors.push(
      limitError(
        'maxDirectives',
        `The operation uses ${directives} directives (fragments expanded); at most ${limits.maxDirectives} are allowed`,
        directives,
      ),
    );
  }
  if (m.cost > limits.maxCost) {
    const cost = Number.isFinite(m.cost) && m.cost < Number.MAX_SAFE_INTEGER ? m.cost : Number.MAX_SAFE_INTEGER;
    errors.push(
      limitError(
        'maxCost',
        `The operation's estimated cost is ${cost}; at most ${limits.maxCost} is allowed. Every field costs 1 and a list multiplies what it selects by its \`first\` (or the ids given): ask for smaller pages or fewer nested lists`,
        cost,
      ),
    );
  }
  return errors;
}

/** How many root fields a mutation runs (each one is a change, and counts against the rate limit). */
export function rootFieldCount(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = fragmentsOf(document);
  const seen = new Set<string>();
  const count = (set: SelectionSetNode): number =>
    set.selections.reduce((n, s) => {
      if (s.kind === Kind.FIELD) return n + (s.name.value.startsWith('__') ? 0 : 1);
      if (s.kind === Kind.INLINE_FRAGMENT) return n + count(s.selectionSet);
      const fragment = fragments.get(s.name.value);
      if (!fragment || seen.has(s.name.value)) return n;
      seen.add(s.name.value);
      return n + count(fragment.selectionSet);
    }, 0);
  return count(operation.selectionSet);
}
