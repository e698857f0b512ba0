/**
 * A value with its object keys sorted at every level, so that two values compare equal as JSON
 * whatever order their keys were written in. Internal to the domain package.
 */

export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
