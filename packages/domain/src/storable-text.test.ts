import { describe, expect, it } from 'vitest';
import { findUnstorableText, isUnstorableText, replaceUnstorableText } from './storable-text.ts';

describe('storable text', () => {
  it('accepts what people type: CJK, emoji (surrogate pairs), tab, line breaks, DEL, zero-width characters', () => {
    for (const s of ['通办', '😀👨‍👩‍👧', 'a\tb\nc\r\n', 'x\u007fy', '\u200b\u202e', '１２３', ''])
      expect(isUnstorableText(s), JSON.stringify(s)).toBe(false);
  });

  it('refuses NUL, lone surrogates, other C0 controls and noncharacters on any plane', () => {
    for (const s of [
      '\u0000',
      'a\ud800',
      '\udc00b',
      '\ud83d',
      'x\u0001',
      '\u000b',
      '\u000c',
      '\u001b[31m',
      '\ufffe',
      '\uffff',
      '\ufdd0',
      '\ufdef',
      '\u{1fffe}',
      '\u{10ffff}',
    ])
      expect(isUnstorableText(s), JSON.stringify(s)).toBe(true);
  });

  it('names the first offending value or key by its path', () => {
    expect(findUnstorableText({ a: [{ b: 'ok' }, { c: 'x\u0000' }] }, 'body')).toBe('body.a.1.c');
    expect(findUnstorableText({ a: { 'k\ufffe': 1 } }, 'body')).toBe('body.a');
    expect(findUnstorableText({ a: 1, b: [true, null, 'fine'] }, 'body')).toBeUndefined();
    expect(findUnstorableText('\u0000', 'headers.user-agent')).toBe('headers.user-agent');
    expect(findUnstorableText(new Uint8Array([0, 1, 2]), 'body')).toBeUndefined();
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findUnstorableText(deep, 'body')?.startsWith('body.0.0.')).toBe(true);
  });

  it('replaces refused characters for logging, keeping the rest', () => {
    expect(replaceUnstorableText('核验\u0000身份\ud800😀')).toBe('核验\ufffd身份\ufffd😀');
  });
});
