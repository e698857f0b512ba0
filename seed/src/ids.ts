import { creditCodeCheckChar, residentIdCheckChar } from '@tongban/domain';

/** A resident ID number (GB 11643) from its parts; `sequence` is 0–999 and its parity gives the sex. */
export function makeResidentId(areaCode: string, birthDate: string, sequence: number, sex: 'male' | 'female'): string {
  // The 17th digit is odd for men and even for women.
  let seq = sequence - (sequence % 2) + (sex === 'male' ? 1 : 0);
  if (seq > 999) seq -= 2;
  const first17 = `${areaCode}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** The check character of a 9-character organisation code (GB 11714): MOD 11, 10 → X. */
export function orgCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8[i] ?? '0';
    const v = c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * (orgWeights[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * A unified social credit code (GB 32100): registration authority (9 = market regulation), type
 * (1 = enterprise, 2 = individual business), division code, organisation code, check character.
 */
export function makeCreditCode(authority: string, type: string, divisionCode: string, orgCodeBody: string): string {
  const first17 = `${authority}${type}${divisionCode}${orgCodeBody}${orgCodeCheckChar(orgCodeBody)}`;
  return first17 + creditCodeCheckChar(first17);
}
