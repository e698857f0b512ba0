import { describe, expect, it } from 'vitest';
import { EMPTY_SHA256, sha256Hex, signingKey, signV4, toAmzDate, uriEncode } from './sigv4.ts';

// The example credentials and requests AWS publishes in "Signature Calculations for the
// Authorization Header (AWS Signature Version 4)" (Amazon S3 API reference) and "Create a signed
// AWS API request" (IAM user guide). No S3 server is reachable here; these known answers are
// what ties the signer to the specification.
const s3Example = {
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  host: 'examplebucket.s3.amazonaws.com',
  region: 'us-east-1',
  service: 's3',
  amzDate: '20130524T000000Z',
};

describe('SigV4 known answers', () => {
  it('derives the signing key of the IAM guide example', () => {
    const key = signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215', 'us-east-1', 'iam');
    expect(key.toString('hex')).toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
  });

  it('signs the S3 "GET Object" example (Range header, empty payload)', () => {
    const result = signV4(
      { ...s3Example, method: 'GET', path: '/test.txt', headers: { Range: 'bytes=0-9' }, payloadHash: EMPTY_SHA256 },
      s3Example.credentials,
    );
    expect(sha256Hex(result.canonicalRequest)).toBe('7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972');
    expect(result.signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
    expect(result.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('signs the S3 "PUT Object" example (payload hash, `$` in the key encoded once)', () => {
    const payloadHash = sha256Hex('Welcome to Amazon S3.');
    expect(payloadHash).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const result = signV4(
      {
        ...s3Example,
        method: 'PUT',
        path: '/test$file.text',
        headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
        payloadHash,
      },
      s3Example.credentials,
    );
    expect(result.canonicalRequest.split('\n').slice(0, 2)).toEqual(['PUT', '/test%24file.text']);
    expect(result.stringToSign.split('\n')[3]).toBe('9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d');
    expect(result.signature).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  it('signs the S3 "GET Bucket (list objects)" example (sorted, encoded query)', () => {
    const result = signV4(
      { ...s3Example, method: 'GET', path: '/', query: { prefix: 'J', 'max-keys': '2' }, payloadHash: EMPTY_SHA256 },
      s3Example.credentials,
    );
    expect(result.signature).toBe('34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
  });

  it('changes the signature when anything signed changes', () => {
    const base = { ...s3Example, method: 'GET', path: '/test.txt', payloadHash: EMPTY_SHA256 };
    const a = signV4(base, s3Example.credentials).signature;
    expect(signV4({ ...base, path: '/test.txu' }, s3Example.credentials).signature).not.toBe(a);
    expect(signV4({ ...base, amzDate: '20130524T000001Z' }, s3Example.credentials).signature).not.toBe(a);
    expect(signV4(base, { ...s3Example.credentials, secretAccessKey: 'other' }).signature).not.toBe(a);
  });
});

describe('SigV4 helpers', () => {
  it('encodes the RFC 3986 way, keeping slashes in paths only', () => {
    expect(uriEncode("a b+c!*'()~._-", true)).toBe('a%20b%2Bc%21%2A%27%28%29~._-');
    expect(uriEncode('a/b', false)).toBe('a/b');
    expect(uriEncode('a/b', true)).toBe('a%2Fb');
    expect(uriEncode('材料', true)).toBe('%E6%9D%90%E6%96%99');
  });

  it('formats the request date', () => {
    expect(toAmzDate(new Date('2013-05-24T00:00:00.123Z'))).toBe('20130524T000000Z');
  });
});
