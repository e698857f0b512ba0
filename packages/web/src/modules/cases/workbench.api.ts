import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionBodies,
  ActionResult,
  CaseDetail,
  CaseSubmitResponse,
  Department,
  ItemGuide,
  PersonLookup,
  Presence,
  Staff,
  TaskView,
  WindowIntakeBody,
  WorkflowAction,
} from '@tongban/domain';
import { api } from '../../api/client.ts';
import { catalogueKeys } from '../catalogue/index.ts';
import { departmentName, identityKeys } from '../identity/index.ts';
import type { CaseListItem } from './cases.api.ts';
import { casesKeys } from './cases.api.ts';

/** Staff side of cases: the department inbox, actions on a case, window intake, the supervisor's view. */

export type { TaskView };
export type SlaFilter = 'green' | 'amber' | 'red';
export type TaskFilters = {
  status: 'active' | 'open' | 'suspended' | 'done' | 'cancelled';
  sla?: SlaFilter | undefined;
  claim?: 'mine' | 'unclaimed' | undefined;
  item?: string | undefined;
  page: number;
  pageSize: number;
};
export type TaskPage = { items: TaskView[]; total: number; page: number; pageSize: number };

// Shape of `overdueItemSchema` (no named type in the domain package).
export type OverdueItem = {
  caseId: string;
  trackingNumber: string;
  itemCode: string;
  itemName: { zh: string; en: string };
  scope: 'case' | 'step';
  stepId: string | null;
  taskId: string | null;
  stepName: { zh: string; en: string } | null;
  role: string | null;
  claimedBy: string | null;
  departmentId: string;
  dueDate: string | null;
  sla: 'amber' | 'red';
};

export const staffCasesKeys = {
  tasksAll: ['cases', 'tasks'] as const,
  tasks: (filters: TaskFilters) => ['cases', 'tasks', filters] as const,
  overdue: ['cases', 'overdue'] as const,
  person: (idNumber: string) => ['cases', 'person', idNumber] as const,
  presence: (idNumber: string) => ['cases', 'presence', idNumber] as const,
  intakePreview: (input: IntakePreviewInput) => ['cases', 'intake-preview', input] as const,
  colleagues: (departmentId: string) => ['cases', 'colleagues', departmentId] as const,
};

export function useTasks(filters: TaskFilters) {
  const { claim, ...rest } = filters;
  return useQuery({
    queryKey: staffCasesKeys.tasks(filters),
    queryFn: ({ signal }) =>
      api.get<TaskPage>('/workbench/tasks', {
        query: { ...rest, mine: claim === 'mine' ? 'true' : undefined, unclaimed: claim === 'unclaimed' ? 'true' : undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useClaimTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (task: Pick<TaskView, 'id' | 'version'>) =>
      api.post<TaskView>(`/tasks/${task.id}/claim`, { expectedVersion: task.version }),
    // Also after a lost race: the list then shows who holds the task now.
    onSettled: () => queryClient.invalidateQueries({ queryKey: staffCasesKeys.tasksAll }),
  });
}

export function useOverdue() {
  return useQuery({ queryKey: staffCasesKeys.overdue, queryFn: () => api.get<{ items: OverdueItem[] }>('/workbench/overdue') });
}

export function useReassignTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, staffId, reason }: { taskId: string; staffId: string; reason: string }) =>
      api.post<TaskView>(`/tasks/${taskId}/reassign`, { staffId, reason }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: staffCasesKeys.overdue }),
        queryClient.invalidateQueries({ queryKey: staffCasesKeys.tasksAll }),
      ]),
  });
}

/** Staff of a department subtree, or of my own without one (supervisors may read them): whom a task goes to, who holds one. */
export function useColleagues(departmentId?: string) {
  return useQuery({
    queryKey: staffCasesKeys.colleagues(departmentId ?? ''),
    queryFn: async () => (await api.get<{ items: Staff[] }>('/staff', { query: { departmentId, pageSize: 100 } })).items,
    staleTime: 60_000,
  });
}

/** One workflow action on a case; afterwards the case and the inbox are read again. */
export function useCaseAction(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: WorkflowAction; body: ActionBodies[WorkflowAction] }) =>
      api.post<ActionResult>(`/cases/${caseId}/actions/${action.replaceAll('_', '-')}`, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: casesKeys.detail(caseId) }),
        queryClient.invalidateQueries({ queryKey: staffCasesKeys.tasksAll }),
        queryClient.invalidateQueries({ queryKey: staffCasesKeys.overdue }),
      ]),
  });
}

/**
 * 读取身份证: the card reader at the clerk's seat reads the card of the person at the counter and
 * signs it; the signed read is handed to the server as the evidence of presence (the clerk's reads
 * of the person's data need it). In the demo the reader is the server's simulated one of the
 * clerk's centre (`/dev/card-reader/read`); a real seat's reader answers the same signed read.
 */
export function useReadIdCard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (idNumber: string) => {
      const signed = await api.post<unknown>('/dev/card-reader/read', { idNumber });
      return api.post<Presence>('/datahub/presence', signed);
    },
    onSuccess: (presence, idNumber) => {
      queryClient.setQueryData(staffCasesKeys.presence(idNumber), presence);
      return queryClient.invalidateQueries({ queryKey: staffCasesKeys.person(idNumber) });
    },
  });
}

/** The presence this page proved for the person (set by `useReadIdCard`; nothing is fetched). */
function usePresence(idNumber: string | undefined): Presence | undefined {
  return (
    useQuery<Presence | null>({
      queryKey: staffCasesKeys.presence(idNumber ?? ''),
      queryFn: () => null,
      enabled: false,
      staleTime: Number.POSITIVE_INFINITY,
    }).data ?? undefined
  );
}

/**
 * The walk-in person in the population registry (masked), once the ID number is valid and their
 * card has been read: the server refuses the lookup without presence, so it is not asked before.
 */
export function usePersonLookup(idNumber: string | undefined) {
  const present = usePresence(idNumber);
  return useQuery({
    queryKey: staffCasesKeys.person(idNumber ?? ''),
    queryFn: () => api.get<PersonLookup>(`/people/${idNumber}`),
    enabled: idNumber !== undefined && present !== undefined,
    retry: false,
    staleTime: 5 * 60_000,
  });
}

export type IntakePreviewInput = { itemCode: string; answers: Record<string, string>; applicantIdNumber: string };
export type IntakePreview = {
  itemCode: string;
  isBundle: boolean;
  pendingQuestions: string[];
  prefill: Record<string, string | number>;
  materials: {
    materialId: string;
    name: { zh: string; en: string };
    requirement: string;
    supply: 'platform' | 'upload';
    itemCodes: string[];
  }[];
  expectedCompletionDate: string;
};

export function useIntakePreview(input: IntakePreviewInput | undefined) {
  return useQuery({
    queryKey: staffCasesKeys.intakePreview(input ?? { itemCode: '', answers: {}, applicantIdNumber: '' }),
    queryFn: () => api.post<IntakePreview>('/cases/preview', input),
    enabled: input !== undefined,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Files at the window; the caller keeps one Idempotency-Key per attempt so a retry is answered, not filed twice. */
export function useWindowIntake() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: WindowIntakeBody; idempotencyKey: string }) =>
      api.post<CaseSubmitResponse>('/cases/window-intake', body, { idempotencyKey }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffCasesKeys.tasksAll }),
  });
}

/** A case of the person at the window, by tracking number and their ID number. */
export function useCaseLookup() {
  return useMutation({
    mutationFn: ({ trackingNumber, idNumber }: { trackingNumber: string; idNumber: string }) =>
      api.get<CaseListItem>('/cases/lookup', { query: { trackingNumber, idNumber } }),
  });
}

type WindowActionCall = {
  [A in 'supply_supplement' | 'collect_result' | 'record_visit']: { caseId: string; action: A; body: ActionBodies[A] };
}['supply_supplement' | 'collect_result' | 'record_visit'];

/** A workflow action a window clerk takes for the person present (supplement, result pickup, visit). */
export function useWindowAction() {
  return useMutation({
    mutationFn: ({ caseId, action, body }: WindowActionCall) =>
      api.post<ActionResult>(`/cases/${caseId}/actions/${action.replaceAll('_', '-')}`, body),
  });
}

/** Department names by id in the reader's language (the same cached list as the identity pages). */
export function useDepartmentNames(language: string): (id: string | null | undefined) => string {
  const departments = useQuery({
    queryKey: identityKeys.departments(false),
    queryFn: async () => (await api.get<{ items: Department[] }>('/departments')).items,
    staleTime: 5 * 60_000,
  });
  return (id) => {
    if (!id) return '';
    const found = departments.data?.find((d) => d.id === id);
    return found ? departmentName(found, language) : id;
  };
}

/** The published guide of an item (labels of its form, situations and materials), once the code is known. */
export function useGuide(code: string | undefined) {
  return useQuery({
    queryKey: catalogueKeys.guide(code ?? ''),
    queryFn: () => api.get<ItemGuide>(`/catalogue/items/${encodeURIComponent(code ?? '')}`),
    enabled: Boolean(code),
    retry: false,
    staleTime: 5 * 60_000,
  });
}

/** A bundle member's parent case (its one-go service: the situation questions were the parent's). */
export function useParentCase(parentId: string | null | undefined) {
  return useQuery({
    queryKey: casesKeys.detail(parentId ?? ''),
    queryFn: () => api.get<CaseDetail>(`/cases/${parentId}`),
    enabled: Boolean(parentId),
    retry: false,
  });
}
