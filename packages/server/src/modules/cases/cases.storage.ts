import type { Platform } from '../../platform/context.ts';
import { createStorage, type Storage } from '../../platform/storage/index.ts';

const storages = new WeakMap<Platform, Storage>();

/**
 * The cases module's file store and scanner, one per platform: the upload routes and the clean-up
 * job must use the same store (an in-memory store is one instance).
 */
export function casesStorage(platform: Platform): Storage {
  let storage = storages.get(platform);
  if (!storage) {
    storage = createStorage(platform.config);
    storages.set(platform, storage);
  }
  return storage;
}
