import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, test as base, expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { buildDemoCity, type City, DEMO_PASSWORD } from '@tongban/seed';

export { DEMO_PASSWORD };

/**
 * The newest six-digit code texted to a number since `since` (the server's development SMS channel,
 * SMS_PROVIDER=file; the outbox worker sends within a few seconds).
 */
export async function smsCode(mobile: string, since: Date): Promise<string> {
  // The same folder playwright.config.ts hands the server as SMS_FILE_DIR.
  const smsDir = join(tmpdir(), `tongban-e2e-sms-${process.env.E2E_PORT ?? 18180}`);
  const file = join(smsDir, `${mobile}.jsonl`);
  let code: string | undefined;
  await expect
    .poll(
      () => {
        if (!existsSync(file)) return undefined;
        const lines = readFileSync(file, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { at: string; text: string });
        code = lines
          .filter((l) => new Date(l.at).getTime() >= since.getTime() - 1000)
          .map((l) => /\b(\d{6})\b/.exec(l.text)?.[1])
          .filter(Boolean)
          .at(-1);
        return code;
      },
      { timeout: 20_000, message: `an SMS code to ${mobile}` },
    )
    .toMatch(/^\d{6}$/);
  return code as string;
}

const artifacts = join(import.meta.dirname, 'artifacts');
mkdirSync(artifacts, { recursive: true });

/** Saves a full-page screenshot as e2e/artifacts/<project>-<name>.png (git-ignored), for people to look at. */
export async function shot(page: Page, testInfo: TestInfo, name: string) {
  // Let antd's entrance animations finish so the picture shows the settled page.
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(artifacts, `${testInfo.project.name}-${name}.png`), fullPage: true });
}

/** Runs axe (WCAG 2.1 A/AA) and fails on serious or critical violations, listing them. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map(
    (v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`,
  );
  expect(report, 'serious or critical accessibility violations').toEqual([]);
}

let city: City | undefined;

/** The demo city the server seeded (deterministic), built once per worker. */
export function demoCity(): City {
  city ??= buildDemoCity();
  return city;
}

/**
 * A living person in the population registry who has no account yet; `nth` picks a different
 * one per project and retry so reruns against the same server never collide.
 */
export function unregisteredPerson(nth: number) {
  const c = demoCity();
  const taken = new Set(c.users.map((u) => u.idNumber));
  const takenMobiles = new Set(c.users.map((u) => u.mobile));
  const candidates = c.people.filter(
    (p) => p.alive && p.mobile && !taken.has(p.idNumber) && !takenMobiles.has(p.mobile) && p.birthDate < '2000-01-01',
  );
  const person = candidates[100 + nth * 7];
  if (!person?.mobile) throw new Error('the demo city has no unregistered person to use');
  return { name: person.name, idNumber: person.idNumber, mobile: person.mobile };
}

/** The staff account of the seed with this role (first one). */
export function staffWithRole(role: string, preferred?: string) {
  const staff = demoCity().staff;
  const found = (preferred && staff.find((s) => s.username === preferred)) || staff.find((s) => s.roles.includes(role as never));
  if (!found) throw new Error(`no demo staff with role ${role}`);
  const department = demoCity().departments.find((d) => d.id === found.departmentId);
  return { ...found, departmentNameZh: department?.nameZh ?? '', departmentNameEn: department?.nameEn ?? '' };
}

/**
 * Fails the test on any browser console error or uncaught exception: a CSP refusal, a React
 * warning turned error or a failed request shows up here first.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'browser console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function loginAsStaff(page: Page, username: string) {
  await page.goto('/login?tab=staff');
  const panel = page.getByRole('tabpanel', { name: '工作人员' });
  await panel.getByLabel('工作人员用户名').fill(username);
  await panel.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await panel.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/workbench/);
}

/**
 * Picks an option of an antd Select and waits until the select shows it: a click that lands while
 * the dropdown is still opening would otherwise leave the field empty without a sign.
 */
export async function choose(page: Page, select: Locator, option: string | RegExp) {
  await select.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  const dropdown = page.locator('.ant-select-dropdown:visible');
  // A string is the option's whole title; a pattern picks the option whose text it matches.
  const target =
    typeof option === 'string'
      ? dropdown.getByTitle(option, { exact: true })
      : dropdown.locator('.ant-select-item-option').filter({ hasText: option });
  // A click that lands while the dropdown is still sliding in is lost (the option only lights up):
  // open and pick again until the field shows the choice.
  await expect(async () => {
    if (!(await dropdown.isVisible())) await select.click();
    await target.click({ timeout: 5_000 });
    await expect(selectField(select)).toContainText(option, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/**
 * Picks a node of an antd TreeSelect by typing part of its name and clicking it, again until the
 * field shows it (the same lost click as `choose`: the tree is still sliding in).
 */
export async function chooseInTree(page: Page, select: Locator, search: string, title: string) {
  const node = page.locator('.ant-select-dropdown:visible').getByRole('tree').getByText(title);
  await expect(async () => {
    await select.fill(search);
    await node.click({ timeout: 5_000 });
    await expect(selectField(select)).toContainText(title, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** The whole antd Select (or TreeSelect) around its combobox input: where the chosen value shows. */
export function selectField(select: Locator): Locator {
  return select.locator(`xpath=ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]`);
}

/**
 * The browser logs every refused request ("Failed to load resource: … status of 401") as a console
 * error. Where a journey provokes one on purpose, it takes exactly that one off the list — any
 * other stays and fails the test.
 */
export function expectRefusedRequest(consoleErrors: string[], status: number) {
  const index = consoleErrors.findIndex((e) => e.includes(`status of ${status}`));
  expect(index, `a refused request (HTTP ${status}) in the browser console`).toBeGreaterThanOrEqual(0);
  consoleErrors.splice(index, 1);
}

/**
 * Desk work (window intake, department and administration writes, catalogue editing): run at
 * desktop width only. The phone project leaves these out (playwright.config.ts) and covers what
 * people do on phones — the portal, applying, the wallet, the citizen's side of each journey.
 */
export const DESK = '@desk';

export function isPhone(testInfo: TestInfo) {
  return testInfo.project.name === 'phone';
}

/** A one-page PDF for uploads made through the API. */
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

/** Logs `request` in (its cookies are the browser context's when it is `context.request`) and returns a CSRF-carrying poster. */
export async function apiLogin(request: APIRequestContext, kind: 'user' | 'staff', username: string) {
  const csrf = async () => ({ 'x-csrf-token': (await (await request.get('/api/v1/auth/csrf')).json()).token as string });
  const login = await request.post('/api/v1/auth/login', { data: { kind, username, password: DEMO_PASSWORD }, headers: await csrf() });
  expect(login.status(), await login.text()).toBe(200);
  // Login rotates the CSRF secret: the token from before it no longer works.
  const headers = await csrf();
  return {
    get: async (path: string) => {
      const res = await request.get(`/api/v1${path}`);
      expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
      return res.json();
    },
    send: (path: string, data: unknown) => request.post(`/api/v1${path}`, { data, headers }),
    post: async (path: string, data: unknown, extra: Record<string, string> = {}) => {
      const res = await request.post(`/api/v1${path}`, { data, headers: { ...headers, ...extra } });
      expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
      return res.json();
    },
    upload: async (name: string) => {
      const res = await request.post('/api/v1/cases/uploads', {
        headers,
        multipart: { file: { name, mimeType: 'application/pdf', buffer: pdf } },
      });
      expect(res.status(), await res.text()).toBe(201);
      return ((await res.json()).items[0] as { id: string }).id;
    },
  };
}
