import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditEntry, AuditFinding, AuditStream, AuditVerifyReport } from '@tongban/domain';
import { api } from '../../api/client.ts';

/** The audit console: search the audit log, verify its hash chain, export a search as CSV. */

export type { AuditEntry, AuditFinding, AuditStream, AuditVerifyReport };
export type AuditSearch = {
  stream: AuditStream;
  actorId?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  action?: string | undefined;
  /** ISO instants: `from` inclusive, `to` exclusive. */
  from?: string | undefined;
  to?: string | undefined;
};
export type AuditPage = { items: AuditEntry[]; page: number; pageSize: number; hasMore: boolean };

export const auditKeys = {
  all: ['audit'] as const,
  list: (search: AuditSearch, page: number, pageSize: number) => ['audit', 'list', search, page, pageSize] as const,
};

export function useAuditEntries(search: AuditSearch, page: number, pageSize: number) {
  return useQuery({
    queryKey: auditKeys.list(search, page, pageSize),
    queryFn: () => api.get<AuditPage>('/audit', { query: { ...search, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}

/** Recomputes the stream's chain on the server (a full pass: on request only, never on its own). */
export function useVerifyChain() {
  return useMutation({
    mutationFn: (stream: AuditStream) => api.get<AuditVerifyReport>('/audit/verify', { query: { stream } }),
  });
}

/**
 * The CSV export of a search is a plain GET with the session cookie: a link the browser downloads
 * (streamed by the server, so it is never held in the page's memory).
 */
export function auditExportUrl(search: AuditSearch): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) if (v) params.set(k, v);
  return `/api/v1/audit/export.csv?${params.toString()}`;
}
