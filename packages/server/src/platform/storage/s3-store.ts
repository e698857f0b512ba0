import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '@tongban/domain';
import {
  assertStorageKey,
  type FileStore,
  fileNotFound,
  mediaTypeOf,
  newStorageKey,
  type PutMeta,
  type StoredObject,
} from './file-store.ts';
import { writeFully } from './fs-store.ts';
import { EMPTY_SHA256, type SigV4Credentials, signV4, toAmzDate } from './sigv4.ts';

export type S3StoreOptions = {
  /** e.g. `https://s3.cn-north-1.amazonaws.com.cn` or `http://127.0.0.1:9000` (MinIO). */
  endpoint: string;
  bucket: string;
  region: string;
  credentials: SigV4Credentials;
  /** `<endpoint>/<bucket>/<key>` (true) or `<bucket>.<endpoint host>/<key>` (false). */
  pathStyle: boolean;
  /** Prepended to every object key, e.g. `uploads/`. */
  keyPrefix?: string;
  /** Where a body waits (on local disk) until its length and hash are known. Default: the OS temp dir. */
  spoolDir?: string;
  /** Wall clock for request dates (S3 refuses requests more than 15 minutes off). */
  now?: () => Date;
  /** Socket inactivity limit per request. */
  timeoutMs?: number;
};

/**
 * S3-compatible object store over plain HTTP(S) with Signature V4. A PUT needs the length up
 * front and signing the payload hash lets the server verify the bytes, so each upload is first
 * spooled to a local temp file (hashed on the way), then sent in one PUT; S3 PUTs are atomic, so
 * an object either exists whole or not at all. `put` resolves after the store answered 200.
 */
export function createS3FileStore(options: S3StoreOptions): FileStore {
  const endpoint = new URL(options.endpoint);
  const basePath = endpoint.pathname.replace(/\/+$/, '');
  const prefix = options.keyPrefix ?? '';
  const now = options.now ?? (() => new Date());
  const spoolDir = options.spoolDir ?? join(tmpdir(), 'tongban-s3-spool');
  const client = endpoint.protocol === 'https:' ? https : http;

  function target(storageKey: string) {
    const objectKey = `${prefix}${storageKey}`;
    return options.pathStyle
      ? { hostname: endpoint.hostname, host: endpoint.host, path: `${basePath}/${options.bucket}/${objectKey}` }
      : {
          hostname: `${options.bucket}.${endpoint.hostname}`,
          host: `${options.bucket}.${endpoint.host}`,
          path: `${basePath}/${objectKey}`,
        };
  }

  function send(
    method: 'PUT' | 'GET' | 'HEAD' | 'DELETE',
    storageKey: string,
    body?: { stream: Readable; length: number; sha256: string; mediaType: string },
  ): Promise<IncomingMessage> {
    const t = target(storageKey);
    const extra: Record<string, string> = {};
    if (body) {
      extra['content-length'] = String(body.length);
      extra['content-type'] = body.mediaType;
    }
    const signed = signV4(
      {
        method,
        host: t.host,
        path: t.path,
        headers: extra,
        payloadHash: body ? body.sha256 : EMPTY_SHA256,
        region: options.region,
        service: 's3',
        amzDate: toAmzDate(now()),
      },
      options.credentials,
    );
    return new Promise<IncomingMessage>((resolvePromise, reject) => {
      const req = client.request(
        {
          method,
          protocol: endpoint.protocol,
          hostname: t.hostname,
          port: endpoint.port || undefined,
          path: encodePath(t.path),
          headers: signed.headers,
          timeout: options.timeoutMs ?? 60_000,
        },
        resolvePromise,
      );
      req.on('timeout', () => req.destroy(new Error(`S3 ${method} timed out`)));
      req.on('error', reject);
      if (body) {
        body.stream.on('error', (error) => req.destroy(error));
        body.stream.pipe(req);
      } else {
        req.end();
      }
    }).catch((error: unknown) => {
      throw unavailable(error);
    });
  }

  return {
    kind: 's3',

    async put(source: AsyncIterable<Uint8Array>, meta: PutMeta): Promise<StoredObject> {
      await mkdir(spoolDir, { recursive: true, mode: 0o700 });
      const spoolPath = join(spoolDir, `${randomBytes(16).toString('hex')}.part`);
      const hash = createHash('sha256');
      let size = 0;
      try {
        const fh = await open(spoolPath, 'wx', 0o600);
        try {
          for await (const chunk of source) {
            hash.update(chunk);
            size += chunk.byteLength;
            await writeFully(fh, chunk);
          }
        } finally {
          await fh.close();
        }
        const sha256 = hash.digest('hex');
        const storageKey = newStorageKey();
        const mediaType = mediaTypeOf(meta);
        const res = await send('PUT', storageKey, { stream: createReadStream(spoolPath), length: size, sha256, mediaType });
        await expectStatus(res, [200], 'PUT');
        return { storageKey, sha256, size, mediaType };
      } finally {
        await rm(spoolPath, { force: true });
      }
    },

    async get(storageKey: string): Promise<Readable> {
      assertStorageKey(storageKey);
      const res = await send('GET', storageKey);
      if (res.statusCode === 404) {
        res.resume();
        throw fileNotFound();
      }
      if (res.statusCode !== 200) await expectStatus(res, [200], 'GET');
      return res;
    },

    async delete(storageKey: string): Promise<void> {
      assertStorageKey(storageKey);
      await expectStatus(await send('DELETE', storageKey), [200, 204, 404], 'DELETE');
    },

    async exists(storageKey: string): Promise<boolean> {
      assertStorageKey(storageKey);
      const res = await send('HEAD', storageKey);
      res.resume();
      if (res.statusCode === 404) return false;
      await expectStatus(res, [200], 'HEAD');
      return true;
    },
  };
}

/** The request line carries the same encoding as the canonical URI. */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

async function expectStatus(res: IncomingMessage, ok: number[], what: string): Promise<void> {
  if (ok.includes(res.statusCode ?? 0)) {
    res.resume();
    return;
  }
  let text = '';
  for await (const chunk of res) {
    if (text.length < 2000) text += String(chunk);
  }
  throw unavailable(new Error(`S3 ${what} answered ${res.statusCode}: ${text.slice(0, 500)}`));
}

function unavailable(cause: unknown): AppError {
  if (cause instanceof AppError) return cause;
  return new AppError('SERVICE_UNAVAILABLE', '文件存储暂不可用，请稍后再试。File storage is unavailable; try again later.', { cause });
}
