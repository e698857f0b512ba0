import { createPublicKey, KeyObject, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signer } from './signing.ts';

/** What a `Signer` offers, and nothing more: none of these returns private key material. */
const SIGNER_METHODS = ['close', 'currentKeyId', 'publicKeys', 'rotate', 'sign', 'verify'] as const;

/**
 * Paths inside `value` that hold private key material: a private or secret `KeyObject`, a PEM
 * private key, a JWK with a private part (`d`), or a method by a name that promises one.
 */
export function privateMaterialIn(value: unknown, path = 'value', seen = new Set<unknown>()): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return /PRIVATE KEY/.test(value) ? [path] : [];
  if (typeof value !== 'object' && typeof value !== 'function') return [];
  if (seen.has(value)) return [];
  seen.add(value);
  if (value instanceof KeyObject) return value.type === 'public' ? [] : [path];
  if (typeof CryptoKey !== 'undefined' && value instanceof CryptoKey) return value.type === 'public' ? [] : [path];
  const found: string[] = [];
  const names = new Set<string>();
  for (let o: object | null = value as object; o && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) names.add(name);
  }
  for (const name of names) {
    if (typeof value === 'function' && ['length', 'name', 'prototype', 'arguments', 'caller'].includes(name)) continue;
    if (name === 'constructor') continue;
    if (/private|secret|seed/i.test(name)) found.push(`${path}.${name}`);
    if (name === 'd' && typeof (value as Record<string, unknown>).kty === 'string') found.push(`${path}.d`);
    found.push(...privateMaterialIn((value as Record<string, unknown>)[name], `${path}.${name}`, seen));
  }
  return found;
}

/**
 * The behaviour every `Signer` adapter must have, run against a fresh signer from `open` (the
 * file store, the PKCS#11 token, …).
 */
export function signerContract(name: string, open: () => Promise<Signer>): void {
  describe(`${name}: the Signer contract`, () => {
    let signer: Signer;
    beforeAll(async () => {
      signer = await open();
    });
    afterAll(async () => {
      await signer?.close();
    });

    it('offers exactly the Signer methods, and none of them (nor the object) holds private key material', async () => {
      const methods = new Set<string>();
      for (let o: object | null = signer; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
        for (const k of Object.getOwnPropertyNames(o)) {
          if (k !== 'constructor' && typeof (signer as unknown as Record<string, unknown>)[k] === 'function') methods.add(k);
        }
      }
      expect([...methods].sort()).toEqual([...SIGNER_METHODS]);
      expect(privateMaterialIn(signer, 'signer')).toEqual([]);

      // Every answer, walked deeply.
      const answers: Record<string, unknown> = {
        sign: await signer.sign('contract-walk', 'hello'),
        currentKeyId: await signer.currentKeyId('contract-walk'),
        publicKeys: signer.publicKeys(),
        publicKeysOfPurpose: signer.publicKeys('contract-walk'),
        rotate: await signer.rotate('contract-walk'),
        verify: signer.verify(await signer.currentKeyId('contract-walk'), 'x', 'AAAA'),
      };
      expect(privateMaterialIn(answers, 'answers')).toEqual([]);
      for (const k of signer.publicKeys('contract-walk')) {
        expect(Object.keys(k).sort()).toEqual(['keyId', 'publicKeyJwk', 'publicKeyPem', 'purpose']);
        expect(k.publicKeyJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String) });
        expect(k.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
      }
    });

    it('signs with the current key; the signature verifies, and a changed message, signature or key does not', async () => {
      const keyId = await signer.currentKeyId('contract-sign');
      expect(keyId).toMatch(/^contract-sign-[0-9a-f]{16}$/);
      const signed = await signer.sign('contract-sign', 'checkpoint 42');
      expect(signed.keyId).toBe(keyId);
      expect(Buffer.from(signed.signature, 'base64')).toHaveLength(64);
      expect(signer.verify(keyId, 'checkpoint 42', signed.signature)).toBe(true);
      expect(signer.verify(keyId, new TextEncoder().encode('checkpoint 42'), signed.signature)).toBe(true);
      expect(signer.verify(keyId, 'checkpoint 43', signed.signature)).toBe(false);
      const flipped = Buffer.from(signed.signature, 'base64');
      flipped[5] = (flipped[5] ?? 0) ^ 1;
      expect(signer.verify(keyId, 'checkpoint 42', flipped.toString('base64'))).toBe(false);
      expect(signer.verify(keyId, 'checkpoint 42', 'not base64 at all')).toBe(false);
      expect(signer.verify('contract-sign-0000000000000000', 'checkpoint 42', signed.signature)).toBe(false);
      // Ed25519 is deterministic: the same key signs the same bytes the same way.
      expect((await signer.sign('contract-sign', 'checkpoint 42')).signature).toBe(signed.signature);
    });

    it('publishes public keys (PEM and JWK) that verify its signatures outside the signer', async () => {
      const signed = await signer.sign('contract-publish', Buffer.from('published'));
      const [info] = signer.publicKeys('contract-publish');
      expect(info?.keyId).toBe(signed.keyId);
      expect(info?.purpose).toBe('contract-publish');
      const signature = Buffer.from(signed.signature, 'base64');
      expect(verify(null, Buffer.from('published'), createPublicKey(info?.publicKeyPem as string), signature)).toBe(true);
      expect(verify(null, Buffer.from('published'), createPublicKey({ key: info?.publicKeyJwk as never, format: 'jwk' }), signature)).toBe(
        true,
      );
    });

    it('keeps purposes apart and refuses a malformed purpose', async () => {
      const a = await signer.sign('contract-a', 'same');
      const b = await signer.sign('contract-b', 'same');
      expect(a.keyId).not.toBe(b.keyId);
      expect(signer.publicKeys('contract-a').map((k) => k.keyId)).toEqual([a.keyId]);
      expect(signer.publicKeys().map((k) => k.keyId)).toEqual(expect.arrayContaining([a.keyId, b.keyId]));
      await expect(signer.sign('Bad Purpose!', 'x')).rejects.toThrow(/invalid key purpose/);
      await expect(signer.rotate('../etc')).rejects.toThrow(/invalid key purpose/);
    });

    it('rotates: a new current key signs, older signatures keep verifying, both keys are published', async () => {
      const before = await signer.sign('contract-rotate', 'old message');
      const rotated = await signer.rotate('contract-rotate');
      expect(rotated).not.toBe(before.keyId);
      expect(await signer.currentKeyId('contract-rotate')).toBe(rotated);
      const after = await signer.sign('contract-rotate', 'new message');
      expect(after.keyId).toBe(rotated);
      expect(signer.verify(before.keyId, 'old message', before.signature)).toBe(true);
      expect(signer.verify(rotated, 'new message', after.signature)).toBe(true);
      expect(signer.verify(rotated, 'old message', before.signature)).toBe(false);
      expect(
        signer
          .publicKeys('contract-rotate')
          .map((k) => k.keyId)
          .sort(),
      ).toEqual([before.keyId, rotated].sort());
    });

    it('signs many messages at once (the sealer signs a checkpoint per stream together)', async () => {
      const messages = Array.from({ length: 24 }, (_, i) => `stream-${i}`);
      const signed = await Promise.all(messages.map((m) => signer.sign('contract-many', m)));
      expect(new Set(signed.map((s) => s.keyId)).size).toBe(1);
      signed.forEach((s, i) => {
        expect(signer.verify(s.keyId, messages[i] as string, s.signature)).toBe(true);
      });
    });
  });
}
