import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorHandler } from '../http/errors.ts';
import type { FileStore } from './file-store.ts';
import { createFsFileStore } from './fs-store.ts';
import type { UploadKind } from './media-types.ts';
import { createEicarScanner, EICAR_TEST_STRING, type Scanner } from './scanner.ts';
import {
  docxBytes,
  type FormPart,
  htmlBytes,
  jpegBytes,
  multipartBody,
  ofdBytes,
  pdfBytes,
  pngBytes,
  tiffBytes,
  xlsxBytes,
  zipBytes,
} from './test-fixtures.ts';
import { receiveUpload, registerMultipart } from './upload.ts';

let parent: string;
let root: string;
let store: FileStore;
let app: FastifyInstance | undefined;

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'tongban-upload-'));
  root = join(parent, 'uploads');
  store = createFsFileStore(root);
});

afterEach(async () => {
  await app?.close();
  app = undefined;
  await rm(parent, { recursive: true, force: true });
});

type AppOptions = { maxBytes?: number; accept?: readonly UploadKind[]; maxFiles?: number; scanner?: Scanner };

/** A tiny app with one upload route, wired the way a module route would be. */
async function uploadApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const a = Fastify({ bodyLimit: 1024 * 1024 });
  a.setErrorHandler(errorHandler);
  await registerMultipart(a, { UPLOAD_MAX_BYTES: maxBytes });
  await registerMultipart(a, { UPLOAD_MAX_BYTES: maxBytes }); // a second call is harmless
  a.post('/upload', async (request) => {
    const upload = await receiveUpload(request, {
      store,
      scanner: options.scanner ?? createEicarScanner(),
      maxBytes,
      ...(options.accept ? { accept: options.accept } : {}),
      ...(options.maxFiles ? { maxFiles: options.maxFiles } : {}),
    });
    return upload;
  });
  await a.ready();
  app = a;
  return a;
}

async function post(a: FastifyInstance, parts: FormPart[]) {
  const { payload, headers } = multipartBody(parts);
  return a.inject({ method: 'POST', url: '/upload', payload, headers });
}

/** Every file anywhere under the parent folder (uploads, temp files, and anything escaping them). */
async function allFiles(): Promise<string[]> {
  const entries = await readdir(parent, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('receiveUpload: accepting by content', () => {
  const cases: { kind: UploadKind; name: string; type: string; data: () => Buffer; mediaType: string }[] = [
    { kind: 'pdf', name: '申请表.pdf', type: 'application/pdf', data: () => pdfBytes(), mediaType: 'application/pdf' },
    { kind: 'jpeg', name: 'id-front.JPG', type: 'image/jpeg', data: jpegBytes, mediaType: 'image/jpeg' },
    { kind: 'png', name: 'photo.png', type: 'image/png', data: pngBytes, mediaType: 'image/png' },
    { kind: 'tiff', name: 'scan.tif', type: 'image/tiff', data: () => tiffBytes('II'), mediaType: 'image/tiff' },
    { kind: 'tiff', name: 'scan-mm.tiff', type: 'application/octet-stream', data: () => tiffBytes('MM'), mediaType: 'image/tiff' },
    {
      kind: 'docx',
      name: '章程.docx',
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      data: docxBytes,
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    },
    {
      kind: 'xlsx',
      name: 'staff.xlsx',
      type: 'application/octet-stream',
      data: xlsxBytes,
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
    { kind: 'ofd', name: '电子发票.ofd', type: 'application/octet-stream', data: ofdBytes, mediaType: 'application/ofd' },
    {
      kind: 'zip',
      name: 'bundle.zip',
      type: 'application/zip',
      data: () => zipBytes([{ name: 'a.txt', data: 'a' }]),
      mediaType: 'application/zip',
    },
    // No name extension and no declared type: the content alone decides.
    { kind: 'pdf', name: 'scan', type: 'application/octet-stream', data: () => pdfBytes(), mediaType: 'application/pdf' },
  ];

  for (const c of cases) {
    it(`stores ${c.name} as ${c.kind}`, async () => {
      const a = await uploadApp();
      const data = c.data();
      const res = await post(a, [{ name: 'file', filename: c.name, contentType: c.type, data }]);
      expect(res.statusCode, res.body).toBe(200);
      const [file] = res.json().files;
      expect(file).toMatchObject({
        kind: c.kind,
        mediaType: c.mediaType,
        size: data.length,
        sha256: sha(data),
        fileName: c.name,
        fieldName: 'file',
      });
      expect(file.storageKey).toMatch(/^[0-9a-f]{32}$/);
      const key: string = file.storageKey;
      expect((await readFile(join(root, key.slice(0, 2), key.slice(2, 4), key))).equals(data)).toBe(true);
    });
  }

  it('returns the text fields with the file', async () => {
    const a = await uploadApp();
    const res = await post(a, [
      { name: 'materialCode', value: 'M001' },
      { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: pdfBytes() },
      { name: 'note', value: '补正材料' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json().fields).toEqual({ materialCode: 'M001', note: '补正材料' });
  });

  it('is not bound by the JSON body limit (1 MiB): a 3 MiB scan goes through under a 5 MiB limit', async () => {
    const a = await uploadApp({ maxBytes: 5 * 1024 * 1024 });
    const data = pdfBytes('x'.repeat(3 * 1024 * 1024));
    const res = await post(a, [{ name: 'file', filename: 'scan.pdf', contentType: 'application/pdf', data }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().files[0]).toMatchObject({ size: data.length, sha256: sha(data) });
  });

  it('accepts a file of exactly the limit', async () => {
    const data = pdfBytes();
    const a = await uploadApp({ maxBytes: data.length });
    expect((await post(a, [{ name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data }])).statusCode).toBe(200);
  });
});

describe('receiveUpload: refusing by content', () => {
  it('refuses an HTML page named .pdf and declared application/pdf, and stores nothing', async () => {
    const a = await uploadApp();
    const res = await post(a, [{ name: 'file', filename: 'invoice.pdf', contentType: 'application/pdf', data: htmlBytes() }]);
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'body.file' });
    expect(await allFiles()).toEqual([]);
  });

  it('refuses a PNG named .pdf and a PDF declared image/png', async () => {
    const a = await uploadApp();
    const r1 = await post(a, [{ name: 'file', filename: 'a.pdf', contentType: 'application/octet-stream', data: pngBytes() }]);
    expect(r1.statusCode).toBe(415);
    expect(r1.json().details).toMatchObject({ claimed: 'pdf', detected: 'png' });
    const r2 = await post(a, [{ name: 'license', filename: 'a', contentType: 'image/png', data: pdfBytes() }]);
    expect(r2.statusCode).toBe(415);
    expect(r2.json().field).toBe('body.license');
    expect(await allFiles()).toEqual([]);
  });

  it('refuses types it does not know, by extension or by declared type', async () => {
    const a = await uploadApp();
    for (const part of [
      { filename: 'notes.txt', contentType: 'text/plain', data: Buffer.from('hello') },
      { filename: 'report.pdf.exe', contentType: 'application/octet-stream', data: pdfBytes() },
      { filename: 'report.pdf', contentType: 'text/html', data: pdfBytes() },
      { filename: 'x.gif', contentType: 'image/gif', data: Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1') },
      { filename: 'x', contentType: 'application/octet-stream', data: Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1') },
      { filename: 'x.doc', contentType: 'application/msword', data: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
    ]) {
      const res = await post(a, [{ name: 'file', ...part }]);
      expect(res.statusCode, part.filename).toBe(415);
      expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await allFiles()).toEqual([]);
  });

  it('refuses a ZIP container that is not what its name says, after reading it, and keeps nothing', async () => {
    const a = await uploadApp();
    const res = await post(a, [{ name: 'file', filename: 'staff.docx', contentType: 'application/octet-stream', data: xlsxBytes() }]);
    expect(res.statusCode).toBe(415);
    expect(res.json().details).toMatchObject({ claimed: 'docx', detected: 'xlsx' });
    const res2 = await post(a, [
      { name: 'file', filename: 'fapiao.ofd', contentType: 'application/ofd', data: zipBytes([{ name: 'x.txt', data: 'x' }]) },
    ]);
    expect(res2.statusCode).toBe(415);
    expect(await allFiles()).toEqual([]);
  });

  it('refuses kinds the route does not take', async () => {
    const a = await uploadApp({ accept: ['pdf', 'ofd'] });
    expect((await post(a, [{ name: 'file', filename: 'a.png', contentType: 'image/png', data: pngBytes() }])).statusCode).toBe(415);
    expect(
      (await post(a, [{ name: 'file', filename: 'a.docx', contentType: 'application/octet-stream', data: docxBytes() }])).statusCode,
    ).toBe(415);
    expect(
      (await post(a, [{ name: 'file', filename: 'a.ofd', contentType: 'application/octet-stream', data: ofdBytes() }])).statusCode,
    ).toBe(200);
    expect(await allFiles()).toHaveLength(1);
  });

  it('refuses an empty file, a missing file and a body that is not multipart', async () => {
    const a = await uploadApp();
    const empty = await post(a, [{ name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: Buffer.alloc(0) }]);
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.file' });
    const none = await post(a, [{ name: 'materialCode', value: 'M1' }]);
    expect(none.statusCode).toBe(400);
    const json = await a.inject({ method: 'POST', url: '/upload', payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a truncated multipart body without keeping a file', async () => {
    const a = await uploadApp();
    const { payload, headers } = multipartBody([
      { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: pdfBytes('x'.repeat(5000)) },
    ]);
    const res = await a.inject({ method: 'POST', url: '/upload', payload: payload.subarray(0, payload.length - 2000), headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(await allFiles()).toEqual([]);
  });
});

describe('receiveUpload: size limit while streaming', () => {
  it('answers 413 with the field and keeps no file', async () => {
    const a = await uploadApp({ maxBytes: 1000 });
    const res = await post(a, [{ name: 'file', filename: 'big.pdf', contentType: 'application/pdf', data: pdfBytes('x'.repeat(5000)) }]);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'body.file', details: { maxBytes: 1000 } });
    expect(await allFiles()).toEqual([]);
  });

  it('stops reading a huge body soon after the limit instead of taking it all in', async () => {
    const maxBytes = 64 * 1024;
    const a = await uploadApp({ maxBytes });
    const { payload, headers } = multipartBody([
      { name: 'file', filename: 'huge.pdf', contentType: 'application/pdf', data: Buffer.alloc(0) },
    ]);
    // Head of the body up to the file's data, then 200 MiB of data produced only as it is read.
    const marker = payload.indexOf('\r\n\r\n') + 4;
    const total = 200 * 1024 * 1024;
    let produced = 0;
    const body = new Readable({
      read() {
        if (produced === 0) {
          this.push(payload.subarray(0, marker));
          this.push(Buffer.from('%PDF-1.7\n'));
        }
        if (produced >= total) return this.push(null);
        const chunk = Buffer.alloc(16 * 1024, 0x20);
        produced += chunk.length;
        this.push(chunk);
      },
    });
    const res = await a.inject({ method: 'POST', url: '/upload', payload: body, headers });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'body.file' });
    // Never buffered: the producer was asked for a small multiple of the limit, not 200 MiB.
    expect(produced).toBeLessThan(4 * 1024 * 1024);
    expect(await allFiles()).toEqual([]);
    body.destroy();
  });
});

describe('receiveUpload: over a real socket', () => {
  it('answers 413 while the client is still sending, then closes the connection instead of reading on', async () => {
    const a = await uploadApp({ maxBytes: 64 * 1024 });
    await a.listen({ port: 0, host: '127.0.0.1' });
    const address = a.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const boundary = 'TongbanRealSocket';
    const total = 50 * 1024 * 1024;
    let sent = 0;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: address.port,
          method: 'POST',
          path: '/upload',
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        },
        (res) => {
          let body = '';
          res.on('data', (d) => {
            body += d;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
      );
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end(`\r\n--${boundary}--\r\n`);
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'body.file' });
    expect(sent).toBeLessThan(total);
    expect(await allFiles()).toEqual([]);
    // Without the lingering close the half-read connection stays open and this never returns.
    await a.close();
    app = undefined;
  });
});

describe('receiveUpload: names are never paths', () => {
  it('stores a file named ../../etc/passwd.pdf under a random key inside the upload folder', async () => {
    const a = await uploadApp();
    const data = pdfBytes();
    for (const filename of ['../../etc/passwd.pdf', '..\\..\\windows\\win.ini.pdf', '/etc/cron.d/x.pdf']) {
      const res = await post(a, [{ name: 'file', filename, contentType: 'application/pdf', data }]);
      expect(res.statusCode, filename).toBe(200);
      const file = res.json().files[0];
      expect(file.fileName).not.toMatch(/[/\\]/);
      expect(file.fileName).not.toMatch(/^\./);
      expect(file.storageKey).toMatch(/^[0-9a-f]{32}$/);
    }
    const files = await allFiles();
    expect(files).toHaveLength(3);
    for (const f of files) expect(f.startsWith(`${root}/`)).toBe(true);
    for (const f of files) expect(f).not.toMatch(/passwd|win\.ini|cron/);
  });

  it('gives two concurrent uploads with the same name different keys', async () => {
    const a = await uploadApp();
    const part = { name: 'file', filename: '身份证.pdf', contentType: 'application/pdf', data: pdfBytes() };
    const [r1, r2] = await Promise.all([post(a, [part]), post(a, [part])]);
    expect(r1.statusCode).toBe(200);
    expect(r2.statusCode).toBe(200);
    const k1 = r1.json().files[0].storageKey;
    const k2 = r2.json().files[0].storageKey;
    expect(k1).not.toBe(k2);
    expect(await store.exists(k1)).toBe(true);
    expect(await store.exists(k2)).toBe(true);
    expect(r1.json().files[0].fileName).toBe('身份证.pdf');
  });

  it('takes at most maxFiles and removes what it stored when the request is refused', async () => {
    const a = await uploadApp({ maxFiles: 1 });
    const res = await post(a, [
      { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: pdfBytes() },
      { name: 'file', filename: 'b.pdf', contentType: 'application/pdf', data: pdfBytes() },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(await allFiles()).toEqual([]);

    const two = await uploadApp({ maxFiles: 2 });
    const ok = await post(two, [
      { name: 'front', filename: 'a.jpg', contentType: 'image/jpeg', data: jpegBytes() },
      { name: 'back', filename: 'b.jpg', contentType: 'image/jpeg', data: jpegBytes() },
    ]);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().files.map((f: { fieldName: string }) => f.fieldName)).toEqual(['front', 'back']);
  });

  it('removes the first file when the second one of the same request is refused', async () => {
    const a = await uploadApp({ maxFiles: 2 });
    const res = await post(a, [
      { name: 'front', filename: 'a.pdf', contentType: 'application/pdf', data: pdfBytes() },
      { name: 'back', filename: 'b.pdf', contentType: 'application/pdf', data: htmlBytes() },
    ]);
    expect(res.statusCode).toBe(415);
    expect(res.json().field).toBe('body.back');
    expect(await allFiles()).toEqual([]);
  });
});

describe("receiveUpload: the input sanitiser's rule for file names and fields", () => {
  it('refuses a file name or a field with NUL, a control character or a noncharacter, naming it, and stores nothing', async () => {
    const a = await uploadApp({ maxFiles: 2 });
    for (const filename of ['a\u0000b.pdf', 'x\ufffe.pdf', 'esc\u001b[31m.pdf', '\ufdd0.pdf']) {
      const res = await post(a, [
        { name: 'front', filename: 'ok.pdf', contentType: 'application/pdf', data: pdfBytes() },
        { name: 'back', filename, contentType: 'application/pdf', data: pdfBytes() },
      ]);
      expect(res.statusCode, JSON.stringify(filename)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.back.filename' });
    }
    const field = await post(a, [
      { name: 'note', value: 'a\u0000b' },
      { name: 'file', filename: 'ok.pdf', contentType: 'application/pdf', data: pdfBytes() },
    ]);
    expect(field.statusCode).toBe(400);
    expect(field.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.note' });
    expect(await allFiles()).toEqual([]);
    // Zero-width and direction characters are storable: they are stripped from the shown name, as before.
    const ok = await post(a, [{ name: 'file', filename: 'scan\u200b\u202e.pdf', contentType: 'application/pdf', data: pdfBytes() }]);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().files[0].fileName).toBe('scan.pdf');
  });
});

describe('receiveUpload: scanning', () => {
  const eicar = Buffer.from(EICAR_TEST_STRING, 'latin1');

  it('refuses a PDF carrying the EICAR test string with 422 UPLOAD_INFECTED and keeps nothing', async () => {
    const a = await uploadApp();
    const res = await post(a, [
      { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: pdfBytes(eicar.toString('latin1')) },
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'UPLOAD_INFECTED', field: 'body.file', details: { signature: 'EICAR-Test-File' } });
    expect(await allFiles()).toEqual([]);
  });

  it('catches it when the body arrives in small pieces that split the string', async () => {
    const a = await uploadApp();
    const { payload, headers } = multipartBody([
      { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: Buffer.concat([pdfBytes(), eicar, pdfBytes()]) },
    ]);
    const pieces: Buffer[] = [];
    for (let i = 0; i < payload.length; i += 7) pieces.push(payload.subarray(i, i + 7));
    const res = await a.inject({ method: 'POST', url: '/upload', payload: Readable.from(pieces), headers });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('UPLOAD_INFECTED');
    expect(await allFiles()).toEqual([]);
  });

  it('uses a plugged-in scanner, and refuses the upload when the scanner cannot answer', async () => {
    const seen: number[] = [];
    const flagging: Scanner = {
      name: 'test-flags-everything',
      async scan(input) {
        let n = 0;
        for await (const chunk of input instanceof Uint8Array ? [input] : input) n += chunk.byteLength;
        seen.push(n);
        return { clean: false, signature: 'Test.Signature' };
      },
    };
    const a = await uploadApp({ scanner: flagging });
    const data = pdfBytes();
    const res = await post(a, [{ name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data }]);
    expect(res.statusCode).toBe(422);
    expect(res.json().details.signature).toBe('Test.Signature');
    expect(seen).toEqual([data.length]);
    await app?.close();

    const down: Scanner = {
      name: 'down',
      async scan() {
        throw new Error('connect ECONNREFUSED 127.0.0.1:3310');
      },
    };
    const b = await uploadApp({ scanner: down });
    const res2 = await post(b, [{ name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data }]);
    expect(res2.statusCode).toBe(503);
    expect(res2.json().code).toBe('SERVICE_UNAVAILABLE');
    expect(res2.body).not.toContain('ECONNREFUSED');
    expect(await allFiles()).toEqual([]);
  });
});
