import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';

/**
 * Tests only: a fresh SoftHSM 2 token (Debian's `softhsm2`) in a temporary folder, for the PKCS#11
 * signer's tests. `SOFTHSM2_CONF` is the only way to point the library at a token folder, so this
 * sets it for the test process (each test file runs in its own process).
 */
const MODULE_PATHS = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib64/pkcs11/libsofthsm2.so',
  '/usr/local/lib/softhsm/libsofthsm2.so',
];

export type SoftHsmToken = { modulePath: string; tokenLabel: string; pin: string; soPin: string; dir: string; remove(): void };

type SoftHsm = { installed: true; modulePath: string } | { installed: false; reason: string };

function findSoftHsm(): SoftHsm {
  const modulePath = MODULE_PATHS.find((p) => existsSync(p));
  if (!modulePath) return { installed: false, reason: `no libsofthsm2.so in ${MODULE_PATHS.join(', ')}` };
  if (spawnSync('softhsm2-util', ['--version'], { stdio: 'ignore' }).status !== 0) {
    return { installed: false, reason: 'softhsm2-util is not on PATH' };
  }
  return { installed: true, modulePath };
}

/** Initialises a token labelled `label` in a new temporary folder (call before the library is loaded). */
export function createSoftHsmToken(modulePath: string, label = 'tongban-test'): SoftHsmToken {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-softhsm-'));
  mkdirSync(join(dir, 'tokens'));
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(
    conf,
    `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`,
  );
  process.env.SOFTHSM2_CONF = conf;
  const pin = '314159';
  const soPin = '27182818';
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', soPin], {
    env: { ...process.env, SOFTHSM2_CONF: conf },
    stdio: 'ignore',
  });
  return { modulePath, tokenLabel: label, pin, soPin, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `describe` when softhsm2 is installed. Without it: skipped with the reason on a developer's
 * machine, but a failing test when `CI` is set — CI must run the PKCS#11 tests.
 */
export function describeWithSoftHsm(name: string, body: (modulePath: string) => void): void {
  const hsm = findSoftHsm();
  if (hsm.installed) {
    describe(name, () => body(hsm.modulePath));
    return;
  }
  const message = `softhsm2 is not installed (${hsm.reason}): install it with \`apt-get install softhsm2\` (\`node scripts/bootstrap.mjs --browser\` does)`;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    describe(name, () => {
      it('needs softhsm2, which CI must have', () => {
        throw new Error(message);
      });
    });
    return;
  }
  process.stderr.write(`[${name}] skipped: ${message}\n`);
  describe.skip(`${name} — skipped: ${message}`, () => {
    it('needs softhsm2', () => {});
  });
}
