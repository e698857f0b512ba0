import type { FastifyInstance } from 'fastify';

/**
 * The security headers of every answer, computed once at start-up (helmet rebuilt its middleware
 * chain on every request, about an eighth of the CPU of a cached catalogue read).
 *
 * Two sets, by what the answer is:
 * - **Pages** (the web app, API docs, anything outside `/api/v1/`): the set helmet sends by
 *   default, with our content security policy. These are documents a browser renders.
 * - **API answers** (`/api/v1/…`: JSON, downloads): the set OWASP's REST Security Cheat Sheet
 *   names for APIs — no framing, no type sniffing, no cross-origin reads of personal data. The
 *   document-only headers (script sources, opener policy, DNS prefetch, IE download options…)
 *   change nothing for a response that is never rendered as a page, and cost every answer about
 *   400 bytes, on the server and on the client.
 *
 * Over plain http (COOKIE_SECURE off: a laptop, a LAN demo, TLS ended elsewhere without telling us)
 * neither `upgrade-insecure-requests` nor HSTS is sent: both would make browsers ask for https
 * assets that a plain-http deployment does not serve.
 */
export type SecurityHeaderSets = { page: Readonly<Record<string, string>>; api: Readonly<Record<string, string>> };

export function securityHeaders(options: { https: boolean }): SecurityHeaderSets {
  const hsts: Record<string, string> = options.https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {};
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
  const page = Object.freeze({
    'content-security-policy': csp,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    ...hsts,
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  });
  const api = Object.freeze({
    'content-security-policy': "frame-ancestors 'none'",
    'cross-origin-resource-policy': 'same-origin',
    ...hsts,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  });
  return Object.freeze({ page, api });
}

export function installSecurityHeaders(app: FastifyInstance, options: { https: boolean }) {
  const { page, api } = securityHeaders(options);
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/api/v1/') ? api : page);
    done();
  });
}
