import type { ServiceItemInput } from '@tongban/domain';
import { agentMaterials, businessLicence, byAgentQ, idCard } from './common.ts';
import { branchesOf } from './depts.ts';
import { charged, hub, item, law, mat, own, sq } from './dsl.ts';
import { agentFields, fld, flds, personFields } from './fields.ts';
import { LAW } from './laws.ts';

/** 公安局交通管理部门 (3/3): vehicles, driving licences, works on roads. */
export function publicSecurityTrafficItems(): ServiceItemInput[] {
  const psbBranches = branchesOf('PSB');
  const CAR = { themes: ['交通出行'], events: ['买车用车'] };
  const vehicleRecord = (o = {}) =>
    mat(
      'vehicle_certificate',
      ['机动车登记证书', 'Vehicle registration certificate'],
      hub('VEHICLE', 'plate_number', 'vin', 'owner_id_number', 'certificate_number', 'status'),
      o,
    );
  const drivingRecord = () =>
    mat(
      'driving_licence',
      ['机动车驾驶证', 'Driving licence'],
      hub('DRIVING-LICENCE', 'id_number', 'licence_number', 'permitted_class', 'valid_until', 'status'),
    );
  const licenceFee = charged(
    10,
    ['机动车驾驶证工本费每证10元', 'Driving licence production fee: 10 yuan'],
    law(LAW.roadTraffic, '第八十一条'),
  );
  const vehicleWhere: readonly [string, string] = [
    '各区车辆管理所、机动车登记服务站，或“交管12123”',
    'Vehicle administration offices and registration stations, or the 12123 app',
  ];

  return [
    item({
      code: 'SH-PSB-QR-011',
      name: ['机动车注册登记（新车上牌）', 'First registration of a motor vehicle (new plates)'],
      type: 'administrative_confirmation',
      dept: 'PSB',
      impl: psbBranches,
      laws: [law(LAW.roadTraffic, '第八条'), law(LAW.roadTraffic, '第九条'), law(LAW.vehicleRegistration)],
      who: 'both',
      conditions: [['本市非营业性客车需取得上海市非营业性客车额度', 'Private passenger cars need a Shanghai licence-plate quota']],
      fee: charged(
        100,
        [
          '汽车号牌工本费每副100元；行驶证、登记证书工本费按国家标准收取',
          'Plates 100 yuan per pair; licence and certificate at the national rate',
        ],
        law(LAW.roadTraffic, '第八十一条'),
      ),
      days: [5, 1],
      visits: 1,
      result: ['机动车登记证书、行驶证和号牌', 'Vehicle registration certificate, licence and plates', 'VEHICLE-REGISTRATION'],
      ...CAR,
      situations: [byAgentQ()],
      materials: [
        idCard({}, 'owner_id', ['机动车所有人身份证明', "Owner's identity"]),
        own('purchase_invoice', ['机动车销售统一发票（来历证明）', 'Unified vehicle sales invoice (proof of origin)']),
        own('conformity', ['整车出厂合格证明或进口凭证', 'Certificate of conformity or import documents']),
        own(
          'purchase_tax',
          ['车辆购置税完税证明（税务联网核验的免交）', 'Vehicle purchase tax receipt (not needed where verified online)'],
          { optional: true },
        ),
        own('insurance', ['机动车交通事故责任强制保险凭证', 'Compulsory third-party insurance policy']),
        own('quota', ['上海市非营业性客车额度证明', 'Shanghai passenger car quota certificate'], { optional: true }),
        ...agentMaterials(),
      ],
      form: [
        ...personFields(),
        ...flds('vehicle.vin', 'vehicle.brand_model'),
        fld('delivery.address', { optional: true }),
        ...agentFields(),
      ],
      summary: [
        '新购机动车申请注册登记，现场查验车辆后核发号牌、行驶证和登记证书；4S店可代办。',
        'Register a new vehicle: after an inspection, plates, licence and certificate are issued; dealers can apply for the owner.',
      ],
      where: vehicleWhere,
    }),
    item({
      code: 'SH-PSB-QR-012',
      name: ['机动车转移登记（二手车过户）', 'Transfer of ownership of a motor vehicle'],
      type: 'administrative_confirmation',
      dept: 'PSB',
      impl: psbBranches,
      laws: [law(LAW.roadTraffic, '第十二条'), law(LAW.vehicleRegistration)],
      who: 'both',
      days: [5, 1],
      visits: 1,
      result: [
        '机动车登记证书（转移登记后）、行驶证',
        'Registration certificate (after transfer) and vehicle licence',
        'VEHICLE-REGISTRATION',
      ],
      ...CAR,
      materials: [
        idCard({}, 'new_owner_id', ['现机动车所有人身份证明', "New owner's identity"]),
        vehicleRecord(),
        own('used_car_invoice', ['二手车销售统一发票', 'Used-car sales invoice']),
        own('inspection_record', ['机动车查验记录表', 'Vehicle inspection record']),
      ],
      form: [...personFields(), ...flds('vehicle.plate_number', 'vehicle.vin')],
      summary: [
        '二手车买卖后由现所有人办理转移登记；本市范围内可异地通办。',
        'The new owner registers the transfer after buying a used car.',
      ],
      where: vehicleWhere,
    }),
    item({
      code: 'SH-PSB-QR-013',
      name: ['机动车注销登记', 'Deregistration of a motor vehicle'],
      type: 'administrative_confirmation',
      dept: 'PSB',
      impl: psbBranches,
      laws: [law(LAW.roadTraffic, '第十二条'), law(LAW.vehicleRegistration), law('《报废机动车回收管理办法》（国务院令第715号）')],
      who: 'both',
      days: [1, 0],
      visits: 0,
      result: ['机动车注销证明书', 'Certificate of deregistration'],
      ...CAR,
      materials: [
        vehicleRecord(),
        own('scrap_certificate', ['报废机动车回收证明', 'Certificate of scrapping'], {
          notes: '由报废机动车回收企业出具，可由回收企业代办。',
        }),
      ],
      form: [...personFields(), ...flds('vehicle.plate_number', 'vehicle.vin')],
      summary: [
        '机动车报废、灭失等情形办理注销登记，报废车由回收企业代为办理。',
        'Deregister a scrapped or lost vehicle; scrapyards can apply for the owner.',
      ],
      where: vehicleWhere,
    }),
    item({
      code: 'SH-PSB-QR-014',
      name: ['机动车检验合格标志核发', 'Vehicle inspection sticker'],
      type: 'administrative_confirmation',
      dept: 'PSB',
      impl: psbBranches,
      laws: [law(LAW.roadTraffic, '第十三条'), law(LAW.roadTrafficRules, '第十六条')],
      who: 'both',
      days: [1, 0],
      visits: 0,
      result: ['机动车检验合格标志（电子）', 'Vehicle inspection sticker (electronic)'],
      ...CAR,
      situations: [
        sq(
          'exempt',
          ['是否属于免检车辆？', 'Is the vehicle exempt from inspection?'],
          [
            ['yes', '6年以内（10年内非营运小微型客车符合条件的）免上线检验', 'Exempt (eligible small private cars)'],
            ['no', '需上线检验', 'Needs a test-station inspection'],
          ],
        ),
      ],
      materials: [
        mat('vehicle_licence', ['机动车行驶证', 'Vehicle licence'], hub('VEHICLE', 'plate_number', 'vin', 'inspection_valid_until')),
        own('insurance', ['交强险保险凭证', 'Compulsory insurance policy']),
        own('inspection_report', ['机动车安全技术检验报告', 'Safety inspection report'], { when: { exempt: ['no'] } }),
      ],
      form: [...personFields(), fld('vehicle.plate_number'), fld('delivery.address', { optional: true })],
      summary: [
        '机动车定期检验，免检车辆在线申领电子检验标志，无需到场。',
        'Periodic inspection; exempt cars get the electronic sticker online without a visit.',
      ],
      where: vehicleWhere,
    }),
    item({
      code: 'SH-PSB-QR-015',
      name: ['机动车驾驶证有效期满换证', 'Renewal of a driving licence on expiry'],
      type: 'administrative_confirmation',
      dept: 'PSB',
      impl: psbBranches,
      laws: [law(LAW.roadTraffic, '第十九条'), law(LAW.drivingLicence)],
      who: 'person',
      conditions: [['在驾驶证有效期满前90日内申请', 'Apply within 90 days before expiry']],
      fee: licenceFee,
      days: [1, 1],
      visits: 0,
      result: ['机动车驾驶证', 'Driving licence', 'DRIVING-LICENCE'],
      ...CAR,
      materials: [
        idCard(),
        drivingRecord(),
        own('health_certificate', ['机动车驾驶人身体条件证明', "Driver's medical certificate"], {
          notes: '由医疗机构出具，可在医院自助体检后电子上传。',
        }),
        own('photo', ['驾驶证照片回执', 'Photo receipt']),
      ],
      form: [...personFields(), fld('driving_licence.permitted_class'), fld('delivery.address')],
      summary: [
        '驾驶证有效期满前90日内，通过“交管12123”在线申请换证，新证邮寄到家，全国通办。',
        'Renew a driving licence online within 90 days of expiry; the new licence is posted, anywhere in the country.',
      ],
      where: vehicleWhere,
    }),
    item({
      code: 'SH-PSB-QR-016',
      name: ['机动车驾驶证补领', 'Replacement of a lost driving licence'],
      type: 'administrative_confirmation',
      dept: 'PSB',
      impl: psbBranches,
      laws: [law(LAW.roadTraffic, '第十九条'), law(LAW.drivingLicence)],
      who: 'person',
      fee: licenceFee,
      days: [1, 1],
      visits: 0,
      result: ['机动车驾驶证', 'Driving licence', 'DRIVING-LICENCE'],
      ...CAR,
      materials: [idCard(), drivingRecord(), own('photo', ['驾驶证照片回执', 'Photo receipt'])],
      form: [...personFields(), fld('driving_licence.permitted_class'), fld('delivery.address')],
      summary: ['驾驶证遗失的，在线申请补领，原证作废，新证邮寄送达。', 'Replace a lost driving licence online; the new one is posted.'],
      where: vehicleWhere,
    }),
    item({
      code: 'SH-PSB-QR-017',
      name: ['电动自行车注册登记', 'Registration of an electric bicycle'],
      type: 'administrative_confirmation',
      dept: 'PSB',
      impl: psbBranches,
      laws: [law(LAW.roadTraffic, '第十八条'), law('《上海市非机动车安全管理条例》')],
      who: 'person',
      days: [1, 0],
      visits: 1,
      result: ['电动自行车号牌和行驶证', 'Electric bicycle plate and licence'],
      ...CAR,
      materials: [
        idCard(),
        own('purchase_invoice', ['购车发票', 'Purchase invoice']),
        own('conformity', ['产品合格证（列入目录的车型）', 'Certificate of conformity (catalogued models)']),
      ],
      form: [...personFields(), fld('vehicle.brand_model')],
      summary: ['购买电动自行车后，经查验车辆办理注册登记、免费领取号牌。', 'Register a new e-bike after a check and get a free plate.'],
      where: ['各区电动自行车登记服务点', 'District e-bike registration points'],
    }),
    item({
      code: 'SH-PSB-XK-006',
      name: ['占用、挖掘道路影响交通安全审核', 'Traffic-safety approval for occupying or digging up roads'],
      type: 'administrative_licence',
      dept: 'PSB',
      impl: psbBranches,
      laws: [law(LAW.roadTraffic, '第三十二条'), law(LAW.urbanRoads, '第三十三条')],
      who: 'enterprise',
      days: [20, 3],
      visits: 0,
      result: ['占用挖掘道路交通安全审核意见书', 'Traffic-safety approval for road works'],
      themes: ['公用事业', '工程建设', '交通出行'],
      events: ['获得电力', '获得用水用气', '工程建设项目审批'],
      materials: [
        own('application', ['占用、挖掘道路申请表', 'Application form']),
        businessLicence(),
        own('traffic_plan', ['施工交通组织方案及示意图', 'Traffic management plan for the works']),
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
        '因工程建设（含水电气接入）需要占用、挖掘道路影响交通安全的，征得公安交管部门同意；与道路主管部门挖掘许可并联办理。',
        'Traffic police consent for road works (including utility connections), handled in parallel with the road authority permit.',
      ],
    }),
  ];
}
