import type { Config } from '../../../config.ts';

/**
 * THE INTERFACE ONLY — no provider is bundled. A city that runs a real-name identity provider
 * (an OIDC issuer of the province's government-service identity, 电子社保卡 or 公安 CTID) lets people
 * register through it instead of the SMS code: the provider vouches for name and ID number, and
 * registration then takes the verified claims, never the typed ones.
 *
 * An implementation exchanges the authorisation `code` the provider redirected back with for
 * verified claims (checking issuer, audience, signature, nonce and expiry of the ID token).
 * `REAL_NAME_PROVIDER=oidc` with `REAL_NAME_OIDC_ISSUER` and `REAL_NAME_OIDC_CLIENT_ID` selects it;
 * this build refuses to start with it, so no one mistakes the interface for a working login.
 */
export type RealNameClaims = { idNumber: string; name: string; mobile: string | null; issuer: string; subject: string };

export type RealNameProvider = {
  readonly name: string;
  /** Where to send the browser to authenticate (state and nonce from the caller). */
  authorisationUrl(input: { state: string; nonce: string; redirectUri: string }): string;
  /** Verified claims for the code the provider returned, or undefined when it does not vouch. */
  exchange(input: { code: string; nonce: string; redirectUri: string }): Promise<RealNameClaims | undefined>;
};

/** Undefined: registration by SMS code to the registry's mobile (or at a window) only. */
export function createRealNameProvider(config: Pick<Config, 'REAL_NAME_PROVIDER'>): RealNameProvider | undefined {
  if (config.REAL_NAME_PROVIDER === 'none') return undefined;
  throw new Error(
    'REAL_NAME_PROVIDER=oidc: this build has the RealNameProvider interface only (modules/identity/use-cases/real-name-provider.ts); implement it for your provider before enabling it.',
  );
}
