import type { ServiceItemInput } from '@tongban/domain';
import { agentMaterials, businessLicence, byAgentQ, idCard, legalRepId, premisesProof, premisesQ } from './common.ts';
import { branchesOf } from './depts.ts';
import { hub, item, law, lic, mat, own, sq } from './dsl.ts';
import { agentFields, flds } from './fields.ts';
import { LAW } from './laws.ts';

/** 市场监督管理局 (1/3): registration of companies, sole proprietorships, partnerships and cooperatives. */
export function marketCompanyItems(): ServiceItemInput[] {
  const samrBranches = branchesOf('SAMR');
  const START = { themes: ['企业开办', '市场准入'], events: ['企业开办'] };
  const shareholderQ = sq(
    'shareholder_kind',
    ['股东（出资人）是？', 'The shareholders are'],
    [
      ['natural', '自然人', 'Natural persons'],
      ['entity', '企业法人等单位', 'Enterprises or other organisations'],
      ['both', '既有自然人也有单位', 'Both'],
    ],
  );
  const registrationForm = () => [
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
      'applicant.name',
      'applicant.id_number',
      'applicant.mobile',
    ),
    ...agentFields(),
  ];

  return [
    item({
      code: 'SH-SAMR-XK-001',
      name: ['有限责任公司设立登记', 'Establishment registration of a limited liability company'],
      type: 'administrative_licence',
      dept: 'SAMR',
      impl: samrBranches,
      laws: [
        law(LAW.company, '第二十九条'),
        law(LAW.company, '第三十条'),
        law(LAW.company, '第三十三条'),
        law(LAW.entityRegistration, '第十六条'),
        law(LAW.entityRegistration, '第十九条'),
        law(LAW.entityRegistration, '第二十一条'),
      ],
      who: 'both',
      conditions: [
        ['企业名称经自主申报，符合《企业名称登记管理规定》', 'The name has been self-declared and complies with the enterprise name rules'],
        [
          '有符合公司章程规定的全体股东认缴的出资额，自成立之日起五年内缴足',
          'Subscribed capital per the articles, paid in within five years of establishment',
        ],
        ['有公司住所，有法定代表人，股东共同制定公司章程', 'A domicile, a legal representative, and articles adopted by the shareholders'],
      ],
      days: [3, 1],
      visits: 0,
      result: ['营业执照', 'Business licence', 'BUSINESS-LICENCE'],
      ...START,
      situations: [shareholderQ, premisesQ(), byAgentQ()],
      materials: [
        own('application', ['公司登记（备案）申请书', 'Company registration (filing) application form'], {
          notes: '由法定代表人签署，网上申报可电子签名。',
        }),
        own('articles', ['公司章程', 'Articles of association'], { notes: '全体股东签署。' }),
        mat('shareholder_id', ['自然人股东身份证明', 'Identity of natural-person shareholders'], hub('POPULATION', 'name', 'id_number'), {
          when: { shareholder_kind: ['natural', 'both'] },
        }),
        mat(
          'shareholder_licence',
          ['单位股东主体资格证明（营业执照）', 'Business licence of corporate shareholders'],
          lic('BUSINESS-LICENCE'),
          {
            when: { shareholder_kind: ['entity', 'both'] },
          },
        ),
        own('officer_appointments', [
          '法定代表人、董事、监事和经理的任职文件',
          'Appointment documents of the legal representative, directors, supervisors and manager',
        ]),
        legalRepId(),
        ...premisesProof(),
        ...agentMaterials(),
      ],
      form: registrationForm(),
      summary: [
        '在本市设立有限责任公司，经名称自主申报后在线提交设立登记，材料齐全的当场或1个工作日内登记并签发营业执照（含电子营业执照）。',
        'Register a new limited liability company online after self-declaring its name; complete applications are registered within one working day and the (electronic) business licence is issued.',
      ],
    }),
    item({
      code: 'SH-SAMR-XK-002',
      name: ['公司变更登记', 'Change registration of a company'],
      type: 'administrative_licence',
      dept: 'SAMR',
      impl: samrBranches,
      laws: [law(LAW.company, '第三十四条'), law(LAW.entityRegistration, '第二十四条')],
      who: 'enterprise',
      conditions: [['登记事项发生变更之日起30日内申请', 'Apply within 30 days of the change']],
      days: [3, 1],
      visits: 0,
      result: ['营业执照（变更后）', 'Business licence (amended)', 'BUSINESS-LICENCE'],
      themes: ['市场准入'],
      events: ['企业变更'],
      situations: [
        sq(
          'change_item',
          ['变更什么？', 'What changes?'],
          [
            ['name', '名称', 'Name'],
            ['address', '住所', 'Domicile'],
            ['legal_rep', '法定代表人', 'Legal representative'],
            ['capital', '注册资本', 'Registered capital'],
            ['scope', '经营范围', 'Business scope'],
            ['shareholders', '股东（股权转让）', 'Shareholders (share transfer)'],
          ],
        ),
        premisesQ(),
        byAgentQ(),
      ],
      materials: [
        own('application', ['公司变更登记申请书', 'Change registration application form']),
        own('resolution', ['股东会决议或决定', "Shareholders' resolution or decision"]),
        own('articles_amendment', ['修改后的公司章程或章程修正案', 'Amended articles or amendment'], {
          when: { change_item: ['name', 'address', 'capital', 'scope', 'shareholders'] },
        }),
        mat(
          'new_premises_title',
          ['新住所不动产权证书', 'Title of the new premises'],
          hub('REAL-ESTATE-TITLE', 'certificate_number', 'owner_name', 'address', 'usage'),
          {
            when: { change_item: ['address'] },
          },
        ),
        own('new_lease_contract', ['新住所租赁合同', 'Lease of the new premises'], {
          when: { change_item: ['address'], premises: ['leased'] },
        }),
        own('new_rep_appointment', ['新任法定代表人任职文件', 'Appointment of the new legal representative'], {
          when: { change_item: ['legal_rep'] },
        }),
        legalRepId({ when: { change_item: ['legal_rep'] } }),
        own('share_transfer', ['股权转让协议', 'Share transfer agreement'], { when: { change_item: ['shareholders'] } }),
        businessLicence(),
        ...agentMaterials(),
      ],
      form: [
        ...flds(
          'enterprise.name',
          'enterprise.credit_code',
          'enterprise.address',
          'enterprise.registered_capital',
          'enterprise.business_scope',
          'applicant.name',
          'applicant.id_number',
          'applicant.mobile',
        ),
        ...agentFields(),
      ],
      summary: [
        '公司名称、住所、法定代表人、注册资本、经营范围、股东等登记事项发生变更的，申请变更登记并换发营业执照。',
        'Register changes to name, domicile, legal representative, capital, scope or shareholders and receive an amended business licence.',
      ],
    }),
    item({
      code: 'SH-SAMR-XK-003',
      name: ['公司注销登记', 'Deregistration of a company'],
      type: 'administrative_licence',
      dept: 'SAMR',
      impl: samrBranches,
      laws: [
        law(LAW.company, '第二百三十九条'),
        law(LAW.company, '第二百四十条'),
        law(LAW.entityRegistration, '第三十一条'),
        law(LAW.entityRegistration, '第三十三条'),
      ],
      who: 'enterprise',
      conditions: [
        [
          '清算结束，清算报告经股东会确认；或未产生债务（已清偿全部债务）经全体股东承诺适用简易注销',
          'Liquidation finished and the report approved; or, for simplified deregistration, all shareholders undertake that no debts remain',
        ],
        ['已办结清税手续', 'Tax affairs are settled'],
      ],
      days: [3, 1],
      visits: 0,
      result: ['准予注销登记通知书', 'Notice of deregistration'],
      themes: ['市场准入'],
      events: ['企业注销'],
      situations: [
        sq(
          'cancel_mode',
          ['注销方式', 'Procedure'],
          [
            ['ordinary', '一般注销（清算后注销）', 'Ordinary (after liquidation)'],
            ['simplified', '简易注销（公示20日无异议）', 'Simplified (20-day public notice)'],
          ],
        ),
        byAgentQ(),
      ],
      materials: [
        own('application', ['公司注销登记申请书', 'Deregistration application form']),
        own('liquidation_report', ['清算报告及股东会确认决议', 'Liquidation report with the shareholders’ approval'], {
          when: { cancel_mode: ['ordinary'] },
        }),
        own('undertaking', ['全体股东承诺书', "All shareholders' undertaking"], { when: { cancel_mode: ['simplified'] } }),
        mat('tax_clearance', ['清税信息', 'Tax clearance'], hub('TAX-REGISTRATION', 'credit_code', 'taxpayer_name', 'status'), {
          notes: '由税务部门共享清税结果，无需提交清税证明。',
        }),
        businessLicence(),
        ...agentMaterials(),
      ],
      form: [
        ...flds('enterprise.name', 'enterprise.credit_code', 'applicant.name', 'applicant.id_number', 'applicant.mobile'),
        ...agentFields(),
      ],
      summary: [
        '公司解散清算完毕或符合简易注销条件的，申请注销登记；简易注销公示期满无异议后办理。',
        'Deregister a company after liquidation, or via the simplified procedure after a 20-day notice without objection.',
      ],
    }),
    item({
      code: 'SH-SAMR-XK-007',
      name: ['个人独资企业设立登记', 'Registration of a sole proprietorship'],
      type: 'administrative_licence',
      dept: 'SAMR',
      impl: samrBranches,
      laws: [law('《中华人民共和国个人独资企业法》', '第九条'), law(LAW.entityRegistration, '第十六条')],
      who: 'person',
      conditions: [
        [
          '投资人为一个自然人，有合法的企业名称、投资人申报的出资、固定的生产经营场所和必要的生产经营条件',
          'One natural-person investor, a lawful name, declared capital, fixed premises',
        ],
      ],
      days: [3, 1],
      visits: 0,
      result: ['营业执照', 'Business licence', 'BUSINESS-LICENCE'],
      ...START,
      situations: [premisesQ(), byAgentQ()],
      materials: [
        own('application', ['个人独资企业登记（备案）申请书', 'Sole proprietorship registration form']),
        idCard({}, 'investor_id_card', ['投资人居民身份证', "Investor's resident identity card"]),
        ...premisesProof(),
        ...agentMaterials(),
      ],
      form: [
        ...flds(
          'enterprise.name',
          'enterprise.registered_capital',
          'enterprise.address',
          'enterprise.business_scope',
          'applicant.name',
          'applicant.id_number',
          'applicant.mobile',
        ),
        ...agentFields(),
      ],
      summary: ['一个自然人投资设立个人独资企业，在线申请设立登记。', 'Register a sole proprietorship owned by one natural person.'],
    }),
    item({
      code: 'SH-SAMR-XK-008',
      name: ['合伙企业设立登记', 'Registration of a partnership'],
      type: 'administrative_licence',
      dept: 'SAMR',
      impl: samrBranches,
      laws: [
        law('《中华人民共和国合伙企业法》', '第九条'),
        law('《中华人民共和国合伙企业法》', '第十一条'),
        law(LAW.entityRegistration, '第十六条'),
      ],
      who: 'both',
      conditions: [
        [
          '有二个以上合伙人，有书面合伙协议、合伙人认缴或实际缴付的出资、名称和生产经营场所',
          'Two or more partners, a written partnership agreement, contributions, a name and premises',
        ],
      ],
      days: [3, 1],
      visits: 0,
      result: ['营业执照', 'Business licence', 'BUSINESS-LICENCE'],
      ...START,
      situations: [premisesQ(), byAgentQ()],
      materials: [
        own('application', ['合伙企业登记（备案）申请书', 'Partnership registration form']),
        own('partnership_agreement', ['合伙协议', 'Partnership agreement'], { notes: '全体合伙人签署。' }),
        mat('partner_ids', ['全体合伙人身份证明', 'Identity of all partners'], hub('POPULATION', 'name', 'id_number')),
        own('managing_partner', ['全体合伙人委托执行事务合伙人的委托书', 'Appointment of the managing partner']),
        ...premisesProof(),
        ...agentMaterials(),
      ],
      form: [
        ...flds(
          'enterprise.name',
          'enterprise.registered_capital',
          'enterprise.address',
          'enterprise.business_scope',
          'enterprise.shareholders',
          'applicant.name',
          'applicant.id_number',
          'applicant.mobile',
        ),
        ...agentFields(),
      ],
      summary: ['设立普通合伙或有限合伙企业，申请设立登记。', 'Register a general or limited partnership.'],
    }),
    item({
      code: 'SH-SAMR-XK-009',
      name: ['农民专业合作社设立登记', "Registration of a farmers' specialised cooperative"],
      type: 'administrative_licence',
      dept: 'SAMR',
      laws: [law('《中华人民共和国农民专业合作社法》', '第十六条'), law(LAW.entityRegistration, '第十六条')],
      who: 'person',
      conditions: [['有五名以上符合规定的成员，农民至少占成员总数的百分之八十', 'At least five members, at least 80% of them farmers']],
      days: [3, 1],
      visits: 0,
      result: ['营业执照', 'Business licence', 'BUSINESS-LICENCE'],
      themes: ['企业开办', '市场准入'],
      events: ['企业开办'],
      materials: [
        own('application', ['农民专业合作社登记（备案）申请书', 'Cooperative registration form']),
        own('founding_minutes', ['设立大会纪要', 'Minutes of the founding meeting']),
        own('articles', ['合作社章程', 'Articles of the cooperative'], { notes: '全体设立人签名、盖章。' }),
        mat(
          'member_ids',
          ['成员名册及成员身份证明', 'Member list and identity of members'],
          hub('POPULATION', 'name', 'id_number', 'household_address'),
        ),
        own('contribution_list', ['出资清单', 'List of contributions']),
        ...premisesProof(),
      ],
      situations: [premisesQ()],
      form: flds(
        'enterprise.name',
        'enterprise.registered_capital',
        'enterprise.address',
        'enterprise.business_scope',
        'applicant.name',
        'applicant.id_number',
        'applicant.mobile',
      ),
      summary: ['农民专业合作社设立，向所在区市场监管部门申请登记。', 'Register a farmers’ specialised cooperative.'],
    }),
  ];
}
