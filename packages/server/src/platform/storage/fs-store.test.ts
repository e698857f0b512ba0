import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { AppError } from '@tongban/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStorageKey } from './file-store.ts';
import { createFsFileStore } from './fs-store.ts';
import { createMemoryFileStore } from './memory-store.ts';

let parent: string;
let root: string;

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'tongban-fs-store-'));
  root = join(parent, 'uploads');
});

afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

async function* chunks(...parts: (string | Buffer)[]) {
  for (const p of parts) yield Buffer.isBuffer(p) ? p : Buffer.from(p);
}

/** Every regular file under `dir`, relative paths. */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name).slice(dir.length + 1));
  }
  return out.sort();
}

describe('filesystem store', () => {
  it('stores under a random key in two-level fan-out folders and reads it back', async () => {
    const store = createFsFileStore(root);
    const stored = await store.put(chunks('hello ', 'world'), { mediaType: 'application/pdf' });
    expect(isStorageKey(stored.storageKey)).toBe(true);
    expect(stored).toMatchObject({
      size: 11,
      mediaType: 'application/pdf',
      sha256: createHash('sha256').update('hello world').digest('hex'),
    });
    const key = stored.storageKey;
    expect(await listFiles(root)).toEqual([join(key.slice(0, 2), key.slice(2, 4), key)]);
    expect(await readFile(join(root, key.slice(0, 2), key.slice(2, 4), key), 'utf8')).toBe('hello world');
    expect((await buffer(await store.get(key))).toString()).toBe('hello world');
    expect(await store.exists(key)).toBe(true);
    expect((await stat(join(root, key.slice(0, 2), key.slice(2, 4), key))).mode & 0o077).toBe(0);
  });

  it('deletes, and deleting twice is fine', async () => {
    const store = createFsFileStore(root);
    const { storageKey } = await store.put(chunks('x'), { mediaType: 'image/png' });
    await store.delete(storageKey);
    await store.delete(storageKey);
    expect(await store.exists(storageKey)).toBe(false);
    await expect(store.get(storageKey)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps nothing, not even the temp file, when the source fails midway', async () => {
    const store = createFsFileStore(root);
    async function* failing() {
      yield Buffer.from('first part ');
      throw new AppError('PAYLOAD_TOO_LARGE', 'too large');
    }
    await expect(store.put(failing(), { mediaType: 'application/pdf' })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await listFiles(root)).toEqual([]);
  });

  it('gives two puts of the same bytes different keys', async () => {
    const store = createFsFileStore(root);
    const [a, b] = await Promise.all([
      store.put(chunks('same'), { mediaType: 'application/pdf' }),
      store.put(chunks('same'), { mediaType: 'application/pdf' }),
    ]);
    expect(a.storageKey).not.toBe(b.storageKey);
    expect(a.sha256).toBe(b.sha256);
    expect(await listFiles(root)).toHaveLength(2);
  });

  it('never turns a key into a path outside its folder', async () => {
    const store = createFsFileStore(root);
    for (const bad of [
      '../../etc/passwd',
      '../uploads',
      '/etc/passwd',
      'ab/cd/ef',
      '',
      'A'.repeat(32),
      `${'a'.repeat(31)}.`,
      `${'a'.repeat(32)}\0`,
    ]) {
      await expect(store.get(bad)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(store.exists(bad)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(store.delete(bad)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('resolves the media type lazily, after the last byte', async () => {
    const store = createFsFileStore(root);
    let kind = 'application/zip';
    async function* source() {
      yield Buffer.from('PK');
      kind = 'application/ofd';
    }
    const stored = await store.put(source(), { mediaType: () => kind });
    expect(stored.mediaType).toBe('application/ofd');
  });
});

describe('memory store', () => {
  it('behaves like the others', async () => {
    const store = createMemoryFileStore();
    const stored = await store.put(chunks('abc'), { mediaType: 'image/jpeg' });
    expect(stored.size).toBe(3);
    expect((await buffer(await store.get(stored.storageKey))).toString()).toBe('abc');
    await store.delete(stored.storageKey);
    await expect(store.get(stored.storageKey)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.get('../x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
