// A logged-in client of the real server as the web app is one: cookies (the session, the CSRF
// secret) and the CSRF token sent with every state-changing request. Used by the benchmarks and by
// the crash harness (test/chaos).
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Session {
  constructor(base, label) {
    this.base = base;
    this.label = label;
    this.cookies = new Map();
    this.csrf = '';
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keep(res) {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0];
      const eq = pair.indexOf('=');
      const value = pair.slice(eq + 1);
      if (value) this.cookies.set(pair.slice(0, eq), value);
      else this.cookies.delete(pair.slice(0, eq));
    }
  }

  async request(method, path, { body, headers = {}, timeoutMs = 30_000 } = {}) {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        cookie: this.cookieHeader(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrf }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    this.keep(res);
    const text = await res.text();
    return { status: res.status, headers: res.headers, text };
  }

  async refreshCsrf() {
    const res = await this.request('GET', '/api/v1/auth/csrf');
    if (res.status !== 200) throw new Error(`csrf: ${res.status} ${res.text}`);
    this.csrf = JSON.parse(res.text).token;
  }

  /** Logs in (retrying while the server is down); the session then lives in the database. */
  async login(kind, username, password) {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.refreshCsrf();
        const res = await this.request('POST', '/api/v1/auth/login', { body: { kind, username, password } });
        if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
        this.actor = JSON.parse(res.text);
        await this.refreshCsrf();
        return this.actor;
      } catch (error) {
        if (attempt >= 30) throw error;
        await sleep(1000);
      }
    }
  }
}
