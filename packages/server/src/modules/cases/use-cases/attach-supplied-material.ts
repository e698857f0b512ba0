import { recordAudit } from '../../../platform/audit/audit.ts';
import type { Platform } from '../../../platform/context.ts';

/**
 * The data hub retries materials it could not supply at filing (provider down). When a retry
 * succeeds it announces the supply on this queue, inside its own transaction; the case's pending
 * material row is then marked attached here. The queue name is the contract between the two
 * modules (cases cannot import the hub: the hub already depends on cases).
 */
export const MATERIAL_SUPPLIED_QUEUE = 'datahub-material-supplied';

export type MaterialSuppliedEvent = {
  caseId: string;
  materialId: string;
  itemCode: string;
  sourceRef: string;
  sha256: string;
  providerDepartmentId: string;
  suppliedAt: string;
};

/** Idempotent: a second delivery of the same event finds no pending row and changes nothing. */
export async function attachSuppliedMaterial(platform: Platform, event: MaterialSuppliedEvent): Promise<boolean> {
  return platform.db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `update case_material set state = 'attached', source_ref = $3, sha256 = $4, supplied_at = $5
        where case_id = $1 and material_id = $2 and state = 'pending' and provenance = 'datahub'
        returning id`,
      [event.caseId, event.materialId, event.sourceRef, event.sha256, new Date(event.suppliedAt)],
    );
    if (rows.length === 0) return false;
    await tx.query('update case_file set materials_by_platform = materials_by_platform + 1 where id = $1', [event.caseId]);
    await recordAudit(tx, platform.clock.now(), {
      actor: { type: 'system', id: 'datahub.retry' },
      action: 'cases.material.supplied',
      target: { type: 'case', id: event.caseId },
      detail: { materialId: event.materialId, sourceRef: event.sourceRef, providerDepartmentId: event.providerDepartmentId },
    });
    return true;
  });
}
