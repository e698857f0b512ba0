import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  assertStorageKey,
  type FileStore,
  fileNotFound,
  mediaTypeOf,
  newStorageKey,
  type PutMeta,
  type StoredObject,
} from './file-store.ts';

/** For tests and the in-memory development mode (`DATA_DIR=memory://`): nothing survives the process. */
export function createMemoryFileStore(): FileStore & { readonly size: number } {
  const objects = new Map<string, Buffer>();
  return {
    kind: 'memory',
    get size() {
      return objects.size;
    },
    async put(source: AsyncIterable<Uint8Array>, meta: PutMeta): Promise<StoredObject> {
      const hash = createHash('sha256');
      const chunks: Buffer[] = [];
      for await (const chunk of source) {
        hash.update(chunk);
        chunks.push(Buffer.from(chunk));
      }
      const bytes = Buffer.concat(chunks);
      const storageKey = newStorageKey();
      objects.set(storageKey, bytes);
      return { storageKey, sha256: hash.digest('hex'), size: bytes.byteLength, mediaType: mediaTypeOf(meta) };
    },
    async get(storageKey: string) {
      assertStorageKey(storageKey);
      const bytes = objects.get(storageKey);
      if (!bytes) throw fileNotFound();
      return Readable.from([bytes]);
    },
    async delete(storageKey: string) {
      assertStorageKey(storageKey);
      objects.delete(storageKey);
    },
    async exists(storageKey: string) {
      assertStorageKey(storageKey);
      return objects.has(storageKey);
    },
  };
}
