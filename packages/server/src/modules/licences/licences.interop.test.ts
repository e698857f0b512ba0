import { verifyJWT } from 'did-jwt';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLicencesWorld, decodePayload, type LicencesWorld, withChangedPayload } from './testing/world.ts';
import { rotateIssuerKey } from './use-cases/issuers.ts';

/**
 * Interoperability: issued credentials checked by independent, widely used libraries — not the
 * code that issued them. did-jwt (Decentralized Identity Foundation) resolves the issuer's did:web
 * document through the platform's public route and checks the EdDSA signature against the Multikey
 * it publishes; jsonld.js expands the credential in safe mode with a document loader that knows
 * only bundled contexts (the W3C credentials v2 context shipped with the platform, and the licences
 * context as the public route serves it) and refuses any network fetch.
 */
let w: LicencesWorld;
beforeAll(async () => {
  w = await createLicencesWorld();
});
afterAll(() => w?.close());

/** did:web → https URL (did:web method spec), fetched from the running app instead of the network. */
const resolver = {
  async resolve(didUrl: string) {
    const did = didUrl.split('#')[0] as string;
    const parts = did.split(':').slice(2).map(decodeURIComponent);
    const url = new URL(`https://${parts[0]}/${parts.slice(1).join('/')}${parts.length > 1 ? '' : '/.well-known'}/did.json`);
    const res = await w.anonymous().get(url.pathname);
    if (res.statusCode !== 200) return { didDocument: null, didDocumentMetadata: {}, didResolutionMetadata: { error: 'notFound' } };
    return { didDocument: res.json(), didDocumentMetadata: {}, didResolutionMetadata: { contentType: 'application/did+json' } };
  },
};

const nowSeconds = () => Math.floor(w.clock.now().getTime() / 1000);

async function credentialOf(id: string): Promise<string> {
  return ((await (await w.user('alice')).get(`/api/v1/licences/${id}`)).json() as { credential: string }).credential;
}

async function bundledLoader() {
  const { credentialsV2Context } = await import('./use-cases/credential.ts');
  const published = (await w.anonymous().get('/api/v1/licences/contexts/v1')).json();
  const contexts: Record<string, unknown> = {
    'https://www.w3.org/ns/credentials/v2': credentialsV2Context,
    'http://localhost:8080/api/v1/licences/contexts/v1': published,
  };
  return async (url: string) => {
    const document = contexts[url];
    if (!document) throw new Error(`refusing to fetch ${url}: not a bundled context`);
    return { contextUrl: undefined, documentUrl: url, document };
  };
}

describe('interoperability', () => {
  it('did-jwt verifies licences against the published did:web document, before and after key rotation', async () => {
    const first = await credentialOf(await w.issuedLicence());
    const verified = await verifyJWT(first, {
      resolver: resolver as never,
      proofPurpose: 'assertionMethod',
      policies: { now: nowSeconds() },
    });
    expect(verified.verified).toBe(true);
    expect(verified.issuer).toBe('did:web:localhost%3A8080:api:v1:licences:issuers:sh-pd-samr');
    expect(verified.signer.type).toBe('Multikey');
    expect(verified.payload).toMatchObject({ type: ['VerifiableCredential', 'ElectronicLicence'] });

    // One changed field: the independent verifier refuses it too.
    const changed = withChangedPayload(first, (vc) => {
      (vc.credentialSubject as { holderName: string }).holderName = '李四';
    });
    await expect(
      verifyJWT(changed, { resolver: resolver as never, proofPurpose: 'assertionMethod', policies: { now: nowSeconds() } }),
    ).rejects.toThrow(/invalid_signature/);

    await rotateIssuerKey(w.app.platform, 'SH-PD-SAMR', { type: 'system', id: 'test' });
    const second = await credentialOf(await w.issuedLicence());
    for (const jwt of [first, second]) {
      const r = await verifyJWT(jwt, { resolver: resolver as never, proofPurpose: 'assertionMethod', policies: { now: nowSeconds() } });
      expect(r.verified).toBe(true);
    }
    const kid = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0] as string, 'base64url').toString()).kid;
    expect(kid(first)).not.toBe(kid(second));
  });

  it('did-jwt verifies the published status list credential', async () => {
    const credential = await credentialOf(await w.issuedLicence());
    const entry = (decodePayload(credential).credentialStatus as { statusListCredential: string }[])[0] as { statusListCredential: string };
    const list = await w.anonymous().get(new URL(entry.statusListCredential).pathname);
    const r = await verifyJWT(list.body, { resolver: resolver as never, proofPurpose: 'assertionMethod', policies: { now: nowSeconds() } });
    expect(r.verified).toBe(true);
    expect(r.payload).toMatchObject({ type: ['VerifiableCredential', 'BitstringStatusListCredential'] });
  });

  it('jsonld.js expands credentials in safe mode with bundled contexts only', async () => {
    const documentLoader = await bundledLoader();
    const credential = decodePayload(await credentialOf(await w.issuedLicence()));
    // The JWT claims (iss, iat) are JOSE's, not part of the credential's JSON-LD.
    const { iss: _iss, iat: _iat, ...vc } = credential;
    const expanded = (await jsonld.expand(
      vc as never,
      { documentLoader: documentLoader as never, safe: true } as never,
    )) as unknown as Record<string, unknown>[];
    const node = expanded[0] as Record<string, unknown>;
    expect(node['@type']).toEqual(['https://www.w3.org/2018/credentials#VerifiableCredential', 'urn:tongban:licences:ElectronicLicence']);
    expect(node['https://www.w3.org/2018/credentials#issuer']).toEqual([
      expect.objectContaining({ '@id': 'did:web:localhost%3A8080:api:v1:licences:issuers:sh-pd-samr' }),
    ]);
    const subject = (node['https://www.w3.org/2018/credentials#credentialSubject'] as Record<string, unknown>[])[0] as Record<
      string,
      unknown
    >;
    expect(subject['urn:tongban:licences:licenceType']).toEqual([{ '@value': 'FOOD-BUSINESS-LICENCE' }]);
    expect(subject['urn:tongban:licences:fields']).toEqual([
      { '@type': '@json', '@value': expect.objectContaining({ 'business.scope': '软件开发' }) },
    ]);
    const status = node['https://www.w3.org/2018/credentials#credentialStatus'] as Record<string, unknown>[];
    expect(status.map((s) => s['@type'])).toEqual([
      ['https://www.w3.org/ns/credentials/status#BitstringStatusListEntry'],
      ['https://www.w3.org/ns/credentials/status#BitstringStatusListEntry'],
    ]);
    // Safe mode fails on any term the contexts do not define: the check can fail.
    await expect(
      jsonld.expand({ ...vc, undefinedTerm: 'x' } as never, { documentLoader: documentLoader as never, safe: true } as never),
    ).rejects.toThrow();
  });
});
