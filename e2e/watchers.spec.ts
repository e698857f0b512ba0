import { readFileSync } from 'node:fs';
import { apiLogin, choose, DESK, demoCity, expect, expectNoSeriousA11yViolations, loginAsStaff, shot, test } from './support.ts';

/**
 * The people who watch: the public-security bureau's data officer decides another department's
 * request for its data, with a reason, and reads who used its data (department and staff member,
 * purpose) filtered by subject and date; the auditor searches the audit log, verifies
 * its hash chain and downloads the search as CSV.
 */

/** Today in Shanghai as YYYY-MM-DD (the date inputs' format), and the day after. */
function shanghaiDays() {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const next = new Date(`${today}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { today, tomorrow: next.toISOString().slice(0, 10) };
}

test(`the data officer approves a grant request with a reason and filters the exchange log ${DESK}`, async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const citizen = demoCity().demo.citizen;
  const purpose = `核验申请人名下机动车用于道路运输经营许可审查 ${testInfo.project.name}-${testInfo.retry}-${Date.now()}`;

  // Another bureau's data officer asks for the police bureau's vehicle registrations…
  const samrContext = await playwright.request.newContext({ baseURL });
  const samr = await apiLogin(samrContext, 'staff', 'data.samr');
  await samr.post('/datahub/grants', { resource: 'VEHICLE', fields: ['plate_number'], purpose, items: ['SH-SAMR-XK-002'] });
  // …and the demo citizen's application form is pre-filled from the population registry: an
  // exchange of the police bureau's data, logged under the education commission that runs the item.
  const citizenContext = await playwright.request.newContext({ baseURL });
  const person = await apiLogin(citizenContext, 'user', citizen.idNumber);
  await person.get('/datahub/prefill?item=SH-EDU-GG-001');

  await loginAsStaff(page, 'data.psb');
  await page.getByRole('navigation').getByRole('link', { name: '数据共享管理' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '数据共享管理' })).toBeVisible();

  // Grant requests: the new one waits for a decision.
  const row = page.getByTestId('officer-grants').locator('tr').filter({ hasText: purpose });
  await expect(row).toContainText('待审批');
  await expect(row).toContainText('上海市市场监督管理局');
  await shot(page, testInfo, 'watchers-01-grant-requests');
  await expectNoSeriousA11yViolations(page);
  await row.getByRole('button', { name: /^批准：上海市市场监督管理局/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('号牌号码');
  // A decision without its reason is refused in the form.
  await dialog.getByRole('button', { name: '批准', exact: true }).click();
  await expect(dialog).toContainText('请填写理由');
  await dialog.getByLabel('批准理由').fill('依据道路运输条例审查需要 仅限号牌号码');
  await shot(page, testInfo, 'watchers-02-approve-dialog');
  await dialog.getByRole('button', { name: '批准', exact: true }).click();
  await expect(page.getByText('已批准。')).toBeVisible();
  await expect(row).toHaveCount(0);
  await choose(page, page.getByLabel('申请状态'), '已批准');
  await expect(row).toContainText('已批准');
  await expect(row).toContainText('依据道路运输条例审查需要');

  // The exchange log: by the person's ID number (shown masked) and today's date.
  await page.getByRole('tab', { name: '交换日志' }).click();
  const log = page.getByTestId('officer-exchanges');
  await page.getByLabel('数据主体证件号').fill(citizen.idNumber);
  const { today, tomorrow } = shanghaiDays();
  await page.getByLabel('开始日期').fill(today);
  await page.getByLabel('结束日期').fill(today);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  const entry = log.locator('tr').filter({ hasText: '高等教育学历学位认证' }).first();
  await expect(entry).toContainText('上海市教育委员会');
  await expect(entry).toContainText('群众或企业本人');
  await expect(entry).toContainText(`${citizen.idNumber.slice(0, 3)}*`);
  await expect(log).not.toContainText(citizen.idNumber);
  await shot(page, testInfo, 'watchers-03-exchange-log');
  await expectNoSeriousA11yViolations(page);
  // Nothing yet from tomorrow on.
  await page.getByLabel('开始日期').fill(tomorrow);
  await page.getByLabel('结束日期').fill('');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(log).toContainText('没有符合条件的交换记录');

  // The department's resources and their fields.
  await page.getByRole('tab', { name: '数据资源' }).click();
  const vehicle = page.getByTestId('officer-resources').locator('tr').filter({ hasText: 'VEHICLE' });
  await expect(vehicle).toContainText('机动车登记信息');
  await vehicle.getByRole('button').first().click();
  await expect(page.getByTestId('officer-resources')).toContainText('plate_number');
  await samrContext.dispose();
  await citizenContext.dispose();
});

test(`the auditor searches the audit log, verifies the chain and downloads the search as CSV ${DESK}`, async ({ page }, testInfo) => {
  // City-wide audit reading is the auditor's duty alone (separation of duties, issue 14).
  await loginAsStaff(page, 'auditor');
  await page.getByRole('navigation').getByRole('link', { name: '审计日志' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '审计日志' })).toBeVisible();

  // The auditor's own logins today.
  const { today } = shanghaiDays();
  await page.getByLabel('操作者编号').fill('staff-auditor');
  await page.getByLabel('操作', { exact: true }).fill('identity.login.succeeded');
  await page.getByLabel('开始日期').fill(today);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  const entries = page.getByTestId('audit-entries');
  await expect(entries.locator('tr').filter({ hasText: 'identity.login.succeeded' }).first()).toContainText('staff-auditor');
  await expect(entries).not.toContainText('datahub.grant');

  // The chain verifies.
  await page.getByTestId('verify-chain').click();
  await expect(page.getByTestId('verify-result')).toContainText('哈希链完整');
  await shot(page, testInfo, 'watchers-04-audit');
  await expectNoSeriousA11yViolations(page);

  // The CSV of this search: BOM, a header naming the time zone, the search's rows only.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-audit-\d{8}-\d{6}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const lines = csv.slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toContain('Asia/Shanghai');
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) {
    expect(line).toContain('identity.login.succeeded');
    expect(line).toContain('staff-auditor');
    expect(line).toContain(today);
  }
});
