import type { Department, Permission, StaffRole } from '@tongban/domain';

// The shapes are the domain package's zod schemas (the same ones the server validates with).
export type {
  AgentGrantBody,
  AgentInvitation,
  Department,
  DepartmentCreateBody,
  DepartmentKind,
  DepartmentPatchBody,
  Enterprise,
  EnterpriseAgent,
  EnterpriseCapacity,
  LoginBody,
  Me,
  MyInvitation,
  PasswordChangeBody,
  RegisterBody,
  RegisterStartBody,
  RegisterStartResponse,
  RoleChange,
  RoleChangeList,
  Staff,
  StaffCreateBody,
  StaffPatchBody,
} from '@tongban/domain';

export type DepartmentInput = Omit<Department, 'active'>;
export type StaffFilters = { departmentId?: string; q?: string; page: number; pageSize: number };
export type RoleInfo = {
  role: StaffRole;
  label: { zh: string; en: string };
  permissions: Permission[];
  /** Whether the signed-in administrator may grant (and take away) the role. */
  grantable: boolean;
};
