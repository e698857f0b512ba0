import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { AppError } from '@tongban/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createS3FileStore } from './s3-store.ts';
import { signV4 } from './sigv4.ts';

// No S3 is reachable here. This fake checks what a real one checks — the SigV4 signature
// (recomputed from the request as received), the payload hash against the bytes, the length —
// and keeps objects in a map. The signer itself is pinned to AWS's published vectors in
// sigv4.test.ts.
const credentials = { accessKeyId: 'TESTKEYID', secretAccessKey: 'test-secret-key' };
const region = 'cn-north-1';

type Seen = { method: string; path: string; status: number };

let server: Server;
let endpoint: string;
let spoolDir: string;
let objects: Map<string, { body: Buffer; type: string | undefined }>;
let seen: Seen[];

beforeEach(async () => {
  objects = new Map();
  seen = [];
  spoolDir = await mkdtemp(join(tmpdir(), 'tongban-s3-spool-test-'));
  server = createServer(async (req, res) => {
    const body = await buffer(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = decodeURIComponent(url.pathname);
    const answer = (status: number, payload?: Buffer | string) => {
      seen.push({ method: req.method ?? '', path, status });
      res.statusCode = status;
      res.end(payload);
    };
    const auth =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request,SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(
        req.headers.authorization ?? '',
      );
    if (!auth) return answer(403, '<Error><Code>AccessDenied</Code></Error>');
    const signedNames = (auth[4] ?? '').split(';');
    const extra: Record<string, string> = {};
    for (const name of signedNames) {
      if (!['host', 'x-amz-date', 'x-amz-content-sha256'].includes(name)) extra[name] = String(req.headers[name] ?? '');
    }
    const expected = signV4(
      {
        method: req.method ?? '',
        host: req.headers.host ?? '',
        path,
        headers: extra,
        payloadHash: String(req.headers['x-amz-content-sha256']),
        region: auth[3] ?? '',
        service: 's3',
        amzDate: String(req.headers['x-amz-date']),
      },
      credentials,
    );
    if (auth[1] !== credentials.accessKeyId || expected.signature !== auth[5])
      return answer(403, '<Error><Code>SignatureDoesNotMatch</Code></Error>');
    const [, bucket, key] = /^\/([^/]+)\/(.+)$/.exec(path) ?? [];
    if (bucket !== 'materials' || !key) return answer(404);
    switch (req.method) {
      case 'PUT': {
        if (createHash('sha256').update(body).digest('hex') !== req.headers['x-amz-content-sha256'])
          return answer(400, 'XAmzContentSHA256Mismatch');
        if (Number(req.headers['content-length']) !== body.length) return answer(400, 'IncompleteBody');
        objects.set(key, { body, type: req.headers['content-type'] });
        return answer(200);
      }
      case 'GET': {
        const object = objects.get(key);
        return object ? answer(200, object.body) : answer(404, '<Error><Code>NoSuchKey</Code></Error>');
      }
      case 'HEAD':
        return answer(objects.has(key) ? 200 : 404);
      case 'DELETE':
        objects.delete(key);
        return answer(204);
    }
    return answer(405);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  endpoint = `http://127.0.0.1:${address.port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(spoolDir, { recursive: true, force: true });
});

function store(secret = credentials.secretAccessKey) {
  return createS3FileStore({
    endpoint,
    bucket: 'materials',
    region,
    credentials: { ...credentials, secretAccessKey: secret },
    pathStyle: true,
    keyPrefix: 'uploads/',
    spoolDir,
  });
}

async function* chunks(...parts: string[]) {
  for (const p of parts) yield Buffer.from(p);
}

describe('S3-compatible store (against a signature-checking fake)', () => {
  it('puts, reads, checks and deletes an object with signed requests', async () => {
    const s3 = store();
    const stored = await s3.put(chunks('%PDF-1.7 ', '材料'), { mediaType: 'application/pdf' });
    expect(stored.storageKey).toMatch(/^[0-9a-f]{32}$/);
    expect(stored.sha256).toBe(createHash('sha256').update('%PDF-1.7 材料').digest('hex'));
    expect(objects.get(`uploads/${stored.storageKey}`)).toMatchObject({ type: 'application/pdf' });
    expect((await buffer(await s3.get(stored.storageKey))).toString()).toBe('%PDF-1.7 材料');
    expect(await s3.exists(stored.storageKey)).toBe(true);
    await s3.delete(stored.storageKey);
    expect(await s3.exists(stored.storageKey)).toBe(false);
    await expect(s3.get(stored.storageKey)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(seen.every((s) => s.status !== 403)).toBe(true);
    expect(await readdir(spoolDir)).toEqual([]);
  });

  it('sends nothing when the source fails (too large, infected …) and leaves no spool file', async () => {
    async function* failing() {
      yield Buffer.from('%PDF-1.7');
      throw new AppError('UPLOAD_INFECTED', 'infected');
    }
    await expect(store().put(failing(), { mediaType: 'application/pdf' })).rejects.toMatchObject({ code: 'UPLOAD_INFECTED' });
    expect(seen.filter((s) => s.method === 'PUT')).toEqual([]);
    expect(await readdir(spoolDir)).toEqual([]);
  });

  it('reports a refused request as SERVICE_UNAVAILABLE without keeping anything', async () => {
    await expect(store('wrong-secret').put(chunks('x'), { mediaType: 'application/pdf' })).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(seen).toMatchObject([{ method: 'PUT', status: 403 }]);
    expect(objects.size).toBe(0);
    expect(await readdir(spoolDir)).toEqual([]);
  });

  it('refuses malformed keys before any request', async () => {
    await expect(store().get('../../etc/passwd')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store().delete('a/b')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(seen).toEqual([]);
  });

  it('reports an unreachable store as SERVICE_UNAVAILABLE', async () => {
    const s3 = createS3FileStore({ endpoint: 'http://127.0.0.1:1', bucket: 'materials', region, credentials, pathStyle: true, spoolDir });
    await expect(s3.exists('a'.repeat(32))).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});
