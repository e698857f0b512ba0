// A stand-in for a department's own system (here: a vaccination registry of the health commission)
// that the data hub reaches over HTTP. Started by the data hub's tests as a separate process on
// loopback: `node provider.ts` with the environment below; it prints one line
// `READY {"port":…,"keyId":…,"publicKeyPem":…}` on stdout and serves until killed.
//
//   HUB_PUBLIC_KEY_PEM, HUB_KEY_ID   the hub's request-signing key (GET /api/v1/datahub/keys)
//   RECORDS_JSON                     {"<subject>": [{…record…}], …}
//   CLOCK_OFFSET_MS                  added to this process's clock (the tests run the hub on a manual clock)
//   MAX_SKEW_SECONDS                 accepted clock difference (default 300)
//
// It verifies every request (hub key, timestamp, single-use nonce, body digest, signature) and
// signs every answer with its own Ed25519 key, bound to the request's nonce. POST /__control
// {"mode": …, "delayMs": …} makes it misbehave on purpose: slow, unsigned, bad-signature (signed
// with a key nobody registered), replay (bound to another request's nonce), error (500).
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  protocolHeaders as H,
  requestSigningString,
  responseSigningString,
  sha256Hex,
  verifyWithPem,
} from '../../src/modules/datahub/protocol.ts';

type Mode = 'normal' | 'slow' | 'unsigned' | 'bad-signature' | 'replay' | 'error';

const hubKeyPem = process.env.HUB_PUBLIC_KEY_PEM ?? '';
const hubKeyId = process.env.HUB_KEY_ID ?? '';
const records = JSON.parse(process.env.RECORDS_JSON ?? '{}') as Record<string, Record<string, unknown>[]>;
const offsetMs = Number(process.env.CLOCK_OFFSET_MS ?? '0');
const maxSkewMs = Number(process.env.MAX_SKEW_SECONDS ?? '300') * 1000;
if (!hubKeyPem || !hubKeyId) {
  process.stderr.write('HUB_PUBLIC_KEY_PEM and HUB_KEY_ID are required\n');
  process.exit(2);
}

const own = generateKeyPairSync('ed25519');
const keyId = `vaccination-system-${randomBytes(4).toString('hex')}`;
const stranger = generateKeyPairSync('ed25519');
const seenNonces = new Set<string>();
const stats = { verified: 0, rejected: 0 };
let mode: Mode = 'normal';
let delayMs = 0;

const now = () => new Date(Date.now() + offsetMs);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, body: unknown, requestNonce: string) {
  const text = JSON.stringify(body);
  const digest = sha256Hex(text);
  const timestamp = now().toISOString();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (mode !== 'unsigned') {
    const nonce = mode === 'replay' ? randomBytes(16).toString('hex') : requestNonce;
    const key = mode === 'bad-signature' ? stranger.privateKey : own.privateKey;
    const signature = sign(
      null,
      Buffer.from(responseSigningString({ status, timestamp, requestNonce: nonce, digest, keyId })),
      key,
    ).toString('base64');
    Object.assign(headers, { [H.keyId]: keyId, [H.timestamp]: timestamp, [H.nonce]: nonce, [H.digest]: digest, [H.signature]: signature });
  }
  res.writeHead(status, headers).end(text);
}

/** Why a request from "the hub" is not to be believed, or undefined when it is. */
function rejectReason(req: IncomingMessage, body: string): string | undefined {
  const h = (name: string) => {
    const v = req.headers[name];
    return typeof v === 'string' ? v : '';
  };
  const [reqKeyId, timestamp, nonce, digest, signature] = [h(H.keyId), h(H.timestamp), h(H.nonce), h(H.digest), h(H.signature)];
  if (!reqKeyId || !timestamp || !nonce || !digest || !signature) return 'unsigned request';
  if (reqKeyId !== hubKeyId) return 'unknown key';
  const skew = Math.abs(new Date(timestamp).getTime() - now().getTime());
  if (!Number.isFinite(skew) || skew > maxSkewMs) return 'timestamp outside the allowed window';
  if (sha256Hex(body) !== digest) return 'digest mismatch';
  const signed = requestSigningString({
    method: req.method ?? '',
    path: new URL(req.url ?? '/', 'http://x').pathname,
    timestamp,
    nonce,
    digest,
    keyId: reqKeyId,
  });
  if (!verifyWithPem(hubKeyPem, signed, signature)) return 'bad signature';
  if (seenNonces.has(nonce)) return 'nonce reused';
  seenNonces.add(nonce);
  return undefined;
}

const server = createServer(async (req, res) => {
  try {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname === '/__control') {
      const control = JSON.parse(body) as { mode?: Mode; delayMs?: number };
      mode = control.mode ?? 'normal';
      delayMs = control.delayMs ?? 0;
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET' && url.pathname === '/__stats') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
      return;
    }
    if (req.method !== 'POST' || url.pathname !== '/query') {
      res.writeHead(404).end();
      return;
    }
    const requestNonce = typeof req.headers[H.nonce] === 'string' ? (req.headers[H.nonce] as string) : '';
    const why = rejectReason(req, body);
    if (why) {
      stats.rejected++;
      answer(res, 401, { error: why }, requestNonce);
      return;
    }
    stats.verified++;
    if (mode === 'slow') await new Promise((r) => setTimeout(r, delayMs || 2000));
    if (mode === 'error') {
      answer(res, 500, { error: 'internal error' }, requestNonce);
      return;
    }
    const query = JSON.parse(body) as { exchangeId: string; subject: string; fields: string[] };
    const found = records[query.subject];
    if (!found) {
      answer(res, 404, { exchangeId: query.exchangeId, records: [] }, requestNonce);
      return;
    }
    const picked = found.map((r) => Object.fromEntries(query.fields.map((f) => [f, r[f] ?? null])));
    answer(res, 200, { exchangeId: query.exchangeId, records: picked }, requestNonce);
  } catch (error) {
    if (!res.headersSent) res.writeHead(400).end(String(error));
  }
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const publicKeyPem = own.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  process.stdout.write(`READY ${JSON.stringify({ port, keyId, publicKeyPem })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
