import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signerContract } from './signer-contract.ts';
import { createKeyStoreSigner } from './signing.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-keys-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

signerContract('file signer in memory', async () => createKeyStoreSigner(undefined));
signerContract('file signer with a keys folder', async () => createKeyStoreSigner(tempDir()));

describe('file signer: key files', () => {
  it('keeps each key as a private PEM file (mode 0600) and reads them all back after a restart', async () => {
    const dir = tempDir();
    const first = createKeyStoreSigner(dir);
    const old = await first.sign('audit', 'before rotation');
    const rotated = await first.rotate('audit');
    const hub = await first.currentKeyId('datahub-hub');
    await first.close();

    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(3);
    for (const file of files) {
      expect(file).toMatch(/^(audit|datahub-hub)__\d+\.key\.pem$/);
      expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, file), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    }
    expect(statSync(dir).mode & 0o777).toBe(0o700);

    const again = createKeyStoreSigner(dir);
    expect(await again.currentKeyId('audit')).toBe(rotated);
    expect(await again.currentKeyId('datahub-hub')).toBe(hub);
    expect(again.verify(old.keyId, 'before rotation', old.signature)).toBe(true);
    expect(again.publicKeys('audit').map((k) => k.keyId)).toEqual(expect.arrayContaining([old.keyId, rotated]));
    expect(readdirSync(dir)).toHaveLength(3);
  });

  it('writes nothing without a folder (tests)', async () => {
    const signer = createKeyStoreSigner(undefined);
    const signed = await signer.sign('audit', 'in memory');
    expect(signer.verify(signed.keyId, 'in memory', signed.signature)).toBe(true);
  });
});
