/**
 * Tracking numbers (办件编号) printed on receipts and read over the phone: `YYMMDD-XXXX-XXXXC`,
 * the filing date in China time, eight random characters and a check character. The alphabet
 * leaves out I and O so nobody confuses them with 1 and 0; reading accepts them anyway, and
 * lower case, spaces and missing dashes. The check character (Luhn mod N over the alphabet)
 * catches every single wrong character and every swap of two neighbours.
 */
export const trackingAlphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const N = trackingAlphabet.length;

/** The check character for a string of alphabet characters. */
export function trackingCheckChar(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const code = trackingAlphabet.indexOf(body[i] as string);
    if (code < 0) throw new RangeError(`not a tracking-number character: ${body[i]}`);
    let addend = factor * code;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return trackingAlphabet[(N - (sum % N)) % N] as string;
}

/**
 * A new tracking number. `randomValues` supplies the randomness (crypto in the server), so the
 * function stays pure and testable.
 */
export function newTrackingNumber(chinaDate: string, randomValues: (count: number) => Uint8Array): string {
  const date = chinaDate.slice(2, 4) + chinaDate.slice(5, 7) + chinaDate.slice(8, 10);
  const bytes = randomValues(8);
  let random = '';
  // 256 is not a multiple of 34; the small bias does not matter for uniqueness (enforced by the database).
  for (const b of bytes) random += trackingAlphabet[b % N];
  const body = date + random;
  const check = trackingCheckChar(body);
  return `${date}-${random.slice(0, 4)}-${random.slice(4)}${check}`;
}

/** The canonical form of what someone typed, or undefined when it cannot be a tracking number. */
export function normaliseTrackingNumber(input: string): string | undefined {
  const compact = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-–—_]/g, '')
    .replace(/O/g, '0')
    .replace(/I/g, '1');
  if (!/^\d{6}[0-9A-HJ-NP-Z]{9}$/.test(compact)) return undefined;
  if (trackingCheckChar(compact.slice(0, 14)) !== compact[14]) return undefined;
  return `${compact.slice(0, 6)}-${compact.slice(6, 10)}-${compact.slice(10)}`;
}

export function isValidTrackingNumber(input: string): boolean {
  return normaliseTrackingNumber(input) !== undefined;
}
