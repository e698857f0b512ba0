import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { request } from '@playwright/test';
import { DEMO_PASSWORD, demoCity, expect, loginAsStaff } from './support.ts';

/** Helpers of the workbench case journeys: API sessions for the steps that are not the subject, and staff pages. */

export const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

export type Api = {
  send: (path: string, data: unknown) => Promise<{ status: number; body: Record<string, unknown> }>;
  post: (path: string, data: unknown, extra?: Record<string, string>) => Promise<Record<string, unknown>>;
  get: (path: string) => Promise<Record<string, unknown>>;
  upload: (name: string) => Promise<string>;
  dispose: () => Promise<void>;
};

/** A signed-in API session (its own cookie jar), with the CSRF token on every POST. */
export async function apiSession(baseURL: string, kind: 'user' | 'staff', username: string): Promise<Api> {
  const context: APIRequestContext = await request.newContext({ baseURL });
  const csrf = async () => ({ 'x-csrf-token': (await (await context.get('/api/v1/auth/csrf')).json()).token as string });
  const login = await context.post('/api/v1/auth/login', { data: { kind, username, password: DEMO_PASSWORD }, headers: await csrf() });
  expect(login.status(), await login.text()).toBe(200);
  // Login rotates the CSRF secret: the token from before it no longer works.
  const headers = await csrf();
  const send = async (path: string, data: unknown, extra: Record<string, string> = {}) => {
    const res = await context.post(`/api/v1${path}`, { data, headers: { ...headers, ...extra } });
    return { status: res.status(), body: (await res.json()) as Record<string, unknown> };
  };
  return {
    send,
    post: async (path, data, extra = {}) => {
      const res = await send(path, data, extra);
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      return res.body;
    },
    get: async (path) => {
      const res = await context.get(`/api/v1${path}`);
      expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
      return (await res.json()) as Record<string, unknown>;
    },
    upload: async (name) => {
      const res = await context.post('/api/v1/cases/uploads', {
        headers,
        multipart: { file: { name, mimeType: 'application/pdf', buffer: pdf } },
      });
      expect(res.status(), await res.text()).toBe(201);
      return ((await res.json()).items[0] as { id: string }).id;
    },
    dispose: () => context.dispose(),
  };
}

/** Departments of the journeys: id, the slug of its demo staff (`reviewer.<slug>` …). */
export const departments = {
  hrss: 'SH-HRSS',
  samr: 'SH-SAMR',
  psb: 'SH-PSB',
  tax: 'SH-TAX',
  fund: 'SH-HPF',
  gso: 'SH-GSO',
} as const;
export type DepartmentSlug = keyof typeof departments;

/** The demo city's window clerk of a municipal department (seeded for every one: `clerk.<slug>`). */
export const departmentClerk = (slug: DepartmentSlug) => `clerk.${slug}`;

/**
 * A further window clerk, added by the department administrator as they would (409: an earlier
 * run or the other project already did). For journeys that need two clerks of one department.
 */
export async function addDepartmentClerk(baseURL: string, slug: DepartmentSlug, suffix: string): Promise<string> {
  const username = `clerk.${slug}.e2e${suffix}`;
  const admin = await apiSession(baseURL, 'staff', `deptadmin.${slug}`);
  const created = await admin.send('/staff', {
    username,
    name: `${slug.toUpperCase()}窗口${suffix}`,
    departmentId: departments[slug],
    roles: ['window_clerk'],
    password: DEMO_PASSWORD,
  });
  expect([201, 409], JSON.stringify(created.body)).toContain(created.status);
  await admin.dispose();
  return username;
}

type Allowed = { action: string; stepId: string | null };

/**
 * Drives a case to its conclusion through the API: whoever of `staff` may act takes the next
 * acceptance, approval or decision (approved), until none is left.
 */
export async function concludeThroughApi(baseURL: string, caseId: string, staff: readonly string[]) {
  const sessions = new Map<string, Api>();
  const as = async (u: string) => {
    if (!sessions.has(u)) sessions.set(u, await apiSession(baseURL, 'staff', u));
    return sessions.get(u) as Api;
  };
  try {
    for (let round = 0; round < 10; round++) {
      let acted = false;
      for (const username of staff) {
        const api = await as(username);
        const detail = await api.get(`/cases/${caseId}`);
        const next = (detail.allowedActions as Allowed[]).find((a) => ['accept', 'approve', 'decide'].includes(a.action));
        if (!next) continue;
        const body =
          next.action === 'decide'
            ? {
                stepId: next.stepId,
                outcome: 'approved',
                reasons: '符合条件，准予办理',
                legalBasis: [{ law: '《中华人民共和国行政许可法》', article: '第三十八条' }],
              }
            : { stepId: next.stepId, opinion: '同意' };
        await api.post(`/cases/${caseId}/actions/${next.action.replaceAll('_', '-')}`, body);
        acted = true;
        break;
      }
      if (!acted) return;
    }
  } finally {
    for (const s of sessions.values()) await s.dispose();
  }
}

/** A fresh browser context signed in as this member of staff. */
export async function staffPage(browser: Browser, baseURL: string, username: string, phone: boolean): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(phone
      ? { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 800 } }),
  });
  const page = await context.newPage();
  await loginAsStaff(page, username);
  return page;
}

/** A living adult of the registry around retirement age, without an account; `nth` gives each attempt (retry) its own. */
export function walkInPerson(nth: number) {
  const city = demoCity();
  const taken = new Set(city.users.map((u) => u.idNumber));
  const candidates = city.people.filter(
    (p) => p.alive && p.mobile && !taken.has(p.idNumber) && p.birthDate >= '1965-06-01' && p.birthDate <= '1966-02-28',
  );
  const person = candidates[nth * 3];
  if (!person?.mobile) throw new Error('the demo city has nobody of retirement age to walk in');
  return { name: person.name, idNumber: person.idNumber, mobile: person.mobile };
}

/** The same ID number with a wrong check character (what a typo in the last place looks like). */
export function withWrongCheckCharacter(idNumber: string): string {
  const last = idNumber.slice(-1);
  return idNumber.slice(0, 17) + (last === '0' ? '1' : '0');
}

/** The start-a-business bundle (企业开办一件事) filed at a window for `founder`, one upload per paper. */
export function startABusinessFiling(founder: { name: string; idNumber: string; mobile: string }, uploads: Record<string, string>) {
  return {
    itemCode: 'SH-YJS-001',
    applicantIdNumber: founder.idNumber,
    answers: { shareholder_kind: 'natural', premises: 'owned', applicant_mode: 'self' },
    form: {
      'enterprise.name': '上海申通开办科技有限公司',
      'enterprise.type': 'llc',
      'enterprise.registered_capital': 1000000,
      'enterprise.address': '上海市黄浦区南京东路100号',
      'enterprise.business_scope': '一般项目：技术服务、技术开发',
      'enterprise.legal_representative': founder.name,
      'enterprise.legal_representative_id_number': founder.idNumber,
      'enterprise.shareholders': `${founder.name} 100%`,
      'enterprise.contact_mobile': founder.mobile,
      'enterprise.employee_count': 3,
      'enterprise.finance_officer': '王芳',
      'enterprise.finance_officer_mobile': '13800138000',
      'seal.kinds': '公章、财务专用章',
      'tax.taxpayer_type': 'small_scale',
      'tax.invoice_type': 'digital_ordinary',
      'housing_fund.deposit_rate': 7,
      'bank.name': '中国银行上海市分行',
      'applicant.mobile': founder.mobile,
      // The member items ask for the credit code the registration step is about to issue; the
      // catalogue cannot yet say "produced by this bundle", so a valid code is entered.
      'enterprise.credit_code': demoCity().demo.enterprise.creditCode,
    },
    materials: Object.entries(uploads).map(([materialId, uploadId]) => ({ materialId, uploadId })),
  };
}

/** Signs a citizen in on the portal's login page. */
export async function loginAsCitizen(page: Page, idNumber: string) {
  await page.goto('/login');
  const panel = page.getByRole('tabpanel', { name: '个人登录' });
  await panel.getByLabel('身份证号或手机号').fill(idNumber);
  await panel.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await panel.getByRole('button', { name: '登录' }).click();
  await expect(page).not.toHaveURL(/\/login/, { timeout: 60_000 });
}
