import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Signer, signNamingKey } from '../../../platform/signing/signing.ts';
import { contextUrl, type IssuerRow, purposeOf, statusListId, statusListUrl } from '../licences.shared.ts';

/**
 * The credential format: a W3C Verifiable Credential 2.0 secured with VC-JOSE-COSE — a compact
 * JWS whose payload is the credential itself (`typ: vc+jwt`, `alg: EdDSA`), signed with the
 * issuing department's current Ed25519 key; `kid` is the verification method in the issuer's
 * DID document. The JSON-LD contexts it names are bundled here (the W3C credentials v2 context
 * and our own), so nothing is fetched to read or check it.
 */
export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

export const credentialsV2Context: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../contexts/credentials-v2.jsonld', import.meta.url), 'utf8'),
);
export const licencesContext: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../contexts/licences-v1.jsonld', import.meta.url), 'utf8'),
);

export type CredentialInput = {
  id: string;
  licenceNumber: string;
  typeCode: string;
  typeName: { zh: string; en: string };
  issuer: IssuerRow;
  holder: { kind: 'person' | 'enterprise'; id: string; name: string };
  fields: Record<string, string | number>;
  validFrom: Date;
  validUntil: Date | null;
  listSeq: number;
  statusIndex: number;
  caseTrackingNumber?: string | undefined;
};

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function buildCredential(origin: string, input: CredentialInput): Record<string, unknown> {
  const entry = (purpose: 'revocation' | 'suspension') => {
    const list = statusListUrl(origin, statusListId(input.issuer.slug, purpose, input.listSeq));
    return {
      id: `${list}#${input.statusIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(input.statusIndex),
      statusListCredential: list,
    };
  };
  return {
    '@context': [VC_CONTEXT, contextUrl(origin)],
    id: `urn:uuid:${input.id}`,
    type: ['VerifiableCredential', 'ElectronicLicence'],
    name: [
      { '@value': input.typeName.zh, '@language': 'zh-CN' },
      { '@value': input.typeName.en, '@language': 'en' },
    ],
    issuer: {
      id: input.issuer.did,
      name: [
        { '@value': input.issuer.name_zh, '@language': 'zh-CN' },
        { '@value': input.issuer.name_en, '@language': 'en' },
      ],
    },
    validFrom: isoSeconds(input.validFrom),
    ...(input.validUntil ? { validUntil: isoSeconds(input.validUntil) } : {}),
    credentialSubject: {
      type: 'LicenceHolder',
      holderKind: input.holder.kind,
      holderId: input.holder.id,
      holderName: input.holder.name,
      licenceType: input.typeCode,
      licenceNumber: input.licenceNumber,
      issuingDepartment: input.issuer.department_id,
      ...(input.caseTrackingNumber ? { caseTrackingNumber: input.caseTrackingNumber } : {}),
      fields: input.fields,
    },
    credentialStatus: [entry('revocation'), entry('suspension')],
  };
}

const base64url = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');

/**
 * Signs `payload` as a compact JWS with the issuer's current key. The signing input
 * (`base64url(header).base64url(payload)`) goes to the platform signer, which never hands out the
 * key (it may sit in an HSM); an Ed25519 signature over that input is the JWS signature (RFC 8037).
 * The claims are the ones jose's SignJWT wrote before: the payload, then `iss` and `iat`.
 */
async function signJws(signer: Signer, issuer: IssuerRow, typ: string, payload: Record<string, unknown>, at: Date) {
  const claims = base64url({ ...payload, iss: issuer.did, iat: seconds(at) });
  const signed = await signNamingKey(signer, purposeOf(issuer.slug), (keyId) => {
    const header = { alg: 'EdDSA', typ, kid: `${issuer.did}#${keyId}`, ...(typ === 'vc+jwt' ? { cty: 'vc' } : {}) };
    return `${base64url(header)}.${claims}`;
  });
  const jwt = `${signed.data as string}.${Buffer.from(signed.signature, 'base64').toString('base64url')}`;
  return { jwt, keyId: signed.keyId };
}

/** A credential (licence or status list) as `vc+jwt`; `iss` repeats the issuer's DID, as VC-JOSE-COSE allows. */
export function signCredential(signer: Signer, issuer: IssuerRow, credential: Record<string, unknown>, at: Date) {
  return signJws(signer, issuer, 'vc+jwt', credential, at);
}

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const digestOf = (jwt: string) => createHash('sha256').update(jwt).digest('base64url');

/** The compact, signed summary a QR code carries (claims kept short so the code stays small). */
export type QrClaims = {
  iss: string;
  sub: string; // urn:uuid:<licence id>
  lt: string; // licence type
  ln: string; // licence number
  hn: string; // holder name
  vf: number; // valid from (s)
  vu: number | null; // valid until (s)
  dg: string; // base64url SHA-256 of the full credential (the vc+jwt text)
  st: [number, number]; // status list pair number, index
  iat: number;
};

export const QR_TYP = 'licence-qr+jwt';

export async function signQrToken(
  signer: Signer,
  issuer: IssuerRow,
  input: {
    id: string;
    typeCode: string;
    licenceNumber: string;
    holderName: string;
    validFrom: Date;
    validUntil: Date | null;
    credential: string;
    listSeq: number;
    statusIndex: number;
  },
  at: Date,
): Promise<string> {
  const { jwt } = await signJws(
    signer,
    issuer,
    QR_TYP,
    {
      sub: `urn:uuid:${input.id}`,
      lt: input.typeCode,
      ln: input.licenceNumber,
      hn: input.holderName,
      vf: seconds(input.validFrom),
      vu: input.validUntil ? seconds(input.validUntil) : null,
      dg: digestOf(input.credential),
      st: [input.listSeq, input.statusIndex],
    },
    at,
  );
  return jwt;
}

export { digestOf };
