import { type ServiceItemContent, serviceItemContentSchema } from '../catalogue.ts';

/**
 * A valid service item (housing provident fund withdrawal) with situations, conditional materials,
 * fields and steps, for the catalogue rules' unit tests; `overrides` replace top-level parts.
 */

export function content(overrides: Partial<ServiceItemContent> = {}): ServiceItemContent {
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
