import { z } from 'zod';
import { isoDateTime } from './datahub-api-fields.ts';

/**
 * Presence at a service window (issue 14): an ID-card reader registered to a centre's seat signs
 * each read of a card's chip; the clerk hands the signed read to the server, which keeps a
 * presence record for that clerk and that person for a limited time. The read's strings are
 * taken as signed (no normalising: the signature covers the exact text).
 */
const raw = (max: number) => z.string().min(1).max(max);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const cardReaderBodySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{2,63}$/, 'letters, digits and _.- (3–64)'),
  /** The device's Ed25519 public key, SPKI DER in base64. */
  publicKey: z.string().min(40).max(200),
  serviceCentreId: z.string().min(1).max(64),
  seat: z.string().min(1).max(32),
});
export type CardReaderBody = z.infer<typeof cardReaderBodySchema>;
export const cardReaderSchema = cardReaderBodySchema.omit({ publicKey: true }).extend({ registeredAt: isoDateTime });

export const signedCardReadSchema = z.object({
  read: z.object({
    reader: raw(64),
    nonce: z.string().min(16).max(64),
    readAt: raw(40),
    idNumber: raw(18),
    name: raw(60),
    sex: z.enum(['male', 'female']),
    birthDate: date,
    ethnicity: raw(20),
    address: z.string().max(200),
    issuingAuthority: raw(60),
    validFrom: date,
    validUntil: date,
  }),
  /** Ed25519 over `tongban-card-read-v1\n` + the read as JSON with sorted keys, base64. */
  signature: z.string().min(40).max(200),
});
export type SignedCardReadBody = z.infer<typeof signedCardReadSchema>;

export const presenceSchema = z.object({
  id: z.string(),
  idNumberMasked: z.string(),
  name: z.string(),
  evidence: z.enum(['id_card_chip', 'sms_otp']),
  /** Whether the city's population registry knows the person (not so for another province's card). */
  inRegistry: z.boolean(),
  serviceCentreId: z.string(),
  expiresAt: isoDateTime,
});
export type Presence = z.infer<typeof presenceSchema>;
