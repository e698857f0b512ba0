import { describe, expect, it } from 'vitest';
import { type ServiceItemContent, serviceItemContentSchema } from './catalogue.ts';
import { mergeBundle } from './catalogue-bundles.ts';
import { assertValidContent, findContentIssues, processWorkingDays } from './catalogue-content-checks.ts';
import {
  applicableFields,
  applicableMaterials,
  applicableSteps,
  checkAnswers,
  evaluateCondition,
  pendingQuestions,
  supplyOf,
} from './catalogue-situations.ts';
import { diffContent } from './catalogue-version-diff.ts';
import { AppError } from './errors.ts';

function content(overrides: Partial<ServiceItemContent> = {}): ServiceItemContent {
  return serviceItemContentSchema.parse({
    name: { zh: '住房公积金提取', en: 'Housing provident fund withdrawal' },
    type: 'public_service',
    responsibleDepartment: 'SH-HPF',
    legalBasis: [{ law: '《住房公积金管理条例》', article: '第二十四条' }],
    applicantType: 'person',
    fee: { kind: 'free' },
    statutoryDays: 10,
    promisedDays: 3,
    visits: 0,
    channels: ['online'],
    onlineDepth: 'fully_online',
    contacts: { consultation: '12329', complaint: '12345' },
    situations: [
      {
        id: 'purpose',
        question: { zh: '提取原因', en: 'Why?' },
        options: [
          { id: 'buy', label: { zh: '购房', en: 'Buying' } },
          { id: 'rent', label: { zh: '租房', en: 'Renting' } },
        ],
      },
      {
        id: 'by',
        question: { zh: '由谁办理', en: 'Who applies?' },
        options: [
          { id: 'self', label: { zh: '本人', en: 'Self' } },
          { id: 'agent', label: { zh: '代理人', en: 'Agent' } },
        ],
      },
    ],
    materials: [
      {
        id: 'id_card',
        name: { zh: '身份证', en: 'ID card' },
        form: 'electronic',
        requirement: 'required',
        source: { kind: 'datahub', resource: 'POPULATION', fields: ['name'] },
      },
      {
        id: 'contract',
        name: { zh: '购房合同', en: 'Purchase contract' },
        form: 'copy',
        requirement: 'conditional',
        when: { purpose: ['buy'] },
        source: { kind: 'applicant' },
      },
      {
        id: 'lease',
        name: { zh: '租赁备案', en: 'Lease' },
        form: 'copy',
        requirement: 'conditional',
        when: { purpose: ['rent'] },
        source: { kind: 'applicant' },
      },
      {
        id: 'proxy',
        name: { zh: '委托书', en: 'Power of attorney' },
        form: 'original',
        requirement: 'conditional',
        when: { by: ['agent'] },
        source: { kind: 'applicant' },
      },
    ],
    form: [
      { key: 'applicant.name', label: { zh: '姓名', en: 'Name' }, type: 'text' },
      { key: 'agent.name', label: { zh: '代理人姓名', en: 'Agent name' }, type: 'text', when: { by: ['agent'] } },
    ],
    process: [
      { id: 'accept', kind: 'accept', name: { zh: '受理', en: 'Accept' }, department: 'responsible', role: 'window_clerk', workingDays: 0 },
      {
        id: 'check',
        kind: 'review',
        name: { zh: '核查', en: 'Check' },
        department: 'responsible',
        role: 'reviewer',
        workingDays: 2,
        when: { purpose: ['buy'] },
      },
      { id: 'approve', kind: 'approve', name: { zh: '审批', en: 'Approve' }, department: 'responsible', role: 'approver', workingDays: 1 },
    ],
    ...overrides,
  });
}

describe('situations', () => {
  it('evaluates conditions as yes, no or unknown', () => {
    expect(evaluateCondition(undefined, {})).toBe('yes');
    expect(evaluateCondition({ purpose: ['buy'] }, { purpose: 'buy' })).toBe('yes');
    expect(evaluateCondition({ purpose: ['buy'] }, { purpose: 'rent' })).toBe('no');
    expect(evaluateCondition({ purpose: ['buy'], by: ['agent'] }, { purpose: 'buy' })).toBe('unknown');
    expect(evaluateCondition({ purpose: ['buy'], by: ['agent'] }, { by: 'self' })).toBe('no');
    // A prototype key is not an answer.
    expect(evaluateCondition({ constructor: ['x'] }, {})).toBe('unknown');
  });

  it('narrows materials, form fields and steps to the answers', () => {
    const c = content();
    expect(applicableMaterials(c, {}).map((m) => m.id)).toEqual(['id_card']);
    expect(applicableMaterials(c, { purpose: 'buy', by: 'agent' }).map((m) => m.id)).toEqual(['id_card', 'contract', 'proxy']);
    expect(applicableMaterials(c, { purpose: 'rent', by: 'self' }).map((m) => m.id)).toEqual(['id_card', 'lease']);
    expect(applicableFields(c, { by: 'agent' }).map((f) => f.key)).toEqual(['applicant.name', 'agent.name']);
    expect(applicableSteps(c, { purpose: 'rent' }).map((s) => s.id)).toEqual(['accept', 'approve']);
    expect(pendingQuestions(c, { purpose: 'rent' }).map((q) => q.id)).toEqual(['by']);
    expect(pendingQuestions(c, { purpose: 'rent', by: 'self' })).toEqual([]);
  });

  it('reports unknown questions and options in answers', () => {
    const c = content();
    expect(checkAnswers(c.situations, { purpose: 'buy' })).toEqual([]);
    expect(checkAnswers(c.situations, { purpose: 'steal' })[0]?.question).toBe('purpose');
    expect(checkAnswers(c.situations, { colour: 'red' })[0]?.question).toBe('colour');
  });

  it('says who supplies a material', () => {
    expect(supplyOf({ kind: 'applicant' })).toBe('applicant');
    expect(supplyOf({ kind: 'licence', licenceType: 'BUSINESS-LICENCE' })).toBe('platform');
    expect(supplyOf({ kind: 'earlier_step', stepId: 'x' })).toBe('platform');
  });
});

describe('content validation', () => {
  const fieldsOf = (c: ServiceItemContent, known?: string[]) =>
    findContentIssues(c, known ? { departmentExists: (id) => known.includes(id) } : {}).map((i) => i.field);

  it('accepts a consistent item', () => {
    expect(findContentIssues(content(), { departmentExists: (id) => id === 'SH-HPF' })).toEqual([]);
  });

  it('sums sequential steps and takes the longest of a parallel group', () => {
    const c = content();
    const step = c.process[1] as ServiceItemContent['process'][number];
    expect(processWorkingDays(c.process)).toBe(3);
    expect(
      processWorkingDays([
        { ...step, id: 'a', workingDays: 1 },
        { ...step, id: 'b', workingDays: 4, parallelGroup: 'p' },
        { ...step, id: 'c', workingDays: 2, parallelGroup: 'p' },
        { ...step, id: 'd', workingDays: 1 },
      ]),
    ).toBe(6);
  });

  it('rejects an accept step that is not first', () => {
    const c = content();
    const [accept, check, approve] = c.process as [
      ServiceItemContent['process'][number],
      ServiceItemContent['process'][number],
      ServiceItemContent['process'][number],
    ];
    expect(fieldsOf({ ...c, process: [check, accept, approve] })).toContain('process.1.kind');
  });

  it('rejects parallel groups that are not contiguous', () => {
    const c = content();
    const s = c.process[2] as ServiceItemContent['process'][number];
    const process = [
      c.process[0],
      { ...s, id: 'x', parallelGroup: 'g', workingDays: 0 },
      { ...s, id: 'y', workingDays: 0 },
      { ...s, id: 'z', parallelGroup: 'g', workingDays: 0 },
    ];
    expect(fieldsOf({ ...c, process: process as ServiceItemContent['process'] })).toEqual(['process.3.parallelGroup']);
  });

  it('rejects steps without an actor and unknown departments', () => {
    const c = content();
    const s = c.process[2] as ServiceItemContent['process'][number];
    const process = [
      c.process[0],
      { ...s, department: ' ' },
      { ...s, id: 'other', department: 'SH-NOPE' },
    ] as ServiceItemContent['process'];
    expect(fieldsOf({ ...c, process }, ['SH-HPF'])).toEqual(['process.1.department', 'process.2.department']);
    expect(fieldsOf({ ...c, responsibleDepartment: 'SH-NOPE' }, ['SH-HPF'])).toEqual(['responsibleDepartment']);
  });

  it('rejects references to unknown steps, questions and options', () => {
    const c = content();
    const materials = [
      ...c.materials,
      {
        ...(c.materials[0] as ServiceItemContent['materials'][number]),
        id: 'cert',
        source: { kind: 'earlier_step' as const, stepId: 'nope' },
      },
    ];
    expect(fieldsOf({ ...c, materials })).toEqual(['materials.4.source.stepId']);
    const bad = c.materials.map((m) => (m.id === 'contract' ? { ...m, when: { purpose: ['steal'] } } : m));
    expect(fieldsOf({ ...c, materials: bad })).toEqual(['materials.1.when.purpose']);
    const form = [...c.form, { ...(c.form[0] as ServiceItemContent['form'][number]), key: 'x.y', when: { colour: ['red'] } }];
    expect(fieldsOf({ ...c, form })).toEqual(['form.2.when.colour']);
    const process = c.process.map((s) => (s.id === 'check' ? { ...s, when: { purpose: ['sell'] } } : s));
    expect(fieldsOf({ ...c, process })).toEqual(['process.1.when.purpose']);
  });

  it('rejects duplicates, time limits that do not add up and a conditional material without a condition', () => {
    const c = content();
    expect(fieldsOf({ ...c, materials: [...c.materials, c.materials[0] as ServiceItemContent['materials'][number]] })).toEqual([
      'materials.4.id',
    ]);
    expect(fieldsOf({ ...c, promisedDays: 2 })).toEqual(['process']);
    expect(fieldsOf({ ...c, promisedDays: 11 })).toEqual(['promisedDays']);
    const m = c.materials.map((x) => (x.id === 'lease' ? { ...x, when: undefined } : x));
    expect(fieldsOf({ ...c, materials: m })).toEqual(['materials.2.when']);
  });

  it('throws CATALOGUE_PROCESS_INVALID naming the field, with every issue in details', () => {
    const c = content({ promisedDays: 11 });
    try {
      assertValidContent(c, { fieldPrefix: 'body.' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('CATALOGUE_PROCESS_INVALID');
      expect((error as AppError).field).toBe('body.promisedDays');
      expect((error as AppError).details?.issues).toEqual([{ field: 'body.promisedDays', message: expect.any(String) }]);
    }
  });

  it('checks bundle members', () => {
    const c = content({ bundleMembers: ['A-001', 'A-001'] });
    expect(fieldsOf(c)).toEqual(['bundleMembers.1']);
    expect(findContentIssues(content({ bundleMembers: ['SELF-1', 'B-002'] }), { code: 'SELF-1' }).map((i) => i.field)).toEqual([
      'bundleMembers.0',
    ]);
    expect(fieldsOf(content({ bundleMembers: ['A-001'] }))).toEqual(['bundleMembers']);
  });
});

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

describe('version diff', () => {
  it('lists changed paths, addressing list entries by id', () => {
    const a = content();
    const b = content({
      promisedDays: 2,
      materials: [...a.materials.filter((m) => m.id !== 'proxy').map((m) => (m.id === 'contract' ? { ...m, count: 2 } : m))],
    });
    const changes = diffContent(a, b);
    expect(changes).toContainEqual({ path: 'promisedDays', kind: 'changed', before: 3, after: 2 });
    expect(changes).toContainEqual({ path: 'materials[id=contract].count', kind: 'changed', before: 1, after: 2 });
    expect(changes).toContainEqual(expect.objectContaining({ path: 'materials[id=proxy]', kind: 'removed' }));
    expect(diffContent(a, a)).toEqual([]);
  });

  it('reports a reordering of steps', () => {
    const a = content();
    const b = content({ process: [a.process[0], a.process[2], a.process[1]] as ServiceItemContent['process'] });
    expect(diffContent(a, b)).toEqual([
      { path: 'process', kind: 'changed', before: ['id=accept', 'id=check', 'id=approve'], after: ['id=accept', 'id=approve', 'id=check'] },
    ]);
  });
});
