import type { ServiceItemInput } from '@tongban/domain';
import { agentMaterials, businessLicence, byAgentQ, legalRepId, lifecycleQ } from './common.ts';
import { branch, branchesOf } from './depts.ts';
import { item, law, lic, mat, own, step } from './dsl.ts';
import { agentFields, fld, flds } from './fields.ts';
import { LAW } from './laws.ts';

/** 市场监督管理局 (3/3): food, drug and device licences, special equipment, Pudong's integrated licence. */
export function marketLicenceItems(): ServiceItemInput[] {
  const samrBranches = branchesOf('SAMR');

  return [
    item({
      code: 'SH-SAMR-XK-010',
      name: ['食品经营许可', 'Food business licence'],
      type: 'administrative_licence',
      dept: 'SAMR',
      impl: samrBranches,
      laws: [law(LAW.foodSafety, '第三十五条'), law(LAW.foodLicensing), law(LAW.licensing, '第五十条')],
      who: 'both',
      conditions: [
        [
          '具有与经营的食品品种、数量相适应的经营场所，并与有毒、有害场所以及其他污染源保持规定的距离',
          'Premises suited to the foods handled, kept apart from sources of contamination',
        ],
        ['有专职或者兼职的食品安全管理人员和保证食品安全的规章制度', 'A food-safety manager and food-safety rules'],
      ],
      days: [10, 5],
      visits: 0,
      result: ['食品经营许可证', 'Food business licence', 'FOOD-BUSINESS-LICENCE'],
      themes: ['食品药品', '市场准入'],
      events: ['企业开办'],
      situations: [lifecycleQ(), byAgentQ()],
      materials: [
        own('application', ['食品经营许可申请书', 'Food business licence application']),
        businessLicence({ when: { application_kind: ['new', 'change', 'renewal'] } }),
        legalRepId(),
        own('layout', ['经营场所平面布局图、主要设备设施清单及操作流程', 'Floor plan, equipment list and process flow'], {
          when: { application_kind: ['new', 'change'] },
        }),
        own(
          'safety_rules',
          [
            '食品安全自查、从业人员健康管理、进货查验记录等食品安全规章制度目录',
            'Index of food-safety rules (self-inspection, staff health, purchase checks)',
          ],
          {
            when: { application_kind: ['new', 'renewal'] },
          },
        ),
        mat('existing_licence', ['原食品经营许可证', 'Existing food business licence'], lic('FOOD-BUSINESS-LICENCE'), {
          when: { application_kind: ['change', 'renewal', 'cancel'] },
        }),
        ...agentMaterials(),
      ],
      form: [
        ...flds(
          'enterprise.name',
          'enterprise.credit_code',
          'premises.address',
          'premises.area',
          'food.business_type',
          'food.business_items',
          'applicant.name',
          'applicant.id_number',
          'applicant.mobile',
        ),
        fld('licence.number', { when: { application_kind: ['change', 'renewal', 'cancel'] } }),
        ...agentFields(),
      ],
      process: [
        step('accept', 'accept', 1),
        step('review', 'review', 1),
        step('inspect', 'inspect', 2, {
          name: ['现场核查经营场所', 'Inspection of the premises'],
          when: { application_kind: ['new', 'change'] },
        }),
        step('approve', 'approve', 1),
        step('issue', 'issue', 0),
      ],
      summary: [
        '从事食品销售和餐饮服务，申请食品经营许可（新办、变更、延续、注销）；许可证有效期5年。',
        'Apply for, amend, renew or cancel a food business licence (valid five years).',
      ],
    }),
    item({
      code: 'SH-SAMR-BA-001',
      name: ['仅销售预包装食品备案', 'Filing for selling pre-packaged food only'],
      type: 'administrative_filing',
      dept: 'SAMR',
      impl: samrBranches,
      laws: [law(LAW.foodSafety, '第三十五条'), law(LAW.foodLicensing)],
      who: 'both',
      days: [0, 0],
      visits: 0,
      result: ['仅销售预包装食品备案信息采集表（回执）', 'Filing receipt for selling pre-packaged food'],
      themes: ['食品药品', '市场准入'],
      events: ['企业开办'],
      materials: [own('filing_form', ['仅销售预包装食品备案信息采集表', 'Filing form']), businessLicence()],
      form: flds('enterprise.name', 'enterprise.credit_code', 'premises.address', 'applicant.name', 'applicant.mobile'),
      summary: [
        '仅销售预包装食品的，无需取得食品经营许可，开展经营前在线备案即可。',
        'Shops that sell only pre-packaged food file online instead of obtaining a licence.',
      ],
    }),
    item({
      code: 'SH-SAMR-XK-011',
      name: ['药品零售企业经营许可', 'Pharmacy (drug retail) business licence'],
      type: 'administrative_licence',
      dept: 'SAMR',
      impl: samrBranches,
      laws: [law('《中华人民共和国药品管理法》', '第五十一条'), law('《药品经营和使用质量监督管理办法》（国家市场监督管理总局令第84号）')],
      who: 'enterprise',
      conditions: [
        [
          '有依法经过资格认定的执业药师，有与所经营药品相适应的营业场所、设备、仓储设施和质量管理制度',
          'A licensed pharmacist, suitable premises, storage and quality management',
        ],
      ],
      days: [20, 10],
      visits: 1,
      result: ['药品经营许可证', 'Drug business licence', 'DRUG-BUSINESS-LICENCE'],
      themes: ['食品药品', '市场准入'],
      materials: [
        own('application', ['药品经营许可证申请表', 'Application form']),
        businessLicence(),
        own('pharmacist', ['执业药师注册证及聘用证明', "Pharmacist's registration and employment"]),
        own('premises_plan', ['经营场所、仓库平面布置图及设施设备目录', 'Plans of premises and warehouse; equipment list']),
        own('quality_docs', ['药品质量管理制度文件', 'Quality management documents']),
      ],
      form: flds('enterprise.name', 'enterprise.credit_code', 'premises.address', 'premises.area', 'applicant.name', 'applicant.mobile'),
      inspectDays: 4,
      summary: [
        '开办药店（药品零售企业），申请药品经营许可证，经现场检查合格后核发。',
        'Licence for a retail pharmacy, issued after an on-site inspection.',
      ],
    }),
    item({
      code: 'SH-SAMR-BA-002',
      name: ['第二类医疗器械经营备案', 'Filing for trading class II medical devices'],
      type: 'administrative_filing',
      dept: 'SAMR',
      impl: samrBranches,
      laws: [law('《医疗器械监督管理条例》', '第四十一条'), law('《医疗器械经营监督管理办法》（国家市场监督管理总局令第54号）')],
      who: 'enterprise',
      days: [0, 0],
      visits: 0,
      result: ['第二类医疗器械经营备案凭证', 'Class II medical device trading filing certificate', 'MEDICAL-DEVICE-TRADING-FILING'],
      themes: ['食品药品', '市场准入'],
      materials: [
        own('filing_form', ['第二类医疗器械经营备案表', 'Filing form']),
        businessLicence(),
        own('quality_manager', ['质量负责人身份证明、学历或职称证明', "Quality manager's identity and qualifications"]),
        own('premises_docs', ['经营场所、库房地址证明及平面图', 'Premises and warehouse documents']),
      ],
      form: flds('enterprise.name', 'enterprise.credit_code', 'premises.address', 'applicant.name', 'applicant.mobile'),
      summary: [
        '经营第二类医疗器械（如血压计、体温计），向所在区市场监管局备案，当场发放备案凭证。',
        'File to sell class II medical devices such as blood-pressure monitors; the certificate is issued at once.',
      ],
    }),
    item({
      code: 'SH-SAMR-XK-012',
      name: ['特种设备使用登记', 'Registration of the use of special equipment'],
      type: 'administrative_licence',
      dept: 'SAMR',
      laws: [law('《中华人民共和国特种设备安全法》', '第三十三条'), law('《特种设备使用管理规则》（TSG 08-2017）')],
      who: 'enterprise',
      conditions: [
        [
          '电梯、锅炉、压力容器等特种设备投入使用前或者投入使用后30日内办理',
          'Register lifts, boilers, pressure vessels etc. before or within 30 days of entering service',
        ],
      ],
      days: [15, 5],
      visits: 0,
      result: ['特种设备使用登记证', 'Special equipment use registration certificate', 'SPECIAL-EQUIPMENT-USE-CERTIFICATE'],
      themes: ['安全生产', '工程建设'],
      materials: [
        own('registration_form', ['特种设备使用登记表', 'Use registration form']),
        businessLicence(),
        own('product_docs', ['产品合格证、监督检验证明', 'Product certificate and supervisory inspection certificate']),
        own('periodic_inspection', ['定期检验报告（在用设备）', 'Periodic inspection report (equipment in use)'], { optional: true }),
      ],
      form: flds('enterprise.name', 'enterprise.credit_code', 'premises.address', 'applicant.name', 'applicant.mobile'),
      summary: [
        '电梯、锅炉、压力容器、起重机械等特种设备的使用单位办理使用登记。',
        'Operators register lifts, boilers, pressure vessels, cranes and other special equipment.',
      ],
    }),
    item({
      code: 'SH-SAMR-XK-013',
      name: [
        '浦东新区便利店行业综合许可（“一业一证”）',
        'Pudong integrated industry licence for convenience stores ("one industry, one licence")',
      ],
      type: 'administrative_licence',
      dept: 'SAMR',
      responsible: branch('SH-PD', 'SAMR'),
      laws: [
        law('《国务院关于上海市浦东新区开展“一业一证”改革试点大幅降低行业准入成本总体方案的批复》（国函〔2020〕155号）'),
        law('《上海市浦东新区深化“一业一证”改革规定》'),
        law(LAW.foodSafety, '第三十五条'),
      ],
      who: 'enterprise',
      conditions: [['经营场所位于浦东新区', 'Premises located in Pudong New Area']],
      days: [20, 5],
      visits: 0,
      result: ['行业综合许可证', 'Integrated industry licence', 'INDUSTRY-COMPREHENSIVE-LICENCE'],
      themes: ['企业开办', '市场准入', '食品药品'],
      events: ['企业开办'],
      materials: [
        own('application', ['行业综合许可申请表（一张表单）', 'Single integrated application form']),
        businessLicence(),
        legalRepId(),
        own('layout', ['经营场所平面布局图', 'Floor plan of the store']),
        own('commitment', ['告知承诺书', 'Written commitment under the notification-and-commitment system']),
      ],
      form: flds(
        'enterprise.name',
        'enterprise.credit_code',
        'premises.address',
        'premises.area',
        'food.business_items',
        'applicant.name',
        'applicant.mobile',
      ),
      summary: [
        '浦东新区开办便利店，将食品经营等多项许可整合为一张行业综合许可证，一次申请、一次核查。',
        'In Pudong, one integrated licence replaces the separate permits a convenience store needs: one application, one inspection.',
      ],
      where: ['浦东新区企业服务中心', 'Pudong Enterprise Service Centre'],
    }),
  ];
}
