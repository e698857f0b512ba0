import type { FastifyRequest } from 'fastify';
import type { Config } from '../../../config.ts';
import { isTrustedNetwork } from '../use-cases/login-throttle.ts';

/**
 * Per client address (request.ip, which believes X-Forwarded-For only from TRUSTED_PROXIES) and
 * per route: login, registration, password change and lookups. Addresses in LOGIN_TRUSTED_NETWORKS
 * (a service hall, whose clerks share one public address) get RATE_LIMIT_AUTH_TRUSTED_PER_MINUTE.
 */
export function authRateLimit(config: Config) {
  return {
    max: (request: FastifyRequest) =>
      isTrustedNetwork(config, request.ip) ? config.RATE_LIMIT_AUTH_TRUSTED_PER_MINUTE : config.RATE_LIMIT_AUTH_PER_MINUTE,
    timeWindow: '1 minute',
  } as const;
}
