import { hash } from 'node:crypto';
import type { CopyRow } from '../db/copy-text.ts';

/**
 * The one definition of what is hashed, shared by the sealer and the verifier (and documented in
 * `modules/audit/README.md` for anyone writing an independent verifier):
 *
 *   hash(position) = sha256_hex(prev_hash_hex ‖ canonical(entry)), prev_hash of position 1 = 64 zeros
 *
 * canonical(entry) is the JSON of all of the entry's columns with keys sorted recursively (also
 * inside `detail`), no whitespace, `occurred_at` as an ISO 8601 UTC string with microseconds (the
 * database's full precision, formatted by the database so both drivers agree), `tx_id` as a decimal
 * string and `id` as a number.
 */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The select list that yields an `EntryRow`; `l` is the audit_log alias. The columns are listed in
 * canonical key order: `entryFromText` and the verifier's byte-level path (`chain-line.ts`) read
 * them by position.
 */
export const ENTRY_COLUMNS_SQL = `l.action, l.actor_id, l.actor_type, l.detail, l.id,
  to_char(l.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at,
  l.request_id, l.stream, l.subject, l.target_id, l.target_type, l.tx_id::text as tx_id`;

export type EntryRow = {
  id: number;
  stream: string;
  occurred_at: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  subject: string | null;
  detail: unknown;
  request_id: string | null;
  tx_id: string;
};

const str = JSON.stringify;

// The same few detail keys recur in every entry: their JSON form is kept rather than re-escaped.
const keyJson = new Map<string, string>();
function keyPrefix(key: string): string {
  let json = keyJson.get(key);
  if (json === undefined) {
    json = `${str(key)}:`;
    if (keyJson.size < 10_000) keyJson.set(key, json);
  }
  return json;
}

/** JSON with object keys sorted recursively (code-unit order, as `Array.prototype.sort`). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return str(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const keys = Object.keys(value);
  if (keys.length > 1) keys.sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    out += (i ? ',' : '') + keyPrefix(key) + canonicalJson((value as Record<string, unknown>)[key]);
  }
  return `${out}}`;
}

/**
 * `canonicalJson(entry)`, fast: this runs once per entry when sealing and when verifying a
 * million-entry chain. The entry becomes one object whose keys were inserted in sorted order (also
 * inside `detail`), serialised by a single native `JSON.stringify`, which keeps insertion order.
 * Keys that JavaScript would not keep in insertion order — integer-like keys, which objects list
 * first in numeric order, and `__proto__`, which an assignment does not create — send the entry
 * to the string-building `canonicalJson` instead. A test checks both against `canonicalJson`.
 */
export function canonicalEntry(e: EntryRow, id: number = e.id): string {
  const detail = withSortedKeys(e.detail, 1);
  if (detail === UNSORTABLE) return canonicalEntryByHand(e, id);
  return str({
    action: e.action,
    actor_id: e.actor_id,
    actor_type: e.actor_type,
    detail,
    id,
    occurred_at: e.occurred_at,
    request_id: e.request_id,
    stream: e.stream,
    subject: e.subject,
    target_id: e.target_id,
    target_type: e.target_type,
    tx_id: e.tx_id,
  });
}

/** `canonicalJson(detail)`, by the same fast path as `canonicalEntry`. */
export function canonicalDetail(detail: unknown): string {
  const sorted = withSortedKeys(detail, 1);
  return sorted === UNSORTABLE ? canonicalJson(detail) : str(sorted);
}

function canonicalEntryByHand(e: EntryRow, id: number): string {
  return (
    `{"action":${str(e.action)},"actor_id":${str(e.actor_id)},"actor_type":${str(e.actor_type)},` +
    `"detail":${canonicalJson(e.detail)},"id":${id},"occurred_at":${str(e.occurred_at)},` +
    `"request_id":${str(e.request_id)},"stream":${str(e.stream)},"subject":${str(e.subject)},` +
    `"target_id":${str(e.target_id)},"target_type":${str(e.target_type)},"tx_id":${str(e.tx_id)}}`
  );
}

const UNSORTABLE = Symbol('unsortable');

// The details of one stream mostly share their shape: the sorted order of the last key list seen
// at each depth is kept, so most objects are copied without sorting.
const lastKeys: string[][] = [];
const lastSorted: string[][] = [];
function sortedKeysOf(value: object, depth: number): string[] | typeof UNSORTABLE {
  const keys = Object.keys(value);
  const previous = lastKeys[depth];
  if (previous !== undefined && previous.length === keys.length) {
    let i = 0;
    while (i < keys.length && keys[i] === previous[i]) i++;
    if (i === keys.length) return lastSorted[depth] as string[];
  }
  for (const key of keys) {
    const first = key.charCodeAt(0);
    if ((first >= 48 && first <= 57) || key === '__proto__') return UNSORTABLE;
  }
  const sorted = keys.length > 1 ? [...keys].sort() : keys;
  if (depth < 32) {
    lastKeys[depth] = keys;
    lastSorted[depth] = sorted;
  }
  return sorted;
}

/** A copy of a JSON value with every object's keys inserted in sorted order, or UNSORTABLE. */
function withSortedKeys(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = withSortedKeys(value[i], depth + 1);
      if (item === UNSORTABLE) return UNSORTABLE;
      copy[i] = item;
    }
    return copy;
  }
  const keys = sortedKeysOf(value, depth);
  if (keys === UNSORTABLE) return UNSORTABLE;
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    const item = withSortedKeys((value as Record<string, unknown>)[key], depth + 1);
    if (item === UNSORTABLE) return UNSORTABLE;
    copy[key] = item;
  }
  return copy;
}

/**
 * The columns of `ENTRY_COLUMNS_SQL` as COPY text (`Sql.copyLines` + `parseCopyLine`), from index `at` on, back into
 * an `EntryRow` — the same values the drivers' row parsers give (int8 as a number, jsonb parsed),
 * so the verifier hashes exactly what the sealer hashed. Null when the entry is missing (a left
 * join found nothing).
 */
export function entryFromText(columns: CopyRow, at: number): EntryRow | null {
  const id = columns[at + 4];
  if (id === null || id === undefined) return null;
  return {
    action: columns[at] as string,
    actor_id: columns[at + 1] as string | null,
    actor_type: columns[at + 2] as string,
    detail: JSON.parse(columns[at + 3] as string),
    id: Number(id),
    occurred_at: columns[at + 5] as string,
    request_id: columns[at + 6] as string | null,
    stream: columns[at + 7] as string,
    subject: columns[at + 8] as string | null,
    target_id: columns[at + 9] as string | null,
    target_type: columns[at + 10] as string | null,
    tx_id: columns[at + 11] as string,
  };
}

export function chainHash(prevHash: string, canonical: string): string {
  return hash('sha256', prevHash + canonical, 'hex');
}

/** What a checkpoint's Ed25519 signature covers. */
export function checkpointPayload(c: { stream: string; position: number; headHash: string; signedAt: Date }): string {
  return canonicalJson({
    type: 'tongban.audit.checkpoint.v1',
    stream: c.stream,
    position: c.position,
    head_hash: c.headHash,
    signed_at: c.signedAt.toISOString(),
  });
}

/** The signing key purpose of audit checkpoints in the key store. */
export const CHECKPOINT_KEY_PURPOSE = 'audit';

/** Compares two xid8 values given as decimal strings. */
export function compareXid(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
