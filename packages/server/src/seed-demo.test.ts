import { staffRoles } from '@tongban/domain';
import { buildDemoCity, buildTestCity, DEMO_PASSWORD } from '@tongban/seed';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, TestClient } from '../test/harness.ts';
import { seedCity, seedDemoIfEmpty } from './seed-demo.ts';

async function count(t: TestApp, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const rows = await t.app.platform.db.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, params);
  return rows[0]?.n ?? -1;
}

describe('demo seed', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('loads the whole demo city into an empty database once, and a second call changes nothing', async () => {
    t = await createTestApp();
    const city = buildDemoCity();
    const seeded = await seedDemoIfEmpty(t.app.platform);
    expect(seeded).toBeDefined();

    expect(await count(t, 'department')).toBe(city.departments.length);
    expect(await count(t, 'department', `kind = 'district'`)).toBe(16);
    expect(await count(t, 'staff')).toBe(city.staff.length);
    expect(await count(t, 'staff_role')).toBe(city.staff.reduce((n, s) => n + s.roles.length, 0));
    expect(await count(t, 'registry_person')).toBe(20_000);
    expect(await count(t, 'registry_enterprise')).toBe(3_000);
    expect(await count(t, 'user_account')).toBe(4);
    expect(await count(t, 'enterprise_account')).toBe(1);
    expect(await count(t, 'enterprise_member')).toBe(2);
    const [audit] = await t.app.platform.db.query<{ detail: Record<string, unknown> }>(
      `select detail from audit_log where action = 'seed.demo_city.loaded'`,
    );
    expect(audit?.detail).toMatchObject({ departments: city.departments.length, people: 20_000, enterprises: 3_000, users: 4 });

    // A login line per role and for each demo citizen, each naming a real account.
    const logins = seeded?.logins ?? [];
    for (const role of staffRoles) expect(logins.some((l) => l.role === role)).toBe(true);
    for (const login of logins) {
      expect(login.password).toBe(DEMO_PASSWORD);
      expect(login.note).not.toBe('');
      const table = login.role.startsWith('citizen') ? 'user_account' : 'staff';
      const column = table === 'staff' ? 'username' : 'id_number';
      expect(await count(t, table, `${column} = $1`, [login.username]), login.username).toBe(1);
    }
    expect(logins.filter((l) => l.role.startsWith('citizen'))).toHaveLength(4);

    const before = await count(t, 'audit_log');
    expect(await seedDemoIfEmpty(t.app.platform)).toBeUndefined();
    expect(await count(t, 'department')).toBe(city.departments.length);
    expect(await count(t, 'registry_person')).toBe(20_000);
    expect(await count(t, 'audit_log')).toBe(before);
  }, 120_000);

  it('gives accounts that log in with the demo password: staff, and citizens by ID number or mobile', async () => {
    t = await createTestApp();
    const city = buildTestCity();
    expect(await seedCity(t.app.platform, city)).toMatchObject({ people: 300, enterprises: 30, users: 4, enterpriseAccounts: 1 });
    // Not empty any more: the demo city is not loaded on top.
    expect(await seedDemoIfEmpty(t.app.platform)).toBeUndefined();
    expect(await count(t, 'registry_person')).toBe(300);

    const staff = new TestClient(t.app);
    const staffLogin = await staff.post('/api/v1/auth/login', { kind: 'staff', username: 'admin', password: DEMO_PASSWORD });
    expect(staffLogin.statusCode).toBe(200);
    expect(staffLogin.json()).toMatchObject({ kind: 'staff', roles: ['system_admin'], departmentId: 'SH-GSO' });

    const rep = new TestClient(t.app);
    const repLogin = await rep.post('/api/v1/auth/login', {
      kind: 'user',
      username: city.demo.legalRepresentative.mobile,
      password: DEMO_PASSWORD,
    });
    expect(repLogin.statusCode).toBe(200);
    const repMe = repLogin.json() as { kind: string; enterprises: { creditCode: string; capacity: string }[] };
    expect(repMe.kind).toBe('user');
    expect(repMe.enterprises).toEqual([
      expect.objectContaining({ creditCode: city.demo.enterprise.creditCode, capacity: 'legal_representative' }),
    ]);

    const wrong = await new TestClient(t.app).post('/api/v1/auth/login', {
      kind: 'user',
      username: city.demo.citizen.idNumber,
      password: 'Wrong2026x',
    });
    expect(wrong.statusCode).toBe(401);
  }, 120_000);
});
