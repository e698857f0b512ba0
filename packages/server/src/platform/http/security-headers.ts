import type { FastifyInstance } from 'fastify';

/**
 * The security headers of every answer (the set helmet sends by default, with our CSP), computed
 * once at start-up. Helmet rebuilt its middleware chain on every request, which cost about an
 * eighth of the CPU of a cached catalogue read; these headers never vary per request.
 *
 * Over plain http (COOKIE_SECURE off: a laptop, a LAN demo, TLS ended elsewhere without telling us)
 * neither `upgrade-insecure-requests` nor HSTS is sent: both would make browsers ask for https
 * assets that a plain-http deployment does not serve.
 */
export function securityHeaders(options: { https: boolean }): Readonly<Record<string, string>> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "script-src-attr 'none'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ].join(';');
  return Object.freeze({
    'content-security-policy': csp,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    ...(options.https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  });
}

export function installSecurityHeaders(app: FastifyInstance, options: { https: boolean }) {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
