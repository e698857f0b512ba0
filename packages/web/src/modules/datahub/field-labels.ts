/**
 * Labels of the shared data elements of the hub's resources, by `RESOURCE` then field name, so
 * "who used my data" names the fields in words. The citizen API lists field names only (never
 * values); an unknown field falls back to its name.
 */
type Label = { zh: string; en: string };

const labels: Record<string, Record<string, Label>> = {
  POPULATION: {
    name: { zh: '姓名', en: 'Name' },
    id_number: { zh: '公民身份号码', en: 'Resident ID number' },
    sex: { zh: '性别', en: 'Sex' },
    ethnicity: { zh: '民族', en: 'Ethnicity' },
    birth_date: { zh: '出生日期', en: 'Date of birth' },
    household_address: { zh: '户籍地址', en: 'Household registration address' },
    household_district: { zh: '户籍所在区', en: 'District of household registration' },
    residence_address: { zh: '居住地址', en: 'Residential address' },
    marital_status: { zh: '婚姻状况', en: 'Marital status' },
    spouse_id_number: { zh: '配偶公民身份号码', en: "Spouse's resident ID number" },
    alive: { zh: '是否健在', en: 'Alive' },
  },
  'ENTERPRISE-REGISTRATION': {
    credit_code: { zh: '统一社会信用代码', en: 'Unified social credit code' },
    name: { zh: '企业名称', en: 'Name of the enterprise' },
    enterprise_type: { zh: '市场主体类型', en: 'Type of market entity' },
    legal_representative_name: { zh: '法定代表人', en: 'Legal representative' },
    legal_representative_id_number: { zh: '法定代表人公民身份号码', en: "Legal representative's ID number" },
    registered_capital: { zh: '注册资本（万元）', en: 'Registered capital (10,000 yuan)' },
    established_on: { zh: '成立日期', en: 'Date of establishment' },
    address: { zh: '住所', en: 'Domicile' },
    district: { zh: '登记所在区', en: 'District of registration' },
    business_scope: { zh: '经营范围', en: 'Business scope' },
    status: { zh: '登记状态', en: 'Registration status' },
  },
  'REAL-ESTATE-TITLE': {
    certificate_number: { zh: '不动产权证书号', en: 'Title certificate number' },
    unit_number: { zh: '不动产单元号', en: 'Unit number' },
    owner_name: { zh: '权利人', en: 'Owner' },
    owner_id_number: { zh: '权利人公民身份号码', en: "Owner's ID number" },
    address: { zh: '坐落', en: 'Location' },
    area: { zh: '建筑面积（平方米）', en: 'Floor area (m²)' },
    usage: { zh: '用途', en: 'Use' },
    right_type: { zh: '权利类型', en: 'Type of right' },
    mortgage_status: { zh: '抵押状态', en: 'Mortgage status' },
    registered_on: { zh: '登记日期', en: 'Date of registration' },
  },
  MARRIAGE: {
    id_number: { zh: '公民身份号码', en: 'Resident ID number' },
    name: { zh: '姓名', en: 'Name' },
    spouse_name: { zh: '配偶姓名', en: "Spouse's name" },
    spouse_id_number: { zh: '配偶公民身份号码', en: "Spouse's ID number" },
    marital_status: { zh: '婚姻状况', en: 'Marital status' },
    registered_on: { zh: '登记日期', en: 'Date of registration' },
    certificate_number: { zh: '证书编号', en: 'Certificate number' },
  },
  'SOCIAL-INSURANCE': {
    id_number: { zh: '公民身份号码', en: 'Resident ID number' },
    name: { zh: '姓名', en: 'Name' },
    insured_status: { zh: '参保状态', en: 'Insurance status' },
    employer_credit_code: { zh: '参保单位统一社会信用代码', en: "Employer's credit code" },
    employer_name: { zh: '参保单位', en: 'Employer' },
    insured_since: { zh: '参保日期', en: 'Insured since' },
    contribution_months: { zh: '累计缴费月数', en: 'Months of contributions' },
    card_number: { zh: '社会保障卡号', en: 'Social security card number' },
  },
  'HOUSING-FUND': {
    id_number: { zh: '公民身份号码', en: 'Resident ID number' },
    name: { zh: '姓名', en: 'Name' },
    account_number: { zh: '个人公积金账号', en: 'Fund account number' },
    account_status: { zh: '账户状态', en: 'Account status' },
    balance: { zh: '账户余额（元）', en: 'Balance (yuan)' },
    employer_credit_code: { zh: '缴存单位统一社会信用代码', en: "Employer's credit code" },
    deposit_base: { zh: '缴存基数（元）', en: 'Contribution base (yuan)' },
    monthly_deposit: { zh: '月缴存额（元）', en: 'Monthly contribution (yuan)' },
  },
  DEGREE: {
    id_number: { zh: '公民身份号码', en: 'Resident ID number' },
    name: { zh: '姓名', en: 'Name' },
    institution: { zh: '毕业院校', en: 'Institution' },
    education_level: { zh: '学历层次', en: 'Level of education' },
    degree: { zh: '学位', en: 'Degree' },
    major: { zh: '专业', en: 'Major' },
    graduation_date: { zh: '毕业日期', en: 'Date of graduation' },
    certificate_number: { zh: '学历证书编号', en: 'Diploma number' },
  },
  BIRTH: {
    certificate_number: { zh: '出生医学证明编号', en: 'Certificate number' },
    child_name: { zh: '新生儿姓名', en: "Child's name" },
    child_sex: { zh: '新生儿性别', en: "Child's sex" },
    child_birth_date: { zh: '出生日期', en: 'Date of birth' },
    birth_place: { zh: '出生地点', en: 'Place of birth' },
    institution: { zh: '助产机构', en: 'Maternity hospital' },
    mother_name: { zh: '母亲姓名', en: "Mother's name" },
    mother_id_number: { zh: '母亲公民身份号码', en: "Mother's ID number" },
    father_name: { zh: '父亲姓名', en: "Father's name" },
    father_id_number: { zh: '父亲公民身份号码', en: "Father's ID number" },
  },
  'TAX-REGISTRATION': {
    credit_code: { zh: '统一社会信用代码', en: 'Unified social credit code' },
    taxpayer_name: { zh: '纳税人名称', en: 'Taxpayer' },
    taxpayer_type: { zh: '纳税人类型', en: 'Taxpayer type' },
    tax_authority: { zh: '主管税务机关', en: 'Tax office in charge' },
    registered_on: { zh: '登记日期', en: 'Date of registration' },
    status: { zh: '纳税人状态', en: 'Taxpayer status' },
  },
  VEHICLE: {
    plate_number: { zh: '号牌号码', en: 'Number plate' },
    vin: { zh: '车辆识别代号', en: 'VIN' },
    owner_id_number: { zh: '机动车所有人公民身份号码', en: "Owner's ID number" },
    owner_name: { zh: '机动车所有人', en: 'Owner' },
    brand_model: { zh: '品牌型号', en: 'Make and model' },
    vehicle_type: { zh: '车辆类型', en: 'Vehicle type' },
    registered_on: { zh: '初次登记日期', en: 'First registered' },
    certificate_number: { zh: '机动车登记证书编号', en: 'Registration certificate number' },
    inspection_valid_until: { zh: '检验有效期至', en: 'Inspection valid until' },
    status: { zh: '机动车状态', en: 'Vehicle status' },
  },
  'DRIVING-LICENCE': {
    id_number: { zh: '公民身份号码', en: 'Resident ID number' },
    name: { zh: '姓名', en: 'Name' },
    licence_number: { zh: '驾驶证号', en: 'Licence number' },
    permitted_class: { zh: '准驾车型', en: 'Permitted classes' },
    first_issued_on: { zh: '初次领证日期', en: 'First issued' },
    valid_until: { zh: '有效期至', en: 'Valid until' },
    status: { zh: '驾驶证状态', en: 'Licence status' },
  },
  // Staff reads of a case and drafts (channel staff_read).
  'CASE-FILE': {
    applicant: { zh: '申请人信息', en: 'Applicant details' },
    form: { zh: '申请表', en: 'Application form' },
    answers: { zh: '情形选择', en: 'Situation answers' },
    materials: { zh: '材料清单', en: 'Material list' },
    timeline: { zh: '办理过程', en: 'Timeline' },
    status: { zh: '办理状态', en: 'Status' },
  },
  'CASE-RESULT': {
    outcome: { zh: '办理结果', en: 'Outcome' },
    reasons: { zh: '理由', en: 'Reasons' },
    certificate_no: { zh: '证书编号', en: 'Certificate number' },
  },
  'CASE-DRAFT': {
    drafts: { zh: '草稿列表', en: 'List of drafts' },
    form: { zh: '申请表', en: 'Application form' },
    answers: { zh: '情形选择', en: 'Situation answers' },
    materials: { zh: '材料清单', en: 'Material list' },
    contact: { zh: '联系方式', en: 'Contact details' },
  },
};

export function fieldLabel(resource: string, field: string, language: string): string {
  const label = labels[resource]?.[field];
  if (!label) return field;
  return language.startsWith('en') ? label.en : label.zh;
}
