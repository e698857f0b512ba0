import { type JsonWebKey as CryptoJwk, createPublicKey, type KeyObject } from 'node:crypto';
import { AppError } from '@tongban/domain';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Sql } from '../../../platform/db/db.ts';
import type { Signer } from '../../../platform/signing/signing.ts';
import { getDepartment } from '../../identity/index.ts';
import { type Deps, didDocumentUrl, didOf, type IssuerRow, purposeOf, slugOf, statusListId } from '../licences.shared.ts';

/**
 * Issuers: each issuing department is a `did:web` identifier whose document (published by the
 * platform at `/api/v1/licences/issuers/<slug>/did.json`) lists its current and rotated public
 * keys as Multikey verification methods. Verification looks keys up here — never in the licence
 * rows — so a credential verifies against exactly what the platform publishes.
 */
export const STATUS_LIST_SIZE = 131_072; // 16 KiB uncompressed: the spec's minimum, for herd privacy

const issuerColumns = 'department_id, slug, did, name_zh, name_en';

export async function findIssuerBySlug(sql: Sql, slug: string): Promise<IssuerRow | undefined> {
  const [row] = await sql.query<IssuerRow>(`select ${issuerColumns} from licence_issuer where slug = $1`, [slug]);
  return row;
}

export async function findIssuerByDid(sql: Sql, did: string): Promise<IssuerRow | undefined> {
  const [row] = await sql.query<IssuerRow>(`select ${issuerColumns} from licence_issuer where did = $1`, [did]);
  return row;
}

export async function listIssuers(sql: Sql): Promise<IssuerRow[]> {
  return sql.query<IssuerRow>(`select ${issuerColumns} from licence_issuer order by department_id`);
}

/**
 * The department as an issuer, registered on its first licence: the DID row, its first pair of
 * status lists and its first signing key.
 * @throws IDENTITY_DEPARTMENT_NOT_FOUND
 */
export async function ensureIssuer(deps: Deps, sql: Sql, at: Date, departmentId: string): Promise<IssuerRow> {
  const [existing] = await sql.query<IssuerRow>(`select ${issuerColumns} from licence_issuer where department_id = $1`, [departmentId]);
  if (existing) return existing;
  const department = await getDepartment(sql, departmentId);
  const slug = slugOf(departmentId);
  const did = didOf(deps.config.PUBLIC_ORIGIN, slug);
  await sql.query(
    `insert into licence_issuer (department_id, slug, did, name_zh, name_en, created_at) values ($1, $2, $3, $4, $5, $6)
     on conflict (department_id) do nothing`,
    [departmentId, slug, did, department.nameZh, department.nameEn, at],
  );
  await sql.query(`insert into licence_status_allocator (issuer_department_id, list_seq, used) values ($1, 1, 0) on conflict do nothing`, [
    departmentId,
  ]);
  await createStatusLists(sql, at, departmentId, slug, 1);
  await deps.signer.currentKeyId(purposeOf(slug));
  return { department_id: departmentId, slug, did, name_zh: department.nameZh, name_en: department.nameEn };
}

export async function createStatusLists(sql: Sql, at: Date, departmentId: string, slug: string, seq: number): Promise<void> {
  for (const purpose of ['revocation', 'suspension'] as const) {
    await sql.query(
      `insert into licence_status_list (id, issuer_department_id, purpose, list_seq, size, created_at) values ($1, $2, $3, $4, $5, $6)
       on conflict do nothing`,
      [statusListId(slug, purpose, seq), departmentId, purpose, seq, STATUS_LIST_SIZE, at],
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Keys and the DID document

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58btc(bytes: Uint8Array): string {
  let n = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let out = '';
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = `1${out}`;
  }
  return out;
}

/** Ed25519 public key as a Multikey `publicKeyMultibase` (base58btc of 0xed01 ‖ the 32 raw bytes). */
export function ed25519Multibase(jwk: JsonWebKey): string {
  const raw = Buffer.from(jwk.x as string, 'base64url');
  return `z${base58btc(Buffer.concat([Buffer.from([0xed, 0x01]), raw]))}`;
}

export type IssuerKey = { keyId: string; vmId: string; current: boolean; jwk: JsonWebKey };

/** The issuer's keys, current first, as the signer holds them (older keys stay for verification). */
export async function issuerKeys(signer: Signer, issuer: IssuerRow): Promise<IssuerKey[]> {
  const purpose = purposeOf(issuer.slug);
  const keys = signer.publicKeys(purpose);
  if (keys.length === 0) return [];
  const current = await signer.currentKeyId(purpose);
  return keys
    .map((k) => ({ keyId: k.keyId, vmId: `${issuer.did}#${k.keyId}`, current: k.keyId === current, jwk: k.publicKeyJwk }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

export async function didDocument(signer: Signer, origin: string, issuer: IssuerRow) {
  const keys = await issuerKeys(signer, issuer);
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: issuer.did,
    alsoKnownAs: [didDocumentUrl(origin, issuer.slug)],
    verificationMethod: keys.map((k) => ({
      id: k.vmId,
      type: 'Multikey',
      controller: issuer.did,
      publicKeyMultibase: ed25519Multibase(k.jwk),
    })),
    assertionMethod: keys.map((k) => k.vmId),
    // Not part of DID Core: the department's names and which key signs new licences, for people.
    service: [
      {
        id: `${issuer.did}#issuer`,
        type: 'LicenceIssuer',
        serviceEndpoint: didDocumentUrl(origin, issuer.slug),
        departmentId: issuer.department_id,
        name: { zh: issuer.name_zh, en: issuer.name_en },
        currentKey: keys.find((k) => k.current)?.vmId ?? null,
      },
    ],
  };
}

export async function jwks(signer: Signer, issuer: IssuerRow) {
  return { keys: (await issuerKeys(signer, issuer)).map((k) => ({ ...k.jwk, kid: k.vmId, alg: 'EdDSA', use: 'sig' })) };
}

/**
 * Public keys by verification-method id (`<did>#<keyId>`), read from what the issuer documents
 * publish. A key never changes (rotation adds one; every published key keeps verifying), so a
 * resolved key is cached per database handle; only whether it is still the current one is asked
 * each time.
 */
const resolvedKeys = new WeakMap<object, Map<string, Omit<ResolvedKey, 'current'>>>();

export type ResolvedKey = { issuer: IssuerRow; keyId: string; current: boolean; key: KeyObject };

export async function resolveVerificationMethod(deps: Deps, vmId: string): Promise<ResolvedKey | 'unknown_issuer'> {
  let cache = resolvedKeys.get(deps.db);
  if (!cache) {
    cache = new Map();
    resolvedKeys.set(deps.db, cache);
  }
  let resolved = cache.get(vmId);
  if (!resolved) {
    const hash = vmId.indexOf('#');
    if (hash <= 0 || vmId.length > 300) return 'unknown_issuer';
    const issuer = await findIssuerByDid(deps.db, vmId.slice(0, hash));
    if (!issuer) return 'unknown_issuer';
    const key = (await issuerKeys(deps.signer, issuer)).find((k) => k.vmId === vmId);
    if (!key) return 'unknown_issuer';
    resolved = { issuer, keyId: key.keyId, key: createPublicKey({ key: key.jwk as CryptoJwk, format: 'jwk' }) };
    cache.set(vmId, resolved);
  }
  return { ...resolved, current: (await deps.signer.currentKeyId(purposeOf(resolved.issuer.slug))) === resolved.keyId };
}

/**
 * Makes a new signing key for the department's licences. Licences signed before keep verifying:
 * the old key stays in the issuer document. With key files, other running server processes pick
 * the new key up when they restart; until then they keep signing with the old one (still valid).
 * @throws LICENCES_ISSUER_NOT_FOUND
 */
export async function rotateIssuerKey(
  deps: Deps,
  departmentId: string,
  by: { type: 'staff' | 'system'; id: string },
): Promise<{ keyId: string; previousKeyId: string | null }> {
  const [issuer] = await deps.db.query<IssuerRow>(`select ${issuerColumns} from licence_issuer where department_id = $1`, [departmentId]);
  if (!issuer) {
    throw new AppError('LICENCES_ISSUER_NOT_FOUND', `部门 ${departmentId} 尚未签发电子证照。This department has not issued licences.`);
  }
  const purpose = purposeOf(issuer.slug);
  const previousKeyId = deps.signer.publicKeys(purpose).length > 0 ? await deps.signer.currentKeyId(purpose) : null;
  const keyId = await deps.signer.rotate(purpose);
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, deps.clock.now(), {
      actor: by,
      action: 'licences.issuer.key_rotated',
      target: { type: 'licence_issuer', id: departmentId },
      detail: { did: issuer.did, keyId, previousKeyId },
    });
  });
  return { keyId, previousKeyId };
}
