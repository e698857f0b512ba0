import type { Page, PlaywrightWorkerArgs } from '@playwright/test';
import { apiLogin, DEMO_PASSWORD, demoCity, expect, expectNoSeriousA11yViolations, isPhone, shot, test } from './support.ts';

/**
 * E-licences end to end: a concluded company change registration (公司变更登记) issues a business
 * licence into the enterprise's wallet; its representative sees it, shows its QR code and shares
 * it; a visitor with no account opens the QR link and reads 有效; a market-regulation approver
 * revokes it in the workbench and the same check then reads 已撤销.
 *
 * The case is driven to its conclusion through the API (the workbench's case pages are not this
 * journey's subject). The demo city has no window clerk in 市场监管局 itself, whose clerk accepts
 * and issues this item, so its department administrator first adds one, as they would.
 */
const ITEM = 'SH-SAMR-XK-002';
const NEW_SCOPE =
  '一般项目：新材料技术研发；新材料技术推广服务；化工产品销售（不含许可类化工产品）；塑料制品销售；技术服务、技术开发。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）';
/** What the new scope adds (the form stores punctuation normalised to half-width, so compare this part). */
const ADDED = '技术服务、技术开发';

/** Files the change registration for the demo enterprise and drives it to 办结 (approved); returns the licence number. */
async function concludedChangeRegistration(page: Page, playwright: PlaywrightWorkerArgs['playwright'], baseURL: string, suffix: string) {
  const city = demoCity();
  const rep = await apiLogin(page.context().request, 'user', city.demo.legalRepresentative.idNumber);

  const staffContext = await playwright.request.newContext({ baseURL });
  const admin = await apiLogin(staffContext, 'staff', 'deptadmin.samr');
  const clerkName = `clerk.samr.lic${suffix}`;
  const created = await admin.send('/staff', {
    username: clerkName,
    name: '许静',
    departmentId: 'SH-SAMR',
    roles: ['window_clerk'],
    password: DEMO_PASSWORD,
  });
  // 409: a retry of this test made the clerk already.
  expect([201, 409], await created.text()).toContain(created.status());
  await staffContext.dispose();

  const materials = [];
  for (const id of ['application', 'resolution', 'articles_amendment'])
    materials.push({ materialId: id, uploadId: await rep.upload(`${id}.pdf`) });
  // The form as the portal submits it: the data hub's pre-fill, then what the applicant types.
  const prefill = await rep.get(`/datahub/prefill?item=${ITEM}&enterprise=${city.demo.enterprise.creditCode}`);
  const filed = await rep.post(
    '/cases',
    {
      itemCode: ITEM,
      enterpriseCreditCode: city.demo.enterprise.creditCode,
      answers: { change_item: 'scope', premises: 'owned', applicant_mode: 'self' },
      form: { ...prefill.values, 'applicant.mobile': city.demo.legalRepresentative.mobile, 'enterprise.business_scope': NEW_SCOPE },
      materials,
    },
    { 'idempotency-key': `licences-e2e-${suffix}-${Date.now()}` },
  );
  const caseId = filed.caseId as string;

  const act = async (username: string, action: string, body: Record<string, unknown>) => {
    const context = await playwright.request.newContext({ baseURL });
    try {
      await (await apiLogin(context, 'staff', username)).post(`/cases/${caseId}/actions/${action}`, body);
    } finally {
      await context.dispose();
    }
  };
  await act(clerkName, 'accept', { opinion: '材料齐全，予以受理' });
  await act('reviewer.samr', 'approve', { opinion: '经营范围变更符合规定' });
  await act('approver.samr', 'approve', { opinion: '同意变更登记' });
  await act(clerkName, 'decide', {
    outcome: 'approved',
    reasons: '准予变更登记，换发营业执照',
    legalBasis: [{ law: '《中华人民共和国市场主体登记管理条例》', article: '第二十四条' }],
  });
  return `ZS${filed.trackingNumber as string}`;
}

test('e-licences: wallet, QR verification by a visitor, sharing, and revocation by staff', async ({
  page,
  browser,
  playwright,
  baseURL,
}, testInfo) => {
  test.slow();
  const city = demoCity();
  const suffix = `${testInfo.project.name}${testInfo.retry}`;
  const licenceNumber = await concludedChangeRegistration(page, playwright, baseURL as string, suffix);

  // The licence is issued by a background job once the case is concluded: the wallet shows it soon after.
  await page.goto('/my/licences');
  await expect(page.getByRole('heading', { level: 1, name: '我的证照' })).toBeVisible();
  const card = page.getByTestId('licence-card').filter({ hasText: licenceNumber });
  await expect(async () => {
    await page.reload();
    await expect(card).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 90_000 });
  await expect(card.getByRole('heading', { name: /营业执照/ })).toBeVisible();
  await expect(card).toContainText(city.demo.enterprise.name);
  await expect(card).toContainText('有效');
  await shot(page, testInfo, 'licences-01-wallet');
  await expectNoSeriousA11yViolations(page);

  // Its detail: contents, QR code, credential file.
  await card.getByRole('link', { name: /^查看 营业执照/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /营业执照/ })).toBeVisible();
  await expect(page.getByTestId('licence-facts')).toContainText(ADDED);
  const qr = page.getByTestId('licence-qr');
  await expect(qr).toBeVisible();
  const payload = (await qr.getAttribute('data-payload')) as string;
  // The QR code encodes the public verification page of this platform, token in the fragment.
  expect(payload).toMatch(new RegExp(`^${(baseURL as string).replace(/[.]/g, '\\.')}/licences/verify#qr=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
  const download = page.getByTestId('licence-download');
  await expect(download).toHaveAttribute('href', /\/api\/v1\/licences\/[0-9a-f-]{36}\/credential$/);
  const credential = await (await page.request.get((await download.getAttribute('href')) as string)).text();

  // Share the scope only, with a bank, for a day.
  await page.getByLabel('分享给谁').fill('某银行对公开户');
  const shareForm = page.locator('form#licence-share');
  for (const box of await shareForm.getByRole('checkbox').all()) {
    if ((await box.getAttribute('value')) !== 'enterprise.business_scope') await box.uncheck();
  }
  await page.getByRole('radio', { name: '1 天' }).check();
  await page.getByRole('button', { name: '生成分享链接' }).click();
  const shareUrl = (await page.getByTestId('share-url').textContent()) as string;
  expect(shareUrl).toContain('/licences/shared/');
  await shot(page, testInfo, 'licences-02-detail');
  await expectNoSeriousA11yViolations(page);

  // A visitor: a fresh browser with no session, as a phone camera would open the QR code.
  const visitorContext = await browser.newContext({
    viewport: page.viewportSize() ?? undefined,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const visitor = await visitorContext.newPage();
  await visitor.goto(payload);
  const verdict = visitor.getByTestId('verification-result');
  // Generous: on a loaded machine the page, its chunks and the check take a while.
  await expect(verdict.getByRole('heading', { level: 2 })).toHaveText(/有效$/, { timeout: 60_000 });
  await expect(verdict).toContainText('上海市市场监督管理局');
  await expect(verdict).toContainText(licenceNumber);
  await expect(visitor.getByText('签发机关公开的签名公钥', { exact: false })).toBeVisible();
  await shot(visitor, testInfo, 'licences-03-verify-valid');
  await expectNoSeriousA11yViolations(visitor);

  // The credential file uploaded: valid, with its contents. The same file with one word changed: 已被篡改.
  await visitor.getByRole('button', { name: '核验另一份证照' }).click();
  await visitor.getByRole('tab', { name: '上传文件' }).click();
  await visitor.getByTestId('verify-file').setInputFiles({
    name: `${licenceNumber}.jwt`,
    mimeType: 'application/vc+jwt',
    buffer: Buffer.from(credential),
  });
  await expect(verdict.getByRole('heading', { level: 2 })).toHaveText(/有效$/, { timeout: 60_000 });
  await expect(verdict).toContainText(ADDED);
  const [header, payloadPart, signature] = credential.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  claims.credentialSubject.fields['enterprise.registered_capital'] = 10000;
  const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
  await visitor.getByRole('button', { name: '核验另一份证照' }).click();
  await visitor.getByLabel('证照内容或二维码链接').fill(forged);
  await visitor.getByRole('button', { name: '核验', exact: true }).click();
  await expect(verdict.getByRole('heading', { level: 2 })).toHaveText(/已被篡改$/, { timeout: 60_000 });
  await shot(visitor, testInfo, 'licences-03b-verify-tampered');

  // The shared link shows the chosen field only, and the view lands in the holder's log.
  await visitor.goto(shareUrl);
  await expect(visitor.getByRole('heading', { level: 1, name: /营业执照/ })).toBeVisible();
  await expect(visitor.getByTestId('shared-fields')).toContainText(ADDED);
  await expect(visitor.getByTestId('shared-fields')).not.toContainText(city.demo.legalRepresentative.idNumber);
  await expect(visitor.getByTestId('verdict')).toContainText('有效');
  await shot(visitor, testInfo, 'licences-04-shared');
  await expectNoSeriousA11yViolations(visitor);
  await page.reload();
  await expect(page.getByTestId('share-list')).toContainText('1 次');
  await expect(page.getByTestId('licence-usage')).toContainText('某银行对公开户');

  // A market-regulation approver revokes it, with a reason, in the workbench.
  const staffContext = await browser.newContext({
    viewport: page.viewportSize() ?? undefined,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const staff = await staffContext.newPage();
  await staff.goto('/login?tab=staff');
  const panel = staff.getByRole('tabpanel', { name: '工作人员' });
  await panel.getByLabel('工作人员用户名').fill('approver.samr');
  await panel.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await panel.getByRole('button', { name: '登录' }).click();
  await expect(staff).toHaveURL(/\/workbench/);
  if (isPhone(testInfo)) {
    await staff.getByRole('button', { name: '打开菜单' }).click();
    await staff.getByRole('dialog').getByRole('link', { name: '证照管理' }).click();
  } else {
    await staff.getByRole('navigation').getByRole('link', { name: '证照管理' }).click();
  }
  await expect(staff.getByRole('heading', { level: 1, name: '证照管理' })).toBeVisible();
  await staff.getByPlaceholder('持证主体证件号、证照编号或名称').fill(licenceNumber);
  await staff.getByRole('button', { name: '查询' }).click();
  // A table row at desktop width, a card on a phone.
  const row = staff.getByTestId('department-licences').locator('tr, li').filter({ hasText: licenceNumber });
  await expect(row).toContainText('有效');
  await shot(staff, testInfo, 'licences-05-workbench');
  await expectNoSeriousA11yViolations(staff);
  await row.getByRole('button', { name: new RegExp(`^撤销 营业执照.* ${licenceNumber}$`) }).click();
  const dialog = staff.getByRole('dialog');
  await dialog.getByLabel('原因').fill('经营范围变更登记申请材料不实，依法撤销');
  await shot(staff, testInfo, 'licences-06-revoke-dialog');
  await dialog.getByRole('button', { name: '撤销', exact: true }).click();
  await expect(row).toContainText('已撤销');

  // The same QR check now says revoked; the holder's wallet says so too.
  await visitor.goto(payload);
  await expect(visitor.getByTestId('verification-result').getByRole('heading', { level: 2 })).toHaveText(/已撤销$/, { timeout: 60_000 });
  await shot(visitor, testInfo, 'licences-07-verify-revoked');
  await page.goto('/my/licences');
  await expect(page.getByTestId('licence-card').filter({ hasText: licenceNumber })).toContainText('已撤销');

  await visitorContext.close();
  await staffContext.close();
});
