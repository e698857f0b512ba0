import { generateKeyPairSync } from 'node:crypto';
import { importJWK, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginUser } from '../../../test/fixtures/identity-fixtures.ts';
import { createLicencesWorld, decodePayload, type LicencesWorld, withChangedPayload } from './testing/world.ts';
import { rotateIssuerKey } from './use-cases/issuers.ts';
import { decodeList, isSet } from './use-cases/status-lists.ts';

let w: LicencesWorld;
beforeAll(async () => {
  w = await createLicencesWorld();
});
afterAll(() => w?.close());

async function credentialOf(id: string): Promise<string> {
  return ((await (await w.user('alice')).get(`/api/v1/licences/${id}`)).json() as { credential: string }).credential;
}

/** Public verification: a visitor with no session and no CSRF token. */
async function verify(body: unknown) {
  const res = await w.anonymous().post('/api/v1/licences/verify', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function changeStatus(id: string, action: string, reason = '现场核查发现不符合许可条件', who = 'approver') {
  return (await w.staff(who)).post(`/api/v1/licences/${id}/actions/${action}`, { reason });
}

describe('public verification', () => {
  it('says valid, and who issued it when, with no login', async () => {
    const id = await w.issuedLicence();
    const credential = await credentialOf(id);
    const result = await verify({ credential });
    expect(result).toMatchObject({
      status: 'valid',
      issuer: { departmentId: 'SH-PD-SAMR', name: { zh: '浦东新区市场监督管理局' } },
      credentialId: `urn:uuid:${id}`,
      licenceType: 'FOOD-BUSINESS-LICENCE',
      licenceName: { zh: '食品经营许可证', en: 'Food business licence' },
      keyCurrent: true,
      checks: { signature: 'ok', issuer: 'known', revocation: 'ok', suspension: 'ok', validity: 'ok' },
    });
    expect(result.issuedAt).toBe(
      w.clock
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, '.000Z'),
    );
    expect(result.holder.id).toMatch(/^\d{3}\*+\w{4}$/);
    // Whoever presents the file holds its contents: the page shows them, labelled, in the type's order.
    expect(result.fields.map((f: { key: string }) => f.key)).toEqual(['applicant.name', 'applicant.id_number', 'business.scope']);
    expect(result.fields[2]).toEqual({ key: 'business.scope', label: { zh: '经营范围', en: 'Business scope' }, value: '软件开发' });
    // The same credential as a data: URL and as an EnvelopedVerifiableCredential.
    expect((await verify({ credential: `data:application/vc+jwt,${credential}` })).status).toBe('valid');
    expect(
      (
        await verify({
          credential: {
            '@context': ['https://www.w3.org/ns/credentials/v2'],
            type: 'EnvelopedVerifiableCredential',
            id: `data:application/vc+jwt,${credential}`,
          },
        })
      ).status,
    ).toBe('valid');
  });

  it('detects one changed field, a changed signature and a foreign key', async () => {
    const id = await w.issuedLicence();
    const credential = await credentialOf(id);
    const changed = withChangedPayload(credential, (vc) => {
      (vc.credentialSubject as { fields: Record<string, string> }).fields['business.scope'] = '软件开发；食品销售';
    });
    expect(await verify({ credential: changed })).toMatchObject({
      status: 'tampered',
      fields: null,
      checks: { signature: 'failed', issuer: 'known' },
    });
    const validUntil = withChangedPayload(credential, (vc) => {
      vc.validUntil = '2099-01-01T00:00:00Z';
    });
    expect((await verify({ credential: validUntil })).status).toBe('tampered');
    const sig = credential.slice(0, -6) + (credential.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    expect((await verify({ credential: sig })).status).toBe('tampered');

    // Signed by a key the issuer never published, but claiming the issuer's DID and key id.
    const header = JSON.parse(Buffer.from(credential.split('.')[0] as string, 'base64url').toString()) as { kid: string };
    const { privateKey } = generateKeyPairSync('ed25519');
    const forged = await new SignJWT(decodePayload(credential))
      .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: header.kid })
      .sign(privateKey);
    expect((await verify({ credential: forged })).status).toBe('tampered');
    // The same with an issuer the platform does not know.
    const stranger = await new SignJWT({ ...decodePayload(credential), issuer: 'did:web:evil.example', iss: 'did:web:evil.example' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: 'did:web:evil.example#k1' })
      .sign(privateKey);
    expect(await verify({ credential: stranger })).toMatchObject({ status: 'unknown_issuer', issuer: null, checks: { issuer: 'unknown' } });
    expect((await verify({ credential: 'not a credential' })).status).toBe('malformed');
    expect((await verify({ qr: 'https://example.com/anything' })).status).toBe('malformed');
    const bad = await w.anonymous().post('/api/v1/licences/verify', {});
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain('at ');
    // The route is documented (the OpenAPI document builds with the licences schemas).
    const docs = await w.anonymous().get('/api/docs/json');
    expect(Object.keys(docs.json().paths)).toEqual(expect.arrayContaining(['/api/v1/licences/verify', '/api/v1/licences/mine']));
  });

  it('reports an expired licence as expired (and a valid one again before its end)', async () => {
    const id = await w.issuedLicence();
    const credential = await credentialOf(id);
    const until = decodePayload(credential).validUntil as string;
    const saved = w.clock.now();
    try {
      w.clock.set(new Date(Date.parse(until) + 1000));
      expect(await verify({ credential })).toMatchObject({ status: 'expired', checks: { validity: 'expired', signature: 'ok' } });
      // A fresh session: the long-lived test sessions would count five idle years against them.
      const mine = (await (await loginUser(w.app, 'alice')).get('/api/v1/licences/mine')).json();
      expect(mine.items.find((i: { id: string }) => i.id === id)).toMatchObject({ status: 'active', expired: true });
      w.clock.set(new Date(Date.parse(until) - 1000));
      expect((await verify({ credential })).status).toBe('valid');
    } finally {
      w.clock.set(saved);
    }
  });
});

describe('revocation and suspension through the status lists', () => {
  it('suspends, reinstates and revokes with a reason, audited, visible in the signed status list', async () => {
    const id = await w.issuedLicence();
    const credential = await credentialOf(id);
    const entries = decodePayload(credential).credentialStatus as {
      statusPurpose: string;
      statusListIndex: string;
      statusListCredential: string;
    }[];
    const revocation = entries.find((e) => e.statusPurpose === 'revocation') as (typeof entries)[number];
    const suspension = entries.find((e) => e.statusPurpose === 'suspension') as (typeof entries)[number];
    const index = Number(revocation.statusListIndex);

    /** Fetches a published status list (public), checks its signature against the issuer's JWKS, returns its bits. */
    const bitsOf = async (url: string) => {
      const path = new URL(url).pathname;
      const res = await w.anonymous().get(path);
      expect(res.headers['content-type']).toContain('application/vc+jwt');
      const vc = decodePayload(res.body);
      const slug = (vc.issuer as string).split(':').at(-1) as string;
      const keys = (await w.anonymous().get(`/api/v1/licences/issuers/${slug}/jwks.json`)).json().keys as { kid: string }[];
      const kid = JSON.parse(Buffer.from(res.body.split('.')[0] as string, 'base64url').toString()).kid;
      const jwk = keys.find((k) => k.kid === kid) as Record<string, unknown>;
      await jwtVerify(res.body, await importJWK(jwk as never, 'EdDSA'), { typ: 'vc+jwt' });
      expect(vc).toMatchObject({ type: ['VerifiableCredential', 'BitstringStatusListCredential'] });
      const subject = vc.credentialSubject as { encodedList: string; statusPurpose: string };
      const bits = decodeList(subject.encodedList);
      expect(bits.length).toBe(16_384); // 131,072 entries: the spec's minimum size
      return bits;
    };
    expect(isSet(await bitsOf(revocation.statusListCredential), index)).toBe(false);

    // A reviewer lacks licences.revoke; an approver of another department sees no such licence.
    expect((await changeStatus(id, 'suspend', '理由', 'reviewer')).statusCode).toBe(403);
    expect((await changeStatus(id, 'suspend', '理由', 'st-psb-approver')).statusCode).toBe(404);
    expect((await changeStatus(id, 'reinstate')).statusCode).toBe(409);

    let res = await changeStatus(id, 'suspend', '责令停业整顿期间');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'suspended', statusReason: '责令停业整顿期间' });
    expect(isSet(await bitsOf(suspension.statusListCredential), index)).toBe(true);
    expect(await verify({ credential })).toMatchObject({ status: 'suspended', checks: { suspension: 'suspended', revocation: 'ok' } });

    res = await changeStatus(id, 'reinstate', '整改完成');
    expect(res.json().status).toBe('active');
    expect(isSet(await bitsOf(suspension.statusListCredential), index)).toBe(false);
    expect((await verify({ credential })).status).toBe('valid');

    res = await changeStatus(id, 'revoke', '以欺骗手段取得许可');
    expect(res.json().status).toBe('revoked');
    expect(isSet(await bitsOf(revocation.statusListCredential), index)).toBe(true);
    expect(await verify({ credential })).toMatchObject({ status: 'revoked', checks: { revocation: 'revoked' } });
    expect((await changeStatus(id, 'reinstate')).statusCode).toBe(409);
    expect((await changeStatus(id, 'revoke')).statusCode).toBe(409);

    const audit = await w.app.platform.db.query<{ action: string; detail: { reason: string }; actor_id: string }>(
      `select action, detail, actor_id from audit_log where target_id = $1 and action like 'licences.licence.%' order by id`,
      [id],
    );
    expect(audit.map((a) => `${a.action}:${a.detail.reason ?? ''}`)).toEqual([
      'licences.licence.issued:',
      'licences.licence.suspended:责令停业整顿期间',
      'licences.licence.reinstated:整改完成',
      'licences.licence.revoked:以欺骗手段取得许可',
    ]);
    expect(audit.slice(1).every((a) => a.actor_id === 'st-approver')).toBe(true);
    const detail = (await (await w.user('alice')).get(`/api/v1/licences/${id}`)).json();
    expect(detail).toMatchObject({ status: 'revoked', statusReason: '以欺骗手段取得许可' });
    // Only this licence's bit changed: another licence of the same issuer still verifies.
    expect((await verify({ credential: await credentialOf(await w.issuedLicence()) })).status).toBe('valid');
  });

  it('verifies the QR code offline-style from its signed summary, and says revoked after revocation', async () => {
    const id = await w.issuedLicence();
    const qr = (await (await w.user('alice')).get(`/api/v1/licences/${id}/qr`)).json();
    // The web app's public verification page, which reads the token from the fragment.
    expect(qr.payload).toBe(`http://localhost:8080/licences/verify#qr=${qr.token}`);
    expect(qr.svg).toContain('<svg');
    expect(await verify({ qr: qr.payload })).toMatchObject({
      status: 'valid',
      credentialId: `urn:uuid:${id}`,
      licenceName: { zh: '食品经营许可证' },
      checks: { signature: 'ok', digest: 'ok' },
      // A QR code carries a summary: no fields.
      fields: null,
    });
    expect((await verify({ qr: qr.token })).status).toBe('valid');
    const claims = decodePayload(qr.token);
    expect(claims).toMatchObject({ lt: 'FOOD-BUSINESS-LICENCE', hn: w.people.alice.name });
    expect((await verify({ qr: withChangedPayload(qr.token, (c) => (c.vu = null)) })).status).toBe('tampered');
    await changeStatus(id, 'revoke', '吊销');
    expect((await verify({ qr: qr.payload })).status).toBe('revoked');
  });
});

describe('key rotation', () => {
  it('keeps earlier licences valid and signs new ones with the new key', async () => {
    const before = await credentialOf(await w.issuedLicence());
    const oldKid = JSON.parse(Buffer.from(before.split('.')[0] as string, 'base64url').toString()).kid as string;
    const { keyId, previousKeyId } = await rotateIssuerKey(w.app.platform, 'SH-PD-SAMR', { type: 'system', id: 'test' });
    expect(oldKid.endsWith(`#${previousKeyId}`)).toBe(true);

    const after = await credentialOf(await w.issuedLicence());
    const newKid = JSON.parse(Buffer.from(after.split('.')[0] as string, 'base64url').toString()).kid as string;
    expect(newKid.endsWith(`#${keyId}`)).toBe(true);
    expect(newKid).not.toBe(oldKid);

    expect(await verify({ credential: before })).toMatchObject({ status: 'valid', keyCurrent: false });
    expect(await verify({ credential: after })).toMatchObject({ status: 'valid', keyCurrent: true });

    const doc = (await w.anonymous().get('/api/v1/licences/issuers/sh-pd-samr/did.json')).json();
    expect(doc.verificationMethod.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([oldKid, newKid]));
    expect(doc.assertionMethod).toEqual(expect.arrayContaining([oldKid, newKid]));
    expect(doc.service[0].currentKey).toBe(newKid);
    expect(doc.verificationMethod[0]).toMatchObject({ type: 'Multikey', controller: doc.id });
    expect(doc.verificationMethod[0].publicKeyMultibase).toMatch(/^z6Mk/);
    const rotated = await w.app.platform.db.query(`select 1 from audit_log where action = 'licences.issuer.key_rotated'`);
    expect(rotated).toHaveLength(1);
  });
});
