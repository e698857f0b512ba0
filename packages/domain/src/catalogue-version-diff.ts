import { canonical } from './canonical-value.ts';
import type { ServiceItemContent } from './catalogue.ts';

/** A structured diff of two catalogue versions' content (pure, shared by the server and the web app). */

export type ContentChange = {
  /** Dotted path; array entries with an `id` (or form `key`) are addressed by it: `materials[id=m1].name.zh`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
};

function identityOf(x: unknown): string | undefined {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return undefined;
  const r = x as Record<string, unknown>;
  if (typeof r.id === 'string') return `id=${r.id}`;
  if (typeof r.key === 'string') return `key=${r.key}`;
  return undefined;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function diffValue(before: unknown, after: unknown, path: string, out: ContentChange[]) {
  if (JSON.stringify(canonical(before)) === JSON.stringify(canonical(after))) return;
  if (before === undefined) {
    out.push({ path, kind: 'added', after });
    return;
  }
  if (after === undefined) {
    out.push({ path, kind: 'removed', before });
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const keyed = [...before, ...after].every((x) => identityOf(x) !== undefined);
    if (keyed) {
      const beforeBy = new Map(before.map((x) => [identityOf(x) as string, x]));
      const afterBy = new Map(after.map((x) => [identityOf(x) as string, x]));
      for (const [k, v] of beforeBy) diffValue(v, afterBy.get(k), `${path}[${k}]`, out);
      for (const [k, v] of afterBy) if (!beforeBy.has(k)) out.push({ path: `${path}[${k}]`, kind: 'added', after: v });
      const order = (xs: unknown[]) => xs.map((x) => identityOf(x)).filter((k) => beforeBy.has(k as string) && afterBy.has(k as string));
      if (JSON.stringify(order(before)) !== JSON.stringify(order(after))) {
        out.push({ path, kind: 'changed', before: before.map(identityOf), after: after.map(identityOf) });
      }
      return;
    }
    out.push({ path, kind: 'changed', before, after });
    return;
  }
  if (before && after && typeof before === 'object' && typeof after === 'object' && !Array.isArray(before) && !Array.isArray(after)) {
    const b = before as Record<string, unknown>;
    const a = after as Record<string, unknown>;
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) diffValue(b[key], a[key], join(path, key), out);
    return;
  }
  out.push({ path, kind: 'changed', before, after });
}

/** A structured diff of two versions' content, for reviewers comparing side by side. */
export function diffContent(before: ServiceItemContent, after: ServiceItemContent): ContentChange[] {
  const out: ContentChange[] = [];
  diffValue(before, after, '', out);
  return out;
}
