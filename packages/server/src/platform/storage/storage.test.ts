import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../../config.ts';
import { errorHandler } from '../http/errors.ts';
import { contentDisposition, createStorage, sendStoredFile } from './index.ts';
import { htmlBytes, pdfBytes } from './test-fixtures.ts';

async function* once(data: Buffer) {
  yield data;
}

describe('createStorage (configuration)', () => {
  it('keeps uploads in memory in the in-memory mode, on disk otherwise, and uses the EICAR scanner by default', () => {
    const memory = createStorage(testConfig());
    expect(memory.store.kind).toBe('memory');
    expect(memory.scanner.name).toBe('builtin-eicar');
    expect(memory.maxBytes).toBe(20 * 1024 * 1024);
    expect(createStorage(testConfig({ UPLOAD_DIR: join(tmpdir(), 'tongban-cfg-test') })).store.kind).toBe('fs');
    expect(testConfig({ DATA_DIR: '/srv/tongban' }).uploadDir).toBe('/srv/tongban/uploads');
  });

  it('selects S3 and ClamAV when configured, and refuses an incomplete S3 configuration', () => {
    const s3 = createStorage(
      testConfig({
        STORAGE_KIND: 's3',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_BUCKET: 'materials',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
        SCANNER_KIND: 'clamav',
        UPLOAD_MAX_BYTES: '1048576',
      }),
    );
    expect(s3.store.kind).toBe('s3');
    expect(s3.scanner.name).toBe('clamav');
    expect(s3.maxBytes).toBe(1048576);
    expect(() => createStorage(testConfig({ STORAGE_KIND: 's3', S3_BUCKET: 'materials' }))).toThrow(
      /S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/,
    );
  });
});

describe('sendStoredFile', () => {
  async function serve(file: { mediaType: string; fileName: string; data: Buffer }, disposition?: 'inline' | 'attachment') {
    const dir = await mkdtemp(join(tmpdir(), 'tongban-dl-'));
    const { store } = createStorage(testConfig({ UPLOAD_DIR: dir }));
    const stored = await store.put(once(file.data), { mediaType: file.mediaType });
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    app.get('/f/:key', async (req, reply) =>
      sendStoredFile(
        reply,
        store,
        { storageKey: (req.params as { key: string }).key, mediaType: file.mediaType, fileName: file.fileName },
        { disposition },
      ),
    );
    const res = await app.inject({ method: 'GET', url: `/f/${stored.storageKey}` });
    const missing = await app.inject({ method: 'GET', url: `/f/${'0'.repeat(32)}` });
    const traversal = await app.inject({ method: 'GET', url: '/f/..%2F..%2Fetc%2Fpasswd' });
    await app.close();
    await rm(dir, { recursive: true, force: true });
    return { res, missing, traversal };
  }

  it('streams the bytes with a safe type, a UTF-8 name and no caching', async () => {
    const data = pdfBytes();
    const { res, missing, traversal } = await serve({ mediaType: 'application/pdf', fileName: '营业执照 "副本".pdf', data }, 'inline');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(data)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `inline; filename="____ ____.pdf"; filename*=UTF-8''${encodeURIComponent('营业执照 "副本".pdf')}`,
    );
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(missing.statusCode).toBe(404);
    expect(traversal.statusCode).toBe(404);
  });

  it('never serves an unknown type as itself, nor a ZIP inline', async () => {
    const { res } = await serve({ mediaType: 'text/html', fileName: 'x.html', data: htmlBytes() }, 'inline');
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']?.startsWith('attachment;')).toBe(true);
    expect(contentDisposition('inline', 'a.zip')).toBe(`inline; filename="a.zip"; filename*=UTF-8''a.zip`);
  });
});
