import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError } from '@tongban/domain';

/**
 * Where uploaded files live. Implementations: filesystem (`fs-store.ts`), S3-compatible
 * (`s3-store.ts`) and in-memory for tests (`memory-store.ts`). Callers only ever hold the opaque
 * `storageKey`; a client-supplied name never reaches a path or an object key.
 */
export type FileStore = {
  readonly kind: 'fs' | 's3' | 'memory';
  /**
   * Stores the bytes under a fresh random key and resolves only once they are durable. If the
   * source throws (size limit, wrong type, infected …) nothing is kept and the error is rethrown
   * unchanged.
   */
  put(source: AsyncIterable<Uint8Array>, meta: PutMeta): Promise<StoredObject>;
  /** The stored bytes. Throws NOT_FOUND for an unknown or malformed key. */
  get(storageKey: string): Promise<Readable>;
  /** Removes the object; removing a missing object is not an error. Throws NOT_FOUND for a malformed key. */
  delete(storageKey: string): Promise<void>;
  exists(storageKey: string): Promise<boolean>;
};

export type PutMeta = {
  /**
   * Media type established from the content (never trusted from the client). A function is
   * called only after the source is exhausted: a ZIP container's kind (DOCX, XLSX, OFD) is only
   * known once its entries have streamed by.
   */
  mediaType: string | (() => string);
};

export function mediaTypeOf(meta: PutMeta): string {
  return typeof meta.mediaType === 'function' ? meta.mediaType() : meta.mediaType;
}

export type StoredObject = {
  storageKey: string;
  /** Lower-case hex SHA-256 of the stored bytes. */
  sha256: string;
  size: number;
  mediaType: string;
};

/** 128 random bits, lower-case hex. The only shape a key may have: no dots, no slashes. */
const storageKeyPattern = /^[0-9a-f]{32}$/;

export function newStorageKey(): string {
  return randomBytes(16).toString('hex');
}

export function isStorageKey(value: unknown): value is string {
  return typeof value === 'string' && storageKeyPattern.test(value);
}

/** Refuses anything that is not a key this platform could have made (so never a path). */
export function assertStorageKey(value: string): void {
  if (!isStorageKey(value)) throw new AppError('NOT_FOUND', '文件不存在。The file does not exist.');
}

export function fileNotFound(): AppError {
  return new AppError('NOT_FOUND', '文件不存在。The file does not exist.');
}
