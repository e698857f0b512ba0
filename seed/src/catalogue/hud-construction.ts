import type { ServiceItemInput } from '@tongban/domain';
import { businessLicence, legalRepId } from './common.ts';
import { hub, item, law, lic, mat, own, sq, step } from './dsl.ts';
import { flds } from './fields.ts';
import { LAW } from './laws.ts';

/** 住房和城乡建设管理委员会 (1/2): construction permits, fire-safety review, completion, construction firms. */
export function hudConstructionItems(): ServiceItemInput[] {
  const BUILD = { themes: ['工程建设'], events: ['工程建设项目审批'] };
  const projectForm = () =>
    flds(
      'enterprise.name',
      'enterprise.credit_code',
      'project.code',
      'project.name',
      'project.address',
      'project.building_area',
      'applicant.name',
      'applicant.id_number',
      'applicant.mobile',
    );
  const landTitle = () =>
    mat(
      'land_title',
      ['国有建设用地使用权不动产权证书（用地批准手续）', 'Title of the state-owned construction land (land approval)'],
      hub('REAL-ESTATE-TITLE', 'certificate_number', 'unit_number', 'owner_name', 'address', 'area', 'usage', 'right_type'),
    );

  return [
    item({
      code: 'SH-HUD-XK-001',
      name: ['建筑工程施工许可证核发', 'Construction permit for building works'],
      type: 'administrative_licence',
      dept: 'HUD',
      laws: [
        law(LAW.construction, '第七条'),
        law(LAW.construction, '第八条'),
        law(LAW.constructionPermit, '第二条'),
        law(LAW.constructionPermit, '第四条'),
        law(LAW.constructionPermit, '第五条'),
      ],
      who: 'enterprise',
      conditions: [
        ['已办理用地批准手续，依法取得建设工程规划许可证', 'Land approved and the construction planning permit obtained'],
        [
          '已确定施工企业，有满足施工需要的资金安排、施工图纸及技术资料，有保证工程质量和安全的具体措施',
          'Contractor chosen, funding, drawings and quality and safety measures in place',
        ],
        ['工程投资额30万元以下或建筑面积300平方米以下的建筑工程可不申请', 'Works under 300,000 yuan or 300 m² are exempt'],
      ],
      days: [7, 3],
      visits: 0,
      result: ['建筑工程施工许可证', 'Construction permit', 'CONSTRUCTION-PERMIT'],
      ...BUILD,
      situations: [
        sq(
          'procurement',
          ['施工单位如何确定？', 'How was the contractor chosen?'],
          [
            ['tender', '依法招标', 'Public tender'],
            ['direct', '依法直接发包', 'Direct award where permitted'],
          ],
        ),
      ],
      materials: [
        own('application', ['建筑工程施工许可申请表', 'Application form']),
        landTitle(),
        mat('planning_permit', ['建设工程规划许可证', 'Construction planning permit'], lic('CONSTRUCTION-PLANNING-PERMIT')),
        own('contract', ['施工合同', 'Construction contract']),
        own('bid_notice', ['中标通知书', 'Notice of award'], { when: { procurement: ['tender'] } }),
        own('drawings', ['施工图设计文件审查合格书（或告知承诺）', 'Approval of the construction drawings (or commitment)']),
        own('funding', ['建设资金已落实承诺书', 'Commitment that funding is in place']),
        own('safety_measures', ['保证工程质量安全的具体措施', 'Quality and safety measures']),
      ],
      form: [...projectForm(), ...flds('project.contractor', 'project.contract_price', 'project.supervisor', 'project.start_date')],
      summary: [
        '建筑工程开工前，建设单位申请领取施工许可证，质量安全监督手续合并办理。',
        'Before works begin, the client obtains the construction permit; quality and safety supervision are registered with it.',
      ],
    }),
    item({
      code: 'SH-HUD-XK-002',
      name: ['特殊建设工程消防设计审查', 'Fire-safety design review of special construction projects'],
      type: 'administrative_licence',
      dept: 'HUD',
      laws: [law(LAW.fire, '第十一条'), law(LAW.fireReview)],
      who: 'enterprise',
      days: [15, 10],
      visits: 0,
      result: ['特殊建设工程消防设计审查意见书', 'Fire-safety design review opinion', 'FIRE-DESIGN-APPROVAL'],
      ...BUILD,
      materials: [
        own('application', ['消防设计审查申请表', 'Application form']),
        own('fire_design', ['消防设计文件', 'Fire-safety design documents']),
        businessLicence(),
      ],
      form: projectForm(),
      summary: [
        '建筑总面积大于规定规模的公共建筑等特殊建设工程，施工前申请消防设计审查。',
        'Special projects such as large public buildings submit their fire-safety design for review before works.',
      ],
    }),
    item({
      code: 'SH-HUD-XK-003',
      name: ['特殊建设工程消防验收', 'Fire-safety acceptance of special construction projects'],
      type: 'administrative_licence',
      dept: 'HUD',
      laws: [law(LAW.fire, '第十三条'), law(LAW.fireReview)],
      who: 'enterprise',
      days: [15, 10],
      visits: 0,
      result: ['特殊建设工程消防验收意见书', 'Fire-safety acceptance opinion', 'FIRE-ACCEPTANCE'],
      ...BUILD,
      materials: [
        own('application', ['消防验收申请表', 'Application form']),
        mat('design_approval', ['消防设计审查意见书', 'Fire-safety design review opinion'], lic('FIRE-DESIGN-APPROVAL')),
        own('test_report', ['工程竣工验收报告及消防设施检测报告', 'Completion report and fire-installation test report']),
      ],
      form: projectForm(),
      inspectDays: 4,
      summary: [
        '特殊建设工程竣工后申请消防验收，经现场评定合格后方可投入使用。',
        'After completion, special projects need a fire-safety acceptance before use.',
      ],
    }),
    item({
      code: 'SH-HUD-BA-001',
      name: ['其他建设工程消防验收备案', 'Fire-safety acceptance filing of other construction projects'],
      type: 'administrative_filing',
      dept: 'HUD',
      laws: [law(LAW.fire, '第十三条'), law(LAW.fireReview)],
      who: 'enterprise',
      days: [0, 0],
      visits: 0,
      result: ['消防验收备案凭证', 'Filing receipt'],
      ...BUILD,
      materials: [
        own('filing_form', ['消防验收备案表', 'Filing form']),
        own('completion_report', ['工程竣工验收报告', 'Completion acceptance report']),
      ],
      form: projectForm(),
      summary: [
        '特殊建设工程以外的其他建设工程，竣工验收后进行消防验收备案，按比例抽查。',
        'Other projects file their fire-safety acceptance after completion; a sample is inspected.',
      ],
    }),
    item({
      code: 'SH-HUD-BA-002',
      name: ['建设工程竣工验收备案', 'Filing of the completion acceptance of construction works'],
      type: 'administrative_filing',
      dept: 'HUD',
      laws: [law(LAW.constructionQuality, '第四十九条'), law('《房屋建筑和市政基础设施工程竣工验收备案管理办法》')],
      who: 'enterprise',
      conditions: [['建设单位自工程竣工验收合格之日起15日内备案', 'Within 15 days of a successful completion acceptance']],
      days: [15, 3],
      visits: 0,
      result: ['建设工程竣工验收备案证书', 'Certificate of completion filing', 'COMPLETION-ACCEPTANCE-FILING'],
      ...BUILD,
      materials: [
        own('filing_form', ['工程竣工验收备案表', 'Filing form']),
        own('acceptance_report', ['工程竣工验收报告', 'Completion acceptance report']),
        mat('planning_check', ['建设工程规划核实合格证明', 'Planning verification certificate'], lic('PLANNING-VERIFICATION-CERTIFICATE')),
        mat('fire_acceptance', ['消防验收意见书（特殊建设工程）', 'Fire-safety acceptance (special projects)'], lic('FIRE-ACCEPTANCE'), {
          optional: true,
        }),
        own('warranty', ['施工单位签署的工程质量保修书', 'Quality warranty signed by the contractor']),
      ],
      form: projectForm(),
      summary: [
        '房屋建筑和市政基础设施工程竣工验收合格后，建设单位办理竣工验收备案，规划、消防结果在线共享。',
        'After completion acceptance the client files it; planning and fire results are shared online.',
      ],
    }),
    item({
      code: 'SH-HUD-GG-001',
      name: ['建设工程综合竣工验收（联合验收）', 'Joint completion acceptance of construction projects'],
      type: 'public_service',
      dept: 'HUD',
      impl: ['SH-PNR', 'SH-WATER'],
      laws: [
        law('《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》（国办发〔2019〕11号）'),
        law(LAW.constructionQuality, '第四十九条'),
        law(LAW.planning, '第四十五条'),
      ],
      who: 'enterprise',
      days: [20, 5],
      visits: 0,
      result: ['综合竣工验收意见', 'Joint completion acceptance opinion'],
      ...BUILD,
      materials: [
        own('application', ['综合竣工验收申请表（一表申请）', 'Single application form']),
        own('completion_report', ['工程竣工验收报告及竣工图', 'Completion report and as-built drawings']),
        own('survey', ['竣工测绘成果（多测合一）', 'As-built survey (one survey for all)']),
      ],
      form: projectForm(),
      process: [
        step('accept', 'accept', 1),
        step('quality', 'inspect', 1, { name: ['工程质量竣工验收监督', 'Quality acceptance supervision'], group: 'joint' }),
        step('planning', 'inspect', 1, {
          name: ['规划资源验收（规划核实、土地核验）', 'Planning and land verification'],
          dept: 'PNR',
          group: 'joint',
        }),
        step('fire', 'inspect', 1, { name: ['消防验收', 'Fire-safety acceptance'], group: 'joint' }),
        step('drainage', 'inspect', 1, { name: ['排水接管验收', 'Drainage connection acceptance'], dept: 'WATER', group: 'joint' }),
        step('approve', 'approve', 0, { name: ['出具综合竣工验收意见', 'Joint acceptance opinion'] }),
      ],
      summary: [
        '工程竣工后“一口受理”，住建、规划资源、消防、水务等部门同时现场验收，限时出具综合验收意见。',
        'One application after completion; housing, planning, fire and water inspect at the same time and one opinion is issued.',
      ],
    }),
    item({
      code: 'SH-HUD-XK-004',
      name: ['建筑业企业资质核准（施工总承包三级等）', 'Qualification of construction enterprises'],
      type: 'administrative_licence',
      dept: 'HUD',
      laws: [law(LAW.construction, '第十三条'), law('《建筑业企业资质管理规定》（住房和城乡建设部令第22号）')],
      who: 'enterprise',
      days: [20, 10],
      visits: 0,
      result: ['建筑业企业资质证书', 'Construction enterprise qualification certificate', 'CONSTRUCTION-ENTERPRISE-QUALIFICATION'],
      themes: ['工程建设', '市场准入'],
      materials: [
        own('application', ['建筑业企业资质申请表', 'Application form']),
        businessLicence(),
        own('staff', ['注册建造师、技术负责人及技术工人等人员证明', 'Registered constructors, technical lead and skilled workers']),
        own('equipment', ['主要技术装备情况', 'Main technical equipment']),
      ],
      form: flds('enterprise.name', 'enterprise.credit_code', 'enterprise.registered_capital', 'applicant.name', 'applicant.mobile'),
      summary: [
        '从事建筑活动的施工企业按资产、人员、业绩等条件申请相应等级的资质。',
        'Construction firms apply for the qualification grade matching their assets, staff and record.',
      ],
    }),
    item({
      code: 'SH-HUD-XK-005',
      name: ['建筑施工企业安全生产许可证核发', 'Work safety licence for construction enterprises'],
      type: 'administrative_licence',
      dept: 'HUD',
      laws: [
        law('《安全生产许可证条例》', '第二条'),
        law('《安全生产许可证条例》', '第七条'),
        law('《建筑施工企业安全生产许可证管理规定》'),
      ],
      who: 'enterprise',
      days: [45, 15],
      visits: 0,
      result: ['安全生产许可证（建筑施工）', 'Work safety licence (construction)', 'CONSTRUCTION-SAFETY-LICENCE'],
      themes: ['工程建设', '安全生产'],
      materials: [
        own('application', ['安全生产许可证申请表', 'Application form']),
        businessLicence(),
        legalRepId(),
        own('safety_system', [
          '安全生产责任制度、安全生产管理机构及专职安全员配备情况',
          'Safety responsibilities, organisation and safety officers',
        ]),
        own('safety_officers', [
          '主要负责人、项目负责人、专职安全员安全生产考核合格证书',
          'Safety assessment certificates of managers and officers',
        ]),
      ],
      form: flds('enterprise.name', 'enterprise.credit_code', 'applicant.name', 'applicant.mobile'),
      summary: [
        '建筑施工企业从事施工活动前取得安全生产许可证，有效期3年。',
        'Construction firms need a work safety licence (valid three years) before working.',
      ],
    }),
    item({
      code: 'SH-HUD-XK-006',
      name: ['城市建筑垃圾处置核准', 'Approval for disposing of construction waste'],
      type: 'administrative_licence',
      dept: 'HUD',
      laws: [
        law('《城市建筑垃圾管理规定》（建设部令第139号）', '第七条'),
        law('《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）'),
      ],
      who: 'enterprise',
      days: [20, 5],
      visits: 0,
      result: ['建筑垃圾处置证', 'Construction waste disposal permit'],
      ...BUILD,
      materials: [
        own('application', ['建筑垃圾处置申请表', 'Application form']),
        own('disposal_plan', ['建筑垃圾处置计划及运输、消纳合同', 'Disposal plan with transport and disposal contracts']),
        businessLicence(),
      ],
      form: [...projectForm(), ...flds('works.start_date', 'works.end_date')],
      summary: [
        '工程施工单位处置建筑垃圾，申请处置核准，运输和消纳场所须经核准。',
        'Contractors obtain approval for disposing of construction waste, with approved transport and sites.',
      ],
    }),
  ];
}
