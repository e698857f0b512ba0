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
    const [licence] = await sql.query<{
      id: string;
      holder_id: string;
      licence_no: string;
      type_code: string;
      issuer_department_id: string;
      fields: Record<string, unknown>;
      name_zh: string;
      name_en: string;
    }>(
      `select l.id, l.holder_id, l.licence_no, l.type_code, l.issuer_department_id, l.fields, t.name_zh, t.name_en
       from licence l join licence_type t on t.code = l.type_code
       where l.type_code = $1 and l.holder_id = any($2::text[]) and l.status = 'active' and l.valid_from <= $3
         and (l.valid_until is null or l.valid_until > $3)
       order by (l.holder_id = $4) desc, l.issued_at desc, l.id limit 1`,
      [material.source.licenceType, holders, at, holders[0] ?? ''],
    );
    if (!licence) return { state: 'pending', note: `no valid ${material.source.licenceType} licence` };
    const item = await findPublishedItem(sql, request.itemCode);
    const itemName = item?.content.name ?? { zh: request.itemCode, en: request.itemCode };
    await recordLicenceUse(sql, at, {
      licenceId: licence.id,
      holderId: licence.holder_id,
      kind: 'material',
      caseId: request.caseId,
      itemCode: request.itemCode,
      materialId: material.id,
      consumerDepartmentId: item?.content.responsibleDepartment,
      licenceFields: Object.keys(licence.fields),
      licenceType: licence.type_code,
      licenceName: { zh: licence.name_zh, en: licence.name_en },
      licenceNumber: licence.licence_no,
      issuerDepartmentId: licence.issuer_department_id,
      // Worded like the hub's own supplies at filing, so the holder's list reads the same.
      purpose: `办理「${itemName.zh}」（${request.itemCode}，${request.trackingNumber}）所需材料「${material.name.zh}」 / ${material.name.en} for ${itemName.en}`,
    });
    return { state: 'attached', sourceRef: `licence:${licence.id}` };
  };
}
