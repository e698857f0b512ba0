import type { ServiceItemInput } from '@tongban/domain';
import { businessLicence, idCard } from './common.ts';
import { hub, item, law, lic, mat, own } from './dsl.ts';
import { fld, flds, personFields } from './fields.ts';
import { LAW } from './laws.ts';

/** 规划和自然资源局 (1/2): land pre-approval, planning permits, planning verification. */
export function planningItems(): ServiceItemInput[] {
  const BUILD = { themes: ['工程建设'], events: ['工程建设项目审批'] };
  const projectForm = () =>
    flds(
      'enterprise.name',
      'enterprise.credit_code',
      'project.code',
      'project.name',
      'project.address',
      'project.land_area',
      'project.building_area',
      'applicant.name',
      'applicant.id_number',
      'applicant.mobile',
    );
  const projectFiling = () =>
    mat('project_filing', ['投资项目备案证明（核准、审批文件）', 'Project filing (or approval) record'], lic('INVESTMENT-PROJECT-FILING'));
  const landTitle = () =>
    mat(
      'land_title',
      ['国有建设用地使用权不动产权证书', 'Title of the state-owned construction land'],
      hub('REAL-ESTATE-TITLE', 'certificate_number', 'unit_number', 'owner_name', 'address', 'area', 'usage', 'right_type'),
    );

  return [
    item({
      code: 'SH-PNR-XK-001',
      name: ['建设项目用地预审与选址意见书核发', 'Land-use pre-approval and site selection opinion'],
      type: 'administrative_licence',
      dept: 'PNR',
      laws: [law(LAW.planning, '第三十六条'), law(LAW.landAdministration, '第五十二条'), law('《建设项目用地预审管理办法》')],
      who: 'enterprise',
      conditions: [
        [
          '以划拨方式提供国有土地使用权的建设项目，以及需办理用地审批的项目',
          'Projects on allocated state land and others needing land approval',
        ],
      ],
      days: [20, 10],
      visits: 0,
      result: ['建设项目用地预审与选址意见书', 'Land-use pre-approval and site selection opinion', 'LAND-PRE-APPROVAL'],
      ...BUILD,
      events: ['工程建设项目审批', '投资项目'],
      materials: [
        own('application', ['用地预审与选址申请表', 'Application form']),
        own('site_plan', ['项目建设依据及拟选址位置图', 'Basis of the project and proposed site plan']),
        businessLicence(),
      ],
      form: [...projectForm(), ...flds('project.total_investment', 'project.scale')],
      summary: [
        '“多审合一”：建设项目选址意见书与用地预审意见合并办理。',
        'Site selection and land-use pre-approval combined into one opinion.',
      ],
    }),
    item({
      code: 'SH-PNR-XK-002',
      name: ['建设用地规划许可证核发', 'Land-use planning permit'],
      type: 'administrative_licence',
      dept: 'PNR',
      laws: [law(LAW.planning, '第三十七条'), law(LAW.planning, '第三十八条')],
      who: 'enterprise',
      days: [20, 5],
      visits: 0,
      result: ['建设用地规划许可证', 'Land-use planning permit', 'LAND-USE-PLANNING-PERMIT'],
      ...BUILD,
      materials: [
        own('application', ['建设用地规划许可申请表', 'Application form']),
        own('land_contract', ['国有建设用地使用权出让合同（或划拨决定书）', 'Land grant contract (or allocation decision)']),
        projectFiling(),
      ],
      form: projectForm(),
      summary: [
        '以出让方式取得国有土地使用权的，签订出让合同后核发建设用地规划许可证（可与用地批准合并办理）。',
        'Issued after the land grant contract (can be combined with the land approval).',
      ],
    }),
    item({
      code: 'SH-PNR-XK-003',
      name: ['建设工程规划许可证核发', 'Construction planning permit'],
      type: 'administrative_licence',
      dept: 'PNR',
      laws: [law(LAW.planning, '第四十条'), law('《上海市城乡规划条例》')],
      who: 'enterprise',
      conditions: [
        [
          '已取得建设用地规划许可和土地使用权，建设工程设计方案符合控制性详细规划和规划条件',
          'Land-use planning permit and land title held; the design complies with the detailed plan',
        ],
      ],
      days: [20, 10],
      visits: 0,
      result: ['建设工程规划许可证', 'Construction planning permit', 'CONSTRUCTION-PLANNING-PERMIT'],
      ...BUILD,
      materials: [
        own('application', ['建设工程规划许可申请表', 'Application form']),
        landTitle(),
        mat('land_use_permit', ['建设用地规划许可证', 'Land-use planning permit'], lic('LAND-USE-PLANNING-PERMIT')),
        projectFiling(),
        own('design', ['建设工程设计方案（总平面图、建筑单体方案）', 'Design scheme (site plan and buildings)']),
      ],
      form: [...projectForm(), fld('project.scale')],
      summary: [
        '在城市规划区内进行建筑物、构筑物、道路、管线和其他工程建设，申请建设工程规划许可证。',
        'Planning permit for buildings, structures, roads and pipelines in the planning area.',
      ],
    }),
    item({
      code: 'SH-PNR-QR-001',
      name: ['建设工程规划核实（竣工规划验收）', 'Planning verification of completed works'],
      type: 'administrative_confirmation',
      dept: 'PNR',
      laws: [law(LAW.planning, '第四十五条')],
      who: 'enterprise',
      days: [15, 5],
      visits: 0,
      result: ['建设工程规划核实合格证明', 'Planning verification certificate', 'PLANNING-VERIFICATION-CERTIFICATE'],
      ...BUILD,
      materials: [
        own('application', ['规划核实申请表', 'Application form']),
        mat('planning_permit', ['建设工程规划许可证', 'Construction planning permit'], lic('CONSTRUCTION-PLANNING-PERMIT')),
        own('survey', ['竣工规划测量成果报告', 'As-built planning survey report']),
      ],
      form: projectForm(),
      inspectDays: 2,
      summary: [
        '建设工程竣工后核实是否符合规划条件，未经核实或核实不合格的不得组织竣工验收。',
        'After completion the works are checked against the permit; no completion acceptance without it.',
      ],
    }),
    item({
      code: 'SH-PNR-XK-004',
      name: ['乡村建设规划许可证核发', 'Rural construction planning permit'],
      type: 'administrative_licence',
      dept: 'PNR',
      laws: [law(LAW.planning, '第四十一条')],
      who: 'both',
      conditions: [
        [
          '在乡、村庄规划区内进行乡镇企业、乡村公共设施和公益事业建设及农村村民住宅建设',
          'Rural enterprises, public facilities and villagers’ houses in village planning areas',
        ],
      ],
      days: [20, 10],
      visits: 1,
      result: ['乡村建设规划许可证', 'Rural construction planning permit', 'RURAL-PLANNING-PERMIT'],
      themes: ['工程建设', '住房'],
      materials: [
        own('application', ['乡村建设规划许可申请表', 'Application form']),
        idCard(),
        own('village_opinion', ['村民委员会意见', 'Opinion of the villagers’ committee']),
        own('house_design', ['建房设计图（可选用通用图集）', 'House design (standard designs allowed)']),
      ],
      form: [...personFields(), ...flds('project.address', 'project.land_area', 'project.building_area')],
      inspectDays: 3,
      summary: [
        '农村村民建房等乡村建设，经镇（乡）人民政府审核后核发乡村建设规划许可证。',
        'Rural building, including villagers’ houses, reviewed by the town government.',
      ],
    }),
    item({
      code: 'SH-PNR-XK-005',
      name: ['临时用地审批', 'Approval of temporary land use'],
      type: 'administrative_licence',
      dept: 'PNR',
      laws: [law(LAW.landAdministration, '第五十七条')],
      who: 'enterprise',
      conditions: [
        [
          '建设项目施工、地质勘查等需要临时使用土地，期限一般不超过2年',
          'Temporary use for construction or surveys, usually at most two years',
        ],
      ],
      days: [20, 10],
      visits: 0,
      result: ['临时用地批准文件', 'Approval of temporary land use'],
      ...BUILD,
      materials: [
        own('application', ['临时用地申请表', 'Application form']),
        own('land_contract', ['临时使用土地合同（与土地权利人签订）', 'Contract with the holder of the land']),
        own('restoration', ['土地复垦方案', 'Land restoration plan']),
      ],
      form: [...projectForm(), ...flds('works.start_date', 'works.end_date')],
      summary: [
        '施工、勘查需要临时使用国有或集体土地的，签订临时用地合同并承诺复垦后申请审批。',
        'Temporary use of land for works, with a contract and a restoration plan.',
      ],
    }),
  ];
}
