/**
 * What an ID-card reader at a service window's seat signs when a person's card is placed on it
 * (居民身份证阅读器): the chip's data, the reader's id, a single-use nonce and the read time. The
 * server accepts a read only with a valid Ed25519 signature of a reader registered to the clerk's
 * centre, fresh and never seen before — so a presence record at the window is evidence the clerk
 * cannot make alone. Shared by the server's check and the demo reader device.
 */
export type CardData = {
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  ethnicity: string;
  address: string;
  issuingAuthority: string;
  /** YYYY-MM-DD; the card's validity period. */
  validFrom: string;
  validUntil: string;
};

export type CardRead = CardData & {
  reader: string;
  /** Single-use, chosen by the device (16–64 characters). */
  nonce: string;
  /** ISO time of the read, by the device's clock. */
  readAt: string;
};

export type SignedCardRead = { read: CardRead; signature: string };

/** The exact bytes signed: a domain tag and the read as JSON with sorted keys. */
export function cardReadMessage(read: CardRead): Buffer {
  const sorted = Object.fromEntries(
    Object.keys(read)
      .sort()
      .map((k) => [k, read[k as keyof CardRead]]),
  );
  return Buffer.from(`tongban-card-read-v1\n${JSON.stringify(sorted)}`, 'utf8');
}
