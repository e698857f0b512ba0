import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiKey, ApiKeyCreateBody, ApiKeyUse } from '@tongban/domain';
import { api } from '../../api/client.ts';
import type {
  AgentGrantBody,
  AgentInvitation,
  Department,
  DepartmentCreateBody,
  DepartmentPatchBody,
  Enterprise,
  LoginBody,
  Me,
  MyInvitation,
  PasswordChangeBody,
  RegisterBody,
  RegisterStartBody,
  RegisterStartResponse,
  RoleChangeList,
  RoleInfo,
  Staff,
  StaffCreateBody,
  StaffFilters,
  StaffPatchBody,
} from './identity.types.ts';

type Items<T> = { items: T[] };

export const identityKeys = {
  me: ['identity', 'me'] as const,
  /** Set when this tab signed out on purpose (guards then leave quietly instead of asking to log in). */
  signedOut: ['identity', 'signed-out'] as const,
  departments: (includeInactive: boolean) => ['identity', 'departments', { includeInactive }] as const,
  departmentsAll: ['identity', 'departments'] as const,
  staff: (filters: StaffFilters) => ['identity', 'staff', filters] as const,
  staffAll: ['identity', 'staff'] as const,
  roles: ['identity', 'roles'] as const,
  rolesIn: (departmentId: string | undefined) => ['identity', 'roles', { departmentId }] as const,
  roleChanges: (page: number) => ['identity', 'staff', 'role-changes', { page }] as const,
  myEnterprises: ['identity', 'enterprises', 'mine'] as const,
  apiKeys: ['identity', 'api-keys'] as const,
};

/** The signed-in account, or `null` when nobody is signed in. */
export async function fetchMe(): Promise<Me | null> {
  return (await api.get<{ me: Me | null }>('/auth/session')).me;
}

export function useMe() {
  return useQuery({ queryKey: identityKeys.me, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

function resetAfterSessionChange(queryClient: QueryClient) {
  // Everything cached belonged to the previous principal. Departments are public and stay; `me` is
  // overwritten in place by the caller (removing it would strand the header's observer on a dead query).
  queryClient.removeQueries({
    predicate: (q) => q.queryKey[0] !== 'identity' || (q.queryKey[1] !== 'departments' && q.queryKey[1] !== 'me'),
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginBody) => api.post<Me>('/auth/login', input),
    onSuccess: (me) => {
      resetAfterSessionChange(queryClient);
      queryClient.setQueryData(identityKeys.me, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      resetAfterSessionChange(queryClient);
      queryClient.setQueryData(identityKeys.signedOut, true);
      queryClient.setQueryData(identityKeys.me, null);
    },
  });
}

/** Whether the account signed out in this tab (rather than its session expiring). */
export function useSignedOut(): boolean {
  return useQueryClient().getQueryData<boolean>(identityKeys.signedOut) === true;
}

/** Step 1: a code goes by SMS to the registry's mobile if the details match (the answer never says whether). */
export function useStartRegistration() {
  return useMutation({ mutationFn: (input: RegisterStartBody) => api.post<RegisterStartResponse>('/auth/register/start', input) });
}

/** Step 2: the same details, the code and the password. */
export function useRegister() {
  return useMutation({ mutationFn: (input: RegisterBody) => api.post<{ userId: string; name: string }>('/auth/register', input) });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (input: PasswordChangeBody) => api.post<{ endedSessions: number }>('/auth/password', input) });
}

export function useDepartments({ includeInactive = false }: { includeInactive?: boolean } = {}) {
  return useQuery({
    queryKey: identityKeys.departments(includeInactive),
    queryFn: async () =>
      (await api.get<Items<Department>>('/departments', { query: { includeInactive: includeInactive || undefined } })).items,
    staleTime: 5 * 60_000,
  });
}

export function useCreateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DepartmentCreateBody) => api.post<Department>('/departments', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: identityKeys.departmentsAll }),
  });
}

export function useUpdateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: DepartmentPatchBody }) =>
      api.patch<Department>(`/departments/${encodeURIComponent(id)}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: identityKeys.departmentsAll }),
  });
}

export function useStaffList(filters: StaffFilters) {
  return useQuery({
    queryKey: identityKeys.staff(filters),
    queryFn: () => api.get<Items<Staff> & { total: number }>('/staff', { query: { ...filters } }),
    placeholderData: (previous) => previous,
  });
}

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StaffCreateBody) => api.post<Staff>('/staff', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: identityKeys.staffAll }),
  });
}

export function useUpdateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: StaffPatchBody }) => api.patch<Staff>(`/staff/${encodeURIComponent(id)}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: identityKeys.staffAll }),
  });
}

/** Every role, with whether the caller may grant it where the roles would be held (`departmentId`, default the caller's department). */
export function useRoles(departmentId?: string) {
  return useQuery({
    queryKey: departmentId === undefined ? identityKeys.roles : identityKeys.rolesIn(departmentId),
    queryFn: async () =>
      (await api.get<Items<RoleInfo>>(departmentId === undefined ? '/roles' : `/roles?departmentId=${encodeURIComponent(departmentId)}`))
        .items,
    staleTime: 5 * 60_000,
  });
}

/** Who changed whose roles when, in the caller's department subtree (newest first). */
export function useRoleChanges(page: number) {
  return useQuery({
    queryKey: identityKeys.roleChanges(page),
    queryFn: () => api.get<RoleChangeList>(`/staff/role-changes?page=${page}&pageSize=10`),
  });
}

export function useMyEnterprises() {
  return useQuery({
    queryKey: identityKeys.myEnterprises,
    queryFn: async () => (await api.get<Items<Enterprise>>('/enterprises/mine')).items,
  });
}

function useEnterpriseMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: identityKeys.myEnterprises });
      void queryClient.invalidateQueries({ queryKey: identityKeys.me });
    },
  });
}

/** Invitations to the signed-in person to act as an agent. */
export function useMyInvitations() {
  return useQuery({
    queryKey: [...identityKeys.myEnterprises, 'invitations'],
    queryFn: async () => (await api.get<Items<MyInvitation>>('/enterprise-invitations')).items,
  });
}

export function useAnswerInvitation() {
  return useEnterpriseMutation(({ id, answer }: { id: string; answer: 'accept' | 'decline' }) =>
    api.post<unknown>(`/enterprise-invitations/${encodeURIComponent(id)}/${answer}`),
  );
}

export function useRegisterEnterprise() {
  return useEnterpriseMutation((input: { creditCode: string }) => api.post<Enterprise>('/enterprises', input));
}

export function useGrantAgent() {
  return useEnterpriseMutation(({ creditCode, input }: { creditCode: string; input: AgentGrantBody }) =>
    api.post<AgentInvitation>(`/enterprises/${encodeURIComponent(creditCode)}/agents`, input),
  );
}

export function useRevokeAgent() {
  return useEnterpriseMutation(({ creditCode, userId }: { creditCode: string; userId: string }) =>
    api.delete<void>(`/enterprises/${encodeURIComponent(creditCode)}/agents/${encodeURIComponent(userId)}`),
  );
}

/** A department's name in the current language (the API's `departmentName` fields are Chinese). */
export function useDepartmentName(
  id: string | null | undefined,
  fallback: string | null | undefined,
  language: string,
): string | undefined {
  const departments = useDepartments();
  const department = id ? departments.data?.find((d) => d.id === id) : undefined;
  if (!department) return fallback ?? undefined;
  return language.startsWith('zh') ? department.nameZh : department.nameEn || department.nameZh;
}

export function useApiKeys() {
  return useQuery({ queryKey: identityKeys.apiKeys, queryFn: async () => (await api.get<Items<ApiKey>>('/api-keys')).items });
}

export function useApiKeyUses(id: string) {
  return useQuery({
    queryKey: [...identityKeys.apiKeys, id, 'uses'],
    queryFn: async () => (await api.get<Items<ApiKeyUse>>(`/api-keys/${encodeURIComponent(id)}/uses`)).items,
  });
}

export function useIssueApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<ApiKeyCreateBody> & Pick<ApiKeyCreateBody, 'name' | 'channel' | 'scopes'>) =>
      api.post<ApiKey & { token: string }>('/api-keys', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: identityKeys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ApiKey>(`/api-keys/${encodeURIComponent(id)}/revoke`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: identityKeys.apiKeys }),
  });
}
