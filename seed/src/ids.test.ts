import { checkCreditCode, checkResidentId, residentIdFacts } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { makeCreditCode, makeResidentId, orgCodeCheckChar } from './ids.ts';

describe('identifier makers', () => {
  it('make resident ID numbers whose sex digit and check character are right', () => {
    // 11010519491231002X is the example in GB 11643-1999.
    expect(makeResidentId('110105', '1949-12-31', 2, 'female')).toBe('11010519491231002X');
    const male = makeResidentId('310115', '2025-06-01', 2, 'male');
    expect(checkResidentId(male)).toBeUndefined();
    expect(residentIdFacts(male)).toEqual({ birthDate: '2025-06-01', sex: 'male' });
    expect(residentIdFacts(makeResidentId('310115', '1990-01-01', 999, 'female')).sex).toBe('female');
  });

  it('compute organisation code check characters (GB 11714)', () => {
    expect(orgCodeCheckChar('D2143569')).toBe('X'); // the standard's worked example
    expect(orgCodeCheckChar('79965505')).toBe('8');
  });

  it('rebuild published credit codes from their parts', () => {
    // 深圳市腾讯计算机系统有限公司 and 阿里巴巴（中国）有限公司, as printed on their licences.
    expect(makeCreditCode('9', '1', '440300', '71526726')).toBe('9144030071526726XG');
    expect(makeCreditCode('9', '1', '330100', '79965505')).toBe('91330100799655058B');
  });

  it('make unified social credit codes that pass the domain check', () => {
    const code = makeCreditCode('9', '1', '310115', 'MA1FL2X4');
    expect(code.slice(0, 17)).toBe(`91310115MA1FL2X4${orgCodeCheckChar('MA1FL2X4')}`);
    expect(checkCreditCode(code)).toBeUndefined();
  });
});
