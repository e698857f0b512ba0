import { z } from 'zod';

/**
 * The service catalogue (政务服务事项目录): the standard elements of a service item, its
 * situations (情形), materials (申请材料) with their once-only source, the application form, the
 * review process and bundles (一件事). One shape used by the server (validation, storage as a
 * version document), the seed, the OpenAPI docs and the web forms.
 */

export const itemTypes = [
  'administrative_licence', // 行政许可
  'administrative_confirmation', // 行政确认
  'administrative_benefit', // 行政给付
  'administrative_filing', // 行政备案
  'administrative_adjudication', // 行政裁决
  'administrative_reward', // 行政奖励
  'other_administrative_power', // 其他行政权力
  'public_service', // 公共服务
] as const;
export type ItemType = (typeof itemTypes)[number];

export const itemTypeLabels: Record<ItemType, { zh: string; en: string }> = {
  administrative_licence: { zh: '行政许可', en: 'Administrative licence' },
  administrative_confirmation: { zh: '行政确认', en: 'Administrative confirmation' },
  administrative_benefit: { zh: '行政给付', en: 'Administrative benefit' },
  administrative_filing: { zh: '行政备案', en: 'Administrative filing' },
  administrative_adjudication: { zh: '行政裁决', en: 'Administrative adjudication' },
  administrative_reward: { zh: '行政奖励', en: 'Administrative reward' },
  other_administrative_power: { zh: '其他行政权力', en: 'Other administrative power' },
  public_service: { zh: '公共服务', en: 'Public service' },
};

export const applicantTypes = ['person', 'enterprise', 'both'] as const;
export const channels = ['online', 'window', 'mail_result'] as const;
/** 网上办理深度: 1 information only … 4 fully online, no visit. */
export const onlineDepths = ['info', 'download_forms', 'online_preliminary', 'fully_online'] as const;
export const materialForms = ['original', 'copy', 'electronic'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const code = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,63}$/, 'codes use capital letters, digits and hyphens');

export const localizedTextSchema = z.object({ zh: text(500), en: text(500) });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const legalBasisSchema = z.object({
  law: text(200), // e.g. 《中华人民共和国公司法》
  article: text(100).optional(), // e.g. 第二十九条
});

/**
 * Where a material comes from. The heart of once-only (一数一源): anything the government already
 * holds is fetched, not asked for.
 */
export const materialSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('applicant') }),
  z.object({ kind: z.literal('datahub'), resource: code, fields: z.array(text(64)).min(1).max(50) }),
  z.object({ kind: z.literal('licence'), licenceType: code }),
  z.object({ kind: z.literal('earlier_step'), stepId: text(64) }),
]);
export type MaterialSource = z.infer<typeof materialSourceSchema>;

/** A condition over situation answers: every listed question must have one of the listed options. */
export const situationConditionSchema = z.record(text(64), z.array(text(64)).min(1).max(20));

export const situationQuestionSchema = z.object({
  id: text(64),
  question: localizedTextSchema,
  options: z
    .array(z.object({ id: text(64), label: localizedTextSchema }))
    .min(2)
    .max(20),
});
export type SituationQuestion = z.infer<typeof situationQuestionSchema>;

export const materialSchema = z.object({
  id: text(64),
  name: localizedTextSchema,
  form: z.enum(materialForms),
  count: z.number().int().min(1).max(20).default(1),
  /** Required always, or only when the situation answers match `when`. */
  requirement: z.enum(['required', 'conditional', 'optional']),
  when: situationConditionSchema.optional(),
  notes: text(1000).optional(),
  source: materialSourceSchema,
});
export type Material = z.infer<typeof materialSchema>;

export const formFieldTypes = [
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'id_number',
  'credit_code',
  'mobile',
  'address',
  'money',
] as const;

export const formFieldSchema = z.object({
  /** A meaning from the shared field dictionary (e.g. `applicant.name`, `enterprise.registered_capital`); bundles merge by it. */
  key: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'dotted lower-case keys'),
  label: localizedTextSchema,
  type: z.enum(formFieldTypes),
  required: z.boolean().default(true),
  options: z
    .array(z.object({ value: text(64), label: localizedTextSchema }))
    .max(100)
    .optional(),
  maxLength: z.number().int().min(1).max(5000).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  /** Registry field that pre-fills it, e.g. `population.name`, `enterprise.address`. */
  prefill: z.string().max(100).optional(),
  when: situationConditionSchema.optional(),
});
export type FormField = z.infer<typeof formFieldSchema>;

export const processStepKinds = ['accept', 'review', 'inspect', 'approve', 'issue'] as const;

export const processStepSchema = z.object({
  id: text(64),
  kind: z.enum(processStepKinds),
  name: localizedTextSchema,
  /** The department that acts (a department id), or `responsible` for the item's responsible department. */
  department: text(64),
  role: z.enum(['window_clerk', 'reviewer', 'approver']),
  /** Steps with the same group run at once (departments working in parallel); the next step waits for all. */
  parallelGroup: text(64).optional(),
  /** Promised working days for this step. */
  workingDays: z.number().int().min(0).max(365),
  when: situationConditionSchema.optional(),
});
export type ProcessStep = z.infer<typeof processStepSchema>;

export const serviceItemContentSchema = z.object({
  name: localizedTextSchema,
  type: z.enum(itemTypes),
  /** Department id of the responsible department (实施主体). */
  responsibleDepartment: text(64),
  implementingDepartments: z.array(text(64)).max(50).default([]),
  legalBasis: z.array(legalBasisSchema).min(1).max(30),
  applicantType: z.enum(applicantTypes),
  conditions: z.array(localizedTextSchema).max(50).default([]),
  fee: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('free') }),
    z.object({
      kind: z.literal('charged'),
      amountYuan: z.number().min(0).max(10_000_000),
      description: localizedTextSchema.optional(),
      legalBasis: legalBasisSchema,
    }),
  ]),
  statutoryDays: z.number().int().min(0).max(730),
  promisedDays: z.number().int().min(0).max(730),
  /** 到现场次数: 0 means fully online. */
  visits: z.number().int().min(0).max(5),
  channels: z.array(z.enum(channels)).min(1),
  onlineDepth: z.enum(onlineDepths),
  /** The licence/certificate type issued, if any (licences module). */
  result: z.object({ name: localizedTextSchema, licenceType: code.optional() }).optional(),
  contacts: z.object({ consultation: text(200), complaint: text(200) }),
  themes: z.array(text(64)).max(20).default([]),
  events: z.array(text(64)).max(20).default([]),
  situations: z.array(situationQuestionSchema).max(20).default([]),
  materials: z.array(materialSchema).max(100),
  form: z.array(formFieldSchema).max(200).default([]),
  process: z.array(processStepSchema).min(1).max(30),
  /** Member item codes when this item is a bundle (一件事). */
  bundleMembers: z.array(code).max(20).optional(),
  summary: localizedTextSchema.optional(),
  /** Where to apply in person. */
  whereToApply: localizedTextSchema.optional(),
});
export type ServiceItemContent = z.infer<typeof serviceItemContentSchema>;

export const serviceItemInputSchema = serviceItemContentSchema.extend({ code });
export type ServiceItemInput = z.infer<typeof serviceItemInputSchema>;

export const versionStatuses = ['draft', 'submitted', 'published', 'superseded', 'withdrawn'] as const;
export type VersionStatus = (typeof versionStatuses)[number];
