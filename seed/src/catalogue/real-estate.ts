import type { ServiceItemInput } from '@tongban/domain';
import { agentMaterials, businessLicence, byAgentQ, idCard, marriageCert, titleCert } from './common.ts';
import { hub, item, law, lic, mat, own, sq } from './dsl.ts';
import { agentFields, fld, flds } from './fields.ts';
import { LAW } from './laws.ts';

/** 规划和自然资源局 (2/2): real-estate registration (不动产登记). */
export function realEstateItems(): ServiceItemInput[] {
  const RE = { themes: ['不动产'], events: ['不动产登记'] };
  const regLaws = (...extra: ReturnType<typeof law>[]) => [
    law(LAW.civilCode, '第二百零九条'),
    law(LAW.realEstateRegistration, '第十四条'),
    law(LAW.realEstateRegistration, '第二十条'),
    law(LAW.realEstateRegistrationRules),
    ...extra,
  ];
  const application = () =>
    own('application', ['不动产登记申请书', 'Real-estate registration application'], { notes: '申请人签字（盖章），网上申请可电子签名。' });
  const propertyForm = () =>
    flds(
      'property.address',
      'property.unit_number',
      'property.certificate_number',
      'property.area',
      'property.usage',
      'applicant.name',
      'applicant.id_number',
      'applicant.mobile',
    );
  const certificate = ['不动产权证书', 'Real-estate title certificate', 'REAL-ESTATE-CERTIFICATE'] as const;
  const proof = ['不动产登记证明', 'Real-estate registration certificate (proof)', 'REAL-ESTATE-REGISTRATION-PROOF'] as const;

  return [
    item({
      code: 'SH-PNR-QR-002',
      name: ['不动产首次登记（国有建设用地使用权及房屋所有权）', 'First registration of state-owned construction land and buildings'],
      type: 'administrative_confirmation',
      dept: 'PNR',
      laws: regLaws(law(LAW.civilCode, '第二百一十七条')),
      who: 'enterprise',
      conditions: [['房屋竣工并完成规划核实、竣工验收备案', 'The building is complete, planning-verified and its completion filed']],
      days: [30, 5],
      visits: 0,
      result: certificate,
      ...RE,
      events: ['不动产登记', '工程建设项目审批'],
      materials: [
        application(),
        businessLicence(),
        mat(
          'land_title',
          ['国有建设用地使用权不动产权证书', 'Land title'],
          hub('REAL-ESTATE-TITLE', 'certificate_number', 'unit_number', 'owner_name', 'address', 'right_type'),
        ),
        mat('planning_check', ['建设工程规划核实合格证明', 'Planning verification certificate'], lic('PLANNING-VERIFICATION-CERTIFICATE')),
        mat('completion_filing', ['建设工程竣工验收备案证书', 'Certificate of completion filing'], lic('COMPLETION-ACCEPTANCE-FILING')),
        own('survey', ['房屋测绘成果（房产测绘报告）', 'Building survey report']),
      ],
      form: [...flds('enterprise.name', 'enterprise.credit_code', 'project.name'), ...propertyForm()],
      inspectDays: 1,
      summary: [
        '新建房屋竣工后，开发建设单位申请国有建设用地使用权及房屋所有权首次登记（“大产证”）。',
        'After completion the developer registers the land and the building for the first time.',
      ],
    }),
    item({
      code: 'SH-PNR-QR-003',
      name: ['不动产转移登记（买卖、继承、赠与、离婚析产）', 'Transfer registration of real estate (sale, inheritance, gift, divorce)'],
      type: 'administrative_confirmation',
      dept: 'PNR',
      laws: regLaws(law(LAW.civilCode, '第一千一百二十一条')),
      who: 'both',
      conditions: [['买卖双方共同申请；继承、受遗赠可由权利人单方申请', 'Buyer and seller apply together; heirs may apply alone']],
      days: [30, 1],
      visits: 1,
      result: certificate,
      ...RE,
      events: ['不动产登记', '购房'],
      situations: [
        sq(
          'cause',
          ['转移原因', 'Cause of the transfer'],
          [
            ['sale', '买卖（含二手房）', 'Sale'],
            ['inheritance', '继承、受遗赠', 'Inheritance or legacy'],
            ['gift', '赠与', 'Gift'],
            ['divorce', '离婚析产', 'Division on divorce'],
          ],
        ),
        byAgentQ(),
      ],
      materials: [
        application(),
        idCard({}, 'party_ids', ['转让方、受让方居民身份证', 'Resident ID cards of transferor and transferee']),
        titleCert(),
        own('sales_contract', ['不动产买卖合同（网签）', 'Contract of sale (signed online)'], { when: { cause: ['sale'] } }),
        own('tax_receipt', ['契税等税收完税（减免）凭证', 'Receipt for deed tax (or exemption)'], {
          when: { cause: ['sale', 'gift', 'inheritance', 'divorce'] },
          notes: '“一窗受理”时由税务窗口同步办理，电子完税信息推送登记机构。',
        }),
        mat(
          'death_record',
          ['被继承人死亡信息', 'Record of the death of the deceased owner'],
          hub('POPULATION', 'id_number', 'name', 'alive'),
          { when: { cause: ['inheritance'] } },
        ),
        own('inheritance', ['继承权公证书或生效法律文书', 'Notarial certificate of inheritance or court judgment'], {
          when: { cause: ['inheritance'] },
        }),
        own('gift_contract', ['赠与合同（公证）', 'Gift contract (notarised)'], { when: { cause: ['gift'] } }),
        mat(
          'divorce_record',
          ['离婚登记信息', 'Divorce registration record'],
          hub('MARRIAGE', 'id_number', 'marital_status', 'spouse_id_number'),
          { when: { cause: ['divorce'] } },
        ),
        own('divorce_agreement', ['离婚协议书或法院判决（调解）书', 'Divorce agreement or court judgment'], {
          when: { cause: ['divorce'] },
        }),
        ...agentMaterials(),
      ],
      form: [
        ...propertyForm(),
        ...flds('seller.name', 'seller.id_number', 'buyer.name', 'buyer.id_number'),
        fld('property.price', { when: { cause: ['sale'] } }),
        fld('property.contract_number', { when: { cause: ['sale'] } }),
        ...agentFields(),
      ],
      summary: [
        '不动产因买卖、继承、赠与、离婚等原因转移的，申请转移登记；二手房交易、缴税和登记“一窗受理”，1个工作日办结。',
        'Register a transfer by sale, inheritance, gift or divorce; home sales, taxes and registration at one window in one working day.',
      ],
    }),
    item({
      code: 'SH-PNR-QR-004',
      name: ['不动产抵押登记（抵押权首次登记）', 'Mortgage registration'],
      type: 'administrative_confirmation',
      dept: 'PNR',
      laws: regLaws(law(LAW.civilCode, '第四百零二条')),
      who: 'both',
      days: [30, 1],
      visits: 0,
      result: proof,
      ...RE,
      events: ['不动产登记', '购房'],
      materials: [
        application(),
        idCard({}, 'mortgagor_id', ['抵押人居民身份证', "Mortgagor's resident identity card"]),
        titleCert(),
        mat('mortgagee_licence', ['抵押权人（银行）营业执照', "Mortgagee's (bank's) business licence"], lic('BUSINESS-LICENCE')),
        own('mortgage_contract', ['抵押合同及主债权合同', 'Mortgage contract and the main loan contract']),
      ],
      form: [...propertyForm(), ...flds('mortgage.creditor', 'mortgage.amount', 'mortgage.end_date')],
      summary: [
        '以不动产设定抵押的，抵押人和抵押权人共同申请抵押登记，抵押权自登记时设立；银行网点可“不见面”办理。',
        'Mortgagor and bank register the mortgage together, online from the bank branch; the mortgage exists from registration.',
      ],
    }),
    item({
      code: 'SH-PNR-QR-005',
      name: ['不动产抵押权注销登记', 'Discharge of a mortgage'],
      type: 'administrative_confirmation',
      dept: 'PNR',
      laws: regLaws(law(LAW.civilCode, '第三百九十三条')),
      who: 'both',
      days: [30, 0],
      visits: 0,
      ...RE,
      materials: [
        application(),
        mat('mortgage_record', ['不动产登记证明（抵押权）', 'Registration proof of the mortgage'], lic('REAL-ESTATE-REGISTRATION-PROOF')),
        own('discharge', ['主债权消灭或抵押权人同意注销的证明', 'Proof the debt is repaid or the bank consents']),
      ],
      form: propertyForm(),
      summary: [
        '贷款还清后，抵押权人在线申请注销抵押登记，当场办结。',
        'After repayment the bank discharges the mortgage online, at once.',
      ],
    }),
    item({
      code: 'SH-PNR-QR-006',
      name: ['不动产变更登记', 'Change registration of real estate'],
      type: 'administrative_confirmation',
      dept: 'PNR',
      laws: regLaws(),
      who: 'both',
      days: [30, 5],
      visits: 0,
      result: certificate,
      ...RE,
      situations: [
        sq(
          'change',
          ['变更事项', 'What changes?'],
          [
            ['name', '权利人姓名、名称或身份证件变更', "Owner's name or ID"],
            ['address', '坐落、门牌号变更', 'Address or house number'],
            ['usage', '土地用途、面积等变更', 'Use or area'],
          ],
        ),
      ],
      materials: [
        application(),
        titleCert(),
        mat(
          'name_change',
          ['权利人姓名或身份信息变更记录', "Record of the owner's change of name or ID"],
          hub('POPULATION', 'name', 'id_number'),
          { when: { change: ['name'] } },
        ),
        own('address_change', ['门牌号变更证明', 'Proof of the new house number'], { when: { change: ['address'] } }),
        own('usage_approval', ['用途（面积）变更的批准文件', 'Approval of the change of use or area'], { when: { change: ['usage'] } }),
      ],
      form: propertyForm(),
      summary: [
        '权利人姓名、不动产坐落、用途面积等发生变化的，申请变更登记。',
        "Register changes of the owner's name, the address, use or area.",
      ],
    }),
    item({
      code: 'SH-PNR-QR-007',
      name: ['不动产预告登记（预购商品房）', 'Advance notice registration of a pre-purchased home'],
      type: 'administrative_confirmation',
      dept: 'PNR',
      laws: regLaws(law(LAW.civilCode, '第二百二十一条')),
      who: 'person',
      days: [30, 1],
      visits: 0,
      result: proof,
      ...RE,
      events: ['不动产登记', '购房'],
      materials: [
        application(),
        idCard({}, 'buyer_id', ['预购人居民身份证', "Buyer's resident identity card"]),
        own('presale_contract', ['已备案的商品房预售合同', 'Filed pre-sale contract']),
        marriageCert({ optional: true }),
      ],
      form: [
        ...flds(
          'property.address',
          'property.area',
          'property.price',
          'property.contract_number',
          'applicant.name',
          'applicant.id_number',
          'applicant.mobile',
        ),
      ],
      summary: [
        '购买期房后申请预告登记，保障将来取得房屋所有权，未经预告登记权利人同意的处分不发生物权效力。',
        'Protect the right to a home bought off-plan by advance registration.',
      ],
    }),
    item({
      code: 'SH-PNR-QR-008',
      name: ['不动产更正登记、异议登记', 'Correction and objection registration'],
      type: 'administrative_confirmation',
      dept: 'PNR',
      laws: regLaws(law(LAW.civilCode, '第二百二十条')),
      who: 'both',
      days: [30, 10],
      visits: 1,
      ...RE,
      situations: [
        sq(
          'kind',
          ['申请类型', 'Kind'],
          [
            ['correction', '更正登记（登记簿记载错误）', 'Correction of an error in the register'],
            ['objection', '异议登记（权利人不同意更正）', 'Objection (owner disagrees)'],
          ],
        ),
      ],
      materials: [
        application(),
        idCard(),
        own('evidence', ['证实登记确有错误或存在利害关系的材料', 'Evidence of the error or of an interest']),
      ],
      form: [...propertyForm(), fld('case.summary')],
      summary: [
        '权利人、利害关系人认为登记簿记载错误的，申请更正登记；权利人不同意更正的，可申请异议登记。',
        'Correct an error in the register, or register an objection if the owner disagrees.',
      ],
    }),
    item({
      code: 'SH-PNR-GG-001',
      name: ['不动产登记资料查询', 'Search of the real-estate register'],
      type: 'public_service',
      dept: 'PNR',
      laws: [law(LAW.realEstateRegistration, '第二十七条'), law('《不动产登记资料查询暂行办法》')],
      who: 'both',
      days: [0, 0],
      visits: 0,
      result: ['不动产登记信息查询结果证明', 'Certified search result'],
      themes: ['不动产', '住房'],
      events: ['购房'],
      materials: [idCard()],
      form: [...flds('applicant.name', 'applicant.id_number', 'applicant.mobile'), fld('property.address', { optional: true })],
      summary: [
        '权利人查询本人名下不动产登记信息（“有房无房”证明），在线出具带电子印章的查询结果。',
        'Owners search the register (own property, or none) and get an e-sealed result online.',
      ],
    }),
    item({
      code: 'SH-PNR-QR-009',
      name: ['不动产权证书补发、换发', 'Replacement or renewal of a title certificate'],
      type: 'administrative_confirmation',
      dept: 'PNR',
      laws: [law(LAW.realEstateRegistrationRules), law(LAW.realEstateRegistration, '第二十一条')],
      who: 'both',
      conditions: [
        ['证书遗失、灭失的，在门户网站公告15个工作日后补发', 'A lost certificate is replaced after a 15-working-day public notice'],
      ],
      days: [30, 20],
      visits: 1,
      result: certificate,
      ...RE,
      situations: [
        sq(
          'reason',
          ['原因', 'Reason'],
          [
            ['lost', '遗失、灭失（补发）', 'Lost (replacement)'],
            ['damaged', '破损（换发）', 'Damaged (renewal)'],
          ],
        ),
      ],
      materials: [
        application(),
        idCard(),
        own('loss_statement', ['遗失声明', 'Declaration of loss'], { when: { reason: ['lost'] } }),
        own('damaged_certificate', ['破损的原证书', 'The damaged certificate'], { when: { reason: ['damaged'] } }),
      ],
      form: propertyForm(),
      summary: [
        '不动产权证书遗失、灭失的申请补发（经公告），破损的申请换发。',
        'Replace a lost certificate (after a notice) or renew a damaged one.',
      ],
    }),
  ];
}
