import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Call = { url: string; method: string; headers: Record<string, string>; body?: string };

function json(status: number, body: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('api client', () => {
  let calls: Call[];
  let answers: ((call: Call) => Response)[];

  beforeEach(async () => {
    vi.resetModules();
    calls = [];
    answers = [];
    vi.stubGlobal('window', { location: { origin: 'http://tongban.test' } });
    vi.stubGlobal('fetch', async (url: URL | string, init: RequestInit = {}) => {
      const call: Call = {
        url: String(url),
        method: init.method ?? 'GET',
        headers: (init.headers ?? {}) as Record<string, string>,
        body: init.body as string,
      };
      calls.push(call);
      if (call.url.endsWith('/api/v1/auth/csrf'))
        return json(200, { token: `token-${calls.filter((c) => c.url.endsWith('/csrf')).length}` });
      const answer = answers.shift();
      if (!answer) throw new Error(`unexpected request ${call.method} ${call.url}`);
      return answer(call);
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends no CSRF token on GET, and the same cached token on every unsafe request', async () => {
    const { api } = await import('./client.ts');
    answers.push(
      () => json(200, { ok: 1 }),
      () => json(201, { id: 'a' }),
      () => json(200, { id: 'b' }),
    );
    expect(await api.get('/departments', { query: { includeInactive: true, empty: '' } })).toEqual({ ok: 1 });
    await api.post('/staff', { name: '张三' });
    await api.patch('/staff/a', { active: false });
    const [get, , post, patch] = calls;
    expect(get?.url).toBe('http://tongban.test/api/v1/departments?includeInactive=true');
    expect(get?.headers['x-csrf-token']).toBeUndefined();
    expect(calls.filter((c) => c.url.endsWith('/csrf'))).toHaveLength(1);
    expect(post?.headers['x-csrf-token']).toBe('token-1');
    expect(post?.body).toBe('{"name":"张三"}');
    expect(patch?.headers['x-csrf-token']).toBe('token-1');
  });

  it('refreshes the CSRF token once when the server refuses it, then retries', async () => {
    const { api } = await import('./client.ts');
    answers.push(
      () => json(403, { code: 'AUTH_CSRF_INVALID', message: 'bad token' }),
      (call) => json(200, { token: call.headers['x-csrf-token'] }),
    );
    expect(await api.post('/auth/logout')).toEqual({ token: 'token-2' });
  });

  it('turns an error body into an ApiError naming the form field', async () => {
    const { api, ApiError } = await import('./client.ts');
    answers.push(() => json(409, { code: 'IDENTITY_ALREADY_REGISTERED', message: '已注册', field: 'body.idNumber' }));
    const error = await api.post('/auth/register', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'IDENTITY_ALREADY_REGISTERED', field: 'idNumber', message: '已注册' });
  });

  it('answers undefined for 204 and NETWORK when the server cannot be reached', async () => {
    const { api } = await import('./client.ts');
    answers.push(
      () => new Response(null, { status: 204 }),
      () => {
        throw new TypeError('Failed to fetch');
      },
    );
    expect(await api.delete('/enterprises/X/agents/Y')).toBeUndefined();
    await expect(api.get('/auth/me')).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
  });

  it('maps field paths to form field names', async () => {
    const { formFieldOf } = await import('./client.ts');
    expect(formFieldOf('body.mobile')).toBe('mobile');
    expect(formFieldOf('query.departmentId')).toBe('departmentId');
    expect(formFieldOf('body')).toBeUndefined();
    expect(formFieldOf(undefined)).toBeUndefined();
  });
});
