import type { ServiceItemInput } from '@tongban/domain';
import { agentMaterials, businessLicence, byAgentQ, householdBook, idCard } from './common.ts';
import { hub, item, law, lic, mat, own, sq } from './dsl.ts';
import { agentFields, fld, flds, personFields } from './fields.ts';
import { LAW } from './laws.ts';

/** 医疗保障局: resident medical insurance, maternity benefits, cross-region care, reimbursements, long-term care. */
export function medicalSecurityItems(): ServiceItemInput[] {
  const MED = ['医疗', '社保'];
  const insured = (o = {}) =>
    mat(
      'insurance_record',
      ['医疗保险参保缴费记录', 'Medical insurance contribution record'],
      hub('SOCIAL-INSURANCE', 'id_number', 'insured_status', 'insured_since', 'contribution_months', 'card_number'),
      o,
    );

  return [
    item({
      code: 'SH-HSA-QR-001',
      name: ['城乡居民基本医疗保险参保登记', 'Enrolment in urban and rural resident medical insurance'],
      type: 'administrative_confirmation',
      dept: 'HSA',
      laws: [
        law(LAW.socialInsurance, '第二十五条'),
        law('《国务院关于整合城乡居民基本医疗保险制度的意见》（国发〔2016〕3号）'),
        law('《上海市城乡居民基本医疗保险办法》'),
      ],
      who: 'person',
      conditions: [
        [
          '未参加职工医保的本市户籍人员，以及持居住证的非本市户籍中小学生、婴幼儿和老年人等',
          'Residents not in the employee scheme, and eligible permit holders (children, students, elderly)',
        ],
      ],
      days: [0, 0],
      visits: 0,
      themes: MED,
      events: ['新生儿出生'],
      situations: [
        sq(
          'who',
          ['参保人员类别', 'Who is enrolling?'],
          [
            ['newborn', '新生儿', 'A newborn'],
            ['student', '中小学生、婴幼儿', 'Child or school student'],
            ['adult', '超过18周岁的居民', 'Adult resident'],
            ['elderly', '60周岁以上老年人', 'Resident aged 60+'],
          ],
        ),
        sq(
          'hukou',
          ['户籍', 'Household registration'],
          [
            ['local', '本市户籍', 'Local'],
            ['nonlocal', '非本市户籍（持居住证）', 'Non-local, with a residence permit'],
          ],
        ),
      ],
      materials: [
        householdBook(),
        mat(
          'birth_certificate',
          ['出生医学证明', 'Birth medical certificate'],
          hub('BIRTH', 'certificate_number', 'child_name', 'child_birth_date', 'mother_id_number', 'father_id_number'),
          { when: { who: ['newborn'] } },
        ),
        mat(
          'residence_permit',
          ['上海市居住证（参保人或其父母）', 'Residence permit (of the insured or a parent)'],
          lic('RESIDENCE-PERMIT'),
          { when: { hukou: ['nonlocal'] } },
        ),
      ],
      form: [...personFields(), fld('child.name', { when: { who: ['newborn'] } }), fld('child.id_number', { when: { who: ['newborn'] } })],
      summary: [
        '城乡居民在线参加基本医疗保险，新生儿出生后随“一件事”即时参保、待遇追溯至出生之日。',
        'Residents enrol online; newborns are enrolled with the birth bundle, covered from the day of birth.',
      ],
    }),
    item({
      code: 'SH-HSA-JF-001',
      name: ['生育保险待遇申领（生育津贴、生育医疗费）', 'Maternity insurance benefits (maternity allowance and medical costs)'],
      type: 'administrative_benefit',
      dept: 'HSA',
      laws: [law(LAW.socialInsurance, '第五十四条'), law(LAW.socialInsurance, '第五十六条'), law('《上海市城镇生育保险办法》')],
      who: 'person',
      conditions: [
        ['生育时参加本市职工生育保险，按规定享受产假', 'Insured for maternity in the city at the birth, on statutory maternity leave'],
      ],
      days: [20, 5],
      visits: 0,
      result: ['生育保险待遇核定结果', 'Maternity benefit decision'],
      themes: ['婚育', '医疗', '社保'],
      events: ['新生儿出生'],
      situations: [byAgentQ()],
      materials: [
        idCard(),
        mat(
          'birth_certificate',
          ['出生医学证明', 'Birth medical certificate'],
          hub('BIRTH', 'certificate_number', 'child_birth_date', 'mother_id_number'),
        ),
        insured(),
        ...agentMaterials(),
      ],
      form: [...personFields(), fld('applicant.work_unit'), fld('child.birth_date'), fld('bank.card_number'), ...agentFields()],
      summary: [
        '职工生育后在线申领生育津贴和生育医疗费补贴，出生、参保信息共享核验，津贴直接发放至本人账户。',
        'Claim the maternity allowance and medical subsidy online after giving birth; paid to the own account.',
      ],
    }),
    item({
      code: 'SH-HSA-BA-001',
      name: ['跨省异地就医备案', 'Filing for medical treatment in another province'],
      type: 'administrative_filing',
      dept: 'HSA',
      laws: [law('《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）')],
      who: 'person',
      days: [0, 0],
      visits: 0,
      result: ['异地就医备案回执', 'Receipt of the filing'],
      themes: ['医疗'],
      events: ['就医'],
      situations: [
        sq(
          'kind',
          ['备案类型', 'Kind of filing'],
          [
            ['long_term', '异地长期居住（含异地安置退休）', 'Living elsewhere long-term (incl. retirees)'],
            ['temporary', '临时外出就医', 'Temporary treatment elsewhere'],
            ['referral', '转诊转院', 'Referral'],
          ],
        ),
      ],
      materials: [
        idCard(),
        own('undertaking', ['个人承诺书（异地长期居住）', 'Personal undertaking (long-term residence)'], { when: { kind: ['long_term'] } }),
        own('referral', ['转诊转院证明', 'Referral note'], { when: { kind: ['referral'] } }),
      ],
      form: [...personFields(), fld('medical.destination')],
      summary: [
        '参保人员到外省就医前在线备案，就医时直接结算，无需垫付后回参保地报销。',
        'File online before treatment in another province to settle bills directly.',
      ],
    }),
    item({
      code: 'SH-HSA-QR-002',
      name: ['门诊慢特病（门诊大病）待遇认定', 'Recognition of chronic and special outpatient diseases'],
      type: 'administrative_confirmation',
      dept: 'HSA',
      laws: [law(LAW.socialInsurance, '第二十八条'), law('《医疗保障基金使用监督管理条例》')],
      who: 'person',
      conditions: [
        [
          '患恶性肿瘤、尿毒症透析、精神病、肾移植抗排异等门诊大病的参保人员',
          'Insured people with cancer, dialysis, severe mental illness or transplant care',
        ],
      ],
      days: [5, 0],
      visits: 1,
      channels: ['window'],
      themes: ['医疗'],
      events: ['就医'],
      materials: [
        insured(),
        own('diagnosis', ['定点医疗机构出具的诊断证明及相关检查报告', 'Diagnosis and test reports from a designated hospital']),
      ],
      form: [...personFields(), fld('medical.hospital')],
      summary: [
        '参保人员在定点医疗机构登记门诊大病，认定后门诊费用按住院标准报销。',
        'Register a major outpatient disease at a designated hospital; outpatient costs are then reimbursed at inpatient rates.',
      ],
      where: ['本市门诊大病定点医疗机构', 'Designated hospitals'],
    }),
    item({
      code: 'SH-HSA-GG-001',
      name: ['基本医疗保险关系转移接续', 'Transfer of basic medical insurance between places'],
      type: 'public_service',
      dept: 'HSA',
      laws: [law('《基本医疗保险关系转移接续暂行办法》（医保办发〔2021〕43号）')],
      who: 'person',
      days: [30, 10],
      visits: 0,
      themes: ['医疗', '社保'],
      events: ['新市民落户/居住证'],
      materials: [idCard(), insured()],
      form: personFields(),
      summary: [
        '跨统筹地区流动就业的参保人员在新参保地在线申请转移医保关系，缴费年限累计计算。',
        'Move medical insurance when changing region; contribution years are added up.',
      ],
    }),
    item({
      code: 'SH-HSA-JF-002',
      name: ['医疗费用零星报销', 'Reimbursement of medical costs paid in full'],
      type: 'administrative_benefit',
      dept: 'HSA',
      laws: [law(LAW.socialInsurance, '第二十八条'), law('《医疗保障基金使用监督管理条例》')],
      who: 'person',
      conditions: [
        [
          '因急诊、未备案异地就医等原因全额垫付医疗费用的参保人员',
          'Insured people who paid in full (emergency, unfiled treatment elsewhere)',
        ],
      ],
      days: [30, 20],
      visits: 0,
      themes: ['医疗'],
      events: ['就医'],
      materials: [
        insured(),
        own('invoices', ['医疗费用收据（发票）原件及费用明细清单', 'Original receipts and itemised bills']),
        own('medical_records', ['出院小结或门急诊病历', 'Discharge summary or outpatient record']),
      ],
      form: [...personFields(), fld('medical.hospital'), fld('bank.card_number')],
      summary: [
        '参保人员垫付的合规医疗费用申请零星报销，支持网上提交和医保服务点窗口受理。',
        'Claim back eligible medical costs paid in full; online or at medical insurance service points.',
      ],
    }),
    item({
      code: 'SH-HSA-QR-003',
      name: ['职工医疗保险退休人员待遇核定', 'Medical insurance entitlement of employees on retirement'],
      type: 'administrative_confirmation',
      dept: 'HSA',
      laws: [law(LAW.socialInsurance, '第二十七条')],
      who: 'person',
      conditions: [['办理退休时职工医保累计缴费年限达到规定年限', 'The required years of employee medical contributions at retirement']],
      days: [10, 3],
      visits: 0,
      themes: ['医疗', '养老'],
      events: ['退休'],
      materials: [idCard(), insured()],
      form: personFields(),
      summary: [
        '职工退休时核定医保缴费年限，符合条件的退休后不再缴费并享受退休人员医保待遇。',
        'On retirement, contribution years are checked; eligible retirees keep cover without paying.',
      ],
    }),
    item({
      code: 'SH-HSA-JF-003',
      name: ['长期护理保险待遇申请', 'Long-term care insurance benefits'],
      type: 'administrative_benefit',
      dept: 'HSA',
      laws: [law('《上海市长期护理保险办法》'), law('《国家医保局 财政部关于扩大长期护理保险制度试点的指导意见》（医保发〔2020〕37号）')],
      who: 'person',
      conditions: [
        [
          '60周岁及以上、参加职工医保或城乡居民医保，经评估失能等级为二至六级',
          'Aged 60+, medically insured, assessed at care grade 2 to 6',
        ],
      ],
      days: [20, 15],
      visits: 0,
      themes: ['养老', '医疗'],
      events: ['退休'],
      situations: [byAgentQ()],
      materials: [
        idCard(),
        insured(),
        own('application', ['老年照护统一需求评估申请表', 'Application for the unified care-needs assessment']),
        ...agentMaterials(),
      ],
      form: [...personFields(), fld('applicant.residence_address'), ...agentFields()],
      inspectDays: 5,
      summary: [
        '失能老人申请长期护理保险，评估人员上门评估后按等级提供居家、社区或机构护理服务。',
        'Older people needing care apply; assessors visit at home and care is provided according to the grade.',
      ],
      where: ['各街道（镇）社区事务受理服务中心', 'Community affairs acceptance service centres'],
    }),
    item({
      code: 'SH-HSA-GG-002',
      name: ['医药机构申请医保定点', 'Application of a medical institution or pharmacy for medical insurance designation'],
      type: 'public_service',
      dept: 'HSA',
      laws: [
        law('《医疗机构医疗保障定点管理暂行办法》（国家医疗保障局令第2号）'),
        law('《零售药店医疗保障定点管理暂行办法》（国家医疗保障局令第3号）'),
      ],
      who: 'enterprise',
      conditions: [
        ['正式运营至少3个月，具备医保信息系统接口条件', 'Operating for at least three months, with the required information system'],
      ],
      days: [60, 40],
      visits: 0,
      result: ['医疗保障服务协议', 'Medical insurance service agreement'],
      themes: ['医疗', '卫生健康'],
      materials: [
        own('application', ['定点医药机构申请表', 'Application form']),
        businessLicence(),
        mat(
          'practice_licence',
          ['医疗机构执业许可证或药品经营许可证', 'Medical institution licence or drug business licence'],
          lic('MEDICAL-INSTITUTION-LICENCE'),
          { optional: true },
        ),
        own('staff_list', ['医务（药学）人员名单及执业资格', 'Medical or pharmacy staff and their qualifications']),
      ],
      form: flds('enterprise.name', 'enterprise.credit_code', 'premises.address', 'applicant.name', 'applicant.mobile'),
      inspectDays: 10,
      summary: [
        '医疗机构和零售药店申请纳入医保定点，经评估合格后签订医保服务协议。',
        'Hospitals and pharmacies apply to join the medical insurance network; an assessment precedes the agreement.',
      ],
    }),
  ];
}
