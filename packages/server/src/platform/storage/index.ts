import type { Config } from '../../config.ts';
import { createClamavScanner } from './clamav-scanner.ts';
import type { FileStore } from './file-store.ts';
import { createFsFileStore } from './fs-store.ts';
import { createMemoryFileStore } from './memory-store.ts';
import { createS3FileStore } from './s3-store.ts';
import { createEicarScanner, type Scanner } from './scanner.ts';

export { createClamavScanner } from './clamav-scanner.ts';
export { contentDisposition, type StoredFileRef, sendStoredFile } from './download.ts';
export { type FileStore, isStorageKey, type PutMeta, type StoredObject } from './file-store.ts';
export { createFsFileStore } from './fs-store.ts';
export { kindLabels, mediaTypeOfKind, sanitizeFileName, type UploadKind, uploadKinds } from './media-types.ts';
export { createMemoryFileStore } from './memory-store.ts';
export { createS3FileStore } from './s3-store.ts';
export { createEicarScanner, EICAR_SIGNATURE, type Scanner, type ScanResult } from './scanner.ts';
export {
  discardUpload,
  type ReceivedFile,
  type ReceivedUpload,
  type ReceiveUploadOptions,
  receiveUpload,
  refuseUnreadUpload,
  registerMultipart,
} from './upload.ts';

/** What an upload route needs; spread it into `receiveUpload(request, { ...storage, accept })`. */
export type Storage = { store: FileStore; scanner: Scanner; maxBytes: number };

/** Builds the configured store and scanner. Throws at start-up on an incomplete S3 configuration. */
export function createStorage(config: Config): Storage {
  return { store: createFileStoreFromConfig(config), scanner: createScannerFromConfig(config), maxBytes: config.UPLOAD_MAX_BYTES };
}

export function createFileStoreFromConfig(config: Config): FileStore {
  if (config.STORAGE_KIND === 's3') {
    const missing = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !config[k]);
    if (missing.length > 0) throw new Error(`STORAGE_KIND=s3 needs ${missing.join(', ')}`);
    const region = config.S3_REGION;
    return createS3FileStore({
      endpoint: config.S3_ENDPOINT ?? `https://s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`,
      bucket: config.S3_BUCKET,
      region,
      credentials: { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY },
      pathStyle: config.S3_PATH_STYLE,
    });
  }
  // The in-memory development/test mode keeps uploads in memory too, unless told otherwise.
  if (config.DATA_DIR.startsWith('memory://') && !config.UPLOAD_DIR) return createMemoryFileStore();
  return createFsFileStore(config.uploadDir);
}

export function createScannerFromConfig(config: Config): Scanner {
  if (config.SCANNER_KIND === 'clamav') {
    return createClamavScanner({ host: config.CLAMAV_HOST, port: config.CLAMAV_PORT, timeoutMs: config.CLAMAV_TIMEOUT_MS });
  }
  return createEicarScanner();
}
