import type { ErrorCode } from '@tongban/domain';

/**
 * The one way the web app talks to the server: same-origin JSON over `/api/v1`, the session in an
 * httpOnly cookie, and the CSRF token (from `GET /api/v1/auth/csrf`) on every unsafe method.
 * Error bodies `{code, message, field}` become `ApiError`s that forms show next to the field.
 */

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  /** The input field at fault without its `body.`/`query.` prefix, e.g. `idNumber`. */
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: ErrorCode | 'NETWORK', message: string, field?: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const base = '/api/v1';

let csrfToken: Promise<string> | undefined;

async function fetchCsrfToken(): Promise<string> {
  const response = await fetch(`${base}/auth/csrf`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!response.ok) throw await toApiError(response);
  const body = (await response.json()) as { token: string };
  return body.token;
}

function csrf(refresh = false): Promise<string> {
  if (refresh || !csrfToken) {
    csrfToken = fetchCsrfToken();
    // A failed fetch must not poison later requests.
    csrfToken.catch(() => {
      csrfToken = undefined;
    });
  }
  return csrfToken;
}

/** Strips the request part (`body.`, `query.`, `params.`) so the name matches a form field. */
export function formFieldOf(field: string | undefined): string | undefined {
  if (!field) return undefined;
  const stripped = field.replace(/^(body|query|querystring|params)\.?/, '');
  return stripped || undefined;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; field?: string; details?: Record<string, unknown> } = {};
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy error page, say): fall back to the status
  }
  const code = (body.code ?? (response.status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED')) as ErrorCode;
  return new ApiError(response.status, code, body.message ?? response.statusText, formFieldOf(body.field), body.details);
}

export type RequestOptions = {
  query?: Record<string, string | number | boolean | undefined>;
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** The browser's HTTP cache mode, e.g. `no-cache` right after this tab changed a cached public resource. */
  cache?: RequestCache;
};

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const url = new URL(`${base}${path}`, window.location.origin);
  for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  const unsafe = unsafeMethods.has(method);

  const send = async (token: string | undefined) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers['x-csrf-token'] = token;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    try {
      return await fetch(url, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: options.signal,
        cache: options.cache,
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError(0, 'NETWORK', (error as Error).message);
    }
  };

  let response = await send(unsafe ? await csrf() : undefined);
  if (unsafe && response.status === 403) {
    // The token's secret cookie may have been replaced (new session, cleared cookies): refresh once.
    const error = await toApiError(response.clone());
    if (error.code === 'AUTH_CSRF_INVALID') response = await send(await csrf(true));
  }
  if (!response.ok) throw await toApiError(response);
  // Login and logout rotate the CSRF secret: the cached token is stale from here on.
  if (unsafe && (path === '/auth/login' || path === '/auth/logout')) csrfToken = undefined;
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body ?? {}, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body ?? {}, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};
