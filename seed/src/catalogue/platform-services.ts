import type { ServiceItemInput } from '@tongban/domain';
import { businessLicence, idCard, legalRepId } from './common.ts';
import { item, law, own, standardProcess, step } from './dsl.ts';
import { fld, flds, personFields } from './fields.ts';
import { LAW } from './laws.ts';

/** 政务服务办公室, 大数据中心 and 12345 热线办: services of the platform itself. */
export function platformServiceItems(): ServiceItemInput[] {
  return [
    item({
      code: 'SH-GSO-GG-001',
      name: ['企业银行开户预约', 'Appointment to open a corporate bank account'],
      type: 'public_service',
      dept: 'GSO',
      laws: [
        law('《人民币银行结算账户管理办法》（中国人民银行令〔2003〕第5号）'),
        law('《中国人民银行关于取消企业银行账户许可的通知》（银发〔2019〕41号）'),
        law(LAW.optimiseBusiness),
      ],
      who: 'enterprise',
      conditions: [
        [
          '已领取营业执照；企业银行账户由所选商业银行开立，取消开户许可',
          'Business licence held; the chosen bank opens the account, no approval needed',
        ],
      ],
      days: [2, 1],
      visits: 1,
      result: ['企业基本存款账户开立（开户回执）', 'Basic deposit account opened (receipt)'],
      themes: ['企业开办'],
      events: ['企业开办'],
      materials: [
        businessLicence(),
        legalRepId(),
        own('account_application', ['开立单位银行结算账户申请书（银行面签）', 'Account application signed at the bank']),
      ],
      form: flds(
        'enterprise.name',
        'enterprise.credit_code',
        'bank.name',
        'enterprise.legal_representative',
        'applicant.name',
        'applicant.mobile',
      ),
      process: [
        step('accept', 'accept', 0, { name: ['推送开户预约信息至所选银行', 'Appointment sent to the chosen bank'] }),
        step('review', 'review', 1, { name: ['银行尽职调查、面签开户', 'Due diligence and signing at the bank'] }),
        step('approve', 'approve', 0, { name: ['开户结果回传', 'Result returned to the platform'] }),
      ],
      summary: [
        '企业开办时在线选择开户银行并预约，营业执照等信息推送银行，法定代表人到银行一次面签即可开户。',
        'Choose a bank and book online when starting a business; the bank receives the data and the account is opened at one visit.',
      ],
      where: ['所选商业银行网点', 'A branch of the chosen bank'],
    }),
    item({
      code: 'SH-GSO-GG-002',
      name: ['政务服务帮办代办', 'Assisted and proxy handling of government services'],
      type: 'public_service',
      dept: 'GSO',
      laws: [law(LAW.efficientlyDone), law(LAW.oneStopOnline)],
      who: 'both',
      days: [0, 0],
      visits: 0,
      themes: ['企业开办', '诉求办理'],
      materials: [idCard()],
      form: [...personFields(), fld('request.content')],
      process: standardProcess(0),
      summary: [
        '办事遇到困难的群众和企业可在线申请帮办，由专人全程帮办、代办、“跑腿”；老年人、残疾人等可预约上门服务。',
        'Ask for a helper who guides you through, or handles, a service; home visits for the elderly and disabled.',
      ],
    }),
    item({
      code: 'SH-BDC-GG-001',
      name: ['公共数据有条件开放申请', 'Request for conditionally open public data'],
      type: 'public_service',
      dept: 'BDC',
      laws: [law('《上海市数据条例》'), law('《上海市公共数据开放暂行办法》')],
      who: 'both',
      days: [20, 10],
      visits: 0,
      result: ['公共数据开放利用协议', 'Public data use agreement'],
      themes: ['数据服务'],
      materials: [
        own('application', ['数据开放申请表（用途、安全保障措施）', 'Request stating purpose and safeguards']),
        businessLicence({ optional: true }),
      ],
      form: [...flds('enterprise.name', 'enterprise.credit_code', 'applicant.name', 'applicant.mobile'), fld('data.purpose')],
      summary: [
        '企业和个人申请有条件开放的公共数据，经数据提供部门审核、签订利用协议后获取。',
        'Apply for conditionally open public data; after the owning department agrees, a use agreement is signed.',
      ],
    }),
    item({
      code: 'SH-BDC-GG-002',
      name: ['电子证照授权使用', 'Authorising the use of one’s electronic licences'],
      type: 'public_service',
      dept: 'BDC',
      laws: [
        law('《国务院关于在线政务服务的若干规定》（国务院令第716号）'),
        law('《国务院办公厅关于加快推进电子证照扩大应用领域和全国互通互认的意见》（国办发〔2022〕3号）'),
      ],
      who: 'both',
      days: [0, 0],
      visits: 0,
      channels: ['online'],
      themes: ['数据服务'],
      materials: [idCard()],
      form: [...personFields(), fld('data.purpose')],
      process: standardProcess(0),
      summary: [
        '持证人在线查看本人电子证照，授权办事部门或第三方在限定用途和期限内调用，可随时撤销授权。',
        'See your e-licences and authorise a department or third party to use them for a purpose and period; revocable at any time.',
      ],
    }),
    item({
      code: 'SH-12345-GG-001',
      name: ['12345市民服务热线诉求受理', '12345 citizen hotline requests'],
      type: 'public_service',
      dept: '12345',
      laws: [
        law('《国务院办公厅关于进一步优化地方政务服务便民热线的指导意见》（国办发〔2020〕53号）'),
        law('《上海市12345市民服务热线管理办法》'),
      ],
      who: 'both',
      days: [15, 10],
      visits: 0,
      channels: ['online'],
      result: ['诉求办理结果答复', 'Answer to the request'],
      themes: ['诉求办理'],
      materials: [own('request', ['诉求内容（电话、网站、App等渠道提交）', 'The request (by phone, web or app)'])],
      form: [
        ...flds('applicant.name', 'applicant.mobile', 'request.category', 'request.content'),
        fld('request.location', { optional: true }),
      ],
      process: [
        step('accept', 'accept', 0, { name: ['接听受理、即时解答', 'Taken and answered where possible'] }),
        step('review', 'review', 1, { name: ['分类派单至承办部门', 'Classified and dispatched'] }),
        step('approve', 'approve', 9, { name: ['承办部门办理、答复并回访', 'Handled, answered and followed up'] }),
      ],
      summary: [
        '全天候受理企业和群众的咨询、投诉、举报、建议和求助，派单至承办部门限时办理并回访。',
        'Around-the-clock inquiries, complaints, reports, suggestions and requests for help, dispatched and followed up.',
      ],
      where: ['拨打12345或通过“一网通办”在线提交', 'Call 12345 or submit online'],
    }),
  ];
}
