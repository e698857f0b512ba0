import { describe, expect, it } from 'vitest';
import {
  checkPasswordStrength,
  loginBodySchema,
  maskAddress,
  normaliseIdentifier,
  normaliseText,
  registerBodySchema,
  staffCreateBodySchema,
} from './identity.ts';

const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('input normalisation', () => {
  it('turns full-width digits and letters into ASCII and drops zero-width characters', () => {
    expect(normaliseText(`\u200B${fullWidth('31011519900101122X')}\uFEFF`)).toBe('31011519900101122X');
    expect(normaliseText('\u3000张\u200D丽 ')).toBe('张丽');
    expect(normaliseIdentifier(' 3101 1519 9001 0112 2x ')).toBe('31011519900101122X');
  });

  it('normalises in the request schemas before validating', () => {
    const parsed = registerBodySchema.parse({
      name: ' 张丽\u200B',
      idNumber: fullWidth('31011519900101122x'),
      mobile: `\u200C${fullWidth('13800000001')}`,
      code: fullWidth('123456'),
      password: 'abc12345',
    });
    expect(parsed).toEqual({ name: '张丽', idNumber: '31011519900101122X', mobile: '13800000001', code: '123456', password: 'abc12345' });
    expect(registerBodySchema.safeParse({ name: '张丽', idNumber: '1', mobile: '1380000000', code: '123456', password: 'x' }).success).toBe(
      false,
    );
    expect(
      registerBodySchema.safeParse({ name: '\u200B', idNumber: '1', mobile: '13800000001', code: '123456', password: 'x' }).success,
    ).toBe(false);
    expect(loginBodySchema.parse({ kind: 'user', username: fullWidth('13800000001'), password: 'p' }).username).toBe('13800000001');
    expect(
      staffCreateBodySchema.parse({ username: ' Clerk.LJZ ', name: '周', departmentId: 'sh-pd', roles: ['Window_Clerk'], password: 'p' }),
    ).toMatchObject({
      username: 'clerk.ljz',
      departmentId: 'SH-PD',
      roles: ['window_clerk'],
    });
  });

  it('rejects non-string input instead of coercing it', () => {
    expect(registerBodySchema.safeParse({ name: 1, idNumber: 310115, mobile: 13800000001, password: 'abc12345' }).success).toBe(false);
  });
});

describe('password policy', () => {
  it('wants at least 8 characters with letters and digits', () => {
    expect(checkPasswordStrength('abc1234')).toBe('too_short');
    expect(checkPasswordStrength('abcdefgh')).toBe('needs_letters_and_digits');
    expect(checkPasswordStrength('12345678')).toBe('needs_letters_and_digits');
    expect(checkPasswordStrength('abcd1234')).toBeUndefined();
    expect(checkPasswordStrength(fullWidth('abcd1234'))).toBeUndefined();
    expect(checkPasswordStrength('密码密码密码12')).toBeUndefined();
  });
});

describe('masking', () => {
  it('keeps only the district part of an address', () => {
    expect(maskAddress('上海市浦东新区陆家嘴环路1000号')).toBe('上海市浦东新****');
    expect(maskAddress('短地址')).toBe('短地****');
  });
});
