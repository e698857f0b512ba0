import { createHash, createPublicKey, verify } from 'node:crypto';

/**
 * The wire protocol between the hub and a department system (`tb-datahub-1`). Both directions are
 * signed with Ed25519 over a canonical string, so neither side trusts the network:
 *
 * - Request: `POST <baseUrl>/query`, JSON body, headers `x-tb-key-id` (the hub's key), `x-tb-timestamp`
 *   (ISO 8601), `x-tb-nonce` (random, single use), `x-tb-content-sha256` (hex digest of the body)
 *   and `x-tb-signature` (base64) over `requestSigningString`. The provider checks the hub's public
 *   key (`GET /api/v1/datahub/keys`), the clock skew, that the nonce is fresh and the digest.
 * - Response: the same headers, signed with the provider's key over `responseSigningString`, which
 *   binds the status, the body digest and the REQUEST's nonce: a recorded answer cannot be replayed
 *   for another question. The hub refuses anything unsigned or badly signed.
 *
 * Shared by the hub (`adapters/http-provider.ts`) and the test provider process.
 */
export const PROTOCOL = 'tb-datahub-1';

export const protocolHeaders = {
  keyId: 'x-tb-key-id',
  timestamp: 'x-tb-timestamp',
  nonce: 'x-tb-nonce',
  digest: 'x-tb-content-sha256',
  signature: 'x-tb-signature',
} as const;

export type ProviderQuery = {
  exchangeId: string;
  resource: string;
  subject: string;
  fields: string[];
  purpose: string;
  consumerDepartmentId: string;
  caseId: string | null;
};

export type ProviderAnswer = { exchangeId: string; records: Record<string, unknown>[] };

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function requestSigningString(p: {
  method: string;
  path: string;
  timestamp: string;
  nonce: string;
  digest: string;
  keyId: string;
}): string {
  return [`${PROTOCOL} request`, p.method.toUpperCase(), p.path, p.timestamp, p.nonce, p.digest, p.keyId].join('\n');
}

export function responseSigningString(p: {
  status: number;
  timestamp: string;
  requestNonce: string;
  digest: string;
  keyId: string;
}): string {
  return [`${PROTOCOL} response`, String(p.status), p.timestamp, p.requestNonce, p.digest, p.keyId].join('\n');
}

/** Ed25519 verification against a PEM (SPKI) public key; false on any malformed input. */
export function verifyWithPem(publicKeyPem: string, data: string, signatureB64: string): boolean {
  try {
    return verify(null, Buffer.from(data), createPublicKey(publicKeyPem), Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}
