/**
 * Shapes of the identity API (accounts, sessions, departments, staff, enterprises), shared by the
 * server routes (validation + OpenAPI) and the web app's forms and client.
 *
 * Text typed on a Chinese IME often arrives with full-width digits and letters (３１０…Ｘ) or
 * invisible zero-width characters pasted from chat apps. Every text input is therefore
 * NFKC-normalised and stripped of zero-width characters before it is validated, so the same
 * resident ID number works however it was typed.
 */
import { z } from 'zod';
import { isValidMobile } from './ids.ts';
import { permissions, staffRoles } from './permissions.ts';

const zeroWidthChars = /[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g;

/** NFKC, without zero-width characters, trimmed: what a person meant to type. */
export function normaliseText(value: string): string {
  return value.normalize('NFKC').replace(zeroWidthChars, '').trim();
}

/** For identifiers (ID numbers, credit codes, mobiles, codes): also no inner spaces, upper case. */
export function normaliseIdentifier(value: string): string {
  return normaliseText(value).replace(/\s+/g, '').toUpperCase();
}

/**
 * Passwords are NFKC-normalised (as NIST SP 800-63B advises) and freed of zero-width characters,
 * but not trimmed: spaces may be part of a password.
 */
export function normalisePassword(value: string): string {
  return value.normalize('NFKC').replace(zeroWidthChars, '');
}

const asText = (v: unknown) => (typeof v === 'string' ? normaliseText(v) : v);
const asIdentifier = (v: unknown) => (typeof v === 'string' ? normaliseIdentifier(v) : v);
const asLowerIdentifier = (v: unknown) => (typeof v === 'string' ? normaliseIdentifier(v).toLowerCase() : v);

/** A free-text field: normalised, then bounded. */
const textField = (max: number, min = 1) => z.preprocess(asText, z.string().min(min).max(max));
/** An identifier: normalised and upper-cased; the check digits are verified by the service (own error codes). */
const identifierField = (max = 32) => z.preprocess(asIdentifier, z.string().min(1).max(max));

const passwordField = z.string().min(1).max(128);

export const PASSWORD_MIN_LENGTH = 8;
export type PasswordProblem = 'too_short' | 'needs_letters_and_digits';

/** The password policy: at least 8 characters with both letters and digits. */
export function checkPasswordStrength(password: string): PasswordProblem | undefined {
  const value = normalisePassword(password);
  if ([...value].length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (!/\p{L}/u.test(value) || !/\p{Nd}/u.test(value)) return 'needs_letters_and_digits';
  return undefined;
}

/** Keeps the first 6 characters of an address (district level) and hides the rest. */
export function maskAddress(value: string): string {
  const chars = [...value];
  return chars.length <= 6 ? `${chars.slice(0, 2).join('')}****` : `${chars.slice(0, 6).join('')}****`;
}

/** `?flag=true|false` in a query string (z.coerce.boolean would read 'false' as true). */
const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

const isoDateTime = z.string().describe('ISO 8601 date-time');

// ---------------------------------------------------------------------------------------------
// Departments
// ---------------------------------------------------------------------------------------------

export const departmentKinds = ['city', 'district', 'street', 'service_centre', 'bureau', 'office'] as const;
export type DepartmentKind = (typeof departmentKinds)[number];

/** Which kinds a department of each kind may sit under (the city is the root). */
export const departmentParentKinds: Record<DepartmentKind, readonly DepartmentKind[]> = {
  city: [],
  district: ['city'],
  street: ['district'],
  service_centre: ['city', 'district', 'street'],
  bureau: ['city', 'district'],
  office: ['city', 'district', 'street', 'bureau'],
};

export const departmentKindLabels: Record<DepartmentKind, { zh: string; en: string }> = {
  city: { zh: '市', en: 'City' },
  district: { zh: '区', en: 'District' },
  street: { zh: '街道/镇', en: 'Street / town' },
  service_centre: { zh: '政务服务中心', en: 'Service centre' },
  bureau: { zh: '委办局', en: 'Bureau' },
  office: { zh: '科室/办公室', en: 'Office' },
};

const departmentIdField = z.preprocess(
  asIdentifier,
  z
    .string()
    .max(40)
    .regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, 'Department codes are upper-case letters, digits and hyphens, e.g. SH-PD-LJZ'),
);

export const departmentSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(departmentKinds),
  nameZh: z.string(),
  nameEn: z.string(),
  divisionCode: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
});
export type Department = z.infer<typeof departmentSchema>;

export const departmentDetailSchema = departmentSchema.extend({
  /** From the root down to the parent, for breadcrumbs. */
  ancestors: z.array(z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), kind: z.enum(departmentKinds) })),
});
export type DepartmentDetail = z.infer<typeof departmentDetailSchema>;

export const departmentListQuerySchema = z.object({
  kind: z.enum(departmentKinds).optional(),
  parentId: departmentIdField.optional(),
  includeInactive: queryBoolean.optional(),
});
export const departmentListResponseSchema = z.object({ items: z.array(departmentSchema) });
export const departmentParamsSchema = z.object({ id: departmentIdField });

export const departmentCreateBodySchema = z.object({
  id: departmentIdField,
  parentId: departmentIdField.nullable(),
  kind: z.enum(departmentKinds),
  nameZh: textField(100),
  nameEn: textField(200),
  divisionCode: z.preprocess(asIdentifier, z.string().regex(/^\d{6,12}$/)).nullish(),
  address: textField(200).nullish(),
  phone: textField(40).nullish(),
});
export type DepartmentCreateBody = z.infer<typeof departmentCreateBodySchema>;

export const departmentPatchBodySchema = z.object({
  parentId: departmentIdField.optional(),
  nameZh: textField(100).optional(),
  nameEn: textField(200).optional(),
  divisionCode: z.preprocess(asIdentifier, z.string().regex(/^\d{6,12}$/)).nullish(),
  address: textField(200).nullish(),
  phone: textField(40).nullish(),
  active: z.boolean().optional(),
});
export type DepartmentPatchBody = z.infer<typeof departmentPatchBodySchema>;

// ---------------------------------------------------------------------------------------------
// Staff and roles
// ---------------------------------------------------------------------------------------------

const usernameField = z.preprocess(
  asLowerIdentifier,
  z
    .string()
    .min(3)
    .max(40)
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Usernames are lower-case letters, digits, dots, hyphens and underscores'),
);

/** Role names are checked by the service (IDENTITY_ROLE_UNKNOWN), so they are plain strings here. */
const roleNamesField = z.array(z.preprocess(asLowerIdentifier, z.string().min(1).max(40))).max(staffRoles.length);

export const staffSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  roles: z.array(z.enum(staffRoles)),
  active: z.boolean(),
  lockedUntil: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type Staff = z.infer<typeof staffSchema>;

export const staffListQuerySchema = z.object({
  departmentId: departmentIdField.optional(),
  q: textField(50, 0).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type StaffListQuery = z.infer<typeof staffListQuerySchema>;
export const staffListResponseSchema = z.object({
  items: z.array(staffSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const staffParamsSchema = z.object({ id: z.string().min(1).max(64) });

export const staffCreateBodySchema = z.object({
  username: usernameField,
  name: textField(50),
  departmentId: departmentIdField,
  roles: roleNamesField.min(1),
  /** The initial password, handed to the person by the administrator. */
  password: passwordField,
});
export type StaffCreateBody = z.infer<typeof staffCreateBodySchema>;

export const staffPatchBodySchema = z.object({
  name: textField(50).optional(),
  departmentId: departmentIdField.optional(),
  roles: roleNamesField.optional(),
  active: z.boolean().optional(),
  /** Resets the password (ends the person's sessions and lifts a lockout). */
  password: passwordField.optional(),
});
export type StaffPatchBody = z.infer<typeof staffPatchBodySchema>;

export const roleInfoSchema = z.object({
  role: z.enum(staffRoles),
  label: z.object({ zh: z.string(), en: z.string() }),
  permissions: z.array(z.enum(permissions)),
  /** Whether the caller may grant (and take away) this role, in the department asked about (`role-grants.ts`). */
  grantable: z.boolean(),
});
export const roleListResponseSchema = z.object({ items: z.array(roleInfoSchema) });
export const roleListQuerySchema = z.object({
  /** Where the roles would be held (default: the caller's department); hotline roles depend on it. */
  departmentId: departmentIdField.optional(),
});

/** One change of a staff member's roles (an account's creation included: from no roles). */
export const roleChangeSchema = z.object({
  id: z.string(),
  at: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  changedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  rolesFrom: z.array(z.enum(staffRoles)),
  rolesTo: z.array(z.enum(staffRoles)),
  added: z.array(z.enum(staffRoles)),
  removed: z.array(z.enum(staffRoles)),
});
export type RoleChange = z.infer<typeof roleChangeSchema>;
export const roleChangeListQuerySchema = z.object({
  departmentId: departmentIdField.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type RoleChangeListQuery = z.infer<typeof roleChangeListQuerySchema>;
export const roleChangeListSchema = z.object({
  items: z.array(roleChangeSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type RoleChangeList = z.infer<typeof roleChangeListSchema>;

// ---------------------------------------------------------------------------------------------
// Accounts and sessions
// ---------------------------------------------------------------------------------------------

const mobileField = z.preprocess(
  asIdentifier,
  z.string().refine(isValidMobile, '请输入11位手机号码 Enter an 11-digit mainland mobile number'),
);

/** Step 1 of registration: who the person says they are; a code goes to the registry's mobile if it is this one. */
export const registerStartBodySchema = z.object({ name: textField(50), idNumber: identifierField(), mobile: mobileField });
export type RegisterStartBody = z.infer<typeof registerStartBodySchema>;

/** The same answer whatever the registry holds (no existence oracle). */
export const registerStartResponseSchema = z.object({ message: z.string(), codeValidSeconds: z.number().int() });
export type RegisterStartResponse = z.infer<typeof registerStartResponseSchema>;

/** Six digits, as typed (full-width digits and spaces are normalised away). */
export const oneTimeCodeField = z.preprocess(asIdentifier, z.string().regex(/^\d{6}$/, '请输入6位数字验证码 Enter the 6-digit code'));

/** Step 2: the same details, the code from the SMS and the new password. */
export const registerBodySchema = z.object({
  name: textField(50),
  idNumber: identifierField(),
  mobile: mobileField,
  code: oneTimeCodeField,
  password: passwordField,
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

export const registerResponseSchema = z.object({ userId: z.string(), name: z.string(), idNumberMasked: z.string() });

export const principalKinds = ['user', 'staff'] as const;
export type PrincipalKind = (typeof principalKinds)[number];

export const loginBodySchema = z.object({
  kind: z.enum(principalKinds),
  /** Citizens: resident ID number or mobile; staff: username. */
  username: z.preprocess(asText, z.string().min(1).max(64)),
  password: passwordField,
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const passwordChangeBodySchema = z.object({ currentPassword: passwordField, newPassword: passwordField });
export type PasswordChangeBody = z.infer<typeof passwordChangeBodySchema>;

export const enterpriseCapacities = ['legal_representative', 'agent'] as const;
export type EnterpriseCapacity = (typeof enterpriseCapacities)[number];

export const meSchema = z.object({
  kind: z.enum(principalKinds),
  id: z.string(),
  name: z.string(),
  /** Citizens only. */
  idNumberMasked: z.string().nullable(),
  mobileMasked: z.string().nullable(),
  /** Staff only (empty for citizens). */
  roles: z.array(z.enum(staffRoles)),
  permissions: z.array(z.enum(permissions)),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  /** Citizens only: enterprises the person may act for. */
  enterprises: z.array(z.object({ creditCode: z.string(), name: z.string(), capacity: z.enum(enterpriseCapacities) })),
});
export type Me = z.infer<typeof meSchema>;

// ---------------------------------------------------------------------------------------------
// Clerk lookup of a registry person
// ---------------------------------------------------------------------------------------------

export const personLookupParamsSchema = z.object({ idNumber: identifierField() });
export const personLookupSchema = z.object({
  idNumberMasked: z.string(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  ethnicity: z.string(),
  householdDistrict: z.string(),
  householdAddressMasked: z.string(),
  residenceAddressMasked: z.string(),
  mobileMasked: z.string().nullable(),
  alive: z.boolean(),
  /** Whether the person has a platform account (so a window filing shows up in their portal). */
  hasAccount: z.boolean(),
});
export type PersonLookup = z.infer<typeof personLookupSchema>;
