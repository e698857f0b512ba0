import { hash, verify } from '@node-rs/argon2';
import { AppError, checkPasswordStrength, normalisePassword } from '@tongban/domain';

/**
 * Argon2id with the library defaults (19 MiB, 2 passes, 1 lane: OWASP's recommended minimum).
 * Passwords are normalised the same way on every path, so one typed on a full-width IME matches.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(normalisePassword(password));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalisePassword(password));
  } catch {
    // A malformed stored hash must read as a wrong password, not a 500.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification when there is no account, so the answer's timing does
 * not tell whether an account exists.
 */
export async function spendVerification(password: string): Promise<void> {
  dummyHash ??= hash('tongban-no-such-account-0');
  await verifyPassword(await dummyHash, password);
}

/** @throws AUTH_PASSWORD_TOO_WEAK (with `field`) when the password breaks the policy. */
export function assertPasswordStrength(password: string, field: string): void {
  if (checkPasswordStrength(password)) {
    throw new AppError(
      'AUTH_PASSWORD_TOO_WEAK',
      '密码至少8位，且须同时包含字母和数字。The password needs at least 8 characters, with both letters and digits.',
      { field },
    );
  }
}
