import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionBodies,
  ActionResult,
  CaseDetail,
  CaseStatus,
  CaseSubmitBody,
  CaseSubmitResponse,
  Draft,
  DraftBody,
  LocalizedText,
} from '@tongban/domain';
import { api } from '../../api/client.ts';

export type { CaseDetail, CaseSubmitBody, CaseSubmitResponse, Draft, DraftBody };

// Shapes of `caseListResponseSchema` and `previewResponseSchema` (the domain exports no named types for them).
export type CaseListItem = {
  id: string;
  trackingNumber: string;
  itemCode: string;
  itemName: LocalizedText;
  isBundle: boolean;
  channel: 'online' | 'window';
  status: CaseStatus;
  submittedAt: string;
  expectedCompletionDate: string | null;
  applicantName: string;
  enterpriseName: string | null;
};
export type CaseListPage = { items: CaseListItem[]; total: number; page: number; pageSize: number };

export type PreviewMaterial = {
  materialId: string;
  name: LocalizedText;
  requirement: string;
  /** `platform`: we already have it; `upload`: please upload it. */
  supply: 'platform' | 'upload';
  itemCodes: string[];
};
export type ApplicationPreview = {
  itemCode: string;
  itemVersion: number;
  isBundle: boolean;
  pendingQuestions: string[];
  materials: PreviewMaterial[];
  expectedCompletionDate: string;
};
export type PreviewInput = { itemCode: string; answers: Record<string, string>; enterpriseCreditCode?: string | undefined };

export const casesKeys = {
  all: ['cases'] as const,
  mine: (page: number) => ['cases', 'mine', page] as const,
  mineAll: ['cases', 'mine'] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  preview: (input: PreviewInput) => ['cases', 'preview', input] as const,
  drafts: ['cases', 'drafts'] as const,
  draft: (id: string) => ['cases', 'drafts', id] as const,
};

export function useMyCases(page: number, pageSize = 20) {
  return useQuery({
    queryKey: [...casesKeys.mine(page), pageSize],
    queryFn: () => api.get<CaseListPage>('/cases/mine', { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string) {
  return useQuery({ queryKey: casesKeys.detail(id), queryFn: () => api.get<CaseDetail>(`/cases/${id}`), retry: false });
}

/** Materials split and promised date for these answers; nothing is stored. */
export function useApplicationPreview(input: PreviewInput, enabled: boolean) {
  return useQuery({
    queryKey: casesKeys.preview(input),
    queryFn: () => api.post<ApplicationPreview>('/cases/preview', input),
    enabled,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useDrafts() {
  return useQuery({ queryKey: casesKeys.drafts, queryFn: async () => (await api.get<{ items: Draft[] }>('/cases/drafts')).items });
}

export function useDraft(id: string | undefined) {
  return useQuery({
    queryKey: casesKeys.draft(id ?? ''),
    queryFn: () => api.get<Draft>(`/cases/drafts/${id}`),
    enabled: id !== undefined,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSaveDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string | undefined; body: DraftBody }) =>
      id ? api.put<Draft>(`/cases/drafts/${id}`, body) : api.post<Draft>('/cases/drafts', body),
    onSuccess: (draft) => {
      queryClient.setQueryData(casesKeys.draft(draft.id), draft);
      return queryClient.invalidateQueries({ queryKey: casesKeys.drafts, exact: true });
    },
  });
}

export function useDeleteDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/cases/drafts/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: casesKeys.drafts }),
  });
}

/** Files the application. The caller keeps the Idempotency-Key of the attempt so a retry is answered, not filed twice. */
export function useSubmitCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CaseSubmitBody; idempotencyKey: string }) =>
      api.post<CaseSubmitResponse>('/cases', body, { idempotencyKey }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: casesKeys.all }),
  });
}

/** The applicant's actions on their case: withdraw, supply what the department asked for. */
export function useApplicantAction(caseId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: casesKeys.detail(caseId) }),
      queryClient.invalidateQueries({ queryKey: casesKeys.mineAll }),
    ]);
  const withdraw = useMutation({
    mutationFn: (body: ActionBodies['withdraw']) => api.post<ActionResult>(`/cases/${caseId}/actions/withdraw`, body),
    onSuccess: refresh,
  });
  const supply = useMutation({
    mutationFn: (body: ActionBodies['supply_supplement']) => api.post<ActionResult>(`/cases/${caseId}/actions/supply-supplement`, body),
    onSuccess: refresh,
  });
  return { withdraw, supply };
}

/** The printable result certificate (HTML, served by the server). */
export function resultUrl(caseId: string): string {
  return `/api/v1/cases/${caseId}/result`;
}

export function materialFileUrl(caseId: string, materialRowId: string): string {
  return `/api/v1/cases/${caseId}/materials/${materialRowId}/file`;
}
