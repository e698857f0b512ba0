import type { Page } from '@playwright/test';
import {
  addDepartmentClerk,
  apiSession,
  concludeThroughApi,
  type DepartmentSlug,
  departmentClerk,
  departments,
  loginAsCitizen,
  pdf,
  staffPage,
  startABusinessFiling,
  walkInPerson,
  withWrongCheckCharacter,
} from './cases-workbench.support.ts';
import {
  expect as baseExpect,
  choose,
  DESK,
  demoCity,
  expectNoSeriousA11yViolations,
  isPhone,
  loginAsStaff,
  shot,
  test,
} from './support.ts';

// Several staff pages per journey, each a full load of the workbench on a 2-core machine shared
// with other runs: a page may take longer than the suite's 20 s to show (waiting is not weaker).
const expect = baseExpect.configure({ timeout: 60_000 });
test.describe.configure({ timeout: 420_000 });

/**
 * Issue 4 on the staff side: window intake at a community service centre, the department inbox
 * with SLA colours and claims, the case view with the actions the rules allow, the supervisor's
 * reassignment, a lost race, and the start-a-business bundle across its member departments.
 */
const RETIREMENT = 'SH-HRSS-JF-001';
const SKILLS_SUBSIDY = 'SH-HRSS-JF-005';
const communityClerk = 'clerk.huangpu.nanjingdonglu';

async function openInbox(page: Page) {
  await page.goto('/workbench/tasks');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('部门待办');
}

function taskRow(page: Page, trackingNumber: string) {
  return page.getByTestId('task-row').filter({ hasText: trackingNumber });
}

// Window intake is keyboard work at a counter desk; the phone project covers the citizen side (4b).
test(
  'journey 4a: a clerk at a community service centre files a walk-in case; the department accepts it',
  { tag: DESK },
  async ({ page, browser, baseURL }, testInfo) => {
    const person = walkInPerson(testInfo.retry);
    const hrssClerk = departmentClerk('hrss');

    await loginAsStaff(page, communityClerk);
    await page.goto('/workbench/intake');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('窗口收件');
    const id = page.getByLabel('居民身份证号码');
    await expect(id).toBeFocused();
    // A typo in the check character is caught as it is typed.
    await id.pressSequentially(withWrongCheckCharacter(person.idNumber));
    await expect(page.getByTestId('id-status')).toHaveText(/校验位不正确/);
    await id.fill('');
    await id.pressSequentially(person.idNumber);
    await expect(page.getByTestId('id-status')).toHaveText(/校验通过/);
    // Presence is evidence: the person's ID card is read at the seat (the demo's simulated reader).
    await page.getByTestId('read-id-card').click();
    await expect(page.getByTestId('card-read')).toBeVisible();
    await expect(page.getByTestId('person-found')).toContainText(person.name);
    await shot(page, testInfo, '4a-01-intake-person');

    // Enter goes on to the service search; arrows and Enter pick the item.
    await id.press('Enter');
    const picker = page.getByLabel('办理事项（输入名称或编码搜索）');
    await expect(picker).toBeFocused();
    await page.keyboard.type(RETIREMENT);
    await expect(page.locator('.ant-select-item-option').first()).toContainText('职工基本养老金申领');
    await page.keyboard.press('Enter');
    // The first situation question takes the focus; Space answers it.
    const normal = page.getByLabel('正常退休');
    await expect(normal).toBeFocused();
    await page.keyboard.press('Space');
    await expect(normal).toBeChecked();

    const form = page.getByTestId('intake-form');
    await expect(form.getByLabel('姓名')).toHaveValue(person.name);
    await form.getByLabel('联系电话').fill(person.mobile);
    await form.getByLabel('工作单位').fill('上海申江机械有限公司');
    await form.getByLabel('本人银行卡号').fill('6222021001123456789');
    await expect(form).toContainText('以下 3 项材料由平台通过数据共享、电子证照获取');
    await form.getByTestId('intake-material').locator('input[type=file]').setInputFiles({
      name: 'personnel-file.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await expect(form.getByTestId('uploaded-file')).toHaveText('已上传：personnel-file.pdf');
    await shot(page, testInfo, '4a-02-intake-form');
    await expectNoSeriousA11yViolations(page);

    await form.getByRole('button', { name: '提交收件' }).click();
    const receipt = page.getByTestId('intake-receipt');
    await expect(receipt.getByRole('heading', { name: '收件成功' })).toBeFocused();
    const trackingNumber =
      ((await receipt.getByTestId('receipt-tracking-number').textContent()) ?? '').match(/\d{6}-[0-9A-Z]{4}-[0-9A-Z]{5}/)?.[0] ?? '';
    expect(trackingNumber).not.toBe('');
    await expect(receipt).toContainText('上海市人力资源和社会保障局');
    await shot(page, testInfo, '4a-03-intake-receipt');
    await expectNoSeriousA11yViolations(page);

    // The person comes back with their number: the clerk finds the case and logs the visit.
    await receipt.getByRole('button', { name: '办理下一位' }).click();
    await expect(page.getByLabel('居民身份证号码')).toBeFocused();
    await page.getByRole('tab', { name: '查件续办' }).click();
    const lookup = page.getByRole('tabpanel', { name: '查件续办' });
    await lookup.getByLabel('办件编号').fill(trackingNumber);
    await lookup.getByLabel('居民身份证号码').fill(person.idNumber);
    await lookup.getByRole('button', { name: '查找办件' }).click();
    const found = lookup.getByTestId('lookup-result');
    await expect(found).toContainText('职工基本养老金申领');
    await expect(found).toContainText('待受理');
    await found.getByRole('button', { name: '登记到现场' }).click();
    await expect(page.getByText('已登记到现场')).toBeVisible();
    await shot(page, testInfo, '4a-04-lookup');

    // The department's clerk finds it in the inbox (on time), claims it, opens it and accepts it.
    const hrss = await staffPage(browser, baseURL as string, hrssClerk, false);
    await openInbox(hrss);
    const row = taskRow(hrss, trackingNumber);
    await expect(row).toContainText('按时');
    await row.getByRole('button', { name: `认领办件 ${trackingNumber}` }).click();
    await expect(row).toContainText('我');
    await shot(hrss, testInfo, '4a-05-inbox');
    await expectNoSeriousA11yViolations(hrss);
    await row.getByRole('link', { name: trackingNumber }).click();
    await expect(hrss.getByRole('heading', { level: 1 })).toHaveText('职工基本养老金申领（办理退休）');
    await expect(hrss.getByTestId('case-form')).toContainText('上海申江机械有限公司');
    const materials = hrss.getByTestId('case-materials');
    await expect(materials.getByRole('link', { name: '查看 personnel-file.pdf' })).toBeVisible();
    await expect(materials).toContainText('窗口扫描');
    await expect(materials).toContainText('数据共享获取');
    await expect(hrss.getByTestId('case-timeline')).toContainText('到现场');
    await shot(hrss, testInfo, '4a-06-case');
    await expectNoSeriousA11yViolations(hrss);
    await hrss.getByTestId('case-actions').getByRole('button', { name: '受理', exact: true }).click();
    const dialog = hrss.getByRole('dialog');
    await dialog.getByLabel('审查意见（选填）').fill('材料齐全，予以受理');
    await dialog.getByRole('button', { name: '受理', exact: true }).click();
    await expect(hrss.getByTestId('case-status')).toHaveText('审查中');
    // Review is the reviewer's: the clerk has only the window's own actions left (logging a visit).
    await expect(hrss.getByTestId('case-actions').getByRole('button', { name: '受理', exact: true })).toHaveCount(0);
    await hrss.context().close();
  },
);

test('journey 4b: a citizen applies online; the department asks for a supplement, accepts, approves; the citizen sees the result', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const phone = isPhone(testInfo);
  const base = baseURL as string;
  const clerk = departmentClerk('hrss');
  const citizen = demoCity().demo.citizen;
  const certificate = (name: string) => ({ name, mimeType: 'application/pdf', buffer: pdf });

  // The citizen applies on the portal (the portal's own pages: form → materials → review).
  await loginAsCitizen(page, citizen.idNumber);
  await page.goto(`/apply/${SKILLS_SUBSIDY}`);
  await expect(page.getByTestId('step-form')).toBeVisible();
  await page.getByLabel('联系电话').fill(citizen.mobile);
  await page.getByLabel('本人银行卡号').fill('6222020200112233445');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByTestId('step-materials')).toBeVisible();
  await page.locator('input[type=file]').setInputFiles(certificate('skills-certificate-blurred.pdf'));
  await expect(page.getByTestId('step-materials')).toContainText('skills-certificate-blurred.pdf');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page).toHaveURL(/\/my\/cases\/[0-9a-f-]{36}\/receipt$/);
  const caseId = (page.url().match(/cases\/([0-9a-f-]{36})/) as RegExpMatchArray)[1] as string;

  // The department's clerk asks, once, for what is missing.
  const staff = await staffPage(browser, base, clerk, phone);
  await staff.goto(`/workbench/cases/${caseId}`);
  await expect(staff.getByTestId('case-status')).toHaveText('待受理');
  await staff.getByTestId('case-actions').getByRole('button', { name: '一次性告知补正' }).click();
  let dialog = staff.getByRole('dialog');
  // Nothing is sent until the reason and what is missing are given.
  await dialog.getByRole('button', { name: '一次性告知补正' }).click();
  await expect(dialog.getByText('此项为必填项').first()).toBeVisible();
  await dialog.getByLabel('理由').fill('证书扫描件不清晰，无法核验证书编号');
  await choose(staff, dialog.getByLabel('材料 1'), '职业资格证书或职业技能等级证书');
  await dialog.getByLabel('补正要求 1').fill('请上传清晰的证书扫描件（含证书编号页）');
  await shot(staff, testInfo, '4b-01-request-supplement');
  await expectNoSeriousA11yViolations(staff);
  await dialog.getByRole('button', { name: '一次性告知补正' }).click();
  await expect(staff.getByTestId('case-status')).toHaveText('待补正');
  await expect(staff.getByTestId('supplement-request')).toContainText('请上传清晰的证书扫描件');

  // The citizen supplies it on the portal.
  await page.goto(`/my/cases/${caseId}`);
  const panel = page.getByTestId('supplement-panel');
  await expect(panel).toContainText('请上传清晰的证书扫描件');
  await panel.locator('input[type=file]').setInputFiles(certificate('skills-certificate.pdf'));
  await expect(panel).toContainText('skills-certificate.pdf');
  await panel.getByRole('button', { name: '提交补正材料' }).click();
  await expect(page.getByTestId('case-view')).toHaveAttribute('data-status', 'submitted');

  // Back in the workbench: the new file is there, the old one marked replaced; accept.
  await staff.reload();
  await expect(staff.getByTestId('case-status')).toHaveText('待受理');
  const materials = staff.getByTestId('case-materials');
  await expect(materials.getByRole('link', { name: '查看 skills-certificate.pdf' })).toBeVisible();
  await expect(materials.locator('[data-state=replaced]')).toContainText('skills-certificate-blurred.pdf');
  await shot(staff, testInfo, '4b-02-supplied');
  await staff.getByTestId('case-actions').getByRole('button', { name: '受理', exact: true }).click();
  await staff.getByRole('dialog').getByRole('button', { name: '受理', exact: true }).click();
  await expect(staff.getByTestId('case-status')).toHaveText('审查中');
  await staff.context().close();

  // The reviewer approves the review step; the approver decides.
  const reviewer = await staffPage(browser, base, 'reviewer.hrss', phone);
  await reviewer.goto(`/workbench/cases/${caseId}`);
  await reviewer.getByTestId('case-actions').getByRole('button', { name: '审核通过' }).click();
  await reviewer.getByRole('dialog').getByLabel('审查意见（选填）').fill('证书真实有效，符合补贴条件');
  await reviewer.getByRole('dialog').getByRole('button', { name: '审核通过' }).click();
  await expect(reviewer.getByTestId('case-actions')).toContainText('当前没有需要您办理的操作');
  await reviewer.context().close();
  const approver = await staffPage(browser, base, 'approver.hrss', phone);
  await approver.goto(`/workbench/cases/${caseId}`);
  await approver.getByTestId('case-actions').getByRole('button', { name: '作出决定' }).click();
  dialog = approver.getByRole('dialog');
  await dialog.getByLabel('决定理由').fill('符合职业技能提升补贴申领条件，准予发放');
  await shot(approver, testInfo, '4b-03-decide');
  await dialog.getByRole('button', { name: '作出决定' }).click();
  await expect(approver.getByTestId('case-status')).toHaveText('已办结（准予）');
  await expect(approver.getByTestId('case-result')).toContainText('符合职业技能提升补贴申领条件');
  await shot(approver, testInfo, '4b-04-concluded');
  await approver.context().close();

  // The citizen sees the result.
  await page.reload();
  await expect(page.getByTestId('case-view')).toHaveAttribute('data-status', 'approved');
  await expect(page.getByTestId('result-panel')).toContainText('符合职业技能提升补贴申领条件');
  await shot(page, testInfo, '4b-05-citizen-result');
});

test(
  'journey 4d: a supervisor hands a claimed task to a colleague; the first holder loses the race',
  { tag: DESK },
  async ({ page, browser, baseURL }, testInfo) => {
    const base = baseURL as string;
    const first = departmentClerk('hrss');
    const second = await addDepartmentClerk(base, 'hrss', '2');
    const city = demoCity();
    const firstName = city.staff.find((s) => s.username === first)?.name as string;
    const citizen = await apiSession(base, 'user', city.demo.citizen.idNumber);
    // The form as the portal submits it: the data hub's pre-fill, then what the applicant types.
    const prefill = (await citizen.get(`/datahub/prefill?item=${SKILLS_SUBSIDY}`)) as { values: Record<string, unknown> };
    const filed = await citizen.post(
      '/cases',
      {
        itemCode: SKILLS_SUBSIDY,
        form: { ...prefill.values, 'applicant.mobile': city.demo.citizen.mobile, 'bank.card_number': '6222020200112233445' },
        materials: [{ materialId: 'skill_certificate', uploadId: await citizen.upload('certificate.pdf') }],
      },
      { 'idempotency-key': `wb-4d-${Date.now()}` },
    );
    await citizen.dispose();
    const trackingNumber = filed.trackingNumber as string;

    // The first clerk opens the case and claims its task from the inbox.
    const holder = await staffPage(browser, base, first, false);
    await openInbox(holder);
    await taskRow(holder, trackingNumber)
      .getByRole('button', { name: `认领办件 ${trackingNumber}` })
      .click();
    await expect(taskRow(holder, trackingNumber)).toContainText('我');
    await holder.goto(`/workbench/cases/${filed.caseId}`);
    await expect(holder.getByTestId('case-status')).toHaveText('待受理');

    await loginAsStaff(page, 'supervisor.hrss');
    await page.goto('/workbench/overdue');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('超期与临期督办');
    const open = page.getByTestId('open-task-row').filter({ hasText: trackingNumber });
    await expect(open).toContainText(firstName);
    await open.getByRole('button', { name: /^转交办件/ }).click();
    const dialog = page.getByRole('dialog');
    await choose(page, dialog.getByLabel('转交给'), /clerk\.hrss\.e2e2/);
    await dialog.getByLabel('理由').fill('原经办人外出培训');
    await shot(page, testInfo, '4d-01-reassign');
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: '转交' }).click();
    await expect(page.getByText('已转交')).toBeVisible();
    await expect(open).toContainText('HRSS窗口2');
    await shot(page, testInfo, '4d-02-overdue');

    // The first clerk's page is stale: acting now says someone else holds it, and offers a reload.
    await holder.getByTestId('case-actions').getByRole('button', { name: '受理', exact: true }).click();
    await holder.getByRole('dialog').getByRole('button', { name: '受理', exact: true }).click();
    const alert = holder.getByRole('dialog').getByRole('alert');
    await expect(alert).toContainText('其他人已先行办理');
    await shot(holder, testInfo, '4d-03-lost-race');
    await alert.getByRole('button', { name: '刷新' }).click();
    await expect(holder.getByRole('dialog')).toHaveCount(0);
    await holder.context().close();

    const colleague = await staffPage(browser, base, second, false);
    await colleague.goto(`/workbench/cases/${filed.caseId}`);
    await colleague.getByTestId('case-actions').getByRole('button', { name: '受理', exact: true }).click();
    await colleague.getByRole('dialog').getByRole('button', { name: '受理', exact: true }).click();
    await expect(colleague.getByTestId('case-status')).toHaveText('审查中');
    await colleague.context().close();
  },
);

test(
  'journey 4c: the start-a-business bundle runs in its member departments at once; the parent concludes last',
  { tag: DESK },
  async ({ page, browser, baseURL }, testInfo) => {
    test.setTimeout(600_000);
    const base = baseURL as string;
    const slugs = Object.keys(departments) as DepartmentSlug[];
    const clerks = Object.fromEntries(slugs.map((s) => [s, departmentClerk(s)])) as Record<DepartmentSlug, string>;
    const founder = walkInPerson(5);

    // Filed at the community centre's window through the API (the intake page has its own journey).
    const clerk = await apiSession(base, 'staff', communityClerk);
    const uploads: Record<string, string> = {};
    for (const m of ['application', 'articles', 'officer_appointments', 'seal_order', 'account_application', 'SH-SAMR-XK-001.application'])
      uploads[m] = await clerk.upload(`${m}.pdf`);
    // What the intake screen fills in for the person present, through the data hub, under what the clerk typed.
    const filing = startABusinessFiling(founder, uploads);
    // The founder is present: their ID card read by the centre's (simulated) reader.
    await clerk.post('/datahub/presence', await clerk.post('/dev/card-reader/read', { idNumber: founder.idNumber }));
    const prefill = (await clerk.get(`/datahub/prefill?item=${filing.itemCode}&applicant=${founder.idNumber}`)) as {
      values: Record<string, unknown>;
    };
    const filed = await clerk.post('/cases/window-intake', { ...filing, form: { ...prefill.values, ...filing.form } });
    await clerk.dispose();
    const members = filed.members as { caseId: string; trackingNumber: string; itemCode: string; departmentId: string }[];
    expect(members.map((m) => m.departmentId).sort()).toEqual(['SH-GSO', 'SH-HPF', 'SH-HRSS', 'SH-PSB', 'SH-SAMR', 'SH-TAX', 'SH-TAX']);

    // Every member department sees its member case in its own inbox at once.
    for (const slug of slugs) {
      const staff = await staffPage(browser, base, clerks[slug], false);
      await openInbox(staff);
      for (const m of members.filter((x) => x.departmentId === departments[slug])) {
        await expect(taskRow(staff, m.trackingNumber)).toContainText('按时');
      }
      if (slug === 'psb') await shot(staff, testInfo, '4c-01-inbox-psb');
      await staff.context().close();
    }

    // All members but the bank account conclude; the parent still runs.
    const bank = members.find((m) => m.itemCode === 'SH-GSO-GG-001') as (typeof members)[number];
    await Promise.all(
      members
        .filter((m) => m !== bank)
        .map((m) => {
          const slug = slugs.find((s) => departments[s] === m.departmentId) as DepartmentSlug;
          return concludeThroughApi(base, m.caseId, [clerks[slug], `reviewer.${slug}`, `approver.${slug}`]);
        }),
    );
    await loginAsStaff(page, communityClerk);
    await page.goto(`/workbench/cases/${filed.caseId}`);
    await expect(page.getByTestId('case-status')).toHaveText('办理中');
    await expect(page.getByTestId('member-row').filter({ hasText: '已办结（准予）' })).toHaveCount(6);

    // The last member concludes in the workbench: the approver decides with reasons and legal basis.
    await concludeThroughApi(base, bank.caseId, [clerks.gso, 'reviewer.gso']);
    const approver = await staffPage(browser, base, 'approver.gso', false);
    await approver.goto(`/workbench/cases/${bank.caseId}`);
    await expect(approver.getByText('本件是“一件事”的成员办件，所属：')).toContainText('企业开办一件事');
    await approver.getByTestId('case-actions').getByRole('button', { name: '作出决定' }).click();
    const dialog = approver.getByRole('dialog');
    await dialog.getByLabel('决定理由').fill('开户资料齐全，准予预约开户');
    await expect(dialog.getByLabel('法律法规名称 1')).not.toHaveValue('');
    await shot(approver, testInfo, '4c-02-decide');
    await dialog.getByRole('button', { name: '作出决定' }).click();
    await expect(approver.getByTestId('case-status')).toHaveText('已办结（准予）');
    await approver.context().close();

    await page.reload();
    await expect(page.getByTestId('case-status')).toHaveText('已办结（准予）');
    await expect(page.getByTestId('member-row').filter({ hasText: '已办结（准予）' })).toHaveCount(7);
    await expect(page.getByTestId('case-timeline')).toContainText('一件事办结');
    await shot(page, testInfo, '4c-03-parent-concluded');
    await expectNoSeriousA11yViolations(page);
  },
);
