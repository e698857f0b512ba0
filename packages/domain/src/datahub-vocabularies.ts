/**
 * The data hub's (数据共享交换平台) vocabularies: sharing classes, update frequencies and how fresh
 * each keeps a record, subject kinds, data element types, provider kinds, grant statuses, exchange
 * channels and once-only supply states.
 */

/** 无条件共享 / 有条件共享 / 不予共享. */
export const sharingClasses = ['unconditional', 'conditional', 'not_shared'] as const;
export type SharingClass = (typeof sharingClasses)[number];
export const sharingClassLabels: Record<SharingClass, { zh: string; en: string }> = {
  unconditional: { zh: '无条件共享', en: 'Shared unconditionally' },
  conditional: { zh: '有条件共享', en: 'Shared on conditions' },
  not_shared: { zh: '不予共享', en: 'Not shared' },
};

export const updateFrequencies = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type UpdateFrequency = (typeof updateFrequencies)[number];

/** A record is stale when it was last updated longer ago than this for its resource's frequency. */
export const freshnessDays: Record<UpdateFrequency, number> = {
  realtime: 1,
  daily: 2,
  weekly: 8,
  monthly: 35,
  quarterly: 100,
  yearly: 400,
};

/** Whom a record is about: a natural person (resident ID) or an enterprise (credit code). */
export const subjectKinds = ['person', 'enterprise'] as const;
export type SubjectKind = (typeof subjectKinds)[number];

/** The types a data element may have; `id_number` and `credit_code` carry check digits. */
export const fieldTypes = ['text', 'address', 'number', 'money', 'date', 'boolean', 'code', 'id_number', 'credit_code'] as const;
export type FieldType = (typeof fieldTypes)[number];

export const providerKinds = ['registry', 'http'] as const;
export type ProviderKind = (typeof providerKinds)[number];

export const grantStatuses = ['requested', 'approved', 'refused', 'revoked', 'expired'] as const;
export type GrantStatus = (typeof grantStatuses)[number];

/**
 * How an exchange came about: a staff query, supply at filing (also an e-licence used as a material), a
 * retried supply, form pre-fill, a third party viewing an e-licence through the holder's share link,
 * or a clerk's identity check of the person at a service window.
 */
export const exchangeChannels = ['query', 'filing', 'retry', 'prefill', 'share', 'window', 'staff_read'] as const;
export type ExchangeChannel = (typeof exchangeChannels)[number];

/** A once-only material fetched for a case: attached, waiting for a provider, refused, given up. */
export const supplyStates = ['attached', 'pending', 'refused', 'failed'] as const;
export type SupplyState = (typeof supplyStates)[number];
