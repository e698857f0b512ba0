import type { ServiceItemInput } from '@tongban/domain';
import { agentMaterials, byAgentQ, idCard, premisesProof, premisesQ } from './common.ts';
import { branchesOf } from './depts.ts';
import { hub, item, law, lic, mat, own, sq, standardProcess } from './dsl.ts';
import { agentFields, fld, flds } from './fields.ts';
import { LAW } from './laws.ts';

/** 市场监督管理局 (2/3): individual businesses, equity pledges, annual reports. */
export function marketEntityItems(): ServiceItemInput[] {
  const samrBranches = branchesOf('SAMR');

  return [
    item({
      code: 'SH-SAMR-XK-004',
      name: ['个体工商户设立登记', 'Registration of an individual business'],
      type: 'administrative_licence',
      dept: 'SAMR',
      impl: samrBranches,
      laws: [law(LAW.individualBusiness), law(LAW.entityRegistration, '第十六条'), law(LAW.entityRegistration, '第十九条')],
      who: 'person',
      conditions: [['有经营能力的自然人，有固定经营场所', 'A natural person able to run a business, with fixed premises']],
      days: [3, 0],
      visits: 0,
      result: ['个体工商户营业执照', 'Business licence of an individual business', 'INDIVIDUAL-BUSINESS-LICENCE'],
      themes: ['企业开办', '就业创业'],
      events: ['企业开办'],
      situations: [premisesQ(), byAgentQ()],
      materials: [
        own('application', ['个体工商户登记（备案）申请书', 'Individual business registration form'], { notes: '经营者签署。' }),
        idCard({}, 'operator_id_card', ['经营者居民身份证', "Operator's resident identity card"]),
        ...premisesProof(),
        ...agentMaterials(),
      ],
      form: [
        ...flds('applicant.name', 'applicant.id_number', 'applicant.mobile', 'enterprise.address', 'enterprise.business_scope'),
        fld('enterprise.name', { optional: true }),
        ...agentFields(),
      ],
      summary: [
        '自然人从事个体工商业经营，申请个体工商户设立登记，材料齐全当场核发营业执照。',
        'Register as an individual business; complete applications get the licence on the spot.',
      ],
    }),
    item({
      code: 'SH-SAMR-XK-005',
      name: ['个体工商户变更登记', 'Change registration of an individual business'],
      type: 'administrative_licence',
      dept: 'SAMR',
      impl: samrBranches,
      laws: [law(LAW.individualBusiness), law(LAW.entityRegistration, '第二十四条')],
      who: 'person',
      days: [3, 0],
      visits: 0,
      result: ['个体工商户营业执照（变更后）', 'Individual business licence (amended)', 'INDIVIDUAL-BUSINESS-LICENCE'],
      themes: ['市场准入'],
      events: ['企业变更'],
      situations: [
        sq(
          'change_item',
          ['变更什么？', 'What changes?'],
          [
            ['name', '名称', 'Name'],
            ['premises', '经营场所', 'Premises'],
            ['scope', '经营范围', 'Business scope'],
            ['operator', '经营者（家庭成员间变更）', 'Operator (within the family)'],
          ],
        ),
        premisesQ(),
      ],
      materials: [
        own('application', ['个体工商户变更登记申请书', 'Change application form']),
        mat(
          'premises_title',
          ['新经营场所不动产权证书', 'Title of the new premises'],
          hub('REAL-ESTATE-TITLE', 'certificate_number', 'owner_name', 'address', 'usage'),
          { when: { change_item: ['premises'] } },
        ),
        own('lease_contract', ['新经营场所租赁合同', 'Lease of the new premises'], {
          when: { change_item: ['premises'], premises: ['leased'] },
        }),
        idCard({ when: { change_item: ['operator'] } }, 'new_operator_id', ['新经营者居民身份证', "New operator's resident identity card"]),
        mat('business_licence', ['个体工商户营业执照', 'Individual business licence'], lic('INDIVIDUAL-BUSINESS-LICENCE')),
      ],
      form: flds(
        'applicant.name',
        'applicant.id_number',
        'applicant.mobile',
        'enterprise.credit_code',
        'enterprise.address',
        'enterprise.business_scope',
      ),
      summary: [
        '个体工商户名称、经营场所、经营范围或经营者（家庭成员之间）发生变化的，办理变更登记。',
        'Register changes of name, premises, scope or operator of an individual business.',
      ],
    }),
    item({
      code: 'SH-SAMR-XK-006',
      name: ['个体工商户注销登记', 'Deregistration of an individual business'],
      type: 'administrative_licence',
      dept: 'SAMR',
      impl: samrBranches,
      laws: [law(LAW.individualBusiness), law(LAW.entityRegistration, '第三十一条')],
      who: 'person',
      days: [3, 0],
      visits: 0,
      result: ['准予注销登记通知书', 'Notice of deregistration'],
      themes: ['市场准入'],
      events: ['企业注销'],
      materials: [
        own('application', ['个体工商户注销登记申请书', 'Deregistration application form']),
        mat('tax_clearance', ['清税信息', 'Tax clearance'], hub('TAX-REGISTRATION', 'credit_code', 'taxpayer_name', 'status')),
        mat('business_licence', ['个体工商户营业执照', 'Individual business licence'], lic('INDIVIDUAL-BUSINESS-LICENCE')),
      ],
      form: flds('applicant.name', 'applicant.id_number', 'applicant.mobile', 'enterprise.credit_code'),
      summary: [
        '个体工商户不再经营的，办理注销登记；清税信息由税务部门共享。',
        'Deregister an individual business that stops trading; tax clearance is shared by the tax service.',
      ],
    }),
    item({
      code: 'SH-SAMR-QR-001',
      name: ['股权出质登记', 'Registration of a pledge of equity'],
      type: 'administrative_confirmation',
      dept: 'SAMR',
      impl: samrBranches,
      laws: [law(LAW.civilCode, '第四百四十三条'), law('《股权出质登记办法》')],
      who: 'both',
      days: [0, 0],
      visits: 0,
      result: ['股权出质设立登记通知书', 'Notice of registration of the equity pledge'],
      themes: ['市场准入'],
      materials: [
        own('application', ['股权出质登记申请书', 'Application form'], { notes: '出质人和质权人共同签署。' }),
        own('pledge_contract', ['质押合同', 'Pledge agreement']),
        mat('pledgor_id', ['出质人、质权人主体资格证明', 'Identity of pledgor and pledgee'], hub('POPULATION', 'name', 'id_number')),
      ],
      form: flds('enterprise.name', 'enterprise.credit_code', 'applicant.name', 'applicant.id_number', 'applicant.mobile'),
      summary: [
        '以持有的有限责任公司股权出质的，办理出质登记，质权自登记时设立。',
        'Register a pledge of shares in a limited company; the pledge exists from registration.',
      ],
    }),
    item({
      code: 'SH-SAMR-QT-001',
      name: ['企业年度报告公示', 'Publication of the annual report of an enterprise'],
      type: 'other_administrative_power',
      dept: 'SAMR',
      laws: [law('《企业信息公示暂行条例》', '第八条')],
      who: 'enterprise',
      conditions: [['每年1月1日至6月30日报送上一年度年度报告', 'Submit the previous year’s report between 1 January and 30 June']],
      days: [0, 0],
      visits: 0,
      channels: ['online'],
      themes: ['市场准入'],
      materials: [own('annual_report', ['企业年度报告（在线填报）', 'Annual report (filled in online)'])],
      form: flds('enterprise.name', 'enterprise.credit_code', 'enterprise.employee_count', 'enterprise.contact_mobile'),
      process: standardProcess(0),
      summary: [
        '企业通过国家企业信用信息公示系统报送并公示年度报告。',
        'Enterprises submit and publish their annual report through the credit information publicity system.',
      ],
    }),
  ];
}
