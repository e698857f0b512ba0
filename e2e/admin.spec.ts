import { chooseInTree, DEMO_PASSWORD, DESK, expect, loginAsStaff, shot, test } from './support.ts';

// Administration writes through the real API; run at desktop width only (see playwright.config.ts).

test('a system administrator creates and edits a department', { tag: DESK }, async ({ page }, testInfo) => {
  await loginAsStaff(page, 'admin');
  await page.goto('/admin/departments');
  const tree = page.getByRole('tree');
  await tree.getByText('黄浦区', { exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: '黄浦区' })).toBeVisible();
  await page.getByRole('button', { name: '新建下级部门' }).click();

  const dialog = page.getByRole('dialog', { name: '新建部门' });
  await dialog.getByLabel('部门编码').fill('sh-hp-e2e');
  await dialog.getByLabel('中文名称').fill('黄浦区测试办公室');
  await dialog.getByLabel('英文名称').fill('Huangpu Test Office');
  await dialog.getByLabel('行政区划代码').fill('12');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('6 至 12 位数字')).toBeVisible();
  await dialog.getByLabel('行政区划代码').fill('');
  await shot(page, testInfo, '40-admin-department-create');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('searchbox', { name: '搜索部门名称或编码' }).fill('SH-HP-E2E');
  await tree.getByText('黄浦区测试办公室').click();
  await expect(page.getByRole('heading', { level: 2, name: '黄浦区测试办公室' })).toBeVisible();
  await page.getByRole('button', { name: '编辑' }).click();
  const edit = page.getByRole('dialog', { name: '编辑部门' });
  await expect(edit.getByLabel('部门编码')).toBeDisabled();
  await edit.getByLabel('英文名称').fill('Huangpu E2E Office');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText('Huangpu E2E Office')).toBeVisible();
  await shot(page, testInfo, '41-admin-department-edited');
});

test(
  'a system administrator creates a staff member, who can log in until deactivated',
  { tag: DESK },
  async ({ page, browser }, testInfo) => {
    await loginAsStaff(page, 'admin');
    await page.goto('/admin/staff');
    await page.getByRole('button', { name: '新增人员' }).click();
    const dialog = page.getByRole('dialog', { name: '新增人员' });
    await dialog.getByLabel('用户名').fill('e2e.clerk');
    await dialog.getByLabel('姓名').fill('测试受理员');
    const department = dialog.getByRole('combobox', { name: /部门/ });
    await chooseInTree(page, department, '南京东路街道社区事务', '南京东路街道社区事务受理服务中心');
    await dialog.getByRole('checkbox', { name: '综合窗口受理员' }).check();
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText('至少 8 位，须同时包含字母和数字')).toHaveCount(2);
    await dialog.getByLabel('初始密码').fill(DEMO_PASSWORD);
    await shot(page, testInfo, '42-admin-staff-create');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();

    const search = page.getByRole('searchbox', { name: '按姓名或用户名搜索' });
    await search.fill('e2e.clerk');
    await search.press('Enter');
    const rows = page.getByTestId('staff-row');
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('南京东路街道社区事务受理服务中心');
    await expect(rows).toContainText('启用');

    // The new account works.
    const other = await browser.newPage();
    await loginAsStaff(other, 'e2e.clerk');
    await expect(other.getByTestId('workbench-roles')).toContainText('综合窗口受理员');

    // Deactivated: the open session ends and a new login is refused.
    await rows.getByRole('button', { name: '停用' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
    await expect(rows).toContainText('停用');
    await shot(page, testInfo, '43-admin-staff-deactivated');
    await other.reload();
    await expect(other).toHaveURL(/\/login\?tab=staff/);
    const panel = other.getByRole('tabpanel', { name: '工作人员' });
    await panel.getByLabel('工作人员用户名').fill('e2e.clerk');
    await panel.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await panel.getByRole('button', { name: '登录' }).click();
    await expect(other.getByTestId('login-error')).toBeVisible();
    await other.close();
  },
);
