import type { Config } from '../../config.ts';
import { createKeyStoreSigner, type Signer } from './signing.ts';

/**
 * The signer the configuration names: `SIGNER=file` (default) keeps PEM files in KEYS_DIR, or in
 * memory when DATA_DIR is `memory://`; `SIGNER=pkcs11` keeps the keys in a PKCS#11 token. The
 * PKCS#11 binding (a native addon) is loaded only when asked for.
 */
export async function openSigner(config: Config): Promise<Signer> {
  if (config.SIGNER === 'pkcs11') {
    const { openPkcs11Signer } = await import('./pkcs11-signer.ts');
    return openPkcs11Signer({
      modulePath: config.PKCS11_MODULE,
      tokenLabel: config.PKCS11_TOKEN_LABEL || undefined,
      slot: config.PKCS11_SLOT,
      pin: config.PKCS11_PIN,
    });
  }
  return createKeyStoreSigner(config.DATA_DIR.startsWith('memory://') ? undefined : config.keysDir);
}
