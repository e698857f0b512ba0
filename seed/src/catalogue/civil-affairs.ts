import type { ServiceItemInput } from '@tongban/domain';
import { householdBook, idCard } from './common.ts';
import { branchesOf, dept } from './depts.ts';
import { hub, item, law, lic, mat, own, step } from './dsl.ts';
import { fld, flds, personFields } from './fields.ts';
import { LAW } from './laws.ts';

/** 民政局 (2/2): social assistance, old-age and disability allowances, social organisations, funerals. */
export function civilAffairsItems(): ServiceItemInput[] {
  const caBranches = branchesOf('CA');
  /** 家庭经济状况核对: what the assistance office checks through data sharing instead of asking for certificates. */
  const meansCheck = () => [
    own('consent', ['家庭经济状况核对授权书', 'Authorisation to check the household’s finances'], { notes: '全体家庭成员签字。' }),
    mat('homes', ['家庭成员住房情况', 'Homes of the household'], hub('REAL-ESTATE-TITLE', 'owner_id_number', 'address', 'area')),
    mat('vehicles', ['家庭成员车辆情况', 'Vehicles of the household'], hub('VEHICLE', 'owner_id_number', 'vehicle_type', 'registered_on')),
    mat(
      'insurance',
      ['家庭成员社保缴费和养老金情况', 'Insurance and pensions of the household'],
      hub('SOCIAL-INSURANCE', 'id_number', 'insured_status', 'employer_name'),
    ),
    mat(
      'fund',
      ['家庭成员住房公积金缴存情况', 'Housing fund of the household'],
      hub('HOUSING-FUND', 'id_number', 'account_status', 'monthly_deposit'),
    ),
  ];
  const assistanceProcess = (days: number) => [
    step('accept', 'accept', 1, { name: ['街道（镇）受理', 'Acceptance by the subdistrict'] }),
    step('inspect', 'inspect', 5, { name: ['入户调查、邻里访问', 'Home visit'] }),
    step('review', 'review', days - 8, { name: ['经济状况核对、民主评议与公示', 'Means check, review and public notice'] }),
    step('approve', 'approve', 2, { name: ['区民政局审核确认', 'Confirmation by the district civil affairs bureau'] }),
  ];

  return [
    item({
      code: 'SH-CA-JF-001',
      name: ['最低生活保障审核确认', 'Minimum living allowance (dibao)'],
      type: 'administrative_benefit',
      dept: 'CA',
      impl: caBranches,
      laws: [
        law(LAW.socialAssistance, '第九条'),
        law(LAW.socialAssistance, '第十一条'),
        law('《最低生活保障审核确认办法》（民发〔2021〕57号）'),
      ],
      who: 'person',
      conditions: [
        [
          '共同生活的家庭成员人均收入低于本市最低生活保障标准，且财产状况符合规定',
          'Household income per head below the local dibao line, assets within limits',
        ],
      ],
      days: [30, 20],
      visits: 1,
      result: ['最低生活保障审核确认决定', 'Decision on the minimum living allowance'],
      themes: ['社会救助'],
      materials: [own('application', ['最低生活保障申请书', 'Application']), idCard(), householdBook(), ...meansCheck()],
      form: [...personFields(), ...flds('household.size', 'household.monthly_income', 'bank.card_number')],
      process: assistanceProcess(20),
      summary: [
        '家庭收入低于本市低保标准的，向户籍地街道（镇）申请低保，家庭经济状况通过信息核对平台共享核查。',
        'Households below the local line apply at their subdistrict; income and assets are checked through data sharing.',
      ],
    }),
    item({
      code: 'SH-CA-JF-002',
      name: ['特困人员救助供养', 'Support for people in extreme poverty'],
      type: 'administrative_benefit',
      dept: 'CA',
      impl: caBranches,
      laws: [law(LAW.socialAssistance, '第十四条'), law(LAW.socialAssistance, '第十五条')],
      who: 'person',
      conditions: [
        [
          '无劳动能力、无生活来源，且无法定赡养、抚养、扶养义务人或其无履行能力的老年人、残疾人以及未满16周岁的未成年人',
          'Elderly, disabled or under-16 people with no work ability, no income and no able supporter',
        ],
      ],
      days: [30, 20],
      visits: 1,
      result: ['特困人员救助供养审核确认决定', 'Decision on support'],
      themes: ['社会救助', '养老'],
      materials: [own('application', ['特困人员救助供养申请书', 'Application']), idCard(), householdBook(), ...meansCheck()],
      form: [...personFields(), fld('household.monthly_income')],
      process: assistanceProcess(20),
      summary: [
        '符合条件的特困人员申请救助供养，可选择在家分散供养或机构集中供养。',
        'People in extreme poverty receive support at home or in an institution.',
      ],
    }),
    item({
      code: 'SH-CA-JF-003',
      name: ['临时救助', 'Temporary assistance'],
      type: 'administrative_benefit',
      dept: 'CA',
      impl: caBranches,
      laws: [law(LAW.socialAssistance, '第四十七条'), law(LAW.socialAssistance, '第四十八条')],
      who: 'person',
      conditions: [
        ['因火灾、交通事故、突发重大疾病等原因导致基本生活暂时出现严重困难', 'Sudden hardship from fire, accident or serious illness'],
      ],
      days: [20, 5],
      visits: 1,
      themes: ['社会救助'],
      materials: [
        own('application', ['临时救助申请书', 'Application']),
        idCard(),
        own('hardship_proof', ['遭遇困难的相关证明（医疗费用票据等）', 'Evidence of the hardship (medical bills etc.)']),
      ],
      form: [...personFields(), fld('case.summary'), fld('bank.card_number')],
      summary: [
        '家庭或个人遭遇突发困难的，申请临时救助；情况紧急的先行救助、事后补办手续。',
        'Temporary help after sudden hardship; urgent cases are helped first.',
      ],
    }),
    item({
      code: 'SH-CA-JF-004',
      name: ['老年综合津贴申领', 'Comprehensive old-age allowance'],
      type: 'administrative_benefit',
      dept: 'CA',
      impl: caBranches,
      laws: [law('《上海市老年综合津贴暂行办法》'), law('《中华人民共和国老年人权益保障法》', '第三十三条')],
      who: 'person',
      conditions: [['具有本市户籍、年满65周岁的老年人', 'Local residents aged 65 or over']],
      days: [20, 5],
      visits: 0,
      themes: ['养老'],
      events: ['退休'],
      materials: [idCard(), householdBook()],
      form: [...personFields(), fld('bank.card_number')],
      summary: [
        '本市户籍65周岁以上老年人按年龄段按月领取老年综合津贴，年满65周岁可“免申即享”。',
        'Local residents aged 65+ receive a monthly allowance by age band, automatically where data allow.',
      ],
    }),
    item({
      code: 'SH-CA-JF-005',
      name: [
        '困难残疾人生活补贴和重度残疾人护理补贴',
        'Living subsidy for disabled people in hardship and care subsidy for the severely disabled',
      ],
      type: 'administrative_benefit',
      dept: 'CA',
      impl: [...caBranches, dept('DPF')],
      laws: [law('《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）')],
      who: 'person',
      days: [20, 10],
      visits: 0,
      themes: ['残疾人服务', '社会救助'],
      materials: [
        idCard(),
        mat('disability_certificate', ['中华人民共和国残疾人证', 'Disability certificate'], lic('DISABILITY-CERTIFICATE')),
        own('application', ['两项补贴申请审批表', 'Application form']),
      ],
      form: [...personFields(), fld('disability.category'), fld('bank.card_number')],
      summary: [
        '低保家庭等困难残疾人申请生活补贴，一级、二级重度残疾人申请护理补贴，与残联数据共享核验。',
        'Subsidies for disabled people in hardship and for severe disability care, checked with the disabled persons’ federation.',
      ],
    }),
    item({
      code: 'SH-CA-XK-001',
      name: ['社会团体成立登记', 'Registration of a social association'],
      type: 'administrative_licence',
      dept: 'CA',
      laws: [law('《社会团体登记管理条例》', '第九条'), law('《社会团体登记管理条例》', '第十二条')],
      who: 'both',
      conditions: [
        [
          '有50个以上个人会员或30个以上单位会员，有规范的名称、固定住所和合法资产，经业务主管单位审查同意',
          '50 individual or 30 organisational members, a name, premises, assets and a supervising unit’s consent',
        ],
      ],
      days: [60, 20],
      visits: 0,
      result: ['社会团体法人登记证书', 'Registration certificate of a social association', 'SOCIAL-ORGANISATION-CERTIFICATE'],
      themes: ['社会组织'],
      materials: [
        own('application', ['社会团体成立登记申请书', 'Application']),
        own('sponsor_approval', ['业务主管单位批准文件', 'Approval of the supervising unit']),
        own('articles', ['章程草案', 'Draft articles']),
        mat(
          'officers',
          ['拟任负责人基本情况及身份证明', 'Prospective officers and their identity'],
          hub('POPULATION', 'name', 'id_number'),
        ),
        own('capital', ['验资报告及住所使用证明', 'Capital report and use of premises']),
      ],
      form: flds(
        'organisation.name',
        'organisation.purpose',
        'premises.address',
        'applicant.name',
        'applicant.id_number',
        'applicant.mobile',
      ),
      summary: [
        '成立行业协会、学会等社会团体，向民政部门申请成立登记。',
        'Register a trade association, learned society or other association.',
      ],
    }),
    item({
      code: 'SH-CA-XK-002',
      name: ['民办非企业单位（社会服务机构）成立登记', 'Registration of a social service organisation'],
      type: 'administrative_licence',
      dept: 'CA',
      impl: caBranches,
      laws: [law('《民办非企业单位登记管理暂行条例》')],
      who: 'both',
      days: [60, 20],
      visits: 0,
      result: [
        '民办非企业单位（法人）登记证书',
        'Registration certificate of a social service organisation',
        'SOCIAL-SERVICE-ORGANISATION-CERTIFICATE',
      ],
      themes: ['社会组织'],
      materials: [
        own('application', ['成立登记申请书', 'Application']),
        own('sponsor_approval', ['业务主管单位批准文件', 'Approval of the supervising unit']),
        own('articles', ['章程草案', 'Draft articles']),
        own('premises', ['场所使用权证明', 'Right to use the premises']),
      ],
      form: flds(
        'organisation.name',
        'organisation.purpose',
        'premises.address',
        'applicant.name',
        'applicant.id_number',
        'applicant.mobile',
      ),
      summary: [
        '利用非国有资产举办民办学校、医院、养老机构等社会服务机构，申请成立登记。',
        'Register a non-profit service organisation (school, clinic, care home) run with non-state assets.',
      ],
    }),
    item({
      code: 'SH-CA-BA-001',
      name: ['养老机构备案', 'Filing of an elderly care institution'],
      type: 'administrative_filing',
      dept: 'CA',
      impl: caBranches,
      laws: [law('《中华人民共和国老年人权益保障法》', '第四十三条'), law('《养老机构管理办法》（民政部令第66号）')],
      who: 'enterprise',
      conditions: [
        [
          '已依法登记（营业执照或社会服务机构登记证书），服务场所符合消防、建筑、卫生等要求',
          'Registered, with premises meeting fire, building and health rules',
        ],
      ],
      days: [0, 0],
      visits: 0,
      result: ['养老机构备案回执', 'Filing receipt'],
      themes: ['养老', '社会组织'],
      materials: [
        own('filing_form', ['养老机构备案书', 'Filing form']),
        own('commitment', ['养老机构服务安全承诺书', 'Safety commitment']),
        own('premises', ['服务场所权属证明及消防安全相关材料', 'Title to premises and fire-safety documents']),
      ],
      form: flds('organisation.name', 'enterprise.credit_code', 'premises.address', 'applicant.name', 'applicant.mobile'),
      summary: [
        '养老机构登记后即可开展服务，并向所在地民政部门备案。',
        'Care homes may operate once registered and file with civil affairs.',
      ],
    }),
    item({
      code: 'SH-CA-JF-006',
      name: ['基本殡葬服务费用减免', 'Waiver of basic funeral service charges'],
      type: 'administrative_benefit',
      dept: 'CA',
      impl: caBranches,
      laws: [law('《殡葬管理条例》'), law('《民政部等9部门关于进一步推动殡葬改革促进殡葬事业发展的指导意见》（民发〔2018〕5号）')],
      who: 'person',
      days: [0, 0],
      visits: 1,
      channels: ['window'],
      themes: ['社会救助'],
      events: ['身后事'],
      materials: [
        mat(
          'death_record',
          ['逝者死亡及户籍信息', 'Death and household record of the deceased'],
          hub('POPULATION', 'id_number', 'name', 'alive', 'household_address'),
        ),
        idCard({}, 'handler_id', ['经办人居民身份证', "Handler's resident identity card"]),
      ],
      form: [...flds('deceased.name', 'deceased.id_number', 'deceased.death_date'), ...personFields()],
      summary: [
        '本市户籍居民去世后，遗体接运、暂存、火化、骨灰寄存等基本殡葬服务费用按规定减免，在殡仪馆直接结算。',
        'Basic funeral services for local residents are waived and settled directly at the funeral home.',
      ],
      where: ['本市各殡仪馆', 'Funeral homes'],
    }),
  ];
}
