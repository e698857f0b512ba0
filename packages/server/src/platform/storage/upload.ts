import type { IncomingMessage } from 'node:http';
import fastifyMultipart from '@fastify/multipart';
import { AppError, findUnstorableText, unstorableTextMessage } from '@tongban/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FileStore, StoredObject } from './file-store.ts';
import {
  claimsOf,
  detectHeadKind,
  familyOf,
  HEAD_BYTES,
  kindLabels,
  mediaTypeOfKind,
  sanitizeFileName,
  satisfiesClaim,
  type UploadKind,
  uploadKinds,
  ZipEntrySniffer,
} from './media-types.ts';
import { type Scanner, startScan } from './scanner.ts';

export type ReceiveUploadOptions = {
  store: FileStore;
  scanner: Scanner;
  /** Per file, in bytes (usually `config.UPLOAD_MAX_BYTES`). */
  maxBytes: number;
  /** Kinds this route takes; default every kind in `uploadKinds`. */
  accept?: readonly UploadKind[];
  /** Files per request; default 1. */
  maxFiles?: number;
};

export type ReceivedFile = StoredObject & {
  /** The kind established from the content. */
  kind: UploadKind;
  /** The form field the file came in. */
  fieldName: string;
  /** The client's file name, sanitised; display metadata only, never a path. */
  fileName: string;
};

export type ReceivedUpload = {
  files: ReceivedFile[];
  /** The form's text fields (first value of each name). */
  fields: Record<string, string>;
};

/**
 * Registers `@fastify/multipart` on `app` (or on a module's scope). Safe to call more than once.
 * Limits here are outer bounds; `receiveUpload` applies the per-route ones.
 */
export async function registerMultipart(app: FastifyInstance, config: { UPLOAD_MAX_BYTES: number }): Promise<void> {
  if (!app.hasRequestDecorator('parts')) {
    await app.register(fastifyMultipart, {
      limits: { fileSize: config.UPLOAD_MAX_BYTES + 1, files: 20, fields: 50, fieldSize: 64 * 1024, parts: 100, headerPairs: 100 },
    });
  }
  if (!app.hasDecorator(lingerMarker)) {
    app.decorate(lingerMarker, true);
    app.addHook('onResponse', async (request) => {
      if ((request as unknown as Record<symbol, unknown>)[refusedMidBody] && !request.raw.readableEnded) lingerThenClose(request.raw);
    });
  }
}

const lingerMarker = 'tongbanUploadLinger';
const refusedMidBody = Symbol('tongban.uploadRefusedMidBody');
const LINGER_BYTES = 1024 * 1024;
const LINGER_MS = 2000;

/**
 * After refusing an upload part-way, the client may still be sending. Closing at once can reset
 * the connection before it reads our answer; never reading leaves it hanging. So, like nginx's
 * lingering close: once the answer is out, read and drop what arrives for a little while (1 MiB
 * or 2 s at most), then close the connection.
 */
function lingerThenClose(raw: IncomingMessage) {
  let seen = 0;
  const close = () => {
    clearTimeout(timer);
    raw.destroy();
  };
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  raw.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > LINGER_BYTES) close();
  });
  raw.on('end', () => clearTimeout(timer));
  raw.resume();
}

/**
 * Streams the files of a multipart request into the store, checking each on the way: the size
 * limit while it streams (the rest is never read), the kind from its bytes (declared type and
 * extension must agree with them), the scanner's verdict. A file is acknowledged only once it is
 * durable; when anything fails, every file of the request already stored is removed again.
 * If the caller fails afterwards (its transaction rolls back), it should `discardUpload`.
 *
 * Throws PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UPLOAD_INFECTED (each with the file's
 * `field`), VALIDATION_FAILED (no file, too many files, empty file, malformed body) and
 * SERVICE_UNAVAILABLE (scanner or object store unreachable).
 */
export async function receiveUpload(request: FastifyRequest, options: ReceiveUploadOptions): Promise<ReceivedUpload> {
  if (typeof request.isMultipart !== 'function') throw new Error('receiveUpload needs registerMultipart(app, config) first');
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 方式上传文件。Send files as multipart/form-data.', {
      field: 'body',
    });
  }
  const maxFiles = options.maxFiles ?? 1;
  const files: ReceivedFile[] = [];
  const fields: Record<string, string> = Object.create(null);
  try {
    const parts = request.parts({
      // No busboy file-size limit: past it busboy would keep reading the body to discard it,
      // unthrottled. Our own count aborts the part instead, which stops reading the request.
      limits: { fileSize: Number.MAX_SAFE_INTEGER, files: maxFiles, fields: 50, fieldSize: 64 * 1024, parts: maxFiles + 50 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        // Multipart bodies bypass the input sanitiser's hook (the handler reads them): same rule here.
        const bad = findUnstorableText(part.fieldname, 'body') ?? findUnstorableText(part.value, `body.${part.fieldname}`);
        if (bad) throw new AppError('VALIDATION_FAILED', unstorableTextMessage(bad), { field: bad });
        if (typeof part.value === 'string' && !(part.fieldname in fields)) fields[part.fieldname] = part.value;
        continue;
      }
      files.push(await receiveFile(request, part, options));
    }
  } catch (error) {
    if (!request.raw.readableEnded) (request as unknown as Record<symbol, unknown>)[refusedMidBody] = true;
    await discardUpload(options.store, { files });
    throw translateMultipartError(error, maxFiles);
  }
  if (files.length === 0) throw new AppError('VALIDATION_FAILED', '请选择要上传的文件。Choose a file to upload.', { field: 'body.file' });
  return { files, fields };
}

/**
 * For a route that refuses an upload before reading it (a quota used up): once the answer is out,
 * the rest of the body is read and dropped for a little while, then the connection closed.
 */
export function refuseUnreadUpload(request: FastifyRequest): void {
  if (!request.raw.readableEnded) (request as unknown as Record<symbol, unknown>)[refusedMidBody] = true;
}

/** Removes stored files of an upload the caller could not use. Best effort: an orphan is harmless. */
export async function discardUpload(store: FileStore, upload: { files: readonly { storageKey: string }[] }): Promise<void> {
  await Promise.all(upload.files.map((f) => store.delete(f.storageKey).catch(() => {})));
}

type FilePart = { fieldname: string; filename: string; mimetype: string; file: AsyncIterable<Buffer> };

async function receiveFile(request: FastifyRequest, part: FilePart, options: ReceiveUploadOptions): Promise<ReceivedFile> {
  const field = `body.${/^[A-Za-z0-9_.-]{1,64}$/.test(part.fieldname) ? part.fieldname : 'file'}`;
  // Refused rather than stripped, like every other text of a request (domain storable-text.ts).
  if (findUnstorableText(part.filename ?? '', 'x')) {
    throw new AppError('VALIDATION_FAILED', unstorableTextMessage(`${field}.filename`), { field: `${field}.filename` });
  }
  const fileName = sanitizeFileName(part.filename);
  const accept = new Set<UploadKind>(options.accept ?? uploadKinds);
  const source = part.file[Symbol.asyncIterator]();
  let ended = false;
  const next = async (): Promise<Buffer | undefined> => {
    if (ended) return undefined;
    const r = await source.next();
    if (r.done) ended = true;
    return r.done ? undefined : r.value;
  };
  try {
    const { claims, unknown } = claimsOf(fileName, part.mimetype);
    if (unknown.length > 0) {
      throw unsupported(field, `不支持的文件类型（${unknown.join('，')}）。`, `File type ${unknown.join(', ')} is not accepted.`, accept);
    }

    // Judge the first bytes before anything reaches the store.
    const head: Buffer[] = [];
    let headLength = 0;
    while (headLength < HEAD_BYTES) {
      const chunk = await next();
      if (!chunk) break;
      head.push(chunk);
      headLength += chunk.byteLength;
    }
    if (headLength === 0) throw new AppError('VALIDATION_FAILED', '文件为空。The file is empty.', { field });
    const headKind = detectHeadKind(Buffer.concat(head));
    if (!headKind) throw unsupported(field, '文件内容不是允许的类型。', 'The content is not an accepted file type.', accept);
    for (const claim of claims) {
      if (familyOf(claim.kind) !== headKind) throw mismatch(field, claim.kind, headKind);
    }
    if (![...accept].some((k) => familyOf(k) === headKind)) {
      throw unsupported(field, `此处不接受 ${kindLabels[headKind]} 文件。`, `${kindLabels[headKind]} files are not accepted here.`, accept);
    }

    let kind: UploadKind = headKind;
    const sniffer = headKind === 'zip' ? new ZipEntrySniffer() : undefined;
    const scan = startScan(options.scanner);
    let size = 0;
    const inspect = async (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > options.maxBytes) throw tooLarge(field, options.maxBytes);
      sniffer?.push(chunk);
      await scan.write(chunk);
      const early = scan.early();
      if (early && !early.clean) throw infected(field, early.signature);
      const failed = scan.failure();
      if (failed) throw scannerUnavailable(field, failed.error);
    };
    async function* checked(): AsyncGenerator<Buffer> {
      for (const chunk of head) {
        await inspect(chunk);
        yield chunk;
      }
      for (let chunk = await next(); chunk; chunk = await next()) {
        await inspect(chunk);
        yield chunk;
      }
      // Only now is a ZIP container's real kind known; the store commits after this returns.
      if (sniffer) {
        kind = sniffer.kind();
        for (const claim of claims) if (!satisfiesClaim(kind, claim.kind)) throw mismatch(field, claim.kind, kind);
        if (!accept.has(kind))
          throw unsupported(field, `此处不接受 ${kindLabels[kind]} 文件。`, `${kindLabels[kind]} files are not accepted here.`, accept);
      }
      let verdict: Awaited<ReturnType<typeof scan.finish>>;
      try {
        verdict = await scan.finish();
      } catch (error) {
        throw scannerUnavailable(field, error);
      }
      if (!verdict.clean) throw infected(field, verdict.signature);
    }
    try {
      const stored = await options.store.put(checked(), { mediaType: () => mediaTypeOfKind[kind] });
      return { ...stored, kind, fieldName: part.fieldname, fileName };
    } catch (error) {
      scan.abort();
      throw error;
    }
  } catch (error) {
    if (error instanceof AppError && error.code === 'UPLOAD_INFECTED') {
      request.log.warn({ field, signature: error.details?.signature, scanner: options.scanner.name }, 'upload refused: malware signature');
    }
    throw error;
  } finally {
    // Stop reading the client's bytes (destroys the part; the rest of the body is discarded).
    if (!ended) await source.return?.();
  }
}

function acceptedList(accept: ReadonlySet<UploadKind>): string {
  return [...accept].map((k) => kindLabels[k]).join(', ');
}

function unsupported(field: string, zh: string, en: string, accept: ReadonlySet<UploadKind>): AppError {
  return new AppError('UNSUPPORTED_MEDIA_TYPE', `${zh}仅接受：${acceptedList(accept)}。${en} Accepted: ${acceptedList(accept)}.`, {
    field,
    details: { accepted: [...accept] },
  });
}

function mismatch(field: string, claimed: UploadKind, actual: UploadKind): AppError {
  return new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    `文件名或类型声明为 ${kindLabels[claimed]}，但内容不是。The file claims to be ${kindLabels[claimed]} but its content is not.`,
    { field, details: { claimed, detected: actual } },
  );
}

function tooLarge(field: string, maxBytes: number): AppError {
  const limit =
    maxBytes >= 1024 * 1024 ? `${Math.round((maxBytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.max(1, Math.floor(maxBytes / 1024))} KB`;
  return new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${limit} 上限。The file is larger than ${limit}.`, {
    field,
    details: { maxBytes },
  });
}

function scannerUnavailable(field: string, cause: unknown): AppError {
  return new AppError('SERVICE_UNAVAILABLE', '文件安全检查暂不可用，请稍后再试。The malware scanner is unavailable; try again later.', {
    field,
    cause,
  });
}

function infected(field: string, signature: string): AppError {
  return new AppError('UPLOAD_INFECTED', '文件未通过安全检查，已被拒收。The file failed the malware scan and was refused.', {
    field,
    details: { signature },
  });
}

/** @fastify/multipart and busboy errors → the platform's codes. */
function translateMultipartError(error: unknown, maxFiles: number): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : '';
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', '文件过大。The file is too large.', { field: 'body', cause: error });
    case 'FST_FILES_LIMIT':
      return new AppError('VALIDATION_FAILED', `一次最多上传 ${maxFiles} 个文件。At most ${maxFiles} file(s) per request.`, {
        field: 'body',
        cause: error,
      });
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new AppError('VALIDATION_FAILED', '表单字段不正确。The form fields are not valid.', { field: 'body', cause: error });
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 方式上传文件。Send files as multipart/form-data.', {
        field: 'body',
        cause: error,
      });
    case 'FST_MP_PREMATURE_CLOSE':
      return new AppError('VALIDATION_FAILED', '上传被中断。The upload was interrupted.', { field: 'body', cause: error });
  }
  if (/multipart|boundary|part terminated|unexpected end/i.test(message)) {
    return new AppError('VALIDATION_FAILED', '上传内容格式不正确。The multipart body is malformed.', { field: 'body', cause: error });
  }
  return error;
}
