import { expect, isPhone, loginAsStaff, shot, staffWithRole, test } from './support.ts';

test('journey 2: a window clerk logs in and sees the workbench with their department', async ({ page }, testInfo) => {
  const clerk = staffWithRole('window_clerk', 'clerk.huangpu.nanjingdonglu');
  await page.goto('/workbench');
  // Not signed in: sent to the staff tab of the login page, and back to the workbench after.
  await expect(page).toHaveURL(/\/login\?tab=staff/);
  await shot(page, testInfo, '20-login-staff');
  await loginAsStaff(page, clerk.username);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${clerk.name}，您好`);
  await expect(page.getByTestId('workbench-department')).toHaveText(clerk.departmentNameZh);
  await expect(page.getByTestId('workbench-roles')).toContainText('综合窗口受理员');
  await expect(page.getByTestId('header-name')).toContainText(clerk.name);
  if (isPhone(testInfo)) {
    await shot(page, testInfo, '21-workbench-clerk');
    await page.getByRole('button', { name: '打开菜单' }).click();
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('drawer-department')).toContainText(clerk.departmentNameZh);
    await expect(drawer.getByRole('link', { name: '工作台首页' })).toBeVisible();
    // A clerk administers nothing: no link to the admin pages.
    await expect(drawer.getByRole('link', { name: '系统管理' })).toHaveCount(0);
    await shot(page, testInfo, '22-workbench-clerk-menu');
  } else {
    await expect(page.getByTestId('header-department')).toContainText(clerk.departmentNameZh);
    const nav = page.getByRole('navigation', { name: '工作台' });
    await expect(nav.getByRole('link', { name: '工作台首页' })).toHaveAttribute('aria-current', 'page');
    await expect(nav.getByRole('link', { name: '系统管理' })).toHaveCount(0);
    await shot(page, testInfo, '21-workbench-clerk');
  }

  // The admin pages refuse a clerk even when typed in.
  await page.goto('/admin/staff');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('无权访问');

  // English names the department in English.
  await page.goto('/workbench');
  await page.getByTestId('language-switch').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${clerk.name}`);
  await expect(page.getByTestId('workbench-department')).toHaveText(clerk.departmentNameEn);
  await expect(page.getByTestId('workbench-roles')).toContainText('Window clerk');
  await shot(page, testInfo, '23-workbench-clerk-english');
});

test('journey 3: the system administrator sees the staff list, departments and roles', async ({ page }, testInfo) => {
  const admin = staffWithRole('system_admin', 'admin');
  await loginAsStaff(page, admin.username);
  await expect(page.getByTestId('workbench-roles')).toContainText('系统管理员');
  await shot(page, testInfo, '30-workbench-admin');

  if (isPhone(testInfo)) {
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('dialog').getByRole('link', { name: '系统管理' }).click();
  } else {
    await page.getByRole('navigation', { name: '工作台' }).getByRole('link', { name: '系统管理' }).click();
  }
  // /admin opens the first section the admin may use.
  await expect(page).toHaveURL(/\/admin\/departments$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('部门管理');
  await expect(page.getByRole('tree')).toContainText('上海市');
  await shot(page, testInfo, '31-admin-departments');

  await page.goto('/admin/staff');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('人员管理');
  const table = page.getByTestId('staff-table');
  await expect(table.getByTestId('staff-row')).toHaveCount(20);
  await expect(table).toContainText(admin.name);
  await shot(page, testInfo, '32-admin-staff');

  // Filter by name.
  const clerk = staffWithRole('window_clerk', 'clerk.huangpu.nanjingdonglu');
  await page.getByRole('searchbox', { name: '按姓名或用户名搜索' }).fill(clerk.username);
  await page.getByRole('searchbox', { name: '按姓名或用户名搜索' }).press('Enter');
  await expect(table.getByTestId('staff-row')).toHaveCount(1);
  await expect(table).toContainText(clerk.name);
  await shot(page, testInfo, '33-admin-staff-filtered');

  await page.goto('/admin/roles');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('角色与权限');
  await expect(page.getByTestId('roles-table')).toContainText('综合窗口受理员');
  await shot(page, testInfo, '34-admin-roles');
});
