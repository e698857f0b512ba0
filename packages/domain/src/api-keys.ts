/**
 * API keys: how a channel or partner system (a city app, a mini program, another government system)
 * calls the routes that declare `{ apiKey: <scope> }` access, without a person's session. A key is
 * issued to one named channel with a set of scopes and a rate limit, is shown once, is kept only as
 * a hash, and can be revoked; every use is logged.
 */
import { z } from 'zod';
import { normaliseText } from './identity.ts';

/**
 * What a key may do. A scope names the API a route offers to channels; routes declare which one they
 * need. `hotline.requests.*` are the 12345 hotline's Open311 intake and status reads.
 */
export const apiKeyScopes = ['hotline.requests.create', 'hotline.requests.read'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

export const apiKeyScopeLabels: Record<ApiKeyScope, { zh: string; en: string }> = {
  'hotline.requests.create': { zh: '提交12345诉求', en: 'Submit 12345 requests' },
  'hotline.requests.read': { zh: '查询12345诉求办理状态', en: 'Read 12345 request status' },
};

/** What kind of system holds the key (shown to administrators and in the use log). */
export const apiKeyChannels = ['mobile_app', 'mini_program', 'website', 'partner_system', 'hotline_platform'] as const;
export type ApiKeyChannel = (typeof apiKeyChannels)[number];

export const apiKeyChannelLabels: Record<ApiKeyChannel, { zh: string; en: string }> = {
  mobile_app: { zh: '移动应用', en: 'Mobile app' },
  mini_program: { zh: '小程序', en: 'Mini program' },
  website: { zh: '网站', en: 'Website' },
  partner_system: { zh: '合作系统', en: 'Partner system' },
  hotline_platform: { zh: '热线平台', en: 'Hotline platform' },
};

/** The bearer token's shape: `tbk_<key id>_<secret>`; the id finds the row, the secret's hash proves it. */
export const API_KEY_PREFIX = 'tbk_';
export const apiKeyIdPattern = /^[0-9a-f]{16}$/;

export const API_KEY_DEFAULT_RATE_PER_MINUTE = 600;
export const API_KEY_MAX_RATE_PER_MINUTE = 60_000;

const nameField = z.preprocess((v) => (typeof v === 'string' ? normaliseText(v) : v), z.string().min(1).max(100));

export const apiKeyCreateBodySchema = z.object({
  name: nameField,
  channel: z.enum(apiKeyChannels),
  scopes: z.array(z.enum(apiKeyScopes)).min(1).max(apiKeyScopes.length),
  ratePerMinute: z.number().int().min(1).max(API_KEY_MAX_RATE_PER_MINUTE).default(API_KEY_DEFAULT_RATE_PER_MINUTE),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type ApiKeyCreateBody = z.infer<typeof apiKeyCreateBodySchema>;

export const apiKeyParamsSchema = z.object({ id: z.string().regex(apiKeyIdPattern) });

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.enum(apiKeyChannels),
  scopes: z.array(z.enum(apiKeyScopes)),
  ratePerMinute: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  /** Uses in the last 24 hours, refused ones included. */
  usesLastDay: z.number().int(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** The answer to creating a key: the only time the secret is shown. */
export const apiKeyCreatedSchema = apiKeySchema.extend({ token: z.string() });

export const apiKeyListResponseSchema = z.object({ items: z.array(apiKeySchema) });

export const apiKeyUseOutcomes = ['accepted', 'refused_scope', 'refused_revoked', 'refused_expired', 'refused_rate'] as const;
export type ApiKeyUseOutcome = (typeof apiKeyUseOutcomes)[number];

export const apiKeyUseListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const apiKeyUseSchema = z.object({
  usedAt: z.string(),
  method: z.string(),
  route: z.string(),
  outcome: z.enum(apiKeyUseOutcomes),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type ApiKeyUse = z.infer<typeof apiKeyUseSchema>;
export const apiKeyUseListResponseSchema = z.object({ items: z.array(apiKeyUseSchema) });

/** What a key's holder learns about its own key (`GET /api-keys/self`). */
export const apiKeySelfSchema = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.enum(apiKeyChannels),
  scopes: z.array(z.enum(apiKeyScopes)),
  ratePerMinute: z.number().int(),
  expiresAt: z.string().nullable(),
});
