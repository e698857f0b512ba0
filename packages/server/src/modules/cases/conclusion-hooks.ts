import type { CaseOutcome } from '@tongban/domain';
import type { Sql } from '../../platform/db/db.ts';

/**
 * The conclusion hook: when a (non-bundle) case ends, every registered hook runs inside the
 * transaction that concludes it, after the action, cached status and audit entry are written. The
 * licences module registers one that records an issuance request and enqueues its job (the outbox),
 * so an approved case and its e-licence request commit together or not at all.
 *
 * Hooks must be cheap and must only write (their own tables, a job): an error thrown by a hook
 * rolls the conclusion back, which is the point — nothing that must follow a conclusion is lost.
 */
export type CaseConclusion = {
  sql: Sql;
  at: Date;
  caseId: string;
  trackingNumber: string;
  itemCode: string;
  /** The catalogue version the case was filed under (catalogue `getItemVersion`). */
  catalogueVersionId: string;
  outcome: CaseOutcome;
  applicant: {
    type: 'person' | 'enterprise';
    idNumber: string;
    name: string;
    userId: string | null;
    enterpriseCreditCode: string | null;
    enterpriseName: string | null;
  };
  responsibleDepartmentId: string;
  form: Record<string, string | number>;
  /** The result's certificate number (`case_result.certificate_no`), when one was assigned. */
  certificateNumber: string | null;
  decidedBy: { type: 'user' | 'staff' | 'system'; id: string | null; name: string | null; departmentId: string | null };
  requestId?: string | undefined;
};

export type ConclusionHook = (conclusion: CaseConclusion) => Promise<void>;

const hooks = new Map<string, ConclusionHook>();

export const conclusionHooks = {
  /** Registers (or replaces) the hook called `name`; returns a function that removes it again. */
  register(name: string, hook: ConclusionHook): () => void {
    hooks.set(name, hook);
    return () => {
      if (hooks.get(name) === hook) hooks.delete(name);
    };
  },
};

export async function runConclusionHooks(conclusion: CaseConclusion): Promise<void> {
  for (const hook of hooks.values()) await hook(conclusion);
}
