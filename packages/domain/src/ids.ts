/**
 * Identifiers of people and organisations in mainland China, with their check digits.
 * - Resident ID number (公民身份号码, GB 11643-1999): 17 digits + a check character (0-9 or X),
 *   ISO 7064 MOD 11-2.
 * - Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-letter
 *   alphabet (no I, O, Z, S, V), the last one a MOD 31 check character.
 */

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const idCheckChars = '10X98765432';

/** The check character for the first 17 digits of a resident ID number. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (idWeights[i] ?? 0);
  return idCheckChars[sum % 11] ?? '';
}

export type ResidentIdProblem = 'format' | 'birthdate' | 'checksum';

/** Returns why a resident ID number is invalid, or undefined when it is valid. */
export function checkResidentId(value: string): ResidentIdProblem | undefined {
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return 'format';
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'birthdate';
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) return 'checksum';
  return undefined;
}

export function isValidResidentId(value: string): boolean {
  return checkResidentId(value) === undefined;
}

/** Birth date (YYYY-MM-DD) and sex encoded in a valid resident ID number. */
export function residentIdFacts(value: string): { birthDate: string; sex: 'male' | 'female' } {
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  return { birthDate, sex: Number(value[16]) % 2 === 1 ? 'male' : 'female' };
}

const creditAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character for the first 17 characters of a unified social credit code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = creditAlphabet.indexOf(first17[i] ?? '');
    if (v < 0) return '';
    sum += v * (creditWeights[i] ?? 0);
  }
  return creditAlphabet[(31 - (sum % 31)) % 31] ?? '';
}

export type CreditCodeProblem = 'format' | 'checksum';

/** Returns why a unified social credit code is invalid, or undefined when it is valid. */
export function checkCreditCode(value: string): CreditCodeProblem | undefined {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return 'format';
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) return 'checksum';
  return undefined;
}

export function isValidCreditCode(value: string): boolean {
  return checkCreditCode(value) === undefined;
}

/** Mainland mobile numbers: 11 digits starting with 1[3-9]. */
export function isValidMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

/** Shows only the first 3 and last 4 characters, for display and logs. */
export function maskIdentifier(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}
