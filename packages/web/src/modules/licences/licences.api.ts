import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  LicenceDetail,
  LicenceStatus,
  LicenceSummary,
  ShareCreateBody,
  StatusChangeAction,
  VerificationResult,
  VerifyBody,
} from '@tongban/domain';
import { api } from '../../api/client.ts';

export type { LicenceDetail, LicenceStatus, LicenceSummary, StatusChangeAction, VerificationResult };

type Localized = { zh: string; en: string };
export type LicenceList = { items: LicenceSummary[]; page: number; pageSize: number; hasMore: boolean };
export type LicenceQr = { payload: string; token: string; svg: string };
export type Share = {
  id: string;
  licenceId: string;
  audience: string;
  fields: string[] | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  views: number;
  active: boolean;
};
export type ShareCreated = Share & { token: string; url: string };
export type LicenceUse = {
  at: string;
  kind: 'share_view' | 'material';
  licenceId: string;
  licenceName: Localized;
  by: string;
  caseId: string | null;
  fields: string[] | null;
};
export type SharedLicence = {
  licenceName: Localized;
  licenceType: string;
  licenceNumber: string;
  issuer: { id: string; departmentId: string; name: Localized };
  holderName: string;
  issuedAt: string;
  validUntil: string | null;
  status: VerificationResult['status'];
  fields: { key: string; label: Localized; value: string | number }[];
  sharedBy: string;
  audience: string;
  expiresAt: string;
};
export type WalletFilters = { holder?: string; status?: LicenceStatus; page?: number; pageSize?: number };
export type DepartmentFilters = { status?: LicenceStatus; q?: string; page?: number; pageSize?: number };

export const licenceKeys = {
  all: ['licences'] as const,
  mine: (f: WalletFilters) => ['licences', 'mine', f] as const,
  detail: (id: string) => ['licences', 'detail', id] as const,
  qr: (id: string) => ['licences', 'qr', id] as const,
  shares: (id: string) => ['licences', 'shares', id] as const,
  usage: ['licences', 'usage'] as const,
  shared: (token: string) => ['licences', 'shared', token] as const,
  department: (f: DepartmentFilters) => ['licences', 'department', f] as const,
};

export function useMyLicences(filters: WalletFilters) {
  return useQuery({
    queryKey: licenceKeys.mine(filters),
    queryFn: () => api.get<LicenceList>('/licences/mine', { query: { ...filters } }),
    placeholderData: keepPreviousData,
  });
}

export function useLicence(id: string) {
  return useQuery({ queryKey: licenceKeys.detail(id), queryFn: () => api.get<LicenceDetail>(`/licences/${id}`), retry: false });
}

export function useLicenceQr(id: string, enabled: boolean) {
  return useQuery({
    queryKey: licenceKeys.qr(id),
    queryFn: () => api.get<LicenceQr>(`/licences/${id}/qr`),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** The credential file is a plain GET with the session cookie: a link the browser downloads. */
export const credentialUrl = (id: string) => `/api/v1/licences/${encodeURIComponent(id)}/credential`;

export function useShares(id: string) {
  return useQuery({
    queryKey: licenceKeys.shares(id),
    queryFn: async () => (await api.get<{ items: Share[] }>(`/licences/${id}/shares`)).items,
  });
}

export function useCreateShare(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ShareCreateBody) => api.post<ShareCreated>(`/licences/${id}/shares`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: licenceKeys.shares(id) }),
  });
}

export function useWithdrawShare(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (shareId: string) => api.delete<Share>(`/licences/${id}/shares/${shareId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: licenceKeys.shares(id) }),
  });
}

export function useLicenceUsage() {
  return useQuery({
    queryKey: licenceKeys.usage,
    queryFn: async () => (await api.get<{ items: LicenceUse[] }>('/licences/usage', { query: { pageSize: 100 } })).items,
  });
}

export function useVerify() {
  return useMutation({ mutationFn: (body: VerifyBody) => api.post<VerificationResult>('/licences/verify', body) });
}

/**
 * A share link's contents. Every answer from the server is a view logged in the holder's record,
 * so the page asks once and never refetches on its own.
 */
export function useSharedLicence(token: string) {
  return useQuery({
    queryKey: licenceKeys.shared(token),
    queryFn: () => api.get<SharedLicence>(`/licences/shared/${encodeURIComponent(token)}`),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function useDepartmentLicences(filters: DepartmentFilters) {
  return useQuery({
    queryKey: licenceKeys.department(filters),
    queryFn: () => api.get<LicenceList>('/licences/department', { query: { ...filters } }),
    placeholderData: keepPreviousData,
  });
}

export function useChangeLicenceStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: StatusChangeAction; reason: string }) =>
      api.post<{ id: string; status: LicenceStatus }>(`/licences/${id}/actions/${action}`, { reason }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: licenceKeys.all }),
  });
}
