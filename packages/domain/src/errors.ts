/**
 * One error type for the whole platform. Services throw `AppError` with a string code; the HTTP
 * layer maps each code to a status (see server `platform/http/error-status.ts`). Codes are
 * grouped by the module that owns them; add new ones here so the status map stays exhaustive.
 */
export const errorCodes = [
  // generic
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL',
  'SERVICE_UNAVAILABLE',
  'IDEMPOTENCY_KEY_REUSED',
  // auth and sessions
  'AUTH_REQUIRED',
  'AUTH_INVALID_CREDENTIALS',
  'AUTH_ACCOUNT_LOCKED',
  'AUTH_SESSION_EXPIRED',
  'AUTH_CSRF_INVALID',
  'AUTH_FORBIDDEN',
  'AUTH_API_KEY_REQUIRED',
  'AUTH_API_KEY_INVALID',
  'AUTH_API_KEY_SCOPE',
  'AUTH_PASSWORD_TOO_WEAK',
  // identity
  'IDENTITY_ID_NUMBER_INVALID',
  'IDENTITY_CREDIT_CODE_INVALID',
  'IDENTITY_NOT_IN_REGISTRY',
  'IDENTITY_ALREADY_REGISTERED',
  'IDENTITY_DEPARTMENT_NOT_FOUND',
  'IDENTITY_STAFF_NOT_FOUND',
  'IDENTITY_API_KEY_NOT_FOUND',
  'IDENTITY_ROLE_UNKNOWN',
  'IDENTITY_ROLE_GRANT_FORBIDDEN',
  'IDENTITY_USERNAME_TAKEN',
  'IDENTITY_ENTERPRISE_NOT_FOUND',
  'IDENTITY_NOT_REPRESENTATIVE',
  'IDENTITY_USER_NOT_FOUND',
  'IDENTITY_REGISTRATION_UNVERIFIED',
  'AUTH_LOGIN_THROTTLED',
  // catalogue
  'CATALOGUE_ITEM_NOT_FOUND',
  'CATALOGUE_ITEM_NOT_PUBLISHED',
  'CATALOGUE_VERSION_IMMUTABLE',
  'CATALOGUE_INVALID_TRANSITION',
  'CATALOGUE_SELF_PUBLISH_FORBIDDEN',
  'CATALOGUE_PROCESS_INVALID',
  'CATALOGUE_BUNDLE_FIELD_CONFLICT',
  // cases
  'CASES_NOT_FOUND',
  'CASES_ACTION_NOT_ALLOWED',
  'CASES_ROLE_FORBIDDEN',
  'CASES_WRONG_DEPARTMENT',
  'CASES_STEP_INVALID',
  'CASES_CONCURRENT_UPDATE',
  'CASES_TASK_NOT_FOUND',
  'CASES_TASK_CLAIMED',
  'CASES_DUTY_CONFLICT',
  'CASES_FORM_INVALID',
  'CASES_MATERIAL_MISSING',
  'CASES_UPLOAD_NOT_FOUND',
  'CASES_UPLOAD_QUOTA_EXCEEDED',
  'CASES_APPLICANT_NOT_ELIGIBLE',
  'CASES_NOT_REPRESENTATIVE',
  'CASES_CHANNEL_NOT_OFFERED',
  'CASES_DRAFT_NOT_FOUND',
  'CASES_RESULT_NOT_READY',
  'CASES_REASSIGN_TARGET_INVALID',
  // data hub
  'DATAHUB_RESOURCE_NOT_FOUND',
  'DATAHUB_NOT_OWNER',
  'DATAHUB_NOT_SHARED',
  'DATAHUB_PURPOSE_REQUIRED',
  'DATAHUB_NO_GRANT',
  'DATAHUB_FIELD_NOT_GRANTED',
  'DATAHUB_SUBJECT_NOT_IN_CASE',
  'DATAHUB_CONSENT_REQUIRED',
  'DATAHUB_PROVIDER_UNAVAILABLE',
  'DATAHUB_PROVIDER_SIGNATURE_INVALID',
  'DATAHUB_GRANT_NOT_FOUND',
  'DATAHUB_GRANT_INVALID_TRANSITION',
  'DATAHUB_CASE_NOT_OURS',
  'DATAHUB_CASE_CLOSED',
  'DATAHUB_PRESENCE_REQUIRED',
  'DATAHUB_CARD_READ_INVALID',
  // licences
  'LICENCES_NOT_FOUND',
  'LICENCES_TYPE_UNKNOWN',
  'LICENCES_INVALID_TRANSITION',
  'LICENCES_FIELD_UNKNOWN',
  'LICENCES_SHARE_NOT_FOUND',
  'LICENCES_SHARE_EXPIRED',
  'LICENCES_NOT_ACTIVE',
  'LICENCES_ISSUER_NOT_FOUND',
  'LICENCES_STATUS_LIST_NOT_FOUND',
  // audit
  'AUDIT_CHAIN_BROKEN',
  // uploads (platform storage)
  'UPLOAD_INFECTED',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export type AppErrorDetails = {
  /** Dotted path of the input field at fault, e.g. `body.idNumber`. */
  field?: string;
  /** Extra machine-readable context safe to show to the caller. */
  details?: Record<string, unknown>;
  cause?: unknown;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, extra: AppErrorDetails = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = extra.field;
    this.details = extra.details;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
