import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Platform } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';
import { type DepartmentNames, loadDepartmentNames } from './catalogue.departments.ts';

/**
 * In-memory caches of public catalogue reads, per database (tests run several apps in one
 * process). Entries hold the serialized JSON as UTF-8 bytes (and, once a client asked for it, the
 * same compressed), so a hit costs no query, no serialization, no encoding and no compression.
 *
 * Freshness: publishing or withdrawing clears this process's caches at once. Other server
 * processes notice through `catalogue_state.generation` (migration 0011, moved by a trigger on
 * every change to `catalogue_item`): the first read after `GENERATION_CHECK_MS` reads that one row
 * in the background and clears everything if it moved — so a change shows everywhere within a few
 * seconds, an unchanged catalogue is never rebuilt on a timer, and no request waits on the check. Entries still expire after a maximum age, which
 * bounds how long a renamed department (identity's data, not covered by the counter) shows its
 * old name. Search results are kept apart, fewer and shorter, so a flood of distinct queries
 * cannot push out the guides.
 */
export const GENERATION_CHECK_MS = 2_000;
const POOLS = {
  reads: { maxEntries: 20_000, maxAgeMs: 10 * 60_000 },
  searches: { maxEntries: 5_000, maxAgeMs: 60_000 },
} as const;
type Pool = keyof typeof POOLS;
/** Department names change rarely (an admin renames one). */
const DEPARTMENT_NAMES_TTL_MS = 30_000;

/**
 * A cached answer: the value, its JSON as UTF-8 bytes, and those bytes gzipped or Brotli-compressed
 * (each made on first use, then kept).
 */
export type CachedBody<T> = { value: T; body: Buffer; gzip(): Buffer; brotli(): Buffer };
type Entry = CachedBody<unknown> & { at: number };

// Quality 9 of 11: within a few per cent of the smallest, at a fraction of the time; paid once per entry.
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };

function entryOf(at: number, value: unknown, body: Buffer): Entry {
  let gzipped: Buffer | undefined;
  let brotli: Buffer | undefined;
  return {
    at,
    value,
    body,
    gzip: () => (gzipped ??= gzipSync(body)),
    brotli: () => (brotli ??= brotliCompressSync(body, BROTLI_OPTIONS)),
  };
}
type State = {
  pools: Record<Pool, Map<string, Entry>>;
  departments?: { at: number; names: DepartmentNames } | undefined;
  /** Bumped on every clear, so a build that straddles a clear does not store its older result. */
  generation: number;
  /** The database's `catalogue_state.generation` when last read, and when. */
  seen?: string | undefined;
  checkedAt: number;
  checking?: Promise<void> | undefined;
};

const states = new WeakMap<Db, State>();

function stateOf(db: Db): State {
  let state = states.get(db);
  if (!state) {
    state = { pools: { reads: new Map(), searches: new Map() }, generation: 0, checkedAt: Number.NEGATIVE_INFINITY };
    states.set(db, state);
  }
  return state;
}

function clear(state: State): void {
  state.pools.reads.clear();
  state.pools.searches.clear();
  state.generation++;
}

function revalidationDue(state: State, now: number): boolean {
  return !(now - state.checkedAt < GENERATION_CHECK_MS && now >= state.checkedAt);
}

/**
 * When a check is due, reads the generation in the background and clears the caches if another
 * process changed the catalogue. Requests never wait for it: the one that starts it is answered
 * from the cache as it stands.
 */
function revalidate(platform: Platform, state: State, now: number): void {
  if (state.checking || !revalidationDue(state, now)) return;
  // Not due again until the interval has passed, even if this check fails (the database may be
  // down; builds then fail on their own).
  state.checkedAt = now;
  state.checking = (async () => {
    try {
      const [row] = await platform.db.query<{ generation: string }>('select generation::text as generation from catalogue_state');
      const generation = row?.generation ?? '0';
      if (state.seen !== undefined && state.seen !== generation) clear(state);
      state.seen = generation;
    } catch (error) {
      platform.log.warn({ err: error }, 'catalogue cache: reading catalogue_state.generation failed');
    } finally {
      state.checking = undefined;
    }
  })();
}

/** Resolves once a running generation check has finished (for tests: no request waits for one). */
export async function settleCatalogueCache(db: Db): Promise<void> {
  await states.get(db)?.checking;
}

/**
 * Returns the cached value and its JSON bytes for `key`, or builds, stores and returns them
 * (`undefined` results are not cached). `pool: 'searches'` for search results.
 */
export async function cached<T>(
  platform: Platform,
  key: string,
  build: () => Promise<T | undefined>,
  pool: Pool = 'reads',
): Promise<CachedBody<T> | undefined> {
  const state = stateOf(platform.db);
  const now = platform.clock.now().getTime();
  revalidate(platform, state, now);
  const entries = state.pools[pool];
  const hit = entries.get(key);
  if (hit && now - hit.at < POOLS[pool].maxAgeMs && now >= hit.at) return hit as CachedBody<T>;
  const generation = state.generation;
  const value = await build();
  if (value === undefined) return undefined;
  const entry = entryOf(now, value, Buffer.from(JSON.stringify(value)));
  // A publish that happened while we were building must not be overwritten by the older result.
  if (generation === state.generation) {
    entries.delete(key);
    // Oldest first out (a Map iterates in insertion order).
    if (entries.size >= POOLS[pool].maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(key, entry);
  }
  return entry as CachedBody<T>;
}

/** Called after a publish or withdrawal commits: bundles embed their members, so everything goes. */
export function invalidateCatalogueCache(db: Db): void {
  clear(stateOf(db));
}

export async function departmentNames(platform: Platform): Promise<DepartmentNames> {
  const state = stateOf(platform.db);
  const now = platform.clock.now().getTime();
  if (state.departments && now - state.departments.at < DEPARTMENT_NAMES_TTL_MS && now >= state.departments.at)
    return state.departments.names;
  const names = await loadDepartmentNames(platform.db);
  state.departments = { at: now, names };
  return names;
}
