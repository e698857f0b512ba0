import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshAddress, loginStaff } from '../../../test/fixtures/identity-fixtures.ts';
import { createTestApp, type TestApp, TestClient } from '../../../test/harness.ts';
import { seedCatalogueFixtures } from './testing/fixture-setup.ts';
import { buildItem } from './testing/item-builder.ts';

/**
 * Four eyes on publication across accounts (issue 14, finding 1): an administrator and the
 * accounts it created are one party, so neither publishes what the other wrote.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '100000' });
  await seedCatalogueFixtures(t.app);
});
afterAll(() => t.close());

function body(code: string) {
  const { popularity: _p, ...item } = buildItem({
    code,
    zh: '户外广告设施设置许可',
    en: 'Outdoor advertising permit',
    department: 'SH-PD-SAMR',
    promisedDays: 10,
  });
  return item;
}

async function createAndLogin(creator: TestClient, username: string): Promise<TestClient> {
  const password = 'Initial-2026x';
  const created = await creator.post('/api/v1/staff', {
    username,
    name: '新管理员',
    departmentId: 'SH-PD',
    roles: ['department_admin'],
    password,
  });
  expect(created.statusCode, created.body).toBe(201);
  const client = new TestClient(t.app, freshAddress());
  expect((await client.post('/api/v1/auth/login', { kind: 'staff', username, password })).statusCode).toBe(200);
  return client;
}

describe('four eyes across accounts created by the same administrator', () => {
  it('refuses an account publishing what the administrator who created it wrote', async () => {
    const sys = await loginStaff(t.app, 'sysAdmin');
    expect((await sys.post('/api/v1/catalogue/items', body('PD-4EYES-001'))).statusCode).toBe(201);
    expect((await sys.post('/api/v1/catalogue/items/PD-4EYES-001/actions/submit')).statusCode).toBe(200);
    const created = await createAndLogin(sys, 'admin.created.a');
    const res = await created.post('/api/v1/catalogue/items/PD-4EYES-001/actions/publish');
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CATALOGUE_SELF_PUBLISH_FORBIDDEN' });
    // Someone outside that party may.
    const independent = await loginStaff(t.app, 'pdAdmin');
    expect((await independent.post('/api/v1/catalogue/items/PD-4EYES-001/actions/publish')).statusCode).toBe(200);
  });

  it('refuses the creator publishing what an account it created wrote', async () => {
    const sys = await loginStaff(t.app, 'sysAdmin');
    const created = await createAndLogin(sys, 'admin.created.b');
    expect((await created.post('/api/v1/catalogue/items', body('PD-4EYES-002'))).statusCode).toBe(201);
    expect((await created.post('/api/v1/catalogue/items/PD-4EYES-002/actions/submit')).statusCode).toBe(200);
    const res = await sys.post('/api/v1/catalogue/items/PD-4EYES-002/actions/publish');
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CATALOGUE_SELF_PUBLISH_FORBIDDEN' });
  });
});
