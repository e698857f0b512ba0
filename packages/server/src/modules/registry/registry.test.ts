import { creditCodeCheckChar, residentIdCheckChar } from '@tongban/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import {
  findRegistryEnterprise,
  findRegistryPerson,
  importRegistryEnterprises,
  importRegistryPeople,
  listRegistryEnterprisesOfRepresentative,
  type RegistryPersonInput,
} from './index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function idNumber(i: number): string {
  const day = String((i % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
  const first17 = `310115${1950 + (i % 50)}${month}${day}${String(i % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

function personAt(i: number, overrides: Partial<RegistryPersonInput> = {}): RegistryPersonInput {
  const id = idNumber(i);
  return {
    idNumber: id,
    name: `测试${i}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    ethnicity: '汉族',
    householdAddress: `上海市浦东新区测试路${i}号`,
    householdDistrict: 'SH-PD',
    residenceAddress: `上海市浦东新区居住路${i}号`,
    mobile: i % 3 === 0 ? null : `139${String(i).padStart(8, '0')}`,
    maritalStatus: 'married',
    spouseIdNumber: null,
    ...overrides,
  };
}

describe('registry', () => {
  it('bulk-loads 20,000 people and finds each by ID number', async () => {
    // Unique ID numbers: vary the sequence beyond the date cycle.
    const rows = new Map<string, RegistryPersonInput>();
    for (let i = 0; rows.size < 20_000; i++) {
      const p = personAt(i);
      rows.set(p.idNumber, p);
    }
    const count = await t.app.platform.db.transaction((tx) => importRegistryPeople(tx, [...rows.values()]));
    expect(count).toBe(20_000);
    const [{ n }] = (await t.app.platform.db.query<{ n: number }>('select count(*) as n from registry_person')) as [{ n: number }];
    expect(n).toBe(20_000);
    const sample = [...rows.values()][12_345] as RegistryPersonInput;
    const found = await findRegistryPerson(t.app.platform.db, sample.idNumber);
    expect(found).toMatchObject({
      idNumber: sample.idNumber,
      name: sample.name,
      birthDate: sample.birthDate,
      householdAddress: sample.householdAddress,
      alive: true,
      spouseIdNumber: null,
    });
    expect(found?.updatedAt).toBeInstanceOf(Date);
    const audit = await t.app.platform.db.query<{ detail: { count: number } }>(
      "select detail from audit_log where action = 'registry.people.imported'",
    );
    expect(audit.map((a) => a.detail.count)).toEqual([20_000]);
  });

  it('answers undefined for an unknown person or enterprise', async () => {
    expect(await findRegistryPerson(t.app.platform.db, '110101199001011237')).toBeUndefined();
    expect(await findRegistryEnterprise(t.app.platform.db, '91310115MA1000000X')).toBeUndefined();
  });

  it('replaces a person on re-import (a registry sync), e.g. a death', async () => {
    const at = new Date('2026-03-01T00:00:00Z');
    await importRegistryPeople(t.app.platform.db, [personAt(7, { alive: false, name: '改名' })], { at });
    const found = await findRegistryPerson(t.app.platform.db, idNumber(7));
    expect(found).toMatchObject({ alive: false, name: '改名', updatedAt: at });
  });

  it('refuses a batch with the same ID number twice, loading nothing', async () => {
    const first17 = '32010219700101123';
    const dup = personAt(0, { idNumber: first17 + residentIdCheckChar(first17) });
    await expect(importRegistryPeople(t.app.platform.db, [dup, { ...dup, name: '另一个' }])).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await findRegistryPerson(t.app.platform.db, dup.idNumber)).toBeUndefined();
  });

  it('loads enterprises with their legal representative and capital', async () => {
    const code = (n: number) => {
      const first17 = `91310115MA1${String(n).padStart(6, '0')}`;
      return first17 + creditCodeCheckChar(first17);
    };
    const rep = idNumber(1);
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      creditCode: code(i + 1),
      name: `上海测试${i}有限公司`,
      enterpriseType: '有限责任公司',
      legalRepresentativeIdNumber: i < 2 ? rep : idNumber(i + 10),
      legalRepresentativeName: i < 2 ? '测试1' : `测试${i + 10}`,
      registeredCapitalWan: 100.25 + i,
      establishedOn: '2018-05-20',
      address: '上海市浦东新区',
      district: 'SH-PD',
      businessScope: '技术服务',
      status: i === 2 ? ('cancelled' as const) : undefined,
    }));
    expect(await importRegistryEnterprises(t.app.platform.db, rows)).toBe(3000);
    expect(await findRegistryEnterprise(t.app.platform.db, code(1))).toMatchObject({
      creditCode: code(1),
      legalRepresentativeIdNumber: rep,
      registeredCapitalWan: 100.25,
      establishedOn: '2018-05-20',
      status: 'active',
    });
    expect((await findRegistryEnterprise(t.app.platform.db, code(3)))?.status).toBe('cancelled');
    expect((await listRegistryEnterprisesOfRepresentative(t.app.platform.db, rep)).map((e) => e.creditCode)).toEqual([code(1), code(2)]);
  });
});
