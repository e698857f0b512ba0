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
  'AUTH_PASSWORD_TOO_WEAK',
  // identity
  'IDENTITY_ID_NUMBER_INVALID',
  'IDENTITY_CREDIT_CODE_INVALID',
  'IDENTITY_NOT_IN_REGISTRY',
  'IDENTITY_ALREADY_REGISTERED',
  'IDENTITY_DEPARTMENT_NOT_FOUND',
  'IDENTITY_STAFF_NOT_FOUND',
  'IDENTITY_ROLE_UNKNOWN',
  'IDENTITY_USERNAME_TAKEN',
  'IDENTITY_ENTERPRISE_NOT_FOUND',
  'IDENTITY_NOT_REPRESENTATIVE',
  // catalogue
  'CATALOGUE_ITEM_NOT_FOUND',
  'CATALOGUE_ITEM_NOT_PUBLISHED',
  'CATALOGUE_VERSION_IMMUTABLE',
  'CATALOGUE_INVALID_TRANSITION',
  'CATALOGUE_SELF_PUBLISH_FORBIDDEN',
  'CATALOGUE_PROCESS_INVALID',
  'CATALOGUE_BUNDLE_FIELD_CONFLICT',
  // audit
  'AUDIT_CHAIN_BROKEN',
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
