import { hash } from 'node:crypto';

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

/** The select list that yields an `EntryRow`; `l` is the audit_log alias. */
export const ENTRY_COLUMNS_SQL = `l.id, l.stream,
  to_char(l.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at,
  l.actor_type, l.actor_id, l.action, l.target_type, l.target_id, l.subject, l.detail, l.request_id,
  l.tx_id::text as tx_id`;

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
 * `canonicalJson(entry)` written out by hand, keys already in sorted order: this runs once per
 * entry when sealing and when verifying a million-entry chain, so it avoids building and sorting
 * an object. A test checks it against `canonicalJson`.
 */
export function canonicalEntry(e: EntryRow, id: number = e.id): string {
  return (
    `{"action":${str(e.action)},"actor_id":${str(e.actor_id)},"actor_type":${str(e.actor_type)},` +
    `"detail":${canonicalJson(e.detail)},"id":${id},"occurred_at":${str(e.occurred_at)},` +
    `"request_id":${str(e.request_id)},"stream":${str(e.stream)},"subject":${str(e.subject)},` +
    `"target_id":${str(e.target_id)},"target_type":${str(e.target_type)},"tx_id":${str(e.tx_id)}}`
  );
}

/**
 * The same canonical form, mostly built by the database, for the verifier's hot loop: `head` is
 * everything before the detail value, `tail` everything after the id. PostgreSQL's JSON string
 * escaping (`to_json(text)`) is the same as `JSON.stringify`'s for any text PostgreSQL can store
 * (a test checks both against `canonicalEntry`), so Node only parses and sorts `detail`, and
 * hashes. The sealer uses `canonicalEntry`: two implementations of one definition, each checking
 * the other.
 */
const jsonText = (column: string) => `coalesce(to_json(${column})::text, 'null')`;
export const CANONICAL_PARTS_SQL = `'{"action":' || ${jsonText('l.action')} || ',"actor_id":' || ${jsonText('l.actor_id')}
    || ',"actor_type":' || ${jsonText('l.actor_type')} || ',"detail":' as head,
  l.detail,
  ',"occurred_at":"' || to_char(l.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
    || '","request_id":' || ${jsonText('l.request_id')} || ',"stream":' || ${jsonText('l.stream')}
    || ',"subject":' || ${jsonText('l.subject')} || ',"target_id":' || ${jsonText('l.target_id')}
    || ',"target_type":' || ${jsonText('l.target_type')} || ',"tx_id":"' || l.tx_id::text || '"}' as tail`;

export type CanonicalParts = { head: string; detail: unknown; tail: string };

export function canonicalFromParts(p: CanonicalParts, id: number): string {
  return `${p.head}${canonicalJson(p.detail)},"id":${id}${p.tail}`;
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
