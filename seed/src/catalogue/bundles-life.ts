import type { ServiceItemInput } from '@tongban/domain';
import { bundle } from './bundle-dsl.ts';
import { agentMaterials, byAgentQ, householdBook, idCard, marriageCert, titleCert } from './common.ts';
import { fromStep, hub, law, mat, own, sq, step } from './dsl.ts';
import { agentFields, fld, flds, personFields } from './fields.ts';
import { LAW } from './laws.ts';

/** Life-event bundles: a birth, retirement, a home sale, and the affairs after a death. */
export function lifeBundles(catalogue: ReadonlyMap<string, ServiceItemInput>): ServiceItemInput[] {
  return [
    bundle(
      {
        code: 'SH-YJS-002',
        name: ['新生儿出生一件事', 'A baby is born, in one go'],
        dept: 'HC',
        impl: ['SH-PSB', 'SH-HSA', 'SH-HRSS'],
        members: ['SH-HC-GG-001', 'SH-PSB-QR-005', 'SH-HSA-QR-001', 'SH-HRSS-GG-001'],
        laws: [law(LAW.bundles), law(LAW.maternalHealth, '第二十三条'), law(LAW.hukou, '第七条'), law(LAW.socialInsurance, '第二十五条')],
        who: 'person',
        conditions: [
          ['在本市助产机构出生、父母一方为本市户籍的新生儿', 'Born in a maternity hospital in the city, with a parent registered here'],
        ],
        promisedDays: 10,
        visits: 0,
        result: [
          '出生医学证明、户口登记（新生儿户口页）、城乡居民医保参保、社会保障卡',
          'Birth certificate, household registration, medical insurance and social security card',
        ],
        themes: ['婚育', '户籍', '医疗', '社保'],
        events: ['新生儿出生'],
        situations: [
          sq(
            'settle_with',
            ['新生儿随谁落户？', 'Register the child with'],
            [
              ['father', '随父亲落户', 'The father'],
              ['mother', '随母亲落户', 'The mother'],
            ],
          ),
          sq(
            'parents_married',
            ['父母是否登记结婚？', 'Are the parents married?'],
            [
              ['yes', '已登记结婚', 'Yes'],
              ['no', '未登记结婚', 'No'],
            ],
          ),
        ],
        materials: [
          own('joint_form', [
            '新生儿出生“一件事”联办申请表（父母确认新生儿姓名并签字）',
            "Joint application signed by the parents, with the child's name",
          ]),
          mat(
            'parent_ids',
            ['父母双方居民身份证', "Both parents' resident identity cards"],
            hub('POPULATION', 'name', 'id_number', 'ethnicity', 'household_address'),
          ),
          householdBook({}, 'parent_household_register', ['落户方父（母）居民户口簿', 'Household register of the parent the child joins']),
          marriageCert({ when: { parents_married: ['yes'] } }),
          mat('birth_certificate', ['出生医学证明', 'Birth medical certificate'], fromStep('birth_certificate'), {
            notes: '助产机构签发后电子证照自动推送公安、医保、人社。',
          }),
          mat(
            'child_id_number',
            ['新生儿公民身份号码（户口登记结果）', "The child's ID number (from the registration)"],
            fromStep('household'),
          ),
        ],
        form: [
          ...flds(
            'child.name',
            'child.sex',
            'child.birth_date',
            'child.birth_place',
            'mother.name',
            'mother.id_number',
            'father.name',
            'father.id_number',
            'applicant.name',
            'applicant.id_number',
            'applicant.mobile',
            'bank.name',
            'delivery.address',
          ),
        ],
        process: [
          step('accept', 'accept', 0, { name: ['助产机构或线上统一受理', 'Accepted by the hospital or online'] }),
          step('birth_certificate', 'issue', 1, { name: ['签发出生医学证明', 'Birth certificate issued'] }),
          step('household', 'approve', 0, { name: ['新生儿户口登记', 'Household registration'], dept: 'PSB' }),
          step('medical_insurance', 'review', 0, {
            name: ['城乡居民医保参保登记', 'Medical insurance enrolment'],
            dept: 'HSA',
            group: 'after_household',
          }),
          step('ss_card', 'review', 8, {
            name: ['社会保障卡制卡', 'Social security card production'],
            dept: 'HRSS',
            group: 'after_household',
          }),
          step('issue', 'issue', 1, { name: ['统一送达（社保卡邮寄到家）', 'Results delivered (card posted home)'] }),
        ],
        summary: [
          '新生儿出生后“一表申请”：出生医学证明、户口登记、医保参保、社保卡申领联办，父母无需提交任何已由部门掌握的证件。',
          'One application after a birth: certificate, household registration, medical insurance and social security card; parents upload nothing the departments already hold.',
        ],
        where: ['本市各助产机构或“一网通办”', 'Maternity hospitals, or online'],
      },
      catalogue,
    ),
    bundle(
      {
        code: 'SH-YJS-003',
        name: ['退休一件事', 'Retirement, in one go'],
        dept: 'HRSS',
        impl: ['SH-HSA', 'SH-HPF', 'SH-HC'],
        members: ['SH-HRSS-JF-001', 'SH-HSA-QR-003', 'SH-HPF-JF-002', 'SH-HC-JL-001'],
        laws: [
          law(LAW.bundles),
          law(LAW.socialInsurance, '第十六条'),
          law(LAW.socialInsurance, '第二十七条'),
          law(LAW.housingFund, '第二十四条'),
        ],
        who: 'person',
        promisedDays: 5,
        visits: 0,
        result: [
          '养老金核定、退休人员医保待遇、公积金销户提取、独生子女父母奖励',
          'Pension, retiree medical cover, housing fund payout and only-child reward',
        ],
        themes: ['养老', '社保', '医疗', '公积金'],
        events: ['退休'],
        situations: [
          sq(
            'only_child',
            ['是否领取过独生子女父母光荣证？', 'Do you hold the only-child parents’ honour certificate?'],
            [
              ['yes', '是', 'Yes'],
              ['no', '否', 'No'],
            ],
          ),
        ],
        materials: [
          idCard(),
          householdBook(),
          mat(
            'contributions',
            ['社会保险参保缴费记录', 'Social insurance contribution record'],
            hub('SOCIAL-INSURANCE', 'id_number', 'insured_status', 'insured_since', 'contribution_months'),
          ),
          own('personnel_file', ['本人人事档案（出生时间、参加工作时间认定）', 'Personnel file (birth date and start of work)'], {
            notes: '由档案保管机构提供。',
          }),
          mat('retirement', ['退休审批结果', 'Retirement approval'], fromStep('pension'), {
            notes: '退休审批后推送医保、公积金和卫生健康部门。',
          }),
          mat(
            'fund_account',
            ['住房公积金个人账户信息', 'Housing fund account'],
            hub('HOUSING-FUND', 'id_number', 'account_number', 'account_status', 'balance'),
          ),
          own('honour_certificate', ['独生子女父母光荣证', 'Only-child parents’ honour certificate'], { when: { only_child: ['yes'] } }),
        ],
        form: [...personFields(), fld('applicant.work_unit'), fld('bank.card_number'), fld('housing_fund.account_number')],
        process: [
          step('accept', 'accept', 0),
          step('pension', 'approve', 3, { name: ['退休审批、养老金核定', 'Retirement approval and pension assessment'] }),
          step('medical', 'review', 1, { name: ['退休人员医保待遇核定', 'Retiree medical cover'], dept: 'HSA', group: 'after_retirement' }),
          step('housing_fund', 'review', 0, {
            name: ['住房公积金销户提取', 'Housing fund payout'],
            dept: 'HPF',
            group: 'after_retirement',
          }),
          step('reward', 'review', 1, {
            name: ['独生子女父母退休奖励', 'Only-child parents’ reward'],
            dept: 'HC',
            group: 'after_retirement',
            when: { only_child: ['yes'] },
          }),
          step('issue', 'issue', 0, { name: ['统一告知办理结果', 'All results notified together'] }),
        ],
        summary: [
          '职工退休“一件事”：退休审批、养老金核定、医保待遇变更、公积金提取和独生子女父母奖励一次申请、并联办理。',
          'Retire with one application: pension, medical cover, housing fund payout and the only-child reward handled in parallel.',
        ],
      },
      catalogue,
    ),
    bundle(
      {
        code: 'SH-YJS-004',
        name: ['不动产交易登记一件事（二手房买卖及水电气过户）', 'Buying an existing home, in one go (registration, taxes, utilities)'],
        dept: 'PNR',
        impl: ['SH-TAX', 'SH-WATER', 'SH-DRC', 'SH-HUD'],
        members: ['SH-PNR-QR-003', 'SH-TAX-QR-006', 'SH-WATER-GG-003', 'SH-DRC-GG-003', 'SH-HUD-GG-004'],
        laws: [
          law(LAW.bundles),
          law(LAW.civilCode, '第二百零九条'),
          law(LAW.realEstateRegistration, '第十四条'),
          law('《中华人民共和国契税法》', '第十条'),
        ],
        who: 'person',
        promisedDays: 1,
        visits: 1,
        result: ['不动产权证书（电子证照），税费完税信息，水电气过户', 'Title certificate (electronic), tax paid, utilities transferred'],
        themes: ['不动产', '住房', '税务', '公用事业'],
        events: ['不动产登记', '购房'],
        situations: [
          sq(
            'family_home',
            ['买受人是否享受家庭住房契税优惠？', 'Does the buyer claim home deed-tax relief?'],
            [
              ['yes', '是，首套或二套改善性住房', 'Yes'],
              ['no', '否', 'No'],
            ],
          ),
          byAgentQ(),
        ],
        materials: [
          own('application', [
            '不动产登记申请书（交易、税费、登记“一窗”联办）',
            'Joint registration application (sale, tax, registration)',
          ]),
          idCard({}, 'party_ids', ['买卖双方居民身份证', 'Resident ID cards of buyer and seller']),
          titleCert({}, 'seller_title'),
          own('sales_contract', ['存量房买卖合同（网签）', 'Contract of sale (signed online)']),
          marriageCert({ when: { family_home: ['yes'] } }),
          mat(
            'family_homes',
            ['买受人家庭住房情况查询结果', "Homes already owned by the buyer's family"],
            hub('REAL-ESTATE-TITLE', 'owner_id_number', 'address', 'usage'),
            { when: { family_home: ['yes'] } },
          ),
          mat('tax_receipt', ['税收完税（减免）信息', 'Tax paid (or exemption)'], fromStep('tax')),
          mat('new_title', ['新不动产权证书', 'New title certificate'], fromStep('certificate'), {
            notes: '登记完成后推送供水、供电、供气企业办理过户。',
          }),
          ...agentMaterials(),
        ],
        form: [
          ...flds(
            'property.address',
            'property.unit_number',
            'property.certificate_number',
            'property.area',
            'property.price',
            'property.contract_number',
            'seller.name',
            'seller.id_number',
            'buyer.name',
            'buyer.id_number',
            'applicant.name',
            'applicant.id_number',
            'applicant.mobile',
          ),
          fld('water.account_number', { optional: true }),
          fld('electricity.account_number', { optional: true }),
          fld('gas.account_number', { optional: true }),
          ...agentFields(),
        ],
        process: [
          step('accept', 'accept', 0, { name: ['“一窗受理”交易、税收、登记', 'One window for sale, tax and registration'] }),
          step('tax', 'review', 0, { name: ['税费核定与缴纳', 'Tax assessment and payment'], dept: 'TAX', group: 'registration' }),
          step('registration', 'review', 1, { name: ['转移登记审核', 'Registration review'], group: 'registration' }),
          step('certificate', 'issue', 0, { name: ['登簿并核发不动产权证书', 'Entered in the register, certificate issued'] }),
          step('water', 'review', 0, { name: ['用水过户', 'Water account transfer'], dept: 'WATER', group: 'utilities' }),
          step('power', 'review', 0, { name: ['用电过户', 'Electricity account transfer'], dept: 'DRC', group: 'utilities' }),
          step('gas', 'review', 0, { name: ['燃气过户', 'Gas account transfer'], dept: 'HUD', group: 'utilities' }),
        ],
        summary: [
          '二手房买卖“一窗受理”：税费申报、转移登记1个工作日办结，登记完成后水电气过户联动办理。',
          'A home sale at one window: taxes and registration in one working day, then water, power and gas transferred automatically.',
        ],
        where: ['各区不动产登记事务中心“一窗受理”窗口', 'One-window counters of district real-estate registration centres'],
      },
      catalogue,
    ),
    bundle(
      {
        code: 'SH-YJS-008',
        name: ['身后一件事', 'After a death, in one go'],
        dept: 'CA',
        impl: ['SH-PSB', 'SH-HRSS', 'SH-HPF'],
        members: ['SH-PSB-QR-007', 'SH-CA-JF-006', 'SH-HRSS-JF-004', 'SH-HPF-JF-003'],
        laws: [
          law(LAW.bundles),
          law(LAW.hukou, '第八条'),
          law(LAW.socialInsurance, '第十七条'),
          law(LAW.housingFund, '第二十四条'),
          law('《殡葬管理条例》'),
        ],
        who: 'person',
        promisedDays: 5,
        visits: 1,
        result: [
          '户口注销、殡葬费用减免、丧葬补助金和抚恤金、住房公积金提取',
          'Household cancelled, funeral costs waived, survivors’ benefits and housing fund paid',
        ],
        themes: ['社会救助', '社保', '户籍'],
        events: ['身后事'],
        materials: [
          own('death_certificate', ['居民死亡医学证明（推断）书', 'Medical certificate of death'], { notes: '由医疗机构出具。' }),
          householdBook({}, 'deceased_household', ['逝者居民户口簿', 'Household register of the deceased']),
          idCard({}, 'survivor_id', ['申请人（遗属）居民身份证', "Applicant's (survivor's) resident identity card"]),
          mat('cancellation', ['户口注销结果', 'Household cancellation'], fromStep('hukou'), { notes: '户口注销后推送人社、公积金部门。' }),
          mat(
            'fund_account',
            ['逝者住房公积金账户信息', 'Housing fund account of the deceased'],
            hub('HOUSING-FUND', 'id_number', 'account_number', 'balance'),
          ),
          own('inheritance', [
            '继承权公证书或生效法律文书（公积金提取）',
            'Notarial certificate of inheritance or judgment (for the fund)',
          ]),
        ],
        form: [...flds('deceased.name', 'deceased.id_number', 'deceased.death_date'), ...personFields(), fld('bank.card_number')],
        process: [
          step('accept', 'accept', 0),
          step('hukou', 'approve', 0, { name: ['死亡户口注销', 'Household registration cancelled'], dept: 'PSB' }),
          step('funeral', 'review', 0, { name: ['基本殡葬服务费用减免', 'Funeral charges waived'], group: 'after_cancellation' }),
          step('benefits', 'review', 3, {
            name: ['丧葬补助金、抚恤金核定', 'Funeral grant and survivors’ benefit'],
            dept: 'HRSS',
            group: 'after_cancellation',
          }),
          step('housing_fund', 'review', 1, { name: ['住房公积金提取', 'Housing fund payout'], dept: 'HPF', group: 'after_cancellation' }),
          step('issue', 'issue', 0, { name: ['统一告知办理结果', 'All results notified together'] }),
        ],
        summary: [
          '亲人离世后“一件事”联办：户口注销、殡葬费用减免、丧葬补助金和抚恤金、公积金提取，家属只需跑一次。',
          'After a death: household cancellation, funeral waiver, survivors’ benefits and the housing fund handled together; the family comes once.',
        ],
      },
      catalogue,
    ),
  ];
}
