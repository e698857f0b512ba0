import type { ServiceItemInput } from '@tongban/domain';
import { bundle } from './bundle-dsl.ts';
import { agentMaterials, byAgentQ, legalRepId, premisesProof, premisesQ } from './common.ts';
import { fromStep, hub, law, lic, mat, own, sq, step } from './dsl.ts';
import { agentFields, flds } from './fields.ts';
import { LAW } from './laws.ts';

/** Business bundles: starting a business, getting electricity, getting water and gas, starting construction. */
export function businessBundles(catalogue: ReadonlyMap<string, ServiceItemInput>): ServiceItemInput[] {
  const licenceFromStep = () =>
    mat('business_licence', ['营业执照', 'Business licence'], fromStep('business_licence'), {
      notes: '由本件事设立登记环节签发后自动推送各部门。',
    });
  const POWER_CONTACTS = { consultation: '95598（国网上海市电力公司）；12345', complaint: '12398（国家能源局监管热线）；12345' };
  const roadWorks = () => [
    own('traffic_plan', ['施工交通组织方案', 'Traffic management plan for the works']),
    own('restoration', ['道路修复承诺书', 'Commitment to restore the road']),
  ];
  const roadForm = () => flds('works.location', 'works.area', 'works.start_date', 'works.end_date');

  return [
    bundle(
      {
        code: 'SH-YJS-001',
        name: ['企业开办一件事', 'Starting a business, in one go'],
        dept: 'SAMR',
        impl: ['SH-PSB', 'SH-TAX', 'SH-HRSS', 'SH-HPF', 'SH-GSO'],
        members: ['SH-SAMR-XK-001', 'SH-PSB-BA-001', 'SH-TAX-QR-001', 'SH-TAX-QR-002', 'SH-HRSS-QR-001', 'SH-HPF-QR-001', 'SH-GSO-GG-001'],
        laws: [law(LAW.bundles), law(LAW.optimiseBusiness), law(LAW.company, '第二十九条'), law(LAW.entityRegistration, '第十九条')],
        who: 'both',
        conditions: [['在本市新设立有限责任公司，名称已自主申报', 'A new limited liability company in the city with a self-declared name']],
        promisedDays: 2,
        visits: 1,
        result: [
          '营业执照、印章、税务信息确认及发票、社保和公积金登记、银行账户',
          'Business licence, seals, tax registration and invoices, social insurance and housing fund registration, bank account',
        ],
        themes: ['企业开办', '市场准入', '税务', '社保', '公积金'],
        events: ['企业开办'],
        situations: [
          sq(
            'shareholder_kind',
            ['股东（出资人）是？', 'The shareholders are'],
            [
              ['natural', '自然人', 'Natural persons'],
              ['entity', '企业法人等单位', 'Enterprises or other organisations'],
              ['both', '既有自然人也有单位', 'Both'],
            ],
          ),
          premisesQ(),
          byAgentQ(),
        ],
        materials: [
          own(
            'application',
            ['企业开办“一表申请”（含设立登记申请书）', 'Single start-a-business form (with the registration application)'],
            { notes: '法定代表人电子签名。' },
          ),
          own('articles', ['公司章程', 'Articles of association']),
          mat('shareholder_id', ['自然人股东身份证明', 'Identity of natural-person shareholders'], hub('POPULATION', 'name', 'id_number'), {
            when: { shareholder_kind: ['natural', 'both'] },
          }),
          mat(
            'shareholder_licence',
            ['单位股东主体资格证明（营业执照）', 'Business licence of corporate shareholders'],
            lic('BUSINESS-LICENCE'),
            { when: { shareholder_kind: ['entity', 'both'] } },
          ),
          own('officer_appointments', [
            '法定代表人、董事、监事和经理的任职文件',
            'Appointments of the legal representative, directors, supervisors and manager',
          ]),
          legalRepId(),
          ...premisesProof(),
          licenceFromStep(),
          mat(
            'tax_officer_ids',
            ['财务负责人、办税人员身份信息', 'Identity of the CFO and tax staff'],
            hub('POPULATION', 'name', 'id_number'),
          ),
          own('seal_order', ['印章刻制申请（选择刻制企业及印章种类）', 'Seal order (engraver and kinds of seal)']),
          own('account_application', ['开立单位银行结算账户申请书（银行面签）', 'Account application signed at the bank']),
          ...agentMaterials(),
        ],
        form: [
          ...flds(
            'enterprise.name',
            'enterprise.type',
            'enterprise.registered_capital',
            'enterprise.address',
            'enterprise.business_scope',
            'enterprise.legal_representative',
            'enterprise.legal_representative_id_number',
            'enterprise.shareholders',
            'enterprise.contact_mobile',
            'enterprise.employee_count',
            'enterprise.finance_officer',
            'enterprise.finance_officer_mobile',
            'seal.kinds',
            'tax.taxpayer_type',
            'tax.invoice_type',
            'housing_fund.deposit_rate',
            'bank.name',
            'applicant.name',
            'applicant.id_number',
            'applicant.mobile',
          ),
          ...agentFields(),
        ],
        process: [
          step('accept', 'accept', 0, { name: ['“一表申请、一窗受理”', 'One form, one window'] }),
          step('registration', 'review', 1, { name: ['设立登记审查', 'Registration review'] }),
          step('business_licence', 'issue', 0, {
            name: ['签发营业执照（电子营业执照同步推送）', 'Business licence issued and pushed to all departments'],
          }),
          step('seal', 'review', 0, { name: ['公章刻制备案', 'Seal engraving filing'], dept: 'PSB', group: 'after_licence' }),
          step('tax', 'review', 0, {
            name: ['涉税信息确认、发票申领', 'Tax confirmation and first invoices'],
            dept: 'TAX',
            group: 'after_licence',
          }),
          step('social_insurance', 'review', 0, {
            name: ['社会保险登记', 'Social insurance registration'],
            dept: 'HRSS',
            group: 'after_licence',
          }),
          step('housing_fund', 'review', 0, {
            name: ['住房公积金缴存登记', 'Housing fund registration'],
            dept: 'HPF',
            group: 'after_licence',
          }),
          step('bank_account', 'review', 1, {
            name: ['银行开户预约及开户', 'Bank account appointment and opening'],
            dept: 'GSO',
            group: 'after_licence',
          }),
          step('issue', 'issue', 0, {
            name: ['统一反馈办理结果（印章、发票可免费寄递）', 'All results returned together (seals and invoices posted free)'],
          }),
        ],
        summary: [
          '开办企业“一表申请、一窗发放”：设立登记、公章刻制、涉税信息确认和发票申领、社保登记、公积金登记、银行开户一次办结，2个工作日内完成。',
          'Start a company with one form: registration, seals, tax and invoices, social insurance, housing fund and a bank account, all within two working days.',
        ],
      },
      catalogue,
    ),
    bundle(
      {
        code: 'SH-YJS-005',
        name: ['获得电力一件事（小微企业接电）', 'Getting electricity, in one go (small businesses)'],
        dept: 'DRC',
        impl: ['SH-TC', 'SH-PSB'],
        members: ['SH-DRC-GG-001', 'SH-TC-XK-006', 'SH-PSB-XK-006'],
        laws: [law(LAW.bundles), law(LAW.electricity, '第二十六条'), law(LAW.urbanRoads, '第三十三条'), law(LAW.roadTraffic, '第三十二条')],
        who: 'enterprise',
        promisedDays: 5,
        visits: 0,
        result: [
          '接电完成（供用电合同），道路挖掘及交通安全审批结果',
          'Power connected (supply contract), with road and traffic approvals',
        ],
        themes: ['公用事业', '企业开办'],
        events: ['获得电力'],
        materials: [
          own('application', ['用电申请（在线）', 'Online application']),
          mat('business_licence', ['营业执照', 'Business licence'], lic('BUSINESS-LICENCE')),
          mat(
            'premises_title',
            ['用电地址不动产权证书', 'Title of the premises'],
            hub('REAL-ESTATE-TITLE', 'certificate_number', 'owner_name', 'address', 'usage'),
          ),
          own('lease', ['房屋租赁合同（租赁场所的）', 'Lease (for rented premises)'], { optional: true }),
          mat('supply_plan', ['供电方案及外线工程设计', 'Supply plan and design of the external works'], fromStep('survey'), {
            notes: '供电企业勘查后生成，用于涉路审批。',
          }),
          ...roadWorks(),
        ],
        form: [
          ...flds(
            'enterprise.name',
            'enterprise.credit_code',
            'premises.address',
            'electricity.capacity_kva',
            'electricity.voltage',
            'applicant.name',
            'applicant.mobile',
          ),
          ...roadForm(),
        ],
        process: [
          step('accept', 'accept', 0, { name: ['受理用电申请', 'Acceptance'] }),
          step('survey', 'review', 1, { name: ['现场勘查、确定供电方案', 'Site survey and supply plan'] }),
          step('excavation', 'approve', 1, { name: ['城市道路挖掘许可', 'Road excavation permit'], dept: 'TC', group: 'road_permits' }),
          step('traffic', 'approve', 1, { name: ['占道施工交通安全审核', 'Traffic-safety approval'], dept: 'PSB', group: 'road_permits' }),
          step('works', 'inspect', 2, { name: ['外线工程施工', 'External works'] }),
          step('connect', 'issue', 0, { name: ['装表接电', 'Meter and connection'] }),
        ],
        contacts: POWER_CONTACTS,
        summary: [
          '小微企业用电报装与道路挖掘、占道交通审核“一口受理、并联审批”，全程5个工作日内接电，零上门、零审批费用、零投资。',
          'Power connection with road and traffic permits in parallel: connected within five working days, no visit, no cost.',
        ],
        where: ['“一网通办”、“网上国网”App或供电企业营业厅', 'Online, the State Grid app, or power company service halls'],
      },
      catalogue,
    ),
    bundle(
      {
        code: 'SH-YJS-006',
        name: ['获得用水用气一件事', 'Getting water and gas, in one go'],
        dept: 'WATER',
        impl: ['SH-HUD', 'SH-TC'],
        members: ['SH-WATER-GG-001', 'SH-WATER-XK-002', 'SH-HUD-GG-003', 'SH-TC-XK-006'],
        laws: [law(LAW.bundles), law(LAW.waterSupply), law(LAW.gas), law(LAW.drainage, '第二十一条'), law(LAW.urbanRoads, '第三十三条')],
        who: 'enterprise',
        promisedDays: 5,
        visits: 0,
        result: ['接水通水、燃气通气，排水许可证', 'Water and gas connected, sewer discharge permit'],
        themes: ['公用事业', '水务'],
        events: ['获得用水用气'],
        situations: [
          sq(
            'discharge',
            ['是否向市政管网排放生产经营污水？', 'Will business wastewater go into public sewers?'],
            [
              ['yes', '是（餐饮、工业等）', 'Yes (catering, industry …)'],
              ['no', '否（仅生活污水）', 'No (domestic only)'],
            ],
          ),
        ],
        materials: [
          own('application', ['用水用气联合申请表', 'Joint water and gas application']),
          mat('business_licence', ['营业执照', 'Business licence'], lic('BUSINESS-LICENCE')),
          mat(
            'premises_title',
            ['用水用气地址不动产权证书', 'Title of the premises'],
            hub('REAL-ESTATE-TITLE', 'certificate_number', 'owner_name', 'address', 'usage'),
          ),
          own('drainage_plan', ['排水户内部排水管网及接入位置图', 'Internal drainage and connection point'], {
            when: { discharge: ['yes'] },
          }),
          ...roadWorks(),
        ],
        form: [
          ...flds(
            'enterprise.name',
            'enterprise.credit_code',
            'premises.address',
            'water.pipe_diameter',
            'water.daily_volume',
            'gas.monthly_volume',
            'applicant.name',
            'applicant.mobile',
          ),
          ...roadForm(),
        ],
        process: [
          step('accept', 'accept', 0),
          step('water_survey', 'review', 1, { name: ['供水勘查设计', 'Water survey and design'], group: 'survey' }),
          step('gas_survey', 'review', 1, { name: ['燃气勘查设计', 'Gas survey and design'], dept: 'HUD', group: 'survey' }),
          step('drainage_permit', 'approve', 0, {
            name: ['排水许可（告知承诺）', 'Sewer discharge permit (commitment)'],
            group: 'survey',
            when: { discharge: ['yes'] },
          }),
          step('road_permit', 'approve', 1, {
            name: ['道路挖掘许可（并联交通安全审核）', 'Road excavation permit (with traffic approval)'],
            dept: 'TC',
          }),
          step('water_connect', 'issue', 1, { name: ['接水通水', 'Water connected'], group: 'connect' }),
          step('gas_connect', 'issue', 1, { name: ['燃气通气', 'Gas connected'], dept: 'HUD', group: 'connect' }),
        ],
        summary: [
          '企业用水、排水、用气报装“一表申请”，勘查、涉路审批、接入施工并联推进，5个工作日内通水通气。',
          'One form for water, drainage and gas; surveys, road permits and works run in parallel, connected within five working days.',
        ],
      },
      catalogue,
    ),
    bundle(
      {
        code: 'SH-YJS-007',
        name: ['社会投资项目开工一件事（备案至施工许可）', 'Starting construction of a private investment project, in one go'],
        dept: 'HUD',
        impl: ['SH-DRC', 'SH-PNR', 'SH-EE'],
        members: ['SH-DRC-BA-001', 'SH-PNR-XK-003', 'SH-HUD-XK-002', 'SH-EE-BA-001', 'SH-HUD-XK-001'],
        laws: [
          law(LAW.bundles),
          law('《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》（国办发〔2019〕11号）'),
          law(LAW.construction, '第八条'),
          law(LAW.planning, '第四十条'),
        ],
        who: 'enterprise',
        conditions: [['已取得国有建设用地使用权的社会投资项目', 'A private project on state land already granted']],
        promisedDays: 16,
        visits: 0,
        result: [
          '项目代码、建设工程规划许可证、消防设计审查意见、环评登记表备案回执、建筑工程施工许可证',
          'Project code, planning permit, fire design opinion, EIA filing and construction permit',
        ],
        themes: ['工程建设', '投资项目'],
        events: ['工程建设项目审批', '投资项目'],
        materials: [
          own('application', ['工程建设项目审批“一表申请”', 'Single application for the construction approvals']),
          mat('business_licence', ['营业执照', 'Business licence'], lic('BUSINESS-LICENCE')),
          mat(
            'land_title',
            ['国有建设用地使用权不动产权证书', 'Land title'],
            hub('REAL-ESTATE-TITLE', 'certificate_number', 'unit_number', 'owner_name', 'address', 'area', 'right_type'),
          ),
          mat('land_use_permit', ['建设用地规划许可证', 'Land-use planning permit'], lic('LAND-USE-PLANNING-PERMIT')),
          mat('project_filing', ['投资项目备案证明（项目代码）', 'Project filing (project code)'], fromStep('filing')),
          own('design', ['建设工程设计方案', 'Design scheme']),
          own('fire_design', ['消防设计文件', 'Fire-safety design']),
          mat('planning_permit', ['建设工程规划许可证', 'Construction planning permit'], fromStep('planning_permit')),
          own('contract', ['施工合同（中标通知书）', 'Construction contract (notice of award)']),
          own('drawings', ['施工图设计文件审查合格书（或告知承诺）', 'Approval of the construction drawings (or commitment)']),
          own('funding', ['建设资金已落实承诺书', 'Commitment that funding is in place']),
        ],
        form: flds(
          'enterprise.name',
          'enterprise.credit_code',
          'project.name',
          'project.address',
          'project.total_investment',
          'project.scale',
          'project.land_area',
          'project.building_area',
          'project.start_date',
          'project.contractor',
          'project.contract_price',
          'project.supervisor',
          'applicant.name',
          'applicant.id_number',
          'applicant.mobile',
        ),
        process: [
          step('accept', 'accept', 0, { name: ['工程建设项目审批管理系统统一受理', 'Accepted by the construction approval system'] }),
          step('filing', 'issue', 0, { name: ['项目备案、赋项目代码', 'Project filed and coded'], dept: 'DRC' }),
          step('planning_permit', 'approve', 8, {
            name: ['建设工程规划许可', 'Construction planning permit'],
            dept: 'PNR',
            group: 'design_stage',
          }),
          step('fire_review', 'approve', 5, { name: ['消防设计审查', 'Fire-safety design review'], group: 'design_stage' }),
          step('eia_filing', 'review', 0, { name: ['环境影响登记表备案', 'EIA registration filing'], dept: 'EE', group: 'design_stage' }),
          step('construction_permit', 'approve', 3, { name: ['建筑工程施工许可', 'Construction permit'] }),
          step('issue', 'issue', 0, { name: ['电子证照统一送达', 'E-licences delivered together'] }),
        ],
        summary: [
          '社会投资项目从项目备案到施工许可“一表申请、并联审批”，规划、消防、环评同步审查，16个工作日内取得施工许可证。',
          'A private project goes from filing to construction permit with one form and parallel reviews, within sixteen working days.',
        ],
        where: ['上海市工程建设项目审批管理系统（“一网通办”）', 'The construction approval system on the one-stop portal'],
      },
      catalogue,
    ),
  ];
}
