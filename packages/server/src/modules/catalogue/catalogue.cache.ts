import type { Platform } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';
import { type DepartmentNames, loadDepartmentNames } from './catalogue.departments.ts';

/**
 * In-memory caches of public catalogue reads, per database (tests run several apps in one
 * process). Each server process keeps its own: publishing or withdrawing clears this process's
 * caches at once; other processes see the change within `CACHE_TTL_MS` — the price of needing no
 * shared cache. Entries hold the serialized JSON so a hit costs no serialization.
 */
export const CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 20_000;

type Entry = { at: number; body: string; value: unknown };
type State = { guides: Map<string, Entry>; departments?: { at: number; names: DepartmentNames } | undefined; generation: number };

const states = new WeakMap<Db, State>();

function stateOf(db: Db): State {
  let state = states.get(db);
  if (!state) {
    state = { guides: new Map(), generation: 0 };
    states.set(db, state);
  }
  return state;
}

/** Returns the cached value and its JSON for `key`, or builds, stores and returns them (`undefined` results are not cached). */
export async function cached<T>(
  platform: Platform,
  key: string,
  build: () => Promise<T | undefined>,
): Promise<{ value: T; body: string } | undefined> {
  const state = stateOf(platform.db);
  const now = platform.clock.now().getTime();
  const hit = state.guides.get(key);
  if (hit && now - hit.at < CACHE_TTL_MS && now >= hit.at) return { value: hit.value as T, body: hit.body };
  const generation = state.generation;
  const value = await build();
  if (value === undefined) return undefined;
  const body = JSON.stringify(value);
  // A publish that happened while we were building must not be overwritten by the older result.
  if (generation === state.generation) {
    if (state.guides.size >= MAX_ENTRIES) state.guides.clear();
    state.guides.set(key, { at: now, body, value });
  }
  return { value, body };
}

/** Called after a publish or withdrawal commits: bundles embed their members, so everything goes. */
export function invalidateCatalogueCache(db: Db): void {
  const state = stateOf(db);
  state.guides.clear();
  state.generation++;
}

/** Department names change rarely (an admin renames one); kept for the same TTL. */
export async function departmentNames(platform: Platform): Promise<DepartmentNames> {
  const state = stateOf(platform.db);
  const now = platform.clock.now().getTime();
  if (state.departments && now - state.departments.at < CACHE_TTL_MS && now >= state.departments.at) return state.departments.names;
  const names = await loadDepartmentNames(platform.db);
  state.departments = { at: now, names };
  return names;
}
