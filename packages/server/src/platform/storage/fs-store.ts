import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import {
  assertStorageKey,
  type FileStore,
  fileNotFound,
  mediaTypeOf,
  newStorageKey,
  type PutMeta,
  type StoredObject,
} from './file-store.ts';

/** Temp files older than this are leftovers of a crash, not uploads in progress. */
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/**
 * Files under `root/ab/cd/<key>` (two-level fan-out keeps directories small). A file is written
 * to `root/.tmp/<key>.part`, fsynced, renamed into place (atomic on one filesystem) and the
 * directory fsynced, so once `put` resolves the file survives a crash, and a crash before that
 * leaves at most a temp file that the next start sweeps away.
 */
export function createFsFileStore(rootDir: string): FileStore {
  const root = resolve(rootDir);
  const tmpDir = join(root, '.tmp');
  const ready = (async () => {
    await mkdir(tmpDir, { recursive: true, mode: 0o700 });
    await sweepStaleTemp(tmpDir).catch(() => {});
  })();

  const pathOf = (key: string) => join(root, key.slice(0, 2), key.slice(2, 4), key);

  return {
    kind: 'fs',

    async put(source: AsyncIterable<Uint8Array>, meta: PutMeta): Promise<StoredObject> {
      await ready;
      const storageKey = newStorageKey();
      const tmpPath = join(tmpDir, `${storageKey}.part`);
      const hash = createHash('sha256');
      let size = 0;
      const fh = await open(tmpPath, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
      let written = false;
      try {
        for await (const chunk of source) {
          hash.update(chunk);
          size += chunk.byteLength;
          await writeFully(fh, chunk);
        }
        await fh.sync();
        written = true;
      } finally {
        await fh.close().catch(() => {});
        if (!written) await rm(tmpPath, { force: true });
      }
      const finalPath = pathOf(storageKey);
      const dir = dirname(finalPath);
      try {
        const created = await mkdir(dir, { recursive: true, mode: 0o700 });
        await rename(tmpPath, finalPath);
        await syncDir(dir);
        // A freshly made fan-out directory must itself be durable in its parent.
        if (created !== undefined) {
          await syncDir(dirname(dir));
          await syncDir(root);
        }
      } catch (error) {
        await rm(tmpPath, { force: true });
        throw error;
      }
      return { storageKey, sha256: hash.digest('hex'), size, mediaType: mediaTypeOf(meta) };
    },

    async get(storageKey: string): Promise<Readable> {
      assertStorageKey(storageKey);
      let fh: FileHandle;
      try {
        fh = await open(pathOf(storageKey), 'r');
      } catch (error) {
        if (isNotFound(error)) throw fileNotFound();
        throw error;
      }
      return fh.createReadStream();
    },

    async delete(storageKey: string): Promise<void> {
      assertStorageKey(storageKey);
      await rm(pathOf(storageKey), { force: true });
    },

    async exists(storageKey: string): Promise<boolean> {
      assertStorageKey(storageKey);
      try {
        return (await stat(pathOf(storageKey))).isFile();
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
  };
}

export async function writeFully(fh: FileHandle, chunk: Uint8Array) {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await fh.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

async function syncDir(dir: string) {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function sweepStaleTemp(tmpDir: string) {
  const now = Date.now();
  for (const name of await readdir(tmpDir)) {
    if (!name.endsWith('.part')) continue;
    const path = join(tmpDir, name);
    const info = await stat(path).catch(() => undefined);
    if (info && now - info.mtimeMs > STALE_TEMP_MS) await rm(path, { force: true });
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
