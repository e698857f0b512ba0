import { randomInt } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AppError } from '@tongban/domain';
import type { Sql } from '../../../platform/db/db.ts';
import { type Deps, type IssuerRow, statusListUrl } from '../licences.shared.ts';
import { signCredential, VC_CONTEXT } from './credential.ts';
import { createStatusLists, STATUS_LIST_SIZE } from './issuers.ts';

/**
 * Revocation and suspension as W3C Bitstring Status Lists. Every licence holds an index in a
 * pair of lists of its issuer (revocation, suspension); a set bit means revoked / suspended. The
 * licence rows are the truth: a list's bitstring is derived from them and re-signed only when the
 * list's `version` moved (bumped in the transaction of every status change), so any number of
 * servers serve the same list and caches never go stale.
 *
 * Indexes are drawn at random among the free ones (as the spec recommends, so an index says
 * nothing about when or to whom a licence was issued); a new pair is opened when half is used.
 */
const FILL_LIMIT = STATUS_LIST_SIZE / 2;

export async function allocateStatusIndex(sql: Sql, at: Date, issuer: IssuerRow): Promise<{ listSeq: number; index: number }> {
  const [alloc] = await sql.query<{ list_seq: number; used: number }>(
    'select list_seq, used from licence_status_allocator where issuer_department_id = $1 for update',
    [issuer.department_id],
  );
  if (!alloc) throw new Error(`no status allocator for ${issuer.department_id}`);
  let { list_seq: seq, used } = alloc;
  if (used >= FILL_LIMIT) {
    seq += 1;
    used = 0;
    await createStatusLists(sql, at, issuer.department_id, issuer.slug, seq);
  }
  for (let attempt = 0; attempt < 200; attempt++) {
    const index = randomInt(STATUS_LIST_SIZE);
    const taken = await sql.query('select 1 from licence where issuer_department_id = $1 and list_seq = $2 and status_index = $3', [
      issuer.department_id,
      seq,
      index,
    ]);
    if (taken.length > 0) continue;
    await sql.query('update licence_status_allocator set list_seq = $2, used = $3 where issuer_department_id = $1', [
      issuer.department_id,
      seq,
      used + 1,
    ]);
    return { listSeq: seq, index };
  }
  throw new Error('no free status list index found');
}

/** Marks the issuer's lists of pair `seq` as changed, inside the status change's transaction. */
export async function bumpStatusLists(sql: Sql, issuerDepartmentId: string, seq: number): Promise<void> {
  await sql.query('update licence_status_list set version = version + 1 where issuer_department_id = $1 and list_seq = $2', [
    issuerDepartmentId,
    seq,
  ]);
}

type ListRow = {
  id: string;
  issuer_department_id: string;
  purpose: 'revocation' | 'suspension';
  list_seq: number;
  size: number;
  version: string;
  slug: string;
  did: string;
  name_zh: string;
  name_en: string;
};

async function findLists(sql: Sql, listIds: readonly string[]): Promise<ListRow[]> {
  return sql.query<ListRow>(
    `select s.id, s.issuer_department_id, s.purpose, s.list_seq, s.size, s.version::text as version, i.slug, i.did, i.name_zh, i.name_en
     from licence_status_list s join licence_issuer i on i.department_id = s.issuer_department_id where s.id = any($1::text[])`,
    [listIds],
  );
}

/** Bit `index` is the `index`-th bit from the left of the bitstring (most significant bit first). */
export function setBit(bits: Uint8Array, index: number): void {
  bits[index >> 3] = (bits[index >> 3] as number) | (0x80 >> (index & 7));
}
export function isSet(bits: Uint8Array, index: number): boolean {
  return ((bits[index >> 3] as number) & (0x80 >> (index & 7))) !== 0;
}

/** `encodedList`: Multibase base64url (prefix `u`) of the GZIP-compressed bitstring. */
export function encodeList(bits: Uint8Array): string {
  return `u${gzipSync(bits).toString('base64url')}`;
}
export function decodeList(encoded: string): Uint8Array {
  if (!encoded.startsWith('u')) throw new Error('encodedList must be multibase base64url (u…)');
  return new Uint8Array(gunzipSync(Buffer.from(encoded.slice(1), 'base64url')));
}

export type PublishedList = { id: string; version: string; bits: Uint8Array; jwt: string; credential: Record<string, unknown> };

// Per database handle: one process may serve several databases (tests); a list is rebuilt when its version moved.
const caches = new WeakMap<object, Map<string, PublishedList>>();

/**
 * The signed status list credential, as published. Rebuilt and re-signed (by the issuer's
 * current key) only when a status in it changed.
 * @throws LICENCES_STATUS_LIST_NOT_FOUND
 */
export async function getStatusList(deps: Deps, listId: string): Promise<PublishedList> {
  const list = typeof listId === 'string' && listId.length <= 100 ? (await getStatusLists(deps, [listId])).get(listId) : undefined;
  if (!list) throw new AppError('LICENCES_STATUS_LIST_NOT_FOUND', '没有该状态列表。No such status list.');
  return list;
}

/** Several lists at once: one query for their versions, the bitstrings from the cache unless they moved. */
export async function getStatusLists(deps: Deps, listIds: readonly string[]): Promise<Map<string, PublishedList>> {
  let cache = caches.get(deps.db);
  if (!cache) {
    cache = new Map();
    caches.set(deps.db, cache);
  }
  const out = new Map<string, PublishedList>();
  for (const row of await findLists(deps.db, listIds)) {
    const cached = cache.get(row.id);
    if (cached && cached.version === row.version) {
      out.set(row.id, cached);
      continue;
    }
    const published = await buildList(deps, row);
    cache.set(row.id, published);
    out.set(row.id, published);
  }
  return out;
}

async function buildList(deps: Deps, row: ListRow): Promise<PublishedList> {
  const bits = new Uint8Array(row.size / 8);
  const flagged = await deps.db.query<{ status_index: number }>(
    'select status_index from licence where issuer_department_id = $1 and list_seq = $2 and status = $3',
    [row.issuer_department_id, row.list_seq, row.purpose === 'revocation' ? 'revoked' : 'suspended'],
  );
  for (const f of flagged) setBit(bits, f.status_index);
  const now = deps.clock.now();
  const url = statusListUrl(deps.config.PUBLIC_ORIGIN, row.id);
  const credential = {
    '@context': [VC_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: row.did,
    validFrom: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: row.purpose, encodedList: encodeList(bits) },
  };
  const issuer: IssuerRow = {
    department_id: row.issuer_department_id,
    slug: row.slug,
    did: row.did,
    name_zh: row.name_zh,
    name_en: row.name_en,
  };
  const { jwt } = await signCredential(deps.signer, issuer, credential, now);
  return { id: row.id, version: row.version, bits, jwt, credential };
}

/** The list id and index named by a credentialStatus URL of this platform, or undefined. */
export function parseStatusListUrl(origin: string, url: string): string | undefined {
  const prefix = statusListUrl(origin, '');
  if (typeof url !== 'string' || !url.startsWith(prefix)) return undefined;
  const id = url.slice(prefix.length);
  return /^[a-z0-9-]{1,100}$/.test(id) ? id : undefined;
}
