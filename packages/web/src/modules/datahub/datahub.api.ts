import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FetchPreview, PrefillResponse, Supply, UsageEntry } from '@tongban/domain';
import { api, isApiError } from '../../api/client.ts';

export type { FetchPreview, PrefillResponse, Supply, UsageEntry };
export type UsagePage = { items: UsageEntry[]; page: number; pageSize: number; hasMore: boolean };
export type Consent = {
  id: string;
  subject: string;
  item: string;
  resources: string[];
  givenAt: string;
  expiresAt: string;
  withdrawnAt: string | null;
};
export type Objection = { id: string; exchangeId: string; status: 'open' | 'forwarded' | 'closed'; createdAt: string };

type ApplicantItem = { item: string; enterprise?: string | undefined };
/** `applicant`: the person at the window, when a clerk asks. */
type PrefillQuery = ApplicantItem & { applicant?: string | undefined };

export const datahubKeys = {
  all: ['datahub'] as const,
  prefill: (q: PrefillQuery) => ['datahub', 'prefill', q] as const,
  preview: (q: ApplicantItem) => ['datahub', 'preview', q] as const,
  supplies: (caseIds: readonly string[]) => ['datahub', 'supplies', ...caseIds] as const,
  usage: (page: number) => ['datahub', 'usage', page] as const,
  usageAll: ['datahub', 'usage'] as const,
};

/**
 * Form values from the registries behind the item's form, for the applicant online or (a clerk's
 * window) the person named by `applicant`. Each call is an exchange written to the person's
 * data-usage log, so it runs once per item and person and is never refetched on its own.
 */
export function usePrefill(query: PrefillQuery, enabled: boolean) {
  return useQuery({
    queryKey: datahubKeys.prefill(query),
    queryFn: () =>
      api.get<PrefillResponse>('/datahub/prefill', {
        query: { item: query.item, enterprise: query.enterprise, applicant: query.applicant },
      }),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 30 * 60_000,
    retry: false,
  });
}

/** What the platform will fetch for an application (nothing is fetched or logged by this). */
export function useFetchPreview(query: ApplicantItem) {
  return useQuery({
    queryKey: datahubKeys.preview(query),
    queryFn: () => api.get<FetchPreview>('/datahub/preview', { query: { item: query.item, enterprise: query.enterprise } }),
    retry: false,
  });
}

export function useGiveConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { item: string; enterpriseCreditCode?: string | undefined }) =>
      api.post<{ items: Consent[] }>('/datahub/consents', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['datahub', 'preview'] }),
  });
}

async function suppliesOf(caseId: string): Promise<Supply[]> {
  try {
    return (await api.get<{ items: Supply[] }>(`/datahub/cases/${caseId}/supplies`)).items;
  } catch (error) {
    // A case without any data-hub material is unknown to the hub: nothing was fetched for it.
    if (isApiError(error) && error.status === 404) return [];
    throw error;
  }
}

/** The once-only materials of cases (a one-go service: the parent and its members) with the department each came from. */
export function useCaseSupplies(caseIds: readonly string[]) {
  return useQuery({
    queryKey: datahubKeys.supplies(caseIds),
    queryFn: async () => (await Promise.all(caseIds.map(suppliesOf))).flat(),
    enabled: caseIds.length > 0,
  });
}

/** The supply behind a case material (`sourceRef` is `datahub:<supply id>`). */
export function supplyOfMaterial(supplies: readonly Supply[] | undefined, sourceRef: string | null): Supply | undefined {
  if (!sourceRef?.startsWith('datahub:')) return undefined;
  const id = sourceRef.slice('datahub:'.length);
  return supplies?.find((s) => s.id === id);
}

export function useMyDataUsage(page: number) {
  return useQuery({
    queryKey: datahubKeys.usage(page),
    queryFn: () => api.get<UsagePage>('/datahub/my-data-usage', { query: { page, pageSize: 20 } }),
    placeholderData: keepPreviousData,
  });
}

export function useFileObjection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId, reason }: { entryId: string; reason: string }) =>
      api.post<Objection>(`/datahub/my-data-usage/${entryId}/objection`, { reason }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: datahubKeys.usageAll }),
  });
}
