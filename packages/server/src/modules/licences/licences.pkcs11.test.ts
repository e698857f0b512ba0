import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSoftHsmToken, describeWithSoftHsm, type SoftHsmToken } from '../../../test/fixtures/softhsm-token.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { sealAll } from '../../platform/audit/test-support.ts';
import { verifyAuditChain } from '../../platform/audit/verify.ts';
import { openPkcs11Signer } from '../../platform/signing/pkcs11-signer.ts';
import { createLicencesWorld, decodePayload, type LicencesWorld } from './testing/world.ts';
import { rotateIssuerKey } from './use-cases/issuers.ts';

/**
 * The whole app with `SIGNER=pkcs11` on a softhsm2 token: licences are signed inside the token and
 * verify against the keys the issuer's DID document publishes from it; audit checkpoints too.
 */
describeWithSoftHsm('licences and audit signed in a PKCS#11 token (softhsm2)', (modulePath) => {
  let token: SoftHsmToken;
  let w: LicencesWorld;
  beforeAll(async () => {
    token = createSoftHsmToken(modulePath);
    w = await createLicencesWorld({
      SIGNER: 'pkcs11',
      PKCS11_MODULE: modulePath,
      PKCS11_TOKEN_LABEL: token.tokenLabel,
      PKCS11_PIN: token.pin,
    });
  });
  afterAll(async () => {
    await w?.close();
    token?.remove();
  });

  const credentialOf = async (id: string) =>
    ((await (await w.user('alice')).get(`/api/v1/licences/${id}`)).json() as { credential: string }).credential;
  const verify = async (credential: string) => {
    const res = await w.anonymous().post('/api/v1/licences/verify', { credential });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  /** What the token holds, read by a second PKCS#11 session as another process would. */
  const tokenKeyIds = async (purpose: string) => {
    const other = await openPkcs11Signer({ modulePath, tokenLabel: token.tokenLabel, pin: token.pin });
    try {
      return other.publicKeys(purpose).map((k) => k.keyId);
    } finally {
      await other.close();
    }
  };

  it('issues a licence signed in the token that verifies, before and after the issuer key is rotated', async () => {
    const before = await credentialOf(await w.issuedLicence());
    const oldKid = (JSON.parse(Buffer.from(before.split('.')[0] as string, 'base64url').toString()) as { kid: string }).kid;
    const oldKeyId = oldKid.slice(oldKid.indexOf('#') + 1);
    expect(await tokenKeyIds('licence-sh-pd-samr')).toEqual([oldKeyId]);
    expect(await verify(before)).toMatchObject({ status: 'valid', keyCurrent: true, checks: { signature: 'ok', issuer: 'known' } });

    const issuer = decodePayload(before).iss as string;
    const slug = issuer.slice(issuer.lastIndexOf(':') + 1);
    const did = (await w.anonymous().get(`/api/v1/licences/issuers/${slug}/did.json`)).json();
    expect(did.verificationMethod.map((m: { id: string }) => m.id)).toEqual([oldKid]);

    const { keyId, previousKeyId } = await rotateIssuerKey(w.app.platform, 'SH-PD-SAMR', { type: 'system', id: 'test' });
    expect(previousKeyId).toBe(oldKeyId);
    expect((await tokenKeyIds('licence-sh-pd-samr')).sort()).toEqual([oldKeyId, keyId].sort());
    const after = await credentialOf(await w.issuedLicence());
    expect(after.split('.')[0]).not.toBe(before.split('.')[0]);
    expect(await verify(before)).toMatchObject({ status: 'valid', keyCurrent: false });
    expect(await verify(after)).toMatchObject({ status: 'valid', keyCurrent: true });

    // A signature the token did not make still fails.
    const [h, p, s] = after.split('.') as [string, string, string];
    const forged = `${h}.${p}.${Buffer.from(s, 'base64url').reverse().toString('base64url')}`;
    expect((await verify(forged)).status).toBe('tampered');
  });

  it('seals the audit chain with checkpoints signed in the token; the chain verifies', async () => {
    const { db, signer } = w.app.platform;
    await db.transaction((tx) =>
      recordAudit(tx, w.clock.now(), {
        actor: { type: 'system', id: 'test' },
        action: 'test.pkcs11.checked',
        target: { type: 'test', id: '1' },
      }),
    );
    await sealAll(db, signer, w.clock, 'audit');
    const report = await verifyAuditChain(db, signer, w.clock, { stream: 'audit' });
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(await tokenKeyIds('audit')).toEqual([report.latestValidCheckpoint?.keyId]);
  });
});
