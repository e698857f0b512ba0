import { AppError } from '@tongban/domain';
import type { AuditActor } from '../../../platform/audit/audit.ts';
import type { Actor } from '../../../platform/auth/actor.ts';

export type StaffActor = Extract<Actor, { kind: 'staff' }>;
export type UserActor = Extract<Actor, { kind: 'user' }>;

export function auditActorOf(actor: Actor): AuditActor {
  if (actor.kind === 'staff') return { type: 'staff', id: actor.staffId };
  if (actor.kind === 'user') return { type: 'user', id: actor.userId };
  return { type: 'anonymous' };
}

/** Routes already enforce the kind; services check again so they are safe to call from anywhere. */
export function requireStaff(actor: Actor): StaffActor {
  if (actor.kind !== 'staff') throw new AppError('AUTH_FORBIDDEN', '仅限工作人员。Staff only.');
  return actor;
}

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new AppError('AUTH_FORBIDDEN', '仅限个人或企业用户。Citizen accounts only.');
  return actor;
}

export function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

export function isoOrNull(value: Date | string | null | undefined): string | null {
  return value === null || value === undefined ? null : iso(value);
}

/** A unique-constraint violation, from either driver. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
