import { describe, expect, it } from 'vitest';
import type { ServiceItemContent } from './catalogue.ts';
import { mergeBundle } from './catalogue-bundles.ts';
import { applicableMaterials } from './catalogue-situations.ts';
import type { AppError } from './errors.ts';
import { content } from './testing/sample-content.ts';

describe('bundle merge', () => {
  const member = (code: string, overrides: Partial<ServiceItemContent>) => ({
    code,
    content: content({ name: { zh: code, en: code }, ...overrides }),
  });

  it('merges fields by key, materials by source, and runs members as parallel branches', () => {
    const a = member('A-001', {
      responsibleDepartment: 'SH-SAMR',
      promisedDays: 3,
      form: [
        { key: 'applicant.name', label: { zh: '姓名', en: 'Name' }, type: 'text', required: false },
        { key: 'enterprise.name', label: { zh: '企业名称', en: 'Enterprise' }, type: 'text', required: true, maxLength: 100 },
      ],
      result: { name: { zh: '营业执照', en: 'Business licence' }, licenceType: 'BUSINESS-LICENCE' },
    });
    const b = member('B-002', {
      responsibleDepartment: 'SH-TAX',
      promisedDays: 3,
      materials: [
        {
          id: 'id_card',
          name: { zh: '居民身份证', en: 'ID' },
          form: 'electronic',
          count: 1,
          requirement: 'required',
          source: { kind: 'datahub', resource: 'POPULATION', fields: ['id_number'] },
        },
        {
          id: 'contract',
          name: { zh: '购房合同', en: 'Contract' },
          form: 'copy',
          count: 2,
          requirement: 'required',
          source: { kind: 'applicant' },
        },
      ],
      form: [
        { key: 'applicant.name', label: { zh: '申请人', en: 'Applicant' }, type: 'text', required: true },
        { key: 'enterprise.name', label: { zh: '企业名称', en: 'Enterprise' }, type: 'text', required: false, maxLength: 50 },
      ],
      process: [
        {
          id: 'accept',
          kind: 'accept',
          name: { zh: '受理', en: 'Accept' },
          department: 'responsible',
          role: 'window_clerk',
          workingDays: 0,
        },
        { id: 'review', kind: 'review', name: { zh: '审核', en: 'Review' }, department: 'responsible', role: 'reviewer', workingDays: 2 },
      ],
    });
    const merged = mergeBundle([a, b]);
    expect(merged.form.map((f) => f.key)).toEqual(['applicant.name', 'enterprise.name']);
    expect(merged.form[0]).toMatchObject({ required: true, items: ['A-001', 'B-002'] });
    expect(merged.form[1]).toMatchObject({ maxLength: 50, required: true });
    // The ID card is fetched once, with both members' fields; the contract is asked once, as required.
    const id = merged.materials.find((m) => m.source.kind === 'datahub');
    expect(id?.source).toEqual({ kind: 'datahub', resource: 'POPULATION', fields: ['name', 'id_number'] });
    expect(id?.items).toEqual(['A-001', 'B-002']);
    expect(merged.materials.filter((m) => m.name.zh === '购房合同')).toHaveLength(1);
    const contract = merged.materials.find((m) => m.name.zh === '购房合同');
    expect(contract).toMatchObject({ requirement: 'required', count: 2 });
    expect(contract?.when).toBeUndefined();
    // B's lease/proxy are absent; A's conditional lease stays conditional.
    expect(merged.materials.find((m) => m.id === 'lease')).toMatchObject({
      requirement: 'conditional',
      when: { purpose: ['rent'] },
      items: ['A-001'],
    });
    expect(merged.process.branches.map((br) => [br.code, br.department, br.workingDays])).toEqual([
      ['A-001', 'SH-SAMR', 3],
      ['B-002', 'SH-TAX', 2],
    ]);
    expect(merged.results).toEqual([{ code: 'A-001', name: a.content.name, result: a.content.result }]);
    expect(merged.parallelDays).toBe(3);
    expect(applicableMaterials(merged, { purpose: 'buy', by: 'self' }).map((m) => m.name.zh)).toEqual(['身份证', '购房合同']);
  });

  it('keeps a material conditional when members need it in different situations', () => {
    const a = member('A-001', {});
    const b = member('B-002', {
      materials: [
        {
          id: 'lease',
          name: { zh: '租赁备案', en: 'Lease' },
          form: 'copy',
          count: 1,
          requirement: 'conditional',
          when: { by: ['agent'] },
          source: { kind: 'applicant' },
        },
      ],
    });
    const lease = mergeBundle([a, b]).materials.find((m) => m.name.zh === '租赁备案');
    expect(lease?.when).toBeUndefined();
    expect(lease?.whenAny).toEqual([{ purpose: ['rent'] }, { by: ['agent'] }]);
    const merged = mergeBundle([a, b]);
    expect(applicableMaterials(merged, { purpose: 'buy', by: 'agent' }).some((m) => m.name.zh === '租赁备案')).toBe(true);
    expect(applicableMaterials(merged, { purpose: 'buy', by: 'self' }).some((m) => m.name.zh === '租赁备案')).toBe(false);
  });

  it('refuses a field key used with conflicting types, naming the field and the items', () => {
    const a = member('A-001', {
      form: [{ key: 'enterprise.capital', label: { zh: '注册资本', en: 'Capital' }, type: 'money', required: true }],
    });
    const b = member('B-002', {
      form: [{ key: 'enterprise.capital', label: { zh: '注册资本', en: 'Capital' }, type: 'number', required: true }],
    });
    try {
      mergeBundle([a, b]);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('CATALOGUE_BUNDLE_FIELD_CONFLICT');
      expect((error as AppError).message).toContain('enterprise.capital');
      expect((error as AppError).message).toContain('A-001');
      expect((error as AppError).message).toContain('B-002');
      expect((error as AppError).details).toEqual({
        key: 'enterprise.capital',
        items: [
          { code: 'A-001', type: 'money' },
          { code: 'B-002', type: 'number' },
        ],
      });
    }
  });
});
