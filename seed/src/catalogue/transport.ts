import type { ServiceItemInput } from '@tongban/domain';
import { businessLicence, idCard, legalRepId } from './common.ts';
import { hub, item, law, lic, mat, own, sq } from './dsl.ts';
import { fld, flds, personFields } from './fields.ts';
import { LAW } from './laws.ts';

/** 交通委员会: road transport, ride-hailing and taxis, road works and oversize transport. */
export function transportItems(): ServiceItemInput[] {
  const TRANS = ['交通运输'];
  const rideHailing = '《网络预约出租汽车经营服务管理暂行办法》';
  const entForm = () => flds('enterprise.name', 'enterprise.credit_code', 'enterprise.address', 'applicant.name', 'applicant.mobile');
  const drivingRecord = () =>
    mat(
      'driving_licence',
      ['机动车驾驶证', 'Driving licence'],
      hub('DRIVING-LICENCE', 'id_number', 'licence_number', 'permitted_class', 'first_issued_on', 'status'),
    );

  return [
    item({
      code: 'SH-TC-XK-001',
      name: ['道路货物运输经营许可', 'Road freight transport business licence'],
      type: 'administrative_licence',
      dept: 'TC',
      laws: [law(LAW.roadTransport, '第二十一条'), law(LAW.roadTransport, '第二十四条'), law('《道路货物运输及站场管理规定》')],
      who: 'enterprise',
      conditions: [
        [
          '使用总质量4500千克以上普通货运车辆从事经营；有符合要求的车辆、驾驶人员和安全生产管理制度',
          'Trucks above 4.5 tonnes; suitable vehicles, drivers and safety rules',
        ],
      ],
      days: [20, 5],
      visits: 0,
      result: ['道路运输经营许可证', 'Road transport business licence', 'ROAD-TRANSPORT-LICENCE'],
      themes: TRANS,
      materials: [
        own('application', ['道路货物运输经营申请表', 'Application form']),
        businessLicence(),
        legalRepId(),
        own('vehicles', ['拟投入车辆承诺书（车辆技术条件）', 'Commitment on the vehicles to be used']),
        own('drivers', ['驾驶人员从业资格证明', "Drivers' qualifications"]),
        own('safety_rules', ['安全生产管理制度文本', 'Safety management rules']),
      ],
      form: entForm(),
      summary: [
        '从事道路普通货物运输经营的企业申请经营许可（总质量4.5吨及以下普通货车无需许可）。',
        'Licence for road freight businesses (not needed for trucks up to 4.5 tonnes).',
      ],
    }),
    item({
      code: 'SH-TC-XK-002',
      name: ['网络预约出租汽车经营许可', 'Ride-hailing platform business licence'],
      type: 'administrative_licence',
      dept: 'TC',
      laws: [law(rideHailing, '第五条'), law(rideHailing, '第六条'), law('《上海市网络预约出租汽车经营服务管理若干规定》')],
      who: 'enterprise',
      days: [20, 10],
      visits: 0,
      result: ['网络预约出租汽车经营许可证', 'Ride-hailing business licence', 'RIDE-HAILING-BUSINESS-LICENCE'],
      themes: TRANS,
      materials: [
        own('application', ['网络预约出租汽车经营申请表', 'Application form']),
        businessLicence(),
        own('platform', ['网络服务平台数据库接入情况、服务器设置在境内的证明', 'Platform data access and domestic servers']),
        own('payment', ['与银行、非银行支付机构签订的支付结算服务协议', 'Payment service agreement']),
        own('rules', ['经营管理制度、安全生产管理制度和服务质量保障制度', 'Management, safety and service-quality rules']),
      ],
      form: entForm(),
      summary: ['网约车平台公司在本市经营，申请网络预约出租汽车经营许可。', 'Ride-hailing platforms apply for the local business licence.'],
    }),
    item({
      code: 'SH-TC-XK-003',
      name: ['网络预约出租汽车运输证核发', 'Ride-hailing vehicle transport permit'],
      type: 'administrative_licence',
      dept: 'TC',
      laws: [law(rideHailing, '第十二条'), law(rideHailing, '第十三条')],
      who: 'both',
      conditions: [
        [
          '车辆为本市号牌的7座及以下乘用车，安装具有行驶记录功能的车辆卫星定位装置和应急报警装置',
          'Local-plated cars with up to seven seats, with GPS recording and an alarm',
        ],
      ],
      days: [20, 5],
      visits: 1,
      result: ['网络预约出租汽车运输证', 'Ride-hailing transport permit', 'RIDE-HAILING-VEHICLE-PERMIT'],
      themes: TRANS,
      materials: [
        mat(
          'vehicle',
          ['机动车行驶证', 'Vehicle licence'],
          hub('VEHICLE', 'plate_number', 'vin', 'owner_id_number', 'vehicle_type', 'registered_on'),
        ),
        own('insurance', ['营运车辆相关保险凭证', 'Commercial insurance policies']),
        own('platform_agreement', ['与网约车平台公司签订的协议', 'Agreement with the platform']),
      ],
      form: [...personFields(), fld('vehicle.plate_number'), fld('vehicle.vin')],
      inspectDays: 1,
      summary: ['拟从事网约车经营的车辆，经车辆检查后核发运输证。', 'Vehicles used for ride-hailing get a permit after an inspection.'],
    }),
    item({
      code: 'SH-TC-XK-004',
      name: ['网络预约出租汽车驾驶员证核发', 'Ride-hailing driver licence'],
      type: 'administrative_licence',
      dept: 'TC',
      laws: [law(rideHailing, '第十四条'), law(rideHailing, '第十五条')],
      who: 'person',
      conditions: [
        [
          '取得相应准驾车型机动车驾驶证并具有3年以上驾驶经历，无交通肇事犯罪、危险驾驶犯罪记录，无吸毒记录，无暴力犯罪记录',
          'Three years of driving, no traffic, drug or violent crime record',
        ],
      ],
      days: [20, 10],
      visits: 1,
      result: ['网络预约出租汽车驾驶员证', 'Ride-hailing driver licence', 'RIDE-HAILING-DRIVER-LICENCE'],
      themes: [...TRANS, '就业创业'],
      situations: [
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
        idCard(),
        drivingRecord(),
        mat('no_record', ['无犯罪记录证明', 'Certificate of no criminal record'], lic('NO-CRIMINAL-RECORD-CERTIFICATE')),
        mat('residence_permit', ['上海市居住证', 'Shanghai residence permit'], lic('RESIDENCE-PERMIT'), { when: { hukou: ['nonlocal'] } }),
        own('exam', ['从业资格考试合格证明', 'Pass of the qualification exam']),
      ],
      form: [...personFields(), fld('driving_licence.permitted_class')],
      summary: [
        '从事网约车服务的驾驶员经考试合格后申请驾驶员证，驾驶证、犯罪记录、居住证信息共享核查。',
        'Drivers pass an exam and apply; licence, criminal record and permit are checked by sharing.',
      ],
    }),
    item({
      code: 'SH-TC-XK-005',
      name: ['出租汽车驾驶员从业资格证核发', 'Taxi driver qualification certificate'],
      type: 'administrative_licence',
      dept: 'TC',
      laws: [law('《出租汽车驾驶员从业资格管理规定》'), law('《上海市出租汽车管理条例》')],
      who: 'person',
      days: [20, 5],
      visits: 1,
      result: ['出租汽车驾驶员从业资格证', 'Taxi driver qualification certificate', 'TAXI-DRIVER-CERTIFICATE'],
      themes: [...TRANS, '就业创业'],
      materials: [
        idCard(),
        drivingRecord(),
        mat('no_record', ['无犯罪记录证明', 'Certificate of no criminal record'], lic('NO-CRIMINAL-RECORD-CERTIFICATE')),
        own('exam', ['全国公共科目和区域科目考试合格证明', 'Pass of the national and local exams']),
      ],
      form: [...personFields(), fld('driving_licence.permitted_class')],
      summary: ['巡游出租汽车驾驶员考试合格后申领从业资格证。', 'Taxi drivers apply for the qualification after passing the exams.'],
    }),
    item({
      code: 'SH-TC-BA-001',
      name: ['机动车维修经营备案', 'Filing of a motor vehicle repair business'],
      type: 'administrative_filing',
      dept: 'TC',
      laws: [law(LAW.roadTransport), law('《机动车维修管理规定》')],
      who: 'enterprise',
      days: [0, 0],
      visits: 0,
      result: ['机动车维修经营备案回执', 'Filing receipt'],
      themes: [...TRANS, '市场准入'],
      events: ['买车用车'],
      materials: [
        own('filing_form', ['机动车维修经营备案表', 'Filing form']),
        businessLicence(),
        own('facilities', ['维修设备设施、技术人员及管理制度情况', 'Equipment, technicians and rules']),
      ],
      form: entForm(),
      summary: [
        '从事机动车维修经营的，在开业后向交通运输主管部门备案，当场出具回执。',
        'Repair shops file with the transport authority after opening; receipt at once.',
      ],
    }),
    item({
      code: 'SH-TC-XK-006',
      name: ['城市道路挖掘（占用）许可', 'Permit to dig up or occupy urban roads'],
      type: 'administrative_licence',
      dept: 'TC',
      laws: [law(LAW.urbanRoads, '第三十条'), law(LAW.urbanRoads, '第三十三条')],
      who: 'enterprise',
      conditions: [
        [
          '新建、扩建、改建的城市道路交付使用后5年内、大修后3年内不得挖掘（抢修除外）',
          'No digging within five years of building or three of resurfacing, except emergencies',
        ],
      ],
      days: [20, 3],
      visits: 0,
      result: ['城市道路挖掘（占用）许可证', 'Road excavation permit', 'ROAD-EXCAVATION-PERMIT'],
      themes: ['公用事业', '工程建设'],
      events: ['获得电力', '获得用水用气', '工程建设项目审批'],
      materials: [
        own('application', ['挖掘城市道路申请表', 'Application form']),
        businessLicence(),
        own('design', ['施工设计图及管线综合图', 'Works design and utility layout']),
        own('restoration', ['道路修复承诺及修复费用缴纳', 'Commitment to restore the road and payment of the fee']),
      ],
      form: flds(
        'enterprise.name',
        'enterprise.credit_code',
        'works.location',
        'works.area',
        'works.start_date',
        'works.end_date',
        'applicant.name',
        'applicant.mobile',
      ),
      summary: [
        '水电气接入等工程需挖掘、占用城市道路的，向道路主管部门申请许可，与公安交管审核并联办理；小型接入工程3个工作日内办结。',
        'Permit to dig up roads for utility connections and other works, in parallel with the traffic police; small connections within three working days.',
      ],
    }),
    item({
      code: 'SH-TC-XK-007',
      name: ['超限运输车辆行驶公路许可', 'Permit for oversize or overweight vehicles on highways'],
      type: 'administrative_licence',
      dept: 'TC',
      laws: [law('《中华人民共和国公路法》', '第五十条'), law('《公路安全保护条例》'), law('《超限运输车辆行驶公路管理规定》')],
      who: 'enterprise',
      days: [15, 2],
      visits: 0,
      result: ['超限运输车辆通行证', 'Oversize transport pass'],
      themes: TRANS,
      materials: [
        own('application', ['公路超限运输申请表', 'Application form']),
        mat('vehicle', ['车辆行驶证', 'Vehicle licence'], hub('VEHICLE', 'plate_number', 'vin', 'vehicle_type')),
        own('cargo', ['货物名称、重量、外廓尺寸说明及护送方案', 'Cargo, weight, dimensions and escort plan']),
      ],
      form: [...entForm(), fld('vehicle.plate_number')],
      summary: [
        '载运不可解体大件物品的超限车辆在公路行驶前申请许可，跨省运输全国联网办理。',
        'Permit for oversize loads on highways; cross-province trips are handled nationally online.',
      ],
    }),
  ];
}
