import { type ServiceItemContent, serviceItemContentSchema } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import {
  cleanCondition,
  departmentSubtree,
  issuesOf,
  messageIn,
  newId,
  placeIssue,
  tabOfField,
  toContent,
  toFormValues,
} from './editor-model.ts';

const content: ServiceItemContent = {
  name: { zh: '测试事项', en: 'Test item' },
  type: 'administrative_licence',
  responsibleDepartment: 'SH-SAMR',
  implementingDepartments: [],
  legalBasis: [{ law: '《测试法》' }],
  applicantType: 'enterprise',
  conditions: [],
  fee: { kind: 'free' },
  statutoryDays: 20,
  promisedDays: 5,
  visits: 1,
  channels: ['online'],
  onlineDepth: 'online_preliminary',
  contacts: { consultation: '12345', complaint: '12345' },
  themes: [],
  events: [],
  situations: [
    {
      id: 'premises',
      question: { zh: '场所？', en: 'Premises?' },
      options: [
        { id: 'owned', label: { zh: '自有', en: 'Owned' } },
        { id: 'leased', label: { zh: '租赁', en: 'Leased' } },
      ],
    },
  ],
  materials: [
    {
      id: 'lease',
      name: { zh: '租赁合同', en: 'Lease' },
      form: 'copy',
      count: 1,
      requirement: 'conditional',
      when: { premises: ['leased'] },
      source: { kind: 'applicant' },
    },
  ],
  form: [],
  process: [
    {
      id: 'accept',
      kind: 'accept',
      name: { zh: '受理', en: 'Acceptance' },
      department: 'responsible',
      role: 'window_clerk',
      workingDays: 1,
    },
  ],
  bundleMembers: undefined,
};

describe('item editor model', () => {
  it('round-trips content through the form values, keeping what the form has no inputs for', () => {
    const base = { ...content, bundleMembers: ['SH-A-001', 'SH-B-002'] };
    const back = toContent(toFormValues(base), base);
    expect(back.bundleMembers).toEqual(['SH-A-001', 'SH-B-002']);
    expect(back.summary).toBeUndefined();
    expect(back.result).toBeUndefined();
    expect(serviceItemContentSchema.safeParse(back).success).toBe(true);
  });

  it('drops empty optional parts and the details of a source kind no longer chosen', () => {
    const values = toFormValues(content);
    values.summary = { zh: '简介', en: '' };
    values.legalBasis = [{ law: '《测试法》', article: '  ' }];
    values.materials = [
      {
        ...(content.materials[0] as ServiceItemContent['materials'][number]),
        notes: '',
        when: { premises: [] },
        source: { kind: 'applicant', resource: 'POPULATION', fields: ['name'] } as never,
      },
    ];
    values.process = [{ ...(content.process[0] as ServiceItemContent['process'][number]), parallelGroup: '' }];
    values.fee = { kind: 'charged', amountYuan: 10, legalBasis: { law: '《收费法》', article: '' } };
    const out = toContent(values, content);
    expect(out.summary).toEqual({ zh: '简介', en: '' });
    expect(out.legalBasis).toEqual([{ law: '《测试法》' }]);
    expect(out.materials[0]).not.toHaveProperty('notes');
    expect(out.materials[0]).not.toHaveProperty('when');
    expect(out.materials[0]?.source).toEqual({ kind: 'applicant' });
    expect(out.process[0]).not.toHaveProperty('parallelGroup');
    expect(out.fee).toEqual({ kind: 'charged', amountYuan: 10, legalBasis: { law: '《收费法》' } });
  });

  it('keeps only the questions of a condition that restrict the answers', () => {
    expect(cleanCondition({ a: [], b: ['x'] })).toEqual({ b: ['x'] });
    expect(cleanCondition({ a: [] })).toBeUndefined();
    expect(cleanCondition(undefined)).toBeUndefined();
  });

  it('finds the tab and the form field of a server error path', () => {
    expect(tabOfField('process.2.department')).toBe('process');
    expect(tabOfField('materials.0.when.premises')).toBe('materials');
    expect(tabOfField('promisedDays')).toBe('basics');
    expect(tabOfField('bundleMembers.0')).toBe('json');
    const registered = ['materials', 'materials.0.when', 'materials.0.name.zh', 'process'];
    expect(placeIssue('materials.0.when.premises', registered)).toBe('materials.0.when');
    expect(placeIssue('materials.0.name.zh', registered)).toBe('materials.0.name.zh');
    expect(placeIssue('materials.0.source.stepId', registered)).toBe('materials');
    expect(placeIssue('process', registered)).toBe('process');
    expect(placeIssue('promisedDays', registered)).toBeUndefined();
  });

  it('reads every issue of a refused save, without the request part of the path', () => {
    const error = new ApiError(422, 'CATALOGUE_PROCESS_INVALID', 'x', 'process.2.department', {
      issues: [
        { field: 'body.process.2.department', message: '部门 "X" 不存在。Unknown department.' },
        { field: 'body.materials.0.when.q', message: 'bad' },
      ],
    });
    expect(issuesOf(error).map((i) => i.field)).toEqual(['process.2.department', 'materials.0.when.q']);
    expect(issuesOf(new ApiError(409, 'CONFLICT', 'taken', 'code'))).toEqual([{ field: 'code', message: 'taken', code: 'CONFLICT' }]);
    expect(issuesOf(new Error('x'))).toEqual([]);
  });

  it('shows the part of a bilingual message in the current language', () => {
    expect(messageIn('部门 "X" 不存在。Unknown department.', 'zh-CN')).toBe('部门 "X" 不存在。');
    expect(messageIn('部门 "X" 不存在。Unknown department.', 'en-US')).toBe('Unknown department.');
    expect(messageIn('min > max', 'zh-CN')).toBe('min > max');
  });

  it('numbers new entries with the first free number', () => {
    expect(newId('q', [])).toBe('q1');
    expect(newId('q', ['q1', 'q3'])).toBe('q2');
    expect(newId('step-', ['accept', 'step-1'])).toBe('step-2');
  });

  it('collects a department subtree', () => {
    const departments = [
      { id: 'city', parentId: null },
      { id: 'samr', parentId: 'city' },
      { id: 'samr-pd', parentId: 'samr' },
      { id: 'psb', parentId: 'city' },
    ];
    expect([...departmentSubtree(departments, 'samr')].sort()).toEqual(['samr', 'samr-pd']);
  });
});
