import { describe, expect, it } from 'vitest';
import { qrFromHash, verifyBodyFor } from './presented.ts';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jws = (typ: string) => `${b64url({ alg: 'EdDSA', typ, kid: 'did:web:x#k' })}.${b64url({ sub: 'urn:uuid:1' })}.c2lnbmF0dXJl`;

describe('what the verification page sends', () => {
  it('reads the QR token from the fragment a scanned code opens', () => {
    expect(qrFromHash(`#qr=${jws('licence-qr+jwt')}`)).toBe(jws('licence-qr+jwt'));
    expect(qrFromHash('#main')).toBeUndefined();
    expect(qrFromHash('')).toBeUndefined();
  });

  it('tells a QR link or token from a credential', () => {
    const token = jws('licence-qr+jwt');
    expect(verifyBodyFor(` https://zwfw.example.gov.cn/licences/verify#qr=${token}\n`)).toEqual({
      qr: `https://zwfw.example.gov.cn/licences/verify#qr=${token}`,
    });
    expect(verifyBodyFor(token)).toEqual({ qr: token });
    const credential = jws('vc+jwt');
    expect(verifyBodyFor(`${credential}\n`)).toEqual({ credential });
    // Anything else goes to the server as a credential, which answers "not recognised".
    expect(verifyBodyFor('hello')).toEqual({ credential: 'hello' });
  });
});
