import { expect, expectNoSeriousA11yViolations, loginAsStaff, staffWithRole, test } from './support.ts';

// axe on the pages every visitor meets first, in both languages' default (Chinese) and at both widths.
for (const path of ['/', '/login', '/register']) {
  test(`accessibility: ${path} has no serious or critical axe violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
}

test('accessibility: the workbench has no serious or critical axe violations', async ({ page }) => {
  await loginAsStaff(page, staffWithRole('window_clerk', 'clerk.huangpu.nanjingdonglu').username);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test('keyboard: the skip link moves focus to the main content', async ({ page }) => {
  await page.goto('/login');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到主要内容' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
});
