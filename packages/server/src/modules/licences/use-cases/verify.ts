import {
  maskIdentifier,
  type VerificationResult,
  type VerificationStatus,
  type VerifyBody,
  verificationStatusLabels,
} from '@tongban/domain';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import { type Deps, iso, statusListId } from '../licences.shared.ts';
import { digestOf, QR_TYP } from './credential.ts';
import { resolveVerificationMethod } from './issuers.ts';
import { getStatusLists, isSet, parseStatusListUrl } from './status-lists.ts';

/**
 * Public verification (no login). Takes a credential (`vc+jwt`) or what a QR code holds and says
 * whether it is valid, revoked, suspended, expired, tampered with or from an unknown issuer — and
 * who issued it, when. The signature is checked against the keys the issuer documents publish
 * (current and rotated), the status against the published status lists; nothing is fetched.
 */
type Check = VerificationResult['checks'];
const notChecked: Check = {
  signature: 'not_checked',
  issuer: 'not_checked',
  revocation: 'not_checked',
  suspension: 'not_checked',
  validity: 'not_checked',
  digest: 'not_checked',
};

type Extra = Omit<Partial<VerificationResult>, 'checks'> & { checks?: Partial<Check> };

function result(status: VerificationStatus, at: Date, extra: Extra = {}): VerificationResult {
  const { checks, ...rest } = extra;
  return {
    status,
    message: verificationStatusLabels[status],
    issuer: null,
    issuedAt: null,
    validFrom: null,
    validUntil: null,
    credentialId: null,
    licenceType: null,
    licenceName: null,
    licenceNumber: null,
    holder: null,
    keyId: null,
    keyCurrent: null,
    fields: null,
    statusChangedAt: null,
    checkedAt: at.toISOString(),
    ...rest,
    checks: { ...notChecked, ...(checks ?? {}) },
  };
}

const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The compact JWS inside whatever was presented (a bare JWS, a data: URL, an enveloped credential, a QR link). */
export function extractJws(body: VerifyBody): { kind: 'credential' | 'qr'; jws: string } | undefined {
  if (body.qr !== undefined) {
    const text = body.qr.trim();
    const fragment = /[#?&]qr=([A-Za-z0-9_.-]+)/.exec(text)?.[1];
    const jws = fragment ?? text;
    return JWS.test(jws) ? { kind: 'qr', jws } : undefined;
  }
  let text = typeof body.credential === 'string' ? body.credential.trim() : (body.credential?.id ?? '');
  if (typeof body.credential === 'string' && text.startsWith('{')) {
    try {
      text = String((JSON.parse(text) as { id?: unknown }).id ?? '');
    } catch {
      return undefined;
    }
  }
  text = text.replace(/^data:application\/vc\+jwt,/, '');
  return JWS.test(text) ? { kind: 'credential', jws: text } : undefined;
}

function localizedName(value: unknown): { zh: string; en: string } | null {
  if (typeof value === 'string') return { zh: value, en: value };
  if (!Array.isArray(value)) return null;
  const pick = (lang: string) =>
    (value as { '@value'?: unknown; '@language'?: unknown }[]).find(
      (v) => typeof v['@language'] === 'string' && v['@language'].startsWith(lang),
    )?.['@value'];
  const zh = pick('zh');
  const en = pick('en');
  return typeof zh === 'string' || typeof en === 'string' ? { zh: String(zh ?? en), en: String(en ?? zh) } : null;
}

const secondsToIso = (s: unknown) => (typeof s === 'number' && Number.isFinite(s) ? new Date(s * 1000).toISOString() : null);
const isoOrNull = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : null);

type StatusRef = { revocation?: { listId: string; index: number }; suspension?: { listId: string; index: number } };

function statusRefsOf(origin: string, credentialStatus: unknown): StatusRef | 'invalid' {
  const entries = Array.isArray(credentialStatus) ? credentialStatus : credentialStatus ? [credentialStatus] : [];
  const refs: StatusRef = {};
  for (const e of entries as Record<string, unknown>[]) {
    if (e?.type !== 'BitstringStatusListEntry') continue;
    const listId = parseStatusListUrl(origin, String(e.statusListCredential ?? ''));
    const index = Number(e.statusListIndex);
    if (!listId || !Number.isInteger(index) || index < 0) return 'invalid';
    if (e.statusPurpose === 'revocation') refs.revocation = { listId, index };
    else if (e.statusPurpose === 'suspension') refs.suspension = { listId, index };
  }
  return refs;
}

/** The revocation and suspension bits (undefined: no such list or index). */
async function bitsOf(deps: Deps, refs: StatusRef): Promise<[boolean | undefined, boolean | undefined]> {
  const wanted = [refs.revocation, refs.suspension].filter((r): r is { listId: string; index: number } => r !== undefined);
  const lists = await getStatusLists(
    deps,
    wanted.map((r) => r.listId),
  );
  const bit = (ref: { listId: string; index: number } | undefined) => {
    const list = ref ? lists.get(ref.listId) : undefined;
    if (!ref || !list || ref.index >= list.bits.length * 8) return undefined;
    return isSet(list.bits, ref.index);
  };
  return [bit(refs.revocation), bit(refs.suspension)];
}

export async function verifyPresented(deps: Deps, body: VerifyBody): Promise<VerificationResult> {
  const at = deps.clock.now();
  const presented = extractJws(body);
  if (!presented) return result('malformed', at);
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(presented.jws);
    claims = decodeJwt(presented.jws) as Record<string, unknown>;
  } catch {
    // Three base64url parts that no longer decode: something in them was changed.
    return result('tampered', at, { checks: { signature: 'failed' } });
  }
  const expectedTyp = presented.kind === 'qr' ? QR_TYP : 'vc+jwt';
  if (header.typ !== expectedTyp || (header.alg !== 'EdDSA' && header.alg !== 'Ed25519') || typeof header.kid !== 'string') {
    return result('malformed', at);
  }
  const key = await resolveVerificationMethod(deps, header.kid);
  if (key === 'unknown_issuer') return result('unknown_issuer', at, { checks: { issuer: 'unknown' } });
  const issuer = { id: key.issuer.did, departmentId: key.issuer.department_id, name: { zh: key.issuer.name_zh, en: key.issuer.name_en } };
  const base = { issuer, keyId: key.keyId, keyCurrent: key.current };
  try {
    await compactVerify(presented.jws, key.key, { algorithms: ['EdDSA', 'Ed25519'] });
  } catch {
    return result('tampered', at, { ...base, checks: { issuer: 'known', signature: 'failed' } });
  }

  let credentialId: string | null;
  let validFrom: string | null;
  let validUntil: string | null;
  let refs: StatusRef | 'invalid';
  let details: Extra;
  let digest: Check['digest'] = 'not_checked';
  if (presented.kind === 'credential') {
    const issuerId = typeof claims.issuer === 'string' ? claims.issuer : (claims.issuer as { id?: unknown } | undefined)?.id;
    // A valid signature over a credential naming another issuer is not this issuer's statement.
    if (issuerId !== key.issuer.did || claims.iss !== key.issuer.did) {
      return result('tampered', at, { ...base, checks: { issuer: 'known', signature: 'failed' } });
    }
    const subject = (claims.credentialSubject ?? {}) as Record<string, unknown>;
    credentialId = typeof claims.id === 'string' ? claims.id : null;
    validFrom = isoOrNull(claims.validFrom);
    validUntil = isoOrNull(claims.validUntil);
    refs = statusRefsOf(deps.config.PUBLIC_ORIGIN, claims.credentialStatus);
    details = {
      licenceType: typeof subject.licenceType === 'string' ? subject.licenceType : null,
      licenceName: localizedName(claims.name),
      licenceNumber: typeof subject.licenceNumber === 'string' ? subject.licenceNumber : null,
      holder:
        typeof subject.holderName === 'string'
          ? { kind: String(subject.holderKind ?? ''), name: subject.holderName, id: maskIdentifier(String(subject.holderId ?? '')) }
          : null,
      fields: await labelledFieldsOf(deps, typeof subject.licenceType === 'string' ? subject.licenceType : '', subject.fields),
    };
  } else {
    if (claims.iss !== key.issuer.did) return result('tampered', at, { ...base, checks: { issuer: 'known', signature: 'failed' } });
    credentialId = typeof claims.sub === 'string' ? claims.sub : null;
    validFrom = secondsToIso(claims.vf);
    validUntil = secondsToIso(claims.vu);
    const st = Array.isArray(claims.st) ? (claims.st as unknown[]) : [];
    const [seq, index] = [Number(st[0]), Number(st[1])];
    refs =
      Number.isInteger(seq) && Number.isInteger(index)
        ? {
            revocation: { listId: statusListId(key.issuer.slug, 'revocation', seq), index },
            suspension: { listId: statusListId(key.issuer.slug, 'suspension', seq), index },
          }
        : 'invalid';
    details = {
      licenceType: typeof claims.lt === 'string' ? claims.lt : null,
      licenceNumber: typeof claims.ln === 'string' ? claims.ln : null,
      holder: typeof claims.hn === 'string' ? { kind: '', name: claims.hn, id: '' } : null,
    };
    // The QR code's signed digest must match the credential on record (the platform's copy).
    const id = credentialId?.replace(/^urn:uuid:/, '') ?? '';
    const [row] = /^[0-9a-f-]{36}$/.test(id)
      ? await deps.db.query<{ credential: string; holder_kind: string; holder_id: string }>(
          'select credential, holder_kind, holder_id from licence where id = $1',
          [id],
        )
      : [];
    if (row) {
      digest = digestOf(row.credential) === claims.dg ? 'ok' : 'mismatch';
      if (details.holder) details.holder = { ...details.holder, kind: row.holder_kind, id: maskIdentifier(row.holder_id) };
    }
    if (digest === 'mismatch') return result('tampered', at, { ...base, checks: { issuer: 'known', signature: 'ok', digest } });
  }
  const common: Extra = {
    ...base,
    ...details,
    credentialId,
    validFrom,
    validUntil,
    issuedAt: secondsToIso(claims.iat),
  };
  if (refs === 'invalid') return result('malformed', at, { ...common, checks: { issuer: 'known', signature: 'ok', digest } });

  const [revoked, suspended] = await bitsOf(deps, refs);
  const nowMs = at.getTime();
  const expired = validUntil !== null && Date.parse(validUntil) <= nowMs;
  const early = validFrom !== null && Date.parse(validFrom) > nowMs;
  const checks: Check = {
    signature: 'ok',
    issuer: 'known',
    revocation: revoked === undefined ? 'not_checked' : revoked ? 'revoked' : 'ok',
    suspension: suspended === undefined ? 'not_checked' : suspended ? 'suspended' : 'ok',
    validity: expired ? 'expired' : early ? 'not_yet_valid' : 'ok',
    digest,
  };
  // Without a readable revocation entry nothing can be said about its standing.
  if (revoked === undefined) return result('malformed', at, { ...common, checks });
  const status: VerificationStatus = revoked
    ? 'revoked'
    : suspended
      ? 'suspended'
      : expired
        ? 'expired'
        : early
          ? 'not_yet_valid'
          : 'valid';
  // The registry adds a QR code's licence name and when a revoked or suspended licence changed.
  const record =
    credentialId && (!common.licenceName || revoked || suspended)
      ? await nameOf(deps, credentialId, common.licenceType ?? null)
      : undefined;
  return result(status, at, {
    ...common,
    licenceName: common.licenceName ?? record?.name ?? null,
    statusChangedAt: record?.statusChangedAt ?? null,
    checks,
  });
}

/** Names from the licence type registry (a QR code carries only the type code) and the record's last status change. */
async function nameOf(deps: Deps, credentialId: string, typeCode: string | null) {
  const id = credentialId.replace(/^urn:uuid:/, '');
  const [row] = await deps.db.query<{ name_zh: string; name_en: string; status_changed_at: Date | null }>(
    `select t.name_zh, t.name_en, l.status_changed_at from licence_type t
     left join licence l on l.id = $2 and l.type_code = t.code where t.code = $1`,
    [typeCode ?? '', /^[0-9a-f-]{36}$/.test(id) ? id : '00000000-0000-0000-0000-000000000000'],
  );
  if (!row) return undefined;
  return { name: { zh: row.name_zh, en: row.name_en }, statusChangedAt: row.status_changed_at ? iso(row.status_changed_at) : null };
}

/** A credential's `fields` with the labels of its licence type (in the type's order, then any it does not list). */
async function labelledFieldsOf(deps: Deps, typeCode: string, fields: unknown): Promise<VerificationResult['fields']> {
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return null;
  const values = Object.entries(fields as Record<string, unknown>).filter(
    (e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number',
  );
  const [type] = await deps.db.query<{ fields: { key: string; label: { zh: string; en: string } }[] }>(
    'select fields from licence_type where code = $1',
    [typeCode],
  );
  const order = new Map((type?.fields ?? []).map((f, i) => [f.key, i]));
  const labels = new Map((type?.fields ?? []).map((f) => [f.key, f.label]));
  return values
    .sort(([a], [b]) => (order.get(a) ?? order.size) - (order.get(b) ?? order.size))
    .map(([key, value]) => ({ key, label: labels.get(key) ?? { zh: key, en: key }, value }));
}
