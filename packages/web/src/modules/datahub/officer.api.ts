import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DataResource, Grant, GrantStatus, UsageEntry } from '@tongban/domain';
import { api } from '../../api/client.ts';

/** The data officer's console: the department's resources, the grant requests it decides, and the use of its data. */

export type { DataResource, Grant, GrantStatus, UsageEntry };
export type UsageFilters = {
  page: number;
  pageSize: number;
  resource?: string | undefined;
  subject?: string | undefined;
  /** ISO instants: `from` inclusive, `to` exclusive. */
  from?: string | undefined;
  to?: string | undefined;
};
export type UsagePage = { items: UsageEntry[]; page: number; pageSize: number; hasMore: boolean };
export type GrantDecision =
  | { id: string; kind: 'approve'; note: string; expiresAt?: string | undefined }
  | { id: string; kind: 'refuse' | 'revoke'; reason: string };

export const officerKeys = {
  all: ['datahub', 'officer'] as const,
  resources: (departmentId: string) => ['datahub', 'officer', 'resources', departmentId] as const,
  grants: ['datahub', 'officer', 'grants'] as const,
  usage: (filters: UsageFilters) => ['datahub', 'officer', 'usage', filters] as const,
};

export function useDepartmentResources(departmentId: string | null) {
  return useQuery({
    queryKey: officerKeys.resources(departmentId ?? ''),
    queryFn: async () =>
      (await api.get<{ items: DataResource[] }>('/datahub/resources', { query: { department: departmentId ?? '' } })).items,
    enabled: Boolean(departmentId),
  });
}

/** Grants on the department's resources (it is the provider and decides them). */
export function useProviderGrants() {
  return useQuery({
    queryKey: officerKeys.grants,
    queryFn: async () => (await api.get<{ items: Grant[] }>('/datahub/grants', { query: { role: 'provider' } })).items,
  });
}

export function useDecideGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (d: GrantDecision) =>
      api.post<Grant>(
        `/datahub/grants/${encodeURIComponent(d.id)}/actions/${d.kind}`,
        d.kind === 'approve' ? { note: d.note, expiresAt: d.expiresAt } : { reason: d.reason },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: officerKeys.grants }),
  });
}

/** The exchange log of the department's resources, subjects masked, with the staff member who used the data. */
export function useResourceUsage(filters: UsageFilters) {
  return useQuery({
    queryKey: officerKeys.usage(filters),
    queryFn: () => api.get<UsagePage>('/datahub/usage', { query: { ...filters } }),
    placeholderData: keepPreviousData,
  });
}
