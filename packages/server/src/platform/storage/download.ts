import type { FastifyReply } from 'fastify';
import type { FileStore } from './file-store.ts';
import { mediaTypeOfKind } from './media-types.ts';

export type StoredFileRef = {
  storageKey: string;
  /** As recorded at upload (from the content). */
  mediaType: string;
  /** Sanitised display name recorded at upload. */
  fileName: string;
  size?: number;
};

const knownTypes = new Set<string>(Object.values(mediaTypeOfKind));
const inlineTypes = new Set<string>([mediaTypeOfKind.pdf, mediaTypeOfKind.jpeg, mediaTypeOfKind.png]);

/**
 * Streams a stored file to the client. The caller has already checked that the actor may see
 * it. Only types the intake accepts are labelled as such (anything else goes out as
 * octet-stream), only PDFs and images may open inline, and nothing is cached on the way.
 * Throws NOT_FOUND when the object is missing.
 */
export async function sendStoredFile(
  reply: FastifyReply,
  store: FileStore,
  file: StoredFileRef,
  options: { disposition?: 'attachment' | 'inline' } = {},
): Promise<FastifyReply> {
  const stream = await store.get(file.storageKey);
  const type = knownTypes.has(file.mediaType) ? file.mediaType : 'application/octet-stream';
  const disposition = options.disposition === 'inline' && inlineTypes.has(type) ? 'inline' : 'attachment';
  reply
    .header('content-type', type)
    .header('content-disposition', contentDisposition(disposition, file.fileName))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff');
  if (file.size !== undefined) reply.header('content-length', String(file.size));
  return reply.send(stream);
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name (Chinese names survive every browser). */
export function contentDisposition(disposition: 'attachment' | 'inline', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
