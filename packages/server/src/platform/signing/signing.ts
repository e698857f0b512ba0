import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Ed25519 signing keys, one current key per purpose (`audit`, a department's licence issuer, …)
 * plus the older ones, kept for verification after rotation. The interface never returns private
 * key material, so a hardware module or a KMS implements it as well as the file store below:
 * signing is asynchronous (a round trip to the device or service), public keys and verification
 * are local (an adapter keeps the public keys it has read or made). See README.md.
 */
export type PublicKeyInfo = { keyId: string; purpose: string; publicKeyPem: string; publicKeyJwk: JsonWebKey };

type Signature = { keyId: string; signature: string };

export type Signer = {
  /** Signs with the purpose's current key (created on first use); `signature` is base64. */
  sign(purpose: string, data: Uint8Array | string): Promise<Signature>;
  /** The key id `sign` uses now (the key is created on first use). */
  currentKeyId(purpose: string): Promise<string>;
  /** Checks a base64 signature with a key this signer holds or held (any purpose); false for an unknown key. */
  verify(keyId: string, data: Uint8Array | string, signatureB64: string): boolean;
  /** Public halves of every key, current and rotated, of one purpose or all. */
  publicKeys(purpose?: string): PublicKeyInfo[];
  /** Makes a new current key for the purpose and returns its id; older keys still verify. */
  rotate(purpose: string): Promise<string>;
  /** Releases the device or connection (a no-op for files). */
  close(): Promise<void>;
};

/** A purpose names key files and token labels: lower-case letters, digits and dashes. */
export const isPurpose = (purpose: string) => /^[a-z0-9][a-z0-9-]{0,62}$/.test(purpose);

export function checkPurpose(purpose: string): void {
  if (!isPurpose(purpose)) throw new Error(`invalid key purpose ${purpose}`);
}

/** `<purpose>-<16 hex of sha256(SPKI DER)>`: the same id for the same key in every adapter. */
export function keyIdOf(publicKey: KeyObject, purpose: string): string {
  const raw = publicKey.export({ format: 'der', type: 'spki' });
  return `${purpose}-${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`;
}

export function publicKeyInfo(keyId: string, purpose: string, publicKey: KeyObject): PublicKeyInfo {
  return {
    keyId,
    purpose,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicKeyJwk: publicKey.export({ format: 'jwk' }),
  };
}

export const toBuffer = (data: Uint8Array | string) => (typeof data === 'string' ? Buffer.from(data) : data);

export function verifyWith(publicKey: KeyObject | undefined, data: Uint8Array | string, signatureB64: string): boolean {
  if (!publicKey) return false;
  try {
    return verify(null, toBuffer(data), publicKey, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

/**
 * The `Signer` methods that need only the keys an adapter keeps in memory (public keys by id, the
 * current key per purpose, how to make a new one): the same for the key files and a PKCS#11 token.
 */
export function keyRingMethods(
  keys: ReadonlyMap<string, { keyId: string; purpose: string; publicKey: KeyObject }>,
  currentFor: (purpose: string) => { keyId: string },
  create: (purpose: string) => { keyId: string },
): Pick<Signer, 'currentKeyId' | 'verify' | 'publicKeys' | 'rotate'> {
  return {
    async currentKeyId(purpose) {
      return currentFor(purpose).keyId;
    },
    verify: (keyId, data, signatureB64) => verifyWith(keys.get(keyId)?.publicKey, data, signatureB64),
    publicKeys(purpose) {
      return [...keys.values()]
        .filter((k) => purpose === undefined || k.purpose === purpose)
        .map((k) => publicKeyInfo(k.keyId, k.purpose, k.publicKey));
    },
    rotate: async (purpose) => create(purpose).keyId,
  };
}

/**
 * Signs bytes that name the signing key (a JWS header's `kid`, a request's key-id line): reads the
 * current key id, builds the bytes with it and signs. Should a rotation land between the two calls,
 * the signature names another key than the bytes, so it builds and signs again.
 */
export async function signNamingKey(
  signer: Signer,
  purpose: string,
  build: (keyId: string) => Uint8Array | string,
): Promise<Signature & { data: Uint8Array | string }> {
  let keyId = await signer.currentKeyId(purpose);
  for (let attempt = 0; ; attempt++) {
    const data = build(keyId);
    const signed = await signer.sign(purpose, data);
    if (signed.keyId === keyId) return { ...signed, data };
    if (attempt >= 2) throw new Error(`the ${purpose} key keeps rotating while signing`);
    keyId = signed.keyId;
  }
}

type KeyEntry = { keyId: string; purpose: string; privateKey: KeyObject; publicKey: KeyObject; createdAt: number };

/**
 * PEM files in `dir` (mode 0600, `<purpose>__<created ms>.key.pem`), or memory only when `dir` is
 * undefined (tests). The private keys stay inside this closure.
 */
export function createKeyStoreSigner(dir: string | undefined): Signer {
  const keys = new Map<string, KeyEntry>();
  const current = new Map<string, KeyEntry>();

  if (dir && existsSync(dir)) {
    const files = readdirSync(dir).filter((f) => f.endsWith('.key.pem'));
    for (const file of files) {
      const privateKey = createPrivateKey(readFileSync(join(dir, file)));
      const [purpose = 'default', created = '0'] = file.replace(/\.key\.pem$/, '').split('__');
      const publicKey = createPublicKey(privateKey);
      const entry: KeyEntry = { keyId: keyIdOf(publicKey, purpose), purpose, privateKey, publicKey, createdAt: Number(created) };
      keys.set(entry.keyId, entry);
      const cur = current.get(purpose);
      if (!cur || cur.createdAt < entry.createdAt) current.set(purpose, entry);
    }
  }

  function create(purpose: string): KeyEntry {
    checkPurpose(purpose);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const createdAt = Math.max(Date.now(), (current.get(purpose)?.createdAt ?? 0) + 1);
    const entry: KeyEntry = { keyId: keyIdOf(publicKey, purpose), purpose, privateKey, publicKey, createdAt };
    if (dir) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(join(dir, `${purpose}__${createdAt}.key.pem`), privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    }
    keys.set(entry.keyId, entry);
    current.set(purpose, entry);
    return entry;
  }

  const currentFor = (purpose: string) => current.get(purpose) ?? create(purpose);

  return {
    async sign(purpose, data) {
      const entry = currentFor(purpose);
      return { keyId: entry.keyId, signature: sign(null, toBuffer(data), entry.privateKey).toString('base64') };
    },
    ...keyRingMethods(keys, currentFor, create),
    close: async () => {},
  };
}
