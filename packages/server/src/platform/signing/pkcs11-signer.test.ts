import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoftHsmToken, describeWithSoftHsm, type SoftHsmToken } from '../../../test/fixtures/softhsm-token.ts';
import { testConfig } from '../../config.ts';
import { openSigner } from './open-signer.ts';
import { openPkcs11Signer } from './pkcs11-signer.ts';
import { privateMaterialIn, signerContract } from './signer-contract.ts';

type Pkcs11Module = typeof import('pkcs11js');
const pkcs11js = createRequire(import.meta.url)('pkcs11js') as Pkcs11Module;

describeWithSoftHsm('PKCS#11 signer on softhsm2', (modulePath) => {
  let token: SoftHsmToken;
  beforeAll(() => {
    token = createSoftHsmToken(modulePath);
  });
  afterAll(() => token?.remove());
  const open = () => openPkcs11Signer({ modulePath, tokenLabel: token.tokenLabel, pin: token.pin });

  signerContract('PKCS#11 signer', open);

  describe('keys in the token', () => {
    it('are made inside the token, labelled by purpose, sensitive and never extractable; their public halves are read from it', async () => {
      const signer = await open();
      const keyId = await signer.currentKeyId('token-check');
      const published = signer.publicKeys('token-check');
      await signer.close();

      // Look at the token directly, as another PKCS#11 application would.
      const lib = new pkcs11js.PKCS11();
      lib.load(modulePath);
      lib.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
      try {
        const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).label.trim() === token.tokenLabel);
        if (!slot) throw new Error('token not found');
        const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
        lib.C_Login(session, pkcs11js.CKU_USER, token.pin);
        const find = (cls: number) => {
          lib.C_FindObjectsInit(session, [
            { type: pkcs11js.CKA_CLASS, value: cls },
            { type: pkcs11js.CKA_LABEL, value: 'token-check' },
          ]);
          const found = lib.C_FindObjects(session, 10);
          lib.C_FindObjectsFinal(session);
          return found;
        };
        const [priv, more] = find(pkcs11js.CKO_PRIVATE_KEY);
        expect(priv).toBeDefined();
        expect(more).toBeUndefined();
        const attrs = lib.C_GetAttributeValue(session, priv as Buffer, [
          { type: pkcs11js.CKA_EXTRACTABLE },
          { type: pkcs11js.CKA_SENSITIVE },
          { type: pkcs11js.CKA_NEVER_EXTRACTABLE },
          { type: pkcs11js.CKA_TOKEN },
          { type: pkcs11js.CKA_KEY_TYPE },
        ]);
        expect(attrs.map((a) => (a.value as Buffer)[0])).toEqual([0, 1, 1, 1, 0x40]); // CKK_EC_EDWARDS
        expect(() => lib.C_GetAttributeValue(session, priv as Buffer, [{ type: pkcs11js.CKA_VALUE }])).toThrow(/CKR_ATTRIBUTE_SENSITIVE/);
        const [pub] = find(pkcs11js.CKO_PUBLIC_KEY);
        const [point] = lib.C_GetAttributeValue(session, pub as Buffer, [{ type: pkcs11js.CKA_EC_POINT }]);
        if (!point) throw new Error('no CKA_EC_POINT');
        const raw = (point.value as Buffer).subarray(-32);
        expect(published).toEqual([
          expect.objectContaining({ keyId, publicKeyJwk: expect.objectContaining({ x: raw.toString('base64url') }) }),
        ]);
        lib.C_CloseSession(session);
      } finally {
        lib.C_Finalize();
        lib.close();
      }
    });

    it('are found again by a signer opened later (a restart): the current key, the rotated ones, their signatures', async () => {
      const first = await open();
      const old = await first.sign('restart', 'signed before the restart');
      const rotated = await first.rotate('restart');
      await first.close();
      const again = await open();
      try {
        expect(await again.currentKeyId('restart')).toBe(rotated);
        expect(again.verify(old.keyId, 'signed before the restart', old.signature)).toBe(true);
        expect((await again.sign('restart', 'after')).keyId).toBe(rotated);
        expect(
          again
            .publicKeys('restart')
            .map((k) => k.keyId)
            .sort(),
        ).toEqual([old.keyId, rotated].sort());
      } finally {
        await again.close();
      }
    });

    it('two signers in one process share the library; closing one leaves the other signing', async () => {
      const a = await open();
      const b = await open();
      await a.close();
      const signed = await b.sign('shared', 'still logged in');
      expect(b.verify(signed.keyId, 'still logged in', signed.signature)).toBe(true);
      expect(privateMaterialIn(b)).toEqual([]);
      await b.close();
    });
  });

  describe('configuration', () => {
    it('SIGNER=pkcs11 opens the token named by PKCS11_TOKEN_LABEL (or PKCS11_SLOT) with PKCS11_PIN', async () => {
      const signer = await openSigner(
        testConfig({ SIGNER: 'pkcs11', PKCS11_MODULE: modulePath, PKCS11_TOKEN_LABEL: token.tokenLabel, PKCS11_PIN: token.pin }),
      );
      const signed = await signer.sign('config', 'hello');
      expect(signer.verify(signed.keyId, 'hello', signed.signature)).toBe(true);
      await signer.close();
    });

    it('refuses to start with a clear message: no module, an unknown token, a wrong PIN', async () => {
      await expect(openSigner(testConfig({ SIGNER: 'pkcs11', PKCS11_TOKEN_LABEL: 'x', PKCS11_PIN: '1' }))).rejects.toThrow(/PKCS11_MODULE/);
      await expect(openSigner(testConfig({ SIGNER: 'pkcs11', PKCS11_MODULE: modulePath, PKCS11_PIN: '1' }))).rejects.toThrow(
        /PKCS11_TOKEN_LABEL or PKCS11_SLOT/,
      );
      await expect(openPkcs11Signer({ modulePath: '/nonexistent/libpkcs11.so', tokenLabel: 'x', pin: '1' })).rejects.toThrow(
        /\/nonexistent\/libpkcs11\.so/,
      );
      await expect(openPkcs11Signer({ modulePath, tokenLabel: 'no-such-token', pin: token.pin })).rejects.toThrow(/no-such-token/);
      await expect(openPkcs11Signer({ modulePath, tokenLabel: token.tokenLabel, pin: '000000' })).rejects.toThrow(/CKR_PIN_INCORRECT/);
      // A failed open leaves the library usable for the next one.
      const ok = await open();
      expect(await ok.currentKeyId('config')).toMatch(/^config-/);
      await ok.close();
    });
  });
});
