import type { Config } from '../../../config.ts';

/**
 * Per client address (request.ip, which believes X-Forwarded-For only from TRUSTED_PROXIES) and
 * per route: login, registration, password change and lookups.
 */
export function authRateLimit(config: Config) {
  return { max: config.RATE_LIMIT_AUTH_PER_MINUTE, timeWindow: '1 minute' } as const;
}
