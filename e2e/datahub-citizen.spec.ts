import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, demoCity, expect, expectNoSeriousA11yViolations, expectRefusedRequest, isPhone, shot, test } from './support.ts';

/**
 * Once-only, as the citizen sees it: the demo mother applies online for her newborn's birth
 * registration; the birth certificate, the household and ID records and the marriage record come
 * from the departments through the data hub ("we already have this", each with its source), she
 * uploads only the signed declaration, gets a receipt with the tracking number, and then finds
 * every access made for that case under "who used my data".
 */
const item = 'SH-PSB-QR-005';
const pdf = {
  name: 'declaration.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
};
const text = { name: 'declaration.txt', mimeType: 'text/plain', buffer: Buffer.from('not a document') };

async function openMenuLink(page: Page, phone: boolean, name: string) {
  if (phone) {
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('dialog').getByRole('link', { name }).click();
  } else {
    await page.getByRole('banner').getByRole('link', { name }).click();
  }
}

test('a citizen applies online, sees what the platform already has and from whom, and who used her data', async ({
  page,
  consoleErrors,
}, testInfo) => {
  // A long journey (eight pages, four accessibility scans) on a shared, busy CI machine.
  test.slow();
  const phone = isPhone(testInfo);
  const citizen = demoCity().demo.citizen;

  // The guide offers "apply online"; applying needs an account, so the portal asks to log in first.
  await page.goto(`/services/${item}`);
  await page.getByRole('link', { name: '在线办理' }).click();
  await expect(page).toHaveURL(/\/login\?tab=citizen&next=%2Fapply%2FSH-PSB-QR-005/);
  const panel = page.getByRole('tabpanel', { name: '个人登录' });
  await panel.getByLabel('身份证号或手机号').fill(citizen.idNumber);
  await panel.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await panel.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(new RegExp(`/apply/${item}$`));
  await expect(page.getByRole('heading', { level: 1, name: '出生登记（新生儿户口登记）' })).toBeVisible();

  // Situation questions.
  const wizard = page.getByTestId('apply-wizard');
  await expect(wizard).toHaveAttribute('data-step', 'situation');
  await page.getByRole('radio', { name: '随母亲落户' }).check();
  await page.getByRole('radio', { name: '已登记结婚' }).check();
  await shot(page, testInfo, 'apply-01-situation');
  await page.getByRole('button', { name: '下一步' }).click();

  // The form, pre-filled from the birth record (health commission) and the population registry (police).
  await expect(wizard).toHaveAttribute('data-step', 'form');
  const summary = page.getByTestId('prefill-summary');
  await expect(summary).toContainText('上海市卫生健康委员会');
  await expect(summary).toContainText('上海市公安局');
  await expect(page.getByLabel('母亲公民身份号码')).toHaveValue(citizen.idNumber);
  await expect(page.getByLabel('新生儿（子女）姓名')).not.toHaveValue('');
  await page.getByLabel('联系电话').fill(citizen.mobile);
  await shot(page, testInfo, 'apply-02-form-prefilled');
  await page.getByRole('button', { name: '下一步' }).click();

  // Materials: four the platform already has, each with its source department; one to upload.
  await expect(wizard).toHaveAttribute('data-step', 'materials');
  const weHave = page.getByTestId('material-we-have');
  await expect(page.getByRole('heading', { name: /我们已有，无需提交/ })).toBeVisible();
  await expect(weHave).toHaveCount(4);
  const sources = { 出生医学证明: '上海市卫生健康委员会', 结婚证: '上海市民政局', 父母双方居民身份证: '上海市公安局' };
  for (const [material, department] of Object.entries(sources)) {
    await expect(weHave.filter({ hasText: material }).getByTestId('material-source')).toContainText(`由${department}提供`);
  }
  for (const source of await weHave.getByTestId('material-source').allTextContents()) expect(source).toMatch(/^由.+提供/);
  await expect(page.getByTestId('material-upload')).toHaveCount(1);

  // Going on without the declaration is refused here; a text file is refused by the server, clearly.
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByText('请上传此材料')).toBeVisible();
  const upload = page.getByLabel('上传：出生登记申报表（申报人签字）');
  await upload.setInputFiles(text);
  await expect(page.getByTestId('upload-error')).toContainText('仅接受');
  // The browser logs the refused upload (415) as a failed resource: expected here, and only here.
  expectRefusedRequest(consoleErrors, 415);
  await upload.setInputFiles(pdf);
  await expect(page.getByTestId('file-chosen')).toContainText('declaration.pdf');
  await expect(page.getByTestId('upload-error')).toHaveCount(0);
  await shot(page, testInfo, 'apply-03-materials');
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: '下一步' }).click();

  // Review and submit.
  await expect(wizard).toHaveAttribute('data-step', 'review');
  await expect(page.getByTestId('review-expected')).toContainText('承诺最迟于');
  await shot(page, testInfo, 'apply-04-review');
  await page.getByRole('button', { name: '提交申请' }).click();

  // The receipt: tracking number, promised date, what happens next, what we fetched and from whom.
  await expect(page).toHaveURL(/\/my\/cases\/[0-9a-f-]{36}\/receipt$/);
  const caseId = page.url().split('/').at(-2) ?? '';
  const trackingNumber = (await page.getByTestId('tracking-number').textContent())?.trim() ?? '';
  expect(trackingNumber).toMatch(/^\d{6}-[0-9A-Z]{4}-[0-9A-Z]{5}$/);
  await expect(page.getByRole('heading', { level: 1, name: '申请已提交' })).toBeVisible();
  await expect(page.getByRole('button', { name: '复制办件编号' })).toBeVisible();
  await expect(page.getByRole('button', { name: '打印回执' })).toBeVisible();
  await expect(page.getByTestId('receipt-expected')).not.toBeEmpty();
  await expect(page.getByTestId('receipt-shared')).toContainText('由上海市卫生健康委员会提供');
  await shot(page, testInfo, 'apply-05-receipt');
  await expectNoSeriousA11yViolations(page);
  // Printed, only the receipt remains (no header, no buttons).
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('button', { name: '打印回执' })).toBeHidden();
  await expect(page.getByTestId('tracking-number')).toBeVisible();
  await shot(page, testInfo, 'apply-06-receipt-print');
  await page.emulateMedia({ media: 'screen' });

  // The case page: materials with their provenance, the timeline.
  await page.getByRole('link', { name: '查看办理进度' }).click();
  await expect(page).toHaveURL(new RegExp(`/my/cases/${caseId}$`));
  await expect(page.getByTestId('case-status')).toHaveText('待受理');
  await expect(page.getByTestId('case-materials')).toContainText('由上海市民政局提供');
  await expect(page.getByTestId('case-materials')).toContainText('declaration.pdf');
  await expect(page.getByTestId('timeline-entry').first()).toContainText('提交申请');
  await shot(page, testInfo, 'apply-07-case');
  await expectNoSeriousA11yViolations(page);

  // Who used my data: every access made for this case, by department, with fields (names only).
  await openMenuLink(page, phone, '数据使用记录');
  await expect(page).toHaveURL(/\/my\/data-usage$/);
  await expect(page.getByRole('heading', { level: 1, name: '数据使用记录' })).toBeVisible();
  const forCase = page.locator(`[data-testid="usage-entry"][data-case="${caseId}"]`);
  await expect(forCase).toHaveCount(4);
  await expect(forCase.filter({ hasText: '出生医学证明信息' })).toContainText('新生儿姓名');
  for (const entry of await forCase.all()) {
    await expect(entry).toContainText('已获取');
    await expect(entry).toContainText('申请时共享获取材料');
    await expect(entry.getByTestId('usage-case')).toHaveText(trackingNumber);
  }
  // The pre-fill read the birth record too, and says so.
  await expect(page.locator('[data-testid="usage-entry"]').filter({ hasText: '预填申请表' }).first()).toBeVisible();
  await shot(page, testInfo, 'apply-08-data-usage');
  await expectNoSeriousA11yViolations(page);

  // An objection to one access.
  const marriage = forCase.filter({ hasText: '婚姻登记信息' });
  await marriage.getByRole('button', { name: /提出异议/ }).click();
  const dialog = page.getByRole('dialog', { name: '对这次数据使用提出异议' });
  await dialog.getByLabel('异议理由').fill('这次读取婚姻信息是否必要，请说明');
  await dialog.getByRole('button', { name: '提交异议' }).click();
  await expect(marriage.getByTestId('objection-status')).toContainText('已提出异议');
  await shot(page, testInfo, 'apply-09-objection');
});
