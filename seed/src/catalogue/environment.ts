import type { ServiceItemInput } from '@tongban/domain';
import { businessLicence } from './common.ts';
import { item, law, lic, mat, own } from './dsl.ts';
import { fld, flds } from './fields.ts';
import { LAW } from './laws.ts';

/** 生态环境局: environmental impact assessment, pollutant discharge, hazardous waste, radiation. */
export function environmentItems(): ServiceItemInput[] {
  const ENV = { themes: ['生态环境', '工程建设'], events: ['工程建设项目审批', '投资项目'] };
  const projectForm = () =>
    flds(
      'enterprise.name',
      'enterprise.credit_code',
      'project.code',
      'project.name',
      'project.address',
      'project.total_investment',
      'project.scale',
      'applicant.name',
      'applicant.mobile',
    );
  const projectFiling = () =>
    mat('project_filing', ['投资项目备案证明（核准、审批文件）', 'Project filing (or approval) record'], lic('INVESTMENT-PROJECT-FILING'), {
      optional: true,
    });
  const eiaLaws = [law(LAW.eia, '第十六条'), law(LAW.eia, '第二十二条'), law('《建设项目环境保护管理条例》')];

  return [
    item({
      code: 'SH-EE-XK-001',
      name: ['建设项目环境影响报告书审批', 'Approval of an environmental impact report'],
      type: 'administrative_licence',
      dept: 'EE',
      laws: eiaLaws,
      who: 'enterprise',
      conditions: [
        [
          '可能造成重大环境影响的建设项目，开工前报批环境影响报告书',
          'Projects with significant impact submit a full report before construction',
        ],
      ],
      days: [60, 20],
      visits: 0,
      result: ['环境影响报告书批复', 'Approval of the environmental impact report', 'EIA-APPROVAL'],
      ...ENV,
      materials: [
        own('application', ['建设项目环境影响评价审批申请表', 'Application form']),
        own('report', ['环境影响报告书（全本及公开删除说明）', 'Full environmental impact report']),
        own('participation', ['公众参与说明', 'Public participation statement']),
        projectFiling(),
      ],
      form: projectForm(),
      summary: [
        '编制环境影响报告书的建设项目报批，经技术评估、公示后作出审批决定。',
        'Full environmental impact reports are assessed, published and decided.',
      ],
    }),
    item({
      code: 'SH-EE-XK-002',
      name: ['建设项目环境影响报告表审批', 'Approval of an environmental impact form'],
      type: 'administrative_licence',
      dept: 'EE',
      laws: eiaLaws,
      who: 'enterprise',
      days: [30, 10],
      visits: 0,
      result: ['环境影响报告表批复', 'Approval of the environmental impact form', 'EIA-APPROVAL'],
      ...ENV,
      materials: [
        own('application', ['建设项目环境影响评价审批申请表', 'Application form']),
        own('report_form', ['环境影响报告表', 'Environmental impact form']),
        projectFiling(),
      ],
      form: projectForm(),
      summary: ['可能造成轻度环境影响的建设项目报批环境影响报告表。', 'Projects with a light impact submit the shorter form.'],
    }),
    item({
      code: 'SH-EE-BA-001',
      name: ['建设项目环境影响登记表备案', 'Filing of an environmental impact registration form'],
      type: 'administrative_filing',
      dept: 'EE',
      laws: eiaLaws,
      who: 'enterprise',
      days: [0, 0],
      visits: 0,
      result: ['环境影响登记表备案回执', 'Filing receipt'],
      ...ENV,
      materials: [own('registration_form', ['建设项目环境影响登记表（在线填报）', 'Registration form (online)'])],
      form: projectForm(),
      summary: ['对环境影响很小的建设项目在线填报登记表，即时备案。', 'Projects with very small impact file a form online, at once.'],
    }),
    item({
      code: 'SH-EE-XK-003',
      name: ['排污许可证核发', 'Pollutant discharge permit'],
      type: 'administrative_licence',
      dept: 'EE',
      laws: [law('《排污许可管理条例》'), law('《中华人民共和国环境保护法》', '第四十五条')],
      who: 'enterprise',
      conditions: [
        ['纳入固定污染源排污许可分类管理名录实行重点管理或简化管理的排污单位', 'Polluters listed for key or simplified management'],
      ],
      days: [30, 15],
      visits: 0,
      result: ['排污许可证', 'Pollutant discharge permit', 'POLLUTANT-DISCHARGE-PERMIT'],
      themes: ['生态环境'],
      materials: [
        own('application', ['排污许可证申请表（全国排污许可证管理信息平台填报）', 'Application on the national platform']),
        businessLicence(),
        mat('eia_approval', ['环境影响评价审批文件', 'EIA approval'], lic('EIA-APPROVAL'), { optional: true }),
        own('commitment', ['守法承诺书', 'Compliance undertaking']),
        own('monitoring_plan', ['自行监测方案', 'Self-monitoring plan']),
      ],
      form: [
        ...flds('enterprise.name', 'enterprise.credit_code', 'premises.address', 'applicant.name', 'applicant.mobile'),
        fld('emission.pollutants'),
      ],
      summary: [
        '排污单位在全国排污许可证管理信息平台申请排污许可证，重点管理30日、简化管理20日内作出决定。',
        'Polluters apply on the national platform; decided within 30 days (key) or 20 days (simplified).',
      ],
    }),
    item({
      code: 'SH-EE-BA-002',
      name: ['固定污染源排污登记', 'Pollutant discharge registration of small sources'],
      type: 'administrative_filing',
      dept: 'EE',
      laws: [law('《排污许可管理条例》')],
      who: 'enterprise',
      days: [0, 0],
      visits: 0,
      result: ['固定污染源排污登记回执', 'Registration receipt'],
      themes: ['生态环境'],
      materials: [own('registration_form', ['固定污染源排污登记表', 'Registration form'])],
      form: [
        ...flds('enterprise.name', 'enterprise.credit_code', 'premises.address', 'applicant.name', 'applicant.mobile'),
        fld('emission.pollutants'),
      ],
      summary: [
        '污染物产生量、排放量很小的排污单位在线填报排污登记表，无需申请排污许可证。',
        'Very small polluters register online instead of applying for a permit.',
      ],
    }),
    item({
      code: 'SH-EE-XK-004',
      name: ['危险废物经营许可证核发', 'Hazardous waste business licence'],
      type: 'administrative_licence',
      dept: 'EE',
      laws: [law('《中华人民共和国固体废物污染环境防治法》', '第八十条'), law('《危险废物经营许可证管理办法》')],
      who: 'enterprise',
      days: [20, 15],
      visits: 0,
      result: ['危险废物经营许可证', 'Hazardous waste business licence', 'HAZARDOUS-WASTE-LICENCE'],
      themes: ['生态环境', '安全生产'],
      materials: [
        own('application', ['危险废物经营许可证申请书', 'Application']),
        businessLicence(),
        own('facilities', ['贮存、利用、处置设施及配套污染防治设施材料', 'Storage, treatment and pollution-control facilities']),
        own('staff', ['技术人员名单及资格证明', 'Technical staff and qualifications']),
        own('emergency_plan', ['事故应急预案', 'Emergency plan']),
      ],
      form: flds('enterprise.name', 'enterprise.credit_code', 'premises.address', 'applicant.name', 'applicant.mobile'),
      inspectDays: 5,
      summary: [
        '从事危险废物收集、贮存、利用、处置经营活动，申请危险废物经营许可证。',
        'Licence to collect, store, recycle or dispose of hazardous waste.',
      ],
    }),
    item({
      code: 'SH-EE-XK-005',
      name: ['辐射安全许可证核发', 'Radiation safety licence'],
      type: 'administrative_licence',
      dept: 'EE',
      laws: [law('《中华人民共和国放射性污染防治法》', '第二十八条'), law('《放射性同位素与射线装置安全和防护条例》')],
      who: 'enterprise',
      days: [20, 10],
      visits: 0,
      result: ['辐射安全许可证', 'Radiation safety licence', 'RADIATION-SAFETY-LICENCE'],
      themes: ['生态环境', '卫生健康'],
      materials: [
        own('application', ['辐射安全许可证申请表', 'Application form']),
        businessLicence(),
        own('protection', ['辐射安全和防护管理制度及人员培训证明', 'Radiation protection rules and staff training']),
      ],
      form: flds('enterprise.name', 'enterprise.credit_code', 'premises.address', 'applicant.name', 'applicant.mobile'),
      inspectDays: 3,
      summary: [
        '生产、销售、使用放射性同位素和射线装置（如医用CT）的单位申请辐射安全许可证。',
        'Licence for units producing, selling or using radioactive sources and X-ray devices such as CT scanners.',
      ],
    }),
  ];
}
