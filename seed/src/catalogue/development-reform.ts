import type { ServiceItemInput } from '@tongban/domain';
import { businessLicence, idCard, titleCert } from './common.ts';
import { hub, item, law, lic, mat, own, sq, step } from './dsl.ts';
import { fld, flds, personFields } from './fields.ts';
import { LAW } from './laws.ts';

/** 发展和改革委员会: investment project filing and approval, energy review, and (as the supervising office) electricity connection. */
export function developmentReformItems(): ServiceItemInput[] {
  const INVEST = { themes: ['投资项目', '工程建设'], events: ['投资项目', '工程建设项目审批'] };
  const projectForm = () =>
    flds(
      'enterprise.name',
      'enterprise.credit_code',
      'project.name',
      'project.address',
      'project.total_investment',
      'project.scale',
      'project.start_date',
      'applicant.name',
      'applicant.mobile',
    );
  const POWER_CONTACTS = { consultation: '95598（国网上海市电力公司）；12345', complaint: '12398（国家能源局监管热线）；12345' };
  const POWER_WHERE: readonly [string, string] = [
    '“一网通办”、“网上国网”App或供电企业营业厅',
    'Online, the State Grid app, or power company service halls',
  ];
  const powerLaws = [
    law(LAW.electricity, '第二十六条'),
    law(LAW.powerSupplyRules),
    law(LAW.optimiseBusiness, '第二十五条'),
    law('《国家发展改革委 国家能源局关于全面提升“获得电力”服务水平 持续优化用电营商环境的意见》（发改能源规〔2020〕1479号）'),
  ];

  return [
    item({
      code: 'SH-DRC-BA-001',
      name: ['企业投资项目备案', 'Filing of an enterprise investment project'],
      type: 'administrative_filing',
      dept: 'DRC',
      laws: [
        law(LAW.investmentProjects, '第三条'),
        law(LAW.investmentProjects, '第十三条'),
        law('《企业投资项目核准和备案管理办法》（国家发展和改革委员会令第2号）'),
      ],
      who: 'enterprise',
      conditions: [
        [
          '不属于《政府核准的投资项目目录》范围的企业投资项目，开工前通过在线平台备案',
          'Enterprise projects outside the approval catalogue, filed online before works start',
        ],
      ],
      days: [0, 0],
      visits: 0,
      result: ['企业投资项目备案证明（项目代码）', 'Project filing record (project code)', 'INVESTMENT-PROJECT-FILING'],
      ...INVEST,
      materials: [
        businessLicence(),
        own('project_info', ['项目基本情况（在线填报：建设规模、内容、总投资等）', 'Project details filled in online']),
      ],
      form: projectForm(),
      summary: [
        '企业投资建设备案类项目，在投资项目在线审批监管平台告知项目信息即完成备案，生成全国统一的项目代码。',
        'Projects outside the approval list are filed online at once and receive the national project code.',
      ],
    }),
    item({
      code: 'SH-DRC-XK-001',
      name: ['企业投资项目核准', 'Approval of an enterprise investment project'],
      type: 'administrative_licence',
      dept: 'DRC',
      laws: [law(LAW.investmentProjects, '第六条'), law(LAW.investmentProjects, '第九条'), law('《政府核准的投资项目目录》')],
      who: 'enterprise',
      conditions: [
        [
          '属于《政府核准的投资项目目录》范围的项目（如重大能源、交通基础设施）',
          'Projects in the government approval catalogue (major energy, transport …)',
        ],
      ],
      days: [20, 10],
      visits: 0,
      result: ['项目核准文件', 'Project approval', 'INVESTMENT-PROJECT-APPROVAL'],
      ...INVEST,
      materials: [
        own('application_report', ['项目申请报告', 'Project application report']),
        businessLicence(),
        mat('land_pre_approval', ['用地预审与选址意见书', 'Land-use pre-approval and site selection opinion'], lic('LAND-PRE-APPROVAL')),
        own('social_risk', ['社会稳定风险评估报告', 'Social stability risk assessment']),
      ],
      form: projectForm(),
      summary: [
        '核准目录内的企业投资项目报送项目申请报告，经评估论证后作出核准决定，规划选址、用地预审意见在线共享。',
        'Projects on the list submit an application report; siting and land opinions are shared online.',
      ],
    }),
    item({
      code: 'SH-DRC-XK-002',
      name: ['政府投资项目可行性研究报告审批', 'Approval of the feasibility study of a government-funded project'],
      type: 'administrative_licence',
      dept: 'DRC',
      laws: [law(LAW.governmentInvestment, '第九条'), law(LAW.governmentInvestment, '第十一条')],
      who: 'enterprise',
      days: [20, 15],
      visits: 0,
      result: ['可行性研究报告批复', 'Approval of the feasibility study'],
      ...INVEST,
      materials: [
        own('feasibility_study', ['项目可行性研究报告', 'Feasibility study']),
        mat('land_pre_approval', ['用地预审与选址意见书', 'Land-use pre-approval and site selection opinion'], lic('LAND-PRE-APPROVAL')),
        own('evaluation', ['工程咨询机构评估报告', 'Evaluation by a consultancy']),
      ],
      form: projectForm(),
      summary: [
        '政府投资项目编制可行性研究报告报投资主管部门审批，审批后方可进行初步设计。',
        'Government-funded projects have their feasibility study approved before preliminary design.',
      ],
    }),
    item({
      code: 'SH-DRC-XK-003',
      name: ['固定资产投资项目节能审查', 'Energy conservation review of fixed-asset investment projects'],
      type: 'administrative_licence',
      dept: 'DRC',
      laws: [law('《中华人民共和国节约能源法》', '第十五条'), law('《固定资产投资项目节能审查办法》（国家发展和改革委员会令2023年第2号）')],
      who: 'enterprise',
      conditions: [
        ['年综合能源消费量1000吨标准煤以上（或年电力消费量500万千瓦时以上）的项目', 'Projects using at least 1,000 tce (or 5 GWh) a year'],
      ],
      days: [20, 10],
      visits: 0,
      result: ['节能审查意见', 'Energy review opinion'],
      ...INVEST,
      materials: [
        own('energy_report', ['节能报告', 'Energy conservation report']),
        mat('project_filing', ['项目备案证明', 'Project filing record'], lic('INVESTMENT-PROJECT-FILING')),
      ],
      form: projectForm(),
      summary: [
        '用能量较大的固定资产投资项目开工前取得节能审查意见。',
        'Energy-intensive projects obtain an energy review before construction.',
      ],
    }),
    item({
      code: 'SH-DRC-BA-002',
      name: ['企业境外投资项目备案', 'Filing of an outbound investment project'],
      type: 'administrative_filing',
      dept: 'DRC',
      laws: [law('《企业境外投资管理办法》（国家发展和改革委员会令第11号）')],
      who: 'enterprise',
      conditions: [['地方企业实施的中方投资额3亿美元以下的非敏感类项目', 'Non-sensitive projects by local firms under USD 300 million']],
      days: [7, 5],
      visits: 0,
      result: ['境外投资项目备案通知书', 'Notice of filing of the outbound investment'],
      themes: ['投资项目', '商务'],
      events: ['投资项目'],
      materials: [
        own('filing_form', ['境外投资项目备案表', 'Filing form']),
        businessLicence(),
        own('decision', ['投资决策文件', 'Investment decision']),
      ],
      form: projectForm(),
      summary: [
        '本市企业开展非敏感类境外投资，在线申请项目备案，7个工作日内出具备案通知书。',
        'Local firms file non-sensitive outbound investments online; notice within seven working days.',
      ],
    }),
    item({
      code: 'SH-DRC-GG-001',
      name: ['低压非居民用户用电报装（小微企业接电）', 'Low-voltage electricity connection for small businesses'],
      type: 'public_service',
      dept: 'DRC',
      laws: powerLaws,
      who: 'enterprise',
      conditions: [
        [
          '用电容量160千伏安及以下的小微企业执行低压接入，接电“零投资”',
          'Up to 160 kVA connected at low voltage at no cost to the customer',
        ],
      ],
      days: [15, 5],
      visits: 0,
      result: ['装表接电（供用电合同）', 'Meter installed and power on (supply contract)'],
      themes: ['公用事业'],
      events: ['获得电力', '企业开办'],
      materials: [
        own('application', ['用电申请（在线）', 'Online application']),
        businessLicence(),
        mat(
          'premises_title',
          ['用电地址不动产权证书', 'Title of the premises'],
          hub('REAL-ESTATE-TITLE', 'certificate_number', 'owner_name', 'address', 'usage'),
        ),
        own('lease', ['房屋租赁合同（租赁场所的）', 'Lease (for rented premises)'], { optional: true }),
      ],
      form: flds(
        'enterprise.name',
        'enterprise.credit_code',
        'premises.address',
        'electricity.capacity_kva',
        'electricity.voltage',
        'applicant.name',
        'applicant.mobile',
      ),
      process: [
        step('accept', 'accept', 0, { name: ['受理用电申请', 'Acceptance'] }),
        step('review', 'review', 1, { name: ['现场勘查、确定供电方案', 'Site survey and supply plan'] }),
        step('inspect', 'inspect', 3, { name: ['外线工程施工（涉路许可并联办理）', 'External works (road permits in parallel)'] }),
        step('approve', 'approve', 1, { name: ['装表接电', 'Meter and connection'] }),
      ],
      contacts: POWER_CONTACTS,
      summary: [
        '小微企业低压用电报装“三零”服务：零上门、零审批、零投资，由供电企业实施，市发展改革委（电力主管）监管。',
        'Low-voltage connections for small firms with no visit, no approval and no cost; carried out by the grid company, supervised by the commission.',
      ],
      where: POWER_WHERE,
    }),
    item({
      code: 'SH-DRC-GG-002',
      name: ['高压用户用电报装', 'High-voltage electricity connection'],
      type: 'public_service',
      dept: 'DRC',
      laws: powerLaws,
      who: 'enterprise',
      days: [40, 20],
      visits: 1,
      result: ['装表接电（供用电合同）', 'Meter installed and power on (supply contract)'],
      themes: ['公用事业', '工程建设'],
      events: ['获得电力', '工程建设项目审批'],
      materials: [
        own('application', ['高压用电申请表', 'Application form']),
        businessLicence(),
        mat(
          'premises_title',
          ['用电地址不动产权证书', 'Title of the premises'],
          hub('REAL-ESTATE-TITLE', 'certificate_number', 'owner_name', 'address', 'usage'),
        ),
        own('load_list', ['用电设备清单及负荷情况', 'Equipment list and load']),
        own('design', ['受电工程设计文件', 'Design of the customer substation']),
      ],
      form: flds(
        'enterprise.name',
        'enterprise.credit_code',
        'project.name',
        'premises.address',
        'electricity.capacity_kva',
        'electricity.voltage',
        'applicant.name',
        'applicant.mobile',
      ),
      process: [
        step('accept', 'accept', 1, { name: ['受理用电申请', 'Acceptance'] }),
        step('review', 'review', 8, { name: ['现场勘查、答复供电方案', 'Survey and supply plan'] }),
        step('inspect', 'inspect', 8, { name: ['受电工程竣工检验', 'Completion check of the customer works'] }),
        step('approve', 'approve', 3, { name: ['签订供用电合同、装表接电', 'Contract, meter and connection'] }),
      ],
      contacts: POWER_CONTACTS,
      summary: [
        '10千伏及以上高压用户用电报装，供电方案答复、竣工检验、装表接电全流程限时办结。',
        'High-voltage connections (10 kV and above) with time limits for plan, inspection and connection.',
      ],
      where: POWER_WHERE,
    }),
    item({
      code: 'SH-DRC-GG-003',
      name: ['用电过户（更名）', 'Transfer of an electricity account'],
      type: 'public_service',
      dept: 'DRC',
      laws: powerLaws,
      who: 'both',
      days: [5, 1],
      visits: 0,
      themes: ['公用事业', '不动产'],
      events: ['不动产登记', '购房'],
      situations: [
        sq(
          'who',
          ['新户主类型', 'New account holder'],
          [
            ['person', '个人', 'A person'],
            ['enterprise', '企业', 'An enterprise'],
          ],
        ),
      ],
      materials: [idCard({ when: { who: ['person'] } }), businessLicence({ when: { who: ['enterprise'] } }), titleCert()],
      form: [...personFields(), fld('property.address'), fld('electricity.account_number')],
      contacts: POWER_CONTACTS,
      summary: [
        '房屋产权转移后办理用电户名变更，可随不动产转移登记联动办理。',
        'Change the electricity account holder after a property transfer, together with the registration.',
      ],
      where: POWER_WHERE,
    }),
  ];
}
