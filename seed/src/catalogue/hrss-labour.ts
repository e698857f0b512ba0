import type { ServiceItemInput } from '@tongban/domain';
import { businessLicence, idCard, legalRepId } from './common.ts';
import { branchesOf } from './depts.ts';
import { hub, item, law, lic, mat, own, sq, step } from './dsl.ts';
import { fld, flds, personFields } from './fields.ts';
import { LAW } from './laws.ts';

/** 人力资源和社会保障局 (2/2): labour market licences, working hours, arbitration, talent settlement, training. */
export function hrssLabourItems(): ServiceItemInput[] {
  const hrssBranches = branchesOf('HRSS');
  const entForm = () =>
    flds('enterprise.name', 'enterprise.credit_code', 'enterprise.address', 'applicant.name', 'applicant.id_number', 'applicant.mobile');

  return [
    item({
      code: 'SH-HRSS-XK-001',
      name: ['人力资源服务许可（职业中介活动）', 'Human resources service licence (job placement)'],
      type: 'administrative_licence',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [law('《人力资源市场暂行条例》', '第十八条'), law('《中华人民共和国就业促进法》', '第四十条')],
      who: 'enterprise',
      conditions: [
        [
          '有明确的章程和管理制度，开展业务必备的固定场所、办公设施，3名以上专职工作人员',
          'Rules, fixed premises and at least three full-time staff',
        ],
      ],
      days: [20, 5],
      visits: 0,
      result: ['人力资源服务许可证', 'Human resources service licence', 'HR-SERVICE-LICENCE'],
      themes: ['就业创业', '市场准入'],
      materials: [
        own('application', ['人力资源服务许可申请表', 'Application form']),
        businessLicence(),
        own('staff', ['专职工作人员名单及相关证明', 'List of full-time staff']),
        own('rules', ['服务章程和管理制度', 'Service rules']),
      ],
      form: entForm(),
      summary: [
        '经营性人力资源服务机构从事职业中介活动，申请人力资源服务许可；实行告知承诺的可当场发证。',
        'Licence for job placement agencies; issued on the spot under the commitment system.',
      ],
    }),
    item({
      code: 'SH-HRSS-XK-002',
      name: ['劳务派遣经营许可', 'Labour dispatch business licence'],
      type: 'administrative_licence',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [law('《中华人民共和国劳动合同法》', '第五十七条'), law('《劳务派遣行政许可实施办法》（人力资源社会保障部令第19号）')],
      who: 'enterprise',
      conditions: [
        [
          '注册资本不得少于人民币200万元，有与开展业务相适应的固定经营场所和设施',
          'Registered capital of at least 2 million yuan and suitable premises',
        ],
      ],
      days: [20, 10],
      visits: 0,
      result: ['劳务派遣经营许可证', 'Labour dispatch licence', 'LABOUR-DISPATCH-LICENCE'],
      themes: ['就业创业', '市场准入'],
      materials: [
        own('application', ['劳务派遣经营许可申请书', 'Application']),
        businessLicence(),
        legalRepId(),
        own('premises', ['经营场所使用证明及设施清单', 'Premises and facilities']),
        own('rules', ['劳务派遣管理制度（含劳动合同、劳务派遣协议样本）', 'Dispatch management rules with model contracts']),
      ],
      form: [...entForm(), fld('enterprise.registered_capital')],
      summary: [
        '经营劳务派遣业务的单位向人社部门申请行政许可，许可证有效期3年。',
        'Licence for labour dispatch businesses, valid three years.',
      ],
    }),
    item({
      code: 'SH-HRSS-XK-003',
      name: ['企业实行不定时工作制和综合计算工时工作制审批', 'Approval of flexible and aggregate working-hour systems'],
      type: 'administrative_licence',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [
        law('《中华人民共和国劳动法》', '第三十九条'),
        law('《关于企业实行不定时工作制和综合计算工时工作制的审批办法》（劳部发〔1994〕503号）'),
      ],
      who: 'enterprise',
      days: [20, 10],
      visits: 0,
      result: ['特殊工时工作制审批决定', 'Decision on the special working-hour system'],
      themes: ['就业创业'],
      materials: [
        own('application', ['实行特殊工时工作制申请表', 'Application form']),
        businessLicence(),
        own('union_opinion', ['工会或职工代表大会意见', 'Opinion of the trade union or workers’ congress']),
        own('rest_plan', ['职工休息休假保障方案', 'Plan for employees’ rest and leave']),
      ],
      form: [...entForm(), fld('enterprise.employee_count')],
      summary: [
        '因生产特点不能实行标准工时的岗位，申请实行不定时或综合计算工时工作制。',
        'Approval for jobs that cannot follow standard hours.',
      ],
    }),
    item({
      code: 'SH-HRSS-CJ-001',
      name: ['劳动人事争议仲裁申请', 'Labour and personnel dispute arbitration'],
      type: 'administrative_adjudication',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [law('《中华人民共和国劳动争议调解仲裁法》', '第二十九条'), law('《中华人民共和国劳动争议调解仲裁法》', '第四十三条')],
      who: 'both',
      conditions: [['自知道或者应当知道其权利被侵害之日起1年内申请', 'Within one year of learning of the infringement']],
      days: [45, 40],
      visits: 2,
      result: ['仲裁裁决书或调解书', 'Arbitral award or mediation agreement'],
      themes: ['就业创业', '法律服务'],
      materials: [
        own('application', ['仲裁申请书（按被申请人人数提交副本）', 'Request for arbitration (a copy per respondent)']),
        idCard(),
        mat(
          'respondent',
          ['被申请人（用人单位）登记信息', 'Registration record of the respondent employer'],
          hub('ENTERPRISE-REGISTRATION', 'credit_code', 'name', 'address', 'legal_representative_name'),
        ),
        own('evidence', ['劳动关系及争议事项相关证据', 'Evidence of employment and the dispute']),
      ],
      form: [...personFields(), fld('case.counterparty'), fld('case.summary')],
      process: [
        step('accept', 'accept', 5, { name: ['立案审查（5日内决定是否受理）', 'Admission (decided within 5 days)'] }),
        step('review', 'review', 33, { name: ['开庭审理（先行调解）', 'Hearing (mediation first)'] }),
        step('approve', 'approve', 2, { name: ['作出裁决', 'Award'] }),
      ],
      summary: [
        '劳动者与用人单位发生劳动争议，向劳动人事争议仲裁委员会申请仲裁，自受理之日起45日内结案。',
        'Arbitration of labour disputes; concluded within 45 days of admission.',
      ],
      where: ['各区劳动人事争议仲裁院', 'District labour dispute arbitration courts'],
    }),
    item({
      code: 'SH-HRSS-QR-006',
      name: ['引进人才申办本市常住户口', 'Settlement of introduced talent (hukou application)'],
      type: 'administrative_confirmation',
      dept: 'HRSS',
      laws: [
        law('《上海市引进人才申办本市常住户口办法》'),
        law('《持有〈上海市居住证〉人员申办本市常住户口办法》'),
        law(LAW.hukou, '第十三条'),
      ],
      who: 'person',
      conditions: [
        [
          '符合人才引进、居转户或应届高校毕业生落户条件，由用人单位申报',
          'Meets the talent, permit-to-hukou or graduate criteria; the employer applies',
        ],
      ],
      days: [30, 15],
      visits: 0,
      result: ['准予落户通知', 'Approval to settle', 'SETTLEMENT-APPROVAL'],
      themes: ['户籍', '就业创业'],
      events: ['新市民落户/居住证'],
      situations: [
        sq(
          'path',
          ['落户途径', 'Route'],
          [
            ['talent', '人才引进', 'Talent introduction'],
            ['permit', '居住证转办常住户口', 'Residence permit to hukou'],
            ['graduate', '应届高校毕业生', 'New university graduate'],
          ],
        ),
      ],
      materials: [
        idCard(),
        mat(
          'degree',
          ['学历学位信息', 'Degree record'],
          hub('DEGREE', 'id_number', 'institution', 'education_level', 'degree', 'graduation_date'),
        ),
        mat(
          'contributions',
          ['在沪社会保险缴纳记录', 'Social insurance contributions in Shanghai'],
          hub('SOCIAL-INSURANCE', 'id_number', 'employer_name', 'insured_since', 'contribution_months'),
        ),
        mat('tax_record', ['个人所得税纳税记录', 'Income tax payment record'], lic('TAX-PAYMENT-RECORD'), {
          when: { path: ['talent', 'permit'] },
        }),
        mat('residence_permit', ['上海市居住证', 'Shanghai residence permit'], lic('RESIDENCE-PERMIT'), { when: { path: ['permit'] } }),
        own('labour_contract', ['劳动合同', 'Employment contract']),
        own('employer_recommendation', ['用人单位推荐意见及承诺书', "Employer's recommendation and undertaking"]),
      ],
      form: [...personFields(), ...flds('employer.name', 'education.institution', 'education.level')],
      summary: [
        '符合条件的人才由用人单位在线申报落户，审批通过后凭通知到公安机关办理户口迁入。',
        'Employers apply for eligible talent to settle; once approved, the hukou is registered with the police.',
      ],
    }),
    item({
      code: 'SH-HRSS-JF-005',
      name: ['职业技能提升补贴申领', 'Vocational skills upgrading subsidy'],
      type: 'administrative_benefit',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [law('《就业补助资金管理办法》（财社〔2017〕164号）'), law(LAW.unemployment)],
      who: 'person',
      conditions: [
        ['参加失业保险满1年，取得职业资格证书或职业技能等级证书', 'One year in unemployment insurance and a new vocational certificate'],
      ],
      days: [20, 10],
      visits: 0,
      themes: ['就业创业', '社保'],
      events: ['失业再就业'],
      materials: [
        idCard(),
        mat(
          'contributions',
          ['失业保险参保记录', 'Unemployment insurance record'],
          hub('SOCIAL-INSURANCE', 'id_number', 'insured_status', 'contribution_months'),
        ),
        own('skill_certificate', ['职业资格证书或职业技能等级证书', 'Vocational certificate']),
      ],
      form: [...personFields(), fld('bank.card_number')],
      summary: [
        '参保职工取得职业技能证书后在线申领技能提升补贴，直接发放至社保卡。',
        'Insured workers claim the skills subsidy online after certification; paid to the social security card.',
      ],
    }),
    item({
      code: 'SH-HRSS-QR-007',
      name: ['就业登记和失业登记', 'Employment and unemployment registration'],
      type: 'administrative_confirmation',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [law('《中华人民共和国就业促进法》'), law('《就业服务与就业管理规定》')],
      who: 'person',
      days: [0, 0],
      visits: 0,
      result: ['就业创业证（电子）', 'Employment and entrepreneurship certificate (electronic)'],
      themes: ['就业创业'],
      events: ['失业再就业'],
      situations: [
        sq(
          'kind',
          ['登记类型', 'Registration'],
          [
            ['employment', '就业登记', 'Employment'],
            ['unemployment', '失业登记', 'Unemployment'],
          ],
        ),
      ],
      materials: [
        idCard(),
        own('termination', ['终止或解除劳动关系证明', 'Proof that the employment ended'], { when: { kind: ['unemployment'] } }),
      ],
      form: [...personFields(), fld('employer.name', { when: { kind: ['employment'] } })],
      summary: [
        '劳动者办理就业或失业登记，享受公共就业服务和相关扶持政策。',
        'Register employment or unemployment to use public employment services.',
      ],
    }),
    item({
      code: 'SH-HRSS-GG-004',
      name: ['个人社会保险参保缴费证明打印', 'Certificate of social insurance contributions'],
      type: 'public_service',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [law(LAW.socialInsurance, '第七十四条')],
      who: 'person',
      days: [0, 0],
      visits: 0,
      result: ['社会保险个人权益记录（参保缴费证明）', 'Record of social insurance rights (contribution certificate)'],
      themes: ['社保'],
      materials: [idCard()],
      form: personFields(),
      summary: [
        '在线查询打印个人社会保险参保缴费证明，带电子印章可验真。',
        'Print the social insurance contribution certificate online, with a verifiable e-seal.',
      ],
    }),
    item({
      code: 'SH-HRSS-JF-004',
      name: ['参保人员死亡丧葬补助金、抚恤金申领', 'Funeral grant and survivors’ benefit after an insured person’s death'],
      type: 'administrative_benefit',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [law(LAW.socialInsurance, '第十七条')],
      who: 'person',
      days: [20, 5],
      visits: 0,
      themes: ['社保', '养老'],
      events: ['身后事'],
      materials: [
        mat(
          'death_record',
          ['参保人员死亡（户口注销）信息', 'Death and household cancellation record'],
          hub('POPULATION', 'id_number', 'name', 'alive'),
        ),
        idCard({}, 'survivor_id', ['申领人（遗属）居民身份证', "Claimant's (survivor's) resident identity card"]),
        own('relationship', ['申领人与逝者的亲属关系证明', 'Proof of the family relationship'], {
          notes: '户籍、婚姻信息可共享核验的免交。',
          optional: true,
        }),
      ],
      form: [...flds('deceased.name', 'deceased.id_number', 'deceased.death_date'), ...personFields(), fld('bank.card_number')],
      summary: [
        '参保人员死亡后，其遗属申领丧葬补助金和抚恤金，死亡信息由公安户籍共享。',
        'Survivors claim the funeral grant and benefit; the death is confirmed from the population registry.',
      ],
    }),
  ];
}
