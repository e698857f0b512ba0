import type { MaterialProvider, MaterialSupplyRequest, MaterialSupplyResult } from '../../cases/index.ts';
import { findPublishedItem } from '../../catalogue/index.ts';
import { recordLicenceUse } from './usage.ts';

/**
 * Reuse as material (once-only): at filing, the cases module offers each material whose source is
 * a licence type to this provider. The newest licence of that type that the applicant (or the
 * enterprise they file for, first) holds and that is valid now — active, not suspended or revoked,
 * within its dates — is attached by reference (`licence:<id>`), and the use lands in the holder's
 * log with the consuming department. None valid: the material stays pending for the applicant.
 */
export function createLicenceMaterialProvider(): MaterialProvider {
  return async (request: MaterialSupplyRequest): Promise<MaterialSupplyResult> => {
    const { sql, at, material, applicant } = request;
    if (material.source.kind !== 'licence') return { state: 'pending', note: 'not a licence material' };
    const holders = [applicant.enterpriseCreditCode, applicant.idNumber].filter((h): h is string => !!h);
    const [licence] = await sql.query<{ id: string; holder_id: string; licence_no: string; type_code: string }>(
      `select id, holder_id, licence_no, type_code from licence
       where type_code = $1 and holder_id = any($2::text[]) and status = 'active' and valid_from <= $3 and (valid_until is null or valid_until > $3)
       order by (holder_id = $4) desc, issued_at desc, id limit 1`,
      [material.source.licenceType, holders, at, holders[0] ?? ''],
    );
    if (!licence) return { state: 'pending', note: `no valid ${material.source.licenceType} licence` };
    const item = await findPublishedItem(sql, request.itemCode);
    await recordLicenceUse(sql, at, {
      licenceId: licence.id,
      holderId: licence.holder_id,
      kind: 'material',
      caseId: request.caseId,
      materialId: material.id,
      consumerDepartmentId: item?.content.responsibleDepartment,
      licenceType: licence.type_code,
      licenceNumber: licence.licence_no,
    });
    return { state: 'attached', sourceRef: `licence:${licence.id}` };
  };
}
