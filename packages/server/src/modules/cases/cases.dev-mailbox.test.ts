import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginStaff } from '../../../test/fixtures/identity-fixtures.ts';
import { applyOnline, type CasesWorld, createCasesWorld } from './testing/case-fixtures.ts';

// The development mailbox shows every captured e-mail of every person: it exists only when
// explicitly enabled (DEV_MAILBOX=true, never in production) and then only for system administrators.
describe('the development mailbox', () => {
  let off: CasesWorld;
  let on: CasesWorld;
  beforeAll(async () => {
    [off, on] = await Promise.all([createCasesWorld(), createCasesWorld({ DEV_MAILBOX: 'true' })]);
    for (const w of [off, on])
      await applyOnline(w, 'TEST-PERMIT', 'alice', { contact: { email: 'alice@example.cn', mobile: '13800000001' } });
  });
  afterAll(async () => {
    await off?.close();
    await on?.close();
  });

  it('does not exist unless DEV_MAILBOX=true, not even for a system administrator', async () => {
    expect(off.app.platform.config.DEV_MAILBOX).toBe(false);
    for (const client of [await loginStaff(off.app, 'sysAdmin'), await off.user('alice')]) {
      expect((await client.get('/api/v1/dev/mailbox')).statusCode).toBe(404);
    }
  });

  it('when enabled, shows the captured mail to system administrators only', async () => {
    const admin = await loginStaff(on.app, 'sysAdmin');
    const mails = (await admin.get('/api/v1/dev/mailbox?to=alice@example.cn')).json().items;
    expect(mails.length).toBeGreaterThan(0);
    expect(mails[0].body).toContain('办件');
    const others = [
      await on.user('alice'),
      await on.user('dave'),
      await on.staff('reviewer'),
      await on.staff('supervisor'),
      await on.staff('pdAdmin'),
    ];
    for (const client of others) {
      const res = await client.get('/api/v1/dev/mailbox?to=alice@example.cn');
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('AUTH_FORBIDDEN');
    }
  });

  it('is part of the access matrix: the route declares a permission only system_admin holds', () => {
    const route = on.app.registeredRoutes.find((r) => r.url === '/api/v1/dev/mailbox');
    expect(route?.access).toEqual({ permission: 'notify.dev_mailbox.read' });
  });
});
