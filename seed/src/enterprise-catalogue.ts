/**
 * What Shanghai enterprises are called and what their licences say they do: 字号 characters,
 * industry words with the business scope (经营范围) phrased as on a real business licence since
 * the 2021 standard scope catalogue (许可项目 / 一般项目 and their fixed closing sentences).
 */

const licensedTail = '（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以相关部门批准文件或许可证件为准）';
const generalTail = '（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）';

function scope(general: string, licensed?: string): string {
  return `${licensed ? `许可项目：${licensed}。${licensedTail}` : ''}一般项目：${general}。${generalTail}`;
}

export type Industry = { word: string; scope: string };

export const companyIndustries: readonly Industry[] = [
  {
    word: '信息科技',
    scope: scope(
      '技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；信息系统集成服务；信息技术咨询服务；数据处理服务；计算机软硬件及辅助设备零售',
    ),
  },
  {
    word: '网络科技',
    scope: scope(
      '技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；网络技术服务；软件开发；广告设计、代理；互联网销售（除销售需要许可的商品）',
    ),
  },
  {
    word: '电子科技',
    scope: scope('电子产品销售；电子元器件批发；电子元器件零售；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；仪器仪表销售'),
  },
  {
    word: '生物科技',
    scope: scope(
      '生物技术推广服务；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；化工产品销售（不含许可类化工产品）；实验分析仪器销售',
    ),
  },
  {
    word: '贸易',
    scope: scope('日用百货销售；服装服饰批发；五金产品批发；电子产品销售；化工产品销售（不含许可类化工产品）；货物进出口；技术进出口'),
  },
  { word: '国际贸易', scope: scope('货物进出口；技术进出口；进出口代理；日用百货销售；针纺织品及原料销售；机械设备销售；五金产品批发') },
  { word: '餐饮管理', scope: scope('餐饮管理；食品销售（仅销售预包装食品）；食用农产品零售', '餐饮服务；食品销售') },
  { word: '建筑工程', scope: scope('园林绿化工程施工；建筑材料销售；对外承包工程；普通机械设备安装服务', '建设工程施工；建设工程设计') },
  { word: '装饰工程', scope: scope('建筑装饰材料销售；家具销售；五金产品零售；家具安装和维修服务', '住宅室内装饰装修；建设工程施工') },
  { word: '物业管理', scope: scope('物业管理；停车场服务；家政服务；专业保洁、清洗、消毒服务；园林绿化工程施工') },
  { word: '文化传播', scope: scope('组织文化艺术交流活动；会议及展览服务；广告设计、代理；广告制作；摄影扩印服务；平面设计') },
  {
    word: '企业管理咨询',
    scope: scope('企业管理咨询；信息咨询服务（不含许可类信息咨询服务）；市场营销策划；会议及展览服务；企业形象策划'),
  },
  { word: '商务咨询', scope: scope('信息咨询服务（不含许可类信息咨询服务）；企业管理咨询；市场营销策划；礼仪服务；翻译服务') },
  {
    word: '供应链管理',
    scope: scope(
      '供应链管理服务；国内货物运输代理；普通货物仓储服务（不含危险化学品等需许可审批的项目）；装卸搬运',
      '道路货物运输（不含危险货物）',
    ),
  },
  {
    word: '物流',
    scope: scope(
      '国内货物运输代理；普通货物仓储服务（不含危险化学品等需许可审批的项目）；装卸搬运；国际货物运输代理',
      '道路货物运输（不含危险货物）',
    ),
  },
  { word: '机械设备', scope: scope('机械设备销售；机械设备租赁；普通机械设备安装服务；五金产品批发；通用设备修理') },
  {
    word: '医疗器械',
    scope: scope(
      '第一类医疗器械销售；第二类医疗器械销售；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广',
      '第三类医疗器械经营',
    ),
  },
  {
    word: '教育科技',
    scope: scope(
      '教育咨询服务（不含涉许可审批的教育培训活动）；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；组织文化艺术交流活动',
    ),
  },
  {
    word: '环保科技',
    scope: scope('环保咨询服务；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；固体废物治理；环境保护专用设备销售'),
  },
  { word: '新材料科技', scope: scope('新材料技术研发；新材料技术推广服务；化工产品销售（不含许可类化工产品）；塑料制品销售') },
  { word: '汽车服务', scope: scope('机动车修理和维护；汽车零配件零售；洗车服务；二手车经纪') },
  {
    word: '人力资源',
    scope: scope(
      '人力资源服务（不含职业中介活动、劳务派遣服务）；企业管理咨询；信息咨询服务（不含许可类信息咨询服务）',
      '职业中介活动；劳务派遣服务',
    ),
  },
  { word: '广告', scope: scope('广告设计、代理；广告制作；广告发布；图文设计制作；会议及展览服务') },
  { word: '服饰', scope: scope('服装服饰批发；服装服饰零售；鞋帽批发；针纺织品销售；服装制造') },
  { word: '实业', scope: scope('五金产品批发；建筑材料销售；金属材料销售；机械设备销售；日用百货销售；货物进出口') },
  {
    word: '健康管理',
    scope: scope('健康咨询服务（不含诊疗服务）；养生保健服务（非医疗）；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广'),
  },
  { word: '家政服务', scope: scope('家政服务；养老服务；专业保洁、清洗、消毒服务；家用电器安装服务') },
  { word: '房地产经纪', scope: scope('房地产经纪；房地产咨询；住房租赁；物业管理') },
  {
    word: '智能科技',
    scope: scope('人工智能应用软件开发；智能机器人销售；物联网技术服务；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广'),
  },
  { word: '食品', scope: scope('食品销售（仅销售预包装食品）；食用农产品批发；食用农产品零售', '食品销售；食品生产') },
];

/** 个人独资企业 names end in 中心 / 工作室 / 服务部 rather than 公司. */
export const soleProprietorshipIndustries: readonly Industry[] = [
  { word: '企业管理咨询中心', scope: scope('企业管理咨询；信息咨询服务（不含许可类信息咨询服务）；市场营销策划') },
  { word: '商务咨询中心', scope: scope('信息咨询服务（不含许可类信息咨询服务）；企业管理咨询；会议及展览服务') },
  { word: '设计工作室', scope: scope('专业设计服务；平面设计；广告设计、代理；图文设计制作') },
  {
    word: '信息咨询服务部',
    scope: scope('信息咨询服务（不含许可类信息咨询服务）；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广'),
  },
];

export const partnershipIndustries: readonly Industry[] = [
  { word: '企业管理咨询合伙企业（有限合伙）', scope: scope('企业管理咨询；信息咨询服务（不含许可类信息咨询服务）') },
  { word: '企业管理合伙企业（有限合伙）', scope: scope('企业管理；企业管理咨询') },
];

/** Shops run by 个体工商户. */
export const shopIndustries: readonly Industry[] = [
  { word: '便利店', scope: scope('日用百货销售；食品销售（仅销售预包装食品）', '食品销售；烟草制品零售') },
  { word: '面馆', scope: scope('食品销售（仅销售预包装食品）', '餐饮服务；食品小作坊经营') },
  { word: '点心店', scope: scope('食品销售（仅销售预包装食品）', '餐饮服务') },
  { word: '小吃店', scope: scope('食品销售（仅销售预包装食品）', '餐饮服务') },
  { word: '水果店', scope: scope('食用农产品零售；新鲜水果零售；食品销售（仅销售预包装食品）') },
  { word: '理发店', scope: scope('美甲服务；化妆品零售', '理发服务；生活美容服务') },
  { word: '五金店', scope: scope('五金产品零售；建筑材料销售；日用百货销售；电线、电缆经营') },
  { word: '服装店', scope: scope('服装服饰零售；鞋帽零售；针纺织品销售') },
  { word: '花店', scope: scope('礼品花卉销售；工艺美术品及礼仪用品销售（象牙及其制品除外）') },
  { word: '家电维修部', scope: scope('家用电器修理；日用电器修理；家用电器销售；电子产品销售') },
  { word: '烟杂店', scope: scope('日用百货销售；食品销售（仅销售预包装食品）', '烟草制品零售；食品销售') },
  { word: '干洗店', scope: scope('洗烫服务；洗染服务；日用百货销售') },
];

/** Characters for 字号 (trade names): two of them make names like 鼎华, 瑞祥, 恒泰. */
export const brandChars = [
  '鼎',
  '华',
  '瑞',
  '祥',
  '恒',
  '泰',
  '鑫',
  '盛',
  '隆',
  '嘉',
  '宏',
  '远',
  '博',
  '源',
  '卓',
  '越',
  '智',
  '创',
  '汇',
  '德',
  '信',
  '达',
  '立',
  '新',
  '云',
  '景',
  '安',
  '和',
  '丰',
  '益',
  '优',
  '锦',
  '润',
  '铭',
  '翔',
  '众',
  '启',
  '鸿',
  '宸',
  '澜',
  '海',
  '浦',
  '申',
  '诚',
  '骏',
  '昊',
  '晟',
  '睿',
  '弘',
  '元',
  '谷',
  '川',
  '禾',
  '朗',
  '峰',
  '致',
  '臻',
  '瀚',
  '沃',
  '聚',
];

/** Trade names of foreign-invested companies, written 「XX（上海）…有限公司」. */
export const foreignBrands = [
  '莱恩',
  '艾森',
  '卡洛',
  '维森',
  '德瑞',
  '诺维',
  '凯普',
  '赛恩',
  '迈科',
  '斯坦',
  '爱尔维',
  '贝丰',
  '伊诺',
  '奥弗',
  '路易森',
];

/** Shop names: lucky words, or the owner's surname + 记. */
export const shopBrands = [
  '顺发',
  '兴旺',
  '恒利',
  '福满',
  '佳佳',
  '阿兴',
  '阿福',
  '金福',
  '美满',
  '鑫源',
  '和顺',
  '如意',
  '吉祥',
  '红星',
  '丰收',
  '百家',
  '惠民',
  '安心',
  '小杨',
  '老街',
];

/** 崇明's registration parks, where many small companies keep their registered address. */
export const chongmingParks = ['上海泰和经济发展区', '上海富盛经济开发区', '上海横泰经济开发区'];
