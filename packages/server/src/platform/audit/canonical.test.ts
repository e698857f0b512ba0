import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEntry, canonicalJson, chainHash, checkpointPayload, compareXid, type EntryRow, GENESIS_HASH } from './canonical.ts';

const jsonValue = fc.jsonValue() as fc.Arbitrary<unknown>;
const nullableText = fc.option(fc.string(), { nil: null });

const entryArb: fc.Arbitrary<EntryRow> = fc.record({
  id: fc.integer({ min: 1, max: 2 ** 40 }),
  stream: fc.string({ minLength: 1 }),
  occurred_at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  actor_type: fc.constantFrom('staff', 'user', 'system', 'anonymous'),
  actor_id: nullableText,
  action: fc.string({ minLength: 1 }),
  target_type: nullableText,
  target_id: nullableText,
  subject: nullableText,
  detail: fc.dictionary(fc.string(), jsonValue),
  request_id: nullableText,
  tx_id: fc.bigInt({ min: 1n, max: 2n ** 63n }).map(String),
});

describe('canonical form of audit entries', () => {
  it('sorts keys recursively and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: '中' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[3,{"y":"中","z":null}]},"b":1}',
    );
  });

  it('writes an entry exactly as canonicalJson of its columns would', () => {
    fc.assert(
      fc.property(entryArb, (entry) => {
        expect(canonicalEntry(entry)).toBe(canonicalJson(entry));
        expect(JSON.parse(canonicalEntry(entry))).toEqual(JSON.parse(JSON.stringify(entry)));
      }),
    );
  });

  it('does not depend on the order keys arrived in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), jsonValue), (detail) => {
        const reversed = Object.fromEntries(Object.entries(detail).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(detail));
      }),
    );
  });

  it('chains: sha256 over the previous hash followed by the canonical entry', () => {
    // printf '%s' '<64 zeros>{"a":1}' | sha256sum
    expect(chainHash(GENESIS_HASH, '{"a":1}')).toBe('fc6cee09194dd2578bd7664604fcb72a539066fd34544cea0009c43eb6cdc289');
    expect(chainHash(GENESIS_HASH, '{"a":2}')).not.toBe(chainHash(GENESIS_HASH, '{"a":1}'));
  });

  it('signs a checkpoint payload that names stream, position, head and time', () => {
    const payload = checkpointPayload({ stream: 'audit', position: 7, headHash: 'ab', signedAt: new Date('2026-03-02T01:00:00Z') });
    expect(JSON.parse(payload)).toEqual({
      type: 'tongban.audit.checkpoint.v1',
      stream: 'audit',
      position: 7,
      head_hash: 'ab',
      signed_at: '2026-03-02T01:00:00.000Z',
    });
  });

  it('compares 64-bit transaction ids numerically, not as text', () => {
    expect(compareXid('9', '10')).toBe(-1);
    expect(compareXid('18446744073709551615', '18446744073709551614')).toBe(1);
    expect(compareXid('42', '42')).toBe(0);
  });
});
