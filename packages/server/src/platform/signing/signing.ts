import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Ed25519 signing keys, kept outside the database: PEM files in the keys folder (mode 0600), or in
 * memory for tests. Each purpose (`audit`, a department's licence issuer, …) has a current key and
 * may keep older ones for verification after rotation. A hardware module or KMS plugs in by
 * implementing `Signer` with the same four functions; private keys never leave it.
 */
export type PublicKeyInfo = { keyId: string; purpose: string; publicKeyPem: string; publicKeyJwk: JsonWebKey };

export type Signer = {
  /** Signs with the purpose's current key (created on first use). */
  sign(purpose: string, data: Uint8Array | string): { keyId: string; signature: string };
  verify(keyId: string, data: Uint8Array | string, signatureB64: string): boolean;
  publicKeys(purpose?: string): PublicKeyInfo[];
  /** Makes a new current key for the purpose; older keys still verify. */
  rotate(purpose: string): string;
  /** The private key object for libraries that sign themselves (JOSE); never exported. */
  privateKey(purpose: string): { keyId: string; key: KeyObject };
};

type KeyEntry = { keyId: string; purpose: string; privateKey: KeyObject; publicKey: KeyObject; createdAt: number };

function keyIdOf(publicKey: KeyObject, purpose: string): string {
  const raw = publicKey.export({ format: 'der', type: 'spki' });
  return `${purpose}-${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`;
}

/** `dir` undefined: keys live in memory only (tests). */
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
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(purpose)) throw new Error(`invalid key purpose ${purpose}`);
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
  const toBuffer = (data: Uint8Array | string) => (typeof data === 'string' ? Buffer.from(data) : data);

  return {
    sign(purpose, data) {
      const entry = currentFor(purpose);
      return { keyId: entry.keyId, signature: sign(null, toBuffer(data), entry.privateKey).toString('base64') };
    },
    verify(keyId, data, signatureB64) {
      const entry = keys.get(keyId);
      if (!entry) return false;
      try {
        return verify(null, toBuffer(data), entry.publicKey, Buffer.from(signatureB64, 'base64'));
      } catch {
        return false;
      }
    },
    publicKeys(purpose) {
      return [...keys.values()]
        .filter((k) => purpose === undefined || k.purpose === purpose)
        .map((k) => ({
          keyId: k.keyId,
          purpose: k.purpose,
          publicKeyPem: k.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
          publicKeyJwk: k.publicKey.export({ format: 'jwk' }),
        }));
    },
    rotate: (purpose) => create(purpose).keyId,
    privateKey(purpose) {
      const entry = currentFor(purpose);
      return { keyId: entry.keyId, key: entry.privateKey };
    },
  };
}
