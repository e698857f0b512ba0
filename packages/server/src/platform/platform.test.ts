import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { securityHeaders } from './http/security-headers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('platform', () => {
  it('answers health and readiness', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toMatchObject({ status: 'ready', database: t.dbKind });
  });

  it('serves OpenAPI 3 at /api/docs/json', async () => {
    const res = await t.app.inject('/api/docs/json');
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toMatch(/^3\./);
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await t.app.inject('/api/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('sends the page security headers on pages and the API set on API answers', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    // A plain-http deployment must not tell browsers to upgrade to an https it does not serve.
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    for (const path of ['/api/v1/nope', '/api/v1/catalogue/departments']) {
      const api = await t.app.inject(path);
      expect(api.headers['x-content-type-options']).toBe('nosniff');
      expect(api.headers['x-frame-options']).toBe('DENY');
      expect(api.headers['content-security-policy']).toBe("frame-ancestors 'none'");
      expect(api.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(api.headers['cross-origin-opener-policy']).toBeUndefined();
    }
  });

  it('asks for https only when the deployment is https', () => {
    const https = securityHeaders({ https: true });
    expect(https.page['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(https.page['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(https.api['strict-transport-security']).toMatch(/^max-age=\d+/);
  });
});
