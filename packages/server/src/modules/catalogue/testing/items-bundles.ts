import { enterpriseForm, type ItemSpec } from './item-builder.ts';

/** The two bundles (一件事): starting a business, and a child is born. */
export const bundleItemSpecs: ItemSpec[] = [
  {
    code: 'BDL-QYKB',
    zh: '“企业开办”一件事',
    en: 'Starting a business (one-stop bundle)',
    department: 'SH-SAMR',
    applicantType: 'enterprise',
    type: 'public_service',
    summary: [
      '营业执照、公章、发票、社保和公积金登记一次申请、并联办理。',
      'One application for the licence, seal, invoices, social insurance and housing fund.',
    ],
    materials: [{ id: 'bundle_form', zh: '企业开办一件事申请表', en: 'Bundle application form' }],
    bundleMembers: ['SAMR-QYSL', 'PSB-GZBA', 'TAX-SCLP', 'HRSS-DWCB', 'HPF-DWJC'],
    themes: ['企业开办'],
    events: ['企业开办'],
    promisedDays: 2,
    popularity: 880,
    form: enterpriseForm,
  },
  {
    code: 'BDL-CSYJS',
    zh: '“新生儿出生”一件事',
    en: 'A child is born (one-stop bundle)',
    department: 'SH-HC',
    type: 'public_service',
    summary: [
      '出生医学证明、户口登记、医保参保、社保卡一次办。',
      'Birth certificate, household registration, medical insurance and social security card in one go.',
    ],
    materials: [{ id: 'bundle_form', zh: '新生儿出生一件事申请表', en: 'Bundle application form' }],
    bundleMembers: ['HC-CSYX', 'PSB-CSDJ', 'HSA-XSECB', 'HRSS-SBK'],
    themes: ['婚育'],
    events: ['新生儿出生'],
    promisedDays: 5,
    popularity: 600,
  },
];
