import { z } from 'zod';
import {
  applicantTypes,
  channels,
  formFieldSchema,
  itemTypes,
  localizedTextSchema,
  materialSchema,
  onlineDepths,
  processStepSchema,
  serviceItemContentSchema,
  situationConditionSchema,
  situationQuestionSchema,
  versionStatuses,
} from './catalogue.ts';

/**
 * Request and response shapes of the catalogue API (`/api/v1/catalogue/...`), shared by the
 * server routes (validation + OpenAPI) and the web client.
 */

/**
 * Themes (服务主题) and life/business events (人生事件、企业事件) items are filed under. Items name
 * them by their Chinese label (the demo seed's taxonomy); the English label is for the portal.
 * An id not listed here is shown as it is.
 */
export const catalogueThemes = {
  户籍: 'Household registration',
  婚育: 'Marriage and childbirth',
  社保: 'Social insurance',
  医疗: 'Medical care and insurance',
  公积金: 'Housing provident fund',
  住房: 'Housing',
  不动产: 'Real estate',
  交通出行: 'Transport and driving',
  教育: 'Education',
  就业创业: 'Jobs and entrepreneurship',
  养老: 'Retirement and elderly care',
  社会救助: 'Social assistance',
  出入境: 'Exit and entry',
  企业开办: 'Starting a business',
  市场准入: 'Market access',
  税务: 'Taxation',
  工程建设: 'Construction projects',
  投资项目: 'Investment projects',
  公用事业: 'Utilities (electricity, water, gas)',
  食品药品: 'Food and drugs',
  卫生健康: 'Health',
  生态环境: 'Ecology and environment',
  交通运输: 'Transport business',
  安全生产: 'Work safety',
  文化旅游: 'Culture and tourism',
  法律服务: 'Legal services',
  退役军人: 'Veterans',
  残疾人服务: 'Services for persons with disabilities',
  社会组织: 'Social organisations',
  商务: 'Commerce',
  水务: 'Water',
  数据服务: 'Data services',
  诉求办理: 'Requests and complaints',
} as const;
export type CatalogueTheme = keyof typeof catalogueThemes;

export const catalogueEvents = {
  新生儿出生: 'A baby is born',
  结婚: 'Getting married',
  离婚: 'Divorce',
  退休: 'Retirement',
  身后事: 'After a death',
  '新市民落户/居住证': 'Newcomers: settling and residence permits',
  失业再就业: 'Losing a job and finding work',
  升学: 'Going to school',
  购房: 'Buying a home',
  租房: 'Renting a home',
  买车用车: 'Buying and driving a car',
  出国出境: 'Travelling abroad',
  退役: 'Leaving the armed forces',
  就医: 'Seeing a doctor',
  企业开办: 'Starting a business',
  企业变更: 'Changing a business',
  企业注销: 'Closing a business',
  获得电力: 'Getting electricity',
  获得用水用气: 'Getting water and gas',
  不动产登记: 'Registering property',
  工程建设项目审批: 'Construction project approval',
  投资项目: 'Investment projects',
  招用员工: 'Hiring staff',
} as const;
export type CatalogueEvent = keyof typeof catalogueEvents;

const labelled = (names: Record<string, string>) => Object.fromEntries(Object.entries(names).map(([zh, en]) => [zh, { zh, en }]));
export const catalogueThemeLabels: Record<string, { zh: string; en: string }> = labelled(catalogueThemes);
export const catalogueEventLabels: Record<string, { zh: string; en: string }> = labelled(catalogueEvents);

export function themeLabel(id: string): { zh: string; en: string } {
  return Object.hasOwn(catalogueThemeLabels, id) ? (catalogueThemeLabels[id] as { zh: string; en: string }) : { zh: id, en: id };
}
export function eventLabel(id: string): { zh: string; en: string } {
  return Object.hasOwn(catalogueEventLabels, id) ? (catalogueEventLabels[id] as { zh: string; en: string }) : { zh: id, en: id };
}

const itemCodeParam = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,63}$/, 'codes use capital letters, digits and hyphens');
export const catalogueCodeParamsSchema = z.object({ code: itemCodeParam });
export const catalogueVersionParamsSchema = z.object({ code: itemCodeParam, version: z.coerce.number().int().min(1).max(1_000_000) });
export const catalogueCompareParamsSchema = z.object({
  code: itemCodeParam,
  a: z.coerce.number().int().min(1).max(1_000_000),
  b: z.coerce.number().int().min(1).max(1_000_000),
});

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();
const idText = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}_./-]{1,64}$/u, 'ids use letters, digits, _ . / -');

export const catalogueSearchQuerySchema = z.object({
  q: z.string().max(200).default(''),
  department: idText.optional(),
  type: z.enum(itemTypes).optional(),
  /** `person` also lists items for both persons and enterprises; likewise `enterprise`. */
  applicantType: z.enum(['person', 'enterprise']).optional(),
  theme: idText.optional(),
  event: idText.optional(),
  channel: z.enum(channels).optional(),
  zeroVisits: flag,
  bundle: flag,
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type CatalogueSearchQuery = z.infer<typeof catalogueSearchQuerySchema>;

export const departmentRefSchema = z.object({ id: z.string(), name: localizedTextSchema });
export type DepartmentRef = z.infer<typeof departmentRefSchema>;

export const catalogueListItemSchema = z.object({
  code: z.string(),
  name: localizedTextSchema,
  department: departmentRefSchema,
  type: z.enum(itemTypes),
  applicantType: z.enum(applicantTypes),
  /** On-site visits needed (到现场次数). */
  visits: z.number().int(),
  promisedDays: z.number().int(),
  onlineDepth: z.enum(onlineDepths),
  channels: z.array(z.enum(channels)),
  themes: z.array(z.string()),
  events: z.array(z.string()),
  isBundle: z.boolean(),
  version: z.number().int(),
  summary: localizedTextSchema.optional(),
});
export type CatalogueListItem = z.infer<typeof catalogueListItemSchema>;

export const catalogueSearchResultSchema = z.object({
  items: z.array(catalogueListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** `all`: no query text (list/filter); `exact`: every word matched; `fuzzy`: nothing matched exactly, these are the closest. */
  match: z.enum(['all', 'exact', 'fuzzy']),
});
export type CatalogueSearchResult = z.infer<typeof catalogueSearchResultSchema>;

export const guideMaterialSchema = materialSchema.extend({
  supply: z.enum(['platform', 'applicant']),
  items: z.array(z.string()).optional(),
  whenAny: z.array(situationConditionSchema).optional(),
});
export type GuideMaterial = z.infer<typeof guideMaterialSchema>;

const mergedFormFieldSchema = formFieldSchema.extend({ items: z.array(z.string()), whenAny: z.array(situationConditionSchema).optional() });

export const bundleViewSchema = z.object({
  members: z.array(
    z.object({
      code: z.string(),
      name: localizedTextSchema,
      department: departmentRefSchema,
      promisedDays: z.number().int(),
      visits: z.number().int(),
    }),
  ),
  situations: z.array(situationQuestionSchema),
  form: z.array(mergedFormFieldSchema),
  materials: z.object({ platform: z.array(guideMaterialSchema), applicant: z.array(guideMaterialSchema) }),
  process: z.object({
    intake: z.array(processStepSchema),
    branches: z.array(
      z.object({
        code: z.string(),
        name: localizedTextSchema,
        department: departmentRefSchema,
        steps: z.array(processStepSchema),
        workingDays: z.number().int(),
      }),
    ),
  }),
  results: z.array(
    z.object({
      code: z.string(),
      name: localizedTextSchema,
      result: z.object({ name: localizedTextSchema, licenceType: z.string().optional() }),
    }),
  ),
  promisedDays: z.number().int(),
  parallelDays: z.number().int(),
  visits: z.number().int(),
});
export type BundleView = z.infer<typeof bundleViewSchema>;

/** The published guide (办事指南): everything an applicant needs to know before applying. */
export const itemGuideSchema = z.object({
  code: z.string(),
  versionId: z.string(),
  version: z.number().int(),
  publishedAt: z.string(),
  department: departmentRefSchema,
  implementingDepartments: z.array(departmentRefSchema),
  typeLabel: localizedTextSchema,
  content: serviceItemContentSchema,
  /** Materials split: the platform fetches these itself (data hub, e-licences, earlier steps) … */
  materials: z.object({ platform: z.array(guideMaterialSchema), applicant: z.array(guideMaterialSchema) }),
  /** Department names of the process steps (`responsible` resolved). */
  stepDepartments: z.record(z.string(), departmentRefSchema),
  bundle: bundleViewSchema.optional(),
  /** Bundles this item is part of. */
  partOf: z.array(z.object({ code: z.string(), name: localizedTextSchema })),
});
export type ItemGuide = z.infer<typeof itemGuideSchema>;

/**
 * Situation answers for the materials check, without a POST: either `answers` as a JSON object
 * (`{"applicant_kind":"agent"}`) or repeated `a.<question>=<option>` parameters.
 */
export const catalogueAnswersQuerySchema = z
  .object({ answers: z.string().max(4000).optional() })
  .catchall(z.union([z.string().max(200), z.array(z.string().max(200)).max(5)]));

export const materialsCheckResultSchema = z.object({
  code: z.string(),
  version: z.number().int(),
  answers: z.record(z.string(), z.string()),
  /** Materials this applicant needs, split by who supplies them. */
  materials: z.object({ platform: z.array(guideMaterialSchema), applicant: z.array(guideMaterialSchema) }),
  /** Materials that depend on questions not answered yet. */
  undecided: z.array(guideMaterialSchema),
  /** Questions still open that would change the list. */
  pending: z.array(situationQuestionSchema),
  steps: z.array(processStepSchema),
  form: z.array(formFieldSchema.extend({ items: z.array(z.string()).optional(), whenAny: z.array(situationConditionSchema).optional() })),
});
export type MaterialsCheckResult = z.infer<typeof materialsCheckResultSchema>;

export const bundleSummarySchema = z.object({
  code: z.string(),
  name: localizedTextSchema,
  department: departmentRefSchema,
  promisedDays: z.number().int(),
  members: z.array(z.object({ code: z.string(), name: localizedTextSchema, department: departmentRefSchema })),
});
export const bundleListSchema = z.object({ items: z.array(bundleSummarySchema) });

export const labelledCountSchema = z.object({ id: z.string(), label: localizedTextSchema, count: z.number().int() });
export const labelledCountListSchema = z.object({ items: z.array(labelledCountSchema) });
export const departmentCountListSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: localizedTextSchema, count: z.number().int() })),
});
export const popularQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });
export const popularListSchema = z.object({ items: z.array(catalogueListItemSchema) });

// ---------------------------------------------------------------------------------------------
// Staff / admin

export const versionSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number().int(),
  status: z.enum(versionStatuses),
  name: localizedTextSchema,
  responsibleDepartment: z.string(),
  authorId: z.string(),
  editors: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  rejectedReason: z.string().nullable(),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;

export const versionDetailSchema = versionSummarySchema.extend({ content: serviceItemContentSchema });
export type VersionDetail = z.infer<typeof versionDetailSchema>;

export const versionListSchema = z.object({
  code: z.string(),
  publishedVersion: z.number().int().nullable(),
  items: z.array(versionSummarySchema),
});

export const reasonBodySchema = z.object({ reason: z.string().trim().min(2).max(500) });
export type ReasonBody = z.infer<typeof reasonBodySchema>;

export const contentChangeSchema = z.object({
  path: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

export const versionCompareSchema = z.object({
  code: z.string(),
  a: versionDetailSchema,
  b: versionDetailSchema,
  changes: z.array(contentChangeSchema),
});

export const draftsQuerySchema = z.object({
  status: z.enum(['draft', 'submitted']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const draftListSchema = z.object({
  items: z.array(versionSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
