/**
 * A mutation's GraphQL input as the domain takes it: every global id unwrapped to its local id
 * (null still clears), and a null sent for a value the domain requires read as "unchanged" —
 * GraphQL lets a patch's optional fields be null, the domain's patches leave them undefined.
 */
export function domainInput<T>(input: Record<string, unknown>, required: readonly string[]): Partial<T> {
  const isGlobalId = (v: unknown): v is { id: string; typename: string } => typeof v === 'object' && v !== null && 'typename' in v && 'id' in v;
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [key, value === null && required.includes(key) ? undefined : isGlobalId(value) ? value.id : value]),
  ) as Partial<T>;
}
