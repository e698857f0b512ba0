import { fromLicence, type ItemSpec, idCard, licence } from './item-builder.ts';

/** Construction permits, investment project filing and a water connection. */
export const projectItemSpecs: ItemSpec[] = [
  {
    code: 'HUD-SGXK',
    zh: '建筑工程施工许可',
    en: 'Construction permit',
    department: 'SH-HUD',
    applicantType: 'enterprise',
    materials: [
      fromLicence('planning_permit', '建设工程规划许可证', 'Construction planning permit', 'PLANNING-PERMIT'),
      { id: 'contract', zh: '施工合同', en: 'Construction contract' },
    ],
    themes: ['工程建设'],
    events: ['工程建设项目审批'],
    promisedDays: 5,
    popularity: 150,
  },
  {
    code: 'DRC-TZBA',
    zh: '企业投资项目备案',
    en: 'Enterprise investment project filing',
    department: 'SH-DRC',
    type: 'administrative_filing',
    applicantType: 'enterprise',
    materials: [licence, { id: 'project_info', zh: '项目基本情况表', en: 'Project information sheet' }],
    themes: ['投资项目'],
    events: ['工程建设项目审批'],
    promisedDays: 1,
    popularity: 120,
  },
  {
    code: 'WATER-JR',
    zh: '供水接入（获得用水）',
    en: 'Getting a water connection',
    department: 'SH-WATER',
    type: 'public_service',
    applicantType: 'both',
    materials: [idCard, { id: 'site_plan', zh: '用水地址平面图', en: 'Site plan' }],
    themes: ['公用事业'],
    events: ['获得用水用气'],
    promisedDays: 5,
    popularity: 140,
  },
];
