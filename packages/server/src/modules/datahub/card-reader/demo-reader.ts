import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { type CardData, type CardRead, cardReadMessage, type SignedCardRead } from './card-read.ts';

/**
 * A simulated ID-card reader device for the demo and the tests: it holds its own Ed25519 private
 * key (never the server's, never in the database) and a handful of demo cards, and signs a read
 * of a card "placed on it". The server knows only its public key, registered to a centre's seat
 * (`registerCardReader`). A real reader (a 居民身份证阅读器 with its security module) answers the
 * same `SignedCardRead`.
 */
export type DemoCardReader = {
  id: string;
  /** SPKI DER, base64: what is registered on the server. */
  publicKey: string;
  read(card: CardData, options?: { at?: Date; nonce?: string }): SignedCardRead;
};

export function createDemoCardReader(id: string): DemoCardReader {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    id,
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    read(card, options = {}) {
      const read: CardRead = {
        ...card,
        reader: id,
        nonce: options.nonce ?? randomBytes(16).toString('hex'),
        readAt: (options.at ?? new Date()).toISOString(),
      };
      return { read, signature: sign(null, cardReadMessage(read), privateKey).toString('base64') };
    },
  };
}

/** A card for a person of the population registry (the demo city's or the tests'). */
export function cardFor(person: {
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  ethnicity?: string | undefined;
  householdAddress?: string | undefined;
}): CardData {
  return {
    idNumber: person.idNumber,
    name: person.name,
    sex: person.sex,
    birthDate: person.birthDate,
    ethnicity: person.ethnicity ?? '汉族',
    address: person.householdAddress ?? '',
    issuingAuthority: '上海市公安局浦东分局',
    validFrom: '2020-01-01',
    validUntil: '2040-01-01',
  };
}

/**
 * An ID card issued in another province (浙江省杭州市): a real resident ID number, not in the
 * city's population registry. Such a person is present with the same evidence.
 */
export const otherProvinceCard: CardData = {
  idNumber: '33010619850615002X',
  name: '陆文静',
  sex: 'female',
  birthDate: '1985-06-15',
  ethnicity: '汉族',
  address: '浙江省杭州市西湖区文三路100号',
  issuingAuthority: '杭州市公安局西湖分局',
  validFrom: '2019-05-01',
  validUntil: '2039-05-01',
};
