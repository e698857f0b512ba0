import type { FormField } from '@tongban/domain';
import type { When } from './dsl.ts';

/**
 * The shared field dictionary: one meaning, one key, one type, everywhere. Items only pick keys
 * from here (`fld`), so two items can never give `enterprise.registered_capital` different types
 * and a bundle can merge its members' forms by key.
 */

type Def = Omit<FormField, 'key' | 'required' | 'when' | 'label'> & { label: readonly [string, string] };

// Select fields are pre-filled only where the registry holds the same option values (sex, licence
// class); free-text registry values (e.g. '有限责任公司（自然人投资或控股）') would not be valid options.

const opts = (...xs: (readonly [string, string, string])[]) => xs.map(([value, zh, en]) => ({ value, label: { zh, en } }));

const SEX = opts(['male', '男', 'Male'], ['female', '女', 'Female']);

const dict = {
  // the applicant (a natural person, or the person acting for an enterprise)
  'applicant.name': { label: ['姓名', 'Name'], type: 'text', maxLength: 50, prefill: 'population.name' },
  'applicant.id_number': { label: ['公民身份号码', 'Resident ID number'], type: 'id_number', prefill: 'population.id_number' },
  'applicant.sex': { label: ['性别', 'Sex'], type: 'select', options: SEX, prefill: 'population.sex' },
  'applicant.birth_date': { label: ['出生日期', 'Date of birth'], type: 'date', prefill: 'population.birth_date' },
  'applicant.ethnicity': { label: ['民族', 'Ethnicity'], type: 'text', maxLength: 20, prefill: 'population.ethnicity' },
  'applicant.mobile': { label: ['联系电话', 'Mobile phone'], type: 'mobile' },
  'applicant.household_address': {
    label: ['户籍地址', 'Household registration address'],
    type: 'address',
    prefill: 'population.household_address',
  },
  'applicant.residence_address': { label: ['居住地址', 'Residential address'], type: 'address', prefill: 'population.residence_address' },
  'applicant.work_unit': { label: ['工作单位', 'Employer'], type: 'text', maxLength: 100, prefill: 'social_insurance.employer_name' },
  'agent.name': { label: ['受托人姓名', "Agent's name"], type: 'text', maxLength: 50 },
  'agent.id_number': { label: ['受托人公民身份号码', "Agent's resident ID number"], type: 'id_number' },
  'agent.mobile': { label: ['受托人联系电话', "Agent's mobile phone"], type: 'mobile' },
  'delivery.address': { label: ['结果邮寄地址', 'Postal address for the result'], type: 'address' },
  'bank.name': { label: ['开户银行', 'Bank'], type: 'text', maxLength: 100 },
  'bank.card_number': { label: ['本人银行卡号', 'Bank card number (own account)'], type: 'text', maxLength: 30 },
  'spouse.name': {
    label: ['配偶（对方）姓名', "Spouse's (other party's) name"],
    type: 'text',
    maxLength: 50,
    prefill: 'marriage.spouse_name',
  },
  'spouse.id_number': {
    label: ['配偶（对方）公民身份号码', "Spouse's (other party's) resident ID number"],
    type: 'id_number',
    prefill: 'marriage.spouse_id_number',
  },
  'application.remark': { label: ['补充说明', 'Remarks'], type: 'textarea', maxLength: 1000 },

  // enterprises
  'enterprise.name': {
    label: ['企业（单位）名称', 'Enterprise (organisation) name'],
    type: 'text',
    maxLength: 100,
    prefill: 'enterprise.name',
  },
  'enterprise.credit_code': {
    label: ['统一社会信用代码', 'Unified social credit code'],
    type: 'credit_code',
    prefill: 'enterprise.credit_code',
  },
  'enterprise.type': {
    label: ['市场主体类型', 'Type of market entity'],
    type: 'select',
    options: opts(
      ['llc', '有限责任公司', 'Limited liability company'],
      ['jsc', '股份有限公司', 'Company limited by shares'],
      ['sole', '个人独资企业', 'Sole proprietorship'],
      ['partnership', '合伙企业', 'Partnership'],
      ['individual', '个体工商户', 'Individual business'],
      ['coop', '农民专业合作社', "Farmers' specialised cooperative"],
    ),
  },
  'enterprise.registered_capital': {
    label: ['注册资本（万元）', 'Registered capital (10,000 yuan)'],
    type: 'money',
    min: 0,
    prefill: 'enterprise.registered_capital',
  },
  'enterprise.address': { label: ['住所（经营场所）', 'Domicile (business premises)'], type: 'address', prefill: 'enterprise.address' },
  'enterprise.business_scope': {
    label: ['经营范围', 'Business scope'],
    type: 'textarea',
    maxLength: 2000,
    prefill: 'enterprise.business_scope',
  },
  'enterprise.legal_representative': {
    label: ['法定代表人（负责人）', 'Legal representative'],
    type: 'text',
    maxLength: 50,
    prefill: 'enterprise.legal_representative_name',
  },
  'enterprise.legal_representative_id_number': {
    label: ['法定代表人公民身份号码', "Legal representative's ID number"],
    type: 'id_number',
    prefill: 'enterprise.legal_representative_id_number',
  },
  'enterprise.contact_mobile': { label: ['企业联系电话', 'Enterprise contact phone'], type: 'mobile' },
  'enterprise.employee_count': { label: ['从业人数', 'Number of employees'], type: 'number', min: 0, max: 1000000 },
  'enterprise.finance_officer': { label: ['财务负责人', 'Chief financial officer'], type: 'text', maxLength: 50 },
  'enterprise.finance_officer_mobile': { label: ['财务负责人联系电话', "CFO's mobile phone"], type: 'mobile' },
  'enterprise.shareholders': { label: ['股东（出资人）及出资额', 'Shareholders and contributions'], type: 'textarea', maxLength: 2000 },
  'seal.kinds': {
    label: ['刻制印章种类（公章、财务专用章、发票专用章等）', 'Seals to engrave (official, finance, invoice …)'],
    type: 'text',
    maxLength: 200,
  },
  'tax.invoice_type': {
    label: ['申领发票种类', 'Invoices requested'],
    type: 'select',
    options: opts(
      ['digital_ordinary', '数电发票（普通发票）', 'Fully digital ordinary invoice'],
      ['digital_special', '数电发票（增值税专用发票）', 'Fully digital VAT special invoice'],
    ),
  },
  'tax.taxpayer_type': {
    label: ['纳税人类型', 'Taxpayer type'],
    type: 'select',
    options: opts(['small_scale', '小规模纳税人', 'Small-scale taxpayer'], ['general', '一般纳税人', 'General taxpayer']),
  },
  'tax.annual_sales': { label: ['年应税销售额（万元）', 'Annual taxable sales (10,000 yuan)'], type: 'money', min: 0 },
  'housing_fund.deposit_rate': { label: ['住房公积金缴存比例（%）', 'Housing fund contribution rate (%)'], type: 'number', min: 5, max: 7 },
  'housing_fund.account_number': {
    label: ['住房公积金账号', 'Housing fund account number'],
    type: 'text',
    maxLength: 30,
    prefill: 'housing_fund.account_number',
  },
  'housing_fund.amount': { label: ['申请金额（元）', 'Amount requested (yuan)'], type: 'money', min: 0 },
  'loan.amount': { label: ['贷款金额（万元）', 'Loan amount (10,000 yuan)'], type: 'money', min: 0 },
  'loan.term_years': { label: ['贷款期限（年）', 'Loan term (years)'], type: 'number', min: 1, max: 30 },
  'licence.number': { label: ['原许可证（证书）编号', 'Number of the existing licence or certificate'], type: 'text', maxLength: 50 },
  'premises.address': { label: ['经营场所地址', 'Address of the business premises'], type: 'address' },
  'premises.area': { label: ['经营场所面积（平方米）', 'Floor area of the premises (m²)'], type: 'number', min: 0 },
  'food.business_type': {
    label: ['食品经营主体业态', 'Type of food business'],
    type: 'select',
    options: opts(
      ['retail', '食品销售经营者', 'Food retailer'],
      ['catering', '餐饮服务经营者', 'Catering service'],
      ['canteen', '单位食堂', 'Staff or school canteen'],
    ),
  },
  'food.business_items': { label: ['经营项目', 'Business items'], type: 'textarea', maxLength: 1000 },
  'organisation.name': { label: ['社会组织名称', 'Name of the social organisation'], type: 'text', maxLength: 100 },
  'organisation.purpose': { label: ['宗旨和业务范围', 'Purpose and scope of activities'], type: 'textarea', maxLength: 2000 },

  // people around the applicant
  'child.name': { label: ['新生儿（子女）姓名', "Child's name"], type: 'text', maxLength: 50, prefill: 'birth.child_name' },
  'child.sex': { label: ['新生儿（子女）性别', "Child's sex"], type: 'select', options: SEX, prefill: 'birth.child_sex' },
  'child.birth_date': { label: ['新生儿（子女）出生日期', "Child's date of birth"], type: 'date', prefill: 'birth.child_birth_date' },
  'child.birth_place': { label: ['出生地点', 'Place of birth'], type: 'text', maxLength: 100, prefill: 'birth.birth_place' },
  'child.id_number': { label: ['子女公民身份号码', "Child's resident ID number"], type: 'id_number' },
  'child.birth_certificate_number': {
    label: ['出生医学证明编号', 'Birth medical certificate number'],
    type: 'text',
    maxLength: 20,
    prefill: 'birth.certificate_number',
  },
  'mother.name': { label: ['母亲姓名', "Mother's name"], type: 'text', maxLength: 50, prefill: 'birth.mother_name' },
  'mother.id_number': { label: ['母亲公民身份号码', "Mother's resident ID number"], type: 'id_number', prefill: 'birth.mother_id_number' },
  'father.name': { label: ['父亲姓名', "Father's name"], type: 'text', maxLength: 50, prefill: 'birth.father_name' },
  'father.id_number': { label: ['父亲公民身份号码', "Father's resident ID number"], type: 'id_number', prefill: 'birth.father_id_number' },
  'deceased.name': { label: ['逝者姓名', 'Name of the deceased'], type: 'text', maxLength: 50 },
  'deceased.id_number': { label: ['逝者公民身份号码', 'ID number of the deceased'], type: 'id_number' },
  'deceased.death_date': { label: ['死亡日期', 'Date of death'], type: 'date' },
  'employer.name': { label: ['就业（就读）单位名称', 'Employer or school'], type: 'text', maxLength: 100 },
  'employment.end_date': { label: ['劳动关系终止（解除）日期', 'Date the employment ended'], type: 'date' },
  'injury.date': { label: ['事故（职业病诊断）日期', 'Date of the accident or diagnosis'], type: 'date' },
  'injury.description': { label: ['事故经过简述', 'What happened'], type: 'textarea', maxLength: 2000 },
  'education.institution': { label: ['毕业院校', 'Institution'], type: 'text', maxLength: 100, prefill: 'degree.institution' },
  'education.certificate_number': {
    label: ['证书编号', 'Certificate number'],
    type: 'text',
    maxLength: 30,
    prefill: 'degree.certificate_number',
  },
  'education.level': {
    label: ['学历层次', 'Level of education'],
    type: 'select',
    options: opts(
      ['junior_college', '专科', 'Junior college'],
      ['bachelor', '本科', "Bachelor's"],
      ['master', '硕士研究生', "Master's"],
      ['doctor', '博士研究生', 'Doctorate'],
    ),
  },
  'education.major': { label: ['专业', 'Major'], type: 'text', maxLength: 100, prefill: 'degree.major' },
  'teacher.subject': { label: ['任教学科', 'Teaching subject'], type: 'text', maxLength: 50 },
  'teacher.school_level': {
    label: ['教师资格种类', 'Type of teacher qualification'],
    type: 'select',
    options: opts(
      ['kindergarten', '幼儿园', 'Kindergarten'],
      ['primary', '小学', 'Primary school'],
      ['junior', '初级中学', 'Junior secondary'],
      ['senior', '高级中学', 'Senior secondary'],
      ['vocational', '中等职业学校', 'Secondary vocational'],
    ),
  },
  'school.name': { label: ['学校名称', 'School'], type: 'text', maxLength: 100 },
  'practice.institution': { label: ['执业（拟执业）机构', 'Institution of practice'], type: 'text', maxLength: 100 },
  'practice.scope': { label: ['执业类别和范围', 'Category and scope of practice'], type: 'text', maxLength: 200 },

  // property and housing
  'property.address': { label: ['不动产坐落', 'Location of the property'], type: 'address', prefill: 'real_estate.address' },
  'property.certificate_number': {
    label: ['不动产权证书号', 'Real-estate title certificate number'],
    type: 'text',
    maxLength: 50,
    prefill: 'real_estate.certificate_number',
  },
  'property.unit_number': {
    label: ['不动产单元号', 'Real-estate unit number'],
    type: 'text',
    maxLength: 28,
    prefill: 'real_estate.unit_number',
  },
  'property.area': { label: ['建筑面积（平方米）', 'Floor area (m²)'], type: 'number', min: 0, prefill: 'real_estate.area' },
  'property.usage': {
    label: ['用途', 'Use'],
    type: 'select',
    options: opts(
      ['residential', '住宅', 'Residential'],
      ['commercial', '商业', 'Commercial'],
      ['office', '办公', 'Office'],
      ['industrial', '工业', 'Industrial'],
      ['other', '其他', 'Other'],
    ),
  },
  'property.price': { label: ['成交价格（元）', 'Transaction price (yuan)'], type: 'money', min: 0 },
  'property.contract_number': { label: ['网签合同编号', 'Online-signed contract number'], type: 'text', maxLength: 50 },
  'seller.name': { label: ['转让方（出卖人）', 'Transferor (seller)'], type: 'text', maxLength: 100, prefill: 'real_estate.owner_name' },
  'seller.id_number': {
    label: ['转让方证件号码', "Transferor's ID number"],
    type: 'text',
    maxLength: 30,
    prefill: 'real_estate.owner_id_number',
  },
  'buyer.name': { label: ['受让方（买受人）', 'Transferee (buyer)'], type: 'text', maxLength: 100 },
  'buyer.id_number': { label: ['受让方证件号码', "Transferee's ID number"], type: 'text', maxLength: 30 },
  'mortgage.creditor': { label: ['抵押权人', 'Mortgagee'], type: 'text', maxLength: 100 },
  'mortgage.amount': { label: ['被担保主债权数额（万元）', 'Secured claim (10,000 yuan)'], type: 'money', min: 0 },
  'mortgage.end_date': { label: ['债务履行期限（至）', 'Debt term ends'], type: 'date' },
  'rental.address': { label: ['租赁房屋地址', 'Address of the rented home'], type: 'address' },
  'rental.monthly_rent': { label: ['月租金（元）', 'Monthly rent (yuan)'], type: 'money', min: 0 },
  'rental.start_date': { label: ['租赁起始日期', 'Lease start'], type: 'date' },
  'rental.end_date': { label: ['租赁截止日期', 'Lease end'], type: 'date' },
  'landlord.name': { label: ['出租人姓名（名称）', "Landlord's name"], type: 'text', maxLength: 100 },
  'landlord.id_number': { label: ['出租人证件号码', "Landlord's ID number"], type: 'text', maxLength: 30 },
  'household.size': { label: ['家庭人口数', 'Household size'], type: 'number', min: 1, max: 20 },
  'household.monthly_income': { label: ['家庭月收入（元）', 'Household monthly income (yuan)'], type: 'money', min: 0 },

  // projects and works
  'project.name': { label: ['项目名称', 'Project name'], type: 'text', maxLength: 200 },
  'project.code': { label: ['投资项目统一代码', 'Unified investment project code'], type: 'text', maxLength: 30 },
  'project.address': { label: ['建设地点', 'Site'], type: 'address' },
  'project.total_investment': { label: ['总投资（万元）', 'Total investment (10,000 yuan)'], type: 'money', min: 0 },
  'project.scale': { label: ['建设规模及内容', 'Scale and content of construction'], type: 'textarea', maxLength: 2000 },
  'project.land_area': { label: ['用地面积（平方米）', 'Site area (m²)'], type: 'number', min: 0 },
  'project.building_area': { label: ['总建筑面积（平方米）', 'Gross floor area (m²)'], type: 'number', min: 0 },
  'project.start_date': { label: ['计划开工日期', 'Planned start'], type: 'date' },
  'project.end_date': { label: ['计划竣工日期', 'Planned completion'], type: 'date' },
  'project.contractor': { label: ['施工总承包单位', 'General contractor'], type: 'text', maxLength: 100 },
  'project.contract_price': { label: ['合同价格（万元）', 'Contract price (10,000 yuan)'], type: 'money', min: 0 },
  'project.supervisor': { label: ['监理单位', 'Supervising engineer'], type: 'text', maxLength: 100 },
  'works.location': { label: ['施工位置（道路名称及起止点）', 'Works location (road and section)'], type: 'text', maxLength: 200 },
  'works.area': { label: ['占用（挖掘）面积（平方米）', 'Area occupied or excavated (m²)'], type: 'number', min: 0 },
  'works.start_date': { label: ['施工开始日期', 'Works start'], type: 'date' },
  'works.end_date': { label: ['施工结束日期', 'Works end'], type: 'date' },
  'electricity.capacity_kva': { label: ['申请用电容量（千伏安）', 'Requested capacity (kVA)'], type: 'number', min: 1 },
  'electricity.voltage': {
    label: ['供电电压', 'Supply voltage'],
    type: 'select',
    options: opts(
      ['v220', '220伏', '220 V'],
      ['v380', '380伏', '380 V'],
      ['kv10', '10千伏', '10 kV'],
      ['kv35', '35千伏及以上', '35 kV and above'],
    ),
  },
  'electricity.account_number': { label: ['用电户号', 'Electricity account number'], type: 'text', maxLength: 20 },
  'water.account_number': { label: ['用水户号', 'Water account number'], type: 'text', maxLength: 20 },
  'water.pipe_diameter': { label: ['接水管径（毫米）', 'Connection diameter (mm)'], type: 'number', min: 15, max: 1000 },
  'water.daily_volume': { label: ['预计日用水量（立方米）', 'Expected daily water use (m³)'], type: 'number', min: 0 },
  'gas.account_number': { label: ['燃气户号', 'Gas account number'], type: 'text', maxLength: 20 },
  'gas.monthly_volume': { label: ['预计月用气量（立方米）', 'Expected monthly gas use (m³)'], type: 'number', min: 0 },
  'emission.pollutants': { label: ['主要污染物种类', 'Main pollutants'], type: 'textarea', maxLength: 1000 },

  // vehicles and travel
  'vehicle.plate_number': { label: ['号牌号码', 'Plate number'], type: 'text', maxLength: 10, prefill: 'vehicle.plate_number' },
  'vehicle.vin': { label: ['车辆识别代号', 'Vehicle identification number (VIN)'], type: 'text', maxLength: 17, prefill: 'vehicle.vin' },
  'vehicle.brand_model': { label: ['品牌型号', 'Make and model'], type: 'text', maxLength: 100, prefill: 'vehicle.brand_model' },
  'driving_licence.permitted_class': {
    label: ['准驾车型', 'Permitted vehicle class'],
    type: 'select',
    prefill: 'driving_licence.permitted_class',
    options: opts(
      ['A1', 'A1', 'A1'],
      ['A2', 'A2', 'A2'],
      ['B1', 'B1', 'B1'],
      ['B2', 'B2', 'B2'],
      ['C1', 'C1', 'C1'],
      ['C2', 'C2', 'C2'],
      ['D', 'D', 'D'],
      ['E', 'E', 'E'],
    ),
  },
  'travel.destination': {
    label: ['前往地', 'Destination'],
    type: 'select',
    options: opts(['hk', '香港', 'Hong Kong'], ['mo', '澳门', 'Macao'], ['tw', '台湾', 'Taiwan']),
  },
  'event.name': { label: ['活动名称', 'Name of the event'], type: 'text', maxLength: 100 },
  'event.venue': { label: ['活动场所', 'Venue'], type: 'address' },
  'event.date': { label: ['活动日期', 'Date of the event'], type: 'date' },
  'event.attendance': { label: ['预计参加人数', 'Expected attendance'], type: 'number', min: 0 },
  'dog.breed': { label: ['犬只品种', 'Breed'], type: 'text', maxLength: 50 },
  'dog.vaccinated_on': { label: ['狂犬病免疫日期', 'Rabies vaccination date'], type: 'date' },

  // benefits, cases, requests
  'medical.destination': { label: ['异地就医地（省、市）', 'Where care will be received (province, city)'], type: 'text', maxLength: 100 },
  'medical.hospital': { label: ['就医医疗机构', 'Hospital'], type: 'text', maxLength: 100 },
  'case.summary': { label: ['事实与理由（案情简述）', 'Facts and reasons'], type: 'textarea', maxLength: 4000 },
  'case.counterparty': { label: ['对方当事人', 'Other party'], type: 'text', maxLength: 100 },
  'request.category': {
    label: ['诉求类型', 'Type of request'],
    type: 'select',
    options: opts(
      ['inquiry', '咨询', 'Inquiry'],
      ['complaint', '投诉', 'Complaint'],
      ['report', '举报', 'Report'],
      ['suggestion', '建议', 'Suggestion'],
      ['help', '求助', 'Request for help'],
    ),
  },
  'request.content': { label: ['诉求内容', 'What the request is about'], type: 'textarea', maxLength: 4000 },
  'request.location': { label: ['事发地点', 'Where it happens'], type: 'address' },
  'veteran.discharge_date': { label: ['退役时间', 'Date of discharge'], type: 'date' },
  'disability.category': {
    label: ['残疾类别', 'Category of disability'],
    type: 'select',
    options: opts(
      ['visual', '视力残疾', 'Visual'],
      ['hearing', '听力残疾', 'Hearing'],
      ['speech', '言语残疾', 'Speech'],
      ['physical', '肢体残疾', 'Physical'],
      ['intellectual', '智力残疾', 'Intellectual'],
      ['mental', '精神残疾', 'Mental'],
      ['multiple', '多重残疾', 'Multiple'],
    ),
  },
  'data.purpose': { label: ['数据使用用途', 'Purpose of use'], type: 'textarea', maxLength: 2000 },
} as const satisfies Record<string, Def>;

export type FieldKey = keyof typeof dict;
export const fieldDictionary: Record<FieldKey, Def> = dict;

/** A form field from the dictionary; `optional` makes it not required, `when` shows (and requires) it only in a situation. */
export function fld(key: FieldKey, o: { optional?: boolean; when?: When } = {}): FormField {
  const d = dict[key] as Def;
  const f = { key, ...d, label: { zh: d.label[0], en: d.label[1] }, required: !o.optional } as FormField;
  if (o.when) f.when = o.when;
  return f;
}

export const flds = (...keys: FieldKey[]) => keys.map((k) => fld(k));

/** The fields every personal application starts with. */
export const personFields = () => flds('applicant.name', 'applicant.id_number', 'applicant.mobile');
/** The fields every enterprise application starts with (the person acting is the applicant). */
export const enterpriseFields = () =>
  flds('enterprise.name', 'enterprise.credit_code', 'applicant.name', 'applicant.id_number', 'applicant.mobile');
/** Agent fields, shown when someone applies on the applicant's behalf. */
export const agentFields = (when: When = { applicant_mode: ['agent'] }) => [
  fld('agent.name', { when }),
  fld('agent.id_number', { when }),
  fld('agent.mobile', { when }),
];
