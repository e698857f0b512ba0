import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { ApiKeyActor, ApiKeyResolver, ApiKeyUseRecord } from '../auth/actor.ts';
import { type ApiKeyRateLimit, installAccessControl } from './access.ts';
import { errorHandler } from './errors.ts';

/**
 * The access hook's API-key kind on its own, with a resolver and a limiter of the test's making:
 * scopes, refusals and the use log, whatever routes the modules happen to declare today.
 */
const actor = (scopes: ApiKeyActor['scopes']): ApiKeyActor => ({
  kind: 'api_key',
  keyId: 'k1',
  name: '测试渠道',
  channel: 'partner_system',
  scopes,
  ratePerMinute: 10,
});

async function appWith(options: { scopes: ApiKeyActor['scopes']; refusal?: 'revoked' | 'expired'; exceeded?: boolean }) {
  const uses: ApiKeyUseRecord[] = [];
  const resolver: ApiKeyResolver = {
    find: async (token) => (token === 'good' ? { keyId: 'k1', actor: actor(options.scopes), refusal: options.refusal } : undefined),
    recordUse: async (_keyId, use) => {
      uses.push(use);
    },
  };
  const limit: ApiKeyRateLimit = async () => ({ isExceeded: options.exceeded === true, ttlInSeconds: 42 });
  const app = Fastify();
  app.setErrorHandler(errorHandler);
  installAccessControl(app, { session: () => undefined, apiKey: () => resolver, apiKeyRateLimit: () => limit });
  app.post('/api/v1/channel/requests', { config: { access: { apiKey: 'hotline.requests.create' } } }, async (request) => ({
    by: request.actor.kind === 'api_key' ? request.actor.name : null,
  }));
  await app.ready();
  const call = (token?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/channel/requests',
      payload: {},
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  return { app, uses, call };
}

describe('API-key access', () => {
  it('lets a key with the scope through as its channel, and logs the use', async () => {
    const { call, uses } = await appWith({ scopes: ['hotline.requests.create'] });
    const res = await call('good');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ by: '测试渠道' });
    expect(uses.map((u) => [u.outcome, u.method, u.route])).toEqual([['accepted', 'POST', '/api/v1/channel/requests']]);
  });

  it('refuses a key without the scope with 403 AUTH_API_KEY_SCOPE, logged', async () => {
    const { call, uses } = await appWith({ scopes: ['hotline.requests.read'] });
    const res = await call('good');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'AUTH_API_KEY_SCOPE', details: { scope: 'hotline.requests.create' } });
    expect(uses.map((u) => u.outcome)).toEqual(['refused_scope']);
  });

  it('refuses a revoked or expired key with 401, logged', async () => {
    for (const refusal of ['revoked', 'expired'] as const) {
      const { call, uses } = await appWith({ scopes: ['hotline.requests.create'], refusal });
      const res = await call('good');
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('AUTH_API_KEY_INVALID');
      expect(uses.map((u) => u.outcome)).toEqual([`refused_${refusal}`]);
    }
  });

  it('answers 429 with Retry-After over the rate, logged', async () => {
    const { call, uses } = await appWith({ scopes: ['hotline.requests.create'], exceeded: true });
    const res = await call('good');
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('42');
    expect(res.json()).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 42 } });
    expect(uses.map((u) => u.outcome)).toEqual(['refused_rate']);
  });

  it('answers 401 to no key or an unknown one, and logs nothing against any key', async () => {
    const { call, uses } = await appWith({ scopes: ['hotline.requests.create'] });
    expect((await call()).json().code).toBe('AUTH_API_KEY_REQUIRED');
    expect((await call('unknown')).json().code).toBe('AUTH_API_KEY_INVALID');
    expect(uses).toEqual([]);
  });
});
