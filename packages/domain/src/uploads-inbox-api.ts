import { z } from 'zod';
import { isoDateTime } from './case-api-fields.ts';

/** Response shapes of uploads (files attached as case materials) and the user's inbox. */

export const uploadSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: isoDateTime,
});

export const inboxItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  caseId: z.string().nullable(),
  createdAt: isoDateTime,
  readAt: isoDateTime.nullable(),
});
export const inboxResponseSchema = z.object({ items: z.array(inboxItemSchema), unread: z.number().int() });
export const inboxParamsSchema = z.object({ id: z.uuid() });
