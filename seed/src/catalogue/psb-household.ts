import type { ServiceItemInput } from '@tongban/domain';
import { agentMaterials, byAgentQ, householdBook, idCard, marriageCert, photo } from './common.ts';
import { branchesOf } from './depts.ts';
import { hub, item, law, lic, mat, own, sq } from './dsl.ts';
import { agentFields, fld, flds, personFields } from './fields.ts';
import { LAW } from './laws.ts';

/** 公安局 (2/3): household registration (births, moves, deaths) and residence permits for newcomers. */
export function publicSecurityHouseholdItems(): ServiceItemInput[] {
  const psbBranches = branchesOf('PSB');
  const HUKOU = { themes: ['户籍'] };

  return [
    item({
      code: 'SH-PSB-QR-005',
      name: ['出生登记（新生儿户口登记）', "Birth registration (a newborn's household registration)"],
      type: 'administrative_confirmation',
      dept: 'PSB',
      impl: psbBranches,
      laws: [law(LAW.hukou, '第七条'), law('《国务院办公厅关于解决无户口人员登记户口问题的意见》（国办发〔2015〕96号）')],
      who: 'person',
      conditions: [
        [
          '婴儿出生后一个月内，由户主、亲属或监护人向婴儿常住地户口登记机关申报',
          "Declared within one month of birth at the child's place of residence",
        ],
      ],
      days: [0, 0],
      visits: 0,
      result: ['居民户口簿（新生儿户口页）', 'Household register (page for the newborn)'],
      themes: ['户籍', '婚育'],
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
        mat(
          'birth_certificate',
          ['出生医学证明', 'Birth medical certificate'],
          hub(
            'BIRTH',
            'certificate_number',
            'child_name',
            'child_sex',
            'child_birth_date',
            'birth_place',
            'mother_id_number',
            'father_id_number',
          ),
        ),
        householdBook({}, 'parent_household_register', ['落户方父（母）居民户口簿', 'Household register of the parent the child joins']),
        idCard({}, 'parent_id_cards', ['父母双方居民身份证', "Both parents' resident identity cards"]),
        marriageCert({ when: { parents_married: ['yes'] } }),
        own('declaration', ['出生登记申报表（申报人签字）', 'Birth declaration form signed by the declarant']),
      ],
      form: flds(
        'child.name',
        'child.sex',
        'child.birth_date',
        'child.birth_place',
        'child.birth_certificate_number',
        'father.name',
        'father.id_number',
        'mother.name',
        'mother.id_number',
        'applicant.name',
        'applicant.id_number',
        'applicant.mobile',
      ),
      summary: [
        '新生儿出生后申报户口，出生医学证明、父母户籍和婚姻信息均由部门共享核验，网上申报即办。',
        "Register a newborn's household; the birth certificate, the parents' household and marriage records are verified by data sharing; done online at once.",
      ],
    }),
    item({
      code: 'SH-PSB-QR-006',
      name: ['本市户口迁移（市内迁移）', 'Moving household registration within the city'],
      type: 'administrative_confirmation',
      dept: 'PSB',
      impl: psbBranches,
      laws: [law(LAW.hukou, '第十条'), law(LAW.hukou, '第十三条')],
      who: 'person',
      days: [20, 5],
      visits: 1,
      result: ['居民户口簿（迁入地）', 'Household register at the new address'],
      ...HUKOU,
      events: ['购房'],
      situations: [
        sq(
          'move_basis',
          ['迁入理由', 'Basis of the move'],
          [
            ['own_home', '迁入本人合法产权住房', 'Into a home the applicant owns'],
            ['relative', '投靠亲属（夫妻、父母、子女）', 'Joining a spouse, parent or child'],
          ],
        ),
      ],
      materials: [
        householdBook(),
        mat(
          'property_title',
          ['迁入地房屋不动产权证书', 'Title of the home moved into'],
          hub('REAL-ESTATE-TITLE', 'certificate_number', 'owner_name', 'owner_id_number', 'address', 'usage'),
        ),
        own('host_consent', ['被投靠人（房屋产权人）同意迁入的书面意见', 'Written consent of the relative who owns the home'], {
          when: { move_basis: ['relative'] },
        }),
        mat(
          'relationship',
          ['亲属关系证明（户籍、婚姻登记信息）', 'Proof of the family relationship (household and marriage records)'],
          hub('MARRIAGE', 'id_number', 'spouse_id_number', 'marital_status'),
          {
            when: { move_basis: ['relative'] },
          },
        ),
      ],
      form: [...personFields(), fld('property.address')],
      summary: [
        '本市户籍人员在市内迁移户口，迁入地派出所一站式办理迁出迁入手续。',
        'Move household registration within the city; the police station of the new address does both sides in one go.',
      ],
    }),
    item({
      code: 'SH-PSB-XK-001',
      name: ['户口迁入（引进人才、居转户落户）', 'Settling household registration (talent introduction, permit-to-hukou)'],
      type: 'administrative_licence',
      dept: 'PSB',
      impl: psbBranches,
      laws: [
        law(LAW.hukou, '第十三条'),
        law('《上海市引进人才申办本市常住户口办法》'),
        law('《持有〈上海市居住证〉人员申办本市常住户口办法》'),
      ],
      who: 'person',
      conditions: [
        ['已取得人力资源社会保障部门准予落户的审批结果', 'Settlement approved by the human resources and social security bureau'],
      ],
      days: [20, 5],
      visits: 1,
      result: ['居民户口簿', 'Household register'],
      themes: ['户籍', '就业创业'],
      events: ['新市民落户/居住证'],
      situations: [
        sq(
          'settle_address',
          ['落户地址', 'Where will the household be registered?'],
          [
            ['own_home', '本人或直系亲属合法产权住房', 'A home owned by the applicant or close family'],
            ['collective', '单位或人才集体户', 'A collective household (employer or talent centre)'],
          ],
        ),
        byAgentQ(),
      ],
      materials: [
        mat(
          'settlement_approval',
          ['准予落户审批结果（人社部门）', 'Settlement approval (human resources bureau)'],
          lic('SETTLEMENT-APPROVAL'),
        ),
        idCard(),
        mat(
          'property_title',
          ['落户地址房屋不动产权证书', 'Title of the settlement address'],
          hub('REAL-ESTATE-TITLE', 'certificate_number', 'owner_name', 'address'),
          {
            when: { settle_address: ['own_home'] },
          },
        ),
        own('collective_acceptance', ['单位（人才）集体户同意接收证明', 'Acceptance by the collective household'], {
          when: { settle_address: ['collective'] },
        }),
        ...agentMaterials(),
      ],
      form: [...personFields(), fld('property.address', { when: { settle_address: ['own_home'] } }), ...agentFields()],
      summary: [
        '经人社部门批准引进或居转户落户的人员，到落户地派出所办理户口迁入，跨省迁移一站式办理。',
        'Register the household of people approved to settle; cross-province moves are handled in one stop.',
      ],
    }),
    item({
      code: 'SH-PSB-QR-007',
      name: ['死亡人员户口注销', 'Cancelling the household registration of a deceased person'],
      type: 'administrative_confirmation',
      dept: 'PSB',
      impl: psbBranches,
      laws: [law(LAW.hukou, '第八条')],
      who: 'person',
      days: [0, 0],
      visits: 0,
      result: ['户口注销证明', 'Certificate of cancellation of household registration'],
      ...HUKOU,
      events: ['身后事'],
      materials: [
        own('death_certificate', ['居民死亡医学证明（推断）书', 'Medical certificate of death'], { notes: '由医疗机构出具。' }),
        householdBook({}, 'deceased_household', ['逝者居民户口簿', 'Household register of the deceased']),
        idCard({}, 'declarant_id', ['申报人居民身份证', "Declarant's resident identity card"]),
      ],
      form: [...flds('deceased.name', 'deceased.id_number', 'deceased.death_date'), ...personFields()],
      summary: [
        '公民死亡后由亲属申报注销户口，居民身份证同时注销。',
        'Relatives declare a death to cancel the household registration and the ID card.',
      ],
    }),
    item({
      code: 'SH-PSB-QR-008',
      name: ['来沪人员居住登记', 'Residence registration of newcomers'],
      type: 'administrative_confirmation',
      dept: 'PSB',
      impl: psbBranches,
      laws: [law(LAW.hukou, '第十五条'), law(LAW.residencePermit, '第二条'), law('《上海市居住证管理办法》')],
      who: 'person',
      conditions: [['在本市居住的非本市户籍人员', 'People living in the city without local household registration']],
      days: [0, 0],
      visits: 0,
      result: ['居住登记凭证', 'Residence registration receipt'],
      themes: ['户籍', '住房'],
      events: ['新市民落户/居住证', '租房'],
      materials: [
        idCard(),
        mat(
          'rental_registration',
          ['租赁合同登记备案证明（租赁居住的）', 'Registered lease (if renting)'],
          lic('RENTAL-REGISTRATION-CERTIFICATE'),
          { optional: true },
        ),
      ],
      form: [...personFields(), fld('applicant.residence_address')],
      summary: [
        '来沪人员在居住地办理居住登记，居住满半年可申领居住证。',
        'Newcomers register where they live; after six months they can apply for a residence permit.',
      ],
    }),
    item({
      code: 'SH-PSB-QR-009',
      name: ['上海市居住证申领', 'Shanghai residence permit'],
      type: 'administrative_confirmation',
      dept: 'PSB',
      impl: psbBranches,
      laws: [
        law(LAW.residencePermit, '第二条'),
        law(LAW.residencePermit, '第九条'),
        law(LAW.residencePermit, '第十条'),
        law('《上海市居住证管理办法》'),
      ],
      who: 'person',
      conditions: [
        [
          '在本市居住半年以上，并有合法稳定就业、合法稳定住所或连续就读条件之一',
          'Lived in the city six months and have a stable job, a stable home or study here',
        ],
      ],
      days: [15, 10],
      visits: 1,
      result: ['上海市居住证', 'Shanghai residence permit', 'RESIDENCE-PERMIT'],
      themes: ['户籍', '住房'],
      events: ['新市民落户/居住证'],
      situations: [
        sq(
          'basis',
          ['申领依据', 'Basis'],
          [
            ['employment', '合法稳定就业', 'Stable employment'],
            ['residence', '合法稳定住所', 'Stable residence'],
            ['study', '连续就读', 'Continuous study'],
          ],
        ),
        sq(
          'housing',
          ['住所类型', 'Housing'],
          [
            ['rented', '租赁住房', 'Rented'],
            ['owned', '自有住房', 'Owned'],
          ],
        ),
      ],
      materials: [
        idCard(),
        photo('居住证数码相片（相片回执）', 'Digital photo receipt'),
        mat('rental_registration', ['房屋租赁合同登记备案证明', 'Registered lease'], lic('RENTAL-REGISTRATION-CERTIFICATE'), {
          when: { housing: ['rented'] },
        }),
        mat(
          'property_title',
          ['自有住房不动产权证书', 'Title of the owned home'],
          hub('REAL-ESTATE-TITLE', 'certificate_number', 'owner_id_number', 'address'),
          { when: { housing: ['owned'] } },
        ),
        mat(
          'social_insurance',
          ['在沪缴纳职工社会保险记录', 'Social insurance contributions in Shanghai'],
          hub('SOCIAL-INSURANCE', 'id_number', 'insured_status', 'employer_name', 'insured_since'),
          {
            when: { basis: ['employment'] },
          },
        ),
        own('enrolment_proof', ['就读学校出具的在读证明', 'Certificate of enrolment'], { when: { basis: ['study'] } }),
      ],
      form: [...personFields(), ...flds('applicant.residence_address'), fld('employer.name', { when: { basis: ['employment', 'study'] } })],
      summary: [
        '来沪居住满半年、符合条件的人员申领居住证，凭证享受子女入学、社保、公积金等公共服务。法定期限15日。',
        'Residence permit for newcomers after six months; it gives access to schooling, social insurance and other public services.',
      ],
    }),
    item({
      code: 'SH-PSB-QR-010',
      name: ['居住证签注', 'Annual endorsement of a residence permit'],
      type: 'administrative_confirmation',
      dept: 'PSB',
      impl: psbBranches,
      laws: [law(LAW.residencePermit), law('《上海市居住证管理办法》')],
      who: 'person',
      days: [0, 0],
      visits: 0,
      themes: ['户籍'],
      events: ['新市民落户/居住证'],
      materials: [
        mat('residence_permit', ['上海市居住证', 'Shanghai residence permit'], lic('RESIDENCE-PERMIT')),
        mat(
          'social_insurance',
          ['在沪社会保险缴纳记录', 'Social insurance contributions in Shanghai'],
          hub('SOCIAL-INSURANCE', 'id_number', 'insured_status', 'contribution_months'),
        ),
      ],
      form: personFields(),
      summary: [
        '居住证每年签注一次，签注后继续有效；条件仍符合的可在线签注。',
        'Endorse the residence permit once a year to keep it valid; online when the conditions still hold.',
      ],
    }),
  ];
}
