import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { choose, DESK, expect, expectNoSeriousA11yViolations, expectRefusedRequest, loginAsStaff, test } from './support.ts';

/**
 * A full-page picture from the top (e2e/artifacts, like support.ts `shot`). The editor's save bar
 * sticks to the bottom of the window, which a full-page picture would draw mid-page: it is shown
 * in its place after the form instead.
 */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(350);
  await page.screenshot({
    path: join(import.meta.dirname, 'artifacts', `${testInfo.project.name}-${name}.png`),
    fullPage: true,
    style: '.tb-editor-actions { position: static !important; }',
  });
}

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole('tab', { name: new RegExp(`^${name}`) })).toHaveAttribute('aria-selected', 'true');
}

// The department administrator of 市场监管局 creates an item and builds it in the editor's tabs; the
// system administrator publishes it. Each retry creates its own item code.

test(
  'an administrator creates an item with a situation, a conditional document, a form field and a second step; another publishes it',
  { tag: DESK },
  async ({ page, consoleErrors }, testInfo) => {
    // A long journey (two logins, five tabs, a refused and an accepted save, publication, the portal) on a shared machine.
    test.slow();
    const code = `SH-SAMR-E2E-D${testInfo.retry}`;
    const name = '测试经营许可';

    await loginAsStaff(page, 'deptadmin.samr');
    await page.goto('/admin/catalogue');
    await page.getByRole('link', { name: '新建事项' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '新建事项' })).toBeVisible();

    await page.getByLabel('事项编码').fill(code.toLowerCase());
    await expect(page.getByLabel('事项编码')).toHaveValue(code);
    await page.getByLabel('事项名称（中文）').fill(name);
    await page.getByLabel('事项名称（英文）').fill('Test business permit');
    await choose(page, page.getByRole('combobox', { name: '事项类型' }), '行政许可');
    await choose(page, page.getByRole('combobox', { name: '服务对象' }), '法人（企业）');
    await choose(page, page.getByRole('combobox', { name: '责任部门（实施主体）' }), '上海市市场监督管理局');
    // The contacts follow the department's phone.
    await expect(page.getByLabel('咨询电话')).not.toHaveValue('');
    await page.getByLabel('依据 1：法律法规').fill('《上海市测试经营管理条例》');
    await page.getByLabel('依据 1：条款').fill('第十条');
    await page.getByLabel('法定时限（工作日）').fill('20');
    await page.getByLabel('承诺时限（工作日）').fill('5');
    await expect(page.getByRole('checkbox', { name: '网上办理' })).toBeChecked();
    await expectNoSeriousA11yViolations(page);
    await shot(page, testInfo, '57-catalogue-create');
    await page.getByRole('button', { name: '创建草稿' }).click();

    await expect(page).toHaveURL(new RegExp(`/admin/catalogue/${code}$`));
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByText('最新：第 1 版')).toContainText('草稿');
    await expect(page.getByRole('tab', { name: '基本信息' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('combobox', { name: '责任部门（实施主体）' })).toBeVisible();
    await shot(page, testInfo, '58-catalogue-editor-basics');

    // 情形: one question with two answers.
    await openTab(page, '情形');
    await page.getByRole('button', { name: '添加情形问题' }).click();
    const question = page.getByRole('group', { name: /^问题 1( ·|$)/ });
    await question.getByLabel('问题（中文）').fill('经营场所是？');
    await question.getByLabel('问题（英文）').fill('Business premises?');
    await question.getByLabel('问题编码').fill('premises');
    await question.getByLabel('选项 1 编码').fill('owned');
    await question.getByLabel('选项 1（中文）').fill('自有房屋');
    await question.getByLabel('选项 1（英文）').fill('Owned');
    await question.getByLabel('选项 2 编码').fill('leased');
    await question.getByLabel('选项 2（中文）').fill('租赁房屋');
    await question.getByLabel('选项 2（英文）').fill('Leased');
    await shot(page, testInfo, '59-catalogue-editor-situations');

    // 材料: an application form always, a lease only for leased premises, and the applicant's ID from the data hub.
    await openTab(page, '材料');
    await page.getByRole('button', { name: '添加材料' }).click();
    const application = page.getByRole('group', { name: /^材料 1 ·/ });
    await application.getByLabel('材料名称（中文）').fill('测试经营许可申请书');
    await application.getByLabel('材料名称（英文）').fill('Application form');

    await page.getByRole('button', { name: '添加材料' }).click();
    const lease = page.getByRole('group', { name: /^材料 2 ·/ });
    await lease.getByLabel('材料名称（中文）').fill('经营场所租赁合同');
    await lease.getByLabel('材料名称（英文）').fill('Lease of the premises');
    await choose(page, lease.getByRole('combobox', { name: /“经营场所是？”的适用回答/ }), '租赁房屋');
    await page.keyboard.press('Escape');
    // A condition makes the document "depends on the situation".
    await expect(lease).toContainText('视情形提交');

    await page.getByRole('button', { name: '添加材料' }).click();
    const id = page.getByRole('group', { name: /^材料 3 ·/ });
    await id.getByLabel('材料名称（中文）').fill('法定代表人身份证明');
    await id.getByLabel('材料名称（英文）').fill('ID of the legal representative');
    await choose(page, id.getByRole('combobox', { name: '来源' }), '数据共享（数据资源）');
    await choose(page, id.getByRole('combobox', { name: '数据资源' }), '人口基础信息（含户籍） (POPULATION)');
    await choose(page, id.getByRole('combobox', { name: '使用的字段' }), '姓名 (name)');
    await page.locator('.ant-select-dropdown:visible').getByTitle('公民身份号码 (id_number)', { exact: true }).click();
    await page.keyboard.press('Escape');
    await expect(id).toContainText('无需提交');
    await shot(page, testInfo, '60-catalogue-editor-materials');

    // 表单: the enterprise's name, pre-filled from the enterprise register.
    await openTab(page, '表单');
    await page.getByRole('button', { name: '添加字段' }).click();
    const field = page.getByRole('group', { name: /^字段 1( ·|$)/ });
    await field.getByLabel('字段键').fill('enterprise.name');
    await field.getByLabel('字段名称（中文）').fill('企业名称');
    await field.getByLabel('字段名称（英文）').fill('Enterprise name');
    await field.getByLabel('预填来源').fill('enterprise.name');
    await page.keyboard.press('Escape');
    await shot(page, testInfo, '61-catalogue-editor-form');

    // 流程: a second step. Made an "accept" step taking 9 days first, to see the server's checks land on the fields.
    await openTab(page, '流程');
    await page.getByRole('button', { name: '添加环节' }).click();
    const review = page.getByRole('group', { name: /^环节 2( ·|$)/ });
    await review.getByLabel('环节名称（中文）').fill('审查');
    await review.getByLabel('环节名称（英文）').fill('Review');
    await choose(page, review.getByRole('combobox', { name: '环节类型' }), '受理');
    await review.getByLabel('时限（工作日）').fill('9');
    await expect(page.getByTestId('process-budget')).toContainText('各环节合计 10 个工作日，超过承诺时限 5 个工作日');

    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect(page.getByRole('tab', { name: /^流程/ })).toContainText('2 处需修改');
    await expect(review.getByText('受理环节必须是第一个环节。')).toBeVisible();
    await expect(page.getByText(/各环节时限合计 10 个工作日，超过承诺时限 5/)).toBeVisible();
    // The refused save (HTTP 400) is expected here, not a fault of the page.
    expectRefusedRequest(consoleErrors, 400);
    await shot(page, testInfo, '62-catalogue-editor-server-errors');

    await choose(page, review.getByRole('combobox', { name: '环节类型' }), '审查');
    await review.getByLabel('时限（工作日）').fill('3');
    await expect(page.getByTestId('process-budget')).toContainText('各环节合计 4 个工作日，承诺时限 5 个工作日');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect(page.getByRole('tab', { name: /^流程/ })).not.toContainText('需修改');
    // After the save the editor reloads the draft and stays on the same tab.
    await expect(page.getByRole('tab', { name: /^流程/ })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('group', { name: /^环节 2 · 审查/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await shot(page, testInfo, '63-catalogue-editor-process');

    await page.getByRole('button', { name: '提交审核' }).click();
    await expect(page.getByText('最新：第 1 版')).toContainText('待审核');

    await page.context().clearCookies();
    await loginAsStaff(page, 'admin');
    await page.goto('/admin/catalogue');
    await page.getByTestId('draft-row').getByRole('link', { name: code }).click();
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await expect(page.getByTestId('published-version')).toContainText('对外发布：第 1 版');

    // The portal shows the new item; the questionnaire narrows its documents.
    await page.getByRole('link', { name: '在门户查看' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const bring = page.getByTestId('materials-applicant');
    await expect(bring).toContainText('测试经营许可申请书');
    await expect(bring).toContainText('经营场所租赁合同');
    await expect(page.getByTestId('materials-platform')).toContainText('法定代表人身份证明');
    const questions = page.getByTestId('questionnaire');
    await questions.getByRole('group', { name: '经营场所是？' }).getByRole('radio', { name: '自有房屋' }).check();
    await expect(bring).not.toContainText('经营场所租赁合同');
    await expect(page.getByTestId('materials-summary')).toContainText('已去掉 1 项不适用的材料');
    await shot(page, testInfo, '64-catalogue-new-item-on-portal');
    await questions.getByRole('radio', { name: '租赁房屋' }).check();
    await expect(bring).toContainText('经营场所租赁合同');
  },
);
