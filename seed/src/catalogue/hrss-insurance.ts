import type { ServiceItemInput } from '@tongban/domain';
import { agentMaterials, businessLicence, byAgentQ, householdBook, idCard, legalRepId, photo } from './common.ts';
import { branchesOf } from './depts.ts';
import { hub, item, law, lic, mat, own, sq } from './dsl.ts';
import { agentFields, fld, flds, personFields } from './fields.ts';
import { LAW } from './laws.ts';

/** 人力资源和社会保障局 (1/2): social insurance registration, the social security card, pensions and other benefits. */
export function hrssInsuranceItems(): ServiceItemInput[] {
  const hrssBranches = branchesOf('HRSS');
  const contributions = (o = {}) =>
    mat(
      'contributions',
      ['社会保险参保缴费记录', 'Social insurance contribution record'],
      hub('SOCIAL-INSURANCE', 'id_number', 'insured_status', 'insured_since', 'contribution_months'),
      o,
    );

  return [
    item({
      code: 'SH-HRSS-QR-001',
      name: ['用人单位社会保险登记', 'Social insurance registration of an employer'],
      type: 'administrative_confirmation',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [law(LAW.socialInsurance, '第五十七条'), law('《社会保险费征缴暂行条例》')],
      who: 'enterprise',
      conditions: [['用人单位自成立之日起30日内申请', 'Within 30 days of establishment']],
      days: [15, 0],
      visits: 0,
      themes: ['社保', '企业开办'],
      events: ['企业开办', '招用员工'],
      materials: [businessLicence(), legalRepId()],
      form: flds(
        'enterprise.name',
        'enterprise.credit_code',
        'enterprise.address',
        'enterprise.employee_count',
        'bank.name',
        'applicant.name',
        'applicant.id_number',
        'applicant.mobile',
      ),
      summary: [
        '新设立单位凭营业执照信息办理社会保险登记，与企业登记信息共享、即时办结，不再发放纸质登记证。',
        'New employers register for social insurance from their licence data, at once; no paper certificate any more.',
      ],
    }),
    item({
      code: 'SH-HRSS-QR-002',
      name: ['职工参保登记（新增参保人员）', 'Enrolling new employees in social insurance'],
      type: 'administrative_confirmation',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [law(LAW.socialInsurance, '第五十八条')],
      who: 'enterprise',
      conditions: [['自用工之日起30日内为职工办理', 'Within 30 days of hiring']],
      days: [0, 0],
      visits: 0,
      themes: ['社保', '就业创业'],
      events: ['招用员工'],
      materials: [
        mat(
          'employee_ids',
          ['新增职工居民身份证', "New employees' resident identity cards"],
          hub('POPULATION', 'name', 'id_number', 'household_address'),
        ),
      ],
      form: flds('enterprise.name', 'enterprise.credit_code', 'applicant.name', 'applicant.id_number', 'applicant.mobile'),
      summary: [
        '单位招用职工后在线办理参保登记（就业参保登记合一），身份和户籍信息在线核验。',
        'Employers enrol new staff online (employment and insurance registration in one).',
      ],
    }),
    item({
      code: 'SH-HRSS-QR-003',
      name: ['灵活就业人员参保登记', 'Social insurance registration of flexibly employed people'],
      type: 'administrative_confirmation',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [law(LAW.socialInsurance, '第十条'), law(LAW.socialInsurance, '第二十三条')],
      who: 'person',
      days: [0, 0],
      visits: 0,
      themes: ['社保', '就业创业'],
      materials: [idCard(), householdBook()],
      form: [...personFields(), fld('bank.card_number')],
      summary: [
        '无雇工的个体工商户、非全日制从业人员等灵活就业人员以个人身份参加职工养老、医疗保险。',
        'Self-employed and part-time workers join the employee pension and medical schemes as individuals.',
      ],
    }),
    item({
      code: 'SH-HRSS-GG-001',
      name: ['社会保障卡申领', 'Application for a social security card'],
      type: 'public_service',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [law(LAW.socialInsurance, '第五十八条')],
      who: 'person',
      conditions: [
        [
          '本市参保人员及户籍人员（含新生儿），首次申领免费',
          'People insured or registered in the city, including newborns; the first card is free',
        ],
      ],
      days: [20, 10],
      visits: 0,
      result: ['社会保障卡（含电子社保卡）', 'Social security card (with the electronic card)', 'SOCIAL-SECURITY-CARD'],
      themes: ['社保', '医疗'],
      events: ['新生儿出生'],
      situations: [
        sq(
          'age',
          ['申领人', 'Applicant'],
          [
            ['infant', '新生儿（未满1周岁）', 'Newborn (under one)'],
            ['minor', '未成年人', 'Minor'],
            ['adult', '成年人', 'Adult'],
          ],
        ),
        byAgentQ(),
      ],
      materials: [
        idCard(),
        photo('社保卡数码照片（或授权调用居民身份证照片）', 'Digital photo (or reuse of the ID card photo, with consent)', {
          when: { age: ['minor', 'adult'] },
        }),
        mat('guardian_id', ['监护人居民身份证', "Guardian's resident identity card"], hub('POPULATION', 'name', 'id_number'), {
          when: { age: ['infant', 'minor'] },
        }),
        ...agentMaterials(),
      ],
      form: [...personFields(), fld('bank.name'), fld('delivery.address'), ...agentFields()],
      summary: [
        '申领具有金融功能的社会保障卡，在线申请、邮寄到家；新生儿可随出生“一件事”申领，无需照片。',
        'Apply online for the social security card (with a bank function), posted home; newborns get one without a photo.',
      ],
    }),
    item({
      code: 'SH-HRSS-GG-002',
      name: ['社会保障卡补换', 'Replacement of a social security card'],
      type: 'public_service',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [law(LAW.socialInsurance, '第五十八条')],
      who: 'person',
      days: [20, 5],
      visits: 0,
      result: ['社会保障卡', 'Social security card', 'SOCIAL-SECURITY-CARD'],
      themes: ['社保'],
      situations: [
        sq(
          'reason',
          ['补换原因', 'Reason'],
          [
            ['lost', '遗失（已挂失）', 'Lost (reported)'],
            ['damaged', '损坏', 'Damaged'],
            ['expired', '有效期满或升级换代', 'Expired or upgraded'],
          ],
        ),
      ],
      materials: [idCard(), own('old_card', ['原社会保障卡', 'The old card'], { when: { reason: ['damaged', 'expired'] } })],
      form: [...personFields(), fld('delivery.address')],
      summary: [
        '社保卡遗失、损坏或到期的，挂失后在线申请补换，原卡功能迁移至新卡。',
        'Replace a lost, damaged or expired social security card online.',
      ],
    }),
    item({
      code: 'SH-HRSS-JF-001',
      name: ['职工基本养老金申领（办理退休）', 'Claiming the basic employee pension (retirement)'],
      type: 'administrative_benefit',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [
        law(LAW.socialInsurance, '第十六条'),
        law('《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》'),
        law('《国务院关于完善企业职工基本养老保险制度的决定》（国发〔2005〕38号）'),
      ],
      who: 'person',
      conditions: [
        ['达到法定退休年龄且累计缴费达到最低缴费年限', 'Reached the statutory retirement age with the minimum contribution years'],
      ],
      days: [20, 5],
      visits: 0,
      result: ['基本养老金核定表', 'Pension assessment'],
      themes: ['养老', '社保'],
      events: ['退休'],
      situations: [
        sq(
          'retire_type',
          ['退休类型', 'Kind of retirement'],
          [
            ['normal', '正常退休', 'At the statutory age'],
            ['flexible', '弹性提前或弹性延迟退休', 'Flexible early or late retirement'],
            ['special_job', '特殊工种提前退休', 'Early, for hazardous jobs'],
            ['illness', '因病或非因工致残完全丧失劳动能力提前退休', 'Early, for total incapacity'],
          ],
        ),
      ],
      materials: [
        idCard(),
        contributions(),
        householdBook(),
        own('personnel_file', ['本人人事档案（出生时间、参加工作时间认定）', 'Personnel file (birth date and start of work)'], {
          notes: '由档案保管机构提供。',
        }),
        own('special_job_proof', ['特殊工种从业年限证明材料', 'Evidence of years in hazardous jobs'], {
          when: { retire_type: ['special_job'] },
        }),
        mat('incapacity', ['劳动能力鉴定结论', 'Work-ability appraisal conclusion'], lic('WORK-ABILITY-APPRAISAL'), {
          when: { retire_type: ['illness'] },
        }),
        own(
          'flexible_agreement',
          ['弹性退休申请书（延迟退休须与用人单位协商一致）', 'Request for flexible retirement (late retirement agreed with the employer)'],
          {
            when: { retire_type: ['flexible'] },
          },
        ),
      ],
      form: [...personFields(), fld('applicant.work_unit'), fld('bank.card_number')],
      summary: [
        '职工达到退休条件，由单位或本人在线申请退休和养老金核定，养老金按月发放至社保卡。',
        'Apply for retirement and the pension online; it is paid monthly to the social security card.',
      ],
    }),
    item({
      code: 'SH-HRSS-JF-002',
      name: ['城乡居民基本养老保险待遇申领', 'Claiming the urban and rural resident pension'],
      type: 'administrative_benefit',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [law('《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）')],
      who: 'person',
      conditions: [
        [
          '年满60周岁、累计缴费满15年且未领取国家规定的基本养老保障待遇',
          'Aged 60 with 15 years of contributions and no other basic pension',
        ],
      ],
      days: [20, 5],
      visits: 0,
      themes: ['养老', '社保'],
      events: ['退休'],
      materials: [idCard(), householdBook(), contributions()],
      form: [...personFields(), fld('bank.card_number')],
      summary: [
        '参加城乡居民养老保险的人员达到领取年龄，申请按月领取养老金。',
        'Residents insured under the resident scheme claim their monthly pension.',
      ],
    }),
    item({
      code: 'SH-HRSS-JF-003',
      name: ['失业保险金申领', 'Claiming unemployment insurance benefit'],
      type: 'administrative_benefit',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [
        law(LAW.socialInsurance, '第四十五条'),
        law(LAW.socialInsurance, '第五十条'),
        law(LAW.unemployment, '第十四条'),
        law(LAW.unemployment, '第十六条'),
      ],
      who: 'person',
      conditions: [
        [
          '失业前用人单位和本人已缴纳失业保险费满一年，非因本人意愿中断就业，已办理失业登记并有求职要求',
          'One year of contributions, involuntary unemployment, registered as unemployed and seeking work',
        ],
      ],
      days: [10, 3],
      visits: 0,
      themes: ['就业创业', '社保'],
      events: ['失业再就业'],
      materials: [
        idCard(),
        contributions(),
        own('termination', ['终止或解除劳动合同的证明', 'Proof that the employment ended'], { notes: '单位已在线报送的无需提交。' }),
      ],
      form: [...personFields(), fld('employment.end_date'), fld('bank.card_number')],
      summary: [
        '符合条件的失业人员在线申领失业保险金，同时享受职业介绍和培训服务。',
        'Eligible unemployed people claim benefit online, with job placement and training.',
      ],
    }),
    item({
      code: 'SH-HRSS-QR-004',
      name: ['工伤认定', 'Recognition of a work injury'],
      type: 'administrative_confirmation',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [law(LAW.workInjury, '第十四条'), law(LAW.workInjury, '第十七条'), law(LAW.workInjury, '第二十条')],
      who: 'both',
      conditions: [
        [
          '单位自事故伤害发生之日起30日内提出；单位未提出的，职工或其近亲属1年内可直接申请',
          'The employer applies within 30 days; otherwise the worker or family within one year',
        ],
      ],
      days: [60, 20],
      visits: 1,
      result: ['认定工伤决定书', 'Work injury decision', 'WORK-INJURY-DECISION'],
      themes: ['社保', '就业创业'],
      materials: [
        own('application', ['工伤认定申请表', 'Application form']),
        mat(
          'employment',
          ['与用人单位存在劳动关系的证明（参保记录）', 'Proof of employment (insurance record)'],
          hub('SOCIAL-INSURANCE', 'id_number', 'employer_credit_code', 'employer_name', 'insured_status'),
        ),
        own('diagnosis', ['医疗诊断证明或职业病诊断证明书', 'Medical diagnosis or occupational disease diagnosis']),
        own('accident_report', ['事故经过说明及证人证言', 'Account of the accident and witness statements']),
      ],
      form: [...personFields(), ...flds('enterprise.name', 'enterprise.credit_code', 'injury.date', 'injury.description')],
      inspectDays: 5,
      summary: [
        '职工因工作遭受事故伤害或患职业病，申请工伤认定，经调查核实后作出认定决定。法定60日内作出。',
        'Recognition of an accident at work or an occupational disease, after an investigation; decided within 60 days.',
      ],
    }),
    item({
      code: 'SH-HRSS-QR-005',
      name: ['劳动能力鉴定', 'Work-ability appraisal'],
      type: 'administrative_confirmation',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [law(LAW.workInjury, '第二十三条'), law(LAW.workInjury, '第二十五条')],
      who: 'person',
      days: [60, 30],
      visits: 1,
      result: ['劳动能力鉴定结论书', 'Work-ability appraisal conclusion', 'WORK-ABILITY-APPRAISAL'],
      themes: ['社保'],
      situations: [
        sq(
          'purpose',
          ['鉴定类别', 'Kind of appraisal'],
          [
            ['injury', '工伤职工伤残等级鉴定', 'Disability grade after a work injury'],
            ['illness', '因病或非因工致残丧失劳动能力程度鉴定', 'Incapacity through illness'],
          ],
        ),
      ],
      materials: [
        own('application', ['劳动能力鉴定申请表', 'Application form']),
        idCard(),
        mat('injury_decision', ['认定工伤决定书', 'Work injury decision'], lic('WORK-INJURY-DECISION'), { when: { purpose: ['injury'] } }),
        own('medical_records', ['完整病历、检查报告等医疗资料', 'Complete medical records']),
      ],
      form: personFields(),
      inspectDays: 10,
      summary: [
        '工伤职工或因病丧失劳动能力的职工申请劳动能力鉴定，由专家组现场鉴定后作出结论。',
        'Experts assess the work ability of injured or ill workers in person and issue a conclusion.',
      ],
    }),
    item({
      code: 'SH-HRSS-GG-003',
      name: ['基本养老保险关系转移接续', 'Transfer of basic pension insurance between places'],
      type: 'public_service',
      dept: 'HRSS',
      impl: hrssBranches,
      laws: [law('《城镇企业职工基本养老保险关系转移接续暂行办法》（国办发〔2009〕66号）')],
      who: 'person',
      days: [30, 15],
      visits: 0,
      themes: ['社保'],
      events: ['新市民落户/居住证'],
      materials: [idCard(), contributions()],
      form: personFields(),
      summary: [
        '跨省流动就业人员在新参保地在线申请转入养老保险关系，转出地和转入地经办机构协同办理。',
        'People who change province transfer their pension insurance online; the two funds cooperate.',
      ],
    }),
  ];
}
