import type { ExchangeChannel } from '@tongban/domain';
import type { AuditActor } from '../../../platform/audit/audit.ts';

/** One request for authoritative data: who asks, for what, why, about whom (see `runExchange`). */
export type ExchangeRequest = {
  channel: ExchangeChannel;
  consumerDepartmentId: string;
  actor: AuditActor;
  /** The member of staff's name, for the person's "who used my data". */
  actorName?: string | null | undefined;
  /**
   * The reader's own department or service centre when it is not the consumer whose grant applies
   * (a clerk pre-filling at a window under the item department's grant): the log names the reader
   * as consumer and the grant holder as `onBehalfOf`.
   */
  readerDepartmentId?: string | undefined;
  resource: string;
  fields: readonly string[];
  purpose: string | null | undefined;
  /** The catalogue item the purpose serves; for a case, defaults to the case's item. */
  itemCode: string | null;
  caseId: string | null;
  subject: string;
  /**
   * Pre-fill, before any case exists: the subjects present in person — the applicant online (and the
   * enterprises they act for), or the person standing at a clerk's service window. No case is
   * needed, but the subject must be one of these.
   */
  subjectsPresent?: readonly string[] | undefined;
  /**
   * Purpose binding (a staff query): the querying staff member's department subtree. The cited case
   * must be one these departments handle (responsible, or holding a task of it) and still open.
   */
  servingScope?: readonly string[] | undefined;
  requestId?: string | undefined;
};
