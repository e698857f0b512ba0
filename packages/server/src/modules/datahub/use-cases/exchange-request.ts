import type { ExchangeChannel } from '@tongban/domain';
import type { AuditActor } from '../../../platform/audit/audit.ts';

/** One request for authoritative data: who asks, for what, why, about whom (see `runExchange`). */
export type ExchangeRequest = {
  channel: ExchangeChannel;
  consumerDepartmentId: string;
  actor: AuditActor;
  resource: string;
  fields: readonly string[];
  purpose: string | null | undefined;
  /** The catalogue item the purpose serves; for a case, defaults to the case's item. */
  itemCode: string | null;
  caseId: string | null;
  subject: string;
  /**
   * The data subject acting for themselves (pre-fill): no case is needed, but the subject must be
   * one of these (the person and the enterprises they act for).
   */
  selfSubjects?: readonly string[] | undefined;
  requestId?: string | undefined;
};
