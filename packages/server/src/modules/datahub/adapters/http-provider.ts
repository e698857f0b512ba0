import { randomBytes } from 'node:crypto';
import { AppError, type DataRecord } from '@tongban/domain';
import type { Sql } from '../../../platform/db/db.ts';
import { type Signer, signNamingKey } from '../../../platform/signing/signing.ts';
import {
  protocolHeaders as H,
  type ProviderAnswer,
  type ProviderQuery,
  requestSigningString,
  responseSigningString,
  sha256Hex,
  verifyWithPem,
} from '../protocol.ts';

/**
 * Calls a department system over HTTP (protocol in `../protocol.ts`) and fails closed: a provider
 * that cannot be reached, answers too late, answers an error, or answers without a valid signature
 * bound to this request yields an AppError and no data at all.
 */
export const HUB_KEY_PURPOSE = 'datahub-hub';
const MAX_RESPONSE_BYTES = 1024 * 1024;

export type ExternalProviderRow = {
  id: string;
  department_id: string;
  base_url: string;
  key_id: string;
  public_key_pem: string;
  timeout_ms: number;
};

export async function findExternalProvider(sql: Sql, id: string): Promise<ExternalProviderRow | undefined> {
  const [row] = await sql.query<ExternalProviderRow>(
    'select id, department_id, base_url, key_id, public_key_pem, timeout_ms from datahub_external_provider where id = $1',
    [id],
  );
  return row;
}

const unavailable = (why: string, provider: string) =>
  new AppError('DATAHUB_PROVIDER_UNAVAILABLE', `数据提供方系统暂不可用（${why}）。The provider system is unavailable (${why}).`, {
    details: { provider, why },
  });
const badSignature = (why: string, provider: string) =>
  new AppError(
    'DATAHUB_PROVIDER_SIGNATURE_INVALID',
    `数据提供方的应答未通过签名验证（${why}）。The provider's answer failed signature checks (${why}).`,
    {
      details: { provider, why },
    },
  );

/**
 * @throws DATAHUB_PROVIDER_UNAVAILABLE (unreachable, timeout, error status, oversized or malformed answer),
 *   DATAHUB_PROVIDER_SIGNATURE_INVALID (unsigned, wrong key, bad signature, digest mismatch, answer to another request)
 */
export async function callExternalProvider(
  signer: Signer,
  at: Date,
  provider: ExternalProviderRow,
  query: ProviderQuery,
): Promise<DataRecord[]> {
  const url = new URL('query', provider.base_url.endsWith('/') ? provider.base_url : `${provider.base_url}/`);
  const body = JSON.stringify(query);
  const timestamp = at.toISOString();
  const nonce = randomBytes(16).toString('hex');
  const digest = sha256Hex(body);
  // The key id is part of what is signed, so it is read before signing (the current key).
  const signed = await signNamingKey(signer, HUB_KEY_PURPOSE, (keyId) =>
    requestSigningString({ method: 'POST', path: url.pathname, timestamp, nonce, digest, keyId }),
  );

  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [H.keyId]: signed.keyId,
        [H.timestamp]: timestamp,
        [H.nonce]: nonce,
        [H.digest]: digest,
        [H.signature]: signed.signature,
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(provider.timeout_ms),
    });
    text = await readLimited(response);
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw unavailable(`no answer within ${provider.timeout_ms} ms`, provider.id);
    if ((error as Error).message === 'too large') throw unavailable('answer too large', provider.id);
    throw unavailable('unreachable', provider.id);
  }

  const answerKeyId = response.headers.get(H.keyId);
  const answerTimestamp = response.headers.get(H.timestamp);
  const answerDigest = response.headers.get(H.digest);
  const signature = response.headers.get(H.signature);
  if (!answerKeyId || !answerTimestamp || !answerDigest || !signature) throw badSignature('unsigned answer', provider.id);
  if (answerKeyId !== provider.key_id) throw badSignature('signed with an unregistered key', provider.id);
  if (sha256Hex(text) !== answerDigest) throw badSignature('body does not match its digest', provider.id);
  const signingString = responseSigningString({
    status: response.status,
    timestamp: answerTimestamp,
    requestNonce: nonce,
    digest: answerDigest,
    keyId: answerKeyId,
  });
  if (!verifyWithPem(provider.public_key_pem, signingString, signature))
    throw badSignature('signature does not verify for this request', provider.id);

  if (response.status === 404) return [];
  if (response.status !== 200) throw unavailable(`status ${response.status}`, provider.id);
  let answer: ProviderAnswer;
  try {
    answer = JSON.parse(text) as ProviderAnswer;
  } catch {
    throw unavailable('malformed answer', provider.id);
  }
  if (answer.exchangeId !== query.exchangeId || !Array.isArray(answer.records))
    throw badSignature('answer belongs to another request', provider.id);
  return answer.records.map((r) => scalarRecord(r, provider.id));
}

async function readLimited(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_RESPONSE_BYTES) throw new Error('too large');
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new Error('too large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function scalarRecord(value: unknown, provider: string): DataRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw unavailable('malformed record', provider);
  const out: DataRecord = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else throw unavailable('malformed record', provider);
  }
  return out;
}
