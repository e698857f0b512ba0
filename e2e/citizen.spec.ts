import { DEMO_PASSWORD, demoCity, expect, expectRefusedRequest, isPhone, shot, smsCode, test, unregisteredPerson } from './support.ts';

/** Swaps the last (check) character for a wrong one: the form must catch it before the server does. */
function withWrongCheckDigit(idNumber: string): string {
  const last = idNumber.at(-1);
  return idNumber.slice(0, 17) + (last === '0' ? '1' : '0');
}

test('journey 1: a citizen registers, logs in and switches the language to English and back', async ({ page, consoleErrors }, testInfo) => {
  const person = unregisteredPerson(testInfo.project.name === 'phone' ? 1 + testInfo.retry : 10 + testInfo.retry);

  // The portal home, in Chinese by default.
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('欢迎使用通办');
  await shot(page, testInfo, '01-home');

  // To the registration page (on phones through the menu drawer).
  if (isPhone(testInfo)) {
    await page.getByRole('button', { name: '打开菜单' }).click();
    await shot(page, testInfo, '02-home-menu');
    await page.getByRole('dialog').getByRole('link', { name: '注册' }).click();
  } else {
    await page.getByRole('banner').getByRole('link', { name: '注册' }).click();
  }
  await expect(page).toHaveURL(/\/register$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('个人实名注册');

  // Inline check of the ID number's check digit, before anything is sent.
  const idInput = page.getByLabel('居民身份证号码');
  await page.getByLabel('姓名').fill(person.name);
  await idInput.fill(withWrongCheckDigit(person.idNumber));
  await idInput.blur();
  await expect(page.getByText('身份证号码校验位不正确，请检查是否输错')).toBeVisible();
  await shot(page, testInfo, '03-register-invalid-id');

  await idInput.fill(person.idNumber.toLowerCase());
  await expect(page.getByText('身份证号码校验位不正确，请检查是否输错')).toBeHidden();
  // The registry's mobile for this person: the code goes there, and only there.
  await page.getByLabel('手机号码').fill(person.mobile);
  const askedAt = new Date();
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByTestId('register-code-sent')).toContainText('政务服务窗口');
  await page.getByLabel('短信验证码').fill(await smsCode(person.mobile, askedAt));
  await page.getByLabel('设置密码').fill(DEMO_PASSWORD);
  await page.getByLabel('确认密码').fill(DEMO_PASSWORD);
  await shot(page, testInfo, '04-register-filled');
  await page.getByRole('button', { name: '注册', exact: true }).click();

  // Registered, verified against the registry, and signed in.
  await expect(page).toHaveURL(/\/account/);
  await expect(page.getByRole('heading', { level: 1, name: '我的账户' })).toBeVisible();
  await expect(page.getByTestId('account-profile')).toContainText(person.name);
  // The header knows about the new session too.
  await expect(page.getByTestId('header-account')).toContainText(person.name);
  await shot(page, testInfo, '05-account-after-register');

  // Log out, then log in with the ID number.
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/login');
  const panel = page.getByRole('tabpanel', { name: '个人登录' });
  await panel.getByLabel('身份证号或手机号').fill(person.idNumber);
  await panel.getByLabel('密码', { exact: true }).fill('wrong-password-1');
  await panel.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('login-error')).toHaveText('账号或密码不正确。');
  expectRefusedRequest(consoleErrors, 401);
  await shot(page, testInfo, '06-login-wrong-password');
  await panel.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await panel.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('account-profile')).toContainText(person.name);

  // English, kept across a reload, then back to Chinese.
  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
  await expect(page.getByText('Verified against the population registry')).toBeVisible();
  await shot(page, testInfo, '07-account-english');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome back, ${person.name}`);
  await shot(page, testInfo, '08-home-english');
  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${person.name}，欢迎回来`);
  await shot(page, testInfo, '09-home-chinese-again');
});

test('the enterprise tab explains how legal persons sign in, and the demo representative sees the enterprise', async ({
  page,
}, testInfo) => {
  const rep = demoCity().demo.legalRepresentative;
  await page.goto('/login?tab=enterprise');
  const panel = page.getByRole('tabpanel', { name: '法人登录' });
  await expect(panel.getByText('法人账户由法定代表人或经办人使用本人的个人账户登录')).toBeVisible();
  await shot(page, testInfo, '10-login-enterprise');
  await panel.getByLabel('身份证号或手机号').fill(rep.mobile);
  await panel.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await panel.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/account$/);
  const list = page.getByTestId('enterprise-list');
  await expect(list).toContainText(demoCity().demo.enterprise.name);
  await expect(list).toContainText('法定代表人');
  await list.getByRole('button', { name: /经办人/ }).click();
  await expect(list).toContainText(demoCity().demo.agent.name);
  await shot(page, testInfo, '11-account-enterprise');
});
