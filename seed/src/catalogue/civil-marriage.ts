import type { ServiceItemInput } from '@tongban/domain';
import { householdBook, idCard, marriageCert } from './common.ts';
import { branchesOf } from './depts.ts';
import { hub, item, law, mat, own, sq, step } from './dsl.ts';
import { fld, personFields } from './fields.ts';
import { LAW } from './laws.ts';

/** 民政局 (1/2): marriage, divorce and adoption registration. */
export function civilMarriageItems(): ServiceItemInput[] {
  const caBranches = branchesOf('CA');
  const MARRY = { themes: ['婚育'] };
  const bothIds = () => idCard({}, 'id_cards', ['男女双方居民身份证', 'Resident ID cards of both parties']);

  return [
    item({
      code: 'SH-CA-QR-001',
      name: ['内地居民结婚登记', 'Marriage registration of mainland residents'],
      type: 'administrative_confirmation',
      dept: 'CA',
      impl: caBranches,
      laws: [law(LAW.civilCode, '第一千零四十六条'), law(LAW.civilCode, '第一千零四十九条'), law(LAW.marriageRegistration)],
      who: 'person',
      conditions: [
        [
          '男年满22周岁、女年满20周岁，双方完全自愿，均无配偶，无禁止结婚的亲属关系',
          'Man 22+, woman 20+, both willing, unmarried, not closely related',
        ],
        ['男女双方须亲自到场，可在全国任一婚姻登记机关办理', 'Both must appear in person; any registration office in the country'],
      ],
      days: [0, 0],
      visits: 1,
      channels: ['online', 'window'],
      result: ['结婚证', 'Marriage certificate', 'MARRIAGE-CERTIFICATE'],
      ...MARRY,
      events: ['结婚'],
      materials: [
        bothIds(),
        mat('marital_status', ['双方婚姻状况', 'Marital status of both'], hub('POPULATION', 'id_number', 'marital_status')),
        own(
          'declaration',
          [
            '本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明',
            'Signed declaration: no spouse and no prohibited kinship',
          ],
          { notes: '在婚姻登记员面前签署。' },
        ),
        own('photo', ['双方近期半身免冠合影照片2张（2寸）', 'Two recent joint photos (2-inch)']),
      ],
      form: [...personFields(), fld('spouse.name'), fld('spouse.id_number')],
      summary: [
        '男女双方在线预约后共同到婚姻登记机关申请结婚登记，符合条件的当场颁发结婚证；2025年起全国通办，无需户口簿。',
        'Book online and come together; the certificate is issued on the spot. Since 2025 anywhere in the country, no hukou booklet needed.',
      ],
      where: ['各区婚姻登记中心（婚姻登记处）', 'District marriage registration centres'],
    }),
    item({
      code: 'SH-CA-QR-002',
      name: ['内地居民离婚登记', 'Divorce registration of mainland residents'],
      type: 'administrative_confirmation',
      dept: 'CA',
      impl: caBranches,
      laws: [law(LAW.civilCode, '第一千零七十六条'), law(LAW.civilCode, '第一千零七十七条'), law(LAW.marriageRegistration)],
      who: 'person',
      conditions: [
        [
          '双方自愿离婚，对子女抚养、财产及债务处理达成一致，亲自到场',
          'Both agree on divorce, children, property and debts, and appear in person',
        ],
      ],
      days: [30, 30],
      visits: 2,
      channels: ['online', 'window'],
      result: ['离婚证', 'Divorce certificate', 'DIVORCE-CERTIFICATE'],
      ...MARRY,
      events: ['离婚'],
      materials: [
        bothIds(),
        marriageCert(),
        own('agreement', ['双方签署的离婚协议书', 'Divorce agreement signed by both']),
        own('photo', ['本人近期半身免冠照片各2张（2寸）', 'Two recent photos each (2-inch)']),
      ],
      form: [...personFields(), fld('spouse.name'), fld('spouse.id_number')],
      process: [
        step('accept', 'accept', 0, { name: ['受理离婚登记申请', 'Acceptance of the application'] }),
        step('review', 'review', 30, {
          name: ['离婚冷静期（30日），期满后30日内双方共同到场申请发证', 'Cooling-off period of 30 days; both return within 30 days'],
        }),
        step('approve', 'approve', 0, { name: ['审查并登记', 'Review and registration'] }),
        step('issue', 'issue', 0, { name: ['发给离婚证', 'Issue of the divorce certificate'] }),
      ],
      summary: [
        '协议离婚须双方亲自到场申请，经30日离婚冷静期后再共同到场办理，符合条件的发给离婚证。',
        'Both apply in person; after a 30-day cooling-off period they return together for the certificate.',
      ],
      where: ['各区婚姻登记中心（婚姻登记处）', 'District marriage registration centres'],
    }),
    item({
      code: 'SH-CA-QR-003',
      name: ['补领婚姻登记证', 'Replacement of a marriage or divorce certificate'],
      type: 'administrative_confirmation',
      dept: 'CA',
      impl: caBranches,
      laws: [law(LAW.marriageRegistration), law('《婚姻登记档案管理办法》')],
      who: 'person',
      days: [20, 0],
      visits: 1,
      result: ['结婚证', 'Marriage certificate', 'MARRIAGE-CERTIFICATE'],
      ...MARRY,
      events: ['结婚'],
      situations: [
        sq(
          'which',
          ['补领哪种证件？', 'Which certificate?'],
          [
            ['marriage', '结婚证（双方到场）', 'Marriage certificate (both present)'],
            ['divorce', '离婚证（本人到场）', 'Divorce certificate (in person)'],
          ],
        ),
      ],
      materials: [
        idCard(),
        mat(
          'registration_record',
          ['婚姻登记档案信息', 'Marriage registration record'],
          hub('MARRIAGE', 'id_number', 'spouse_id_number', 'marital_status', 'registered_on', 'certificate_number'),
        ),
        own('photo', ['近期半身免冠照片（结婚证为双方合影）', 'Recent photos (joint photo for a marriage certificate)']),
      ],
      form: [
        ...personFields(),
        fld('spouse.name', { when: { which: ['marriage'] } }),
        fld('spouse.id_number', { when: { which: ['marriage'] } }),
      ],
      summary: [
        '结婚证、离婚证遗失或损毁的，凭婚姻登记档案信息申请补领，档案可共享查询的当场补发。',
        'Replace a lost certificate from the registration record; issued at once when the record is found.',
      ],
      where: ['各区婚姻登记中心（婚姻登记处）', 'District marriage registration centres'],
    }),
    item({
      code: 'SH-CA-GG-001',
      name: ['婚姻登记记录证明（婚姻状况查询）', 'Certificate of marriage registration records'],
      type: 'public_service',
      dept: 'CA',
      impl: caBranches,
      laws: [law(LAW.marriageRegistration), law('《婚姻登记档案管理办法》')],
      who: 'person',
      days: [0, 0],
      visits: 0,
      result: ['婚姻登记记录证明', 'Certificate of marriage registration records'],
      ...MARRY,
      materials: [
        mat(
          'registration_record',
          ['婚姻登记档案信息', 'Marriage registration record'],
          hub('MARRIAGE', 'id_number', 'marital_status', 'registered_on'),
        ),
      ],
      form: personFields(),
      summary: [
        '当事人在线查询本人婚姻登记记录并出具证明，替代各类“单身证明”。',
        'Look up one’s own marriage records online and print a certificate, instead of “single” attestations.',
      ],
    }),
    item({
      code: 'SH-CA-QR-004',
      name: ['收养登记', 'Adoption registration'],
      type: 'administrative_confirmation',
      dept: 'CA',
      laws: [law(LAW.civilCode, '第一千零九十八条'), law(LAW.civilCode, '第一千一百零五条'), law('《中国公民收养子女登记办法》')],
      who: 'person',
      conditions: [
        [
          '收养人无子女或只有一名子女，有抚养、教育和保护被收养人的能力，年满30周岁',
          'Adopter aged 30+, with at most one child, able to raise the child',
        ],
      ],
      days: [30, 20],
      visits: 2,
      result: ['收养登记证', 'Adoption certificate', 'ADOPTION-CERTIFICATE'],
      ...MARRY,
      materials: [
        own('application', ['收养登记申请书', 'Application']),
        idCard({}, 'adopter_id', ['收养人居民身份证', "Adopter's resident identity card"]),
        householdBook({}, 'adopter_household', ['收养人居民户口簿', "Adopter's household register"]),
        marriageCert({ optional: true }),
        own('health', ['收养人县级以上医疗机构出具的身体健康检查证明', "Adopter's medical certificate"]),
        own('consent', [
          '送养人同意送养的书面意见（被收养人年满8周岁的须经本人同意）',
          'Written consent of the placing party (and of the child if 8+)',
        ]),
      ],
      form: [...personFields(), fld('child.name'), fld('child.birth_date')],
      inspectDays: 5,
      summary: [
        '收养子女向民政部门申请收养登记，经调查评估后登记，收养关系自登记之日起成立。',
        'Adoption is registered after an assessment; it takes effect on registration.',
      ],
    }),
  ];
}
