import type { Page, TestInfo } from '@playwright/test';
import { expect, shot as fullPageShot, isPhone, loginAsStaff, test } from './support.ts';

/** A full-page picture from the top, so the sticky header sits where it belongs. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPageShot(page, testInfo, name);
}

// The catalogue journeys run at desktop and phone width. The admin journey writes, so each project
// edits its own item (both of 市场监管局, whose department administrator drafts and the system
// administrator publishes).

test('a citizen searches 开办企业, opens the bundle guide and narrows the materials by situation', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '高频事项' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '人生事件和企业事件' })).toBeVisible();
  await expect(page.getByRole('link', { name: /企业开办\s*\d+/ }).first()).toBeVisible();
  await shot(page, testInfo, '50-catalogue-home');

  const search = page.getByRole('searchbox', { name: '搜索办事服务' });
  await search.fill('开办企业');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/services\?q=/);
  const results = page.getByTestId('search-results').getByRole('listitem');
  await expect(results.first()).toContainText('企业开办一件事');
  await expect(page.getByRole('heading', { name: /共找到 \d+ 项服务/ })).toBeVisible();
  await shot(page, testInfo, '51-catalogue-search');

  // Filters narrow the list and live in the URL.
  // (click, not check: the box follows the URL, which updates a moment later)
  const zeroVisits = page.getByRole('checkbox', { name: '只看零跑动' });
  await zeroVisits.click();
  await expect(page).toHaveURL(/zeroVisits=true/);
  await expect(zeroVisits).toBeChecked();
  await expect(results.first()).not.toContainText('企业开办一件事');
  await zeroVisits.click();
  await expect(page).not.toHaveURL(/zeroVisits/);

  await results.first().getByRole('link', { name: '企业开办一件事' }).click();
  await expect(page).toHaveURL(/\/services\/SH-YJS-001$/);
  await expect(page.getByRole('heading', { level: 1, name: '企业开办一件事' })).toBeVisible();
  await expect(page.getByTestId('bundle-members').getByRole('listitem')).toHaveCount(7);
  await expect(page.getByTestId('fact-promised')).toContainText('2 个工作日');

  const bring = page.getByTestId('materials-applicant');
  const shared = page.getByTestId('materials-platform');
  // Before any answer, situation-dependent materials are listed and marked.
  await expect(bring).toContainText('房屋租赁合同');
  await expect(bring).toContainText('授权委托书');
  await expect(bring.getByText('视情形').first()).toBeVisible();
  await expect(shared).toContainText('无需提交 — 由公安部门人口信息库共享获取');
  await expect(shared).toContainText('营业执照');

  const questions = page.getByTestId('questionnaire');
  await questions.getByRole('group', { name: '住所（经营场所）是？' }).getByRole('radio', { name: '自有房屋' }).check();
  await questions.getByRole('group', { name: '由谁办理？' }).getByRole('radio', { name: '本人（法定代表人）办理' }).check();
  await questions.getByRole('group', { name: '股东（出资人）是？' }).getByRole('radio', { name: '自然人', exact: true }).check();
  await expect(bring).not.toContainText('房屋租赁合同');
  await expect(bring).not.toContainText('授权委托书');
  await expect(page.getByTestId('materials-summary')).toContainText('已去掉 2 项不适用的材料');
  await expect(bring.getByText('视情形')).toHaveCount(0);
  await shot(page, testInfo, '52-catalogue-bundle-guide-narrowed');

  // Leased premises bring the lease back; an agent brings the power of attorney back.
  await questions.getByRole('radio', { name: '租赁房屋' }).check();
  await expect(bring).toContainText('房屋租赁合同');
  await questions.getByRole('radio', { name: '委托他人代为办理' }).check();
  await expect(bring).toContainText('授权委托书');

  // A member item's own guide.
  await page.getByTestId('bundle-members').getByRole('link', { name: '有限责任公司设立登记' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '有限责任公司设立登记' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '设定依据' })).toBeVisible();
  await expect(page.getByRole('link', { name: '企业开办一件事' })).toBeVisible();
  await shot(page, testInfo, '53-catalogue-item-guide');
});

test('a department administrator edits an item, another administrator publishes it, and the portal shows it', async ({
  page,
}, testInfo) => {
  const code = isPhone(testInfo) ? 'SH-SAMR-XK-003' : 'SH-SAMR-XK-002';

  await page.goto(`/services/${code}`);
  await expect(page.getByTestId('fact-promised')).toContainText('1 个工作日');
  const before = Number(await page.getByTestId('service-guide').getAttribute('data-version'));

  await loginAsStaff(page, 'deptadmin.samr');
  await page.goto('/admin/catalogue');
  await expect(page.getByRole('heading', { level: 1, name: '事项目录管理' })).toBeVisible();
  await page.goto(`/admin/catalogue/${code}`);
  await expect(page.getByTestId('published-version')).toContainText(`对外发布：第 ${before} 版`);
  await page.getByLabel('承诺时限（工作日）').fill('2');
  await page.getByRole('button', { name: '保存草稿' }).click();
  // The saved draft is the new latest version (the toast saying so may be gone already).
  await expect(page.getByText(`最新：第 ${before + 1} 版`)).toContainText('草稿');
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByText(`最新：第 ${before + 1} 版`)).toContainText('待审核');

  // The author is told someone else publishes (the server refuses self-publication: module tests).
  await expect(page.getByText(/由起草人以外/)).toBeVisible();
  await shot(page, testInfo, '54-catalogue-admin-submitted');

  // The portal still shows the published version.
  await page.goto(`/services/${code}`);
  await expect(page.getByTestId('fact-promised')).toContainText('1 个工作日');

  await page.context().clearCookies();
  await loginAsStaff(page, 'admin');
  await page.goto('/admin/catalogue');
  await page.getByTestId('draft-row').getByRole('link', { name: code }).click();
  await expect(page.getByText(`最新：第 ${before + 1} 版`)).toContainText('待审核');
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await expect(page.getByTestId('published-version')).toContainText(`对外发布：第 ${before + 1} 版`);
  await expect(page.getByTestId('version-row')).toHaveCount(before + 1);
  // Side-by-side comparison of the two versions.
  const change = page.getByTestId('change-row').filter({ hasText: 'promisedDays' });
  await expect(change).toContainText('1');
  await expect(change).toContainText('2');
  await shot(page, testInfo, '55-catalogue-admin-published');

  await page.getByRole('link', { name: '在门户查看' }).click();
  await expect(page.getByTestId('fact-promised')).toContainText('2 个工作日');
  await expect(page.getByTestId('service-guide')).toHaveAttribute('data-version', String(before + 1));
  await shot(page, testInfo, '56-catalogue-new-version-on-portal');
});
